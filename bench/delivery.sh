#!/usr/bin/env bash
# Durable delivery end to end (issue 6): a completed wrap-up posted to the hub becomes an activity written
# to a local receiver (a CRM stand-in counting by idempotency key), against the same flow in Node-RED
# (http in -> function -> http request -> http response), measured in the same run with the same driver.
#   systems:  Node-RED 4.1 (the baseline; not durable: it holds the call only in memory),
#             the hub with delivery.transport embedded (SQLite outbox) and rabbitmq (a local broker)
#   each:     warm-up rounds of BENCH_WARMUP_CALLS calls until a round's throughput is within 5% of the one
#             before (at most BENCH_WARMUP_ROUNDS: the hub runs with tiered compilation and Node-RED on V8, and
#             both speed up for tens of seconds), then BENCH_CALLS calls, one call.wrapup_completed
#             event each, BENCH_CONCURRENCY in flight (closed loop: a worker sends its next event when
#             the previous one was acknowledged); the driver waits until every call's write arrived
#   figures:  throughput = calls delivered / (last arrival - first send); lag = arrival at the receiver
#             - the moment the system acknowledged that call's event; every call exactly once
# Appends a table to docs/benchmarks.md; prints one JSON object as the last line. Exits non-zero when a
# system did not deliver every call exactly once (its row says so; no figure is made up).
# Options (environment): BENCH_CALLS (10000), BENCH_CONCURRENCY (32), BENCH_WARMUP_CALLS (10000), BENCH_WARMUP_ROUNDS (8),
# BENCH_TIMEOUT_S (90: the most to wait for the writes after the last acknowledgement),
# BENCH_SYSTEMS (node_red hub_embedded hub_rabbitmq: a subset for a trial).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

calls=${BENCH_CALLS:-10000}
concurrency=${BENCH_CONCURRENCY:-32}
warmup=${BENCH_WARMUP_CALLS:-10000}
warmup_rounds=${BENCH_WARMUP_ROUNDS:-8}
timeout_s=${BENCH_TIMEOUT_S:-90}
read -r -a systems <<<"${BENCH_SYSTEMS:-node_red hub_embedded hub_rabbitmq}"
started=$SECONDS

bench_init delivery
rabbit_dir=""
delivery_cleanup() {
  bench_cleanup
  if [[ -n $rabbit_dir ]]; then
    SB_RUN_DIR=$rabbit_dir
    sb_stop_rabbitmq "$rabbit_dir"
    rabbit_dir=""
  fi
}
trap delivery_cleanup EXIT

bench_ensure_command curl curl
bench_ensure_command node nodejs
bench_ensure_command npm npm
[[ -x $SB_RABBITMQ_SERVER ]] || bench_ensure_command rabbitmq-server rabbitmq-server
bench_build bench/Switchboard.Benchmarks.Delivery src/Switchboard.Cli
cli="$BENCH_ROOT/src/Switchboard.Cli/bin/Release/net10.0/switchboard.dll"
driver=$(bench_dll bench/Switchboard.Benchmarks.Delivery)
[[ -f $cli ]] || bench_fail "no $cli after the build"
node_red="$BENCH_ROOT/bench/node-red"
# npm ci from the lock file (node-red 4.1.x) when node_modules is missing or older than the lock.
sb_ensure_test_peers "$node_red" >&2 || bench_fail "npm ci in $node_red failed"
run=$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')

declare -A fig=() status=()

# cpu_seconds PID: the CPU time (user + system) PID and its descendants have used so far.
cpu_seconds() {
  local pids=("$1") i=0 child
  while ((i < ${#pids[@]})); do
    for child in $(ps -o pid= --ppid "${pids[i]}" 2>/dev/null); do pids+=("$child"); done
    i=$((i + 1))
  done
  local ticks=0 pid stat
  for pid in "${pids[@]}"; do
    # Fields 14 and 15 of /proc/PID/stat (after the command in parentheses): user and system time in clock ticks.
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
    stat=${stat##*) }
    ticks=$((ticks + $(awk '{ print $12 + $13 }' <<<"$stat")))
  done
  awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", t / hz }'
}

# drive SYSTEM TARGET_URL RECEIVER_PORT SERVER_PID [DRIVER OPTIONS...]: runs the driver; its JSON goes to
# fig[SYSTEM], with the server's CPU time per measured call (read between the warm-up and the measured calls,
# when the driver signals through a file, and after) added as cpu_ms_per_call.
drive() {
  local system=$1 url=$2 receiver_port=$3 server_pid=$4 json rc=0 cpu_before="" cpu_after driver_pid
  local signal="$BENCH_OUT/$system.warm" out="$BENCH_OUT/$system.driver.out"
  shift 4
  rm -f "$signal"
  bench_say "== $system: warm-up rounds of $warmup calls (at most $warmup_rounds), then $calls calls, $concurrency in flight, to $url"
  dotnet "$driver" --system "$system" --target "$url" --receiver-port "$receiver_port" --calls "$calls" \
    --concurrency "$concurrency" --warmup "$warmup" --warmup-rounds "$warmup_rounds" --warm-signal "$signal" \
    --timeout "$timeout_s" --run "$run-$system" "$@" >"$out" 2> >(tee -a "$BENCH_OUT/$system.driver.log" >&2) &
  driver_pid=$!
  while [[ ! -e $signal ]] && kill -0 "$driver_pid" 2>/dev/null; do sleep 0.01; done
  if [[ -e $signal ]]; then
    cpu_before=$(cpu_seconds "$server_pid")
    rm -f "$signal"
  fi
  wait "$driver_pid" || rc=$?
  cpu_after=$(cpu_seconds "$server_pid")
  json=$(tail -n 1 "$out")
  if [[ $json == \{*\} && -n $cpu_before ]]; then
    json="${json%\}},\"cpu_ms_per_call\":$(awk -v a="$cpu_before" -v b="$cpu_after" -v n="$calls" 'BEGIN { printf "%.3f", (b - a) * 1000 / n }')}"
  fi
  printf '%s\n' "$json" >"$BENCH_OUT/$system.json"
  if [[ $json != \{* ]]; then
    status[$system]="failed: the driver printed no figures (exit $rc; log: bench/out/delivery/$system.driver.log)"
    return 0
  fi
  fig[$system]=$json
  if ((rc == 0)); then
    status[$system]=ok
  else
    status[$system]="failed: $(f "$system" missing) of $calls calls never arrived, $(f "$system" duplicate_writes) duplicate writes, $(f "$system" calls_with_several_keys) calls under several keys, $(f "$system" keys_shared_by_calls) keys shared by calls, $(f "$system" errors) events not acknowledged"
  fi
  bench_say "$system: $(f "$system" throughput_per_s) calls/s delivered, lag p99 $(f "$system" lag_ack_p99_ms) ms, ${status[$system]}"
}

# machine_ms SYSTEM: the CPU the machine had per delivered call (cores x 1000 / calls per second): what the
# server, the driver and the receiver together may spend on a call at that throughput.
machine_ms() {
  local rate
  rate=$(f "$1" throughput_per_s)
  [[ -n $rate ]] && awk -v r="$rate" -v n="$(nproc)" 'BEGIN { if (r > 0) printf "%.3f", n * 1000 / r }'
}

# f SYSTEM FIELD: a number from the system's figures (empty when it has none).
f() {
  if [[ -n ${fig[$1]:-} ]]; then bench_json_field "${fig[$1]}" "$2"; fi
}

run_node_red() {
  local port receiver_port user="$BENCH_OUT/node-red-user"
  bench_free_port port 28600
  bench_free_port receiver_port 28700
  mkdir -p "$user"
  # Node-RED reads userDir/package.json for installed nodes; readOnly keeps it from writing anything.
  printf '{ "name": "bench-node-red-user", "private": true }\n' >"$user/package.json"
  bench_start_process node-red "$port" env SB_NODE_RED_PORT="$port" SB_NODE_RED_USER_DIR="$user" \
    SB_RECEIVER_URL="http://127.0.0.1:$receiver_port" node "$node_red/node_modules/node-red/red.js" --settings "$node_red/settings.js"
  drive node_red "http://127.0.0.1:$port/event" "$receiver_port" "${BENCH_PIDS[-1]}"
  bench_stop_processes
}

start_rabbitmq() {
  rabbit_dir="$BENCH_OUT/broker"
  # A node name of its own: a test run's broker (sbtest@localhost) may be running beside it.
  # shellcheck disable=SC2034 # read by sb_start_rabbitmq (scripts/services/services.sh)
  SB_RABBITMQ_NODENAME=sbbench-delivery@localhost
  mkdir -p "$rabbit_dir"
  SB_RUN_DIR=$rabbit_dir
  : >"$rabbit_dir/ports.env"
  bench_say "starting RabbitMQ"
  sb_start_rabbitmq "$rabbit_dir" && sb_wait_rabbitmq "$rabbit_dir" >&2 || return 1
  export SB_BENCH_RABBITMQ="amqp://guest:guest@127.0.0.1:$SB_RABBITMQ_PORT/"
}

# hub_config DIR TRANSPORT HTTPS_PORT RECEIVER_PORT: the hub's configuration folder.
hub_config() {
  local dir=$1 transport=$2 port=$3 receiver_port=$4
  mkdir -p "$dir/systems" "$dir/flows"
  {
    echo "hub:"
    echo "  name: bench-delivery-$transport"
    echo "  dataDirectory: ./data"
    echo "server:"
    echo "  address: 127.0.0.1"
    echo "  httpsPort: $port"
    echo "storage:"
    echo "  provider: sqlite"
    echo "  durability: process"
    echo "delivery:"
    echo "  transport: $transport"
    if [[ $transport == rabbitmq ]]; then
      echo "  rabbitmq:"
      echo "    connectionString: \${env:SB_BENCH_RABBITMQ}"
    fi
    echo "logging:"
    echo "  level: Warning"
    echo "  format: text"
  } >"$dir/switchboard.yaml"
  cat >"$dir/systems/receiver.yaml" <<EOF
name: receiver
kind: crm
protocol: rest
mode: on
address: http://127.0.0.1:$receiver_port
allowPrivateNetworks: true
concurrency: $concurrency
operations:
  interaction.log:
    method: POST
    path: /activities
    idempotencyKey: Idempotency-Key
    headers: { Content-Type: application/json }
    body: |
      { "callId": {{ callId | json }}, "contactId": {{ customerId | json }}, "direction": {{ direction | json }},
        "startedAt": {{ startedAt | json }}, "durationSeconds": {{ durationSeconds | json }},
        "disposition": {{ disposition | json }}, "notes": {{ notes | json }} }
EOF
  cat >"$dir/flows/call-logging.yaml" <<'EOF'
name: call-logging
capability: callLogging
mode: on
systems: [receiver]
EOF
}

# run_hub TRANSPORT: the hub as its own process (switchboard serve), HTTPS, SQLite, the given transport.
run_hub() {
  local transport=$1 system=hub_$1 dir="$BENCH_OUT/hub-$1" port receiver_port key pid log
  log="$BENCH_OUT/$system.log"
  bench_free_port port 28500
  bench_free_port receiver_port 28800
  hub_config "$dir" "$transport" "$port" "$receiver_port"
  if [[ $transport == rabbitmq ]] && ! start_rabbitmq; then
    status[$system]="failed: RabbitMQ did not start (log: bench/out/delivery/broker/rabbitmq/)"
    return 0
  fi
  if ! dotnet "$cli" check --config "$dir" >"$BENCH_OUT/$system.check.log" 2>&1; then
    cat "$BENCH_OUT/$system.check.log" >&2
    status[$system]="failed: the hub refuses the configuration (bench/out/delivery/$system.check.log)"
    return 0
  fi
  if ! key=$(dotnet "$cli" apikey create --config "$dir" --name bench --role system 2>>"$BENCH_OUT/$system.apikey.log"); then
    status[$system]="failed: switchboard apikey create (bench/out/delivery/$system.apikey.log)"
    return 0
  fi
  # Started here rather than with bench_start_process, which ends the whole script when a server fails:
  # a hub that does not come up is reported in its row.
  bench_say "starting the hub ($transport) on 127.0.0.1:$port"
  setsid dotnet "$cli" serve --config "$dir" </dev/null >"$log" 2>&1 &
  pid=$!
  disown "$pid"
  BENCH_PIDS+=("$pid")
  if ! sb_wait_port "$port" 60 "$pid" || ! hub_ready "https://127.0.0.1:$port/health/ready"; then
    tail -n 30 "$log" >&2
    status[$system]="failed: the hub did not become ready (log: bench/out/delivery/$system.log)"
    bench_stop_processes
    return 0
  fi
  drive "$system" "https://127.0.0.1:$port/api/v1/events" "$receiver_port" "$pid" --header "X-Api-Key: $key"
  if grep -qE '^(fail|crit):' "$log"; then
    bench_say "$system: the hub logged errors (bench/out/delivery/$system.log):"
    grep -A 2 -E '^(fail|crit):' "$log" | head -n 12 >&2
  fi
  bench_stop_processes
  if [[ $transport == rabbitmq ]]; then
    # shellcheck disable=SC2034 # read by sb_stop_rabbitmq
    SB_RUN_DIR=$rabbit_dir
    sb_stop_rabbitmq "$rabbit_dir"
    rabbit_dir=""
  fi
}

hub_ready() {
  local deadline=$((SECONDS + 60))
  while ((SECONDS < deadline)); do
    [[ $(curl -sk -o /dev/null -w '%{http_code}' --max-time 2 "$1" || true) == 200 ]] && return 0
    sleep 0.2
  done
  return 1
}

for system in "${systems[@]}"; do
  case $system in
    node_red) run_node_red ;;
    hub_embedded) run_hub embedded ;;
    hub_rabbitmq) run_hub rabbitmq ;;
    *) bench_fail "unknown system $system in BENCH_SYSTEMS (node_red, hub_embedded, hub_rabbitmq)" ;;
  esac
done
delivery_cleanup
load_end=$(cut -d' ' -f1 /proc/loadavg)

# --- report ----------------------------------------------------------------------------------------
base=$(f node_red throughput_per_s)
verdict() { awk -v v="$1" 'BEGIN { print (v >= 5 ? "met" : "missed") }'; }
label() {
  case $1 in
    node_red) echo "Node-RED 4.1 (the baseline)" ;;
    hub_embedded) echo "hub, delivery.transport embedded (SQLite)" ;;
    hub_rabbitmq) echo "hub, delivery.transport rabbitmq" ;;
  esac
}
rows=()
json=(benchmark delivery calls "$calls" concurrency "$concurrency" warmup_round_calls "$warmup")
failed=0
for system in "${systems[@]}"; do
  if [[ -z ${fig[$system]:-} ]]; then
    rows+=("| $(label "$system") | $calls | **no** | — | — | — | — | — | — | — | — | — | ${status[$system]} |")
    json+=("${system}_status" "${status[$system]}")
    failed=1
    continue
  fi
  ratio="" notes=""
  if [[ $system == node_red ]]; then
    ratio=1.00
    lag50="— (answers after the write)" lag99="—"
    notes="not durable: a call is held only in memory until the receiver answered; "
  else
    [[ -n $base ]] && ratio=$(bench_ratio "$(f "$system" throughput_per_s)" "$base")
    lag50=$(f "$system" lag_ack_p50_ms) lag99=$(f "$system" lag_ack_p99_ms)
    notes="durable: the event is committed (SQLite, durability process) before the 202, the message goes to the outbox with the interaction"
    [[ $system == hub_rabbitmq ]] && notes+=" and is relayed to a local RabbitMQ (persistent, publisher confirms)"
    notes+="; lag max $(f "$system" lag_ack_max_ms) ms; "
    [[ -n $ratio ]] && json+=("${system}_ratio" "$ratio" "${system}_ratio_target" "$(verdict "$ratio")")
  fi
  once=yes
  if [[ ${status[$system]} != ok ]]; then
    once="**no**"
    notes+="${status[$system]}; "
    failed=1
  fi
  (($(f "$system" receiver_refused) == 0)) || notes+="receiver refused $(f "$system" receiver_refused) requests; "
  notes+="warm-up $(f "$system" warmup_calls) calls in $(f "$system" warmup_rounds) rounds$( (($(f "$system" warmup_settled) == 1)) || echo " (throughput still moving)"); "
  rows+=("| $(label "$system") | $calls | $once | $(f "$system" throughput_per_s) | ${ratio:-—} | $(f "$system" acks_per_s) | $(f "$system" answer_p99_ms) | $lag50 | $lag99 | $(f "$system" lag_send_p50_ms) | $(f "$system" lag_send_p99_ms) | $(f "$system" cpu_ms_per_call) | $(f "$system" driver_cpu_ms_per_call) | $(machine_ms "$system") | ${notes%; } |")
  for key in throughput_per_s seconds acks_per_s answer_p50_ms answer_p99_ms lag_ack_p50_ms lag_ack_p99_ms lag_ack_max_ms \
    lag_send_p50_ms lag_send_p99_ms cpu_ms_per_call driver_cpu_ms_per_call delivered missing duplicate_writes errors exactly_once \
    warmup_rounds warmup_calls warmup_settled; do
    json+=("${system}_$key" "$(f "$system" "$key")")
  done
  json+=("${system}_status" "${status[$system]}")
done

busy=""
if awk -v a="$BENCH_LOAD_AVERAGE" -v n="$(nproc)" 'BEGIN { exit !(a > n * 0.5) }'; then
  busy=" The machine was NOT idle: load average $BENCH_LOAD_AVERAGE before the run on $(nproc) cores ($load_end at the end, the benchmark included), so absolute figures are low and noisy."
fi
targets=""
for system in hub_embedded hub_rabbitmq; do
  [[ " ${systems[*]} " == *" $system "* ]] || continue
  ratio=""
  [[ -n ${fig[$system]:-} && -n $base ]] && ratio=$(bench_ratio "$(f "$system" throughput_per_s)" "$base")
  if [[ -n $ratio ]]; then
    targets+=" $(label "$system"): ${ratio}x ($(verdict "$ratio")), lag p99 $(f "$system" lag_ack_p99_ms) ms;"
  else
    reason=${status[$system]:-not run}
    [[ $reason == ok ]] && reason="no Node-RED figure in this run"
    targets+=" $(label "$system"): no ratio ($reason);"
  fi
done
summary="What was measured: $calls calls per system after warm-up rounds of $warmup calls repeated until a round's throughput was within 5% of the one before (at most $warmup_rounds rounds; each system's rounds are in its notes), each ONE call.wrapup_completed event (an unknown call, so the event creates the interaction), sent by the same driver (Switchboard.Benchmarks.Delivery: closed loop, $concurrency in flight over keep-alive HTTP/1.1; HTTPS with an API key to the hub's POST /api/v1/events, HTTP to Node-RED's POST /event) and written by the system as an activity to the same local receiver (Kestrel, POST /activities, counting by Idempotency-Key, answering 201 at once). The hub acknowledges (202) after committing the event; its call-logging flow then writes an interaction.log message to the outbox with the interaction and delivers it (key call-logging:{interactionId}). Node-RED (4.1, function node mapping the same fields, http request node with keep-alive, key call-logging:{callId}) answers 200 only after the receiver answered, holding nothing durable. Throughput = calls delivered / (last arrival - first send). Lag = arrival at the receiver - the moment the driver had the system's acknowledgement of that call's event (for Node-RED the write precedes the acknowledgement, so only send → arrival is shown). Exactly once = every call arrived once, under an idempotency key of its own. Server CPU per call = the user + system CPU time of the system's processes (Node-RED's node, the hub's dotnet) during the measured calls (read after the warm-up and after the last write arrived), divided by those calls: what each delivered call costs the machine, whatever the driver and receiver (sharing the same cores) cost. Driver + receiver CPU per call = the driver process's own CPU time (it sends the events and runs the receiver) over the measured calls. Machine CPU per delivered call = $(nproc) cores x 1000 / delivered calls per second: all the CPU the server, driver and receiver had per call; the machine was saturated while events were being sent, so a system reaches 5x Node-RED only if server + driver + receiver fit in a fifth of Node-RED's figure. Target: at least 5x Node-RED's throughput while durable —$targets Load average $BENCH_LOAD_AVERAGE at start and $load_end at the end on $(nproc) cores (the benchmark included).$busy"

bench_append_table "delivery: call logging end to end, hub vs Node-RED" \
  "| system | calls | each exactly once | delivered calls/s | ratio to Node-RED | events acknowledged /s | ack p99 ms | lag p50 ms (ack → arrival) | lag p99 ms (ack → arrival) | send → arrival p50 ms | send → arrival p99 ms | server CPU ms per call | driver + receiver CPU ms per call | machine CPU ms per delivered call | notes |" \
  "${rows[@]}"
printf '\n%s\n' "$summary" >>"$BENCH_DOCS"
bench_say "$summary"
bench_say "done in $((SECONDS - started)) s"
json+=(load_average_start "$BENCH_LOAD_AVERAGE" load_average_end "$load_end" seconds "$((SECONDS - started))")
bench_print_json "${json[@]}"
exit "$failed"
