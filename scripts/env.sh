# Settings shared by scripts/run.sh and scripts/shell.sh (sourced, not run).
# Each can be overridden from the environment.
RASA_PORT="${RASA_PORT:-5005}"
ACTION_PORT="${ACTION_PORT:-5055}"
WEB_PORT="${WEB_PORT:-8000}"
export ACTION_ENDPOINT_URL="http://localhost:${ACTION_PORT}/webhook"
# Conversations are kept in a SQL database: a SQLite file under var/ by default,
# e.g. postgresql://user:password@host:5432/clinic for a deployment.
export TRACKER_DB_URL="${TRACKER_DB_URL:-sqlite:///var/conversations.db}"
# Scale-out: LOCK_STORE_TYPE=redis with REDIS_HOST / REDIS_PORT (see make cluster).
export LOCK_STORE_TYPE="${LOCK_STORE_TYPE:-in_memory}"
export REDIS_HOST="${REDIS_HOST:-localhost}" REDIS_PORT="${REDIS_PORT:-6379}"
export RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=2 SQLALCHEMY_SILENCE_UBER_WARNING=1
mkdir -p var
