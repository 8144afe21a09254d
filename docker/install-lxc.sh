#!/usr/bin/env bash
# Installs changeledger in a Debian 12 container (an unprivileged Proxmox LXC, see docs/install-lxc.md): Debian's
# JDK 17, PostgreSQL and curl, a system user, a database owned by an owner role that runs the migrations and used
# by an app role with no ownership, /etc/changeledger/changeledger.env (mode 0600), the systemd unit beside this
# script; then it starts the service, waits until /q/health/ready is UP and prints how to create the first admin key.
# Run it again at any time (to upgrade, give it the new app): it changes only what differs and restarts the service
# only when the app, the unit or the settings changed.
#
#   install-lxc.sh [options] APP      APP: the quarkus-app directory of ./mvnw package (target/quarkus-app), or a
#                                     tarball (.tar.gz, .tgz, .tar) with quarkus-run.jar at most two levels down
#   install-lxc.sh [--prefix DIR] --stop    stop a service that --no-systemd started
#
# Options:
#   --port N              HTTP port (8080)
#   --listen ADDR         address to listen on (0.0.0.0)
#   --db-name NAME        database (changeledger)
#   --owner-role NAME     owns the database and runs the Flyway migrations (changeledger)
#   --app-role NAME       the service's connections: no ownership, so it cannot switch triggers off (changeledger_app)
#   --db-host H, --db-port P   where the service reaches PostgreSQL (127.0.0.1, 5432)
#   --pg-superuser NAME   set the database up as this superuser over TCP at --db-host (default: the postgres
#                         account over the local socket, as Debian installs it)
#   --user NAME           system user the service runs as (changeledger)
#   --ready-timeout S     how long to wait for readiness (180)
#   --no-systemd          start the service in the background from this script instead of systemd: log and pid
#                         file in the state directory (/var/lib/changeledger); for a container without systemd
#   --prefix DIR          install under DIR (DIR/opt/changeledger, DIR/etc/changeledger, DIR/var/lib/changeledger)
#                         as the calling user: installs no package, creates no user, implies --no-systemd; for a
#                         trial run on a machine that already has a JDK 17, PostgreSQL and curl (.ci runs it so)
# Environment: CHANGELEDGER_OWNER_PASSWORD, CHANGELEDGER_APP_PASSWORD set the roles' passwords; otherwise those of
# an earlier run (in the settings file) are kept, or random ones are made.
set -euo pipefail
# useradd and runuser live in /usr/sbin, which a `pct exec` or su shell may leave out of PATH
PATH="$PATH:/usr/sbin:/sbin"

say() { printf '[install] %s\n' "$*"; }
die() { printf '[install] error: %s\n' "$*" >&2; exit 1; }
usage_error() { printf '[install] usage: %s\n' "$*" >&2; printf 'run %s --help for the options\n' "$0" >&2; exit 2; }

script_dir=$(cd "$(dirname "$0")" && pwd)
unit_src="$script_dir/changeledger.service"

port=8080
listen=0.0.0.0
db_name=changeledger
owner_role=changeledger
app_role=changeledger_app
db_host=127.0.0.1
db_port=5432
pg_superuser=
service_user=changeledger
ready_timeout=180
use_systemd=1
prefix=
stop_only=0
app=

need_value() { [ $# -ge 2 ] && [ -n "$2" ] || usage_error "$1 needs a value"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --port) need_value "$@"; port=$2; shift 2 ;;
    --listen) need_value "$@"; listen=$2; shift 2 ;;
    --db-name) need_value "$@"; db_name=$2; shift 2 ;;
    --owner-role) need_value "$@"; owner_role=$2; shift 2 ;;
    --app-role) need_value "$@"; app_role=$2; shift 2 ;;
    --db-host) need_value "$@"; db_host=$2; shift 2 ;;
    --db-port) need_value "$@"; db_port=$2; shift 2 ;;
    --pg-superuser) need_value "$@"; pg_superuser=$2; shift 2 ;;
    --user) need_value "$@"; service_user=$2; shift 2 ;;
    --ready-timeout) need_value "$@"; ready_timeout=$2; shift 2 ;;
    --no-systemd) use_systemd=0; shift ;;
    --prefix) need_value "$@"; prefix=$2; shift 2 ;;
    --stop) stop_only=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) usage_error "unknown option $1" ;;
    *) [ -z "$app" ] || usage_error "one APP only (got $app and $1)"; app=$1; shift ;;
  esac
done

name_pattern='^[a-z_][a-z0-9_]{0,62}$'
for pair in "--db-name:$db_name" "--owner-role:$owner_role" "--app-role:$app_role" "--user:$service_user"; do
  [[ ${pair#*:} =~ $name_pattern ]] || usage_error "${pair%%:*} '${pair#*:}' is not a plain lower-case name (a-z, 0-9, _)"
done
[ "$owner_role" != "$app_role" ] || usage_error "--owner-role and --app-role must differ: the app role must own nothing"
for pair in "--port:$port" "--db-port:$db_port" "--ready-timeout:$ready_timeout"; do
  [[ ${pair#*:} =~ ^[0-9]+$ ]] || usage_error "${pair%%:*} '${pair#*:}' is not a number"
done
[ "$port" -ge 1 ] && [ "$port" -le 65535 ] || usage_error "--port $port is outside 1-65535"

if [ -n "$prefix" ]; then
  mkdir -p "$prefix" || die "cannot create the prefix $prefix"
  prefix=$(cd "$prefix" && pwd)
  [ "$prefix" != / ] || usage_error "--prefix / is the system itself: leave --prefix out"
  use_systemd=0
fi
opt_dir="$prefix/opt/changeledger"
etc_dir="$prefix/etc/changeledger"
env_file="$etc_dir/changeledger.env"
state_dir="$prefix/var/lib/changeledger"
pid_file="$state_dir/changeledger.pid"
log_file="$state_dir/changeledger.log"
unit_dest=/etc/systemd/system/changeledger.service
probe_host=$listen
[ "$listen" != 0.0.0.0 ] || probe_host=127.0.0.1
[ "$listen" != "::" ] || probe_host=127.0.0.1
ready_url="http://$probe_host:$port/q/health/ready"
[[ $probe_host != *:* ]] || ready_url="http://[$probe_host]:$port/q/health/ready"

# ---- the background service (--no-systemd) ----

background_pid() {
  # the pid of the running service this prefix started, or nothing
  [ -f "$pid_file" ] || return 0
  local pid
  pid=$(cat "$pid_file")
  [[ $pid =~ ^[0-9]+$ ]] || return 0
  if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "$opt_dir/quarkus-run.jar"; then
    echo "$pid"
  fi
}

stop_background() {
  local pid
  pid=$(background_pid)
  if [ -z "$pid" ]; then
    say "no service started by this script runs (pid file $pid_file)"
    rm -f "$pid_file"
    return 0
  fi
  say "stopping the service (pid $pid)"
  kill -TERM "$pid"
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$pid_file"; say "stopped"; return 0; }
    sleep 0.5
  done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pid_file"
  die "the service (pid $pid) did not stop within 30 s of SIGTERM: killed it; see $log_file"
}

if [ "$stop_only" = 1 ]; then
  [ -z "$app" ] || usage_error "--stop takes no APP"
  [ "$use_systemd" = 0 ] || usage_error "--stop is for --no-systemd or --prefix; with systemd: systemctl stop changeledger"
  stop_background
  exit 0
fi
[ -n "$app" ] || usage_error "give the packaged app: $0 [options] target/quarkus-app (or a tarball of it)"

# ---- checks before changing anything ----

if [ -z "$prefix" ]; then
  [ "$(id -u)" = 0 ] || die "run as root inside the container (or give --prefix DIR for a trial install as yourself)"
  if [ -r /etc/os-release ]; then
    os=$(. /etc/os-release && echo "${ID:-?} ${VERSION_ID:-?}")
    [ "$os" = "debian 12" ] || say "warning: this script is written for Debian 12; this is $os"
  fi
fi
[ -f "$unit_src" ] || die "the systemd unit $unit_src is missing: keep install-lxc.sh beside changeledger.service"
exec_start=$(sed -n 's/^ExecStart=//p' "$unit_src")
[ -n "$exec_start" ] || die "$unit_src has no ExecStart line"
[[ $exec_start == *" -jar /opt/changeledger/quarkus-run.jar" ]] \
  || die "$unit_src does not start /opt/changeledger/quarkus-run.jar, where this script installs the app"

work=$(mktemp -d "${TMPDIR:-/tmp}/changeledger-install.XXXXXX")
trap 'rm -rf "$work"' EXIT

if [ -d "$app" ]; then
  app_dir=$(cd "$app" && pwd)
elif [ -f "$app" ]; then
  case "$app" in
    *.tar.gz|*.tgz|*.tar) ;;
    *) die "$app is neither a directory nor a .tar.gz, .tgz or .tar file" ;;
  esac
  say "unpacking $app"
  tar -xf "$app" -C "$work" || die "cannot unpack $app"
  mapfile -t jars < <(find "$work" -maxdepth 3 -name quarkus-run.jar -type f)
  [ "${#jars[@]}" = 1 ] || die "$app should hold one quarkus-run.jar at most two directories down; found ${#jars[@]}"
  app_dir=$(dirname "${jars[0]}")
else
  die "the app $app does not exist: build it with ./mvnw package (target/quarkus-app) or give a release tarball"
fi
for part in quarkus-run.jar lib app quarkus; do
  [ -e "$app_dir/$part" ] || die "$app_dir has no $part: give the whole quarkus-app directory of ./mvnw package"
done
if [ -n "$prefix" ] && [[ $prefix/ == "$app_dir"/* || $app_dir/ == "$prefix"/* ]]; then
  usage_error "the app ($app_dir) and the prefix ($prefix) must not contain each other"
fi

# ---- packages ----

packages=(openjdk-17-jre-headless postgresql curl ca-certificates)
if [ -z "$prefix" ]; then
  missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    say "installing ${missing[*]} from Debian"
    apt-get update -q || die "apt-get update failed: check the container's network and /etc/apt/sources.list"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" \
      || die "apt-get install ${missing[*]} failed"
  else
    say "packages present: ${packages[*]}"
  fi
else
  for c in java psql pg_isready curl; do
    command -v "$c" >/dev/null || die "--prefix installs no packages and $c is missing: install ${packages[*]} first"
  done
fi

java_version=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
[ -n "$java_version" ] && [ "$java_version" -ge 17 ] || die "java is version '${java_version:-unknown}', 17 or later is needed (openjdk-17-jre-headless)"
java -XX:TrimNativeHeapInterval=1000 -version >/dev/null 2>&1 \
  || die "this JDK does not know -XX:TrimNativeHeapInterval, which the unit uses: apt-get upgrade openjdk-17-jre-headless (17.0.15 or later), or drop the option from $unit_src (docs/operations.md)"
say "java $java_version: $(command -v java)"

# ---- PostgreSQL ----

psql_admin() {
  if [ -n "$pg_superuser" ]; then
    psql -X -q -v ON_ERROR_STOP=1 -h "$db_host" -p "$db_port" -U "$pg_superuser" "$@"
  else
    (cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$db_port" "$@")
  fi
}

if [ -z "$pg_superuser" ]; then
  command -v pg_lsclusters >/dev/null || die "pg_lsclusters is missing: is Debian's postgresql installed?"
  cluster=$(pg_lsclusters -h | awk -v p="$db_port" '$3 == p {print $1 " " $2 " " $4; exit}')
  [ -n "$cluster" ] || die "no PostgreSQL cluster listens on port $db_port (pg_lsclusters): create one with pg_createcluster --start 15 main"
  read -r pg_version pg_cluster pg_status <<<"$cluster"
  if [ "$pg_status" != online ]; then
    say "starting PostgreSQL $pg_version/$pg_cluster"
    pg_ctlcluster "$pg_version" "$pg_cluster" start || die "PostgreSQL $pg_version/$pg_cluster does not start: see /var/log/postgresql/"
  fi
  if [ "$use_systemd" = 1 ]; then
    systemctl enable --quiet postgresql || die "systemctl enable postgresql failed"
  fi
fi
pg_ready=0
for _ in $(seq 1 60); do
  if pg_isready -q -h "$db_host" -p "$db_port"; then pg_ready=1; break; fi
  sleep 0.5
done
[ "$pg_ready" = 1 ] || die "PostgreSQL does not answer on $db_host:$db_port"
say "PostgreSQL answers on $db_host:$db_port"

# ---- user and directories ----

if [ -z "$prefix" ]; then
  if getent passwd "$service_user" >/dev/null; then
    say "system user $service_user exists"
  else
    useradd --system --user-group --home-dir "$state_dir" --no-create-home --shell /usr/sbin/nologin "$service_user" \
      || die "useradd $service_user failed"
    say "created the system user $service_user"
  fi
  owner_spec="$service_user:$service_user"
else
  owner_spec="$(id -un):$(id -gn)"
fi
install -d -m 0755 "$opt_dir"
install -d -m 0700 "$etc_dir"
install -d -m 0750 -o "${owner_spec%%:*}" -g "${owner_spec#*:}" "$state_dir"

# ---- the app ----

restart=0
stage="$opt_dir.new"
rm -rf "$stage"
cp -R "$app_dir" "$stage"
rm -f "$stage/quarkus-app-dependencies.txt"
[ -n "$prefix" ] || chown -R root:root "$stage"
chmod -R u=rwX,go=rX "$stage"
if [ -f "$opt_dir/quarkus-run.jar" ] && diff -rq "$stage" "$opt_dir" >/dev/null; then
  rm -rf "$stage"
  say "app in $opt_dir is unchanged"
else
  rm -rf "$opt_dir.old"
  mv "$opt_dir" "$opt_dir.old"
  mv "$stage" "$opt_dir"
  rm -rf "$opt_dir.old"
  restart=1
  say "installed the app in $opt_dir"
fi

# ---- settings ----

current_value() { [ -f "$env_file" ] && sed -n "s/^$1=//p" "$env_file" | tail -n 1 || true; }
new_password() { head -c 24 /dev/urandom | base64 | tr '+/' '-_'; }
owner_password=${CHANGELEDGER_OWNER_PASSWORD:-$(current_value QUARKUS_FLYWAY_PASSWORD)}
app_password=${CHANGELEDGER_APP_PASSWORD:-$(current_value QUARKUS_DATASOURCE_PASSWORD)}
[ -n "$owner_password" ] || owner_password=$(new_password)
[ -n "$app_password" ] || app_password=$(new_password)
for pw in "$owner_password" "$app_password"; do
  [[ $pw != *[$'\n\r']* ]] || die "a password holds a line break"
done

settings=(
  "QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://$db_host:$db_port/$db_name"
  "QUARKUS_DATASOURCE_USERNAME=$app_role"
  "QUARKUS_DATASOURCE_PASSWORD=$app_password"
  "QUARKUS_FLYWAY_USERNAME=$owner_role"
  "QUARKUS_FLYWAY_PASSWORD=$owner_password"
  "QUARKUS_HTTP_HOST=$listen"
  "QUARKUS_HTTP_PORT=$port"
)
# Lines this script does not manage (CHANGELEDGER_TRUSTED_PROXIES, alerts, ...) stay as they are.
[ -f "$env_file" ] || printf '# changeledger settings (install-lxc.sh manages the QUARKUS_ lines below; add your own)\n' >"$work/env.old"
[ ! -f "$env_file" ] || cp "$env_file" "$work/env.old"
cp "$work/env.old" "$work/env.new"
for setting in "${settings[@]}"; do
  KEY=${setting%%=*} LINE=$setting awk '
    index($0, ENVIRON["KEY"] "=") == 1 { if (!done) print ENVIRON["LINE"]; done = 1; next }
    { print }
    END { if (!done) print ENVIRON["LINE"] }' "$work/env.new" >"$work/env.next"
  mv "$work/env.next" "$work/env.new"
done
if [ -f "$env_file" ] && cmp -s "$work/env.new" "$env_file"; then
  say "settings in $env_file are unchanged"
else
  install -m 0600 "$work/env.new" "$env_file.tmp"
  mv "$env_file.tmp" "$env_file"
  restart=1
  say "wrote $env_file (mode 0600)"
fi
[ "$(stat -c %a "$env_file")" = 600 ] || { chmod 0600 "$env_file"; say "set $env_file to mode 0600"; }

# ---- database and roles ----

role_is_superuser() {
  psql_admin -d postgres -tA -v role="$1" <<'SQL'
select rolsuper from pg_roles where rolname = :'role';
SQL
}
for role in "$owner_role" "$app_role"; do
  superuser=$(role_is_superuser "$role") || die "cannot read the roles as the PostgreSQL superuser: see the message above"
  [ "$superuser" != t ] || die "the role $role is a superuser: choose another role name, the service must not run as one"
done

psql_admin -d postgres -v owner="$owner_role" -v app="$app_role" -v db="$db_name" \
  -v owner_pw="$owner_password" -v app_pw="$app_password" <<'SQL' || die "creating the roles and the database failed"
set client_min_messages = warning;
select format('create role %I login', :'owner') where not exists (select 1 from pg_roles where rolname = :'owner')
\gexec
select format('create role %I login', :'app') where not exists (select 1 from pg_roles where rolname = :'app')
\gexec
alter role :"owner" with login nocreatedb nocreaterole password :'owner_pw';
alter role :"app" with login nocreatedb nocreaterole password :'app_pw';
-- lets the safe-head metric see the age of every open transaction (docs/operations.md)
grant pg_read_all_stats to :"app";
select format('create database %I owner %I', :'db', :'owner')
 where not exists (select 1 from pg_database where datname = :'db')
\gexec
SQL

db_owner=$(psql_admin -d postgres -tA -v db="$db_name" <<'SQL'
select pg_get_userbyid(datdba) from pg_database where datname = :'db';
SQL
) || die "cannot read the owner of the database $db_name"
[ "$db_owner" = "$owner_role" ] \
  || die "the database $db_name exists and belongs to $db_owner, not $owner_role: give --db-name of a new database, or --owner-role $db_owner"

psql_admin -d "$db_name" -v owner="$owner_role" -v app="$app_role" -v db="$db_name" <<'SQL' || die "granting the app role its rights failed"
set client_min_messages = warning;
revoke all on database :"db" from public;
grant connect, temporary on database :"db" to :"app";
grant usage on schema public to :"app";
-- every table and sequence the owner's migrations create: rows only, never ownership (so no DISABLE TRIGGER)
alter default privileges for role :"owner" in schema public grant select, insert, update, delete on tables to :"app";
alter default privileges for role :"owner" in schema public grant usage, select, update on sequences to :"app";
SQL
say "database $db_name owned by $owner_role (migrations); the service connects as $app_role"

# ---- start ----

start_marker=$(date +%s)
if [ "$use_systemd" = 1 ]; then
  command -v systemctl >/dev/null && [ -d /run/systemd/system ] \
    || die "systemd does not run here: use --no-systemd to start the service from this script"
  if [ -f "$unit_dest" ] && cmp -s "$unit_src" "$unit_dest"; then
    say "unit $unit_dest is unchanged"
  else
    install -m 0644 "$unit_src" "$unit_dest"
    systemctl daemon-reload || die "systemctl daemon-reload failed"
    restart=1
    say "installed $unit_dest"
  fi
  systemctl enable --quiet changeledger || die "systemctl enable changeledger failed"
  if [ "$restart" = 1 ] || ! systemctl is-active --quiet changeledger; then
    say "starting changeledger"
    systemctl restart changeledger || die "systemctl restart changeledger failed: journalctl -u changeledger -n 50"
  else
    start_marker=
    say "changeledger runs and nothing changed: not restarted"
  fi
else
  running=$(background_pid)
  if [ -n "$running" ] && [ "$restart" = 0 ]; then
    start_marker=
    say "changeledger runs (pid $running) and nothing changed: not restarted"
  else
    [ -z "$running" ] || stop_background
    read -r -a command <<<"${exec_start//\/opt\/changeledger/$opt_dir}"
    environment=(PATH=/usr/sbin:/usr/bin:/sbin:/bin "HOME=$state_dir" LANG=C.UTF-8)
    while IFS= read -r line; do environment+=("$line"); done < <(sed -n 's/^Environment=//p' "$unit_src")
    while IFS= read -r line; do
      case "$line" in ''|'#'*) ;; *) environment+=("$line") ;; esac
    done <"$env_file"
    as_user=()
    [ -n "$prefix" ] || as_user=(setpriv "--reuid=$service_user" "--regid=$service_user" --init-groups)
    # the log holds the one-time setup token: only its owner reads it
    [ -f "$log_file" ] || install -m 0600 /dev/null "$log_file"
    log_offset=$(stat -c %s "$log_file")
    say "starting changeledger in the background (log $log_file)"
    (cd "$opt_dir" && exec setsid env -i "${environment[@]}" "${as_user[@]}" "${command[@]}") \
      >>"$log_file" 2>&1 </dev/null &
    echo $! >"$pid_file"
  fi
fi

service_log() {
  # what the service logged since this run started it
  if [ "$use_systemd" = 1 ]; then
    journalctl -u changeledger --since "@$start_marker" -o cat --no-pager 2>/dev/null || true
  else
    tail -c +"$((log_offset + 1))" "$log_file"
  fi
}

service_alive() {
  if [ "$use_systemd" = 1 ]; then
    ! systemctl is-failed --quiet changeledger
  else
    [ -n "$(background_pid)" ]
  fi
}

say "waiting up to ${ready_timeout} s for $ready_url"
deadline=$((SECONDS + ready_timeout))
until curl -fsS --max-time 5 -o "$work/ready.json" "$ready_url" 2>/dev/null; do
  if ! service_alive || [ "$SECONDS" -ge "$deadline" ]; then
    say "the service is not ready; its last log lines:"
    if [ -n "$start_marker" ]; then service_log | tail -n 40 >&2; fi
    die "changeledger did not become ready at $ready_url"
  fi
  sleep 1
done
say "ready: $(tr -d '\n' <"$work/ready.json" | tr -s ' ' | cut -c 1-160)"

schema_owner=$(psql_admin -d "$db_name" -tA <<'SQL'
select tableowner from pg_tables where schemaname = 'public' and tablename = 'flyway_schema_history';
SQL
) || die "cannot read the owner of the schema in $db_name"
[ "$schema_owner" = "$owner_role" ] \
  || die "the schema of $db_name belongs to '${schema_owner:-nobody}', not $owner_role: the migrations did not run as the owner role"
# Flyway's history is the owner's business: the service never reads or writes it
psql_admin -d "$db_name" -v app="$app_role" <<'SQL' || die "revoking the app role's rights on Flyway's history failed"
revoke all on table flyway_schema_history from :"app";
SQL

# ---- the first admin key ----

echo
if [ -z "$start_marker" ]; then
  say "The service was already running. Without an admin key yet, its one-time setup token is in its log:"
  if [ "$use_systemd" = 1 ]; then say "  journalctl -u changeledger | grep setup_"; else say "  grep setup_ $log_file"; fi
elif [ -n "$(current_value CHANGELEDGER_ADMIN_TOKEN)" ]; then
  say "CHANGELEDGER_ADMIN_TOKEN in $env_file is the bootstrap key: create an admin key with it, then remove it."
else
  token=
  for _ in $(seq 1 30); do
    if service_log | grep -q 'started in'; then
      token=$(service_log | grep -o 'setup_[A-Za-z0-9_-]\{40,\}' | tail -n 1 || true)
      break
    fi
    sleep 1
  done
  if [ -n "$token" ]; then
    say "No admin key exists yet. Create the first one with the one-time setup token the service logged:"
    echo
    echo "  curl -s -H 'Authorization: Bearer $token' -H 'Content-Type: application/json' \\"
    echo "    http://$probe_host:$port/api/v1/api-keys -d '{\"name\":\"first admin\",\"role\":\"admin\",\"hosts\":[]}'"
    echo
    say "The answer's \"token\" is the admin key, shown once: keep it in a password manager."
    say "The setup token works until an admin key for all hosts exists; a restart before that logs a new one."
  else
    say "The service logged no setup token: an admin key for all hosts exists already."
  fi
fi
say "settings: $env_file; log: $([ "$use_systemd" = 1 ] && echo 'journalctl -u changeledger' || echo "$log_file")"
