"""Delete conversations whose last message is older than the retention period.

Usage: python scripts/purge_conversations.py [--days N] [--db-url URL]
Defaults: RETENTION_DAYS (30) and TRACKER_DB_URL from the environment (see
scripts/env.sh). Run it daily, e.g. from cron: `make purge`.
"""

from __future__ import annotations

import argparse
import os
import time

import sqlalchemy as sa

DEFAULT_RETENTION_DAYS = 30
SECONDS_PER_DAY = 86_400


def purge(db_url: str, days: float, now: float | None = None) -> int:
    """Delete every event of conversations idle for more than ``days``; return how many."""
    cutoff = (now if now is not None else time.time()) - days * SECONDS_PER_DAY
    engine = sa.create_engine(db_url)
    events = sa.Table("events", sa.MetaData(), autoload_with=engine)
    stale = (
        sa.select(events.c.sender_id)
        .group_by(events.c.sender_id)
        .having(sa.func.max(events.c.timestamp) < cutoff)
    )
    with engine.begin() as connection:
        deleted = connection.execute(events.delete().where(events.c.sender_id.in_(stale)))
    engine.dispose()
    return deleted.rowcount


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--days",
        type=float,
        default=float(os.environ.get("RETENTION_DAYS", DEFAULT_RETENTION_DAYS)),
    )
    parser.add_argument("--db-url", default=os.environ.get("TRACKER_DB_URL"))
    args = parser.parse_args()
    if not args.db_url:
        parser.error("set TRACKER_DB_URL or pass --db-url")
    deleted = purge(args.db_url, args.days)
    print(f"deleted {deleted} events of conversations idle for more than {args.days:g} days")


if __name__ == "__main__":
    main()
