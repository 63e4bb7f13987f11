#!/usr/bin/env bash
# Starts the test servers (PostgreSQL 15, Redis, RabbitMQ) on 127.0.0.1 and leaves them running,
# for running `dotnet test` by hand. Prints the run folder; then:
#   source RUN/env.sh          # exports SWITCHBOARD_TEST_* for the tests
#   scripts/services/stop.sh RUN
# ./test.sh does all of this itself and stops the servers when it ends.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=services.sh
source "$here/services.sh"

sb_ensure_packages
run=$(sb_make_run_dir)
if ! { sb_start_services "$run" && sb_wait_services "$run"; }; then
  sb_stop_services "$run"
  rm -rf "$run"
  exit 1
fi
echo "test servers are running; to use them:"
echo "  source $run/env.sh"
echo "to stop them:"
echo "  $here/stop.sh $run"
