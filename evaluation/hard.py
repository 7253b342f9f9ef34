"""The hard held-out set: misspellings, stories, indirect wordings, several questions.

``tests/nlu_heldout_hard.yml`` labels each message with its intent, or with the
intents of the questions it asks joined by "+" in the order asked, and a ``kind``.
A single question is right when the final intent is its label; a message with
several questions is right when the questions found are exactly the ones asked,
so that every one is answered and nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from evaluation.datasets import ROOT

HARD_HELDOUT = ROOT / "tests" / "nlu_heldout_hard.yml"
# Each set by its name in the report. The first guided the work on splitting
# messages into questions; the other two were written after it, by another author,
# and measure the same changes on wordings nobody tuned for.
HARD_SETS = {
    "English, first set": HARD_HELDOUT,
    "English, second set": ROOT / "tests" / "nlu_heldout_hard_2.yml",
    "Spanish": ROOT / "tests" / "nlu_heldout_hard_es.yml",
}
SEVERAL = ("two_questions", "three_questions")
SINGLE_TARGET = 0.95
TWO_QUESTIONS_TARGET = 0.90
# What `make test` holds the pipeline to: the targets above are met (make eval,
# README); a change fails when it loses more than one (Spanish two questions) to
# three (first set's single questions) of today's right messages on a set.
SINGLE_GATE = 0.93
TWO_QUESTIONS_GATE = 0.88
_ENTITY_MARK = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")


@dataclass(frozen=True)
class HardExample:
    text: str
    intents: tuple[str, ...]
    kind: str


def load_hard(path: Path = HARD_HELDOUT) -> list[HardExample]:
    """Every message of the hard set with its intents and kind, entity marks removed."""
    blocks = yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]
    return [
        HardExample(_ENTITY_MARK.sub(r"\1", line[2:].strip()), tuple(b["intent"].split("+")), kind)
        for b in blocks
        if (kind := (b.get("metadata") or {}).get("kind"))
        for line in b["examples"].splitlines()
        if line.strip().startswith("- ")
    ]


def intents_found(parse: dict) -> tuple[str, ...]:
    """The questions a parse found, or its one intent."""
    questions = parse.get("questions") or []
    return tuple(q["intent"] for q in questions) or (parse["intent"]["name"],)


def is_right(example: HardExample, found: Sequence[str]) -> bool:
    if example.kind in SEVERAL:
        return set(found) == set(example.intents) and len(found) == len(example.intents)
    return found[0] == example.intents[0]


@dataclass
class HardScores:
    """Right answers per kind, for one model."""

    right: dict[str, int] = field(default_factory=dict)
    total: dict[str, int] = field(default_factory=dict)
    misses: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, example: HardExample, found: Sequence[str]) -> None:
        self.total[example.kind] = self.total.get(example.kind, 0) + 1
        if is_right(example, found):
            self.right[example.kind] = self.right.get(example.kind, 0) + 1
        else:
            self.misses.append((example.kind, "+".join(example.intents), "+".join(found)))

    def rate(self, kinds: Sequence[str]) -> float:
        total = sum(self.total.get(kind, 0) for kind in kinds)
        return sum(self.right.get(kind, 0) for kind in kinds) / total if total else 0.0

    def single_kinds(self) -> list[str]:
        return sorted(kind for kind in self.total if kind not in SEVERAL)

    @property
    def single(self) -> float:
        return self.rate(self.single_kinds())

    @property
    def two_questions(self) -> float:
        return self.rate(["two_questions"])

    def met_targets(self) -> bool:
        return self.single >= SINGLE_TARGET and self.two_questions >= TWO_QUESTIONS_TARGET

    def passed(self) -> bool:
        """Whether the scores reach the gate of ``make test``."""
        return self.single >= SINGLE_GATE and self.two_questions >= TWO_QUESTIONS_GATE


def score_hard(
    examples: Sequence[HardExample], find: Callable[[list[str]], list[Sequence[str]]]
) -> HardScores:
    """Score ``find`` (texts -> the intents found in each) on ``examples``."""
    scores = HardScores()
    for example, found in zip(examples, find([e.text for e in examples]), strict=True):
        scores.add(example, found)
    return scores


def hard_table(by_model: dict[str, HardScores], set_name: str) -> str:
    """Markdown: right answers per kind for each model, then the targets."""
    names = list(by_model)
    first = by_model[names[0]]
    kinds = [*first.single_kinds(), *(k for k in SEVERAL if k in first.total)]
    lines = [
        f"## Hard held-out set ({set_name}): misspellings, stories, indirect wordings, "
        "several questions",
        "",
        f"| kind | messages | {' | '.join(names)} |",
        f"|---|---|{'---|' * len(names)}",
    ]
    for kind in kinds:
        rates = " | ".join(f"{100 * by_model[n].rate([kind]):.1f}%" for n in names)
        lines.append(f"| {kind} | {first.total[kind]} | {rates} |")
    singles = " | ".join(f"{100 * by_model[n].single:.1f}%" for n in names)
    single_count = sum(first.total[kind] for kind in first.single_kinds())
    lines += [
        f"| **single questions** | {single_count} | {singles} |",
        "",
        f"Targets: single questions at least {SINGLE_TARGET:.0%}, two-question messages with "
        f"both answered at least {TWO_QUESTIONS_TARGET:.0%}: "
        + ("met" if first.met_targets() else "**not met**")
        + f" (gate in `make test`: {SINGLE_GATE:.0%} and {TWO_QUESTIONS_GATE:.0%}). The "
        "baselines give one intent per message, so they cannot answer two.",
    ]
    return "\n".join(lines) + "\n"
