#!/usr/bin/env bash
# The reminder sweep of the web sample at scale, measured (not a test):
#   1. publishes (Release) the web sample and builds the benchmark program;
#   2. uses the PostgreSQL server in SECONDCHANCE_TEST_POSTGRES, or starts a throwaway one the way
#      ./test.sh does (.ci/postgres.sh), stopped at the end;
#   3. runs `SecondChance.Benchmarks --cluster`: for each configuration (1 and 3 hosts on PostgreSQL,
#      1 host on SQLite) a fresh database, CLUSTER_CASES cases (default 100,000) stored through the
#      sample's own store code, then that many hosts of the published sample sweep and deliver every
#      reminder to a local receiver;
#   4. prints the machine's load average before and after, and one line per configuration:
#      cluster: hosts=<n> cases=<n> sweep_ms=<n> reminders_per_s=<n> dupes=<n> lost=<n>
# Settings (environment): CLUSTER_CASES (100000), CLUSTER_CONFIGS ("pg1,pg3,sqlite1").
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
cases=${CLUSTER_CASES:-100000}
configs=${CLUSTER_CONFIGS:-pg1,pg3,sqlite1}

work=$(mktemp -d /tmp/secondchance-cluster.XXXXXX)
. .ci/postgres.sh
start_postgres
trap 'stop_pg 2>/dev/null || true; rm -rf "$work"' EXIT

echo "cluster: publishing the sample and building the benchmarks (Release)" >&2
dotnet publish samples/SecondChance.Samples.Web/SecondChance.Samples.Web.csproj -c Release -o "$work/sample" -v quiet -nologo >"$work/publish.log" 2>&1 \
  || { cat "$work/publish.log" >&2; exit 1; }
dotnet build tests/SecondChance.Benchmarks/SecondChance.Benchmarks.csproj -c Release -v quiet -nologo >"$work/build.log" 2>&1 \
  || { cat "$work/build.log" >&2; exit 1; }

echo "cluster: $(nproc) cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet tests/SecondChance.Benchmarks/bin/Release/net10.0/SecondChance.Benchmarks.dll --cluster \
  --sample "$work/sample/SecondChance.Samples.Web.dll" --cases "$cases" --configs "$configs"
echo "cluster: load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
