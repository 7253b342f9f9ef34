"""The "search box" baseline: TF-IDF nearest answer over the assistant's own answers.

Each intent is represented by the text the assistant answers it with (the article
answers of both procedures, the deferral topic, the fixed responses, the booking
and contact texts). A question gets the intent of the most similar answer; intents
with no answer of their own (yes, no, naming a procedure) cannot be found.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path

import yaml
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import linear_kernel

from actions.clinic_settings import load_settings
from actions.handoff_text import booking_text, contact_text
from actions.texts import ENGLISH
from evaluation.datasets import Example
from evaluation.scores import Prediction

ROOT = Path(__file__).resolve().parents[1]


def _load(name: str) -> dict:
    return yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))


def answer_documents() -> dict[str, str]:
    """Intent name -> the text of the assistant's answer to it."""
    documents: dict[str, str] = {}
    for aspect, entry in _load("knowledge/answers.yml")["aspects"].items():
        parts = [entry.get("topic", ""), entry.get("button", ""), *entry["answers"].values()]
        documents[f"ask_{aspect}"] = " ".join(parts)
    for intent, topic in _load("knowledge/deferrals.yml").items():
        documents[intent] = f"I can't answer questions about {topic} here."
    responses = _load("domain.yml")["responses"]
    for rules_file in (ROOT / "data" / "rules").glob("*.yml"):
        for rule in yaml.safe_load(rules_file.read_text(encoding="utf-8"))["rules"]:
            steps = rule["steps"]
            for first, second in pairwise(steps):
                action = second.get("action", "")
                if "intent" in first and action in responses:
                    texts = (response.get("text", "") for response in responses[action])
                    documents[first["intent"]] = " ".join(texts)
    settings = load_settings()
    documents["book_appointment"] = booking_text(settings, ENGLISH)
    documents["ask_human"] = contact_text(settings, ENGLISH)
    return documents


def predict(examples: Sequence[Example]) -> list[Prediction]:
    """The intent of the nearest answer (TF-IDF cosine) for each example."""
    documents = answer_documents()
    intents = list(documents)
    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True)
    answers = vectorizer.fit_transform(documents[intent] for intent in intents)
    similarities = linear_kernel(vectorizer.transform(e.text for e in examples), answers)
    return [Prediction(intents[row.argmax()], frozenset()) for row in similarities]
