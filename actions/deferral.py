"""Honest answers to questions the article does not cover."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.base import ClinicAction
from actions.clinic_settings import load_settings
from actions.knowledge import load_knowledge
from actions.procedures import BOTH, PROCEDURE_SLOT, procedure_from_entities
from actions.replies import book_button, intent_button, offer_booking
from actions.texts import language_of, procedure_phrase, text

# A note some topics need besides the deferral (a key of knowledge/replies.yml).
EXTRA_NOTES = {"ask_medications": "medication_caution"}


class ActionDeferTopic(ClinicAction):
    """Say plainly that a topic is not covered here, point to the clinic's team, offer booking."""

    action_name = "action_defer_topic"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        settings = load_settings()
        language = language_of(tracker)
        intent = tracker.latest_message.get("intent", {}).get("name") or ""
        topic = load_knowledge(language).deferred_topics.get(intent) or text(
            "deferral_topic_fallback", language
        )
        procedure = procedure_from_entities(tracker.latest_message.get("entities", []))
        about = ""
        if procedure == BOTH:
            about = text("deferral_about_both", language)
        elif procedure:
            about = text(
                "deferral_about_one", language, procedure=procedure_phrase(procedure, language)
            )
        lines = [
            text("deferral_sorry", language, topic=topic, about=about),
            text(
                "deferral_team",
                language,
                doctor=settings.doctor,
                scheduling_url=settings.scheduling_url,
                offices_text=settings.offices_text(language),
            ),
        ]
        if intent in EXTRA_NOTES:
            lines.append(text(EXTRA_NOTES[intent], language))
        lines.append(text("booking_question", language))
        something_else = text("ask_something_else_button", language)
        dispatcher.utter_message(
            text="\n\n".join(lines),
            buttons=[book_button(language), intent_button(something_else, "ask_capabilities")],
        )
        return [offer_booking(), *([SlotSet(PROCEDURE_SLOT, procedure)] if procedure else [])]
