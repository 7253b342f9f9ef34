import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from clinic_nlu.safety_net import SafetyNet, load_safety_rules, safety_intent

RULES = load_safety_rules()


@pytest.mark.parametrize(
    "text",
    [
        "I had a nerve block yesterday and now I can't feel my legs",
        "my legs went numb after the rhizotomy",
        "i lost control of my bladder this morning",
        "can't control my bowels since the shot",
        "having chest pain right now",
        "I have tightness in my chest and pain down my left arm",
        "I can\u2019t breathe well",
        "shortness of breath after the injection",
        "my face is drooping and my speech is slurred",
        "I have a fever and the injection site is swollen and red",
        "the bleeding won't stop",
        "my throat is swelling",
        "I fainted after the procedure",
    ],
)
def test_emergency_wording_is_caught(text):
    assert safety_intent(text, RULES) == "report_emergency"


@pytest.mark.parametrize(
    "text",
    [
        "I want to kill myself",
        "i'm thinking about suicide",
        "sometimes I just want to end it all",
        "I don't want to live anymore",
        "i want to die",
        "thinking of hurting myself",
        "everyone would be better off dead without me... I mean me dead",
    ],
)
def test_self_harm_wording_is_caught(text):
    assert safety_intent(text, RULES) == "report_self_harm"


@pytest.mark.parametrize(
    "text",
    [
        "how long does a nerve block last?",
        "what are the risks of a rhizotomy",
        "does a rhizotomy kill the nerve",
        "will the injection end my pain for good",
        "is it safe if I have a heart condition",
        "my back pain is killing me",
    ],
)
def test_ordinary_questions_are_left_alone(text):
    assert safety_intent(text, RULES) is None


def test_the_component_overrides_the_classifier():
    message = Message({TEXT: "after my nerve block I can't feel my legs"})
    message.set(INTENT, {"name": "ask_risks", "confidence": 0.9})
    message.set(INTENT_RANKING_KEY, [{"name": "ask_risks", "confidence": 0.9}])
    SafetyNet(RULES).process([message])
    assert message.get(INTENT) == {"name": "report_emergency", "confidence": 1.0}
    assert [r["name"] for r in message.get(INTENT_RANKING_KEY)] == [
        "report_emergency",
        "ask_risks",
    ]


def test_the_component_keeps_ordinary_predictions():
    message = Message({TEXT: "how long does a rhizotomy take"})
    message.set(INTENT, {"name": "ask_procedure_length", "confidence": 0.9})
    SafetyNet(RULES).process([message])
    assert message.get(INTENT)["name"] == "ask_procedure_length"
