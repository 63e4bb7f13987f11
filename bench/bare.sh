#!/usr/bin/env bash
# The baseline: a bare ASP.NET Core endpoint that reads a ~300-byte JSON call event and answers
# 202 with no work. Every web-facing figure in docs/benchmarks.md is divided by its throughput.
#   1. max throughput: wrk, 2 threads, 64 connections, 10 s (after a 5 s warm-up)
#   2. latency at half that rate: Switchboard.LoadGenerator, open loop, 64 connections, 10 s
# Appends a table to docs/benchmarks.md; prints one JSON object as the last line.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bench_init bare
bench_ensure_wrk
bench_build bench/Switchboard.Benchmarks.BareEndpoint bench/Switchboard.LoadGenerator

body="$BENCH_ROOT/bench/payloads/call-event.json"
bench_free_port bare_port 28080
bench_start_dotnet bare-endpoint "$bare_port" "$(bench_dll bench/Switchboard.Benchmarks.BareEndpoint)"
url="http://127.0.0.1:$bare_port/bare"
status=$(bench_http_status "$url")
[[ $status == 200 ]] || bench_fail "GET $url answered $status"

bench_say "warming up"
bench_wrk "$url" "$body" 5 64 2
bench_wrk "$url" "$body" 10 64 2
rps=$WRK_RPS p50=$WRK_P50_MS p90=$WRK_P90_MS p99=$WRK_P99_MS wrk_errors=$WRK_ERRORS
((wrk_errors == 0)) || bench_fail "wrk saw $wrk_errors errors"

half=$(awk -v r="$rps" 'BEGIN { printf "%d\n", r / 2 }')
bench_load "$url" "$body" "$half" 10 64
((LOAD_ERRORS == 0 && LOAD_DROPPED == 0)) || bench_fail "load generator saw $LOAD_ERRORS errors, $LOAD_DROPPED dropped"

bench_append_table "bare: ASP.NET Core endpoint doing no work (the baseline)" \
  "| measurement | tool | requests/s | p50 ms | p90 ms | p99 ms | max ms |" \
  "| max throughput (2 threads, 64 connections, 10 s, POST $(wc -c <"$body") B JSON) | wrk | $rps | $p50 | $p90 | $p99 | |" \
  "| half load: $half/s open loop (64 connections, 10 s, latency from intended send time) | Switchboard.LoadGenerator | $LOAD_RPS | $LOAD_P50_MS | $LOAD_P90_MS | $LOAD_P99_MS | $LOAD_MAX_MS |"

bench_cleanup
bench_print_json benchmark bare rps "$rps" p50_ms "$p50" p90_ms "$p90" p99_ms "$p99" \
  half_load_target_rps "$half" half_load_rps "$LOAD_RPS" half_load_p50_ms "$LOAD_P50_MS" half_load_p99_ms "$LOAD_P99_MS" \
  half_load_max_ms "$LOAD_MAX_MS"
