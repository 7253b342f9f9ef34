"""Every text exists in English and Spanish, and the Spanish says the same facts."""

import re
from pathlib import Path

import pytest
import yaml

from actions.conditions import conditions
from actions.knowledge import load_knowledge
from actions.texts import LANGUAGES, REPLIES_FILE, text

ROOT = Path(__file__).resolve().parents[2]
REPLIES = yaml.safe_load(REPLIES_FILE.read_text(encoding="utf-8"))
# The durations and counts an answer may state, as English and Spanish write them.
UNITS = {
    "minutes": "minutos",
    "hour": "hora",
    "weeks": "semanas",
    "years": "años",
    "several": "varios",
}


def fields(template: str) -> set[str]:
    return set(re.findall(r"{(\w+)}", template))


@pytest.mark.parametrize("key", sorted(REPLIES))
def test_each_reply_has_both_languages_with_the_same_fields(key):
    assert set(REPLIES[key]) == set(LANGUAGES)
    assert fields(REPLIES[key]["en"]) == fields(REPLIES[key]["es"]), key


def facts(answer: str, language: str) -> tuple[list[str], dict[str, int]]:
    """The numbers of ``answer``, and how often it names each duration or count."""
    lowered = answer.lower()
    numbers = sorted(re.findall(r"\d+", lowered))
    words = {
        english: len(re.findall(rf"\b{english if language == 'en' else spanish}", lowered))
        for english, spanish in UNITS.items()
    }
    return numbers, words


ASPECTS = [(a.name, key) for a in load_knowledge("en").aspects.values() for key in a.answers]


@pytest.mark.parametrize(("aspect", "key"), ASPECTS)
def test_every_spanish_answer_carries_exactly_the_numbers_of_its_english_twin(aspect, key):
    english = load_knowledge("en").aspects[aspect].answers[key]
    spanish = load_knowledge("es").aspects[aspect].answers[key]
    assert facts(spanish, "es") == facts(english, "en")


def test_spanish_covers_every_deferred_topic_and_condition():
    assert set(load_knowledge("es").deferred_topics) == set(load_knowledge("en").deferred_topics)
    assert all(set(entry.names) == set(LANGUAGES) for entry in conditions())


def test_the_offices_read_naturally_in_both_languages():
    assert text("offices_joiner", "es") == " y "
    assert text("offices_joiner", "en") == " and "
