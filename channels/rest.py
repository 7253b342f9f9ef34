"""Rasa's REST channel, hardened: bad requests get clear answers, never a 5xx.

* The body must be a UTF-8 JSON object with a ``sender`` (at most 128 characters)
  and a ``message`` (text; a number is read as text). Otherwise: 400 and a JSON
  ``error`` that says what to send.
* Message checks (empty, too long, control characters) and the promise of a reply
  to every message are shared with the socket.io channel (``channels.guard``).
* Each message may carry a ``message_id`` (``"metadata": {"message_id": "..."}``;
  else nginx's ``X-Request-Id``, the same on each of its retries): a message
  sent again with the same id is answered from the stored turn, not processed
  twice (``clinic_server.idempotency``). Other metadata is not kept.
* A server without a loaded model answers 503 with the apology as its reply, so a
  balancer sends the message to another server (nothing was processed).
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

from channels.guard import SORRY, Handler, never_silent

MAX_SENDER_CHARS = 128
MAX_MESSAGE_ID_CHARS = 128
REQUEST_ID_HEADER = "X-Request-Id"


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
    metadata = data.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        raise BadRequest('"metadata" must be a JSON object.')
    message_id = (metadata or {}).get("message_id")
    if message_id is not None and not (
        isinstance(message_id, str) and 0 < len(message_id.strip()) <= MAX_MESSAGE_ID_CHARS
    ):
        raise BadRequest(
            f'"metadata.message_id" must be a text of at most {MAX_MESSAGE_ID_CHARS} characters.'
        )
    return {**data, "sender": sender, "message": message}


def message_id(data: dict[str, Any], headers: Any) -> str | None:
    """The client's ``metadata.message_id``, else the balancer's request id."""
    client_id = (data.get("metadata") or {}).get("message_id")
    if client_id:
        return client_id
    request_id = headers.get(REQUEST_ID_HEADER)
    if request_id and len(request_id) <= MAX_MESSAGE_ID_CHARS:
        return f"request-{request_id}"
    return None


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
            agent = getattr(request.app.ctx, "agent", None)
            if agent is None or not agent.is_ready():
                apology = [{"recipient_id": data["sender"], "text": SORRY}]
                return response.json(apology, status=503)
            return None

        return webhook

    def get_metadata(self, request: Request) -> dict[str, Any] | None:
        """Only the message's id (for answering a resent message once), if any."""
        data = getattr(request, "parsed_json", None) or {}
        found = message_id(data, request.headers)
        return {"message_id": found} if found else None
