"""The article's facts as the assistant tells them: ``knowledge/answers.yml``.

In Spanish, ``knowledge/es/answers.yml`` gives each aspect's button, topic and
answers; which aspects follow up and which article passages each answer rests on
stay in the English file, their one home.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from actions.procedures import BOTH, PROCEDURES
from actions.texts import ENGLISH, LANGUAGES, procedure_label, text

KNOWLEDGE_DIR = Path(__file__).resolve().parent.parent / "knowledge"
ANY_PROCEDURE = "any"


@dataclass(frozen=True)
class Aspect:
    """One thing patients ask about, with its answer for each procedure."""

    name: str
    button: str
    topic: str
    follow_ups: tuple[str, ...]
    answers: dict[str, str]
    # For each answer, quotes of the article's paragraphs it rests on.
    sources: dict[str, tuple[str, ...]]
    language: str = ENGLISH

    @property
    def needs_procedure(self) -> bool:
        """Whether the answer depends on which procedure the patient means."""
        return ANY_PROCEDURE not in self.answers

    def answer(self, procedure: str | None) -> str:
        """The answer for ``procedure`` (a name, ``both``, or ``None`` when not needed)."""
        if not self.needs_procedure:
            return self.answers[ANY_PROCEDURE]
        if procedure == BOTH:
            return "\n\n".join(
                f"{procedure_label(name, self.language)}: {self.answers[name]}"
                for name in PROCEDURES
            )
        if procedure not in self.answers:
            raise ValueError(f"aspect {self.name!r} needs a procedure, got {procedure!r}")
        return self.answers[procedure]


@dataclass(frozen=True)
class Knowledge:
    """Every aspect the article answers, and the topics it does not."""

    source: str
    aspects: dict[str, Aspect]
    deferred_topics: dict[str, str]
    language: str = ENGLISH

    def cite(self, answer: str) -> str:
        """``answer`` followed by the line naming the article it comes from."""
        return f"{answer}\n\n{text('source_line', self.language, source=self.source)}"


def _read_yaml(name: str) -> dict:
    return yaml.safe_load((KNOWLEDGE_DIR / name).read_text(encoding="utf-8"))


def _texts_for(language: str) -> tuple[dict, dict]:
    """The answers file and the deferred topics in ``language``."""
    folder = "" if language == ENGLISH else f"{language}/"
    return _read_yaml(f"{folder}answers.yml"), _read_yaml(f"{folder}deferrals.yml")


@lru_cache(maxsize=len(LANGUAGES))
def load_knowledge(language: str = ENGLISH) -> Knowledge:
    """Load and check the knowledge files once per process and language."""
    english = _read_yaml("answers.yml")
    texts, deferred = _texts_for(language)
    aspects = {
        name: Aspect(
            name=name,
            button=texts["aspects"][name]["button"],
            topic=texts["aspects"][name]["topic"],
            follow_ups=tuple(entry.get("follow_ups", ())),
            answers={
                key: " ".join(answer.split())
                for key, answer in texts["aspects"][name]["answers"].items()
            },
            sources={key: tuple(quotes) for key, quotes in entry["sources"].items()},
            language=language,
        )
        for name, entry in english["aspects"].items()
    }
    for aspect in aspects.values():
        unknown = [name for name in aspect.follow_ups if name not in aspects]
        if unknown:
            raise ValueError(f"aspect {aspect.name!r} offers unknown follow-ups {unknown}")
        if aspect.needs_procedure and set(aspect.answers) != set(PROCEDURES):
            raise ValueError(f"aspect {aspect.name!r} must answer for {PROCEDURES}")
        if set(aspect.sources) != set(aspect.answers):
            raise ValueError(f"aspect {aspect.name!r} must name the sources of each answer")
    return Knowledge(
        source=texts["source"], aspects=aspects, deferred_topics=deferred, language=language
    )
