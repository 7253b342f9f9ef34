"""Rasa's SQL tracker store, tuned for SQLite, storing only redacted user messages.

Every user message is redacted as it is written (``clinic_privacy``): the
assistant reads what the patient wrote while it answers, the database only ever
holds the redacted copy. This is the one place conversations reach disk, for
every channel (REST, socket.io, ``rasa shell``).

Rasa opens a new SQLite connection for every query (SQLAlchemy's default for
file databases) and commits in rollback-journal mode, which syncs the file to
disk several times per message. Here SQLite connections are pooled and the
database runs in write-ahead-log mode with ``synchronous=NORMAL``: a crash of the
server loses nothing; a power cut may lose the last messages. Measured in
isolation, storing and reading one turn went from 4.9 ms to 2.2 ms.
PostgreSQL (a scaled-out deployment) is used as Rasa configures it, plus a check
of each pooled connection before use and a 3 s connect timeout: after a database
restart the next turn gets a fresh connection instead of a dead one, and while it
is down a turn fails within seconds (the patient gets the apology).

Saving a tracker, Rasa first counts the conversation's stored events with the
same query that just loaded them. While a message is handled the conversation is
locked (the lock store), so that count is the number of events loaded; the store
remembers it on the tracker and asks the database only when it does not know.

Rasa wraps the tracker store in a ``FailSafeTrackerStore``: when the database is
down it reads a conversation as new (its context lost) and keeps the turn in the
server's memory only, while the patient is answered as if all were well.
``install`` makes that wrapper pass the error on instead: the turn fails, nothing
is kept, and the patient gets the apology (``channels.guard``) and can send the
message again once the database is back.

Both overrides are private methods of Rasa's ``SQLTrackerStore``: building the
store on another Rasa version, or one shaped differently, is refused (``check``).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from rasa.core.agent import Agent
from rasa.core.tracker_store import (
    FailSafeTrackerStore,
    InMemoryTrackerStore,
    SQLTrackerStore,
    TrackerStore,
    create_engine_kwargs,
)
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from clinic_privacy.events import redacted_event
from clinic_server import compat

# Set on a tracker this store loaded: how many of its events are stored already.
STORED_EVENTS = "_clinic_stored_events"


def _use_write_ahead_log(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _postgresql_engine_kwargs(url: Any) -> dict[str, Any]:
    """Rasa's engine settings for ``url``, with pre-ping and a connect timeout."""
    kwargs = create_engine_kwargs(url)
    kwargs["connect_args"] = {"connect_timeout": 3, **kwargs.get("connect_args", {})}
    return {**kwargs, "pool_pre_ping": True}


def check() -> None:
    """Refuse (``compat.PatchMismatch``) unless ``SQLTrackerStore`` is built as we override it."""
    compat.require(
        __name__,
        "rasa",
        "3.6.21",
        {
            "SQLTrackerStore.retrieve calls self._retrieve(sender_id, "
            "fetch_events_from_all_sessions)": lambda: (
                compat.looks_up(SQLTrackerStore.retrieve, "self", "_retrieve")
                and compat.parameters(SQLTrackerStore._retrieve)
                == ["self", "sender_id", "fetch_events_from_all_sessions"]
            ),
            "SQLTrackerStore.save calls self._additional_events(session, tracker)": lambda: (
                compat.looks_up(SQLTrackerStore.save, "self", "_additional_events")
                and compat.parameters(SQLTrackerStore._additional_events)
                == ["self", "session", "tracker"]
            ),
            "SQLTrackerStore sessions come from self.sessionmaker": lambda: compat.looks_up(
                SQLTrackerStore.session_scope, "self", "sessionmaker"
            ),
        },
    )


def _fail(error: Exception) -> None:
    """``FailSafeTrackerStore``'s error callback: the error is passed on."""
    raise error


def _create_tracker_store(store: TrackerStore | None, domain: Domain) -> TrackerStore:
    """``Agent._create_tracker_store`` whose wrapper passes tracker store errors on."""
    tracker_store = store if store is not None else InMemoryTrackerStore(domain)
    tracker_store.domain = domain
    return FailSafeTrackerStore(tracker_store, on_tracker_store_error=_fail)


def check_fail_safe() -> None:
    """Refuse (``compat.PatchMismatch``) unless Rasa's fail-safe wrapper works as we change it."""
    compat.require(
        __name__ + " (errors passed on)",
        "rasa",
        "3.6.21",
        {
            "Agent._create_tracker_store(store, domain) wraps it in FailSafeTrackerStore": (
                lambda: compat.parameters(Agent._create_tracker_store) == ["store", "domain"]
                and isinstance(
                    Agent._create_tracker_store(None, Domain.empty()), FailSafeTrackerStore
                )
            ),
            "FailSafeTrackerStore reports errors of retrieve and save to its callback": (
                lambda: compat.parameters(FailSafeTrackerStore.__init__)[:3]
                == ["self", "tracker_store", "on_tracker_store_error"]
                and compat.looks_up(
                    FailSafeTrackerStore.retrieve, "self", "on_tracker_store_retrieve_error"
                )
                and compat.looks_up(FailSafeTrackerStore.save, "self", "on_tracker_store_error")
            ),
        },
    )


def install() -> None:
    """Make the tracker store errors of every Agent fail the turn (see the module text)."""
    check()
    check_fail_safe()
    Agent._create_tracker_store = staticmethod(_create_tracker_store)


class ClinicSQLTrackerStore(SQLTrackerStore):
    """``SQLTrackerStore`` with pooled, write-ahead-logged SQLite connections."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        check()
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            url = self.engine.url
            self.engine.dispose()
            self.engine = sa.create_engine(
                url, poolclass=QueuePool, connect_args={"check_same_thread": False}
            )
            sa.event.listen(self.engine, "connect", _use_write_ahead_log)
            self.sessionmaker = sessionmaker(bind=self.engine)
        elif self.engine.dialect.name == "postgresql":
            url = self.engine.url
            self.engine.dispose()
            self.engine = sa.create_engine(url, **_postgresql_engine_kwargs(url))
            self.sessionmaker = sessionmaker(bind=self.engine)

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> DialogueStateTracker | None:
        tracker = await super()._retrieve(sender_id, fetch_events_from_all_sessions)
        if tracker is not None and not fetch_events_from_all_sessions:
            tracker.__dict__[STORED_EVENTS] = len(tracker.events)
        return tracker

    def _additional_events(self, session: Session, tracker: DialogueStateTracker) -> Iterator:
        """The events to store, each user message redacted (``clinic_privacy``)."""
        stored = tracker.__dict__.pop(STORED_EVENTS, None)
        if stored is None:
            new_events = super()._additional_events(session, tracker)
        else:
            new_events = itertools.islice(tracker.events, stored, len(tracker.events))
        return map(redacted_event, new_events)
