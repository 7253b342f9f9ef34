"""Honest answers to questions the article does not cover."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.base import ClinicAction
from actions.deferral_text import extra_notes, not_covered, who_can_answer
from actions.procedures import PROCEDURE_SLOT, procedure_from_entities
from actions.replies import book_button, intent_button, offer_booking
from actions.several_questions import answer_several, several_questions
from actions.texts import language_of, text


class ActionDeferTopic(ClinicAction):
    """Say plainly that a topic is not covered here, point to the clinic's team, offer booking."""

    action_name = "action_defer_topic"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        if several_questions(tracker):
            return answer_several(dispatcher, tracker)
        language = language_of(tracker)
        intent = tracker.latest_message.get("intent", {}).get("name") or ""
        procedure = procedure_from_entities(tracker.latest_message.get("entities", []))
        lines = [
            not_covered(intent, procedure, language),
            who_can_answer(language),
            *extra_notes([intent], language),
            text("booking_question", language),
        ]
        something_else = text("ask_something_else_button", language)
        dispatcher.utter_message(
            text="\n\n".join(lines),
            buttons=[book_button(language), intent_button(something_else, "ask_capabilities")],
        )
        return [offer_booking(), *([SlotSet(PROCEDURE_SLOT, procedure)] if procedure else [])]
