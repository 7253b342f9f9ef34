"""What the assistant says when it is not sure what the patient asked."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.base import ClinicAction
from actions.clinic_settings import load_settings
from actions.knowledge import load_knowledge
from actions.procedures import BOTH, PROCEDURE_SLOT, procedure_from_entities
from actions.replies import Button, book_button, follow_up_buttons, intent_button
from actions.texts import language_of, procedure_phrase, text


def rephrase_buttons(language: str) -> list[Button]:
    """Where to go from a message the assistant did not understand."""
    return [
        intent_button(text("rephrase_button_difference", language), "ask_difference"),
        intent_button(text("rephrase_button_capabilities", language), "ask_capabilities"),
        book_button(language),
    ]


class ActionDefaultFallback(ClinicAction):
    """Ask for a rephrase; when a procedure is named, give its overview meanwhile.

    Replaces Rasa's default fallback action, for low NLU confidence and for
    turns no rule covers alike.
    """

    action_name = "action_default_fallback"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        language = language_of(tracker)
        procedure = procedure_from_entities(tracker.latest_message.get("entities", []))
        if procedure is None:
            dispatcher.utter_message(
                text=text("rephrase", language), buttons=rephrase_buttons(language)
            )
            return []
        knowledge = load_knowledge(language)
        aspect = knowledge.aspects["difference" if procedure == BOTH else "what_is"]
        if procedure == BOTH:
            subject = text("fallback_subject_both", language)
        else:
            subject = procedure_phrase(procedure, language, definite=True)
        overview = text(
            "fallback_overview",
            language,
            subject=subject,
            answer=aspect.answer(procedure),
            scheduling_url=load_settings().scheduling_url,
        )
        dispatcher.utter_message(text=knowledge.cite(overview), buttons=follow_up_buttons(aspect))
        return [SlotSet(PROCEDURE_SLOT, procedure), SlotSet("aspect", aspect.name)]
