import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from clinic_nlu.language import LANGUAGE_ENTITY, message_language
from clinic_nlu.safety import find_danger, load_safety_rules
from clinic_nlu.safety_net import SafetyNet

RULES = load_safety_rules()


def safety_intent(text: str, rules=RULES) -> str | None:
    danger = find_danger(text, rules)
    return danger.intent if danger else None


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
        "my sister had a stroke years ago, can she still get a rhizotomy?",
        "what if I faint when I see the needle?",
        "could I have an allergic reaction to the anesthetic?",
        "este dolor me esta matando, cuanto dura el bloqueo",
        "my legs are dead tired after work",
        "does it hurt? I passed out once getting my blood drawn",
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


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("I am Planning to take my own life", "report_self_harm"),
        ("ya no quiero vivir", "report_self_harm"),
        ("me tome todas las pastillas del frasco", "report_self_harm"),
        ("no puedo respirar desde la inyeccion", "report_emergency"),
        ("i had a stroke years ago and now my face is drooping again", "report_emergency"),
        ("cant breath rite now", "report_emergency"),
    ],
)
def test_crises_however_written_are_caught(text, intent):
    assert safety_intent(text) == intent


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("me duele mucho el pecho", "es"),
        ("my chest hurts so much", "en"),
        ("ya no quiero estar aqui, everybody would be better without me", "mixed"),
    ],
)
def test_the_reply_language_follows_the_message(text, language):
    assert message_language(text) == language


def test_a_spanish_emergency_carries_its_language():
    message = Message({TEXT: "mi esposo no puede respirar"})
    message.set(INTENT, {"name": "out_of_scope", "confidence": 0.6})
    SafetyNet(RULES).process([message])
    assert message.get(INTENT)["name"] == "report_emergency"
    languages = [e["value"] for e in message.get("entities") if e["entity"] == LANGUAGE_ENTITY]
    assert languages == ["es"]


def test_a_classifier_alarm_about_the_past_is_withdrawn():
    message = Message({TEXT: "my uncle had a heart problem years ago, is a nerve block ok"})
    ranking = [
        {"name": "report_emergency", "confidence": 0.5},
        {"name": "ask_candidates", "confidence": 0.3},
    ]
    message.set(INTENT, ranking[0])
    message.set(INTENT_RANKING_KEY, ranking)
    SafetyNet(RULES).process([message])
    assert message.get(INTENT)["name"] == "ask_candidates"


def unsure_message(text: str, ranking: list[tuple[str, float]]) -> Message:
    """A message the fallback took because the classifier was unsure between ``ranking``."""
    message = Message({TEXT: text})
    entries = [{"name": name, "confidence": confidence} for name, confidence in ranking]
    message.set(INTENT, {"name": "nlu_fallback", "confidence": 0.3})
    message.set(INTENT_RANKING_KEY, [{"name": "nlu_fallback", "confidence": 0.3}, *entries])
    return message


def test_an_unsure_classifier_that_may_hear_a_crisis_gets_the_crisis_reply():
    message = unsure_message(
        "my pain is 10/10 and nothing helps, i cant take this anymore",
        [("ask_personal_advice", 0.35), ("report_self_harm", 0.34)],
    )
    SafetyNet(RULES).process([message])
    assert message.get(INTENT)["name"] == "report_self_harm"
    assert [e["value"] for e in message.get("entities")] == ["en"]


@pytest.mark.parametrize(
    ("text", "ranking"),
    [
        # The safety intent is too unlikely, or only third.
        (
            "is it going to take up my whole morning?",
            [("ask_procedure_length", 0.36), ("report_self_harm", 0.2)],
        ),
        (
            "how long is it",
            [
                ("ask_procedure_length", 0.4),
                ("ask_relief_duration", 0.35),
                ("report_self_harm", 0.31),
            ],
        ),
        # The text tells of the past.
        (
            "i couldnt take it anymore years ago, is a rhizotomy ok",
            [("ask_candidates", 0.4), ("report_self_harm", 0.35)],
        ),
    ],
)
def test_an_unsure_classifier_keeps_the_fallback_otherwise(text, ranking):
    message = unsure_message(text, ranking)
    SafetyNet(RULES).process([message])
    assert message.get(INTENT)["name"] == "nlu_fallback"
