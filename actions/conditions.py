"""Conditions the article does not name, and the honest note that goes with them.

``knowledge/conditions.yml`` lists them in English and ``knowledge/es/conditions.yml``
in Spanish, entry for entry in the same order. A condition is known by its English
name (kept in the ``condition`` slot); a patient may name it in either language and
hears it named in theirs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from actions.knowledge import KNOWLEDGE_DIR
from actions.procedures import BOTH
from actions.texts import ENGLISH, SPANISH, procedure_phrase, text


@dataclass(frozen=True)
class Condition:
    key: str  # the English name
    names: dict[str, str]
    pattern: re.Pattern[str]


def _entries(path: str) -> list[tuple[str, list[str]]]:
    raw = yaml.safe_load((KNOWLEDGE_DIR / path).read_text(encoding="utf-8"))
    return list(raw["conditions"].items())


@lru_cache(maxsize=1)
def conditions() -> list[Condition]:
    """Every condition, with its names and the words that mean it in both languages."""
    english, spanish = _entries("conditions.yml"), _entries("es/conditions.yml")
    if len(english) != len(spanish):
        raise ValueError("knowledge/es/conditions.yml must follow conditions.yml entry for entry")
    return [
        Condition(
            key=en_name,
            names={ENGLISH: en_name, SPANISH: es_name},
            pattern=re.compile(rf"\b(?:{'|'.join([*en_words, *es_words])})\b", re.IGNORECASE),
        )
        for (en_name, en_words), (es_name, es_words) in zip(english, spanish, strict=True)
    ]


def condition_named(message: str) -> str | None:
    """The (English) name of the first condition ``message`` names, if any."""
    for condition in conditions():
        if condition.pattern.search(message or ""):
            return condition.key
    return None


def not_in_the_article(condition: str, procedure: str | None, language: str) -> str:
    """The plain statement that the article does not say whether ``condition`` is treated."""
    names = {entry.key: entry.names for entry in conditions()}[condition]
    if procedure in (None, BOTH):
        treatment = text("condition_treatment_either", language)
    else:
        treatment = procedure_phrase(procedure, language)
    return text("condition_note", language, treatment=treatment, condition=names[language])
