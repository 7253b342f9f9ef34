"""Stored copies of conversation events, with the patient's words redacted.

Only user messages carry what a patient typed: their text, the text inside the
NLU result (and its entities) and any string the chat client sent as metadata.
Button payloads ("/affirm") are the assistant's own and are kept.
"""

from __future__ import annotations

from typing import Any

from rasa.shared.core.events import Event, UserUttered

from clinic_privacy.redaction import redact


def _redacted_text(text: Any) -> Any:
    if not isinstance(text, str) or text.startswith("/"):
        return text
    return redact(text)


def _redacted_values(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _redacted_values(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_redacted_values(item) for item in value]
    return _redacted_text(value)


def redacted_event(event: Event) -> Event:
    """``event`` as it may be stored: a user message is copied with its words redacted."""
    if not isinstance(event, UserUttered):
        return event
    data = event.as_dict()
    data["text"] = _redacted_text(data.get("text"))
    data["metadata"] = _redacted_values(data.get("metadata") or {})
    parse_data = data.get("parse_data") or {}
    parse_data["text"] = _redacted_text(parse_data.get("text"))
    if "metadata" in parse_data:
        parse_data["metadata"] = _redacted_values(parse_data["metadata"])
    for entity in parse_data.get("entities") or []:
        for key in ("value", "text"):
            if key in entity:
                entity[key] = _redacted_text(entity[key])
    stored = Event.from_parameters(data)
    assert stored is not None  # a user event's own dict always parses back
    return stored
