"""Rasa rebuilding a tracker from stored events resolves their types through ``event_types``."""

import inspect
from collections import Counter

import pytest
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SlotSet, UserUttered
from rasa.shared.core.slots import TextSlot
from rasa.shared.core.trackers import DialogueStateTracker

from clinic_server import compat, event_types

SLOTS = [TextSlot("procedure", mappings=[{"type": "custom"}])]
TURN = [
    UserUttered("what is a rhizotomy", {"name": "ask_what_is", "confidence": 1.0}),
    SlotSet("procedure", "rhizotomy"),
    ActionExecuted("action_answer_question"),
    BotUttered("A rhizotomy calms a painful nerve."),
    ActionExecuted("action_listen"),
]
STORED = [event.as_dict() for event in TURN * 4]  # a 20-event conversation


@pytest.fixture
def restored(monkeypatch):
    """Whatever a test installs is undone after it."""
    monkeypatch.setattr(Event, "resolve_by_type", inspect.getattr_static(Event, "resolve_by_type"))


def test_rasa_rebuilding_a_tracker_asks_rasas_lookup_once_per_type(restored, monkeypatch):
    asked: Counter[str] = Counter()
    rasas = event_types._rasa_resolve_by_type

    def counted(type_name, default=None):
        asked[type_name] += 1
        return rasas(type_name, default)

    monkeypatch.setattr(event_types, "_rasa_resolve_by_type", counted)
    monkeypatch.setattr(event_types, "_found", {})
    event_types.install()
    tracker = DialogueStateTracker.from_dict("patient", STORED, SLOTS)
    assert [event.as_dict() for event in tracker.events] == STORED
    assert asked == {"user": 1, "slot": 1, "action": 1, "bot": 1}


def test_another_rasa_version_is_refused(restored, monkeypatch):
    monkeypatch.setattr(compat, "installed_version", lambda distribution: "3.7.0")
    with pytest.raises(compat.PatchMismatch, match="written for rasa 3.6.21; found rasa 3.7.0"):
        event_types.install()
    assert Event.resolve_by_type is not event_types.resolve_by_type


def test_a_changed_signature_is_refused(restored, monkeypatch):
    def resolve_by_type(type_name, default=None, strict=True):
        raise AssertionError("not called")

    monkeypatch.setattr(Event, "resolve_by_type", staticmethod(resolve_by_type))
    with pytest.raises(compat.PatchMismatch, match=r"takes \(type_name, default\)"):
        event_types.install()


def test_events_no_longer_parsed_through_resolve_by_type_are_refused(restored, monkeypatch):
    def from_parameters(cls, parameters, default=None):
        raise AssertionError("not called")

    monkeypatch.setattr(Event, "from_parameters", classmethod(from_parameters))
    with pytest.raises(compat.PatchMismatch, match="Event.from_parameters calls"):
        event_types.install()
    assert Event.resolve_by_type is not event_types.resolve_by_type
