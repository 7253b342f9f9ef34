"""An NLU component that makes sure emergencies and self-harm are never missed.

It runs last, on the patient's own words (the tracker store redacts only what it
stores). Two signals decide:

1. the patterns of ``clinic_nlu.safety`` (English and Spanish, misspellings,
   slang), which win over the classifier;
2. the trained intent classifier, whose safety intents stand unless the text
   tells of the past, of someone else, or of a worry (the patterns' own checks);
   then its best other intent is taken. When the classifier is unsure (the
   fallback) and a safety intent is among its two best guesses with at least
   ``UNSURE_SAFETY_MINIMUM``, the safety intent is taken: "my pain is 10/10 and
   nothing helps, I can't take this anymore" gets the crisis reply, not "please
   rephrase".

On a safety intent it adds a ``language`` entity (``en``, ``es`` or ``mixed``),
so the emergency reply comes in the patient's language. The parse result keeps
both signals under ``safety_check``; each override is logged at info level with
the intents and the category, never the text.
"""

from __future__ import annotations

import logging

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from clinic_nlu.components import UntrainedComponent
from clinic_nlu.intents import override_intent
from clinic_nlu.language import ENGLISH, message_language, set_language
from clinic_nlu.safety import (
    SAFETY_INTENTS,
    SafetyRules,
    find_danger,
    load_safety_rules,
    tells_of_no_danger_now,
)

logger = logging.getLogger(__name__)
# In the parse result: the classifier's intent and the category the patterns found.
SAFETY_CHECK = "safety_check"
EXTRACTOR = "SafetyNet"
UNSURE_SAFETY_MINIMUM = 0.3


def unsure_safety_intent(message: Message) -> str | None:
    """A safety intent among the two best guesses of a classifier that was unsure."""
    if (message.get(INTENT) or {}).get("name") != DEFAULT_NLU_FALLBACK_INTENT_NAME:
        return None
    ranking = [
        entry
        for entry in message.get(INTENT_RANKING_KEY) or []
        if entry.get("name") != DEFAULT_NLU_FALLBACK_INTENT_NAME
    ]
    return next(
        (
            entry["name"]
            for entry in ranking[:2]
            if entry["name"] in SAFETY_INTENTS
            and entry.get("confidence", 0.0) >= UNSURE_SAFETY_MINIMUM
        ),
        None,
    )


def withdraw_alarm(message: Message, alarm: str) -> None:
    """Give ``message`` the classifier's best intent that is not a safety intent."""
    fallback = next(
        (
            entry["name"]
            for entry in message.get(INTENT_RANKING_KEY) or []
            if entry.get("name") not in SAFETY_INTENTS
        ),
        DEFAULT_NLU_FALLBACK_INTENT_NAME,
    )
    logger.info("Safety check overrides the classifier: %s -> %s", alarm, fallback)
    override_intent(message, fallback, EXTRACTOR)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class SafetyNet(UntrainedComponent):
    """Sets the safety intent when a message tells of an emergency or a crisis."""

    def __init__(self, rules: SafetyRules | None = None) -> None:
        self._rules = rules or load_safety_rules()

    def decide(self, message: Message) -> None:
        """Set the safety intent (and language) on ``message`` when its text calls for one."""
        text = message.get(TEXT) or ""
        predicted = (message.get(INTENT) or {}).get("name")
        danger = find_danger(text, self._rules)
        message.set(
            SAFETY_CHECK,
            {"classifier": predicted, "patterns": danger.category if danger else None},
            add_to_output=True,
        )
        if danger is not None:
            if predicted != danger.intent:
                logger.info(
                    "Safety patterns override the classifier: %s -> %s (%s)",
                    predicted,
                    danger.intent,
                    danger.category,
                )
                override_intent(message, danger.intent, EXTRACTOR)
            set_language(message, danger.language, EXTRACTOR)
            return
        alarm = predicted if predicted in SAFETY_INTENTS else unsure_safety_intent(message)
        if alarm is None:
            return
        if tells_of_no_danger_now(text, self._rules):
            if alarm == predicted:
                withdraw_alarm(message, predicted)
            return  # an unsure guess stays the fallback
        if alarm != predicted:
            logger.info("Safety check takes the classifier's unsure guess: %s", alarm)
            override_intent(message, alarm, EXTRACTOR)
        set_language(message, message_language(text) or ENGLISH, EXTRACTOR)

    def process(self, messages: list[Message]) -> list[Message]:
        """Check every message."""
        for message in messages:
            self.decide(message)
        return messages
