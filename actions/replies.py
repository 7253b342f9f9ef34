"""Pieces shared by the assistant's replies: buttons, the booking offer, the source line."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

from actions.clinic_settings import ClinicSettings

Button = dict[str, str]

BOOK_PAYLOAD = "/book_appointment"
BOOKING_QUESTION = "Would you like to book a visit?"
BOOK_BUTTON: Button = {"title": "Book a visit", "payload": BOOK_PAYLOAD}
TERMINAL_CHANNEL = "cmdline"


def intent_button(title: str, intent: str) -> Button:
    """A quick reply that sends ``intent`` as if the patient had typed the question."""
    return {"title": title, "payload": f"/{intent}"}


def scheduling_link_buttons(settings: ClinicSettings, channel: str | None) -> list[Button]:
    """A button that opens the scheduling page, for channels that can open links.

    In a terminal (``rasa shell``) a button's payload is sent back as a message,
    so there the link is only printed as a plain URL in the text.
    """
    if channel == TERMINAL_CHANNEL:
        return []
    return [
        {
            "title": "Open the scheduling page",
            "type": "web_url",
            "url": settings.scheduling_url,
            "payload": settings.scheduling_url,
        }
    ]


def last_bot_message(tracker: Tracker) -> dict[str, Any] | None:
    """The newest message the assistant sent in this conversation."""
    return next((e for e in reversed(tracker.events) if e.get("event") == "bot"), None)


def offered_booking(tracker: Tracker) -> bool:
    """Whether the assistant's last message asked if the patient wants to book a visit."""
    message = last_bot_message(tracker) or {}
    return BOOKING_QUESTION in (message.get("text") or "")
