import asyncio

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from channels.guard import SORRY, never_silent


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
