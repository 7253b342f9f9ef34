"""An NLU component that sends messages made only of unknown words to the fallback.

The intent classifier always picks its closest intent, even for keyboard mashing
such as "asdkjh qwe". This component remembers every word of the training data;
a message with no known word and no recognised procedure gets ``nlu_fallback``,
so the patient is asked to rephrase instead of being answered at random.
"""

from __future__ import annotations

import json
import re
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from clinic_nlu.intents import override_intent

VOCABULARY_FILE = "vocabulary.json"
# Entities from our spaCy entity ruler come from a fixed word list, so they count
# as known words; the classifier's own entity guesses do not.
DICTIONARY_EXTRACTOR = "SpacyEntityExtractor"
_WORD = re.compile(r"[a-z]+")


def words_of(text: str) -> list[str]:
    """Lowercased alphabetic words of ``text``."""
    return _WORD.findall(text.lower())


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class UnknownWordsFallback(GraphComponent):
    """Predicts ``nlu_fallback`` for messages whose words were never seen in training."""

    def __init__(
        self, model_storage: ModelStorage, resource: Resource, vocabulary: set[str]
    ) -> None:
        self._model_storage = model_storage
        self._resource = resource
        self._vocabulary = vocabulary

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> UnknownWordsFallback:
        return cls(model_storage, resource, set())

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> UnknownWordsFallback:
        with model_storage.read_from(resource) as directory:
            words = json.loads((directory / VOCABULARY_FILE).read_text(encoding="utf-8"))
        return cls(model_storage, resource, set(words))

    def train(self, training_data: TrainingData) -> Resource:
        """Remember every word of the training examples."""
        self._vocabulary = {
            word
            for example in training_data.training_examples
            for word in words_of(example.get(TEXT) or "")
        }
        with self._model_storage.write_to(self._resource) as directory:
            (directory / VOCABULARY_FILE).write_text(
                json.dumps(sorted(self._vocabulary)), encoding="utf-8"
            )
        return self._resource

    def is_unknown(self, message: Message) -> bool:
        """Whether a message has words, none of them known, and names no procedure."""
        words = words_of(message.get(TEXT) or "")
        entities = message.get(ENTITIES) or []
        if not words or any(e.get("extractor") == DICTIONARY_EXTRACTOR for e in entities):
            return False
        return not any(word in self._vocabulary for word in words)

    def process(self, messages: list[Message]) -> list[Message]:
        """Send messages made only of unknown words to the fallback."""
        for message in messages:
            if self.is_unknown(message):
                override_intent(message, DEFAULT_NLU_FALLBACK_INTENT_NAME, "UnknownWordsFallback")
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
