import asyncio
import time

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from scripts.purge_conversations import SECONDS_PER_DAY, purge


def save(store: SQLTrackerStore, sender: str, age_days: float) -> None:
    tracker = DialogueStateTracker(sender, slots=[])
    tracker.update(UserUttered("hi", timestamp=time.time() - age_days * SECONDS_PER_DAY))
    asyncio.run(store.save(tracker))


def test_only_conversations_idle_past_the_retention_period_are_deleted(tmp_path):
    url = f"sqlite:///{tmp_path / 'conversations.db'}"
    store = SQLTrackerStore(Domain.empty(), host=url)
    save(store, "old", age_days=45)
    save(store, "recent", age_days=2)

    assert purge(url, days=30) == 1
    assert asyncio.run(store.retrieve("old")) is None
    assert asyncio.run(store.retrieve("recent")) is not None
