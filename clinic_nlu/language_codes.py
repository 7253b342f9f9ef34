"""The languages the assistant speaks, and which one it answers in.

Kept apart from the detector (``clinic_nlu.language``) so the action server can use
it without loading Rasa's NLU components.
"""

from __future__ import annotations

ENGLISH, SPANISH, MIXED = "en", "es", "mixed"
LANGUAGE_ENTITY = "language"


def reply_language(language: str | None) -> str:
    """The language to answer in: Spanish for a Spanish or mixed message."""
    return SPANISH if language in (SPANISH, MIXED) else ENGLISH
