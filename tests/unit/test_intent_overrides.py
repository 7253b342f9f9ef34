"""Each override of the classifier's intent is logged: intents and step, never the text."""

import logging

from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from clinic_nlu.intents import override_intent
from clinic_nlu.safety import load_safety_rules
from clinic_nlu.safety_net import SafetyNet


def test_an_override_is_logged_without_the_text(caplog):
    message = Message({TEXT: "Maria Lopez asks something"})
    message.set(INTENT, {"name": "ask_cost", "confidence": 0.4})
    with caplog.at_level(logging.DEBUG, logger="clinic_nlu.intents"):
        override_intent(message, "nlu_fallback", "UnknownWordsFallback")
    assert "Intent override by UnknownWordsFallback: ask_cost -> nlu_fallback" in caplog.text
    assert "Maria" not in caplog.text


def test_the_safety_override_is_logged_at_info_without_the_text(caplog):
    message = Message({TEXT: "Maria here, my dad just collapsed and won't wake up"})
    message.set(INTENT, {"name": "greet", "confidence": 0.7})
    with caplog.at_level(logging.INFO, logger="clinic_nlu.safety_net"):
        SafetyNet(load_safety_rules()).process([message])
    assert "greet -> report_emergency (collapsed_relative)" in caplog.text
    assert "Maria" not in caplog.text and "collapsed and" not in caplog.text
