#!/usr/bin/env bash
# Benchmarks of changeledger's paths against PostgreSQL's own way of doing the same work, measured in
# the same run, on the same database and settings (ADR 0009). Prints a table, then
# `bench: <name> <value> <unit>` and `ratio: <name> <value>` lines.
#
#   bench/run.sh [--quick] [--pg-url JDBC_URL] [--pg-user USER] [--db-name NAME]
#                [--warmups N] [--rounds N]
#                [--only append_batch,append_single,catchup,ingest,query,stats,report,export,dashboard,
#                        config_sync,stream]
#                [--service-pid PID] [--keep-db] [--build | --no-build] [--query-events N]
#   bench/run.sh --max-upload [--pg-url JDBC_URL] [--pg-user USER] [--db-name NAME] [--build | --no-build]
#   bench/run.sh --hostile [--pg-url JDBC_URL] [--pg-user USER] [--db-name NAME] [--build | --no-build]
#   bench/run.sh --drill-tamper [--quick] [--pg-url JDBC_URL] [--pg-user USER] [--db-name NAME]
#   bench/run.sh --drill-crash [--quick] [--pg-url JDBC_URL] [--pg-user USER] [--db-name NAME] [--keep-db]
#                [--build | --no-build]
#   bench/run.sh --drill-restore [--quick] [--pg-url JDBC_URL] [--pg-user USER] [--db-name NAME] [--keep-db]
#                [--build | --no-build]
#   bench/run.sh --drill-outage [--quick] [--build | --no-build]
#   bench/run.sh --drill-instances [--quick] [--build | --no-build]
#   bench/run.sh --drill-fuzz [--quick] [--seed N] [--requests N] [--pg-url JDBC_URL] [--pg-user USER]
#                [--db-name NAME] [--build | --no-build]
#
# It packages the service and the test classes when the jar target/quarkus-app/quarkus-run.jar or the bench
# classes are missing, or a file under src/, pom.xml or .mvn/ is newer than the jar (a deleted file is not
# noticed: use --build); --build always packages, --no-build only when the jar is missing.
#
# --max-upload runs no benchmark: it checks that the packaged service, with its deployment JVM options,
# takes one task-index upload of the largest allowed size (64 MiB) and prints its peak RSS (about 2 min).
# --hostile runs no benchmark either: the packaged service with its deployment JVM options against junk uploads
# (1,000,000 lines, three at once) and 100 exports that never read; prints "N passed, N failed" (ADR 0039).
# --drill-tamper runs no benchmark: the packaged service loads 4 uploads (500 task lines each quick, else 5,000) on
# the database, seals them and exports its checkpoint to target/tamper-drill/checkpoints.jsonl (ADR 0056); then a
# superuser with the triggers off changes a payload byte, deletes an event, inserts one and cuts the tail, each on
# a copy (NAME_payload, NAME_delete, NAME_insert, NAME_tail, dropped after), and each must be named by
# GET /api/v1/events/verify (the service started on the copy) and by the offline verifier against that file;
# prints "N passed, N failed"; its user must be a superuser. BENCH_SERVICE_PORT fixes the service's port (default: any free one).
# --drill-crash: the packaged service killed with SIGKILL early in, half-way through and just after a 100,000-line
# task-index upload (20,000 quick), and during a replay; restarted on the same database each time, the same file
# uploaded again. Checks each task is stored once, every projection equals its replay, the seal chain verifies.
# --drill-restore: data loaded through the service (more than 1,000 tasks of one node over several uploads, all kept),
# the monthly report and a checkpoint taken, pg_dump -Fc, pg_restore into <db-name>_restored and into a fresh cluster
# (initdb, port DRILL_PG_PORT or a free one), every projection replayed there, the report compared, the offline
# verifier run against the checkpoint. Both print "N passed, N failed" (docs/operations.md, "Backup and restore").
# --drill-outage and --drill-instances run no benchmark either. Each starts a PostgreSQL cluster of its own (initdb
# and pg_ctl of BENCH_PG_BIN or the newest /usr/lib/postgresql/N/bin, in a temporary directory, on the first free
# port from 42000; as root it runs as the postgres user) and the packaged service on it (ports from 42100).
# --drill-outage restarts, stops and starts that PostgreSQL and ends the service's sessions while uploads and
# queries run: readiness down and back by itself, 503 with Retry-After and never a 500, no acknowledged task lost,
# no refused upload stored in part. --drill-instances runs two instances on one database with 8 uploaders of
# overlapping lines and paging readers, checks nothing is stored twice and the processors are shared, then kills
# one (SIGKILL) and measures how soon its processors move to the other. Both print "N passed, N failed";
# --quick holds each phase shorter (about a minute each).
# --drill-fuzz runs no benchmark either: the packaged service on a fresh database against 10,000 seeded random
# requests (--quick: 2,000; --requests N) to every /api/v1 endpoint that takes a body or query parameters, each a
# valid request mutated once (junk bytes, invalid UTF-8, huge and deep JSON, overlong ids and lines, injections,
# wrong types and content types, numbers out of range). Every answer must be a 4xx problem document, or a 2xx when
# the mutation left the request valid; no 5xx; nothing stored by a refused request; a control host's read models
# unchanged. Prints the seed (--seed N repeats a run), counts per endpoint and status, each failure with its request,
# and "N passed, N failed" (ADR 0055).
#
# The ingest benchmark starts the packaged service (target/quarkus-app) on the bench database with its
# processors running; the service runs on for the eight benchmarks after it, and stops at the end, also
# when the run fails (see the trap below). They share one data set: a year of two hosts' tasks,
# 1,000,000 events (70,000 quick), which ingest uploads a fifth at a time (its priming upload, warm-up and
# rounds; the processors catch up before each timed upload), plus one month (2026-05) of a third host,
# 30,000 events, all uploaded through the service (without ingest, query uploads all of it);
# query: GET /api/v1/events pages at concurrency 8 (p50, p99, max) against the same month-merged
# pages by SQL, one type in a month, and every type in the year's last 7 days (query_last7); stats:
# GET /api/v1/hosts/{id}/stats (a month by day, a year by month, most ranges cut inside a day) at
# concurrency 8 against the same rollup read by SQL; report: the third host's monthly report as JSON and
# as HTML, a few requests in turn a round (no SQL reference); export: one host as NDJSON, the service's
# RSS sampled every 50 ms; dashboard: the home page / signed in through the sign-in form with a reader
# key of the two hosts, in turn (p50, p99; no SQL reference); config_sync: a 100-guest node's whole
# configuration snapshot pushed with one value changed, in turn, each checked for its one drift, against
# reading that host's config_snapshot rows by SQL; stream: 50 SSE clients of GET /api/v1/events/stream
# while a host of its own uploads task-index lines, events/s delivered, each client checked for every
# event once (no SQL reference). Most print the service's RSS and heap after their rounds.
# They start once every processor has caught up; bench/RESULTS.md gives how long a full run takes here.
# --query-events N loads N events of the two hosts instead (even, at least 48,000) to measure them at
# another size (and makes ingest's uploads a fifth of N).
#
# Environment: BENCH_PG_URL (default jdbc:postgresql://127.0.0.1:5432/postgres, any database on the
# server; the user needs CREATEDB), BENCH_PG_USER (postgres), BENCH_PG_PASSWORD, BENCH_DB_NAME
# (changeledger_bench: dropped and created by every run), BENCH_SERVICE_PID, BENCH_JAVA_OPTS,
# BENCH_SERVICE_JAVA_OPTS (the service's JVM options; default those of docker/Dockerfile), BENCH_SERVICE_PORT (the
# service's HTTP port; default a free one), DRILL_PG_PORT (--drill-restore's new cluster; default a free one),
# BENCH_PG_BIN (the outage and instances drills' PostgreSQL binaries).
# On a shared build machine run it under the build lock: flock /tmp/changeledger-build.lock bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."

build=auto
main=changeledger.bench.BenchMain
args=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    --build) build=1 ;;
    --max-upload) main=changeledger.bench.MaxUploadCheck ;;
    --hostile) main=changeledger.bench.HostileClientsCheck ;;
    --drill-tamper) main=changeledger.bench.TamperDrill ;;
    --drill-crash) main=changeledger.bench.CrashDrill ;;
    --drill-restore) main=changeledger.bench.RestoreDrill ;;
    --drill-outage) main=changeledger.bench.DatabaseOutageDrill ;;
    --drill-instances) main=changeledger.bench.TwoInstancesDrill ;;
    --drill-fuzz) main=changeledger.bench.FuzzDrill ;;
    -h|--help) sed -n '2,88p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) args+=("$arg") ;;
  esac
done

classpath_file=target/bench-classpath.txt
jar=target/quarkus-app/quarkus-run.jar
if [ "$build" = auto ]; then
  build=0
  if [ ! -f "$jar" ] || [ ! -f target/test-classes/changeledger/bench/BenchMain.class ]; then
    build=1
  else
    stale=$(find src pom.xml .mvn -newer "$jar" -type f -print -quit)
    if [ -n "$stale" ]; then
      echo "# $stale is newer than $jar" >&2
      build=1
    fi
  fi
fi
if [ "$build" = 1 ] || [ ! -f "$jar" ]; then
  echo "# building: the packaged service, the test classes and the runtime classpath" >&2
  QUARKUS_ANALYTICS_DISABLED=true ./mvnw -B -q -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=runtime >&2
elif [ ! -f "$classpath_file" ] || [ pom.xml -nt "$classpath_file" ]; then
  echo "# $jar is up to date; writing the runtime classpath" >&2
  QUARKUS_ANALYTICS_DISABLED=true ./mvnw -B -q dependency:build-classpath \
    -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=runtime >&2
else
  echo "# $jar is up to date (--build packages anyway)" >&2
fi

# The harness stops the services and the drills' PostgreSQL it started; this stops them too if it dies.
stop_service() {
  for service_pid_file in target/bench-service.pid target/bench-service-*.pid; do
    [ -f "$service_pid_file" ] || continue
    pid=$(cat "$service_pid_file")
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      echo "# stopping the bench service (pid $pid)" >&2
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$service_pid_file"
  done
  cluster_dir_file=target/bench-cluster.dir
  if [ -f "$cluster_dir_file" ]; then
    data=$(cat "$cluster_dir_file")
    if [ -f "$data/postmaster.pid" ]; then
      pid=$(head -n 1 "$data/postmaster.pid")
      echo "# stopping the drill's PostgreSQL (pid $pid)" >&2
      kill -QUIT "$pid" 2>/dev/null || true
      for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    fi
    case "$data" in */changeledger-drill-pg-*/data) rm -rf "$(dirname "$data")" ;; esac
    rm -f "$cluster_dir_file"
  fi
}
trap stop_service EXIT
trap "exit 130" INT TERM

mkdir -p bench/results
log="bench/results/run-$(date -u +%Y%m%dT%H%M%SZ).txt"
# shellcheck disable=SC2086
java ${BENCH_JAVA_OPTS:--Xmx2g} -cp "target/classes:target/test-classes:$(cat "$classpath_file")" \
  "$main" ${args[@]+"${args[@]}"} | tee "$log"
echo "# results also in $log" >&2
