"""Setting a message's intent from a rule, above whatever the classifier predicted.

Three steps of the NLU pipeline (config.yml) may replace the classifier's intent,
in this order, each later one having the last word:

1. ``UnknownWordsFallback``: a message with no word the training data knows (and
   no procedure name) goes to ``nlu_fallback``: the classifier always picks its
   closest intent, even for keyboard mashing.
2. Rasa's ``FallbackClassifier``: a low or ambiguous confidence goes to
   ``nlu_fallback``, so the assistant asks to rephrase instead of guessing.
3. ``SafetyNet``: an emergency or a crisis wins over everything (and a safety
   intent the classifier raised about the past or a worry is withdrawn), because
   a missed emergency costs more than any wrong answer.

Our steps (1 and 3) call ``override_intent``, which logs each change at debug level
with the intents and the step, never the message text.
"""

from __future__ import annotations

import logging

from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

logger = logging.getLogger(__name__)


def override_intent(message: Message, intent: str, step: str) -> None:
    """Make ``intent`` the prediction with full confidence, first in the ranking."""
    before = (message.get(INTENT) or {}).get("name")
    override = {"name": intent, "confidence": 1.0}
    ranking = [
        entry for entry in message.get(INTENT_RANKING_KEY) or [] if entry.get("name") != intent
    ]
    message.set(INTENT, override, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [override, *ranking], add_to_output=True)
    if before != intent:
        logger.debug("Intent override by %s: %s -> %s", step, before, intent)
