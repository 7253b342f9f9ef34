"""Make sure every patient message gets a reply, whatever fails behind it."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import OutputChannel, UserMessage

logger = logging.getLogger(__name__)

SORRY = (
    "I'm sorry, I couldn't answer that just now. Please try again in a moment. "
    "In an emergency, call 911."
)
Handler = Callable[[UserMessage], Awaitable[Any]]


class CountingOutputChannel(OutputChannel):
    """Passes every reply on to the real channel and counts them."""

    def __init__(self, channel: OutputChannel) -> None:
        self.channel = channel
        self.sent = 0

    def name(self) -> str:  # type: ignore[override]
        """The real channel's name, so channel-specific responses still apply."""
        return self.channel.name()

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        self.sent += 1
        await self.channel.send_response(recipient_id, message)

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self.channel, attribute)


def never_silent(on_new_message: Handler) -> Handler:
    """Wrap Rasa's message handler: a turn that fails or says nothing gets ``SORRY``."""

    async def handle(message: UserMessage) -> None:
        counting = CountingOutputChannel(message.output_channel)
        message.output_channel = counting
        try:
            await on_new_message(message)
        except Exception:
            logger.exception("Handling a message failed; the patient gets an apology.")
        if counting.sent == 0:
            await counting.channel.send_text_message(message.sender_id, SORRY)

    return handle
