"""Which language a patient writes in: English, Spanish, or a mix of both.

A word counts for a language when it is among that language's 3,000 most frequent
words (wordfreq) and at least ten times rarer in the other: "the", "how", "does"
for English; "el", "cuanto", "dura" for Spanish, as does an opening "¿" or "¡".
Procedure names, numbers and first names or surnames ("Maria Lopez") count for
neither, so "cuánto dura el nerve block" is Spanish. The detector adds a
``language`` entity (``en`` or ``es``: the language of the last sentence that shows
one, usually the question) to every message that has such words; the ``language``
slot keeps the last one, so "ok" or a button keeps the conversation's language.
Measured in ``make eval``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import wordfreq
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from clinic_nlu.components import UntrainedComponent
from clinic_nlu.language_codes import ENGLISH, LANGUAGE_ENTITY, MIXED, SPANISH
from clinic_privacy.vocabulary import load_vocabulary

MARKER_WORDS = 3_000
MARKER_MARGIN = 1.0  # on wordfreq's Zipf scale (log10): ten times more frequent
# Several words of each: a mixed message (a safety reply then comes in both).
MIXED_MINIMUM = 2
# "¿" and "¡" open a Spanish question or exclamation: "¿duele?" is Spanish.
_SPANISH_MARKS = re.compile(r"[¿¡]")


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=1)
def _marker_words() -> dict[str, frozenset[str]]:
    other = {ENGLISH: SPANISH, SPANISH: ENGLISH}
    names = load_vocabulary().names  # "Maria Lopez" says nothing of the language
    return {
        language: frozenset(
            _plain(word)
            for word in wordfreq.top_n_list(language, MARKER_WORDS)
            if wordfreq.zipf_frequency(word, language)
            > wordfreq.zipf_frequency(word, other[language]) + MARKER_MARGIN
        )
        - names
        for language in other
    }


def marker_counts(text: str) -> tuple[int, int]:
    """How many English and how many Spanish marker words ``text`` has."""
    markers = _marker_words()
    words = re.findall(r"[a-z]+", _plain(text).replace("'", ""))
    spanish_marks = len(_SPANISH_MARKS.findall(text))
    return (
        sum(word in markers[ENGLISH] for word in words),
        sum(word in markers[SPANISH] for word in words) + spanish_marks,
    )


def message_language(text: str) -> str | None:
    """``en``, ``es``, ``mixed`` (several words of both), or ``None`` (no clue)."""
    english, spanish = marker_counts(text)
    if english >= MIXED_MINIMUM and spanish >= MIXED_MINIMUM:
        return MIXED
    return _majority(text)  # None: no clue, or as many of each


def _majority(text: str) -> str | None:
    english, spanish = marker_counts(text)
    if spanish == english:
        return None
    return SPANISH if spanish > english else ENGLISH


def question_language(text: str) -> str | None:
    """The language of the message's last sentence that shows one (usually the question).

    "Hola, soy Maricela. Is a nerve block permanent?" is answered in English; a
    one-sentence message goes by all its words.
    """
    for sentence in reversed(re.split(r"(?<=[.!?])\s+|\n+", text)):
        language = _majority(sentence)
        if language is not None:
            return language
    return None


def set_language(message: Message, language: str, extractor: str) -> None:
    """Put ``language`` on ``message`` as its one ``language`` entity."""
    entity = {"entity": LANGUAGE_ENTITY, "value": language, "extractor": extractor}
    entities = [e for e in message.get(ENTITIES) or [] if e.get("entity") != LANGUAGE_ENTITY]
    message.set(ENTITIES, [*entities, entity], add_to_output=True)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class LanguageDetector(UntrainedComponent):
    """Adds the ``language`` entity (``en`` or ``es``) to messages that show one."""

    def process(self, messages: list[Message]) -> list[Message]:
        """Tag each message with its language, when it has one."""
        for message in messages:
            text = message.get(TEXT) or ""
            language = None if text.startswith("/") else question_language(text)
            if language is not None:
                set_language(message, language, type(self).__name__)
        return messages
