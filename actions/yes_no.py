"""Replies to a bare "yes" or "no", read against what the assistant last offered."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.base import ClinicAction
from actions.handoff import send_booking
from actions.replies import BOOKING_OFFERED_SLOT, booking_offered

ANYTHING_ELSE = "Great. What else would you like to know about nerve blocks or rhizotomy?"
ANYTHING_ELSE_AFTER_NO = "Okay. Is there anything else I can help you with?"
NO_BOOKING = (
    'No problem. If you change your mind, just say "book a visit". '
    "Anything else I can help with?"
)


class ActionHandleYesNo(ClinicAction):
    """A yes to an offered booking books; anything else gets a short, steering reply."""

    action_name = "action_handle_yes_no"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        said_yes = tracker.latest_message.get("intent", {}).get("name") == "affirm"
        if booking_offered(tracker):
            if said_yes:
                send_booking(dispatcher, tracker)
            else:
                dispatcher.utter_message(text=NO_BOOKING)
        else:
            dispatcher.utter_message(text=ANYTHING_ELSE if said_yes else ANYTHING_ELSE_AFTER_NO)
        # The offer is answered (or there was none): a second "yes" books nothing.
        return [SlotSet(BOOKING_OFFERED_SLOT, False)]
