"""Rasa's REST channel, hardened: bad requests get clear answers, never a 5xx.

* The body must be a UTF-8 JSON object with a ``sender`` (at most 128 characters)
  and a ``message`` (text; a number is read as text). Otherwise: 400 and a JSON
  ``error`` that says what to send.
* Message checks (empty, too long, control characters) and the promise of a reply
  to every message are shared with the socket.io channel (``channels.guard``).
* Every message gets at least one reply. The assistant reads the patient's own
  words (the safety check first); the tracker store keeps only a redacted copy
  (``clinic_privacy``).
"""

from __future__ import annotations

import json
from typing import Any

from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request

from channels.guard import Handler, never_silent

MAX_SENDER_CHARS = 128


class BadRequest(ValueError):
    """A request no patient's chat client would send; the text says what to send."""


def parse_body(body: bytes) -> dict[str, Any]:
    """The request as ``{"sender": str, "message": str, ...}``, or ``BadRequest``."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise BadRequest('Send UTF-8 JSON like {"sender": "id", "message": "hi"}.') from error
    if not isinstance(data, dict):
        raise BadRequest('Send a JSON object with "sender" and "message".')
    sender, message = data.get("sender"), data.get("message")
    if isinstance(sender, int) and not isinstance(sender, bool):
        sender = str(sender)
    if not isinstance(sender, str) or not sender.strip():
        raise BadRequest('"sender" is required: a text that identifies the conversation.')
    if len(sender) > MAX_SENDER_CHARS:
        raise BadRequest(f'"sender" must be at most {MAX_SENDER_CHARS} characters.')
    if isinstance(message, int | float) and not isinstance(message, bool):
        message = str(message)
    if not isinstance(message, str):
        raise BadRequest('"message" is required: the patient\'s text.')
    return {**data, "sender": sender, "message": message}


class GuardedRestInput(RestInput):
    """The REST channel (same URL, ``/webhooks/rest/webhook``) with input checks."""

    def blueprint(self, on_new_message: Handler) -> Blueprint:
        webhook = super().blueprint(never_silent(on_new_message))

        @webhook.middleware("request")
        async def check_request(request: Request) -> response.HTTPResponse | None:
            if request.method != "POST":
                return None
            try:
                data = parse_body(request.body)
            except BadRequest as problem:
                return response.json({"error": str(problem)}, status=400)
            request.parsed_json = data  # what Rasa's handler reads
            return None

        return webhook
