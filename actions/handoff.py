"""Hand-offs to people: the scheduling link and the ways to reach the clinic's staff."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.base import ClinicAction
from actions.clinic_settings import load_settings
from actions.handoff_text import booking_text, contact_text
from actions.replies import scheduling_link_buttons
from actions.several_questions import answer_several, several_questions
from actions.texts import language_of


def send_booking(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """Send the booking hand-off in the form the patient's channel can use."""
    settings = load_settings()
    language = language_of(tracker)
    dispatcher.utter_message(
        text=booking_text(settings, language),
        buttons=scheduling_link_buttons(settings, tracker.get_latest_input_channel(), language),
    )


class ActionBookVisit(ClinicAction):
    """Send the scheduling link as a button for widgets and as a plain URL for terminals."""

    action_name = "action_book_visit"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        if several_questions(tracker):
            return answer_several(dispatcher, tracker)
        send_booking(dispatcher, tracker)
        return []


class ActionContactStaff(ClinicAction):
    """Tell the patient how to reach the clinic's staff."""

    action_name = "action_contact_staff"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        settings = load_settings()
        language = language_of(tracker)
        channel = tracker.get_latest_input_channel()
        dispatcher.utter_message(
            text=contact_text(settings, language),
            buttons=scheduling_link_buttons(settings, channel, language),
        )
        return []
