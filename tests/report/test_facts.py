"""The report's names for intents and replies agree with the assistant's own."""

from __future__ import annotations

from pathlib import Path

import yaml

from clinic_nlu.safety import SAFETY_INTENTS
from clinic_report.conversations import SAFETY_KINDS, UNANSWERED_REPLIES
from clinic_report.synthetic import FIXED_REPLIES
from scripts.servers import ROOT


def _rule_replies() -> dict[str, str]:
    """Each intent's reply in data/rules: {intent: action}."""
    replies = {}
    for path in sorted(Path(ROOT / "data" / "rules").glob("*.yml")):
        for rule in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]:
            steps = rule["steps"]
            action = steps[-1].get("action")
            intents = [s["intent"] for s in steps[0].get("or", [steps[0]]) if "intent" in s]
            replies |= dict.fromkeys(intents, action)
    return replies


def test_safety_intents_are_the_safety_steps():
    assert set(SAFETY_KINDS) == set(SAFETY_INTENTS)


def test_the_synthetic_replies_are_the_rules():
    rules = _rule_replies()
    assert all(rules[intent] == action for intent, action in FIXED_REPLIES.items())
    assert {rules["out_of_scope"], rules["nlu_fallback"]} == set(UNANSWERED_REPLIES)
