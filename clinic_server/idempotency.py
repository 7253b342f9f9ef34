"""Each patient message is processed once, however often it arrives.

A message may arrive twice: the balancer retries a request whose Rasa server
died, a client resends after a lost connection. The client (or the balancer)
names each message with a ``message_id`` in its metadata (REST ``metadata``,
socket.io ``customData``, nginx's request id); it becomes the stored user
event's ``message_id``. Rasa handles a message inside the conversation's lock
and saves the whole turn in one write at the end, so under that lock a message
is either stored with its answers or not at all:

* stored already: the answers stored after it are sent again, nothing runs;
* not stored: Rasa processes it as usual.

The answers of a turn are held back until Rasa has saved the turn, so a patient
never reads an answer that was not kept (the turn failing instead gets the
channel's apology, ``channels.guard``).

``handle_message`` replaces ``MessageProcessor.handle_message``; ``check``
refuses another Rasa version or a differently shaped processor.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.core.agent import Agent
from rasa.core.channels.channel import CollectingOutputChannel, OutputChannel, UserMessage
from rasa.core.processor import MessageProcessor
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from clinic_server import compat

logger = logging.getLogger(__name__)

MESSAGE_ID = "message_id"
MAX_MESSAGE_ID_CHARS = 128
_rasa_handle_message = MessageProcessor.handle_message


def client_message_id(metadata: Any) -> str | None:
    """The sender's name for the message (``metadata["message_id"]``), if usable."""
    if not isinstance(metadata, dict):
        return None
    value = metadata.get(MESSAGE_ID)
    if isinstance(value, str) and value.strip() and len(value) <= MAX_MESSAGE_ID_CHARS:
        return value
    return None


def stored_answers(tracker: DialogueStateTracker, message_id: str) -> list[dict] | None:
    """The bot messages stored after the user message ``message_id``; None if not stored."""
    events = list(tracker.events)
    for index, event in enumerate(events):
        if isinstance(event, UserUttered) and event.message_id == message_id:
            answers = []
            for later in events[index + 1 :]:
                if isinstance(later, UserUttered):
                    break
                if isinstance(later, BotUttered):
                    answers.append(later.message())
            return answers
    return None


class HeldOutputChannel(OutputChannel):
    """Keeps a turn's answers until ``release`` passes them on to the real channel."""

    def __init__(self, channel: OutputChannel) -> None:
        self.channel = channel
        self.held: list[tuple[str, dict[str, Any]]] = []

    def name(self) -> str:  # type: ignore[override]
        """The real channel's name, so channel-specific responses still apply."""
        return self.channel.name()

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        self.held.append((recipient_id, message))

    async def release(self) -> None:
        """Send the held answers, in order."""
        for recipient_id, message in self.held:
            await self.channel.send_response(recipient_id, message)
        self.held.clear()

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self.channel, attribute)


async def handle_message(self: MessageProcessor, message: UserMessage) -> list[dict] | None:
    """``MessageProcessor.handle_message``, once per ``message_id``, answers after saving."""
    channel = message.output_channel
    message_id = client_message_id(message.metadata)
    if message_id is not None:
        message.message_id = message_id
        tracker = await self.tracker_store.retrieve(message.sender_id)
        answers = stored_answers(tracker, message_id) if tracker else None
        if answers is not None:
            logger.info("Message already answered; its stored answers are sent again.")
            for answer in answers:
                await channel.send_response(message.sender_id, answer)
            return channel.messages if isinstance(channel, CollectingOutputChannel) else None
    held = HeldOutputChannel(channel)
    message.output_channel = held
    try:
        await _rasa_handle_message(self, message)
    finally:
        message.output_channel = channel
    await held.release()
    return channel.messages if isinstance(channel, CollectingOutputChannel) else None


def check() -> None:
    """Refuse (``compat.PatchMismatch``) unless Rasa handles messages as we replace it."""
    compat.require(
        __name__,
        "rasa",
        "3.6.21",
        {
            "Agent.handle_message calls self.processor.handle_message in its lock": lambda: (
                compat.looks_up(Agent.handle_message, "self", "lock_store")
                and compat.looks_up(Agent.handle_message, "self", "processor")
            ),
            "MessageProcessor.handle_message saves the turn once, with save_tracker": lambda: (
                compat.looks_up(_rasa_handle_message, "self", "save_tracker")
                and compat.parameters(_rasa_handle_message) == ["self", "message"]
            ),
            "MessageProcessor.log_message stores message.message_id": lambda: compat.looks_up(
                MessageProcessor._handle_message_with_tracker, "message", "message_id"
            ),
            "MessageProcessor sends answers with send_response(recipient, message)": lambda: (
                compat.looks_up(
                    MessageProcessor._send_bot_messages, "output_channel", "send_response"
                )
            ),
        },
    )


def install() -> None:
    """Make ``MessageProcessor.handle_message`` (what ``Agent`` calls) ours."""
    check()
    MessageProcessor.handle_message = handle_message  # type: ignore[method-assign]
