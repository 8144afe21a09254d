#!/bin/sh
# changeledger collector for one Proxmox VE node: pushes new lines of the task index, the whole
# active task list and new lines of the pveproxy access log to changeledger, then a heartbeat naming
# the sources it read (also when nothing was new, so a quiet host is told apart from a dead
# collector). A file that rotated more than once since the last run is reported as a possible loss
# from that run to this one. Run it from cron or a systemd timer (every minute is fine; a silence
# of 30 minutes is a collection gap). On a Proxmox VE node (one with /etc/pve) it also pushes a
# configuration snapshot (a tar of the guest configs, storage.cfg, user.cfg, datacenter.cfg, the
# firewall files, /etc/network/interfaces, /etc/hosts, /etc/resolv.conf and dpkg-query -W output)
# when any of them changed since its last push; it never reads /etc/pve/priv. There it also sends the
# node's systemd journal from the cursor it saved (journalctl -o json --after-cursor, whole entries, in
# chunks; the first run starts PVE_JOURNAL_SINCE ago): guest crashes, memory kills and boots that no
# task records, and task start/end lines that fill in tasks rotated out of the index.
# POSIX sh + curl + tar; keeps its offsets and the snapshot's checksum in a state directory.
#
# Settings (environment, or the file named by CHANGELEDGER_COLLECTOR_ENV,
# default /etc/changeledger/collector.env):
#   CHANGELEDGER_URL          https://changeledger.example:8443   (https; http only for loopback)
#   CHANGELEDGER_HOST         the host id registered in changeledger, e.g. infra
#   CHANGELEDGER_TOKEN_FILE   file with this host's ingester key (or CHANGELEDGER_TOKEN)
#   CHANGELEDGER_CA_FILE      CA of the service's certificate (curl --cacert), or
#   CHANGELEDGER_PINNED_KEY   sha256//<base64> of the service's public key (curl --pinnedpubkey; alone, the pin
#                             replaces the CA check, so a self-signed certificate works; see docs/tls.md)
#   CHANGELEDGER_STATE_DIR    default /var/lib/changeledger-collector
#   PVE_TASK_DIR              default /var/log/pve/tasks
#   PVE_ACCESS_LOG            default /var/log/pveproxy/access.log
#   PVE_CONFIG_ROOT           default / (the directory holding etc/pve, etc/network...)
#   PVE_PACKAGES_COMMAND      default "dpkg-query -W" (empty: send no package list)
#   PVE_JOURNALCTL            default journalctl on a Proxmox VE node (empty: send no journal)
#   PVE_JOURNAL_SINCE         where the first run starts, default -24h (journalctl --since)
#   PVE_JOURNAL_CHUNK_LINES   entries per upload, default 5000
set -eu

env_file=${CHANGELEDGER_COLLECTOR_ENV:-/etc/changeledger/collector.env}
# shellcheck disable=SC1090
[ -r "$env_file" ] && . "$env_file"

: "${CHANGELEDGER_URL:?set CHANGELEDGER_URL}"
: "${CHANGELEDGER_HOST:?set CHANGELEDGER_HOST}"
state_dir=${CHANGELEDGER_STATE_DIR:-/var/lib/changeledger-collector}
task_dir=${PVE_TASK_DIR:-/var/log/pve/tasks}
access_log=${PVE_ACCESS_LOG:-/var/log/pveproxy/access.log}
config_root=${PVE_CONFIG_ROOT:-/}
packages_command=${PVE_PACKAGES_COMMAND-dpkg-query -W}
journal_since=${PVE_JOURNAL_SINCE:--24h}
journal_chunk=${PVE_JOURNAL_CHUNK_LINES:-5000}

collector_version=0.3.0

log() { printf 'changeledger-collect: %s\n' "$*" >&2; }

if [ -n "${CHANGELEDGER_TOKEN_FILE:-}" ]; then
  token=$(cat "$CHANGELEDGER_TOKEN_FILE")
else
  token=${CHANGELEDGER_TOKEN:?set CHANGELEDGER_TOKEN_FILE or CHANGELEDGER_TOKEN}
fi

tls=""
case "$CHANGELEDGER_URL" in
  https://*)
    if [ -n "${CHANGELEDGER_CA_FILE:-}" ]; then
      tls="--cacert $CHANGELEDGER_CA_FILE"
      [ -n "${CHANGELEDGER_PINNED_KEY:-}" ] && tls="$tls --pinnedpubkey $CHANGELEDGER_PINNED_KEY"
    elif [ -n "${CHANGELEDGER_PINNED_KEY:-}" ]; then
      # the pinned key is the trust anchor (a self-signed certificate works): curl skips the CA check but still
      # refuses any certificate whose public key is not this one
      tls="--insecure --pinnedpubkey $CHANGELEDGER_PINNED_KEY"
    else
      log "set CHANGELEDGER_CA_FILE or CHANGELEDGER_PINNED_KEY: the collector only talks to a pinned service"
      exit 2
    fi ;;
  http://127.0.0.1:*|http://localhost:*|http://\[::1\]:*) ;;
  *) log "CHANGELEDGER_URL must be https:// (plain http only on loopback)"; exit 2 ;;
esac

mkdir -p "$state_dir"
umask 077
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
# the key goes to curl in a file, never on the command line where ps would show it
printf 'Authorization: Bearer %s\n' "$token" > "$work/auth-header"

# keep_rejected ENDPOINT FILE: appends the lines the service refused (the first 100 of an upload are listed
# in its answer, by line number) to rejected-ENDPOINT.log in the state directory, for a person to look at.
keep_rejected() {
  if [ "$1" = config ]; then
    # a snapshot's refused lines are numbered within its files: keep the answer that names them
    if grep -q '"rejectedCount":[1-9]' "$work/response" 2>/dev/null; then
      cp "$work/response" "$state_dir/rejected-config.json"
      log "config: the service refused some lines; see $state_dir/rejected-config.json"
    fi
    return 0
  fi
  numbers=$(grep -o '"lineNumber":[0-9]*' "$work/response" 2>/dev/null | cut -d: -f2) || true
  [ -n "$numbers" ] || return 0
  rejects="$state_dir/rejected-$1.log"
  count=$(grep -o '"rejectedCount":[0-9]*' "$work/response" | cut -d: -f2)
  for n in $numbers; do
    sed -n "${n}p" "$2" >> "$rejects"
  done
  log "$1: the service refused ${count:-some} line(s); the first are kept in $rejects"
}

# upload ENDPOINT FILE [CONTENT-TYPE]: 0 when the service took the upload (200, or 204 for the heartbeat),
# refused every line (422), or refused the chunk itself with another 4xx (a resend would not change any of
# these: the chunk is moved aside into the state directory and the offset advances); 1 otherwise (no answer,
# 5xx, or 401/403/404/408/429, which a fixed key, host or a later try can cure), so the offset is kept and
# the lines are retried.
upload() {
  curl_status=0
  # shellcheck disable=SC2086
  code=$(curl -sS $tls --retry 3 --max-time 120 -o "$work/response" -w '%{http_code}' \
    -H "@$work/auth-header" -H "Content-Type: ${3:-text/plain; charset=utf-8}" \
    --data-binary "@$2" "$CHANGELEDGER_URL/api/v1/hosts/$CHANGELEDGER_HOST/ingest/$1") || { curl_status=$?; code=000; }
  case "$curl_status" in
    35|51|53|54|58|59|60|64|66|77|80|82|83|90|91)
      log "$1: no TLS connection to $CHANGELEDGER_URL (curl exit $curl_status): its certificate does not match" \
        "CHANGELEDGER_CA_FILE / CHANGELEDGER_PINNED_KEY, or it does not speak TLS there; nothing was sent"
      return 1 ;;
  esac
  case "$code" in
    204) return 0 ;;
    200) keep_rejected "$1" "$2"; return 0 ;;
    422) log "$1: every line was refused"; keep_rejected "$1" "$2"; return 0 ;;
    401|403|404|408|429) log "$1: upload failed with HTTP $code: $(cat "$work/response" 2>/dev/null)"; return 1 ;;
    4??)
      aside="$state_dir/refused-$1-$(date -u +%Y%m%dT%H%M%SZ)-$$.txt"
      cp "$2" "$aside"
      log "$1: the service refused the chunk with HTTP $code ($(cat "$work/response" 2>/dev/null));" \
        "moved aside to $aside, going on with the next lines"
      return 0 ;;
    *) log "$1: upload failed with HTTP $code: $(cat "$work/response" 2>/dev/null)"; return 1 ;;
  esac
}

inode_of() { ls -di "$1" 2>/dev/null | awk '{print $1}'; }
iso() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%SZ; }
mtime_of() { date -u -r "$1" +%Y-%m-%dT%H:%M:%SZ 2>/dev/null; }
size_of() { wc -c < "$1" | tr -d ' '; }

# complete_lines FILE OFFSET OUT: copies the whole lines after OFFSET into OUT, prints their bytes.
complete_lines() {
  tail -c "+$(($2 + 1))" "$1" > "$3.raw"
  total=$(size_of "$3.raw")
  partial=0
  if [ "$total" -gt 0 ] && [ "$(tail -c 1 "$3.raw" | od -An -c | tr -d ' ')" != '\n' ]; then
    partial=$(tail -n 1 "$3.raw" | wc -c | tr -d ' ')
  fi
  head -c "$((total - partial))" "$3.raw" > "$3"
  echo $((total - partial))
}

# follow NAME FILE ROTATED ENDPOINT: sends the new whole lines of FILE, and after a rotation the
# rest of ROTATED first; remembers "inode offset" in the state directory (its time is the last
# read). When the file it read last is neither FILE nor ROTATED any more, it rotated more than once:
# ROTATED is sent whole, and the lines written after the last read may be lost, noted in the state
# directory as NAME.loss ("from to", widened until a heartbeat has delivered it).
follow() {
  state="$state_dir/$1.offset"
  saved_inode=""; saved_offset=0
  [ -r "$state" ] && read -r saved_inode saved_offset < "$state"
  [ -e "$2" ] || return 0
  inode=$(inode_of "$2")
  if [ -n "$saved_inode" ] && [ "$saved_inode" != "$inode" ]; then
    if [ -e "$3" ] && [ "$(inode_of "$3")" = "$saved_inode" ]; then
      sent=$(complete_lines "$3" "$saved_offset" "$work/$1.rotated")
      if [ "$sent" -gt 0 ]; then
        upload "$4" "$work/$1.rotated" || return 1
      fi
    else
      read_at=$(date -r "$state" +%s)
      now=$(date +%s)
      [ "$now" -gt "$read_at" ] || now=$((read_at + 1))
      loss_from=$(iso "$read_at")
      [ -s "$state_dir/$1.loss" ] && read -r loss_from _ < "$state_dir/$1.loss"
      echo "$loss_from $(iso "$now")" > "$state_dir/$1.loss"
      log "$1: rotated more than once since $(iso "$read_at"): lines written since then may be lost"
      if [ -e "$3" ]; then
        sent=$(complete_lines "$3" 0 "$work/$1.rotated")
        if [ "$sent" -gt 0 ]; then
          upload "$4" "$work/$1.rotated" || return 1
        fi
      fi
    fi
    saved_offset=0
  fi
  if [ "$(size_of "$2")" -lt "$saved_offset" ]; then
    saved_offset=0
  fi
  sent=$(complete_lines "$2" "$saved_offset" "$work/$1.new")
  if [ "$sent" -gt 0 ]; then
    upload "$4" "$work/$1.new" || return 1
  fi
  echo "$inode $((saved_offset + sent))" > "$state.tmp" && mv "$state.tmp" "$state"
}

# source_json NAME FILE: the heartbeat's entry of a source read on this run.
source_json() {
  printf '{"name":"%s"' "$1"
  line_at=$(mtime_of "$2") && [ -n "$line_at" ] && printf ',"lastLineAt":"%s"' "$line_at"
  if [ -s "$state_dir/$1.loss" ]; then
    read -r loss_from loss_to < "$state_dir/$1.loss"
    printf ',"possibleLoss":{"from":"%s","to":"%s"}' "$loss_from" "$loss_to"
  fi
  printf '}'
}

# config_files: the files of a snapshot that exist under the config root, as paths relative to it. Only these
# documented paths: never anything under etc/pve/priv.
config_files() {
  (
    cd "$config_root" || exit 0
    for f in etc/pve/qemu-server/*.conf etc/pve/lxc/*.conf etc/pve/storage.cfg etc/pve/user.cfg \
      etc/pve/datacenter.cfg etc/pve/firewall/*.fw etc/network/interfaces etc/hosts etc/resolv.conf; do
      if [ -f "$f" ]; then printf '%s\n' "$f"; fi
    done
  )
}

# push_config: sends the snapshot when its checksum (of the paths and contents) differs from the last one sent.
push_config() {
  mkdir -p "$work/config"
  list=$(config_files)
  if [ -n "$packages_command" ]; then
    # shellcheck disable=SC2086
    $packages_command > "$work/config/packages.txt" 2>/dev/null || rm -f "$work/config/packages.txt"
  fi
  sum=$( (
    for f in $list; do printf '%s ' "$f"; cksum < "$config_root/$f"; done
    if [ -f "$work/config/packages.txt" ]; then printf 'packages.txt '; cksum < "$work/config/packages.txt"; fi
  ) | cksum)
  if [ -r "$state_dir/config.sum" ] && [ "$(cat "$state_dir/config.sum")" = "$sum" ]; then return 0; fi
  packages=""
  [ -f "$work/config/packages.txt" ] && packages="-C $work/config packages.txt"
  # shellcheck disable=SC2086
  tar -cf "$work/config.tar" -C "$config_root" $list $packages || return 1
  upload config "$work/config.tar" application/x-tar || return 1
  echo "$sum" > "$state_dir/config.sum.tmp" && mv "$state_dir/config.sum.tmp" "$state_dir/config.sum"
}

# send_journal: the journal entries after the saved cursor (the first run: since PVE_JOURNAL_SINCE) as
# journalctl -o json lines, in chunks of PVE_JOURNAL_CHUNK_LINES; the cursor moves to the last entry of each
# chunk the service took, so a failed upload is sent again from the same entry on the next run.
send_journal() {
  cursor_file="$state_dir/journal.cursor"
  fields=SYSLOG_IDENTIFIER,_COMM,_PID,SYSLOG_PID,MESSAGE
  if [ -s "$cursor_file" ]; then
    # shellcheck disable=SC2086
    $journalctl_command -o json --no-pager --output-fields=$fields --after-cursor "$(cat "$cursor_file")" \
      > "$work/journal.all" || return 1
  else
    # shellcheck disable=SC2086
    $journalctl_command -o json --no-pager --output-fields=$fields --since "$journal_since" \
      > "$work/journal.all" || return 1
  fi
  total=$(wc -l < "$work/journal.all" | tr -d ' ')
  from=1
  while [ "$from" -le "$total" ]; do
    to=$((from + journal_chunk - 1))
    sed -n "${from},${to}p" "$work/journal.all" > "$work/journal.chunk"
    last=$(tail -n 1 "$work/journal.chunk" | sed -n 's/.*"__CURSOR" *: *"\([^"]*\)".*/\1/p')
    if [ -z "$last" ]; then
      log "journal: the last entry of a chunk has no __CURSOR; is PVE_JOURNALCTL journalctl?"
      return 1
    fi
    upload journal "$work/journal.chunk" || return 1
    printf '%s\n' "$last" > "$cursor_file.tmp" && mv "$cursor_file.tmp" "$cursor_file"
    from=$((to + 1))
  done
}

status=0
config_ok=""
journal_ok=""
if [ -d "$config_root/etc/pve" ]; then
  config_ok=1
  push_config || config_ok=0
  journalctl_command=${PVE_JOURNALCTL-journalctl}
else
  journalctl_command=${PVE_JOURNALCTL-}
fi
if [ -n "$journalctl_command" ]; then
  journal_ok=1
  send_journal || journal_ok=0
fi
tasks_ok=1
follow task-index "$task_dir/index" "$task_dir/index.1" task-index || tasks_ok=0
if [ -s "$task_dir/active" ]; then
  cp "$task_dir/active" "$work/active"
  upload task-index "$work/active" || tasks_ok=0
fi
access_ok=1
follow access-log "$access_log" "$access_log.1" access-log || access_ok=0
[ "$tasks_ok" = 1 ] && [ "$access_ok" = 1 ] && [ "$config_ok" != 0 ] && [ "$journal_ok" != 0 ] || status=1

# the heartbeat names only the sources read without a failure: a source that keeps failing falls silent
sources=""
[ "$tasks_ok" = 1 ] && sources=$(source_json task-index "$task_dir/index")
if [ "$access_ok" = 1 ]; then
  [ -n "$sources" ] && sources="$sources,"
  sources="$sources$(source_json access-log "$access_log")"
fi
if [ "$config_ok" = 1 ]; then
  [ -n "$sources" ] && sources="$sources,"
  sources="$sources{\"name\":\"config\"}"
fi
if [ "$journal_ok" = 1 ]; then
  [ -n "$sources" ] && sources="$sources,"
  sources="$sources{\"name\":\"journal\"}"
fi
if [ -n "$sources" ]; then
  printf '{"collector":{"version":"%s"},"sources":[%s]}' "$collector_version" "$sources" > "$work/heartbeat"
  if upload heartbeat "$work/heartbeat" application/json; then
    [ "$tasks_ok" = 1 ] && rm -f "$state_dir/task-index.loss"
    [ "$access_ok" = 1 ] && rm -f "$state_dir/access-log.loss"
  else
    status=1
  fi
fi
exit $status
