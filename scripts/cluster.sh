#!/usr/bin/env bash
# A local scale-out deployment of the assistant (make cluster):
#   PostgreSQL (conversations) + Redis (conversation locks) + one action server
#   + two Rasa servers + nginx balancing them on CLUSTER_PORT (default 8080).
# The REST channel is balanced round-robin; socket.io is sticky (ip_hash), as the
# Rasa docs require. Ctrl-C stops everything. State lives in CLUSTER_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."

CLUSTER_PORT="${CLUSTER_PORT:-8080}"
PG_PORT="${PG_PORT:-55432}"
export REDIS_PORT="${REDIS_PORT:-56379}"
RASA_PORTS=("${RASA_PORT_A:-5105}" "${RASA_PORT_B:-5106}")
export ACTION_PORT="${ACTION_PORT:-5155}"
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
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
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

rm -rf "$STATE/pg" "$STATE/run" && mkdir -p "$STATE/pg" "$STATE/run" "$STATE/tmp"
chmod 1777 "$STATE/tmp"
[ "$(id -u)" = 0 ] && chown postgres "$STATE/pg" "$STATE/run"
as_postgres "$PG_BIN/initdb" -D "$STATE/pg" -A trust -U clinic >/dev/null
as_postgres "$PG_BIN/pg_ctl" -D "$STATE/pg" -l "$STATE/run/postgres.log" -w \
  -o "-p $PG_PORT -k $STATE/run -c listen_addresses=127.0.0.1" start >/dev/null
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U clinic clinic

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no >"$STATE/redis.log" &
pids+=($!)

export TRACKER_DB_URL="postgresql://clinic@127.0.0.1:${PG_PORT}/clinic"
export LOCK_STORE_TYPE=redis REDIS_HOST=127.0.0.1
# shellcheck source=scripts/env.sh
source scripts/env.sh
for _ in $(seq 1 20); do "$BIN/python" scripts/check_services.py 2>/dev/null && break; sleep 0.5; done
"$BIN/python" scripts/check_services.py

"$BIN/rasa" run actions --port "$ACTION_PORT" --actions actions >"$STATE/actions.log" 2>&1 &
pids+=($!)
wait_for "http://localhost:${ACTION_PORT}/health" "action server"

for port in "${RASA_PORTS[@]}"; do
  "$BIN/python" -m clinic_server run --model models --port "$port" --endpoints endpoints.yml \
    --credentials credentials.yml >"$STATE/rasa-$port.log" 2>&1 &
  pids+=($!)
  echo $! >"$STATE/rasa-$port.pid"  # to stop one instance and watch the other take over
done
for port in "${RASA_PORTS[@]}"; do wait_for "http://localhost:${port}/" "Rasa server on $port"; done

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
    server 127.0.0.1:${RASA_PORTS[0]} max_fails=1 fail_timeout=5s;
    server 127.0.0.1:${RASA_PORTS[1]} max_fails=1 fail_timeout=5s;
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
      proxy_next_upstream error timeout http_502 http_503;
      add_header X-Served-By \$upstream_addr always;
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
  Rasa servers:        ${RASA_PORTS[*]}    action server: ${ACTION_PORT}
  PostgreSQL:          ${TRACKER_DB_URL}
  Redis locks:         127.0.0.1:${REDIS_PORT}
Press Ctrl-C to stop.
MSG
wait "$nginx_pid"  # one Rasa server may stop; the balancer keeps serving with the other
