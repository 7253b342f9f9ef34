from rasa_sdk.events import SlotSet

from actions.deferral import ActionDeferTopic
from actions.texts import text
from tests.unit.trackers import generic_injection, make_tracker, procedure_entity

BOOKING_QUESTION = text("booking_question", "en")
MEDICATION_CAUTION = text("medication_caution", "en")
ACTION = ActionDeferTopic()


def test_defers_honestly_with_the_scheduling_link(dispatcher):
    events = ACTION.run(dispatcher, make_tracker("ask_risks"), {})
    text = dispatcher.messages[0]["text"]
    assert "can't answer" in text
    assert "risks or possible side effects" in text
    assert "https://www.sportsandpainmanagement.com/" in text
    assert text.endswith(BOOKING_QUESTION)
    assert events == [SlotSet("booking_offered", True)]  # so a "yes" books


def test_names_and_remembers_the_procedure(dispatcher):
    tracker = make_tracker("ask_cost", [procedure_entity("rhizotomy")])
    events = ACTION.run(dispatcher, tracker, {})
    assert "the cost for a rhizotomy" in dispatcher.messages[0]["text"]
    assert events == [SlotSet("booking_offered", True), SlotSet("procedure", "rhizotomy")]


def test_two_procedures_are_both(dispatcher):
    entities = [procedure_entity("nerve block"), procedure_entity("rhizotomy")]
    events = ACTION.run(dispatcher, make_tracker("ask_recovery", entities), {})
    assert "for nerve blocks or rhizotomy" in dispatcher.messages[0]["text"]
    assert SlotSet("procedure", "both") in events


def test_the_shot_is_the_nerve_block(dispatcher):
    events = ACTION.run(dispatcher, make_tracker("ask_cost", [generic_injection()]), {})
    assert "the cost for a nerve block" in dispatcher.messages[0]["text"]
    assert SlotSet("procedure", "nerve block") in events


def test_medication_questions_carry_a_caution(dispatcher):
    ACTION.run(dispatcher, make_tracker("ask_medications"), {})
    assert MEDICATION_CAUTION in dispatcher.messages[0]["text"]


def test_the_scheduling_link_is_configurable(dispatcher, monkeypatch):
    monkeypatch.setenv("CLINIC_SCHEDULING_URL", "https://example.org/book")
    ACTION.run(dispatcher, make_tracker("ask_insurance"), {})
    assert "https://example.org/book" in dispatcher.messages[0]["text"]
