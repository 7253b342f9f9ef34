"""Starting over: Rasa's restart, with a reply so the patient is never left in silence."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, Restarted
from rasa_sdk.executor import CollectingDispatcher

from actions.base import ClinicAction

START_OVER = "Okay, let's start over. What would you like to know about nerve blocks or rhizotomy?"


class ActionRestart(ClinicAction):
    """Forget the conversation (``/restart``) and say so."""

    action_name = "action_restart"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        dispatcher.utter_message(text=START_OVER)
        return [Restarted()]
