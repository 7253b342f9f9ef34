#!/usr/bin/env bash
# Open `rasa shell` against the action server on ACTION_PORT, starting one for
# the session (and stopping it afterwards) when none is running.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/env.sh
source scripts/env.sh
SHELL_PORT="${SHELL_PORT:-5006}"
BIN=.venv/bin

action_pid=""
if ! curl -fsS -o /dev/null "http://localhost:${ACTION_PORT}/health" 2>/dev/null; then
  "$BIN/rasa" run actions --port "$ACTION_PORT" --actions actions >/dev/null 2>&1 &
  action_pid=$!
  trap 'kill "$action_pid" 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do
    curl -fsS -o /dev/null "http://localhost:${ACTION_PORT}/health" 2>/dev/null && break
    sleep 0.5
  done
fi
"$BIN/python" -m clinic_server shell --model models --port "$SHELL_PORT" --endpoints endpoints.yml
