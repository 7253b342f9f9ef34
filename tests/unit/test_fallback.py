import pytest
from rasa_sdk.events import SlotSet

from actions.fallback import ActionDefaultFallback
from actions.texts import text
from tests.unit.trackers import generic_injection, make_tracker, procedure_entity

REPHRASE = text("rephrase", "en")
ACTION = ActionDefaultFallback()


def test_without_a_procedure_it_asks_to_rephrase(dispatcher):
    assert ACTION.run(dispatcher, make_tracker("nlu_fallback"), {}) == []
    assert dispatcher.messages[0]["text"] == REPHRASE


def test_a_procedure_discussed_before_is_not_a_reason_for_an_overview(dispatcher):
    tracker = make_tracker("nlu_fallback", slots={"procedure": "rhizotomy"})
    assert ACTION.run(dispatcher, tracker, {}) == []
    assert dispatcher.messages[0]["text"] == REPHRASE


def test_with_a_procedure_it_gives_an_overview_and_remembers_it(dispatcher):
    tracker = make_tracker("nlu_fallback", [procedure_entity("rhizotomy")])
    events = ACTION.run(dispatcher, tracker, {})
    text = dispatcher.messages[0]["text"]
    assert "not sure I understood" in text and "semi-permanent" in text
    assert "rephrase" in text and "https://" in text
    assert SlotSet("procedure", "rhizotomy") in events


def test_with_both_procedures_it_explains_the_difference(dispatcher):
    entities = [procedure_entity("nerve block"), procedure_entity("rhizotomy")]
    events = ACTION.run(dispatcher, make_tracker("nlu_fallback", entities), {})
    assert "front-line" in dispatcher.messages[0]["text"]
    assert events == [SlotSet("procedure", "both"), SlotSet("aspect", "difference")]


def test_a_named_procedure_beside_the_shot_gets_its_own_overview(dispatcher):
    entities = [procedure_entity("rhizotomy"), generic_injection()]
    events = ACTION.run(dispatcher, make_tracker("nlu_fallback", entities), {})
    assert "semi-permanent" in dispatcher.messages[0]["text"]
    assert SlotSet("procedure", "rhizotomy") in events


HESITANT = [("nlu_fallback", 0.3), ("ask_procedure_length", 0.51), ("ask_relief_duration", 0.47)]


def test_between_two_close_aspects_it_asks_which_one_with_the_procedure_kept(dispatcher):
    tracker = make_tracker("nlu_fallback", [procedure_entity("rhizotomy")], ranking=HESITANT)
    events = ACTION.run(dispatcher, tracker, {})
    message = dispatcher.messages[0]
    assert message["text"] == text("which_question", "en")
    assert [b["payload"] for b in message["buttons"]] == [
        '/ask_procedure_length{"procedure":"rhizotomy"}',
        '/ask_relief_duration{"procedure":"rhizotomy"}',
    ]
    assert [b["title"] for b in message["buttons"]] == [
        "How long does the procedure take?",
        "How long does relief last?",
    ]
    assert events == [SlotSet("procedure", "rhizotomy")]


def test_the_choice_comes_in_spanish_without_a_procedure(dispatcher):
    tracker = make_tracker("nlu_fallback", slots={"language": "es"}, ranking=HESITANT)
    assert ACTION.run(dispatcher, tracker, {}) == []
    message = dispatcher.messages[0]
    assert message["text"] == text("which_question", "es")
    assert [b["payload"] for b in message["buttons"]] == [
        "/ask_procedure_length",
        "/ask_relief_duration",
    ]


@pytest.mark.parametrize(
    "ranking",
    [
        [("nlu_fallback", 0.3), ("ask_procedure_length", 0.28), ("ask_relief_duration", 0.15)],
        [("nlu_fallback", 0.3), ("ask_procedure_length", 0.5), ("greet", 0.45)],
        [("nlu_fallback", 0.3), ("ask_cost", 0.5), ("ask_insurance", 0.45)],  # deferrals
    ],
)
def test_no_choice_when_the_second_is_unlikely_or_not_an_article_aspect(dispatcher, ranking):
    ACTION.run(dispatcher, make_tracker("nlu_fallback", ranking=ranking), {})
    assert dispatcher.messages[0]["text"] == REPHRASE


def test_restart_says_so_and_restarts(dispatcher):
    from rasa_sdk.events import Restarted

    from actions.restart import ActionRestart

    assert ActionRestart().run(dispatcher, make_tracker("restart"), {}) == [Restarted()]
    assert dispatcher.messages[0]["text"] == text("start_over", "en")
