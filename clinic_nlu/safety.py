"""Find emergencies and crises in a patient's own words, in English and Spanish.

The patterns (``safety_patterns.yml``) are searched sentence by sentence in the
normalised text. A sentence that tells of something long past, of someone else
or in a figure of speech ("my sister had a stroke years ago") does not count,
unless it also says that something is happening now; a worry about an event
("what if I faint?") does not count for the patterns that only name the event.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from re import Pattern

import yaml

from clinic_nlu.language import ENGLISH, message_language

PATTERNS_FILE = Path(__file__).with_name("safety_patterns.yml")
SAFETY_INTENTS = ("report_self_harm", "report_emergency")  # first match wins, in this order
PAST_OR_OTHER = "past_or_other"
HYPOTHETICAL = "hypothetical"
CLASSIFIER_DOUBTS = "classifier_doubts"
NAMED = "_named"  # a category of names of events, which worries and questions cancel
_SENTENCE_END = re.compile(r"[.!?;]+(?=\s|$)|\n+")  # not inside "102.5"
_NOW = re.compile(
    r"\b(now|right\s+now|today|tonight|this\s+(morning|afternoon|evening)|just\s+now|currently|"
    r"just\s+(had|took|fell|collapsed|started|passed|found)|"
    r"ahora|ahorita|hoy|esta\s+(manana|tarde|noche)|acaba\s+de|acabo\s+de)\b"
)


@dataclass(frozen=True)
class SafetyMatch:
    """What the safety check found: the intent, the kind of danger and the language."""

    intent: str
    category: str
    language: str


@dataclass(frozen=True)
class SafetyRules:
    """Compiled patterns per intent and category, and the past-or-other patterns."""

    categories: dict[str, dict[str, list[Pattern[str]]]]
    past_or_other: list[Pattern[str]]
    hypothetical: list[Pattern[str]]
    classifier_doubts: list[Pattern[str]]


def normalise(text: str) -> str:
    """Lower case, no accents, no apostrophes, letter runs cut to two."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    plain = re.sub("['\u2019`\u00b4]", "", plain)
    return re.sub(r"([a-z])\1{2,}", r"\1\1", plain)


@lru_cache(maxsize=4)
def load_safety_rules(path: Path = PATTERNS_FILE) -> SafetyRules:
    """The rules in ``path``."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    categories = {
        intent: {
            category: [re.compile(pattern) for pattern in patterns]
            for category, patterns in raw[intent].items()
        }
        for intent in SAFETY_INTENTS
    }
    return SafetyRules(
        categories,
        past_or_other=[re.compile(pattern) for pattern in raw[PAST_OR_OTHER]],
        hypothetical=[re.compile(pattern) for pattern in raw[HYPOTHETICAL]],
        classifier_doubts=[re.compile(pattern) for pattern in raw[CLASSIFIER_DOUBTS]],
    )


def _tells_of_the_past(sentence: str, rules: SafetyRules) -> bool:
    """True when the sentence is about the past or others and says nothing of now."""
    rest, found = sentence, False
    for pattern in rules.past_or_other:
        rest, count = pattern.subn(" ", rest)
        found = found or count > 0
    return found and not _NOW.search(rest)


def _any_match(patterns: list[Pattern[str]], text: str) -> bool:
    return any(pattern.search(text) for pattern in patterns)


def find_danger(text: str, rules: SafetyRules | None = None) -> SafetyMatch | None:
    """The first emergency or crisis the patient's ``text`` tells of, if any."""
    rules = rules or load_safety_rules()
    sentences = [part for part in _SENTENCE_END.split(normalise(text)) if part.strip()]
    for intent in SAFETY_INTENTS:
        for category, patterns in rules.categories[intent].items():
            for sentence in sentences:
                if not any(pattern.search(sentence) for pattern in patterns):
                    continue
                if _tells_of_the_past(sentence, rules):
                    continue
                if category.endswith(NAMED) and _any_match(rules.hypothetical, sentence):
                    continue
                language = message_language(text) or ENGLISH
                return SafetyMatch(intent, category.removesuffix(NAMED), language)
    return None


def tells_of_no_danger_now(text: str, rules: SafetyRules | None = None) -> bool:
    """True when ``text`` tells of the past, of others, of a worry, or jokes.

    Only for an alarm the classifier raised alone: a pattern's match stands.
    """
    rules = rules or load_safety_rules()
    normalised = normalise(text)
    sentences = [part for part in _SENTENCE_END.split(normalised) if part.strip()]
    return _any_match(rules.classifier_doubts, normalised) or any(
        _tells_of_the_past(sentence, rules) or _any_match(rules.hypothetical, sentence)
        for sentence in sentences
    )
