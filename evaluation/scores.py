"""Precision, recall and F1 for intents and procedure entities, and the confusions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sklearn.metrics import accuracy_score, precision_recall_fscore_support

from evaluation.datasets import Example


@dataclass(frozen=True)
class Prediction:
    intent: str
    procedures: frozenset[str]


@dataclass(frozen=True)
class Scores:
    """Intent and entity scores of one model on one set of examples."""

    examples: int
    intent_accuracy: float
    intent_precision: float  # macro averages over the intents
    intent_recall: float
    intent_f1: float
    per_intent_f1: dict[str, float]
    entity_precision: float  # micro averages over (message, procedure) pairs
    entity_recall: float
    entity_f1: float
    confusions: list[tuple[str, str, int]]  # (true, predicted, count), most frequent first

    def weakest(self, count: int = 5) -> list[tuple[str, float]]:
        return sorted(self.per_intent_f1.items(), key=lambda item: item[1])[:count]


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score(examples: Sequence[Example], predictions: Sequence[Prediction]) -> Scores:
    truth = [e.intent for e in examples]
    guess = [p.intent for p in predictions]
    labels = sorted(set(truth))
    precision, recall, f1, _ = precision_recall_fscore_support(
        truth, guess, labels=labels, average="macro", zero_division=0
    )
    _, _, per_f1, _ = precision_recall_fscore_support(
        truth, guess, labels=labels, average=None, zero_division=0
    )
    found = sum(
        len(e.procedures & p.procedures) for e, p in zip(examples, predictions, strict=True)
    )
    predicted = sum(len(p.procedures) for p in predictions)
    expected = sum(len(e.procedures) for e in examples)
    entity_precision = found / predicted if predicted else 0.0
    entity_recall = found / expected if expected else 0.0
    confusions = Counter((t, g) for t, g in zip(truth, guess, strict=True) if t != g)
    return Scores(
        examples=len(examples),
        intent_accuracy=accuracy_score(truth, guess),
        intent_precision=float(precision),
        intent_recall=float(recall),
        intent_f1=float(f1),
        per_intent_f1={label: float(value) for label, value in zip(labels, per_f1, strict=True)},
        entity_precision=entity_precision,
        entity_recall=entity_recall,
        entity_f1=_f1(entity_precision, entity_recall),
        confusions=[(t, g, n) for (t, g), n in confusions.most_common()],
    )


def plot_confusion_matrix(
    examples: Sequence[Example], predictions: Sequence[Prediction], title: str, path: Path
) -> None:
    """Save a row-normalised intent confusion matrix as a PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from sklearn.metrics import confusion_matrix

    truth = [e.intent for e in examples]
    guess = [p.intent for p in predictions]
    labels = sorted(set(truth) | set(guess))
    matrix = confusion_matrix(truth, guess, labels=labels, normalize="true")
    figure, axes = plt.subplots(figsize=(14, 12))
    image = axes.imshow(matrix, cmap="Blues", vmin=0, vmax=1)
    axes.set_xticks(range(len(labels)), labels, rotation=90, fontsize=7)
    axes.set_yticks(range(len(labels)), labels, fontsize=7)
    axes.set_xlabel("predicted intent")
    axes.set_ylabel("true intent")
    axes.set_title(title)
    figure.colorbar(image, ax=axes, fraction=0.046, pad=0.04, label="share of the true intent")
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
