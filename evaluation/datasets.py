"""Labelled patient messages: the training data and the held-out test files."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.training_data import TrainingData

from actions.procedures import ENTITY_VALUES, PROCEDURE_ENTITY, procedure_from_entities

ROOT = Path(__file__).resolve().parents[1]
TRAINING_DATA = ROOT / "data" / "nlu"
ENGLISH_HELDOUT = (ROOT / "tests" / "nlu_heldout.yml", ROOT / "tests" / "nlu_heldout_extra.yml")
SPANISH_HELDOUT = (ROOT / "tests" / "nlu_heldout_es.yml",)
HELDOUT_FILES = ENGLISH_HELDOUT + SPANISH_HELDOUT
SPANISH_TRAINING_DATA = TRAINING_DATA / "es"
CONVERSATIONS = {
    "English": ROOT / "tests" / "eval" / "conversations.yml",
    "Spanish": ROOT / "tests" / "eval" / "conversations_es.yml",
}


@dataclass(frozen=True)
class Example:
    """A message with its intent and the procedures it names (canonical names)."""

    text: str
    intent: str
    procedures: frozenset[str]


@lru_cache(maxsize=1)
def _entity_ruler() -> Any:
    from clinic_nlu.spacy_pipeline.build import build_pipeline

    return build_pipeline()


def _pattern_ids(value: Any) -> list[str]:
    """``value`` if it is one of the entity ruler's ids, else the ids its words match.

    Our pipeline's values are the ids already; Rasa's default pipeline reports the
    words as typed ("ablaton"), named here by the same patterns.
    """
    if value in ENTITY_VALUES:
        return [value]
    if not isinstance(value, str):
        return []
    return [ent.ent_id_ for ent in _entity_ruler()(value.lower()).ents if ent.ent_id_]


def procedures_of(entities: list[dict]) -> frozenset[str]:
    """Canonical procedure names of a message's ``procedure`` entities, each on its own.

    A bare "shot" or "injection" counts as the nerve block, "both" as ``both``.
    """
    names = (
        procedure_from_entities([{"entity": PROCEDURE_ENTITY, "value": value}])
        for e in entities
        if e.get("entity") == PROCEDURE_ENTITY
        for value in _pattern_ids(e.get("value"))
    )
    return frozenset(name for name in names if name)


def examples_of(data: TrainingData) -> list[Example]:
    return [
        Example(m.get(TEXT), m.get(INTENT), procedures_of(m.get(ENTITIES) or []))
        for m in data.intent_examples
    ]


def load_training_data() -> TrainingData:
    return load_data(str(TRAINING_DATA))


def load_heldout(
    training: TrainingData, files: tuple[Path, ...] = HELDOUT_FILES
) -> tuple[list[Example], int]:
    """Held-out examples, minus exact repeats of a training message; and how many were dropped.

    Short messages such as "hi" or "yes" are bound to appear in both; scoring them
    would only flatter the model.
    """
    seen = {m.get(TEXT).strip().lower() for m in training.intent_examples}
    examples = [e for path in files for e in examples_of(load_data(str(path)))]
    unseen = [e for e in examples if e.text.strip().lower() not in seen]
    return unseen, len(examples) - len(unseen)


def training_data_by_language() -> dict[str, TrainingData]:
    """The English training files (data/nlu/*.yml) and the Spanish ones (data/nlu/es/)."""
    english = [str(path) for path in sorted(TRAINING_DATA.glob("*.yml"))]
    return {
        "en": load_data(english[0]).merge(*(load_data(path) for path in english[1:])),
        "es": load_data(str(SPANISH_TRAINING_DATA)),
    }
