#!/usr/bin/env bash
# Measure the dashboard beside a minimal Dash app (issue 9): first load, filter changes, scale on SQLite and
# PostgreSQL, load against 4 workers, a profile. Writes benchmarks/RESULTS.md. Arguments go to
# `python -m benchmarks`: --quick (sizes up to 10^5, 10 users for 15 s), --sizes, --backends, --parts, ...
# Needs Debian's chromium and chromium-driver (never downloads a browser); PostgreSQL runs in a throwaway
# cluster (scripts/with-postgres.sh). The full run takes half an hour or more.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  echo "Debian's chromium and chromium-driver are needed: apt-get install chromium chromium-driver" >&2
  exit 2
fi
scripts/setup-venv.sh bench
exec scripts/with-postgres.sh .venv/bin/python -m benchmarks "$@"
