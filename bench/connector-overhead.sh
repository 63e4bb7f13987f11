#!/usr/bin/env bash
# The hub's own overhead per operation call: a REST operation configured in YAML (template, api-key
# auth, allow-list, retry/breaker/rate/concurrency pipeline, JSONPath mapping with typed fields)
# against a local stub, versus a bare HttpClient GET of the same URL in the same process and run.
#   1. one call at a time, 20,000 calls each, alternating blocks of 500 (latency per call)
#   2. 16 calls in flight, 20,000 calls each (throughput)
# Both report the bytes the process allocated per call on each side (the stub's share is the same on both).
# Appends a table to docs/benchmarks.md; prints one JSON object as the last line.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bench_init connector-overhead
bench_build bench/Switchboard.Benchmarks.ConnectorOverhead
dll=$(bench_dll bench/Switchboard.Benchmarks.ConnectorOverhead)

bench_say "one call at a time"
serial=$(dotnet "$dll" 20000 1 | tail -n 1)
bench_say "16 calls in flight"
parallel=$(dotnet "$dll" 20000 16 | tail -n 1)

f() { bench_json_field "$1" "$2"; }
bench_append_table "connector-overhead: a configured REST operation vs a bare HttpClient call to the same stub" \
  "| calls in flight | bare p50 ms | bare p99 ms | hub p50 ms | hub p99 ms | overhead p50 ms | overhead p99 ms | p50 ratio | p99 ratio | bare calls/s | hub calls/s | throughput ratio | bare KiB allocated per call | hub KiB allocated per call |" \
  "| 1 | $(f "$serial" bare_p50_ms) | $(f "$serial" bare_p99_ms) | $(f "$serial" hub_p50_ms) | $(f "$serial" hub_p99_ms) | $(f "$serial" overhead_p50_ms) | $(f "$serial" overhead_p99_ms) | $(f "$serial" ratio_p50) | $(f "$serial" ratio_p99) | $(f "$serial" bare_calls_per_s) | $(f "$serial" hub_calls_per_s) | $(f "$serial" throughput_ratio) | $(f "$serial" bare_allocated_kib_per_call) | $(f "$serial" hub_allocated_kib_per_call) |" \
  "| 16 | $(f "$parallel" bare_p50_ms) | $(f "$parallel" bare_p99_ms) | $(f "$parallel" hub_p50_ms) | $(f "$parallel" hub_p99_ms) | $(f "$parallel" overhead_p50_ms) | $(f "$parallel" overhead_p99_ms) | $(f "$parallel" ratio_p50) | $(f "$parallel" ratio_p99) | $(f "$parallel" bare_calls_per_s) | $(f "$parallel" hub_calls_per_s) | $(f "$parallel" throughput_ratio) | $(f "$parallel" bare_allocated_kib_per_call) | $(f "$parallel" hub_allocated_kib_per_call) |"

bench_print_json benchmark connector-overhead \
  serial_bare_p50_ms "$(f "$serial" bare_p50_ms)" serial_bare_p99_ms "$(f "$serial" bare_p99_ms)" \
  serial_hub_p50_ms "$(f "$serial" hub_p50_ms)" serial_hub_p99_ms "$(f "$serial" hub_p99_ms)" \
  serial_overhead_p50_ms "$(f "$serial" overhead_p50_ms)" serial_overhead_p99_ms "$(f "$serial" overhead_p99_ms)" \
  serial_ratio_p50 "$(f "$serial" ratio_p50)" serial_ratio_p99 "$(f "$serial" ratio_p99)" \
  parallel_bare_calls_per_s "$(f "$parallel" bare_calls_per_s)" parallel_hub_calls_per_s "$(f "$parallel" hub_calls_per_s)" \
  parallel_throughput_ratio "$(f "$parallel" throughput_ratio)" parallel_ratio_p99 "$(f "$parallel" ratio_p99)" \
  serial_bare_allocated_kib_per_call "$(f "$serial" bare_allocated_kib_per_call)" serial_hub_allocated_kib_per_call "$(f "$serial" hub_allocated_kib_per_call)"
