#!/usr/bin/env bash
# Builds Switchboard and runs every test project under tests/ against real servers.
#
#   ./test.sh              build Switchboard.slnx, run tests/*/*.csproj one after another
#   ./test.sh Storage Web  only the test projects whose name contains one of the words
#                          (builds just those projects; the servers are started all the same)
#
# Installs what is missing from Debian (PostgreSQL 15, RabbitMQ, Redis, Chromium, wrk, Node.js) and
# the npm packages of tests/peers (servers written by others that tests run against), starts
# PostgreSQL, Redis and RabbitMQ as plain processes on free 127.0.0.1 ports with data in one
# temporary folder, exports SWITCHBOARD_TEST_{POSTGRES,RABBITMQ,REDIS,CHROMIUM,RUN_DIR}, and
# stops them and deletes the folder however it ends (KEEP_TEST_DATA=1 keeps the folder).
#
# Output: one line per project, then the time of each phase, and as the LAST line
# `N passed, N failed, N skipped` over all projects. A project whose test host crashed or that
# left no TRX file counts as one failed test (when it reported none itself), and so does a failed
# build, so the last line never reads "0 failed" for a run that failed. Exits non-zero if
# anything failed. TRX files and build logs go to TestResults/ (SWITCHBOARD_TEST_RESULTS
# overrides). A single test hanging longer than SWITCHBOARD_TEST_HANG_TIMEOUT (default 10m) is
# aborted. Projects under tests/ with <IsTestProject>false</IsTestProject> are support libraries.
set -euo pipefail
shopt -s nullglob

cd "$(dirname "${BASH_SOURCE[0]}")"
repo=$(pwd)
# shellcheck source=scripts/services/services.sh
source "$repo/scripts/services/services.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DOTNET_CLI_UI_LANGUAGE=en

results=${SWITCHBOARD_TEST_RESULTS:-$repo/TestResults}
hang_timeout=${SWITCHBOARD_TEST_HANG_TIMEOUT:-10m}
filters=("$@")
run_dir=""
test_pid=""
phase_lines=()
phase_start=$SECONDS

say() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }

phase_done() {
  local took=$((SECONDS - phase_start))
  phase_lines+=("$(printf '%-24s %4ds' "$1" "$took")")
  say "$1 done in ${took}s"
  phase_start=$SECONDS
}

stop_services() {
  if [[ -n $run_dir ]]; then
    sb_stop_services "$run_dir" || true
    if [[ ${KEEP_TEST_DATA:-0} == 1 ]]; then
      say "kept test data in $run_dir"
    else
      rm -rf "$run_dir"
    fi
    run_dir=""
  fi
  if [[ ${CI:-} == true ]]; then
    # Compiler and MSBuild servers would outlive a CI run; on a developer machine they are shared.
    dotnet build-server shutdown >/dev/null 2>&1 || true
  fi
}

on_exit() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n $test_pid ]]; then
    say "stopping the running dotnet test"
    sb_kill_group_and_wait "$test_pid" 5
  fi
  stop_services
  exit "$rc"
}
trap on_exit EXIT
trap 'echo; say "interrupted"; exit 130' INT
trap 'say "terminated"; exit 143' TERM

fail_early() {
  echo "$1"
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
}

# --- which projects ----------------------------------------------------------------------------

matches_filter() {
  local name=${1,,} word
  ((${#filters[@]} == 0)) && return 0
  for word in "${filters[@]}"; do
    [[ $name == *"${word,,}"* ]] && return 0
  done
  return 1
}

projects=()
for csproj in tests/*/*.csproj; do
  # Support libraries under tests/ (Switchboard.Testing) declare themselves not to be tests.
  if grep -qiE '<IsTestProject>[[:space:]]*false[[:space:]]*</IsTestProject>' "$csproj"; then continue; fi
  if matches_filter "$(basename "$csproj" .csproj)"; then projects+=("$csproj"); fi
done
if ((${#projects[@]} == 0)); then
  fail_early "no test project under tests/ matches: ${filters[*]:-(none given)}"
fi
say "test projects: $(for p in "${projects[@]}"; do basename "$p" .csproj; done | paste -sd ' ')"

# --- packages and servers ----------------------------------------------------------------------

sb_ensure_packages || fail_early "could not install the packages the tests need"
sb_ensure_test_peers "$repo/tests/peers" || fail_early "could not install the npm packages of tests/peers"
phase_done packages

run_dir=$(sb_make_run_dir)
say "test data and logs in $run_dir"
# The servers start in the background while the build runs; they are awaited after it.
sb_start_services "$run_dir" || fail_early "could not start the test servers"
phase_done "services start"

# --- build -------------------------------------------------------------------------------------

build() {
  local target=$1 log errors
  log="$results/build-$(basename "$target" | tr -c 'A-Za-z0-9.\n-' _).log"
  say "building $target"
  if dotnet build "$target" -c Release -nologo -v:quiet -nodeReuse:false >"$log" 2>&1; then
    return 0
  fi
  echo "BUILD FAILED: $target (full log: $log)"
  errors=$(grep -E ': (error|warning) [A-Z]+[0-9]+' "$log" | sed -E 's/ \[[^]]*\]$//' | sort -u || true)
  if [[ -n $errors ]]; then
    head -n 80 <<<"$errors"
    if (($(wc -l <<<"$errors") > 80)); then echo "... $(($(wc -l <<<"$errors") - 80)) more in $log"; fi
  else
    tail -n 40 "$log"
  fi
  return 1
}

mkdir -p "$results"
# Build once. Narrowed: just the chosen test projects. Otherwise the solution, plus any test
# project the lead has not added to it yet. More than one entry point goes into a generated
# solution file in the run folder, so MSBuild still builds everything in one go.
to_build=()
if ((${#filters[@]} > 0)); then
  to_build=("${projects[@]}")
else
  unlisted=()
  for csproj in "${projects[@]}"; do
    grep -qF "\"$csproj\"" Switchboard.slnx || unlisted+=("$csproj")
  done
  if ((${#unlisted[@]} > 0)); then
    say "not in Switchboard.slnx, built as well: ${unlisted[*]}"
    mapfile -t to_build < <(grep -o 'Path="[^"]*proj"' Switchboard.slnx | sed 's/^Path="//; s/"$//' | tr '\\' /)
    to_build+=("${unlisted[@]}")
  fi
fi
build_ok=true
if ((${#to_build[@]} == 0)); then
  build Switchboard.slnx || build_ok=false
elif ((${#to_build[@]} == 1)); then
  build "${to_build[0]}" || build_ok=false
else
  {
    echo "<Solution>"
    for csproj in "${to_build[@]}"; do printf '  <Project Path="%s" />\n' "$repo/$csproj"; done
    echo "</Solution>"
  } >"$run_dir/build.slnx"
  build "$run_dir/build.slnx" || build_ok=false
fi
phase_done build
if ! $build_ok; then
  stop_services
  fail_early "build failed: no tests were run"
fi

sb_wait_services "$run_dir" || fail_early "the test servers did not come up (see the log above)"
phase_done "services ready"
say "PostgreSQL 127.0.0.1:$SB_PG_PORT, Redis 127.0.0.1:$SB_REDIS_PORT, RabbitMQ 127.0.0.1:$SB_RABBITMQ_PORT"

# --- tests -------------------------------------------------------------------------------------

counter() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$2"; }

total_passed=0 total_failed=0 total_skipped=0
summary_lines=()
for csproj in "${projects[@]}"; do
  name=$(basename "$csproj" .csproj)
  trx="$results/$name.trx"
  rm -f "$trx"
  say "testing $name"
  started=$SECONDS
  # In its own process group and awaited with `wait`, so an interrupt runs the trap at once and
  # the trap can stop dotnet test together with its test host.
  setsid dotnet test "$csproj" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
    --blame-hang-timeout "$hang_timeout" --blame-hang-dump-type none </dev/null &
  test_pid=$!
  rc=0
  wait "$test_pid" || rc=$?
  test_pid=""
  phase_lines+=("$(printf '%-24s %4ds' "${name#Switchboard.}" "$((SECONDS - started))")")

  passed=0 failed=0 skipped=0 note=""
  counters=$(grep -o '<Counters [^>]*>' "$trx" 2>/dev/null | head -n 1 || true)
  if [[ -z $counters ]]; then
    note=" (no TRX file: the test host crashed or never started, exit code $rc)"
    failed=1
  else
    passed=$(counter passed "$counters")
    failed=$(counter failed "$counters")
    # xUnit's skipped tests are counted in total but not in executed.
    skipped=$(($(counter total "$counters") - $(counter executed "$counters")))
    if ((rc != 0 && failed == 0)); then
      note=" (test host crashed or the run aborted, exit code $rc)"
      failed=1
    fi
  fi
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
  total_skipped=$((total_skipped + skipped))
  summary_lines+=("$name: $passed passed, $failed failed, $skipped skipped$note")
done
phase_start=$SECONDS

stop_services
phase_done "services stop"

echo
echo "==== summary (TRX files in $results)"
printf '%s\n' "${summary_lines[@]}"
echo "---- time per phase"
printf '%s\n' "${phase_lines[@]}"
printf '%-24s %4ds\n' total "$SECONDS"
echo "$total_passed passed, $total_failed failed, $total_skipped skipped"
if ((total_failed > 0)); then exit 1; fi
