"""What the assistant says when it is not sure what the patient asked."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.base import ClinicAction
from actions.clinic_settings import load_settings
from actions.knowledge import Aspect, Knowledge, load_knowledge
from actions.procedures import BOTH, PROCEDURE_SLOT, procedure_from_entities
from actions.replies import Button, book_button, follow_up_buttons, intent_button
from actions.texts import language_of, procedure_phrase, text

# Two article aspects the classifier hesitates between ("how long is a rhizotomy": the
# procedure's length, or the relief's?) are offered as a choice when together they
# are this likely and the second is at least this likely.
CLOSE_ASPECTS_TOGETHER = 0.6
CLOSE_ASPECT_MINIMUM = 0.2


def rephrase_buttons(language: str) -> list[Button]:
    """Where to go from a message the assistant did not understand."""
    return [
        intent_button(text("rephrase_button_difference", language), "ask_difference"),
        intent_button(text("rephrase_button_capabilities", language), "ask_capabilities"),
        book_button(language),
    ]


def close_aspects(ranking: list[dict], knowledge: Knowledge) -> list[Aspect]:
    """The two aspects the message most likely asks, when it is one or the other."""
    ranked = [entry for entry in ranking if entry.get("name") != "nlu_fallback"][:2]
    aspects = [knowledge.aspects.get(entry["name"].replace("ask_", "", 1)) for entry in ranked]
    confidences = [entry.get("confidence", 0.0) for entry in ranked]
    if (
        len(ranked) == 2
        and all(aspects)
        and min(confidences) >= CLOSE_ASPECT_MINIMUM
        and sum(confidences) >= CLOSE_ASPECTS_TOGETHER
    ):
        return aspects
    return []


def aspect_buttons(aspects: list[Aspect], procedure: str | None) -> list[Button]:
    """Each aspect's question as a quick reply, about ``procedure`` when one was named."""
    return [intent_button(aspect.button, f"ask_{aspect.name}", procedure) for aspect in aspects]


class ActionDefaultFallback(ClinicAction):
    """Ask which of two close aspects was meant, or for a rephrase with an overview.

    Replaces Rasa's default fallback action, for low NLU confidence and for
    turns no rule covers alike.
    """

    action_name = "action_default_fallback"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        language = language_of(tracker)
        procedure = procedure_from_entities(tracker.latest_message.get("entities", []))
        knowledge = load_knowledge(language)
        ranking = tracker.latest_message.get("intent_ranking") or []
        if aspects := close_aspects(ranking, knowledge):
            dispatcher.utter_message(
                text=text("which_question", language), buttons=aspect_buttons(aspects, procedure)
            )
            return [SlotSet(PROCEDURE_SLOT, procedure)] if procedure else []
        if procedure is None:
            dispatcher.utter_message(
                text=text("rephrase", language), buttons=rephrase_buttons(language)
            )
            return []
        aspect = knowledge.aspects["difference" if procedure == BOTH else "what_is"]
        if procedure == BOTH:
            subject = text("fallback_subject_both", language)
        else:
            subject = procedure_phrase(procedure, language, definite=True)
        overview = text(
            "fallback_overview",
            language,
            subject=subject,
            answer=aspect.answer(procedure),
            scheduling_url=load_settings().scheduling_url,
        )
        dispatcher.utter_message(text=knowledge.cite(overview), buttons=follow_up_buttons(aspect))
        return [SlotSet(PROCEDURE_SLOT, procedure), SlotSet("aspect", aspect.name)]
