"""Check that the conversation database and the lock store answer before Rasa starts.

Prints one line per missing service, naming it and how to start it, and exits 1.
Reads TRACKER_DB_URL, LOCK_STORE_TYPE, REDIS_HOST and REDIS_PORT (scripts/env.sh).
"""

from __future__ import annotations

import os
import sys

import redis
import sqlalchemy as sa
from sqlalchemy.engine import make_url

HOW_TO_START = "start it (make cluster does, or: service postgresql start)"


def database_problem(db_url: str) -> str | None:
    url = make_url(db_url)
    if url.get_backend_name() == "sqlite":
        return None
    try:
        engine = sa.create_engine(url, connect_args={"connect_timeout": 3})
        with engine.connect():
            pass
        engine.dispose()
    except Exception as error:  # any driver error means "not usable"
        reason = str(error).strip().splitlines()[0]
        return f"PostgreSQL at {url.host}:{url.port} is not reachable ({reason}): {HOW_TO_START}."
    return None


def redis_problem(host: str, port: int) -> str | None:
    try:
        redis.Redis(host=host, port=port, socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        return (
            f"Redis at {host}:{port} is not reachable ({error}): start it "
            "(make cluster does, or: redis-server --port " + str(port) + ")."
        )
    return None


def main() -> int:
    problems = [database_problem(os.environ["TRACKER_DB_URL"])]
    if os.environ.get("LOCK_STORE_TYPE") == "redis":
        problems.append(redis_problem(os.environ["REDIS_HOST"], int(os.environ["REDIS_PORT"])))
    for problem in filter(None, problems):
        print(problem, file=sys.stderr)
    return 1 if any(problems) else 0


if __name__ == "__main__":
    sys.exit(main())
