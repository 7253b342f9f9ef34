"""Several questions in one message, answered in the order asked, in one reply.

The NLU step ``clinic_nlu.questions`` lists them under the message's ``questions``
(intent and character offsets). Each gets its own paragraph: the article's answer,
or the plain "the article doesn't cover that" for a topic it does not. A request
to book gets the scheduling link, last. The source line, the booking question
(when a topic was not covered and no visit was asked for) and the buttons come
once, at the end. A question that needs a procedure when none is
named or being discussed is answered for both, rather than asking "which one?"
in the middle of several answers.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.clinic_settings import load_settings
from actions.deferral_text import extra_notes, is_deferred_topic, not_covered, who_can_answer
from actions.handoff_text import booking_text
from actions.knowledge import Aspect, load_knowledge
from actions.procedures import (
    BOTH,
    PROCEDURE_ENTITY,
    PROCEDURE_SLOT,
    known_procedure,
    procedure_from_entities,
)
from actions.replies import (
    book_button,
    follow_up_buttons,
    intent_button,
    offer_booking,
    scheduling_link_buttons,
)
from actions.texts import language_of, text

QUESTIONS = "questions"
MAX_ANSWERS = 3
BOOK = "book_appointment"


def several_questions(tracker: Tracker) -> bool:
    """Whether the patient's last message asks more than one question."""
    return len(tracker.latest_message.get(QUESTIONS) or []) > 1


def question_after_a_story(tracker: Tracker) -> bool:
    """Whether the last message's one question came after the patient's own story."""
    return len(tracker.latest_message.get(QUESTIONS) or []) == 1


def _entities_within(entities: list[dict[str, Any]], question: dict) -> list[dict[str, Any]]:
    return [
        entity
        for entity in entities
        if entity.get("entity") == PROCEDURE_ENTITY
        and question.get("start", 0) <= entity.get("start", -1)
        and entity.get("end", 0) <= question.get("end", 0)
    ]


def answer_several(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    """Answer each question of the last message (at most three) in one reply."""
    language = language_of(tracker)
    knowledge = load_knowledge(language)
    entities = tracker.latest_message.get("entities", [])
    known = known_procedure(tracker.get_slot(PROCEDURE_SLOT))
    # A procedure named anywhere in the message holds for the questions that name none.
    in_message = procedure_from_entities(entities, include_generic=known is None)

    paragraphs: list[str] = []
    answered: list[tuple[Aspect, str | None]] = []
    deferred: list[str] = []
    wants_a_visit = False
    for question in tracker.latest_message[QUESTIONS][:MAX_ANSWERS]:
        intent = question.get("intent") or ""
        named = procedure_from_entities(
            _entities_within(entities, question), include_generic=known is None
        )
        procedure = named or in_message or known
        aspect = knowledge.aspects.get(intent.removeprefix("ask_"))
        if aspect is not None:
            chosen = (procedure or BOTH) if aspect.needs_procedure else None
            paragraphs.append(aspect.answer(chosen))
            answered.append((aspect, chosen))
        elif is_deferred_topic(intent, language):
            paragraphs.append(not_covered(intent, procedure, language))
            deferred.append(intent)
        elif intent == BOOK:
            wants_a_visit = True

    if deferred:
        paragraphs += [who_can_answer(language), *extra_notes(deferred, language)]
        if not wants_a_visit:
            paragraphs.append(text("booking_question", language))
    settings = load_settings()
    if wants_a_visit:
        paragraphs.append(booking_text(settings, language))
    reply = "\n\n".join(paragraphs)
    events: list[EventType] = []
    if answered:
        last_aspect, last_procedure = answered[-1]
        reply = knowledge.cite(reply)
        buttons = follow_up_buttons(last_aspect)
        events.append(SlotSet("aspect", last_aspect.name))
        if last_procedure:
            events.append(SlotSet(PROCEDURE_SLOT, last_procedure))
    else:
        something_else = text("ask_something_else_button", language)
        buttons = [book_button(language), intent_button(something_else, "ask_capabilities")]
    if wants_a_visit:
        channel = tracker.get_latest_input_channel()
        buttons = scheduling_link_buttons(settings, channel, language)
    elif deferred:
        events.append(offer_booking())
    dispatcher.utter_message(text=reply, buttons=buttons)
    return events
