"""Conditions the article does not name, and the honest note that goes with them."""

from __future__ import annotations

import re
from functools import lru_cache

import yaml

from actions.knowledge import KNOWLEDGE_DIR
from actions.procedures import BOTH


@lru_cache(maxsize=1)
def _condition_patterns() -> list[tuple[str, re.Pattern[str]]]:
    raw = yaml.safe_load((KNOWLEDGE_DIR / "conditions.yml").read_text(encoding="utf-8"))
    return [
        (name, re.compile(rf"\b(?:{'|'.join(words)})\b", re.IGNORECASE))
        for name, words in raw["conditions"].items()
    ]


def condition_named(text: str) -> str | None:
    """The first condition of ``conditions.yml`` that ``text`` names, if any."""
    for name, pattern in _condition_patterns():
        if pattern.search(text or ""):
            return name
    return None


def not_in_the_article(condition: str, procedure: str | None) -> str:
    """The plain statement that the article does not say whether ``condition`` is treated."""
    treatment = "a nerve block or a rhizotomy" if procedure in (None, BOTH) else f"a {procedure}"
    return (
        f"The article doesn't say whether {treatment} is used for {condition}: it doesn't list "
        "specific conditions. The clinic's team can tell you at a visit."
    )
