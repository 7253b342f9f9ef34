"""The report's tables, shared by the page and the CSV files."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from actions.knowledge import load_knowledge
from clinic_report.clusters import EXAMPLES
from clinic_report.summary import LANGUAGES, Summary, safety_kinds

LANGUAGE_NAMES = {"en": "English", "es": "Spanish", "other": "mixed or unclear"}
NO_PROCEDURE = "(either)"

Cell = str | int


@dataclass(frozen=True)
class Table:
    """A titled table; ``name`` is its CSV file's stem and its id on the page."""

    name: str
    title: str
    headers: tuple[str, ...]
    rows: list[tuple[Cell, ...]]


def daily(summary: Summary) -> Table:
    """Conversations and messages per day, by language."""
    by_language = (f"{LANGUAGE_NAMES[lang]} messages" for lang in LANGUAGES)
    headers = ("day", "conversations", "messages", *by_language)
    rows = [
        (
            day.isoformat(),
            sum(counts.conversations.values()),
            sum(counts.messages.values()),
            *(counts.messages[lang] for lang in LANGUAGES),
        )
        for day, counts in sorted(summary.days.items())
    ]
    return Table("daily", "Conversations and patient messages per day", headers, rows)


def answered(summary: Summary) -> Table:
    """The article's topics answered, most asked first."""
    aspects = load_knowledge().aspects
    ranked = sorted(
        summary.answers.items(), key=lambda item: (-item[1], item[0][0], item[0][1] or "")
    )
    rows = [
        (aspects[aspect].topic, procedure or NO_PROCEDURE, count)
        for (aspect, procedure), count in ranked
    ]
    return Table("topics_answered", "Topics answered", ("topic", "procedure", "answers"), rows)


def not_covered(summary: Summary) -> Table:
    """Topics the article does not cover that patients asked about."""
    topics = load_knowledge().deferred_topics
    ranked = sorted(summary.deferrals.items(), key=lambda item: (-item[1], item[0]))
    rows = [(topics.get(intent, intent), count) for intent, count in ranked]
    title = "Asked about, not covered by the article"
    return Table("topics_not_covered", title, ("topic", "questions"), rows)


def unanswered(summary: Summary) -> Table:
    """The messages the assistant could not answer, grouped by similarity."""
    examples = (f"example {n}" for n in range(1, EXAMPLES + 1))
    headers = ("group", "messages", "key words", *examples)
    rows = [
        (
            number,
            group.count,
            group.key_words,
            *group.examples,
            *([""] * (EXAMPLES - len(group.examples))),
        )
        for number, group in enumerate(summary.groups, start=1)
    ]
    return Table("unanswered", "Messages the assistant could not answer", headers, rows)


def outcomes(summary: Summary) -> Table:
    """Hand-offs, safety replies (numbers only) and conversations ending unanswered."""
    ended = summary.ended_after_fallback
    rows: list[tuple[Cell, ...]] = [
        ("conversations", summary.conversations),
        ("patient messages", summary.messages),
        ("conversations that reached the scheduling link", summary.booked),
        ("conversations that asked for a person", summary.asked_for_person),
        *((f"{kind} replies given", summary.safety_replies[kind]) for kind in safety_kinds()),
        ("conversations with an emergency or crisis reply", summary.safety_conversations),
        ("messages the assistant could not answer", summary.unanswered),
        ("conversations that ended after a fallback", ended),
        ("share of conversations that ended after a fallback", f"{summary.share(ended):.1%}"),
    ]
    return Table("outcomes", "Outcomes", ("measure", "value"), rows)


def all_tables(summary: Summary) -> list[Table]:
    """Every table of the report, in page order."""
    return [
        outcomes(summary),
        daily(summary),
        answered(summary),
        not_covered(summary),
        unanswered(summary),
    ]


def write_csv(table: Table, folder: Path) -> Path:
    """``folder/<name>.csv``."""
    path = folder / f"{table.name}.csv"
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(table.headers)
        writer.writerows(table.rows)
    return path
