"""Starting over: Rasa's restart, with a reply so the patient is never left in silence."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, Restarted
from rasa_sdk.executor import CollectingDispatcher

START_OVER = "Okay, let's start over. What would you like to know about nerve blocks or rhizotomy?"


class ActionRestart(Action):
    """Forget the conversation (``/restart``) and say so."""

    def name(self) -> str:
        return "action_restart"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(text=START_OVER)
        return [Restarted()]
