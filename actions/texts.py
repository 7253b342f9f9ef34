"""The actions' texts in the patient's language: ``knowledge/replies.yml``."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from rasa_sdk import Tracker

from clinic_nlu.language_codes import ENGLISH, LANGUAGE_ENTITY, SPANISH, reply_language

REPLIES_FILE = Path(__file__).resolve().parent.parent / "knowledge" / "replies.yml"
LANGUAGES = (ENGLISH, SPANISH)
LANGUAGE_SLOT = LANGUAGE_ENTITY


@lru_cache(maxsize=1)
def _catalog() -> dict[str, dict[str, str]]:
    catalog = yaml.safe_load(REPLIES_FILE.read_text(encoding="utf-8"))
    incomplete = [key for key, texts in catalog.items() if set(texts) != set(LANGUAGES)]
    if incomplete:
        raise ValueError(f"{REPLIES_FILE.name}: {incomplete} need exactly {LANGUAGES}")
    return catalog


def text(key: str, language: str, **fields: str) -> str:
    """The text ``key`` in ``language`` (``en`` or ``es``), with ``fields`` filled in."""
    return _catalog()[key][language].format(**fields)


def language_of(tracker: Tracker) -> str:
    """The language to answer in: the patient's last one (English until known)."""
    return reply_language(tracker.get_slot(LANGUAGE_SLOT))


def procedure_phrase(procedure: str, language: str, definite: bool = False) -> str:
    """ "a nerve block" / "un bloqueo nervioso", or with the definite article."""
    form = "definite" if definite else "indefinite"
    return text(f"procedure_{procedure.replace(' ', '_')}_{form}", language)


def procedure_label(procedure: str, language: str) -> str:
    """A procedure's name as a label or button title: "Nerve block", "Bloqueo nervioso"."""
    return text(f"clarify_button_{procedure.replace(' ', '_')}", language)
