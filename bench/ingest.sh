#!/usr/bin/env bash
# Durable REST ingest: POST /api/v1/events answered 202 only after the event is committed to the
# journal (group commit), against the bare endpoint measured in the same run with the same tools.
#   targets: bare endpoint over HTTPS (the hub is HTTPS only, so ratios are to HTTPS; BENCH_HTTP_CONTEXT=1 adds
#            its max throughput over plain HTTP for context),
#            then the hub on SQLite and PostgreSQL, each at durability `process` and `power`
#   each:    wrk warm-up in 5 s rounds until the throughput settles (from the third round, two rounds within 5%;
#            at most 4 rounds: the servers run with tiered compilation), wrk max throughput (6 s, 2 threads,
#            64 connections), then Switchboard.LoadGenerator open loop at half load (6 s, 64 connections);
#            at `power`, max throughput only unless BENCH_POWER_HALF_LOAD=1 (so a run from a fresh clone,
#            the build included, stays under 5 minutes)
#   half load: half of the bare HTTPS endpoint's max for the hub, or half of the hub's own max
#            when it cannot serve that much (the table says which)
# Every request carries a UNIQUE eventId and callId (a repeated id is only a duplicate check) and
# a ~310-byte call.offered event stamped "now" at start (the hub refuses stale events). An offered call
# also starts its screen pop (the hub's own lookups: customers, remembered picks, history), so the hub does
# that work too; BENCH_EVENT_TYPE=call.queued measures the same ingest without a pop.
# PostgreSQL is a throwaway server with fsync ON and synchronous_commit=off as the server default
# (BENCH_PG_SYNCHRONOUS_COMMIT): `process` keeps the server's setting, `power` forces it on.
# Appends a table to docs/benchmarks.md; prints one JSON object as the last line.
# Durations (seconds) can be shortened for a trial: BENCH_WARMUP_S (a round), BENCH_WARMUP_ROUNDS, BENCH_WRK_S, BENCH_LOAD_S,
# BENCH_SETTLE_S (the most to wait for interaction assembly to catch up before the half-load run).
# BENCH_EVENT_TYPE (call.offered) sets the event's type: a call event that needs no more fields than the payload's.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

warmup_s=${BENCH_WARMUP_S:-5}
warmup_rounds=${BENCH_WARMUP_ROUNDS:-4}
wrk_s=${BENCH_WRK_S:-6}
load_s=${BENCH_LOAD_S:-6}
settle_s=${BENCH_SETTLE_S:-5}
# The half-load runs at durability `power` are measured on request (BENCH_POWER_HALF_LOAD=1), to keep the run under 5 minutes.
power_half=${BENCH_POWER_HALF_LOAD:-0}
connections=64
threads=2
started=$SECONDS

bench_init ingest
bench_ensure_wrk
bench_ensure_command curl curl
bench_ensure_command sqlite3 sqlite3
bench_build bench/Switchboard.Benchmarks.BareEndpoint bench/Switchboard.LoadGenerator src/Switchboard.Cli
cli="$BENCH_ROOT/src/Switchboard.Cli/bin/Release/net10.0/switchboard.dll"
[[ -f $cli ]] || bench_fail "no $cli after the build"

# The hub refuses events older than 30 days or more than 5 minutes ahead: stamp the body now.
body="$BENCH_OUT/call-offered.json"
now=$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)
event_type=${BENCH_EVENT_TYPE:-call.offered}
[[ $event_type =~ ^call\.[a-z_]+$ ]] || bench_fail "BENCH_EVENT_TYPE must be a call event type such as call.queued, not '$event_type'"
sed -E -e "s/\"occurredAt\":\"[^\"]*\"/\"occurredAt\":\"$now\"/" -e "s/\"type\":\"call\.offered\"/\"type\":\"$event_type\"/" \
  "$BENCH_ROOT/bench/payloads/call-offered.json" >"$body"
grep -q "$now" "$body" || bench_fail "could not stamp occurredAt in $body"
unique=(--unique-field eventId --unique-field callId)

BENCH_PG_OPTIONS="-c synchronous_commit=${BENCH_PG_SYNCHRONOUS_COMMIT:-off}"
bench_start_postgres "$BENCH_OUT/pg"

declare -A fig=()
targets=(bare_https sqlite_process sqlite_power postgresql_process postgresql_power)
# The bare endpoint over plain HTTP is context only (what TLS costs), measured on request to keep the run under 5 minutes.
http_context=${BENCH_HTTP_CONTEXT:-0}
((http_context)) && targets=(bare_http "${targets[@]}")

# measure TARGET URL HALF_RATE_OR_EMPTY [REQUEST OPTIONS...]: wrk warm-up and max, then half load.
# An empty HALF_RATE means half of the target's own max.
measure() {
  local target=$1 url=$2 half=$3
  shift 3
  bench_say "== $target: warm-up"
  bench_wrk_warmup "$url" "$body" "$warmup_s" "$warmup_rounds" "$connections" "$threads" "$@"
  fig[${target}_warmup_s]=$WARMUP_S fig[${target}_warmup_settled]=$WARMUP_SETTLED
  bench_say "== $target: max throughput"
  bench_wrk "$url" "$body" "$wrk_s" "$connections" "$threads" "$@"
  fig[${target}_rps]=$WRK_RPS fig[${target}_p50_ms]=$WRK_P50_MS fig[${target}_p99_ms]=$WRK_P99_MS
  fig[${target}_errors]=$WRK_ERRORS fig[${target}_requests]=$WRK_REQUESTS
  ((WRK_ERRORS == 0)) || bench_say "WARNING: $target answered $WRK_ERRORS requests with an error or a non-2xx status"
  if [[ -z $half ]]; then
    half=$(bench_half "$WRK_RPS")
    fig[${target}_half_basis]=own
  fi
  fig[${target}_half_rate]=$half
  if [[ -n ${max_only:-} ]]; then
    unset "fig[${target}_half_rate]" "fig[${target}_half_basis]"
    return 0
  fi
  if [[ -n ${before_half_load:-} ]]; then "$before_half_load" "$target"; fi
  bench_say "== $target: half load, $half/s open loop"
  bench_load "$url" "$body" "$half" "$load_s" "$connections" --warmup 1 "$@"
  fig[${target}_half_rps]=$LOAD_RPS fig[${target}_half_p50_ms]=$LOAD_P50_MS fig[${target}_half_p99_ms]=$LOAD_P99_MS
  fig[${target}_half_max_ms]=$LOAD_MAX_MS fig[${target}_half_errors]=$LOAD_ERRORS fig[${target}_half_dropped]=$LOAD_DROPPED
}

# --- baselines: the bare endpoint, same body, same headers, same unique ids -----------------------
bare_dll=$(bench_dll bench/Switchboard.Benchmarks.BareEndpoint)
# A header as long as a real key, so both sides parse the same request.
dummy_key="sbk_000000000000_$(printf 'x%.0s' {1..43})"

if ((http_context)); then
  bench_free_port bare_port 28080
  bench_start_dotnet bare-http "$bare_port" "$bare_dll"
  [[ $(bench_http_status "http://127.0.0.1:$bare_port/bare") == 200 ]] || bench_fail "bare endpoint (http) not answering"
  max_only=1 measure bare_http "http://127.0.0.1:$bare_port/bare" "" --header "X-Api-Key: $dummy_key" "${unique[@]}"
  bench_stop_processes
fi

bench_free_port bare_tls_port 28443
bench_start_dotnet_https bare-https "$bare_tls_port" "$bare_dll"
bench_wait_ready "https://127.0.0.1:$bare_tls_port/bare" 30
measure bare_https "https://127.0.0.1:$bare_tls_port/bare" "" --header "X-Api-Key: $dummy_key" "${unique[@]}"
bench_stop_processes
for target in "${targets[@]}"; do
  [[ $target == bare_* ]] || continue
  ((fig[${target}_errors] == 0 && ${fig[${target}_half_errors]:-0} == 0)) || bench_fail "the bare endpoint ($target) answered errors"
done
bare_rps=${fig[bare_https_rps]}
half_of_bare=$(bench_half "$bare_rps")

# --- the hub ---------------------------------------------------------------------------------------
# journal_count TARGET SQL_TAIL: counts journal rows of the target's fresh database.
journal_count() {
  if [[ $1 == sqlite_* ]]; then
    sqlite3 -cmd ".timeout 5000" "$BENCH_OUT/hub-$1/data/switchboard.db" "SELECT count(*) FROM inbound_events $2"
  else
    "$SB_PG_BIN/psql" -h 127.0.0.1 -p "$BENCH_PG_PORT" -U postgres -d "bench_$1" -Atc "SELECT count(*) FROM inbound_events $2"
  fi
}

# Runs inside measure() before the half-load phase (bash's dynamic scope: setting `half` here sets
# measure's local): decides the rate, then lets interaction assembly (which reads the
# journal behind ingest) catch up with the max-throughput burst, so the latency is that of steady
# half load, not of a backlog. What was left is reported.
hub_before_half_load() {
  local target=$1 pending waited=0
  if awk -v h="${fig[${target}_rps]}" -v b="$half_of_bare" 'BEGIN { exit !(h >= b) }'; then
    fig[${target}_half_rate]=$half_of_bare fig[${target}_half_basis]=bare_https
  else
    fig[${target}_half_rate]=$(bench_half "${fig[${target}_rps]}") fig[${target}_half_basis]=own
  fi
  half=${fig[${target}_half_rate]}
  pending=$(journal_count "$target" "WHERE applied = 0")
  fig[${target}_backlog_after_max]=$pending
  while ((pending > 0 && waited < settle_s * 2)); do
    sleep 0.5
    waited=$((waited + 1))
    pending=$(journal_count "$target" "WHERE applied = 0")
  done
  fig[${target}_settle_s]=$(awk -v w="$waited" 'BEGIN { printf "%.1f\n", w / 2 }')
  fig[${target}_backlog_at_half]=$pending
  bench_say "assembly backlog: ${fig[${target}_backlog_after_max]} after the max run, $pending after ${fig[${target}_settle_s]} s"
}

hub_port=28500
run_hub() {
  local target=$1 provider=$2 durability=$3 dir port key url status
  dir="$BENCH_OUT/hub-$target"
  mkdir -p "$dir"
  bench_free_port port "$hub_port"
  {
    echo "hub:"
    echo "  name: bench-$target"
    echo "  dataDirectory: ./data"
    echo "server:"
    echo "  address: 127.0.0.1"
    echo "  httpsPort: $port"
    echo "storage:"
    echo "  provider: $provider"
    echo "  durability: $durability"
    if [[ $provider == postgresql ]]; then
      echo "  postgresql:"
      echo "    connectionString: \${env:SWITCHBOARD_BENCH_POSTGRES}"
    fi
    echo "logging:"
    echo "  level: Warning"
    echo "  format: text"
  } >"$dir/switchboard.yaml"
  if [[ $provider == postgresql ]]; then
    "$SB_PG_BIN/createdb" -h 127.0.0.1 -p "$BENCH_PG_PORT" -U postgres "bench_$target" || bench_fail "createdb bench_$target"
    export SWITCHBOARD_BENCH_POSTGRES="Host=127.0.0.1;Port=$BENCH_PG_PORT;Username=postgres;Database=bench_$target"
  fi
  key=$(dotnet "$cli" apikey create --config "$dir" --name bench --role system 2>>"$BENCH_OUT/hub-$target.apikey.log") ||
    bench_fail "switchboard apikey create failed (log: $BENCH_OUT/hub-$target.apikey.log)"
  bench_start_process "hub-$target" "$port" dotnet "$cli" serve --config "$dir"
  bench_wait_ready "https://127.0.0.1:$port/health/ready" 60
  url="https://127.0.0.1:$port/api/v1/events"
  status=$(curl -sk -o "$dir/first-response.json" -w '%{http_code}' -H "X-Api-Key: $key" \
    -H 'Content-Type: application/json' --data-binary "@$body" "$url")
  [[ $status == 202 ]] && grep -q '"accepted"' "$dir/first-response.json" ||
    bench_fail "POST $url answered $status: $(cat "$dir/first-response.json")"

  # measure() reads max_only (bash's dynamic scope); without a half-load run no load generator requests are acknowledged.
  local max_only=""
  if [[ $durability == power ]] && ((!power_half)); then
    max_only=1 LOAD_OK=0
  fi
  before_half_load=hub_before_half_load measure "$target" "$url" "$half_of_bare" --header "X-Api-Key: $key" "${unique[@]}"
  [[ -n ${fig[${target}_backlog_after_max]:-} ]] || fig[${target}_backlog_after_max]=$(journal_count "$target" "WHERE applied = 0")
  fig[${target}_ratio]=$(bench_ratio "${fig[${target}_rps]}" "$bare_rps")
  fig[${target}_backlog_after_half]=$(journal_count "$target" "WHERE applied = 0")
  fig[${target}_journal_rows]=$(journal_count "$target" "")
  # Every acknowledged request must be its own row (warm-up requests add more): fewer rows would
  # mean repeated ids, i.e. a benchmark of duplicate detection.
  local acknowledged=$((fig[${target}_requests] + LOAD_OK))
  ((fig[${target}_journal_rows] >= acknowledged)) ||
    bench_fail "$target: $acknowledged requests acknowledged but only ${fig[${target}_journal_rows]} journal rows"
  bench_stop_processes
}

run_hub sqlite_process sqlite process
run_hub sqlite_power sqlite power
run_hub postgresql_process postgresql process
run_hub postgresql_power postgresql power
bench_cleanup
load_end=$(cut -d' ' -f1 /proc/loadavg)

# --- report ----------------------------------------------------------------------------------------
((http_context)) && fig[bare_http_ratio]=$(bench_ratio "${fig[bare_http_rps]}" "$bare_rps")
fig[bare_https_ratio]=1.00
label() {
  case $1 in
    bare_http) echo "bare endpoint, HTTP (context)" ;;
    bare_https) echo "bare endpoint, HTTPS (the baseline)" ;;
    *) echo "hub, ${1%_*} / ${1#*_}" ;;
  esac
}
rows=()
for target in "${targets[@]}"; do
  basis="half of own max"
  [[ ${fig[${target}_half_basis]:-} == bare_https ]] && basis="half of bare HTTPS max"
  notes="warm-up ${fig[${target}_warmup_s]} s$( ((fig[${target}_warmup_settled])) || echo " (throughput still moving)"); "
  ((fig[${target}_errors] == 0)) || notes+="${fig[${target}_errors]} non-2xx at max; "
  ((${fig[${target}_half_errors]:-0} == 0)) || notes+="${fig[${target}_half_errors]} errors at half load; "
  ((${fig[${target}_half_dropped]:-0} == 0)) || notes+="${fig[${target}_half_dropped]} never sent (backlog); "
  if [[ $target != bare_* ]]; then
    notes+="${fig[${target}_journal_rows]} journal rows; assembly backlog ${fig[${target}_backlog_after_max]} after max"
    [[ -z ${fig[${target}_half_rate]:-} ]] || notes+=", ${fig[${target}_backlog_at_half]} after ${fig[${target}_settle_s]} s wait, ${fig[${target}_backlog_after_half]} after half load"
  fi
  half="${fig[${target}_half_rate]:-} ($basis)"
  if [[ -z ${fig[${target}_half_rate]:-} ]]; then
    half="— (max only: context)"
    [[ $target == bare_* ]] || half="— (max only; BENCH_POWER_HALF_LOAD=1 adds it)"
  fi
  rows+=("| $(label "$target") | ${fig[${target}_rps]} | ${fig[${target}_ratio]} | ${fig[${target}_p50_ms]} | ${fig[${target}_p99_ms]} | $half | ${fig[${target}_half_rps]:-—} | ${fig[${target}_half_p50_ms]:-—} | ${fig[${target}_half_p99_ms]:-—} | ${fig[${target}_half_max_ms]:-—} | ${notes%; } |")
done

# verdict VALUE BAR: "met" when VALUE >= BAR (ratios), or VALUE < -BAR when BAR is negative (latencies).
verdict() { awk -v v="$1" -v bar="$2" 'BEGIN { if (bar < 0) print (v < -bar ? "met" : "missed"); else print (v >= bar ? "met" : "missed") }'; }
for target in sqlite_process postgresql_process; do fig[${target}_ratio_target]=$(verdict "${fig[${target}_ratio]}" 0.6); done
for target in sqlite_power postgresql_power; do fig[${target}_ratio_target]=$(verdict "${fig[${target}_ratio]}" 0.4); done
half_p99s=""
for target in sqlite_process sqlite_power postgresql_process postgresql_power; do
  [[ -n ${fig[${target}_half_p99_ms]:-} ]] || continue
  fig[${target}_half_p99_target]=$(verdict "${fig[${target}_half_p99_ms]}" -10)
  half_p99s+="${half_p99s:+, }$(label "$target" | sed 's/^hub, //') ${fig[${target}_half_p99_ms]} ms (${fig[${target}_half_p99_target]})"
done
busy=""
# The benchmark itself keeps both cores busy, so only the load before it started tells of other work.
if awk -v a="$BENCH_LOAD_AVERAGE" -v n="$(nproc)" 'BEGIN { exit !(a > n * 0.5) }'; then
  busy=" The machine was NOT idle: load average $BENCH_LOAD_AVERAGE before the run on $(nproc) cores ($load_end at the end, the benchmark included), with other work running, so absolute figures are low and noisy and even the ratios, measured minutes apart, carry that noise."
fi
pop_note=""
if [[ $event_type == call.offered || $event_type == call.ringing ]]; then
  pop_note=" (each such event also starts the call's screen pop, which the hub runs beside ingest: its own lookups of customers, remembered picks and history)"
fi
summary=$(
  printf 'What was measured: POST /api/v1/events with an API key (role system), one ~%s-byte %s event per request with a unique eventId and callId, answered 202 only after the journal commit%s; wrk (closed loop, %s threads, %s connections, %s s after a warm-up of %s s rounds repeated until the throughput of a round was within 5%% of the one before, as tiered compilation finished optimizing the server: the notes give each target'"'"'s warm-up) for max throughput, then Switchboard.LoadGenerator (open loop, %s connections, %s s, latency from the intended send time) at half load. Ratios are to the bare endpoint over HTTPS (same body, same headers, same self-signed ECDSA P-256 TLS), measured in this run. PostgreSQL ran locally with fsync on and synchronous_commit=%s as its default, so `process` commits do not wait for the WAL flush and `power` ones do. Before each half-load run the script waited up to %s s for interaction assembly to catch up with the max-throughput burst.' \
    "$(($(wc -c <"$body") + 40))" "$event_type" "$pop_note" "$threads" "$connections" "$wrk_s" "$warmup_s" "$connections" "$load_s" \
    "${BENCH_PG_SYNCHRONOUS_COMMIT:-off}" "$settle_s"
  printf ' Targets: throughput ≥ 0.6 of bare at `process` — SQLite %s (%s), PostgreSQL %s (%s); aim 0.4 at `power` — SQLite %s (%s), PostgreSQL %s (%s); p99 < 10 ms at half load — %s.%s' \
    "${fig[sqlite_process_ratio]}" "${fig[sqlite_process_ratio_target]}" "${fig[postgresql_process_ratio]}" "${fig[postgresql_process_ratio_target]}" \
    "${fig[sqlite_power_ratio]}" "${fig[sqlite_power_ratio_target]}" "${fig[postgresql_power_ratio]}" "${fig[postgresql_power_ratio_target]}" \
    "$half_p99s" "$busy"
)

bench_append_table "ingest: durable REST ingest of $event_type vs the bare endpoint" \
  "| target | requests/s (wrk) | ratio to bare HTTPS | p50 ms (wrk) | p99 ms (wrk) | half load rate /s | achieved /s | p50 ms | p99 ms | max ms | notes |" \
  "${rows[@]}"
printf '\n%s\n' "$summary" >>"$BENCH_DOCS"
bench_say "$summary"
bench_say "done in $((SECONDS - started)) s"

json=(benchmark ingest event_type "$event_type" load_average_start "$BENCH_LOAD_AVERAGE" load_average_end "$load_end" seconds "$((SECONDS - started))")
for target in "${targets[@]}"; do
  for key in warmup_s warmup_settled rps ratio p50_ms p99_ms errors half_rate half_basis half_rps half_p50_ms half_p99_ms half_max_ms half_errors half_dropped \
    journal_rows backlog_after_max settle_s backlog_at_half backlog_after_half ratio_target half_p99_target; do
    [[ -n ${fig[${target}_$key]+set} ]] && json+=("${target}_$key" "${fig[${target}_$key]}")
  done
done
bench_print_json "${json[@]}"
