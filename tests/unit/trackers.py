"""Trackers for testing the custom actions without any server."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker


def make_tracker(
    intent: str,
    entities: list[dict[str, Any]] | None = None,
    slots: dict[str, Any] | None = None,
    bot_text: str | None = None,
    channel: str = "rest",
    text: str = "...",
) -> Tracker:
    """A tracker whose latest message has ``intent``, ``entities`` and ``text``."""
    latest = {
        "intent": {"name": intent, "confidence": 0.99},
        "entities": entities or [],
        "text": text,
    }
    events: list[dict[str, Any]] = [
        {"event": "slot", "name": name, "value": value} for name, value in (slots or {}).items()
    ]
    if bot_text is not None:
        events.append({"event": "bot", "text": bot_text, "data": {}})
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
    return {"entity": "procedure", "value": value}
