"""The socket.io channel, served by Rasa's channel registration, uses our CORS override."""

import asyncio
import uuid

import aiohttp
import engineio
import pytest
from rasa.core.channels.channel import register
from sanic import Sanic

from channels.socketio import OriginCheckedSocketIOInput
from clinic_server import compat

ALLOWED = "http://clinic.example"
EVIL = "http://evil.example"


@pytest.fixture(autouse=True)
def several_sanic_apps(monkeypatch):
    """Sanic's test mode: each test starts its own app in this process."""
    monkeypatch.setattr(Sanic, "test_mode", True)


def serve(channel: OriginCheckedSocketIOInput) -> Sanic:
    """A Sanic app with ``channel`` registered as ``rasa run`` registers it."""
    app = Sanic(f"test_{uuid.uuid4().hex}")
    register([channel], app, route="/webhooks/")
    return app


async def _handshakes(app: Sanic, origins: list[str]) -> list[tuple[int, dict[str, str]]]:
    server = await app.create_server(
        host="127.0.0.1", port=0, return_asyncio_server=True, access_log=False
    )
    await server.startup()
    await server.before_start()
    port = server.server.sockets[0].getsockname()[1]
    url = f"http://127.0.0.1:{port}/socket.io/?EIO=4&transport=polling"
    try:
        async with aiohttp.ClientSession() as session:
            replies = []
            for origin in origins:
                async with session.get(url, headers={"Origin": origin}) as response:
                    replies.append((response.status, dict(response.headers)))
            return replies
    finally:
        await server.before_stop()
        await server.close()


def handshakes(app: Sanic, *origins: str) -> list[tuple[int, dict[str, str]]]:
    """Status and headers of a socket.io handshake from each of ``origins``, over HTTP."""
    return asyncio.run(_handshakes(app, list(origins)))


@pytest.fixture
def channel() -> OriginCheckedSocketIOInput:
    return OriginCheckedSocketIOInput.from_credentials({"allowed_origins": [ALLOWED]})


def test_the_handshake_checks_the_origin_and_leaves_cors_headers_to_sanic_cors(channel):
    (allowed, allowed_headers), (refused, _) = handshakes(serve(channel), ALLOWED, EVIL)
    assert (allowed, refused) == (200, 400)
    assert "Access-Control-Allow-Origin" not in allowed_headers  # our _cors_headers: none


def test_without_our_override_engineio_would_add_its_own_header(channel):
    """The test above would notice if engineio stopped calling ``_cors_headers``."""
    app = serve(channel)
    del channel.sio.eio._cors_headers
    [(_, headers)] = handshakes(app, ALLOWED)
    assert headers["Access-Control-Allow-Origin"] == ALLOWED


def test_another_engineio_version_is_refused(monkeypatch):
    monkeypatch.setattr(compat, "installed_version", lambda distribution: "4.16.0")
    match = "written for python-engineio 4.15.1; found python-engineio 4.16.0"
    with pytest.raises(compat.PatchMismatch, match=match):
        OriginCheckedSocketIOInput.from_credentials({})


def test_an_engineio_without_cors_headers_is_refused(monkeypatch):
    monkeypatch.delattr(engineio.base_server.BaseServer, "_cors_headers")
    with pytest.raises(compat.PatchMismatch, match="_cors_headers"):
        OriginCheckedSocketIOInput.from_credentials({})
