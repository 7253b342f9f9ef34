"""An NLU component that makes sure emergencies and self-harm are never missed.

It runs after the intent classifier. When a message contains wording from
``safety_patterns.yml`` it sets the matching safety intent with full
confidence, so the rules answer with 911 / 988 before anything else.
"""

from __future__ import annotations

import re
from pathlib import Path
from re import Pattern
from typing import Any

import yaml
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from clinic_nlu.intents import override_intent

PATTERNS_FILE = Path(__file__).with_name("safety_patterns.yml")
SafetyRules = list[tuple[str, list[Pattern[str]]]]


def load_safety_rules(path: Path = PATTERNS_FILE) -> SafetyRules:
    """Compiled patterns per safety intent, in the file's order (self-harm first)."""
    raw: dict[str, list[str]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        (intent, [re.compile(pattern, re.IGNORECASE) for pattern in patterns])
        for intent, patterns in raw.items()
    ]


def safety_intent(text: str, rules: SafetyRules) -> str | None:
    """The safety intent whose wording appears in ``text``, if any."""
    normalized = text.replace("\u2019", "'")
    for intent, patterns in rules:
        if any(pattern.search(normalized) for pattern in patterns):
            return intent
    return None


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class SafetyNet(GraphComponent):
    """Overrides the predicted intent when a message describes an emergency."""

    def __init__(self, rules: SafetyRules) -> None:
        self._rules = rules

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SafetyNet:
        return cls(load_safety_rules())

    def process(self, messages: list[Message]) -> list[Message]:
        """Set the safety intent on every message whose text calls for one."""
        for message in messages:
            intent = safety_intent(message.get(TEXT) or "", self._rules)
            if intent is not None:
                override_intent(message, intent)
        return messages
