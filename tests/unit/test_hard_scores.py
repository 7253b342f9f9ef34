import pytest

from evaluation.hard import HARD_SETS, HardExample, hard_table, load_hard, score_hard

STORY = HardExample("my back hurts. how long does it last?", ("ask_relief_duration",), "story")
TWO = HardExample(
    "how long and does it hurt", ("ask_procedure_length", "ask_comfort"), "two_questions"
)


def test_two_questions_are_right_only_when_both_and_nothing_else_are_found():
    answers = {
        STORY.text: ("ask_relief_duration",),
        TWO.text: ("ask_comfort", "ask_procedure_length"),
    }
    scores = score_hard([STORY, TWO], lambda texts: [answers[t] for t in texts])
    assert scores.single == 1.0 and scores.two_questions == 1.0
    assert scores.passed() and scores.met_targets()

    answers[TWO.text] = ("ask_procedure_length",)
    scores = score_hard([STORY, TWO], lambda texts: [answers[t] for t in texts])
    assert scores.two_questions == 0.0 and not scores.passed()
    assert scores.misses == [
        ("two_questions", "ask_procedure_length+ask_comfort", "ask_procedure_length")
    ]


def test_a_single_question_is_judged_by_the_first_intent_found():
    scores = score_hard([STORY], lambda texts: [("ask_onset",)])
    assert scores.single == 0.0
    assert "| story | 1 | 0.0% |" in hard_table({"ours": scores}, "English")


@pytest.mark.parametrize("path", HARD_SETS.values())
def test_each_hard_set_has_every_kind_and_labels_several_questions_in_order(path):
    examples = load_hard(path)
    kinds = {e.kind for e in examples}
    assert {"misspelled_2", "story", "indirect", "two_questions", "three_questions"} <= kinds
    assert sum(e.kind == "two_questions" for e in examples) >= 50
    assert all(len(e.intents) == 2 for e in examples if e.kind == "two_questions")
    assert all("[" not in e.text for e in examples)  # entity marks removed
    assert len(examples) >= 140
