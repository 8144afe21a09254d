#!/usr/bin/env bash
# Benchmarks of changeledger's paths against PostgreSQL's own way of doing the same work, measured in
# the same run, on the same database and settings (ADR 0009). Prints a table, then
# `bench: <name> <value> <unit>` and `ratio: <name> <value>` lines.
#
#   bench/run.sh [--quick] [--pg-url JDBC_URL] [--pg-user USER] [--db-name NAME]
#                [--warmups N] [--rounds N] [--only append_batch,append_single,catchup]
#                [--service-pid PID] [--keep-db] [--no-build]
#
# Environment: BENCH_PG_URL (default jdbc:postgresql://127.0.0.1:5432/postgres, any database on the
# server; the user needs CREATEDB), BENCH_PG_USER (postgres), BENCH_PG_PASSWORD, BENCH_DB_NAME
# (changeledger_bench: dropped and created by every run), BENCH_SERVICE_PID, BENCH_JAVA_OPTS.
# On a shared build machine run it under the build lock: flock /tmp/changeledger-build.lock bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."

build=1
args=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) args+=("$arg") ;;
  esac
done

classpath_file=target/bench-classpath.txt
if [ "$build" = 1 ] || [ ! -f "$classpath_file" ]; then
  echo "# building: test-compile and the runtime classpath" >&2
  QUARKUS_ANALYTICS_DISABLED=true ./mvnw -B -q -o -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=runtime >&2
fi

mkdir -p bench/results
log="bench/results/run-$(date -u +%Y%m%dT%H%M%SZ).txt"
# shellcheck disable=SC2086
java ${BENCH_JAVA_OPTS:--Xmx2g} -cp "target/classes:target/test-classes:$(cat "$classpath_file")" \
  changeledger.bench.BenchMain ${args[@]+"${args[@]}"} | tee "$log"
echo "# results also in $log" >&2
