#!/usr/bin/env bash
# Set up and start the dashboard on http://127.0.0.1:8050 with the embedded SQLite database.
# Extra arguments go to `sze-dashboard serve` (e.g. --port 8080, --host 0.0.0.0).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-venv.sh
exec .venv/bin/sze-dashboard serve "$@"
