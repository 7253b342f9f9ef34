"""What the assistant says when it is not sure what the patient asked."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_question import follow_up_buttons
from actions.base import ClinicAction
from actions.clinic_settings import load_settings
from actions.knowledge import load_knowledge
from actions.procedures import BOTH, PROCEDURE_SLOT, procedure_from_entities
from actions.replies import BOOK_BUTTON, intent_button

REPHRASE = (
    "Sorry, I didn't quite understand that. I can answer questions about nerve block "
    "injections and rhizotomy, such as how long relief lasts, what happens during the "
    "procedure or how the two differ, and I can help you book a visit. "
    "Could you rephrase your question?"
)
REPHRASE_BUTTONS = [
    intent_button("What's the difference?", "ask_difference"),
    intent_button("What can you help with?", "ask_capabilities"),
    BOOK_BUTTON,
]


class ActionDefaultFallback(ClinicAction):
    """Ask for a rephrase; when a procedure is named, give its overview meanwhile.

    Replaces Rasa's default fallback action, for low NLU confidence and for
    turns no rule covers alike.
    """

    action_name = "action_default_fallback"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        procedure = procedure_from_entities(tracker.latest_message.get("entities", []))
        if procedure is None:
            dispatcher.utter_message(text=REPHRASE, buttons=REPHRASE_BUTTONS)
            return []
        knowledge = load_knowledge()
        aspect = knowledge.aspects["difference" if procedure == BOTH else "what_is"]
        subject = "nerve blocks and rhizotomy" if procedure == BOTH else f"the {procedure}"
        dispatcher.utter_message(
            text=knowledge.cite(
                f"I'm not sure I understood your question about {subject}, so here is a "
                f"short overview.\n\n{aspect.answer(procedure)}\n\n"
                "If you meant something else, please rephrase it, or ask the clinic's team: "
                f"{load_settings().scheduling_url}"
            ),
            buttons=follow_up_buttons(aspect),
        )
        return [SlotSet(PROCEDURE_SLOT, procedure), SlotSet("aspect", aspect.name)]
