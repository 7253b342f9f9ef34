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
# "the shot", "the injection": the nerve block, unless a procedure is named too.
_GENERIC_INJECTION = re.compile(r"^(the\s+|a\s+|an\s+)?(shot|injection)s?$")


def canonical_procedure(value: Any) -> str | None:
    """Map an entity value (synonym, typo, canonical) to a procedure name or ``both``."""
    if not isinstance(value, str):
        return None
    text = value.strip().lower()
    if text in PROCEDURES or text == BOTH:
        return text
    if _RHIZOTOMY_WORDS.search(text):
        return RHIZOTOMY
    if _NERVE_BLOCK_WORDS.search(text) or _GENERIC_INJECTION.match(text):
        return NERVE_BLOCK
    if _BOTH_WORDS.search(text):
        return BOTH
    return None


def is_generic_injection(value: Any) -> bool:
    """Whether an entity value is only "shot" or "injection"."""
    return isinstance(value, str) and bool(_GENERIC_INJECTION.match(value.strip().lower()))


def procedure_from_entities(
    entities: Iterable[dict[str, Any]], include_generic: bool = True
) -> str | None:
    """The procedure a message names: one of them, ``both``, or ``None``.

    A bare "shot" or "injection" counts as the nerve block only when no procedure
    is named in the same message (and never with ``include_generic=False``).
    """
    mentions = [e.get("value") for e in entities if e.get("entity") == "procedure"]
    named = [value for value in mentions if not is_generic_injection(value)]
    found: list[str] = []
    for value in named or (mentions if include_generic else []):
        name = canonical_procedure(value)
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
    can be noise ("blah") or a bare "injection"; the conversation's procedure is
    the last one really named.
    """
    for event in reversed(list(events)):
        if event.get("event") == "slot" and event.get("name") == "procedure":
            value = event.get("value")
            procedure = None if is_generic_injection(value) else canonical_procedure(value)
            if procedure:
                return procedure
    return None
