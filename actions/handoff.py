"""Hand-offs to people: the scheduling link and the ways to reach the clinic's staff."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.base import ClinicAction
from actions.clinic_settings import ClinicSettings, load_settings
from actions.replies import scheduling_link_buttons


def booking_text(settings: ClinicSettings) -> str:
    """How to book a visit: the link, the offices and, when configured, the phone."""
    call = f" You can also call {settings.phone}." if settings.phone else ""
    return (
        f"You can book a visit with {settings.doctor} online here: {settings.scheduling_url}\n\n"
        f"Our offices are in {settings.offices_text}; pick the one nearest to you.{call}"
    )


def contact_text(settings: ClinicSettings) -> str:
    """How to reach a person at the clinic."""
    phone = f"call the clinic at {settings.phone}, or " if settings.phone else ""
    return (
        "I'm the clinic's virtual assistant, so I can't pass this chat to a person. "
        f"To talk to {settings.doctor}'s team, {phone}use the scheduling page: "
        f"{settings.scheduling_url} (offices in {settings.offices_text})."
    )


def send_booking(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """Send the booking hand-off in the form the patient's channel can use."""
    settings = load_settings()
    dispatcher.utter_message(
        text=booking_text(settings),
        buttons=scheduling_link_buttons(settings, tracker.get_latest_input_channel()),
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
        channel = tracker.get_latest_input_channel()
        dispatcher.utter_message(
            text=contact_text(settings),
            buttons=scheduling_link_buttons(settings, channel),
        )
        return []
