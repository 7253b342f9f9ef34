import pytest
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from clinic_nlu.unknown_words import UnknownWordsFallback

VOCABULARY = {"how", "long", "does", "a", "nerve", "block", "last", "yes"}


def classify(text, entities=()):
    message = Message({TEXT: text})
    message.set(INTENT, {"name": "affirm", "confidence": 0.8})
    message.set(ENTITIES, list(entities))
    UnknownWordsFallback(None, None, VOCABULARY).process([message])
    return message.get(INTENT)["name"]


@pytest.mark.parametrize("text", ["asdkjh qwe", "zzzz", "qwertyuiop lkjh"])
def test_only_unknown_words_fall_back(text):
    assert classify(text) == "nlu_fallback"


@pytest.mark.parametrize("text", ["yes", "how long does it last", "!!!", "123"])
def test_messages_with_a_known_word_or_no_words_keep_their_intent(text):
    assert classify(text) == "affirm"


def test_a_procedure_from_the_dictionary_counts_as_known():
    entity = {"entity": "procedure", "value": "rhyzotomee", "extractor": "SpacyEntityExtractor"}
    assert classify("rhyzotomee", [entity]) == "affirm"


def test_a_classifier_guess_of_an_entity_does_not():
    entity = {"entity": "procedure", "value": "blah", "extractor": "DIETClassifier"}
    assert classify("blah blah", [entity]) == "nlu_fallback"
