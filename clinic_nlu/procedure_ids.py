"""An NLU component that gives each ``procedure`` entity its canonical name.

The entity ruler of our spaCy pipeline (``spacy_pipeline/procedure_patterns.yml``)
tags "RFA", "rhizotmy", "nerv blok", "bloqueo nervioso"... as ``procedure``, and
each of its patterns carries an id: "nerve block", "rhizotomy", "both", or
"injection" for a bare "shot" or "injection". ``SpacyEntityExtractor`` reports the
words as typed; this component, right after it, makes the pattern's id the
entity's value, so the slot, the actions and the evaluation only ever see those
names (``actions/procedures.py`` holds the rules about them).

A bare "injection" also gets the role ``generic``. The ``procedure`` slot's
``from_entity`` mapping (domain.yml) has no role, so it takes only named
procedures: "the shot" never replaces the procedure being discussed, and the
actions decide what it means.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import SPACY_DOCS
from rasa.nlu.extractors.spacy_entity_extractor import SpacyEntityExtractor
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from clinic_nlu.components import UntrainedComponent

PROCEDURE_ENTITY = "procedure"
# The pattern id of a bare "shot" or "injection", and the role that keeps it out of the slot.
GENERIC_ID = "injection"
GENERIC_ROLE = "generic"


def _pattern_ids(doc: Any) -> list[tuple[int, int, str, str]]:
    """Start, end, lowercased text and pattern id of each entity the ruler found."""
    return [
        (ent.start_char, ent.end_char, ent.text.lower(), ent.ent_id_)
        for ent in getattr(doc, "ents", ())
        if ent.label_ == PROCEDURE_ENTITY and ent.ent_id_
    ]


def _find_id(entity: dict[str, Any], found: list[tuple[int, int, str, str]]) -> str | None:
    """The pattern id of the ruler's entity at the same place (else with the same words).

    The doc Rasa keeps was made from the lowercased text, whose offsets differ from
    the original's only after the rare letters that lowercase to two characters.
    """
    for start, end, _, pattern_id in found:
        if (start, end) == (entity.get("start"), entity.get("end")):
            return pattern_id
    words = str(entity.get("value", "")).lower()
    return next((pattern_id for _, _, text, pattern_id in found if text == words), None)


def name_procedures(message: Message) -> None:
    """Set the value of each ``procedure`` entity of ``message`` to its pattern id."""
    found = _pattern_ids(message.get(SPACY_DOCS[TEXT]))
    for entity in message.get(ENTITIES) or []:
        if entity.get("entity") != PROCEDURE_ENTITY:
            continue
        pattern_id = _find_id(entity, found)
        if pattern_id is None:
            continue
        entity["value"] = pattern_id
        if pattern_id == GENERIC_ID:
            entity["role"] = GENERIC_ROLE
        entity["processors"] = [*entity.get("processors", []), ProcedureIds.__name__]


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class ProcedureIds(UntrainedComponent):
    """Replaces each procedure mention's words with the entity ruler's pattern id."""

    @classmethod
    def required_components(cls) -> list[type]:
        """It renames what ``SpacyEntityExtractor`` found, so it must come after it."""
        return [SpacyEntityExtractor]

    def process(self, messages: list[Message]) -> list[Message]:
        """Name the procedures of every message."""
        for message in messages:
            name_procedures(message)
        return messages
