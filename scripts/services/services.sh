# shellcheck shell=bash
# Test servers for Switchboard as plain processes bound to 127.0.0.1, with all data and logs in
# one run folder. Sourced by ./test.sh and by scripts/services/start.sh and stop.sh.
#
# Layout of a run folder RUN:
#   RUN/ports.env           chosen ports (sourced by stop)
#   RUN/env.sh              `export SWITCHBOARD_TEST_...` lines for the tests
#   RUN/postgres/{data,sock,postgres.log}
#   RUN/redis/{redis.pid,redis.log}
#   RUN/rabbitmq/{home,mnesia,log,rabbitmq.pid,wrapper.pid,stdout.log,...}
#
# Every function returns non-zero with a message on stderr instead of exiting, so callers decide.

SB_PG_BIN=${SB_PG_BIN:-/usr/lib/postgresql/15/bin}
SB_RABBITMQ_SERVER=${SB_RABBITMQ_SERVER:-/usr/lib/rabbitmq/bin/rabbitmq-server}
SB_RABBITMQ_NODENAME=${SB_RABBITMQ_NODENAME:-sbtest@localhost}
SB_SERVICE_TIMEOUT=${SB_SERVICE_TIMEOUT:-90}

sb_say() { printf '%s\n' "$*"; }
sb_warn() { printf '%s\n' "$*" >&2; }

# --- ports -------------------------------------------------------------------------------------

# Ports handed out by this shell, so two servers never get the same free port.
SB_TAKEN_PORTS=" "

sb_port_in_use() {
  # A connection that succeeds means something listens there.
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# The kernel's range for the local ports of outgoing connections (32768-60999 by default). A server
# port chosen in it can be taken by any client socket between the check and the server's bind, which
# made servers fail now and then with "address in use" (RabbitMQ's distribution port, a hub in a bench).
read -r SB_EPHEMERAL_LOW SB_EPHEMERAL_HIGH </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null \
  || { SB_EPHEMERAL_LOW=32768 SB_EPHEMERAL_HIGH=60999; }

# sb_free_port VAR PREFERRED: sets VAR to PREFERRED if free, else to a free port above it, never one
# in the ephemeral range.
# (Not called in $(...): the list of ports handed out must survive in this shell.)
sb_free_port() {
  # Locals have unusual names: printf -v must not hit one of them instead of the caller's VAR.
  local _sb_var=$1 _sb_port=$2 _sb_tries=0
  while ((_sb_tries < 200)); do
    if ((_sb_port >= SB_EPHEMERAL_LOW && _sb_port <= SB_EPHEMERAL_HIGH)); then _sb_port=$((SB_EPHEMERAL_HIGH + 1)); fi
    if ((_sb_port > 65000)); then _sb_port=20000; fi
    if [[ $SB_TAKEN_PORTS != *" $_sb_port "* ]] && ! sb_port_in_use "$_sb_port"; then
      SB_TAKEN_PORTS+="$_sb_port "
      printf -v "$_sb_var" '%s' "$_sb_port"
      return 0
    fi
    _sb_port=$((_sb_port + 1 + RANDOM % 7))
    _sb_tries=$((_sb_tries + 1))
  done
  sb_warn "no free TCP port found near $2"
  return 1
}

# sb_wait_port PORT SECONDS [PID]: waits until 127.0.0.1:PORT accepts; fails early if PID dies.
sb_wait_port() {
  local port=$1 seconds=$2 pid=${3:-} deadline=$((SECONDS + $2))
  while ((SECONDS < deadline)); do
    if sb_port_in_use "$port"; then return 0; fi
    if [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null; then return 2; fi
    sleep 0.2
  done
  return 1
}

# --- packages ----------------------------------------------------------------------------------

sb_missing_packages() {
  local missing=()
  [[ -x $SB_PG_BIN/initdb && -x $SB_PG_BIN/pg_ctl && -x $SB_PG_BIN/pg_isready ]] || missing+=(postgresql-15)
  [[ -x $SB_RABBITMQ_SERVER ]] || missing+=(rabbitmq-server)
  command -v redis-server >/dev/null && command -v redis-cli >/dev/null || missing+=(redis-server)
  command -v chromium >/dev/null || missing+=(chromium)
  command -v wrk >/dev/null || missing+=(wrk)
  command -v runuser >/dev/null || missing+=(util-linux)
  # A CJK font, so the desktop's Chinese screenshots show characters rather than boxes.
  fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-wqy-microhei)
  # Node runs the peers written by others (tests/peers: oidc-provider, the npm soap server).
  command -v node >/dev/null && command -v npm >/dev/null || missing+=(nodejs npm)
  # Debian's interpreter: the package installs there, and a pyenv python3 earlier on PATH would not see it.
  /usr/bin/python3 -c 'import zeep' 2>/dev/null || missing+=(python3-zeep)
  if ((${#missing[@]} > 0)); then printf '%s\n' "${missing[@]}"; fi
}

# Installs from Debian whatever is missing; skips apt entirely when everything is there.
sb_ensure_packages() {
  local missing
  mapfile -t missing < <(sb_missing_packages)
  if ((${#missing[@]} == 0)); then
    sb_say "packages: all present"
    return 0
  fi
  sb_say "packages: installing ${missing[*]}"
  local sudo=()
  if ((EUID != 0)); then sudo=(sudo); fi
  if ! "${sudo[@]}" apt-get update -qq </dev/null; then
    sb_warn "apt-get update failed"
    return 1
  fi
  if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" </dev/null; then
    sb_warn "apt-get install ${missing[*]} failed"
    return 1
  fi
  mapfile -t missing < <(sb_missing_packages)
  if ((${#missing[@]} > 0)); then
    sb_warn "still missing after apt-get install: ${missing[*]}"
    return 1
  fi
}

# Installs the npm packages of tests/peers (exact versions from its package-lock.json) when they
# are missing or older than the lock file.
sb_ensure_test_peers() {
  local peers=$1
  [[ -f $peers/package-lock.json ]] || return 0
  if [[ -f $peers/node_modules/.package-lock.json && $peers/node_modules/.package-lock.json -nt $peers/package-lock.json ]]; then
    sb_say "test peers: npm packages present"
    return 0
  fi
  sb_say "test peers: npm ci in $peers"
  (cd "$peers" && npm ci --no-audit --no-fund --loglevel=error </dev/null) || {
    sb_warn "npm ci in $peers failed"
    return 1
  }
}

# --- run folder --------------------------------------------------------------------------------

sb_make_run_dir() {
  local dir
  dir=$(mktemp -d "${TMPDIR:-/tmp}/switchboard-test.XXXXXX") || return 1
  # PostgreSQL runs as the postgres user and must reach its folder inside.
  chmod 755 "$dir"
  printf '%s\n' "$dir"
}

# Prints the last lines of a log, for a server that did not come up.
sb_log_tail() {
  local file
  for file in "$@"; do
    if [[ -s $file ]]; then
      sb_warn "----- last lines of $file -----"
      tail -n 40 "$file" >&2
      sb_warn "-----"
    fi
  done
}

# Runs a PostgreSQL tool as the postgres user (initdb refuses root).
sb_as_postgres() {
  if ((EUID == 0)); then
    (cd "$SB_RUN_DIR" && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

# --- PostgreSQL --------------------------------------------------------------------------------

sb_start_postgres() {
  local run=$1 dir=$1/postgres
  sb_free_port SB_PG_PORT "${SB_PG_PORT:-24329}" || return 1
  mkdir -p "$dir/sock"
  if ((EUID == 0)); then chown -R postgres:postgres "$dir"; fi
  if ! sb_as_postgres "$SB_PG_BIN/initdb" -D "$dir/data" --no-sync -U postgres --auth=trust \
    --locale=C.UTF-8 --encoding=UTF8 >"$dir/initdb.log" 2>&1; then
    sb_warn "PostgreSQL initdb failed"
    sb_log_tail "$dir/initdb.log"
    return 1
  fi
  if ! sb_as_postgres "$SB_PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -W start \
    -o "-c listen_addresses=127.0.0.1 -p $SB_PG_PORT -k $dir/sock -c fsync=off -c max_connections=200 -c synchronous_commit=off -c full_page_writes=off" \
    >"$dir/pg_ctl.log" 2>&1; then
    sb_warn "PostgreSQL pg_ctl start failed"
    sb_log_tail "$dir/pg_ctl.log" "$dir/postgres.log"
    return 1
  fi
  printf 'SB_PG_PORT=%s\n' "$SB_PG_PORT" >>"$run/ports.env"
}

sb_wait_postgres() {
  local dir=$1/postgres deadline=$((SECONDS + SB_SERVICE_TIMEOUT))
  while ((SECONDS < deadline)); do
    if "$SB_PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$SB_PG_PORT" -U postgres -t 2; then
      return 0
    fi
    sleep 0.2
  done
  sb_warn "PostgreSQL did not answer on 127.0.0.1:$SB_PG_PORT within ${SB_SERVICE_TIMEOUT}s"
  sb_log_tail "$dir/postgres.log"
  return 1
}

sb_stop_postgres() {
  local dir=$1/postgres pid
  [[ -f $dir/data/postmaster.pid ]] || return 0
  pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)
  sb_as_postgres "$SB_PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w -t 20 stop >/dev/null 2>&1 || true
  if [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid" 2>/dev/null || true
  fi
}

# --- Redis -------------------------------------------------------------------------------------

sb_start_redis() {
  local run=$1 dir=$1/redis
  sb_free_port SB_REDIS_PORT "${SB_REDIS_PORT:-63799}" || return 1
  mkdir -p "$dir"
  # setsid: the server leaves only through sb_stop_redis, not with the shell's job control.
  setsid redis-server --bind 127.0.0.1 --port "$SB_REDIS_PORT" --dir "$dir" --save '' \
    --appendonly no --daemonize no --logfile "$dir/redis.log" \
    </dev/null >>"$dir/redis.log" 2>&1 &
  printf '%s\n' "$!" >"$dir/redis.pid"
  disown "$!" # no "Killed" job notice from bash when it is stopped
  printf 'SB_REDIS_PORT=%s\n' "$SB_REDIS_PORT" >>"$run/ports.env"
}

sb_wait_redis() {
  local dir=$1/redis deadline=$((SECONDS + SB_SERVICE_TIMEOUT)) answer
  while ((SECONDS < deadline)); do
    answer=$(redis-cli -h 127.0.0.1 -p "$SB_REDIS_PORT" ping 2>/dev/null || true)
    if [[ $answer == PONG ]]; then return 0; fi
    if ! kill -0 "$(cat "$dir/redis.pid")" 2>/dev/null; then break; fi
    sleep 0.1
  done
  sb_warn "Redis did not answer PING on 127.0.0.1:$SB_REDIS_PORT"
  sb_log_tail "$dir/redis.log"
  return 1
}

sb_stop_redis() {
  local dir=$1/redis
  [[ -f $dir/redis.pid ]] || return 0
  sb_kill_group_and_wait "$(cat "$dir/redis.pid")" 5
}

# --- RabbitMQ ----------------------------------------------------------------------------------

sb_rabbitmq_env() {
  local dir=$1/rabbitmq
  printf '%s\n' \
    "HOME=$dir/home" \
    "RABBITMQ_NODENAME=$SB_RABBITMQ_NODENAME" \
    "RABBITMQ_NODE_IP_ADDRESS=127.0.0.1" \
    "RABBITMQ_NODE_PORT=$SB_RABBITMQ_PORT" \
    "RABBITMQ_DIST_PORT=$SB_RABBITMQ_DIST_PORT" \
    "RABBITMQ_MNESIA_BASE=$dir/mnesia" \
    "RABBITMQ_LOG_BASE=$dir/log" \
    "RABBITMQ_PID_FILE=$dir/rabbitmq.pid" \
    "RABBITMQ_CONFIG_FILE=$dir/rabbitmq.conf" \
    "RABBITMQ_ADVANCED_CONFIG_FILE=$dir/advanced.config" \
    "RABBITMQ_CONF_ENV_FILE=$dir/rabbitmq-env.conf" \
    "RABBITMQ_ENABLED_PLUGINS_FILE=$dir/enabled_plugins" \
    "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS=-kernel inet_dist_use_interface {127,0,0,1}" \
    "ERL_EPMD_ADDRESS=127.0.0.1" \
    "ERL_EPMD_PORT=$SB_RABBITMQ_EPMD_PORT"
}

sb_start_rabbitmq() {
  local run=$1 dir=$1/rabbitmq env_lines
  sb_free_port SB_RABBITMQ_PORT "${SB_RABBITMQ_PORT:-25672}" || return 1
  sb_free_port SB_RABBITMQ_DIST_PORT "${SB_RABBITMQ_DIST_PORT:-25673}" || return 1
  sb_free_port SB_RABBITMQ_EPMD_PORT "${SB_RABBITMQ_EPMD_PORT:-24369}" || return 1
  mkdir -p "$dir/home" "$dir/mnesia" "$dir/log"
  chmod 700 "$dir/home"
  # The listener comes from RABBITMQ_NODE_IP_ADDRESS/PORT; a listener here too would bind twice.
  printf '%s\n' 'log.console = false' 'log.file.level = info' >"$dir/rabbitmq.conf"
  printf '[].\n' >"$dir/enabled_plugins"
  : >"$dir/rabbitmq-env.conf"
  {
    printf 'SB_RABBITMQ_PORT=%s\n' "$SB_RABBITMQ_PORT"
    printf 'SB_RABBITMQ_DIST_PORT=%s\n' "$SB_RABBITMQ_DIST_PORT"
    printf 'SB_RABBITMQ_EPMD_PORT=%s\n' "$SB_RABBITMQ_EPMD_PORT"
  } >>"$run/ports.env"
  mapfile -t env_lines < <(sb_rabbitmq_env "$run")
  # The wrapper script stays as the parent of beam.smp and turns SIGTERM into a stop.
  env "${env_lines[@]}" setsid "$SB_RABBITMQ_SERVER" </dev/null >>"$dir/stdout.log" 2>&1 &
  printf '%s\n' "$!" >"$dir/wrapper.pid"
  disown "$!"
}

sb_wait_rabbitmq() {
  local dir=$1/rabbitmq rc=0
  sb_wait_port "$SB_RABBITMQ_PORT" "$SB_SERVICE_TIMEOUT" "$(cat "$dir/wrapper.pid")" || rc=$?
  if ((rc == 0)); then return 0; fi
  if ((rc == 2)); then
    sb_warn "RabbitMQ exited before opening 127.0.0.1:$SB_RABBITMQ_PORT"
  else
    sb_warn "RabbitMQ did not open 127.0.0.1:$SB_RABBITMQ_PORT within ${SB_SERVICE_TIMEOUT}s"
  fi
  sb_log_tail "$dir/stdout.log" "$dir/log/$SB_RABBITMQ_NODENAME.log"
  return 1
}

sb_stop_rabbitmq() {
  local dir=$1/rabbitmq beam="" wrapper=""
  [[ -d $dir ]] || return 0
  [[ -f $dir/rabbitmq.pid ]] && beam=$(cat "$dir/rabbitmq.pid" 2>/dev/null || true)
  [[ -f $dir/wrapper.pid ]] && wrapper=$(cat "$dir/wrapper.pid" 2>/dev/null || true)
  # Test data needs no orderly shutdown: KILL is quick. The wrapper was started with setsid, so
  # beam.smp and its helpers are in its process group; the pid file names beam itself.
  [[ $wrapper =~ ^[0-9]+$ ]] && sb_kill_group_and_wait "$wrapper" 0
  [[ $beam =~ ^[0-9]+$ ]] && sb_kill_and_wait "$beam" 0
  if [[ -n ${SB_RABBITMQ_EPMD_PORT:-} ]]; then
    # epmd outlives the broker; it is ours because its port was free when we started.
    ERL_EPMD_PORT=$SB_RABBITMQ_EPMD_PORT epmd -port "$SB_RABBITMQ_EPMD_PORT" -kill >/dev/null 2>&1 || true
  fi
}

# --- all together ------------------------------------------------------------------------------

# sb_kill_and_wait PID GRACE_SECONDS: TERM, wait GRACE seconds, then KILL, and wait until gone.
sb_kill_and_wait() {
  local pid=$1 grace=$2 deadline
  [[ $pid =~ ^[0-9]+$ ]] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  if ((grace > 0)); then
    kill -TERM "$pid" 2>/dev/null || true
    deadline=$((SECONDS + grace))
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
  fi
  kill -KILL "$pid" 2>/dev/null || true
  deadline=$((SECONDS + 10))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
}

# sb_kill_group_and_wait PGID GRACE_SECONDS: the same for a whole process group (a process we
# started with setsid from a script has pid == pgid, and its children stay in that group).
sb_kill_group_and_wait() {
  local pgid=$1 grace=$2 deadline
  [[ $pgid =~ ^[0-9]+$ ]] || return 0
  kill -0 -- "-$pgid" 2>/dev/null || return 0
  if ((grace > 0)); then
    kill -TERM -- "-$pgid" 2>/dev/null || true
    deadline=$((SECONDS + grace))
    while kill -0 -- "-$pgid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
  fi
  kill -KILL -- "-$pgid" 2>/dev/null || true
  deadline=$((SECONDS + 10))
  while kill -0 -- "-$pgid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
}

# Starts all servers without waiting (RabbitMQ takes seconds; callers can build meanwhile).
sb_start_services() {
  SB_RUN_DIR=$1
  : >"$1/ports.env"
  sb_start_postgres "$1" && sb_start_redis "$1" && sb_start_rabbitmq "$1"
}

# Waits for every server, then writes RUN/env.sh and exports the variables into this shell.
sb_wait_services() {
  local run=$1 chromium
  sb_wait_postgres "$run" || return 1
  sb_wait_redis "$run" || return 1
  sb_wait_rabbitmq "$run" || return 1
  chromium=$(command -v chromium || true)
  {
    printf 'export SWITCHBOARD_TEST_POSTGRES=%q\n' "Host=127.0.0.1;Port=$SB_PG_PORT;Username=postgres;Database=postgres"
    printf 'export SWITCHBOARD_TEST_RABBITMQ=%q\n' "amqp://guest:guest@127.0.0.1:$SB_RABBITMQ_PORT/"
    printf 'export SWITCHBOARD_TEST_REDIS=%q\n' "127.0.0.1:$SB_REDIS_PORT"
    printf 'export SWITCHBOARD_TEST_CHROMIUM=%q\n' "$chromium"
    printf 'export SWITCHBOARD_TEST_RUN_DIR=%q\n' "$run"
  } >"$run/env.sh"
  # shellcheck disable=SC1091
  source "$run/env.sh"
}

# Stops every server recorded in RUN (safe to call twice, or for servers never started).
sb_stop_services() {
  local run=$1
  [[ -d $run ]] || return 0
  SB_RUN_DIR=$run
  if [[ -f $run/ports.env ]]; then
    # shellcheck disable=SC1091
    source "$run/ports.env"
  fi
  sb_stop_rabbitmq "$run"
  sb_stop_redis "$run"
  sb_stop_postgres "$run"
}
