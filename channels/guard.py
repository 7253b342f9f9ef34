"""Every patient message gets a reply: checked first, and whatever fails behind it.

For the REST and socket.io channels alike: control characters are removed; an empty
message, or one longer than ``MAX_MESSAGE_CHARS``, gets a friendly reply without
reaching the assistant; a turn that fails, says nothing or takes longer than
``REPLY_TIMEOUT_S`` gets an apology.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import OutputChannel, UserMessage

logger = logging.getLogger(__name__)

SORRY = (
    "I'm sorry, I couldn't answer that just now. Please try again in a moment. "
    "In an emergency, call 911."
)
# A turn taking longer than this (a slow or hung action server) gets the apology.
REPLY_TIMEOUT_S = float(os.environ.get("REPLY_TIMEOUT_S", "15"))
MAX_MESSAGE_CHARS = 2000
EMPTY_REPLY = "It looks like your message was empty. What would you like to know?"
TOO_LONG_REPLY = (
    f"That message is longer than I can read ({MAX_MESSAGE_CHARS:,} characters at most). "
    "Could you ask your question in a shorter message?"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    """``text`` without control characters or surrounding white space."""
    return _CONTROL.sub(" ", text).strip()


def reply_without_assistant(text: str) -> str | None:
    """A friendly reply for messages the assistant should not process at all."""
    if not text:
        return EMPTY_REPLY
    if len(text) > MAX_MESSAGE_CHARS:
        return TOO_LONG_REPLY
    return None


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
    """Wrap Rasa's message handler: check the text; a turn that fails or says nothing
    gets ``SORRY``."""

    async def handle(message: UserMessage) -> None:
        message.text = clean_text(message.text or "")
        early_reply = reply_without_assistant(message.text)
        if early_reply:
            await message.output_channel.send_text_message(message.sender_id, early_reply)
            return
        counting = CountingOutputChannel(message.output_channel)
        message.output_channel = counting
        try:
            await asyncio.wait_for(on_new_message(message), timeout=REPLY_TIMEOUT_S)
        except asyncio.TimeoutError:
            logger.error("No reply within %s s; the patient gets an apology.", REPLY_TIMEOUT_S)
        except Exception:
            logger.exception("Handling a message failed; the patient gets an apology.")
        if counting.sent == 0:
            await counting.channel.send_text_message(message.sender_id, SORRY)

    return handle
