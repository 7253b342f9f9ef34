"""Trackers for testing the custom actions without any server."""

from __future__ import annotations

import asyncio
from functools import lru_cache
from pathlib import Path
from typing import Any

from rasa_sdk import Tracker

ROOT = Path(__file__).resolve().parents[2]


def make_tracker(
    intent: str,
    entities: list[dict[str, Any]] | None = None,
    slots: dict[str, Any] | None = None,
    channel: str = "rest",
    text: str = "...",
    questions: list[dict[str, Any]] | None = None,
    ranking: list[tuple[str, float]] | None = None,
) -> Tracker:
    """A tracker whose latest message has ``intent``, ``entities``, ``text``, ``questions``
    and an intent ``ranking``."""
    latest: dict[str, Any] = {
        "intent": {"name": intent, "confidence": 0.99},
        "entities": entities or [],
        "text": text,
        "intent_ranking": [{"name": n, "confidence": c} for n, c in ranking or []],
    }
    if questions:
        latest["questions"] = questions
    events: list[dict[str, Any]] = [
        {"event": "slot", "name": name, "value": value} for name, value in (slots or {}).items()
    ]
    events.append({"event": "user", "text": text, "parse_data": latest, "input_channel": channel})
    return Tracker(
        sender_id="patient",
        slots=slots or {},
        latest_message=latest,
        events=events,
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def procedure_entity(value: str) -> dict[str, Any]:
    """A named procedure, as the NLU pipeline or a button payload gives it."""
    return {"entity": "procedure", "value": value}


def generic_injection() -> dict[str, Any]:
    """A bare "shot" or "injection", as clinic_nlu.procedure_ids gives it."""
    return {"entity": "procedure", "value": "injection", "role": "generic"}


@lru_cache(maxsize=1)
def _domain() -> Any:
    from rasa.shared.core.domain import Domain

    return Domain.load(str(ROOT / "domain.yml"))


def slots_after_message(
    intent: str,
    entities: list[dict[str, Any]] | None = None,
    slots: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The slots after Rasa's own slot extraction (domain.yml's mappings) for a message."""
    from rasa.core.actions.action import ActionExtractSlots
    from rasa.shared.core.events import SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    domain = _domain()
    events = [SlotSet(name, value) for name, value in (slots or {}).items()]
    events.append(UserUttered("...", {"name": intent}, entities or []))
    tracker = DialogueStateTracker.from_events("patient", events, slots=domain.slots)
    extracted = asyncio.run(ActionExtractSlots(None).run(None, None, tracker, domain))
    for event in extracted:
        tracker.update(event)
    return tracker.current_slot_values()
