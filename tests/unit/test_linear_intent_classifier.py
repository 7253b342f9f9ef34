import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from clinic_nlu.language_codes import ENGLISH, SPANISH
from clinic_nlu.linear_intent_classifier import (
    LinearIntentClassifier,
    SentenceVectors,
    model_language,
)

EXAMPLES = {
    "ask_cost": ["how much does it cost", "what is the price", "how expensive is it"],
    "greet": ["hello", "hi there", "good morning"],
    "ask_onset": ["how soon does it work", "when will i feel better", "how fast is the relief"],
}


def training_data() -> TrainingData:
    return TrainingData(
        [
            Message({TEXT: text, INTENT: intent})
            for intent, texts in EXAMPLES.items()
            for text in texts
        ]
    )


def trained(tmp_path) -> tuple[LinearIntentClassifier, LocalModelStorage, Resource]:
    storage = LocalModelStorage(tmp_path)
    resource = Resource("linear")
    context = ExecutionContext(GraphSchema({}), "test")
    classifier = LinearIntentClassifier.create({}, storage, resource, context)
    classifier.train(training_data())
    return classifier, storage, resource


def classify(classifier: LinearIntentClassifier, text: str) -> Message:
    message = Message({TEXT: text})
    classifier.process([message])
    return message


def test_unseen_wording_gets_the_right_intent_and_a_ranking(tmp_path):
    classifier, _, _ = trained(tmp_path)
    message = classify(classifier, "whats the price of it")
    assert message.get(INTENT)["name"] == "ask_cost"
    ranking = message.get(INTENT_RANKING_KEY)
    assert ranking[0]["name"] == "ask_cost"
    assert len(ranking) == 3
    confidences = [r["confidence"] for r in ranking]
    assert confidences == sorted(confidences, reverse=True)
    assert abs(sum(confidences) - 1) < 1e-6


def test_typos_are_carried_by_character_ngrams(tmp_path):
    classifier, _, _ = trained(tmp_path)
    assert classify(classifier, "helo ther").get(INTENT)["name"] == "greet"


def test_a_loaded_model_predicts_like_the_trained_one(tmp_path):
    classifier, storage, resource = trained(tmp_path)
    context = ExecutionContext(GraphSchema({}), "test")
    loaded = LinearIntentClassifier.load({}, storage, resource, context)
    for text in ["how soon will it work", "hello", "cost?"]:
        assert classify(loaded, text).get(INTENT) == classify(classifier, text).get(INTENT)


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("¿cuánto cuesta?", SPANISH),
        ("cuanto dura el nerve block", SPANISH),
        ("how much is it", ENGLISH),
        ("rfa?", ENGLISH),  # no clue: the model with sentence vectors
    ],
)
def test_spanish_messages_are_read_by_the_ngram_model(text, model):
    assert model_language(text) == model


def test_each_message_is_scored_by_its_language_model(tmp_path):
    classifier, _, _ = trained(tmp_path)
    english, spanish = "how soon will it work", "¿cuánto cuesta?"
    scored = classifier._probabilities([english, spanish])
    pipelines = classifier._pipelines
    assert np.allclose(scored[0], pipelines[ENGLISH].predict_proba([english])[0])
    assert np.allclose(scored[1], pipelines[SPANISH].predict_proba([spanish])[0])
    assert not np.allclose(scored[0], pipelines[SPANISH].predict_proba([english])[0])


def test_kept_training_vectors_are_the_ones_a_message_gets():
    texts = ["how much does it cost", "hello", "how much does it cost"]
    features = SentenceVectors(weight=2.0)
    trained_on = features.fit_transform(texts).toarray()
    assert np.allclose(trained_on, features.transform(texts).toarray(), atol=1e-5)
    assert np.allclose(np.linalg.norm(trained_on, axis=1), 2.0, atol=1e-4)
