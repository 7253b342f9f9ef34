"""Honest answers to questions the article does not cover."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.base import ClinicAction
from actions.clinic_settings import load_settings
from actions.knowledge import load_knowledge
from actions.procedures import BOTH, PROCEDURE_SLOT, procedure_from_entities
from actions.replies import BOOK_BUTTON, BOOKING_QUESTION, intent_button, offer_booking

MEDICATION_CAUTION = "Please don't stop or change any medicine without talking to your doctor."
EXTRA_NOTES = {"ask_medications": MEDICATION_CAUTION}


class ActionDeferTopic(ClinicAction):
    """Say plainly that a topic is not covered here, point to the clinic's team, offer booking."""

    action_name = "action_defer_topic"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        settings = load_settings()
        intent = tracker.latest_message.get("intent", {}).get("name") or ""
        topic = load_knowledge().deferred_topics.get(intent, "that topic")
        procedure = procedure_from_entities(tracker.latest_message.get("entities", []))
        about = ""
        if procedure == BOTH:
            about = " for nerve blocks or rhizotomy"
        elif procedure:
            about = f" for a {procedure}"

        lines = [
            f"I'm sorry, I can't answer that here: the clinic's article doesn't cover "
            f"{topic}{about}, and I don't want to guess.",
            f"{settings.doctor}'s team can answer it for you: you can reach them through "
            f"{settings.scheduling_url} (offices in {settings.offices_text}).",
        ]
        if intent in EXTRA_NOTES:
            lines.append(EXTRA_NOTES[intent])
        lines.append(BOOKING_QUESTION)
        dispatcher.utter_message(
            text="\n\n".join(lines),
            buttons=[BOOK_BUTTON, intent_button("Ask something else", "ask_capabilities")],
        )
        return [offer_booking(), *([SlotSet(PROCEDURE_SLOT, procedure)] if procedure else [])]
