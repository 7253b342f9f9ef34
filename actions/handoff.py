"""Hand-offs to people: the scheduling link and the ways to reach the clinic's staff."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.base import ClinicAction
from actions.clinic_settings import ClinicSettings, load_settings
from actions.replies import scheduling_link_buttons
from actions.texts import language_of, text


def booking_text(settings: ClinicSettings, language: str) -> str:
    """How to book a visit: the link, the offices and, when configured, the phone."""
    call = text("booking_call", language, phone=settings.phone) if settings.phone else ""
    return text(
        "booking_text",
        language,
        doctor=settings.doctor,
        scheduling_url=settings.scheduling_url,
        offices_text=settings.offices_text(language),
        call=call,
    )


def contact_text(settings: ClinicSettings, language: str) -> str:
    """How to reach a person at the clinic."""
    phone = text("contact_phone_clause", language, phone=settings.phone) if settings.phone else ""
    return text(
        "contact_text",
        language,
        doctor=settings.doctor,
        phone=phone,
        scheduling_url=settings.scheduling_url,
        offices_text=settings.offices_text(language),
    )


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
