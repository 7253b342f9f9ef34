"""Rasa's REST channel, hardened: bad requests get clear answers, never a 5xx.

* The body must be a UTF-8 JSON object with a ``sender`` (at most 128 characters)
  and a ``message`` (text; a number is read as text). Otherwise: 400 and a JSON
  ``error`` that says what to send.
* Control characters are removed. An empty message, or one longer than
  ``MAX_MESSAGE_CHARS``, gets a friendly reply without reaching the assistant.
* Personal data is redacted before Rasa sees the text (``channels.privacy``), and
  every message gets at least one reply (``channels.guard``).
"""

from __future__ import annotations

import json
import re
from typing import Any

from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request

from channels.guard import Handler, never_silent
from channels.privacy import redacting

MAX_MESSAGE_CHARS = 2000
MAX_SENDER_CHARS = 128
EMPTY_REPLY = "It looks like your message was empty. What would you like to know?"
TOO_LONG_REPLY = (
    f"That message is longer than I can read ({MAX_MESSAGE_CHARS:,} characters at most). "
    "Could you ask your question in a shorter message?"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


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
    return {**data, "sender": sender, "message": _CONTROL.sub(" ", message).strip()}


def reply_without_assistant(data: dict[str, Any]) -> str | None:
    """A friendly reply for messages the assistant should not process at all."""
    if not data["message"]:
        return EMPTY_REPLY
    if len(data["message"]) > MAX_MESSAGE_CHARS:
        return TOO_LONG_REPLY
    return None


class GuardedRestInput(RestInput):
    """The REST channel (same URL, ``/webhooks/rest/webhook``) with input checks."""

    def blueprint(self, on_new_message: Handler) -> Blueprint:
        webhook = super().blueprint(never_silent(redacting(on_new_message)))

        @webhook.middleware("request")
        async def check_request(request: Request) -> response.HTTPResponse | None:
            if request.method != "POST":
                return None
            try:
                data = parse_body(request.body)
            except BadRequest as problem:
                return response.json({"error": str(problem)}, status=400)
            reply = reply_without_assistant(data)
            if reply:
                return response.json([{"recipient_id": data["sender"], "text": reply}])
            request.parsed_json = data  # what Rasa's handler reads
            return None

        return webhook
