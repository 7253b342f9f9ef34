from rasa_sdk.events import SlotSet

from actions.deferral import MEDICATION_CAUTION, ActionDeferTopic
from actions.replies import BOOKING_QUESTION
from tests.unit.trackers import make_tracker, procedure_entity

ACTION = ActionDeferTopic()


def test_defers_honestly_with_the_scheduling_link(dispatcher):
    events = ACTION.run(dispatcher, make_tracker("ask_risks"), {})
    text = dispatcher.messages[0]["text"]
    assert "can't answer" in text
    assert "risks or possible side effects" in text
    assert "https://www.sportsandpainmanagement.com/" in text
    assert text.endswith(BOOKING_QUESTION)
    assert events == []


def test_names_and_remembers_the_procedure(dispatcher):
    tracker = make_tracker("ask_cost", [procedure_entity("radiofrequency ablation")])
    events = ACTION.run(dispatcher, tracker, {})
    assert "the cost for a rhizotomy" in dispatcher.messages[0]["text"]
    assert events == [SlotSet("procedure", "rhizotomy")]


def test_medication_questions_carry_a_caution(dispatcher):
    ACTION.run(dispatcher, make_tracker("ask_medications"), {})
    assert MEDICATION_CAUTION in dispatcher.messages[0]["text"]


def test_the_scheduling_link_is_configurable(dispatcher, monkeypatch):
    monkeypatch.setenv("CLINIC_SCHEDULING_URL", "https://example.org/book")
    ACTION.run(dispatcher, make_tracker("ask_insurance"), {})
    assert "https://example.org/book" in dispatcher.messages[0]["text"]
