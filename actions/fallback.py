"""What the assistant says when it is not sure what the patient asked."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_question import follow_up_buttons
from actions.clinic_settings import load_settings
from actions.knowledge import load_knowledge
from actions.procedures import BOTH, procedure_from_entities


class ActionFallback(Action):
    """Ask for a rephrase; when a procedure is named, give its overview meanwhile."""

    def name(self) -> str:
        return "action_fallback"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: dict[str, Any],
    ) -> list[EventType]:
        procedure = procedure_from_entities(tracker.latest_message.get("entities", []))
        if procedure is None:
            dispatcher.utter_message(response="utter_default")
            return []
        knowledge = load_knowledge()
        aspect = knowledge.aspects["difference" if procedure == BOTH else "what_is"]
        subject = "nerve blocks and rhizotomy" if procedure == BOTH else f"the {procedure}"
        dispatcher.utter_message(
            text=f"I'm not sure I understood your question about {subject}, so here is a "
            f"short overview.\n\n{aspect.answer(procedure)}\n\n"
            "If you meant something else, please rephrase it, or ask the clinic's team: "
            f"{load_settings().scheduling_url}\n\nSource: {knowledge.source}",
            buttons=follow_up_buttons(aspect),
        )
        return [SlotSet("procedure", procedure), SlotSet("aspect", aspect.name)]
