import json

import pytest

from channels.rest import (
    EMPTY_REPLY,
    MAX_MESSAGE_CHARS,
    TOO_LONG_REPLY,
    BadRequest,
    parse_body,
    reply_without_assistant,
)


def body(value) -> bytes:
    return json.dumps(value).encode()


@pytest.mark.parametrize(
    "raw",
    [
        b"{not json",
        b"\xff\xfe\x00bad",
        body([{"sender": "a", "message": "hi"}]),
        body({"message": "hi"}),
        body({"sender": "", "message": "hi"}),
        body({"sender": "a" * 10_000, "message": "hi"}),
        body({"sender": "a"}),
        body({"sender": "a", "message": ["hi"]}),
        body({"sender": "a", "message": None}),
    ],
)
def test_requests_no_chat_client_sends_are_refused_with_a_reason(raw):
    with pytest.raises(BadRequest):
        parse_body(raw)


def test_numbers_are_read_as_text_and_control_characters_removed():
    data = parse_body(body({"sender": 7, "message": 42}))
    assert data["sender"] == "7" and data["message"] == "42"
    assert parse_body(body({"sender": "a", "message": "hi\x00\x1b there\x07"}))["message"] == (
        "hi   there"
    )


def test_empty_and_overlong_messages_get_a_friendly_reply():
    assert reply_without_assistant({"message": ""}) == EMPTY_REPLY
    assert reply_without_assistant({"message": "x" * (MAX_MESSAGE_CHARS + 1)}) == TOO_LONG_REPLY
    assert reply_without_assistant({"message": "how long does it last?"}) is None
