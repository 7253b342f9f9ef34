"""Rasa's own ``Agent.handle_message`` processes a message once per ``message_id``."""

import asyncio
import uuid
from pathlib import Path

import pytest
from rasa.core.agent import Agent
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.processor import MessageProcessor
from rasa.shared.core.events import UserUttered

from clinic_server import compat, idempotency

MODEL = Path(__file__).resolve().parents[2] / "models" / "clinic-assistant.tar.gz"
RASAS_HANDLE_MESSAGE = idempotency._rasa_handle_message


@pytest.fixture(scope="module")
def agent() -> Agent:
    """The trained assistant, with Rasa's in-memory tracker and lock stores, no action server."""
    if not MODEL.exists():
        pytest.skip(f"no trained model at {MODEL} (make train)")
    return Agent.load(str(MODEL))


@pytest.fixture
def restored(monkeypatch):
    """Rasa's own handle_message before each test (whatever ran before), and after it."""
    monkeypatch.setattr(MessageProcessor, "handle_message", RASAS_HANDLE_MESSAGE)


@pytest.fixture
def installed(restored):
    idempotency.install()
    assert MessageProcessor.handle_message is idempotency.handle_message


@pytest.fixture
def patient() -> str:
    """A conversation of its own for each test (the agent is shared)."""
    return f"patient-{uuid.uuid4().hex}"


async def _send(agent: Agent, patient: str, text: str, message_id: str | None) -> list[dict]:
    channel = CollectingOutputChannel()
    metadata = {"message_id": message_id} if message_id is not None else {}
    returned = await agent.handle_message(UserMessage(text, channel, patient, metadata=metadata))
    assert returned == channel.messages  # what the REST channel answers
    return channel.messages


def send(agent: Agent, patient: str, text: str, message_id: str | None = None) -> list[dict]:
    """The answers the patient receives for one message, through Rasa's ``Agent``."""
    return asyncio.run(_send(agent, patient, text, message_id))


def stored(agent: Agent, patient: str) -> list:
    return list(asyncio.run(agent.tracker_store.retrieve(patient)).events)


def user_messages(agent: Agent, patient: str) -> list[tuple[str, str]]:
    return [(e.text, e.message_id) for e in stored(agent, patient) if isinstance(e, UserUttered)]


def test_a_resent_message_is_answered_from_the_stored_turn(agent, installed, patient):
    first = send(agent, patient, "hello", "m-1")
    events_after_first = stored(agent, patient)
    assert first and "virtual assistant" in first[0]["text"]

    again = send(agent, patient, "hello", "m-1")
    assert again == first
    assert stored(agent, patient) == events_after_first  # nothing ran, nothing was saved
    assert user_messages(agent, patient) == [("hello", "m-1")]

    third = send(agent, patient, "are you a bot?", "m-2")  # a new message is processed
    assert third and third != first
    assert send(agent, patient, "hello", "m-1") == first  # the older turn's answers only
    assert user_messages(agent, patient) == [("hello", "m-1"), ("are you a bot?", "m-2")]


def test_a_resend_arriving_during_the_first_is_answered_once(
    agent, installed, patient, monkeypatch
):
    """The retry waits in Rasa's conversation lock, then finds the first one stored."""
    send(agent, patient, "are you a bot?", "m-0")  # (Rasa saves a new conversation at once)
    saves, rasas_save = [], agent.tracker_store.save

    async def slow_save(tracker):
        saves.append(tracker.sender_id)
        await asyncio.sleep(0.05)  # the resend arrives meanwhile
        await rasas_save(tracker)

    monkeypatch.setattr(agent.tracker_store, "save", slow_save)

    async def both() -> list[list[dict]]:
        return await asyncio.gather(
            _send(agent, patient, "hello", "m-1"), _send(agent, patient, "hello", "m-1")
        )

    first, again = asyncio.run(both())
    assert first and again == first
    assert user_messages(agent, patient) == [("are you a bot?", "m-0"), ("hello", "m-1")]
    assert saves == [patient]  # the turn, once


def test_messages_without_a_usable_id_are_processed_each_time(agent, installed, patient):
    first = send(agent, patient, "hello")
    assert send(agent, patient, "hello") == first
    assert send(agent, patient, "hello", "x" * 129) == first  # too long to be an id
    texts = [text for text, _ in user_messages(agent, patient)]
    assert texts == ["hello"] * 3
    assert len({message_id for _, message_id in user_messages(agent, patient)}) == 3


def test_no_answer_is_sent_for_a_turn_that_was_not_saved(agent, installed, patient, monkeypatch):
    async def failing_save(tracker):
        raise ConnectionError("tracker store unreachable")

    send(agent, patient, "are you a bot?", "m-0")  # the turn below fails saving, at its end
    channel = CollectingOutputChannel()
    message = UserMessage("hello", channel, patient, metadata={"message_id": "m-1"})
    with monkeypatch.context() as broken:
        broken.setattr(agent.tracker_store, "save", failing_save)
        with pytest.raises(ConnectionError):
            asyncio.run(agent.handle_message(message))
    assert channel.messages == []  # the patient read nothing that was lost

    answers = send(agent, patient, "hello", "m-1")  # the retry is processed, not replayed
    assert answers and "virtual assistant" in answers[0]["text"]
    assert user_messages(agent, patient) == [("are you a bot?", "m-0"), ("hello", "m-1")]


def test_without_the_patch_rasa_processes_a_resend_twice(agent, restored, patient):
    """The tests above would notice if Rasa stopped calling ``MessageProcessor.handle_message``."""
    send(agent, patient, "hello", "m-1")
    send(agent, patient, "hello", "m-1")
    assert [text for text, _ in user_messages(agent, patient)] == ["hello", "hello"]


@pytest.mark.parametrize(
    ("metadata", "message_id"),
    [
        ({"message_id": "m-1"}, "m-1"),
        ({"message_id": "x" * 128}, "x" * 128),
        ({"message_id": "x" * 129}, None),
        ({"message_id": "  "}, None),
        ({"message_id": 7}, None),
        ({}, None),
        (None, None),
        ("m-1", None),
    ],
)
def test_only_a_short_non_blank_string_names_a_message(metadata, message_id):
    assert idempotency.client_message_id(metadata) == message_id


def test_another_rasa_version_is_refused(restored, monkeypatch):
    monkeypatch.setattr(compat, "installed_version", lambda distribution: "3.7.0")
    with pytest.raises(compat.PatchMismatch, match="written for rasa 3.6.21; found rasa 3.7.0"):
        idempotency.install()
    assert MessageProcessor.handle_message is RASAS_HANDLE_MESSAGE


def test_a_processor_saving_differently_is_refused(restored, monkeypatch):
    async def handle_message(self, message):
        tracker = await self.log_message(message, should_save_tracker=True)
        await self._run_prediction_loop(message.output_channel, tracker)

    monkeypatch.setattr(idempotency, "_rasa_handle_message", handle_message)
    with pytest.raises(compat.PatchMismatch, match="saves the turn once, with save_tracker"):
        idempotency.install()
    assert MessageProcessor.handle_message is RASAS_HANDLE_MESSAGE


def test_a_processor_no_longer_sending_with_send_response_is_refused(restored, monkeypatch):
    async def _send_bot_messages(events, tracker, output_channel):
        for event in events:
            await output_channel.send_text_message(tracker.sender_id, event.text)

    monkeypatch.setattr(MessageProcessor, "_send_bot_messages", staticmethod(_send_bot_messages))
    with pytest.raises(compat.PatchMismatch, match=r"send_response\(recipient, message\)"):
        idempotency.install()
    assert MessageProcessor.handle_message is RASAS_HANDLE_MESSAGE
