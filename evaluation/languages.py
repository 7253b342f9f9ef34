"""One model for English and Spanish, or one model per language?

Both are trained from the same files and scored on each language's held-out set:
our model (trained on both languages at once), and an English-only and a
Spanish-only model with the message routed to one of them by the language
detector (``clinic_nlu.language``), as a per-language deployment would do.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from clinic_nlu.language import question_language
from evaluation import models
from evaluation.datasets import (
    ENGLISH_HELDOUT,
    SPANISH_HELDOUT,
    Example,
    load_heldout,
    training_data_by_language,
)
from evaluation.scores import Prediction

LANGUAGE_NAMES = {"en": "English", "es": "Spanish"}


@dataclass
class LanguageScores:
    """Intent accuracy per held-out language for each way of serving both languages."""

    accuracy: dict[str, dict[str, float]]  # way -> language -> accuracy
    messages: dict[str, int]


def _accuracy(examples: list[Example], predictions: list[Prediction]) -> float:
    right = sum(e.intent == p.intent for e, p in zip(examples, predictions, strict=True))
    return right / len(examples) if examples else 0.0


def _routed(per_language: dict[str, Path], examples: list[Example]) -> list[Prediction]:
    """Each message sent to the model of the language the detector sees in it."""
    predictions: dict[int, Prediction] = {}
    for language, model in per_language.items():
        chosen = [
            (index, example)
            for index, example in enumerate(examples)
            if (question_language(example.text) or "en") == language
        ]
        found = models.predict(model, [example for _, example in chosen])
        predictions |= {index: found[k] for k, (index, _) in enumerate(chosen)}
    return [predictions[index] for index in range(len(examples))]


def compare(combined_model: Path, config: Path, work: Path) -> LanguageScores:
    """Train the per-language models and score both ways on both languages."""
    data = training_data_by_language()
    per_language = {
        language: models.train(config, training, work, f"only-{language}")[0]
        for language, training in data.items()
    }
    both = data["en"].merge(data["es"])
    heldout = {
        "en": load_heldout(both, ENGLISH_HELDOUT)[0],
        "es": load_heldout(both, SPANISH_HELDOUT)[0],
    }
    ways = {
        "one model for both languages (ours)": {
            language: _accuracy(examples, models.predict(combined_model, examples))
            for language, examples in heldout.items()
        },
        "one model per language, routed by the detector": {
            language: _accuracy(examples, _routed(per_language, examples))
            for language, examples in heldout.items()
        },
        "English-only model (the assistant before Spanish)": {
            language: _accuracy(examples, models.predict(per_language["en"], examples))
            for language, examples in heldout.items()
        },
    }
    return LanguageScores(ways, {language: len(e) for language, e in heldout.items()})


def languages_table(scores: LanguageScores) -> str:
    """The "Languages" section of the evaluation summary, in Markdown."""
    header = " | ".join(
        f"{LANGUAGE_NAMES[language]} held-out ({count})"
        for language, count in scores.messages.items()
    )
    rows = [
        f"| {way} | "
        + " | ".join(f"{accuracy[language]:.1%}" for language in scores.messages)
        + " |"
        for way, accuracy in scores.accuracy.items()
    ]
    return (
        "\n".join(
            [
                "## Languages (intent accuracy)",
                "",
                f"| model | {header} |",
                "|---|" + "---|" * len(scores.messages),
                *rows,
            ]
        )
        + "\n"
    )
