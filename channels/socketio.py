"""Rasa's socket.io channel with a real origin check.

Rasa 3.6 builds its socket.io server with ``cors_allowed_origins=[]``, which turns
python-engineio's origin check off, and browsers apply no CORS to websockets, so
any website could talk to the assistant. This channel only accepts the origins
allowed by ``channels.origins`` (``CLINIC_ALLOWED_ORIGINS``, credentials.yml, or
the demo page), and refuses ``*``. Start Rasa with ``--cors`` and the same list
(``scripts/run.sh`` does) so browsers get the CORS headers.

The widget sends each message's ``customData`` (with its ``message_id``, which
makes a resend after reconnecting safe: ``clinic_server.idempotency``); Rasa
reads it as the message's metadata only with ``metadata_key: customData``, which
is this channel's default.

The origin check relies on two python-engineio internals (see ``blueprint``);
``check`` refuses to build the channel on any other python-engineio version.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from engineio import AsyncServer
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint

from channels.guard import never_silent
from channels.origins import allowed_origins
from clinic_server import compat

METADATA_KEY = "customData"  # where rasa-webchat puts a message's metadata


def check() -> None:
    """Refuse (``compat.PatchMismatch``) unless engineio still works as ``blueprint`` expects."""
    compat.require(
        __name__,
        "python-engineio",
        "4.15.1",
        {
            "AsyncServer.handle_request reads self.cors_allowed_origins per request": lambda: (
                compat.looks_up(AsyncServer.handle_request, "self", "cors_allowed_origins")
            ),
            "AsyncServer._make_response adds self._cors_headers(environ)": lambda: (
                compat.looks_up(AsyncServer._make_response, "self", "_cors_headers")
                and compat.parameters(AsyncServer._cors_headers) == ["self", "environ"]
            ),
        },
    )


class OriginCheckedSocketIOInput(SocketIOInput):
    """The socket.io channel, accepting connections only from allowed origins."""

    allowed_origins: list[str]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        check()
        super().__init__(*args, **kwargs)

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> OriginCheckedSocketIOInput:
        credentials = {"metadata_key": METADATA_KEY, **(credentials or {})}
        channel = super().from_credentials(
            {k: v for k, v in credentials.items() if k != "allowed_origins"}
        )
        channel.allowed_origins = allowed_origins(credentials.get("allowed_origins"))
        return channel

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        socketio_webhook = super().blueprint(never_silent(on_new_message))
        engine = self.sio.eio
        # engineio reads this on every request; a list switches its origin check on
        # (a disallowed Origin gets 400, for polling and websocket alike).
        engine.cors_allowed_origins = self.allowed_origins
        # The CORS headers themselves come from `rasa run --cors` (sanic-cors, same
        # list) on every route; a second Access-Control-Allow-Origin from engineio
        # would make browsers reject the response.
        engine._cors_headers = lambda environ: []
        return socketio_webhook
