"""A patient on the socket.io channel, as the widget talks to it, for tests."""

from __future__ import annotations

import asyncio

import socketio

from scripts.servers import Servers

REPLY_QUIET_S = 0.5  # a turn's replies have all come when none came for this long
FIRST_REPLY_TIMEOUT_S = 60


async def socket_conversation(servers: Servers, session: str, texts: list[str]) -> list[str]:
    """Send each text in one socket.io session; each turn's replies, joined by lines."""
    client = socketio.AsyncClient()
    replies: asyncio.Queue[dict] = asyncio.Queue()

    @client.on("bot_uttered")
    async def on_reply(data: dict) -> None:
        await replies.put(data)

    # Polling only: the pinned engineio client needs a newer aiohttp for websockets.
    await client.connect(
        servers.rasa_url, headers={"Origin": servers.web_url}, transports=["polling"]
    )
    await client.emit("session_request", {"session_id": session})
    answers = []
    for text in texts:
        await client.emit("user_uttered", {"message": text, "session_id": session})
        first = await asyncio.wait_for(replies.get(), timeout=FIRST_REPLY_TIMEOUT_S)
        said = [first.get("text", "")]
        try:
            while True:
                reply = await asyncio.wait_for(replies.get(), timeout=REPLY_QUIET_S)
                said.append(reply.get("text", ""))
        except asyncio.TimeoutError:
            pass
        answers.append("\n".join(said))
    await client.disconnect()
    return answers
