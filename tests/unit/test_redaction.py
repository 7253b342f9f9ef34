"""What reaches disk: personal data masked, every other word kept."""

import re
from pathlib import Path

import pytest
import yaml
from rasa.shared.core.events import ActionExecuted, UserUttered

from clinic_privacy.events import redacted_event
from clinic_privacy.redaction import MASK, redact

PROBE_FILES = sorted((Path(__file__).resolve().parents[1] / "privacy").glob("probes*.yml"))
PROBES = [probe for path in PROBE_FILES for probe in yaml.safe_load(path.read_text())["probes"]]


def appears(token: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(token.lower())}(?!\w)", text.lower()) is not None


@pytest.mark.parametrize("probe", PROBES, ids=[p["say"][:40] for p in PROBES])
def test_no_personal_token_survives(probe):
    redacted = redact(probe["say"])
    assert not [token for token in probe["pii"] if appears(token, redacted)], redacted


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hi I'm Maria Lopez, 713-555-0182, born 4/12/1961, how long does a nerve block last?",
            "Hi I'm ***, ***, born ***, how long does a nerve block last?",
        ),
        ("my name is grace and i had 2 nerve blocks", "my name is *** and i had 2 nerve blocks"),
        ("my husband Mark has back pain", "my husband *** has back pain"),
        ("ssn 123 45 6789", "ssn ***"),
        ("seven one three five five five zero one four two is my cell", "*** is my cell"),
        ("I live at 1234 oak meadow ln, apt 12", "I live at ***, ***"),
    ],
)
def test_personal_data_is_masked(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I am Planning to take my own life",
        "I'm having back pain for 3 years",
        "does a nerve block last 15-30 minutes or more",
        "my husband will drive me home, is that ok",
        "how long does relief from a rhizotomy last?",
        "call me back please",
        "cuanto dura el alivio del bloqueo nervioso",
    ],
)
def test_ordinary_words_are_kept(text):
    assert redact(text) == text


def test_a_stored_user_event_is_redacted_everywhere():
    text = "I'm Maria Lopez, how long does a nerve block last?"
    entities = [{"entity": "procedure", "value": "nerve block", "start": 34, "end": 45}]
    parse_data = {"text": text, "intent": {"name": "ask_relief_duration"}, "entities": entities}
    event = UserUttered(text, parse_data=parse_data, metadata={"note": "from Maria Lopez"})
    stored = redacted_event(event).as_dict()
    assert "maria" not in str(stored).lower() and "lopez" not in str(stored).lower()
    assert stored["text"] == f"I'm {MASK}, how long does a nerve block last?"
    assert stored["parse_data"]["intent"]["name"] == "ask_relief_duration"
    assert stored["parse_data"]["entities"][0]["value"] == "nerve block"


def test_other_events_are_stored_as_they_are():
    event = ActionExecuted("utter_greet")
    assert redacted_event(event) is event
