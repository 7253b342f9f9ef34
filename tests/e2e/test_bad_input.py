"""Whatever reaches the REST channel: never a 5xx, a clear answer, nothing lost."""

import json

import pytest
import requests

from channels.guard import EMPTY_REPLY, TOO_LONG_REPLY
from tests.e2e.conftest import Patient

REQUESTS_NO_CLIENT_SENDS = {
    "invalid JSON": b"{sender: nope",
    "a JSON list": json.dumps([{"sender": "a", "message": "hi"}]).encode(),
    "no sender": json.dumps({"message": "hi"}).encode(),
    "no message": json.dumps({"sender": "bad-input"}).encode(),
    "non-UTF-8 bytes": b'{"sender": "x", "message": "\xff\xfe"}',
    "a 10,000-character sender": json.dumps({"sender": "s" * 10_000, "message": "hi"}).encode(),
}


@pytest.mark.parametrize("raw", REQUESTS_NO_CLIENT_SENDS.values(), ids=REQUESTS_NO_CLIENT_SENDS)
def test_malformed_requests_get_400_with_a_reason(assistant_url: str, raw: bytes):
    response = requests.post(f"{assistant_url}/webhooks/rest/webhook", data=raw, timeout=30)
    assert response.status_code == 400
    assert response.json()["error"]


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("", EMPTY_REPLY),
        ("   \n\t ", EMPTY_REPLY),
        ("x" * 1_000_000, TOO_LONG_REPLY),
        ("how long does a \x00nerve block\x1b last?", "up to weeks"),
        ("/restart", "start over"),
    ],
    ids=["empty", "whitespace", "1 MB", "control characters", "restart"],
)
def test_odd_messages_get_a_friendly_answer(patient: Patient, message: str, expected: str):
    assert expected in patient.ask(message)


@pytest.mark.parametrize(
    "message",
    [
        42,
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "{{7*7}} {procedure} ${jndi:x}",
        '/ask_duration{"procedure":"<script>"}',
        '/ask_relief_duration{"procedure":"<script>"}',
    ],
)
def test_nothing_breaks_the_conversation(patient: Patient, message):
    response = requests.post(
        patient.url, json={"sender": patient.sender, "message": message}, timeout=30
    )
    assert response.status_code == 200
    assert any(m.get("text", "").strip() for m in response.json())
    assert "<script>" not in response.text
    assert "up to weeks" in patient.ask("how long does a nerve block last?")
