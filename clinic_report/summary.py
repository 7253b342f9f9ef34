"""The numbers of a report, counted from the period's conversations."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from clinic_nlu.language_codes import ENGLISH, SPANISH
from clinic_report.clusters import Group, group_messages
from clinic_report.conversations import DEFER_ACTION, SAFETY_KINDS, Conversation
from clinic_report.period import Period

OTHER_LANGUAGE = "other"  # a mix of both, or no word that tells
LANGUAGES = (ENGLISH, SPANISH, OTHER_LANGUAGE)


def language_group(language: str | None) -> str:
    """``en``, ``es`` or ``other``."""
    return language if language in (ENGLISH, SPANISH) else OTHER_LANGUAGE


@dataclass
class Day:
    """One day's conversations (by the day they began) and patient messages, by language."""

    conversations: Counter[str] = field(default_factory=Counter)
    messages: Counter[str] = field(default_factory=Counter)


@dataclass
class Summary:
    """Everything the report shows."""

    period: Period
    days: dict[dt.date, Day]
    conversations: int = 0
    messages: int = 0
    answers: Counter[tuple[str, str | None]] = field(default_factory=Counter)
    deferrals: Counter[str] = field(default_factory=Counter)
    unanswered_texts: list[str] = field(default_factory=list)
    unanswered_withheld: int = 0  # in conversations with a safety reply: counted, not shown
    booked: int = 0
    asked_for_person: int = 0
    safety_replies: Counter[str] = field(default_factory=Counter)
    safety_conversations: int = 0
    ended_after_fallback: int = 0
    groups: list[Group] = field(default_factory=list)

    @property
    def unanswered(self) -> int:
        """Every message the assistant could not answer."""
        return len(self.unanswered_texts) + self.unanswered_withheld

    def share(self, count: int) -> float:
        """``count`` as a share of the conversations (0 when there are none)."""
        return count / self.conversations if self.conversations else 0.0

    def add(self, conversation: Conversation) -> None:
        """Count one conversation."""
        self.conversations += 1
        self.days[conversation.day].conversations[language_group(conversation.language)] += 1
        withhold = conversation.had_safety_reply
        for turn in conversation.turns:
            self.messages += 1
            self.days[turn.day].messages[language_group(turn.language)] += 1
            if turn.safety_kind:
                self.safety_replies[turn.safety_kind] += 1
            elif turn.unanswered and withhold:
                self.unanswered_withheld += 1
            elif turn.unanswered:
                self.unanswered_texts.append(turn.text or "")
            if DEFER_ACTION in turn.replies and turn.intent:
                self.deferrals[turn.intent] += 1
        self.answers.update(conversation.answers)
        self.booked += conversation.booked
        self.asked_for_person += conversation.asked_for_person
        self.safety_conversations += withhold
        self.ended_after_fallback += conversation.ended_after_fallback


def summarize(period: Period, conversations: Iterable[Conversation]) -> Summary:
    """Count ``conversations`` (of ``period``) and group the unanswered messages."""
    summary = Summary(period, {day: Day() for day in period.days})
    for conversation in conversations:
        if conversation.day in summary.days:
            summary.add(conversation)
    summary.groups = group_messages(summary.unanswered_texts)
    return summary


def safety_kinds() -> tuple[str, ...]:
    """The kinds of safety reply, in the order shown."""
    return tuple(SAFETY_KINDS.values())
