"""Starting over: Rasa's restart, with a reply so the patient is never left in silence."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, Restarted
from rasa_sdk.executor import CollectingDispatcher

from actions.base import ClinicAction
from actions.texts import language_of, text


class ActionRestart(ClinicAction):
    """Forget the conversation (``/restart``) and say so."""

    action_name = "action_restart"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        dispatcher.utter_message(text=text("start_over", language_of(tracker)))
        return [Restarted()]
