"""Pieces shared by the assistant's replies: buttons, the booking offer, the source line."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions.clinic_settings import ClinicSettings
from actions.knowledge import Aspect, load_knowledge
from actions.texts import text

Button = dict[str, str]

BOOK_PAYLOAD = "/book_appointment"
# Whether the assistant's last reply ended with the booking question, so that a bare
# "yes" books. The actions whose reply asks it set it (offer_booking); domain.yml
# sets it for the one fixed response that asks it and resets it on every other
# message but a yes or a no, which action_handle_yes_no reads and then resets.
BOOKING_OFFERED_SLOT = "booking_offered"
TERMINAL_CHANNEL = "cmdline"


def book_button(language: str) -> Button:
    """The quick reply that books a visit."""
    return {"title": text("book_button", language), "payload": BOOK_PAYLOAD}


def intent_button(title: str, intent: str, procedure: str | None = None) -> Button:
    """A quick reply that sends ``intent`` (about ``procedure``, when given) as if the
    patient had typed the question."""
    entities = f'{{"procedure":"{procedure}"}}' if procedure else ""
    return {"title": title, "payload": f"/{intent}{entities}"}


def follow_up_buttons(aspect: Aspect) -> list[Button]:
    """Related questions to offer after an answer, and booking."""
    aspects = load_knowledge(aspect.language).aspects
    related = [intent_button(aspects[name].button, f"ask_{name}") for name in aspect.follow_ups]
    return [*related, book_button(aspect.language)]


def scheduling_link_buttons(
    settings: ClinicSettings, channel: str | None, language: str
) -> list[Button]:
    """A button that opens the scheduling page, for channels that can open links.

    In a terminal (``rasa shell``) a button's payload is sent back as a message,
    so there the link is only printed as a plain URL in the text.
    """
    if channel == TERMINAL_CHANNEL:
        return []
    return [
        {
            "title": text("open_scheduling_page_button", language),
            "type": "web_url",
            "url": settings.scheduling_url,
            "payload": settings.scheduling_url,
        }
    ]


def offer_booking() -> SlotSet:
    """The event an action returns when its reply ends with the booking question."""
    return SlotSet(BOOKING_OFFERED_SLOT, True)


def booking_offered(tracker: Tracker) -> bool:
    """Whether the assistant's last reply asked if the patient wants to book a visit."""
    return tracker.get_slot(BOOKING_OFFERED_SLOT) is True
