"""Rasa's own ``retrieve`` and ``save`` go through ``ClinicSQLTrackerStore``'s overrides."""

import asyncio
import sqlite3

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from clinic_server import compat
from clinic_server.tracker_store import STORED_EVENTS, ClinicSQLTrackerStore

DOMAIN = Domain.from_yaml('version: "3.1"\nintents: [ask_what_is]')


def test_rasas_retrieve_and_save_use_our_overrides(tmp_path, monkeypatch):
    database = tmp_path / "conversations.db"
    store = ClinicSQLTrackerStore(domain=DOMAIN, host=f"sqlite:///{database}")
    tracker = DialogueStateTracker("patient", DOMAIN.slots)
    tracker.update(UserUttered("hello"))
    tracker.update(ActionExecuted("action_listen"))
    asyncio.run(store.save(tracker))

    queries = []
    rasas_query = store._event_query

    def counted_query(*args, **kwargs):
        queries.append(args)
        return rasas_query(*args, **kwargs)

    monkeypatch.setattr(store, "_event_query", counted_query)
    loaded = asyncio.run(store.retrieve("patient"))  # Rasa's retrieve, our _retrieve
    assert loaded.__dict__[STORED_EVENTS] == 2 and len(queries) == 1
    loaded.update(UserUttered("I'm Maria Lopez, what is a rhizotomy?"))
    asyncio.run(store.save(loaded))  # Rasa's save, our _additional_events
    assert len(queries) == 1  # the stored events were not counted again
    assert STORED_EVENTS not in loaded.__dict__

    with sqlite3.connect(database) as connection:
        stored = [row[0] for row in connection.execute("SELECT data FROM events")]
    assert len(stored) == 3
    assert "what is a rhizotomy" in stored[2] and "Maria" not in stored[2]


def test_another_rasa_version_is_refused(monkeypatch):
    monkeypatch.setattr(compat, "installed_version", lambda distribution: "3.7.0")
    with pytest.raises(compat.PatchMismatch, match="written for rasa 3.6.21; found rasa 3.7.0"):
        ClinicSQLTrackerStore(domain=DOMAIN, host="sqlite://")


@pytest.mark.parametrize("method", ["_retrieve", "_additional_events"])
def test_a_store_without_the_methods_we_override_is_refused(method, monkeypatch):
    monkeypatch.delattr(SQLTrackerStore, method)
    with pytest.raises(compat.PatchMismatch, match=f"calls self.{method}"):
        ClinicSQLTrackerStore(domain=DOMAIN, host="sqlite://")
