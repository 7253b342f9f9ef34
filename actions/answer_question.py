"""Answers questions about the article, keeping track of the procedure and the aspect."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.base import ClinicAction
from actions.conditions import condition_named, not_in_the_article
from actions.knowledge import Aspect, load_knowledge
from actions.procedures import (
    BOTH,
    NERVE_BLOCK,
    PROCEDURE_SLOT,
    RHIZOTOMY,
    known_procedure,
    other_procedure,
    procedure_from_entities,
)
from actions.replies import Button, follow_up_buttons, intent_button
from actions.several_questions import answer_several, question_after_a_story, several_questions
from actions.texts import language_of, procedure_label, text

INFORM_PROCEDURE = "inform_procedure"
SWITCH_PROCEDURE = "switch_procedure"
DEFAULT_ASPECT = "what_is"
CONDITION_SLOT = "condition"


def clarify_buttons(aspect: Aspect) -> list[Button]:
    """Buttons that answer "which procedure?" and then the pending question."""
    intent = f"ask_{aspect.name}"
    return [
        intent_button(procedure_label(value, aspect.language), intent, value)
        for value in (NERVE_BLOCK, RHIZOTOMY, BOTH)
    ]


class ActionAnswerQuestion(ClinicAction):
    """Answer an aspect of a procedure, asking which procedure when it matters and is unknown.

    ``inform_procedure`` ("and a rhizotomy?") repeats the last aspect for the named
    procedure; ``switch_procedure`` ("and the other one?") for the procedure it names,
    or else for the other procedure.
    """

    action_name = "action_answer_question"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        if several_questions(tracker):
            return answer_several(dispatcher, tracker)
        language = language_of(tracker)
        knowledge = load_knowledge(language)
        intent = tracker.latest_message.get("intent", {}).get("name")
        entities = tracker.latest_message.get("entities", [])
        known = known_procedure(tracker.get_slot(PROCEDURE_SLOT))
        naming = intent in (INFORM_PROCEDURE, SWITCH_PROCEDURE)
        # In a question "the injection" means the procedure we are talking about, else
        # the nerve block; a message that only names one ("and the shot?") names the nerve block.
        mentioned = procedure_from_entities(entities, include_generic=naming or known is None)

        if naming:
            previous = knowledge.aspects.get(tracker.get_slot("aspect") or "")
            needs_one = previous is not None and previous.needs_procedure
            aspect = previous if needs_one else knowledge.aspects[DEFAULT_ASPECT]
            if intent == SWITCH_PROCEDURE:
                mentioned = mentioned or other_procedure(known)
        else:
            aspect = knowledge.aspects.get((intent or "").replace("ask_", "", 1))
        if aspect is None:
            return [FollowupAction("action_default_fallback")]

        procedure = mentioned or known
        # A condition the article does not name, asked now or before "which procedure?"
        condition = condition_named(tracker.latest_message.get("text") or "") or tracker.get_slot(
            CONDITION_SLOT
        )
        events: list[EventType] = [SlotSet("aspect", aspect.name)]
        if procedure:
            events.append(SlotSet(PROCEDURE_SLOT, procedure))

        if aspect.needs_procedure and procedure is None:
            dispatcher.utter_message(
                text=text("clarify_question", language, topic=aspect.topic),
                buttons=clarify_buttons(aspect),
            )
            return [*events, SlotSet(CONDITION_SLOT, condition)]

        answer = aspect.answer(procedure)
        if question_after_a_story(tracker):
            answer = f"{text('general_information_note', language)}\n\n{answer}"
        if condition:
            answer = f"{answer}\n\n{not_in_the_article(condition, procedure, language)}"
        dispatcher.utter_message(text=knowledge.cite(answer), buttons=follow_up_buttons(aspect))
        return [*events, SlotSet(CONDITION_SLOT, None)]
