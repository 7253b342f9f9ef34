import asyncio

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from channels.guard import (
    EMPTY_REPLY,
    MAX_MESSAGE_CHARS,
    SORRY,
    TOO_LONG_REPLY,
    never_silent,
)


def run(handler, text="hi"):
    collector = CollectingOutputChannel()
    asyncio.run(never_silent(handler)(UserMessage(text, collector, "patient")))
    return [m.get("text") for m in collector.messages]


def test_replies_pass_through_untouched():
    async def answer(message):
        await message.output_channel.send_response(message.sender_id, {"text": "hello"})

    assert run(answer) == ["hello"]


def test_a_silent_turn_gets_an_apology():
    async def silent(message):
        return None

    assert run(silent) == [SORRY]


def test_a_failing_turn_gets_an_apology():
    async def broken(message):
        raise ConnectionError("action server down")

    assert run(broken) == [SORRY]


async def echo(message):
    await message.output_channel.send_response(message.sender_id, {"text": message.text})


def test_control_characters_are_removed_before_the_assistant_sees_the_text():
    assert run(echo, "hi\x00\x1b there\x07 ") == ["hi   there"]


def test_empty_and_overlong_messages_get_a_friendly_reply_without_the_assistant():
    assert run(echo, " \n\t ") == [EMPTY_REPLY]
    assert run(echo, "x" * (MAX_MESSAGE_CHARS + 1)) == [TOO_LONG_REPLY]


def test_a_turn_that_hangs_gets_an_apology(monkeypatch):
    monkeypatch.setattr("channels.guard.REPLY_TIMEOUT_S", 0.05)

    async def hangs(message):
        await asyncio.sleep(5)

    assert run(hangs) == [SORRY]
