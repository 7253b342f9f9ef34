#!/usr/bin/env bash
# A local scale-out deployment of the assistant (make cluster):
#   PostgreSQL (conversations) + Redis (conversation locks) + two action servers
#   + two Rasa servers + nginx balancing them on CLUSTER_PORT (default 8080) and
#   the action servers on ACTION_LB_PORT.
# The REST channel is balanced round-robin; socket.io is sticky (ip_hash), as the
# Rasa docs require. A request whose server dies is retried on the other one (POST
# too: a message is processed once per message id, clinic_server/idempotency.py),
# and a dead server's conversation locks lapse within 3 s (clinic_server/lock_store.py).
# Redis and every server are started again when they die (their PIDs are in
# CLUSTER_DIR/*.pid). Ctrl-C stops everything. State lives in CLUSTER_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."

CLUSTER_PORT="${CLUSTER_PORT:-8080}"
PG_PORT="${PG_PORT:-55432}"
export REDIS_PORT="${REDIS_PORT:-56379}"
RASA_PORTS=("${RASA_PORT_A:-5105}" "${RASA_PORT_B:-5106}")
ACTION_PORTS=("${ACTION_PORT:-5155}" "${ACTION_PORT_B:-5156}")
ACTION_LB_PORT="${ACTION_LB_PORT:-5150}"
STATE="$(mkdir -p "${CLUSTER_DIR:-var/cluster}" && cd "${CLUSTER_DIR:-var/cluster}" && pwd)"
BIN=.venv/bin

PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
missing=()
[ -x "${PG_BIN}/initdb" ] || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v nginx >/dev/null || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
  echo "make cluster needs ${missing[*]}: install with 'apt-get install ${missing[*]}'." >&2
  exit 1
fi

as_postgres() {  # PostgreSQL refuses to run as root
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pids=()
stop() {
  trap - INT TERM EXIT
  touch "$STATE/run/stopping"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pidfile in "$STATE"/*.pid; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
  done
  as_postgres "$PG_BIN/pg_ctl" -D "$STATE/pg" -m fast stop >/dev/null 2>&1 || true
  wait 2>/dev/null || true
}
trap 'stop; exit 0' INT TERM
trap stop EXIT

wait_for() {  # URL, name
  for _ in $(seq 1 240); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "The $2 did not answer at $1 within 120 s." >&2
  return 1
}

supervise() {  # name, command...: run it, and again 1 s after it dies, until stopped
  local name=$1
  shift
  while [ ! -f "$STATE/run/stopping" ]; do
    "$@" >>"$STATE/$name.log" 2>&1 &
    echo $! >"$STATE/$name.pid"
    wait $! || true
    [ -f "$STATE/run/stopping" ] || { echo "$name stopped; starting it again" >&2; sleep 1; }
  done
}

rm -rf "$STATE/pg" "$STATE/run" "$STATE"/*.pid && mkdir -p "$STATE/pg" "$STATE/run" "$STATE/tmp"
chmod 1777 "$STATE/tmp"
[ "$(id -u)" = 0 ] && chown postgres "$STATE/pg" "$STATE/run"
as_postgres "$PG_BIN/initdb" -D "$STATE/pg" -A trust -U clinic >/dev/null
as_postgres "$PG_BIN/pg_ctl" -D "$STATE/pg" -l "$STATE/run/postgres.log" -w \
  -o "-p $PG_PORT -k $STATE/run -c listen_addresses=127.0.0.1" start >/dev/null
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U clinic clinic

supervise redis redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no &
pids+=($!)

export TRACKER_DB_URL="postgresql://clinic@127.0.0.1:${PG_PORT}/clinic"
export LOCK_STORE_TYPE=redis REDIS_HOST=127.0.0.1
# shellcheck source=scripts/env.sh
source scripts/env.sh
for _ in $(seq 1 20); do "$BIN/python" scripts/check_services.py 2>/dev/null && break; sleep 0.5; done
"$BIN/python" scripts/check_services.py
# Rasa's Redis lock, with 3 s leases renewed while a server is alive.
export LOCK_STORE_TYPE=clinic_server.lock_store.LeasedRedisLockStore
export ACTION_ENDPOINT_URL="http://127.0.0.1:${ACTION_LB_PORT}/webhook"

for port in "${ACTION_PORTS[@]}"; do
  supervise "actions-$port" "$BIN/rasa" run actions --port "$port" --actions actions &
  pids+=($!)
done
for port in "${ACTION_PORTS[@]}"; do wait_for "http://localhost:${port}/health" "action server"; done

for port in "${RASA_PORTS[@]}"; do
  supervise "rasa-$port" "$BIN/python" -m clinic_server run --model models --port "$port" \
    --endpoints endpoints.yml --credentials credentials.yml &
  pids+=($!)
done
for port in "${RASA_PORTS[@]}"; do wait_for "http://localhost:${port}/" "Rasa server on $port"; done

sorry_text() {  # the channels' apology (channels/guard.py), as a JSON string's content
  "$BIN/python" -c 'import json; from channels.guard import SORRY; print(json.dumps(SORRY)[1:-1])' |
    sed "s/'/\\\\'/g"
}

cat >"$STATE/nginx.conf" <<NGINX
worker_processes 1;
pid $STATE/nginx.pid;
error_log $STATE/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $STATE/tmp/body;
  proxy_temp_path $STATE/tmp/proxy;
  fastcgi_temp_path $STATE/tmp/fastcgi;
  uwsgi_temp_path $STATE/tmp/uwsgi;
  scgi_temp_path $STATE/tmp/scgi;
  # REST: any instance can answer any turn (shared PostgreSQL + Redis locks).
  upstream rasa_rest {
    server 127.0.0.1:${RASA_PORTS[0]} max_fails=1 fail_timeout=2s;
    server 127.0.0.1:${RASA_PORTS[1]} max_fails=1 fail_timeout=2s;
  }
  # Actions compute their answer from the tracker they are sent: safe to retry.
  upstream rasa_actions {
    server 127.0.0.1:${ACTION_PORTS[0]} max_fails=1 fail_timeout=2s;
    server 127.0.0.1:${ACTION_PORTS[1]} max_fails=1 fail_timeout=2s;
  }
  # socket.io: a client must stay on one instance (sticky sessions).
  upstream rasa_socketio {
    ip_hash;
    server 127.0.0.1:${RASA_PORTS[0]};
    server 127.0.0.1:${RASA_PORTS[1]};
  }
  server {
    listen 127.0.0.1:${CLUSTER_PORT};
    location /socket.io/ {
      proxy_pass http://rasa_socketio;
      proxy_http_version 1.1;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection "upgrade";
      proxy_set_header Host \$host;
    }
    location / {
      proxy_pass http://rasa_rest;
      # A message that reached a server which then died is sent to the other one:
      # the same X-Request-Id on both tries makes it one message (processed once).
      proxy_set_header X-Request-Id \$request_id;
      proxy_next_upstream error timeout http_502 http_503 non_idempotent;
      proxy_connect_timeout 2s;
      add_header X-Served-By \$upstream_addr always;
    }
    # No Rasa server could take the message: the apology, never an error page.
    location = /webhooks/rest/webhook {
      proxy_pass http://rasa_rest;
      proxy_set_header X-Request-Id \$request_id;
      proxy_next_upstream error timeout http_502 http_503 non_idempotent;
      proxy_connect_timeout 2s;
      proxy_intercept_errors on;
      error_page 502 503 504 = @sorry;
      add_header X-Served-By \$upstream_addr always;
    }
    location @sorry {
      default_type application/json;
      return 200 '[{"text": "$(sorry_text)"}]';
    }
  }
  server {
    listen 127.0.0.1:${ACTION_LB_PORT};
    location / {
      proxy_pass http://rasa_actions;
      proxy_next_upstream error timeout http_502 http_503 non_idempotent;
      proxy_connect_timeout 2s;
    }
  }
}
NGINX
nginx -p "$STATE" -c "$STATE/nginx.conf" -g "daemon off;" &
pids+=($!)
nginx_pid=$!
wait_for "http://localhost:${CLUSTER_PORT}/" "nginx balancer"

cat <<MSG

The clinic assistant cluster is running.
  REST through nginx:  http://localhost:${CLUSTER_PORT}/webhooks/rest/webhook
  Rasa servers:        ${RASA_PORTS[*]}    action servers: ${ACTION_PORTS[*]} (via ${ACTION_LB_PORT})
  PostgreSQL:          ${TRACKER_DB_URL}
  Redis locks:         127.0.0.1:${REDIS_PORT}
Press Ctrl-C to stop.
MSG
wait "$nginx_pid"  # one Rasa server may stop; the balancer keeps serving with the other
