"""The sentences that say a topic is not covered here and who can answer it."""

from __future__ import annotations

from actions.clinic_settings import load_settings
from actions.knowledge import load_knowledge
from actions.procedures import BOTH
from actions.texts import procedure_phrase, text

# A note some topics need besides the deferral (a key of knowledge/replies.yml).
EXTRA_NOTES = {"ask_medications": "medication_caution"}


def is_deferred_topic(intent: str, language: str) -> bool:
    return intent in load_knowledge(language).deferred_topics


def not_covered(intent: str, procedure: str | None, language: str) -> str:
    """ "I can't answer that here: the article doesn't cover <topic> [for <procedure>]"."""
    topic = load_knowledge(language).deferred_topics.get(intent) or text(
        "deferral_topic_fallback", language
    )
    about = ""
    if procedure == BOTH:
        about = text("deferral_about_both", language)
    elif procedure:
        about = text(
            "deferral_about_one", language, procedure=procedure_phrase(procedure, language)
        )
    return text("deferral_sorry", language, topic=topic, about=about)


def who_can_answer(language: str) -> str:
    """The clinic's team, the scheduling link and the offices."""
    return text("deferral_team", language, **load_settings().reply_fields(language))


def extra_notes(intents: list[str], language: str) -> list[str]:
    """The notes the deferred ``intents`` need, each once."""
    keys = dict.fromkeys(EXTRA_NOTES[intent] for intent in intents if intent in EXTRA_NOTES)
    return [text(key, language) for key in keys]
