#!/usr/bin/env bash
# Stops the test servers that scripts/services/start.sh started in RUN and deletes RUN
# (kept when KEEP_TEST_DATA=1).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=services.sh
source "$here/services.sh"

if (($# != 1)) || [[ ! -f $1/ports.env ]]; then
  echo "usage: $0 RUN_FOLDER   (the folder start.sh printed)" >&2
  exit 2
fi
sb_stop_services "$1"
if [[ ${KEEP_TEST_DATA:-0} == 1 ]]; then
  echo "kept $1"
else
  rm -rf "$1"
fi
