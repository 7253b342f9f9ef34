"""Replies to a bare "yes" or "no", read against what the assistant last offered."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.base import ClinicAction
from actions.handoff import send_booking
from actions.replies import BOOKING_OFFERED_SLOT, booking_offered
from actions.texts import language_of, text


class ActionHandleYesNo(ClinicAction):
    """A yes to an offered booking books; anything else gets a short, steering reply."""

    action_name = "action_handle_yes_no"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        language = language_of(tracker)
        said_yes = tracker.latest_message.get("intent", {}).get("name") == "affirm"
        if booking_offered(tracker):
            if said_yes:
                send_booking(dispatcher, tracker)
            else:
                dispatcher.utter_message(text=text("no_booking", language))
        else:
            reply = "anything_else" if said_yes else "anything_else_after_no"
            dispatcher.utter_message(text=text(reply, language))
        # The offer is answered (or there was none): a second "yes" books nothing.
        return [SlotSet(BOOKING_OFFERED_SLOT, False)]
