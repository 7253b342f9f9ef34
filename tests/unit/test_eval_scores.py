import pytest

from evaluation.datasets import Example
from evaluation.scores import Prediction, score

EXAMPLES = [
    Example("how much", "ask_cost", frozenset()),
    Example("price of a rhizotomy", "ask_cost", frozenset({"rhizotomy"})),
    Example("hi", "greet", frozenset()),
    Example("nerve block or rhizotomy", "ask_difference", frozenset({"nerve block", "rhizotomy"})),
]
PREDICTIONS = [
    Prediction("ask_cost", frozenset()),
    Prediction("greet", frozenset({"rhizotomy"})),
    Prediction("greet", frozenset()),
    Prediction("ask_difference", frozenset({"nerve block", "both"})),
]


def test_intent_and_procedure_scores():
    scores = score(EXAMPLES, PREDICTIONS)
    assert scores.intent_accuracy == pytest.approx(0.75)
    assert scores.per_intent_f1["ask_cost"] == pytest.approx(2 / 3)
    assert scores.per_intent_f1["greet"] == pytest.approx(2 / 3)
    assert scores.per_intent_f1["ask_difference"] == pytest.approx(1.0)
    assert scores.entity_precision == pytest.approx(2 / 3)
    assert scores.entity_recall == pytest.approx(2 / 3)
    assert scores.confusions == [("ask_cost", "greet", 1)]
    assert scores.weakest(1)[0][1] == pytest.approx(2 / 3)
