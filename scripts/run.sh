#!/usr/bin/env bash
# Start the action server, the Rasa server (REST + socket.io) and the demo clinic
# page with the chat widget; wait until all answer, print where to reach them, and
# stop them all on Ctrl-C or SIGTERM.
# Environment: RASA_PORT (5005), ACTION_PORT (5055), WEB_PORT (8000), TRACKER_DB_URL,
# CLINIC_ALLOWED_ORIGINS (comma-separated sites allowed to use the chat; default:
# credentials.yml, else the demo page: channels/origins.py), ASSISTANT_URL (where
# the page finds the Rasa server).
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/env.sh
source scripts/env.sh
BIN=.venv/bin
export ASSISTANT_URL="${ASSISTANT_URL:-http://localhost:${RASA_PORT}}"
export WEB_PORT
origins="$("$BIN/python" -m channels.origins)" || exit 1
mapfile -t allowed_origins <<< "$origins"

"$BIN/python" scripts/check_services.py || exit 1

pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap 'stop; exit 0' INT TERM
trap stop EXIT

wait_for() {  # URL, name, pid
  for _ in $(seq 1 240); do
    if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    if ! kill -0 "$3" 2>/dev/null; then echo "The $2 stopped while starting." >&2; return 1; fi
    sleep 0.5
  done
  echo "The $2 did not answer at $1 within 120 s." >&2
  return 1
}

# START_ACTION_SERVER=no when the action server runs elsewhere (ACTION_PORT).
if [ "${START_ACTION_SERVER:-yes}" = yes ]; then
  "$BIN/rasa" run actions --port "$ACTION_PORT" --actions actions &
  pids+=($!)
  wait_for "http://localhost:${ACTION_PORT}/health" "action server" "${pids[-1]}"
fi

"$BIN/python" -m clinic_server run --model models --port "$RASA_PORT" \
  --endpoints endpoints.yml --credentials credentials.yml --cors "${allowed_origins[@]}" &
pids+=($!)
wait_for "http://localhost:${RASA_PORT}/" "Rasa server" "${pids[-1]}"

WEB_PORT="$WEB_PORT" "$BIN/python" -m web.server &
pids+=($!)
wait_for "http://localhost:${WEB_PORT}/" "web page server" "${pids[-1]}"

cat <<MSG

The clinic assistant is running.
  Chat page:       http://localhost:${WEB_PORT}/
  REST channel:    http://localhost:${RASA_PORT}/webhooks/rest/webhook
  socket.io:       http://localhost:${RASA_PORT}/socket.io
  action server:   http://localhost:${ACTION_PORT}/webhook
Try it in a terminal with 'make shell'. Press Ctrl-C to stop.
MSG
wait -n "${pids[@]}"
