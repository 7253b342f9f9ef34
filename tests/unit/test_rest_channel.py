import json

import pytest

from channels.rest import BadRequest, parse_body


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


def test_numbers_are_read_as_text():
    data = parse_body(body({"sender": 7, "message": 42}))
    assert data["sender"] == "7" and data["message"] == "42"
