"""Read the stored events of a period from the tracker store's SQL database.

The table is Rasa's own (``SQLTrackerStore.SQLEvent``). Rows are read directly,
not through ``SQLTrackerStore.retrieve`` (one query and one tracker per
conversation would take minutes on 10,000 conversations), and the store is not
built either: its constructor waits for an unreachable database forever.
Bot messages are never read, so a safety reply's text cannot reach the report.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore

from clinic_report.period import Period

# The event types a report needs: turns, replies, slots and where conversations start.
READ_TYPES = ("user", "action", "slot", "session_started", "restart")
PARSED_TYPES = ("user", "slot")  # the others need no more than their columns
CONNECT_TIMEOUT_S = 5
BATCH = 5_000


class StoreError(Exception):
    """The conversation store cannot be read; the message is one line for staff."""


@dataclass(frozen=True)
class Row:
    """One stored event: the columns, and the JSON for user and slot events."""

    sender_id: str
    type_name: str
    timestamp: float
    intent_name: str | None
    action_name: str | None
    data: dict[str, Any] | None


def configured_url() -> str:
    """``TRACKER_DB_URL`` (``scripts/env.sh`` gives the SQLite default)."""
    url = os.environ.get("TRACKER_DB_URL")
    if not url:
        raise StoreError("set TRACKER_DB_URL (make report sources scripts/env.sh) or pass --db-url")
    return url


def _engine(url: str) -> sa.engine.Engine:
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError:
        raise StoreError(f"{url!r} is not a database URL") from None
    if parsed.get_backend_name() == "sqlite":
        if not parsed.database or not Path(parsed.database).is_file():
            raise StoreError(f"no conversation store at {parsed.database or url}")
        return sa.create_engine(parsed)
    if parsed.get_backend_name() == "postgresql":
        return sa.create_engine(parsed, connect_args={"connect_timeout": CONNECT_TIMEOUT_S})
    return sa.create_engine(parsed)


def _describe(url: str) -> str:
    """The URL without its password."""
    return repr(sa.engine.make_url(url))


def read_rows(url: str, period: Period) -> Iterator[Row]:
    """The period's events, each conversation's together and in stored order."""
    engine = _engine(url)
    events = SQLTrackerStore.SQLEvent.__table__
    query = (
        sa.select(
            events.c.sender_id,
            events.c.type_name,
            events.c.timestamp,
            events.c.intent_name,
            events.c.action_name,
            events.c.data,
        )
        .where(events.c.timestamp >= period.start_timestamp)
        .where(events.c.timestamp < period.end_timestamp)
        .where(events.c.type_name.in_(READ_TYPES))
        .order_by(events.c.sender_id, events.c.id)
    )
    try:
        with engine.connect() as connection:
            if not sa.inspect(connection).has_table(events.name):
                return  # nothing was ever stored
            result = connection.execution_options(stream_results=True).execute(query)
            for batch in result.partitions(BATCH):
                for sender, kind, timestamp, intent, action, data in batch:
                    parsed = json.loads(data) if kind in PARSED_TYPES and data else None
                    yield Row(sender, kind, timestamp, intent, action, parsed)
    except sa.exc.OperationalError as error:
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise StoreError(f"cannot read the conversation store {_describe(url)}: {reason}") from None
    finally:
        engine.dispose()
