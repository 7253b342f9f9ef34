import asyncio
import sqlite3
from pathlib import Path

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from clinic_server.tracker_store import ClinicSQLTrackerStore

ENDPOINTS = Path(__file__).resolve().parents[2] / "endpoints.yml"
DOMAIN = Domain.from_yaml(
    """
version: "3.1"
intents: [ask_what_is]
slots:
  procedure:
    type: text
    mappings: [{type: custom}]
"""
)


def test_conversations_are_kept_in_a_write_ahead_logged_sqlite_file(tmp_path):
    url = f"sqlite:///{tmp_path / 'conversations.db'}"
    store = ClinicSQLTrackerStore(domain=DOMAIN, host=url)
    tracker = DialogueStateTracker("patient-1", DOMAIN.slots)
    tracker.update(UserUttered("what is a rhizotomy", {"name": "ask_what_is", "confidence": 1}))
    tracker.update(SlotSet("procedure", "rhizotomy"))
    tracker.update(ActionExecuted("action_listen"))
    asyncio.run(store.save(tracker))
    tracker.update(UserUttered("and how long does it last"))
    asyncio.run(store.save(tracker))

    reopened = ClinicSQLTrackerStore(domain=DOMAIN, host=url)
    restored = asyncio.run(reopened.retrieve("patient-1"))
    assert restored.get_slot("procedure") == "rhizotomy"
    assert [e.text for e in restored.events if isinstance(e, UserUttered)] == [
        "what is a rhizotomy",
        "and how long does it last",
    ]
    with reopened.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_a_loaded_conversation_saves_only_its_new_events(tmp_path):
    store = ClinicSQLTrackerStore(domain=DOMAIN, host=f"sqlite:///{tmp_path / 'c.db'}")
    tracker = DialogueStateTracker("patient-2", DOMAIN.slots)
    tracker.update(UserUttered("hi"))
    tracker.update(ActionExecuted("action_listen"))
    asyncio.run(store.save(tracker))
    for turn in ("what is a rhizotomy", "how long does it last"):
        loaded = asyncio.run(store.retrieve("patient-2"))
        loaded.update(UserUttered(turn))
        loaded.update(ActionExecuted("action_listen"))
        asyncio.run(store.save(loaded))
        asyncio.run(store.save(loaded))  # saved again: nothing new, nothing doubled

    events = asyncio.run(store.retrieve("patient-2")).events
    texts = [e.text for e in events if isinstance(e, UserUttered)]
    assert texts == ["hi", "what is a rhizotomy", "how long does it last"]
    assert len(events) == 6


def test_the_configured_store_keeps_only_redacted_messages(tmp_path, monkeypatch):
    """Through Rasa's own factory, as `make run` and `make shell` build the store."""
    from rasa.core.tracker_store import TrackerStore
    from rasa.utils.endpoints import read_endpoint_config

    database = tmp_path / "conversations.db"
    settings = {"TRACKER_DB_URL": f"sqlite:///{database}", "ACTION_ENDPOINT_URL": "http://x"}
    settings |= {"LOCK_STORE_TYPE": "in_memory", "REDIS_HOST": "x", "REDIS_PORT": "1"}
    for name, value in settings.items():
        monkeypatch.setenv(name, value)
    config = read_endpoint_config(str(ENDPOINTS), "tracker_store")
    store = TrackerStore.create(config, domain=DOMAIN)
    tracker = DialogueStateTracker("patient-3", DOMAIN.slots)
    tracker.update(UserUttered("I'm Maria Lopez, 713-555-0182, what is a rhizotomy?"))
    asyncio.run(store.save(tracker))

    with sqlite3.connect(database) as connection:
        stored = " ".join(row[0] for row in connection.execute("SELECT data FROM events"))
    assert "what is a rhizotomy" in stored
    assert "Maria" not in stored and "Lopez" not in stored and "0182" not in stored
