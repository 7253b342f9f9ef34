"""The answers' source line, read from its single home, ``knowledge/replies.yml``.

An answer's last paragraph is ``source_line`` ("Source: {source}"); the widget
shows that paragraph as a small line inside the answer's bubble, so it needs the
text before ``{source}`` in each language.
"""

from __future__ import annotations

from pathlib import Path

import yaml

REPLIES = Path(__file__).resolve().parents[1] / "knowledge" / "replies.yml"
PLACEHOLDER = "{source}"


def source_prefixes(replies: Path = REPLIES) -> dict[str, str]:
    """``{"en": "Source: ", "es": "Fuente: "}``: each language's text before the title."""
    templates = yaml.safe_load(replies.read_text(encoding="utf-8"))["source_line"]
    prefixes = {}
    for language, template in templates.items():
        prefix, placeholder, _ = template.partition(PLACEHOLDER)
        if not placeholder or not prefix:
            raise ValueError(f"source_line.{language} must start with text, then {PLACEHOLDER}")
        prefixes[language] = prefix
    return prefixes
