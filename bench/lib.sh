# shellcheck shell=bash
# Shared functions for bench/*.sh (see bench/README.md). Source it, then call bench_init NAME.
#
#   bench_init NAME                      out folder, EXIT trap that stops what was started
#   bench_ensure_wrk                     installs wrk from Debian when missing
#   bench_ensure_command COMMAND PACKAGE installs PACKAGE from Debian when COMMAND is missing
#   bench_free_port VAR PREFERRED        sets VAR to a free 127.0.0.1 port
#   bench_build PROJECT...               dotnet build -c Release (errors shown, exits on failure)
#   bench_dll PROJECT                    prints the Release dll path of a bench/src project
#   bench_start_dotnet NAME PORT DLL [ARGS...]
#                                        starts `dotnet DLL --urls http://127.0.0.1:PORT ARGS` in the
#                                        background and waits for the port (log in $BENCH_OUT)
#   bench_start_dotnet_https NAME PORT DLL [ARGS...]
#                                        the same with --urls https://127.0.0.1:PORT
#   bench_start_process NAME PORT COMMAND [ARGS...]
#                                        starts any server command (own process group, stopped by
#                                        bench_stop_processes and at exit) and waits for the port
#   bench_stop_processes                 stops what bench_start_* started (not PostgreSQL)
#   bench_wait_ready URL SECONDS         waits until GET URL answers 200 (curl -k: self-signed https)
#   bench_http_status URL                prints the status code of a GET (bash only, no curl)
#   bench_wrk URL BODY_FILE SECONDS CONNECTIONS THREADS [--header 'N: v']... [--unique-field F]...
#                                        closed-loop max throughput; sets WRK_RPS WRK_P50_MS
#                                        WRK_P90_MS WRK_P99_MS WRK_REQUESTS WRK_ERRORS. With
#                                        --unique-field the JSON string field F of every request
#                                        gets `-RUN-THREAD-COUNTER` appended (unique ids)
#   bench_load URL BODY_FILE RATE SECONDS CONNECTIONS [GENERATOR OPTIONS...]
#                                        open-loop fixed rate (Switchboard.LoadGenerator; options
#                                        such as --header, --unique-field, --warmup passed on); sets
#                                        LOAD_JSON LOAD_RPS LOAD_P50_MS LOAD_P90_MS LOAD_P99_MS
#                                        LOAD_MAX_MS LOAD_OK LOAD_ERRORS LOAD_DROPPED
#   bench_start_postgres DIR             a throwaway PostgreSQL with its data in DIR and fsync ON
#                                        (unlike the tests' server), stopped at exit; sets
#                                        BENCH_PG_PORT. Extra server settings: BENCH_PG_OPTIONS
#   bench_half RPS                       prints RPS / 2 as a whole number
#   bench_json_field JSON FIELD          prints a number field of a flat JSON object
#   bench_json_text JSON FIELD           prints a string field of a flat JSON object (no escaped quotes inside)
#   bench_ratio A B                      prints A / B with 2 decimals
#   bench_append_table TITLE HEADER ROW...
#                                        appends a dated markdown table + machine info to
#                                        docs/benchmarks.md (rows are `| a | b |` lines)
#   bench_print_json key value ...       prints ONE JSON object (numbers unquoted) as last line

BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../scripts/services/services.sh
source "$BENCH_ROOT/scripts/services/services.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DOTNET_CLI_UI_LANGUAGE=en

BENCH_PIDS=()
BENCH_PG_DIRS=()
BENCH_NAME=""
BENCH_OUT=""
BENCH_DOCS=${BENCH_DOCS:-$BENCH_ROOT/docs/benchmarks.md}

bench_say() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
bench_fail() {
  bench_say "FAILED: $*"
  exit 1
}

bench_init() {
  BENCH_NAME=$1
  # Other work on the machine skews every figure; the table records how busy it was.
  BENCH_LOAD_AVERAGE=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
  BENCH_OUT="$BENCH_ROOT/bench/out/$1"
  rm -rf "$BENCH_OUT"
  mkdir -p "$BENCH_OUT"
  trap bench_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

bench_cleanup() {
  bench_stop_processes
  local dir
  for dir in "${BENCH_PG_DIRS[@]}"; do
    SB_RUN_DIR=$dir
    sb_stop_postgres "$dir"
  done
  BENCH_PG_DIRS=()
}

bench_stop_processes() {
  local pid
  for pid in "${BENCH_PIDS[@]}"; do
    sb_kill_group_and_wait "$pid" 5
  done
  BENCH_PIDS=()
}

bench_ensure_wrk() { bench_ensure_command wrk wrk; }

bench_ensure_command() {
  local command=$1 package=$2
  command -v "$command" >/dev/null && return 0
  bench_say "installing $package"
  local sudo=()
  if ((EUID != 0)); then sudo=(sudo); fi
  "${sudo[@]}" apt-get update -qq </dev/null >&2 &&
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$package" </dev/null >&2 ||
    bench_fail "could not install $package"
}

bench_free_port() { sb_free_port "$1" "$2" || bench_fail "no free port near $2"; }

bench_build() {
  local project log
  for project in "$@"; do
    log="$BENCH_OUT/build-$(basename "$project").log"
    bench_say "building $project (Release)"
    # Without the analyzers and code-style checks (./test.sh's build enforces them): the same binaries, built
    # about a quarter faster, which keeps a benchmark run from a fresh clone under 5 minutes.
    if ! dotnet build "$BENCH_ROOT/$project" -c Release -nologo -v:quiet -p:RunAnalyzers=false -p:EnforceCodeStyleInBuild=false >"$log" 2>&1; then
      grep -E ': (error|warning) ' "$log" | sort -u >&2 || tail -n 30 "$log" >&2
      bench_fail "build of $project (log: $log)"
    fi
  done
}

bench_dll() {
  local name
  name=$(basename "$1")
  printf '%s\n' "$BENCH_ROOT/$1/bin/Release/net10.0/$name.dll"
}

bench_start_dotnet() {
  local name=$1 port=$2 dll=$3
  shift 3
  bench_start_process "$name" "$port" dotnet "$dll" --urls "http://127.0.0.1:$port" "$@"
}

bench_start_dotnet_https() {
  local name=$1 port=$2 dll=$3
  shift 3
  bench_start_process "$name" "$port" dotnet "$dll" --urls "https://127.0.0.1:$port" "$@"
}

bench_start_process() {
  local name=$1 port=$2 pid
  shift 2
  bench_say "starting $name on 127.0.0.1:$port"
  setsid "$@" </dev/null >"$BENCH_OUT/$name.log" 2>&1 &
  pid=$!
  disown "$pid"
  BENCH_PIDS+=("$pid")
  if ! sb_wait_port "$port" 60 "$pid"; then
    tail -n 30 "$BENCH_OUT/$name.log" >&2
    bench_fail "$name did not open 127.0.0.1:$port"
  fi
}

bench_wait_ready() {
  local url=$1 deadline=$((SECONDS + $2)) status=""
  while ((SECONDS < deadline)); do
    status=$(curl -sk -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true)
    [[ $status == 200 ]] && return 0
    sleep 0.2
  done
  bench_fail "GET $url answered ${status:-nothing} for $2 s, not 200"
}

bench_http_status() {
  local url=$1 hostport path host port line
  hostport=${url#http://}
  path=/${hostport#*/}
  hostport=${hostport%%/*}
  host=${hostport%:*}
  port=${hostport##*:}
  exec 3<>"/dev/tcp/$host/$port" || return 1
  printf 'GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n' "$path" "$hostport" >&3
  IFS= read -r line <&3 || true
  exec 3<&-
  line=${line#HTTP/1.? }
  printf '%s\n' "${line%% *}"
}

# Converts a wrk duration (850.00us, 1.23ms, 2.00s, 1.00m) to milliseconds.
bench_to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000; else if (u == "h") n *= 3600000
    printf "%.3f\n", n }'
}

# A Lua string literal holding $1.
bench_lua_string() {
  local value=${1//\\/\\\\}
  value=${value//\"/\\\"}
  printf '"%s"' "$value"
}

# bench_wrk_script SCRIPT BODY_FILE [--header 'N: v']... [--unique-field F]...: writes wrk's Lua.
bench_wrk_script() {
  local script=$1 body=$2 unique="" name value
  shift 2
  {
    echo 'wrk.method = "POST"'
    echo 'wrk.headers["Content-Type"] = "application/json"'
    while (($# > 0)); do
      (($# >= 2)) || bench_fail "bench_wrk: $1 needs a value"
      case $1 in
        --header)
          name=${2%%:*}
          value=${2#*:}
          echo "wrk.headers[$(bench_lua_string "$name")] = $(bench_lua_string "${value# }")"
          ;;
        --unique-field) unique+="$(bench_lua_string "$2"), " ;;
        *) bench_fail "bench_wrk: unknown option $1" ;;
      esac
      shift 2
    done
    # The body is read from the file by each wrk thread's own Lua state.
    echo "local file = assert(io.open($(bench_lua_string "$body"), \"rb\"))"
    echo 'wrk.body = file:read("*a")'
    echo 'file:close()'
    if [[ -n $unique ]]; then
      echo "local unique = { $unique}"
      echo "local run = \"$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')\""
      cat <<'LUA'
-- Unique values per request: each thread cuts the body where those values end and joins it again
-- around "-RUN-THREAD-COUNTER" in request(), so no two requests of any run share an id.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local segments, counter, suffix
function init(args)
  local body = wrk.body
  for _, name in ipairs(unique) do
    local key = '"' .. (name:gsub("%p", "%%%0")) .. '"%s*:%s*"[^"\\]*'
    local n
    body, n = body:gsub("(" .. key .. ")", "%1\1", 1)
    assert(n == 1, "the body has no string field " .. name)
  end
  segments = {}
  for piece in (body .. "\1"):gmatch("([^\1]*)\1") do
    segments[#segments + 1] = piece
  end
  counter = 0
  suffix = "-" .. run .. "-" .. tostring(tid) .. "-"
end

function request()
  counter = counter + 1
  local id = suffix .. counter
  local parts = {}
  for i = 1, #segments - 1 do
    parts[#parts + 1] = segments[i]
    parts[#parts + 1] = id
  end
  parts[#parts + 1] = segments[#segments]
  return wrk.format(nil, nil, nil, table.concat(parts))
end
LUA
    fi
  } >"$script"
}

bench_wrk() {
  local url=$1 body=$2 seconds=$3 connections=$4 threads=$5 script output
  shift 5
  script="$BENCH_OUT/post-$(basename "$body").lua"
  bench_wrk_script "$script" "$body" "$@"
  bench_say "wrk: $threads threads, $connections connections, ${seconds}s, POST $(wc -c <"$body") bytes to $url"
  output=$(wrk -t "$threads" -c "$connections" -d "${seconds}s" --latency -s "$script" "$url") ||
    bench_fail "wrk failed: $output"
  printf '%s\n' "$output" >>"$BENCH_OUT/wrk.log"
  WRK_RPS=$(awk '/^Requests\/sec:/ { printf "%.1f\n", $2 }' <<<"$output")
  WRK_REQUESTS=$(awk '/requests in/ { print $1 }' <<<"$output")
  WRK_P50_MS=$(bench_to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$output")")
  WRK_P90_MS=$(bench_to_ms "$(awk '$1 == "90%" { print $2 }' <<<"$output")")
  WRK_P99_MS=$(bench_to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$output")")
  WRK_ERRORS=$(awk '/Non-2xx or 3xx responses:/ { n += $NF }
    /Socket errors:/ { gsub(/,/, ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' <<<"$output")
  [[ -n $WRK_RPS ]] || bench_fail "could not read wrk's output: $output"
  bench_say "wrk: $WRK_RPS req/s, p50 $WRK_P50_MS ms, p99 $WRK_P99_MS ms, errors $WRK_ERRORS"
}

# bench_wrk_warmup URL BODY_FILE ROUND_SECONDS MAX_ROUNDS CONNECTIONS THREADS [REQUEST OPTIONS...]: wrk rounds
# until the throughput settles (from the third round on, a round within 5% of the one before it), at most
# MAX_ROUNDS. A .NET server runs with tiered compilation, so it speeds up for tens of seconds under load as
# its hot methods are recompiled (slowly at first: two early rounds can be close while it still climbs);
# V8 (Node-RED) does the same. Sets WARMUP_ROUNDS, WARMUP_S and WARMUP_SETTLED (1 or 0).
bench_wrk_warmup() {
  local url=$1 body=$2 seconds=$3 max_rounds=$4 connections=$5 threads=$6 previous="" round
  shift 6
  WARMUP_SETTLED=0
  for ((round = 1; round <= max_rounds; round++)); do
    bench_wrk "$url" "$body" "$seconds" "$connections" "$threads" "$@"
    if ((round >= 3)) && awk -v a="$previous" -v b="$WRK_RPS" 'BEGIN { d = (b - a) / a; exit !(d < 0.05 && d > -0.05) }'; then
      WARMUP_SETTLED=1
      break
    fi
    previous=$WRK_RPS
  done
  WARMUP_ROUNDS=$((round > max_rounds ? max_rounds : round))
  WARMUP_S=$((WARMUP_ROUNDS * seconds))
  if ((WARMUP_SETTLED)); then
    bench_say "warm-up: throughput settled after $WARMUP_S s ($WARMUP_ROUNDS rounds)"
  else
    bench_say "warm-up: throughput still moving after $WARMUP_S s; the figures may include the warm-up"
  fi
}

bench_json_field() {
  sed -n "s/.*\"$2\":\([-0-9.eE+]*\).*/\1/p" <<<"$1"
}

bench_json_text() {
  sed -n "s/.*\"$2\":\"\([^\"]*\)\".*/\1/p" <<<"$1"
}

bench_load() {
  local url=$1 body=$2 rate=$3 seconds=$4 connections=$5 dll
  shift 5
  dll=$(bench_dll bench/Switchboard.LoadGenerator)
  [[ -f $dll ]] || bench_build bench/Switchboard.LoadGenerator
  LOAD_JSON=$(dotnet "$dll" --url "$url" --body "$body" --rate "$rate" --duration "$seconds" \
    --connections "$connections" "$@" 2>>"$BENCH_OUT/load.log" | tail -n 1) || bench_fail "load generator failed (log: $BENCH_OUT/load.log)"
  printf '%s\n' "$LOAD_JSON" >>"$BENCH_OUT/load.log"
  LOAD_RPS=$(bench_json_field "$LOAD_JSON" rps)
  LOAD_P50_MS=$(bench_json_field "$LOAD_JSON" p50_ms)
  LOAD_P90_MS=$(bench_json_field "$LOAD_JSON" p90_ms)
  LOAD_P99_MS=$(bench_json_field "$LOAD_JSON" p99_ms)
  LOAD_MAX_MS=$(bench_json_field "$LOAD_JSON" max_ms)
  LOAD_OK=$(bench_json_field "$LOAD_JSON" ok)
  LOAD_ERRORS=$(bench_json_field "$LOAD_JSON" errors)
  LOAD_DROPPED=$(bench_json_field "$LOAD_JSON" dropped)
  bench_say "load at $rate/s: $LOAD_RPS req/s, p50 $LOAD_P50_MS ms, p99 $LOAD_P99_MS ms, errors $LOAD_ERRORS, dropped $LOAD_DROPPED"
}

bench_half() { awk -v r="$1" 'BEGIN { printf "%d\n", r / 2 }'; }

bench_start_postgres() {
  local dir=$1
  [[ -x $SB_PG_BIN/initdb ]] || bench_fail "PostgreSQL is missing ($SB_PG_BIN/initdb; apt-get install postgresql-15)"
  mkdir -p "$dir/postgres/sock"
  # PostgreSQL runs as the postgres user and must reach its folder.
  chmod 755 "$dir"
  SB_RUN_DIR=$dir
  : >"$dir/ports.env"
  sb_free_port SB_PG_PORT "${BENCH_PG_PORT:-25432}" || bench_fail "no free port for PostgreSQL"
  if ((EUID == 0)); then chown -R postgres:postgres "$dir/postgres"; fi
  bench_say "starting PostgreSQL on 127.0.0.1:$SB_PG_PORT (fsync on${BENCH_PG_OPTIONS:+, $BENCH_PG_OPTIONS})"
  sb_as_postgres "$SB_PG_BIN/initdb" -D "$dir/postgres/data" --no-sync -U postgres --auth=trust \
    --locale=C.UTF-8 --encoding=UTF8 >"$dir/postgres/initdb.log" 2>&1 ||
    bench_fail "PostgreSQL initdb failed (log: $dir/postgres/initdb.log)"
  BENCH_PG_DIRS+=("$dir")
  # Unlike scripts/services (tests: fsync=off), fsync and full_page_writes keep PostgreSQL's
  # defaults (on), so a commit that waits for its WAL flush really waits for the disk.
  sb_as_postgres "$SB_PG_BIN/pg_ctl" -D "$dir/postgres/data" -l "$dir/postgres/postgres.log" -W start \
    -o "-c listen_addresses=127.0.0.1 -p $SB_PG_PORT -k $dir/postgres/sock -c max_connections=100 ${BENCH_PG_OPTIONS:-}" \
    >"$dir/postgres/pg_ctl.log" 2>&1 || bench_fail "PostgreSQL did not start (log: $dir/postgres/postgres.log)"
  printf 'SB_PG_PORT=%s\n' "$SB_PG_PORT" >>"$dir/ports.env"
  sb_wait_postgres "$dir" || bench_fail "PostgreSQL did not answer"
  BENCH_PG_PORT=$SB_PG_PORT
}

bench_ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "0.00"; else printf "%.2f\n", a / b }'; }

bench_machine_info() {
  local cpu runtime
  cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)
  runtime=$(dotnet --list-runtimes 2>/dev/null | awk '$1 == "Microsoft.AspNetCore.App" { v = $2 } END { print v }')
  printf '%s cores, %s; .NET SDK %s, ASP.NET Core runtime %s; %s; load average at start %s' \
    "$(nproc)" "${cpu:-unknown CPU}" "$(dotnet --version 2>/dev/null)" "${runtime:-?}" \
    "$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")" "${BENCH_LOAD_AVERAGE:-?}"
}

bench_append_table() {
  local title=$1 header=$2 columns
  shift 2
  if [[ ! -f $BENCH_DOCS ]]; then
    mkdir -p "$(dirname "$BENCH_DOCS")"
    cat >"$BENCH_DOCS" <<'EOF'
# Benchmark results

Appended by the scripts in `bench/` (see `bench/README.md`), newest at the bottom. Each run
measures its own baseline on the same machine in the same run, so compare ratios across runs,
not raw figures: absolute numbers move with the machine and whatever else was running on it.
EOF
  fi
  columns=$(awk -F'|' '{ print NF - 2 }' <<<"$header")
  {
    echo
    echo "## $title — $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "Machine: $(bench_machine_info)."
    echo
    echo "$header"
    printf '|'
    printf -- ' --- |%.0s' $(seq "$columns")
    echo
    printf '%s\n' "$@"
  } >>"$BENCH_DOCS"
  bench_say "appended to $BENCH_DOCS"
}

bench_print_json() {
  local out="{" sep="" key value
  while (($# >= 2)); do
    key=$1 value=$2
    shift 2
    if [[ $value =~ ^-?[0-9]+(\.[0-9]+)?$ ]]; then
      out+="$sep\"$key\":$value"
    else
      value=${value//\\/\\\\}
      out+="$sep\"$key\":\"${value//\"/\\\"}\""
    fi
    sep=","
  done
  printf '%s}\n' "$out"
}
