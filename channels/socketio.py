"""Rasa's socket.io channel with a real origin check.

Rasa 3.6 builds its socket.io server with ``cors_allowed_origins=[]``, which turns
python-engineio's origin check off, and browsers apply no CORS to websockets, so
any website could talk to the assistant. This channel only accepts the origins
listed in ``allowed_origins`` (credentials.yml) or ``CLINIC_ALLOWED_ORIGINS``
(comma-separated), and refuses ``*``. Start Rasa with ``--cors`` and the same list
(``scripts/run.sh`` does) so browsers get the CORS headers.

The origin check relies on two python-engineio internals (see ``blueprint``);
``check`` refuses to build the channel on any other python-engineio version.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from typing import Any

from engineio import AsyncServer
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint

from channels.guard import never_silent
from clinic_server import compat

ORIGINS_VARIABLE = "CLINIC_ALLOWED_ORIGINS"
DEFAULT_ORIGINS = ["http://localhost:8000", "http://127.0.0.1:8000"]


def allowed_origins(configured: list[str] | None) -> list[str]:
    """The origins to accept: the environment, then credentials.yml, then the demo page."""
    from_env = os.environ.get(ORIGINS_VARIABLE, "")
    origins = [o.strip() for o in from_env.split(",") if o.strip()] or configured or []
    origins = origins or DEFAULT_ORIGINS
    if "*" in origins:
        raise ValueError(f"'*' is not allowed in {ORIGINS_VARIABLE}: list the sites instead")
    return [origin.rstrip("/") for origin in origins]


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

    allowed_origins: list[str] = DEFAULT_ORIGINS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        check()
        super().__init__(*args, **kwargs)

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> OriginCheckedSocketIOInput:
        credentials = credentials or {}
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
