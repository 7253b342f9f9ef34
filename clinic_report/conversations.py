"""Stored events turned into conversations: the patient's turns and what they got.

A conversation is one session of one sender (a ``session_started`` or ``restart``
event begins the next); sessions without a patient message are left out. Only
what the report needs is kept: no sender ID, the day rather than the time, and
no text of a message that called for an emergency or crisis reply.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from actions.knowledge import load_knowledge
from actions.procedures import BOTH, PROCEDURES
from clinic_nlu.language_codes import LANGUAGE_ENTITY
from clinic_report.period import day_of
from clinic_report.store import Row

# The intents the safety step (clinic_nlu.safety.SAFETY_INTENTS) answers, by kind of reply.
SAFETY_KINDS = {"report_emergency": "emergency", "report_self_harm": "crisis"}
# Replies that mean the assistant could not answer: a rephrase request, an off-topic note.
UNANSWERED_REPLIES = ("action_default_fallback", "utter_out_of_scope")
ANSWER_ACTION = "action_answer_question"
DEFER_ACTION = "action_defer_topic"
BOOK_ACTION = "action_book_visit"
YES_NO_ACTION = "action_handle_yes_no"
PERSON_ACTION = "action_contact_staff"
NOT_REPLIES = ("action_listen", "action_session_start", "action_restart")
SESSION_STARTS = ("session_started", "restart")
TRACKED_SLOTS = ("aspect", "procedure", "booking_offered")


@dataclass
class Turn:
    """A patient message and the assistant's actions in reply."""

    day: dt.date
    intent: str | None
    language: str | None
    text: str | None  # redacted; None for a message that got a safety reply
    replies: list[str] = field(default_factory=list)

    @property
    def safety_kind(self) -> str | None:
        """``emergency`` or ``crisis`` when the message got a safety reply."""
        return SAFETY_KINDS.get(self.intent or "") if self.replies else None

    @property
    def unanswered(self) -> bool:
        """Whether the assistant replied that it could not answer."""
        return any(reply in UNANSWERED_REPLIES for reply in self.replies)


@dataclass
class Conversation:
    """One session with at least one patient message."""

    day: dt.date
    turns: list[Turn] = field(default_factory=list)
    # (aspect, procedure or None) for each answer the article gave
    answers: list[tuple[str, str | None]] = field(default_factory=list)
    booked: bool = False
    asked_for_person: bool = False

    @property
    def language(self) -> str | None:
        """The language of its last message that showed one (as the ``language`` slot)."""
        return next((t.language for t in reversed(self.turns) if t.language), None)

    @property
    def had_safety_reply(self) -> bool:
        """Whether any message got an emergency or crisis reply."""
        return any(turn.safety_kind for turn in self.turns)

    @property
    def ended_after_fallback(self) -> bool:
        """Whether the patient's last message was one the assistant could not answer."""
        return self.turns[-1].unanswered


def _language(parse_data: dict) -> str | None:
    return next(
        (
            entity.get("value")
            for entity in parse_data.get("entities") or []
            if entity.get("entity") == LANGUAGE_ENTITY
        ),
        None,
    )


class _Reader:
    """Follows one sender's events, closing a conversation at each new session."""

    def __init__(self) -> None:
        self.slots: dict[str, object] = {}  # slots carry over to the next session
        self.current: Conversation | None = None
        self.answering = False  # action_answer_question ran; its slots follow
        self.aspect_set = False

    def feed(self, row: Row) -> Conversation | None:
        """Take one event; return a conversation it closed, if any."""
        if row.type_name in SESSION_STARTS:
            return self.close()
        if row.type_name == "slot" and row.data:
            name = row.data.get("name")
            if name in TRACKED_SLOTS:
                self.slots[name] = row.data.get("value")
                self.aspect_set = self.aspect_set or (self.answering and name == "aspect")
        elif row.type_name == "user":
            self._finish_answer()
            self._user(row)
        elif row.type_name == "action":
            self._finish_answer()
            self._action(row.action_name or "")
        return None

    def close(self) -> Conversation | None:
        """End the conversation under way; return it if the patient wrote in it."""
        self._finish_answer()
        finished, self.current = self.current, None
        return finished if finished and finished.turns else None

    def _user(self, row: Row) -> None:
        data = row.data or {}
        parse_data = data.get("parse_data") or {}
        intent = row.intent_name or (parse_data.get("intent") or {}).get("name")
        text = None if intent in SAFETY_KINDS else data.get("text")
        if self.current is None:
            self.current = Conversation(day=day_of(row.timestamp))
        self.current.turns.append(Turn(day_of(row.timestamp), intent, _language(parse_data), text))

    def _action(self, name: str) -> None:
        if name in NOT_REPLIES or self.current is None or not self.current.turns:
            return
        turn = self.current.turns[-1]
        turn.replies.append(name)
        if name == ANSWER_ACTION:
            self.answering, self.aspect_set = True, False
        elif name == BOOK_ACTION or (
            name == YES_NO_ACTION and turn.intent == "affirm" and self.slots.get("booking_offered")
        ):
            self.current.booked = True
        elif name == PERSON_ACTION:
            self.current.asked_for_person = True

    def _finish_answer(self) -> None:
        """Record the topic an answer gave (not a "which procedure?" question)."""
        if not self.answering:
            return
        self.answering = False
        aspect = load_knowledge().aspects.get(str(self.slots.get("aspect")))
        if not self.aspect_set or aspect is None or self.current is None:
            return
        procedure = self.slots.get("procedure")
        if not aspect.needs_procedure:
            self.current.answers.append((aspect.name, None))
        elif procedure in (*PROCEDURES, BOTH):
            self.current.answers.append((aspect.name, str(procedure)))


def conversations(rows: Iterable[Row]) -> Iterator[Conversation]:
    """The conversations in ``rows`` (ordered by sender, then as stored)."""
    for _sender, events in itertools.groupby(rows, key=lambda row: row.sender_id):
        reader = _Reader()
        for row in events:
            finished = reader.feed(row)
            if finished:
                yield finished
        last = reader.close()
        if last:
            yield last
