#!/usr/bin/env bash
# Load test of the web sample against a ceiling, with wrk, in one run on this machine:
#   1. installs wrk from Debian's packages when it is missing;
#   2. publishes (Release) the web sample and the ceiling app (tests/load/Ceiling: a bare minimal-API
#      app that answers, from memory, the bytes the sample answered for each scenario);
#   3. starts the sample on a free loopback port with a fresh database, creates the cases the
#      scenarios need through its API, records its answers, and starts the ceiling with them;
#   4. runs three scenarios with 2 threads at each connection count, sample then ceiling each time:
#        next    GET  /api/cases/{id}/next
#        agenda  GET  /api/agenda              (one page of 100 of 1,000 due cases, mixed time zones)
#        write   POST /api/cases/{id}/events   (each request on another of 10,000 cases, a unique Idempotency-Key)
#      then, at the highest connection count only and after all of those (so it changes none of them):
#        minimal the write with "Prefer: return=minimal" (the short answer), on 10,000 cases of its own
#      and, for the write scenario, the ceiling's durable floor (the same request, answered only after its
#      body was committed to a SQLite file by one group-committing writer: what any durable write costs here);
#   5. checks that every acknowledged (2xx) event is stored exactly once, measures the stored bytes
#      per idempotency key, and times /api/stats over 100,000 cases;
#   6. prints a table, the short-answer write's ratio and p99 on a line of their own, then as its last line:
#      web: next_ratio=<r> agenda_ratio=<r> write_ratio=<r> write_p99_ms=<n> lost=<n> dup=<n> idem_bytes_per_key=<n>
#      (ratios and p99 at the highest connection count).
# Settings (environment): LOAD_DURATION (30s), LOAD_CONNECTIONS ("16 64"), LOAD_WRITE_CASES (10000),
# LOAD_AGENDA_CASES (1000), LOAD_STATS_CASES (100000; 0 skips the stats timing), LOAD_WARMUP (5s per
# scenario and app before the measured runs), LOAD_CASE_CACHE_MIB (256: the sample's Storage:CaseCacheMiB).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
here=$root/tests/load
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
duration=${LOAD_DURATION:-30s}
connections=${LOAD_CONNECTIONS:-"16 64"}
write_cases=${LOAD_WRITE_CASES:-10000}
agenda_cases=${LOAD_AGENDA_CASES:-1000}
stats_cases=${LOAD_STATS_CASES:-100000}
warmup=${LOAD_WARMUP:-5s}
# The parsed-case cache sized to the write scenario's working set, as a deployment sizes it to its cases in
# use: 10,000 cases that gain up to about 50 events each in a 30 s run take about 110 MiB (the default, 64,
# holds all of them only while they are small; a case that falls out is read and parsed again on its next write).
case_cache_mib=${LOAD_CASE_CACHE_MIB:-256}
phase=
threads=2

say() { echo "load: $*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v wrk >/dev/null; then
  say "installing wrk from Debian's packages"
  as_root apt-get update -qq >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null || { echo "load: could not install wrk" >&2; exit 1; }
fi

work=$(mktemp -d /tmp/secondchance-load.XXXXXX)
pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  pids=()
}
trap 'stop_all; rm -rf "$work"' EXIT

say "publishing the sample and the ceiling (Release)"
dotnet publish samples/SecondChance.Samples.Web/SecondChance.Samples.Web.csproj -c Release -o "$work/sample" -v quiet -nologo >"$work/publish.log" 2>&1 \
  || { cat "$work/publish.log" >&2; exit 1; }
dotnet publish tests/load/Ceiling/Ceiling.csproj -c Release -o "$work/ceiling" -v quiet -nologo >>"$work/publish.log" 2>&1 \
  || { cat "$work/publish.log" >&2; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_up() {
  for _ in $(seq 1 300); do curl -sf "$1/healthz" >/dev/null && return 0; sleep 0.2; done
  echo "load: $1 did not start" >&2; exit 1
}

key=load-$(python3 -c 'import uuid; print(uuid.uuid4().hex)')
db=$work/load.db
start_sample() {
  sample_url=http://127.0.0.1:$(free_port)
  (cd "$work/sample" && ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
    Tenants__load="$key" Tenants__agenda="$key-agenda" ConnectionStrings__SecondChance="Data Source=$db" \
    RateLimits__Tenant=100000000 RateLimits__Client=100000000 RateLimits__Intake=100000000 \
    Storage__CaseCacheMiB=$case_cache_mib \
    exec dotnet SecondChance.Samples.Web.dll --urls "$sample_url" >>"$work/sample.log" 2>&1) &
  pids+=($!)
  wait_up "$sample_url"
}

start_sample
today=$(date -u +%F)
month_ago=$(date -u -d '30 days ago' +%F)
say "creating $write_cases cases to write to, 1 to read and $agenda_cases on the agenda"
python3 "$here/prepare.py" seed "$sample_url" "$key" "$today" "$write_cases" "$work/write.ids"
python3 "$here/prepare.py" seed "$sample_url" "$key" "$today" 1 "$work/next.ids"
python3 "$here/prepare.py" seed "$sample_url" "$key-agenda" "$month_ago" "$agenda_cases" "$work/agenda.ids" UTC America/Los_Angeles Asia/Tokyo Europe/Berlin
python3 "$here/prepare.py" seed "$sample_url" "$key" "$today" 1 "$work/probe.ids"
next_id=$(head -1 "$work/next.ids")
curl -sf -H "X-Api-Key: $key" "$sample_url/api/cases/$next_id/next" -o "$work/next.json"
curl -sf -H "X-Api-Key: $key-agenda" "$sample_url/api/agenda" -D "$work/agenda.headers" -o "$work/agenda.json"
curl -sf -H "X-Api-Key: $key" -H 'Content-Type: application/json' -X POST \
  --data "{\"type\":\"FeedbackRecorded\",\"on\":\"$today\",\"gaps\":[\"probe\"]}" \
  "$sample_url/api/cases/$(head -1 "$work/probe.ids")/events" -o "$work/write.json"
curl -sf -H "X-Api-Key: $key" -H 'Content-Type: application/json' -H 'Prefer: return=minimal' -X POST \
  --data "{\"type\":\"FeedbackRecorded\",\"on\":\"$today\",\"gaps\":[\"probe\"]}" \
  "$sample_url/api/cases/$(head -1 "$work/probe.ids")/events" -o "$work/write-minimal.json"
agenda_items=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$work/agenda.json")
grep -qi '^link:.*rel="next"' "$work/agenda.headers" || { echo "load: the agenda page has no next link" >&2; exit 1; }
say "agenda page: $agenda_items cases, $(wc -c <"$work/agenda.json") bytes; next: $(wc -c <"$work/next.json") bytes; write answer: $(wc -c <"$work/write.json") bytes (short: $(wc -c <"$work/write-minimal.json"))"

ceiling_url=http://127.0.0.1:$(free_port)
(cd "$work/ceiling" && ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  CEILING_NEXT="$work/next.json" CEILING_AGENDA="$work/agenda.json" CEILING_WRITE="$work/write.json" CEILING_WRITE_MINIMAL="$work/write-minimal.json" CEILING_DB="$work/ceiling.db" \
  exec dotnet Ceiling.dll --urls "$ceiling_url" >>"$work/ceiling.log" 2>&1) &
pids+=($!)
wait_up "$ceiling_url"

# run_wrk APP URL CONNECTIONS SCENARIO: prints "rps p99_ms"
run_wrk() {
  local app=$1 url=$2 c=$3 scenario=$4 length=${5:-$duration} out prefix="" cases=write prefer="" run=$1
  if [ "$scenario" = durable ]; then prefix=/durable; fi
  if [ "$scenario" = minimal ]; then cases=minimal prefer=return=minimal run=${app}m; fi
  case $scenario in
    next) out=$(LOAD_KEY=$key wrk -t$threads -c"$c" -d"$length" --latency -s "$here/read.lua" "$url/api/cases/$next_id/next") ;;
    agenda) out=$(LOAD_KEY=$key-agenda wrk -t$threads -c"$c" -d"$length" --latency -s "$here/read.lua" "$url/api/agenda") ;;
    write|durable|minimal) out=$(LOAD_KEY=$key LOAD_DAY=$today LOAD_CASES="$work/$cases.ids" LOAD_RUN="$run$c$phase" LOAD_LABELS="$work/labels-$app.txt" \
                 LOAD_PREFIX=$prefix LOAD_PREFER=$prefer wrk -t$threads -c"$c" -d"$length" --latency -s "$here/write.lua" "$url") ;;
  esac
  local result
  result=$(grep '^RESULT' <<<"$out")
  say "$scenario $app c=$c${phase:+ ($phase)}: $result"
  local requests ok
  requests=$(sed -n 's/.* requests=\([0-9]*\).*/\1/p' <<<"$result")
  ok=$(sed -n 's/.* ok=\([0-9]*\).*/\1/p' <<<"$result")
  [ "$requests" = "$ok" ] || say "WARNING: $scenario $app c=$c: $((requests - ok)) answers were not 2xx"
  echo "$(sed -n 's/.*rps=\([0-9.]*\).*/\1/p' <<<"$result") $(sed -n 's/.*p99_ms=\([0-9.]*\).*/\1/p' <<<"$result")"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

# Both apps are measured warm: each scenario runs against each first, so neither is measured while its
# code is still being compiled (the ceiling, on the runtime's default tiering, ran its first scenario at
# about two thirds of its warm rate). The warm-up's writes are checked with the others.
phase=warm
warm_c=${connections##* }
say "warming both apps up: ${warmup} per scenario at $warm_c connections"
for scenario in next agenda write; do
  run_wrk sample "$sample_url" "$warm_c" "$scenario" "$warmup" >/dev/null
  run_wrk ceiling "$ceiling_url" "$warm_c" "$scenario" "$warmup" >/dev/null
done
run_wrk durable "$ceiling_url" "$warm_c" durable "$warmup" >/dev/null
phase=

table="| scenario | connections | sample req/s | sample p99 ms | ceiling req/s | ceiling p99 ms | ratio |
| --- | --- | --- | --- | --- | --- | --- |"
declare -A last_ratio
write_p99=0
for c in $connections; do
  for scenario in next agenda write; do
    read -r s_rps s_p99 < <(run_wrk sample "$sample_url" "$c" "$scenario")
    read -r c_rps c_p99 < <(run_wrk ceiling "$ceiling_url" "$c" "$scenario")
    r=$(ratio "$s_rps" "$c_rps")
    last_ratio[$scenario]=$r
    [ "$scenario" = write ] && write_p99=$s_p99 && write_rps=$s_rps && write_ceiling_rps=$c_rps
    table+=$'\n'"| $scenario | $c | $s_rps | $s_p99 | $c_rps | $c_p99 | $r |"
  done
  read -r d_rps d_p99 < <(run_wrk durable "$ceiling_url" "$c" durable)
  over_durable=$(ratio "$write_rps" "$d_rps")
  durable_ratio=$(ratio "$d_rps" "${write_ceiling_rps}")
  table+=$'\n'"| write: durable floor instead of ceiling | $c | $write_rps | $write_p99 | $d_rps | $d_p99 | $over_durable |"
done

# The short answer, last, on cases of its own: the figures above are measured as if it did not exist.
say "creating $write_cases cases for the short-answer write"
python3 "$here/prepare.py" seed "$sample_url" "$key" "$today" "$write_cases" "$work/minimal.ids"
phase=warm
run_wrk sample "$sample_url" "$warm_c" minimal "$warmup" >/dev/null
run_wrk ceiling "$ceiling_url" "$warm_c" minimal "$warmup" >/dev/null
phase=
read -r m_rps minimal_p99 < <(run_wrk sample "$sample_url" "$warm_c" minimal)
read -r mc_rps mc_p99 < <(run_wrk ceiling "$ceiling_url" "$warm_c" minimal)
minimal_ratio=$(ratio "$m_rps" "$mc_rps")
table+=$'\n'"| write, Prefer: return=minimal | $warm_c | $m_rps | $minimal_p99 | $mc_rps | $mc_p99 | $minimal_ratio |"

sleep 2 # let requests still in flight when wrk stopped finish
check=$(python3 "$here/prepare.py" check "$db" load "$work/labels-sample.txt")
say "post-check: $check"
lost=$(sed -n 's/.*lost=\([0-9]*\).*/\1/p' <<<"$check")
dup=$(sed -n 's/.*dup=\([0-9]*\).*/\1/p' <<<"$check")
bytes=$(python3 "$here/prepare.py" bytes "$db")
say "idempotency keys: $bytes"
per_key=$(sed -n 's/.*bytes_per_key=\([0-9]*\).*/\1/p' <<<"$bytes")

if [ "$stats_cases" -gt 0 ]; then
  stop_all
  say "copying cases until tenant load has $stats_cases, then timing /api/stats"
  python3 "$here/prepare.py" stats "$db" load "$stats_cases" "$today"
  started=$(date +%s.%N)
  start_sample
  say "restart with $stats_cases cases (counting them for the stats) took $(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }') s"
  stats=$(python3 "$here/prepare.py" time "$sample_url" "$key" /api/stats 200)
  say "GET /api/stats at $stats_cases cases: $stats"
  table+=$'\n\n'"GET /api/stats at $stats_cases cases, 200 sequential calls: $stats"
fi

echo "$table"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr), load average before the end $(cut -d' ' -f1-3 /proc/loadavg)"
echo "web-minimal: write_ratio=$minimal_ratio write_p99_ms=$(printf '%.0f' "$minimal_p99") (POST .../events with Prefer: return=minimal, against the ceiling answering the same short bytes)"
echo "web-durable: write_over_durable_floor=$over_durable durable_floor_ratio=$durable_ratio (the floor: a body committed to SQLite by a group-committing writer, nothing decided)"
echo "web: next_ratio=${last_ratio[next]} agenda_ratio=${last_ratio[agenda]} write_ratio=${last_ratio[write]} write_p99_ms=$(printf '%.0f' "$write_p99") lost=$lost dup=$dup idem_bytes_per_key=$per_key"
