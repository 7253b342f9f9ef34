"""The two procedures the assistant knows, and how patients' words map onto them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

NERVE_BLOCK = "nerve block"
RHIZOTOMY = "rhizotomy"
BOTH = "both"
PROCEDURES = (NERVE_BLOCK, RHIZOTOMY)

_RHIZOTOMY_WORDS = re.compile(
    r"r+h?[iyeu]+[sz]+[aeiou]*t+[aeiou]*m|\brfa\b|ablat|radio\s*-?\s*frequency|burn"
)
_NERVE_BLOCK_WORDS = re.compile(r"bl[o0]+c?k|blockade|nerve\s*injection|\bblok|bloqueo")
_BOTH_WORDS = re.compile(r"\b(both|either|each|all)\b")


def canonical_procedure(value: Any) -> str | None:
    """Map an entity value (synonym, typo, canonical) to a procedure name or ``both``."""
    if not isinstance(value, str):
        return None
    text = value.strip().lower()
    if text in PROCEDURES or text == BOTH:
        return text
    if _RHIZOTOMY_WORDS.search(text):
        return RHIZOTOMY
    if _NERVE_BLOCK_WORDS.search(text):
        return NERVE_BLOCK
    if _BOTH_WORDS.search(text):
        return BOTH
    return None


def procedure_from_entities(entities: Iterable[dict[str, Any]]) -> str | None:
    """The procedure a message names: one of them, ``both``, or ``None``."""
    found: list[str] = []
    for entity in entities:
        if entity.get("entity") != "procedure":
            continue
        name = canonical_procedure(entity.get("value"))
        if name and name not in found:
            found.append(name)
    if not found:
        return None
    if BOTH in found or len(found) > 1:
        return BOTH
    return found[0]


def other_procedure(procedure: str | None) -> str | None:
    """The procedure that is not ``procedure`` (``None`` when that is unclear)."""
    if procedure == NERVE_BLOCK:
        return RHIZOTOMY
    if procedure == RHIZOTOMY:
        return NERVE_BLOCK
    return None


def display_name(procedure: str) -> str:
    """A procedure's name as it starts a sentence label."""
    return procedure[0].upper() + procedure[1:]


def remembered_procedure(events: Iterable[dict[str, Any]]) -> str | None:
    """The newest recognisable value the ``procedure`` slot has had.

    The slot is filled from any entity the classifier finds, so its latest value
    can be noise ("shot"); the conversation's procedure is the last real one.
    """
    for event in reversed(list(events)):
        if event.get("event") == "slot" and event.get("name") == "procedure":
            procedure = canonical_procedure(event.get("value"))
            if procedure:
                return procedure
    return None
