"""The two procedures the assistant knows, by their canonical names, and the rules about them.

The words patients use for them (synonyms, typos, Spanish) live in one place: the
entity ruler's patterns, ``clinic_nlu/spacy_pipeline/procedure_patterns.yml``. The
NLU pipeline makes each pattern's id the ``procedure`` entity's value
(``clinic_nlu.procedure_ids``) and button payloads carry the same names, so a
value here is one of the names below; anything else (a payload typed by hand)
names nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

NERVE_BLOCK = "nerve block"
RHIZOTOMY = "rhizotomy"
BOTH = "both"
# A bare "shot" or "injection": the nerve block, unless a procedure is named in the
# same message or one is already being discussed.
INJECTION = "injection"
PROCEDURES = (NERVE_BLOCK, RHIZOTOMY)
# Every name the entity ruler gives (its pattern ids).
ENTITY_VALUES = (NERVE_BLOCK, RHIZOTOMY, BOTH, INJECTION)

PROCEDURE_ENTITY = "procedure"
# The procedure being discussed: one of PROCEDURES or BOTH. Filled from every
# named procedure (its from_entity mapping in domain.yml takes no bare
# "injection"), and set by the actions that resolve one.
PROCEDURE_SLOT = "procedure"


def known_procedure(value: Any) -> str | None:
    """``value`` when it names a procedure or ``both``, else ``None``."""
    return value if isinstance(value, str) and value in (*PROCEDURES, BOTH) else None


def procedure_from_entities(
    entities: Iterable[dict[str, Any]], include_generic: bool = True
) -> str | None:
    """The procedure a message names: one of them, ``both``, or ``None``.

    A bare "shot" or "injection" counts as the nerve block only when no procedure
    is named in the same message (and never with ``include_generic=False``).
    """
    mentions = [e.get("value") for e in entities if e.get("entity") == PROCEDURE_ENTITY]
    named: list[str] = []
    for value in mentions:
        name = known_procedure(value)
        if name and name not in named:
            named.append(name)
    if not named and include_generic and INJECTION in mentions:
        return NERVE_BLOCK
    if not named:
        return None
    if BOTH in named or len(named) > 1:
        return BOTH
    return named[0]


def other_procedure(procedure: str | None) -> str | None:
    """The procedure that is not ``procedure`` (``None`` when that is unclear)."""
    if procedure == NERVE_BLOCK:
        return RHIZOTOMY
    if procedure == RHIZOTOMY:
        return NERVE_BLOCK
    return None
