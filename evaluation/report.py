"""The Markdown summary of `make eval`."""

from __future__ import annotations

from evaluation.conversations import ConversationResults
from evaluation.scores import Scores

TARGET_ACCURACY = 0.97
TARGET_INTENT_F1 = 0.90


def _pct(value: float) -> str:
    return f"{100 * value:.1f}%"


def _row(name: str, scores: Scores, entities: bool = True) -> str:
    entity = (
        f"{_pct(scores.entity_precision)} | {_pct(scores.entity_recall)} | {_pct(scores.entity_f1)}"
        if entities
        else "- | - | -"
    )
    return (
        f"| {name} | {scores.examples} | {_pct(scores.intent_accuracy)} | "
        f"{_pct(scores.intent_precision)} | {_pct(scores.intent_recall)} | "
        f"{_pct(scores.intent_f1)} | {entity} |"
    )


def summary(
    results: dict[str, Scores],
    chats: dict[str, ConversationResults],
    folds: int,
    default_training_seconds: float,
    heldout_size: int,
    repeats: int,
) -> str:
    ours = results["ours"]
    below = [f"{name} {_pct(f1)}" for name, f1 in ours.weakest(50) if f1 < TARGET_INTENT_F1]
    lines = [
        "# Understanding: `make eval`",
        "",
        f"Held-out messages: {heldout_size} (tests/nlu_heldout*.yml; {repeats} exact repeats "
        "of training messages left out). Intent P/R/F1 are macro averages; entity scores "
        "count the procedures each message names.",
        "",
        "| model | messages | intent accuracy | intent P | intent R | intent F1 "
        "| procedure P | procedure R | procedure F1 |",
        "|---|---|---|---|---|---|---|---|---|",
        _row("**our pipeline**, held-out", ours),
        _row("TF-IDF nearest answer (search box), held-out", results["search"], entities=False),
        _row(
            f"Rasa default pipeline (`rasa init`), held-out; trained in "
            f"{default_training_seconds:.0f} s",
            results["default"],
        )
        if "default" in results
        else "| Rasa default pipeline (`rasa init`) | not run (--no-rasa-default) | | | | | | | |",
        _row(f"our pipeline, {folds}-fold cross-validation", results["cv"]),
        "",
        f"Targets (held-out): intent accuracy ≥ {_pct(TARGET_ACCURACY)}: "
        + ("met" if ours.intent_accuracy >= TARGET_ACCURACY else "**not met**")
        + f"; every intent F1 ≥ {_pct(TARGET_INTENT_F1)}: "
        + ("met" if not below else "**not met** (" + ", ".join(below) + ")"),
        "",
        "Weakest intents (held-out F1): "
        + ", ".join(f"{name} {_pct(f1)}" for name, f1 in ours.weakest()),
        "",
        "Most confused intent pairs (true → predicted, count):",
        "",
        "| held-out | cross-validation |",
        "|---|---|",
    ]
    heldout_pairs = [f"{t} → {p} ({n})" for t, p, n in ours.confusions[:8]]
    cv_pairs = [f"{t} → {p} ({n})" for t, p, n in results["cv"].confusions[:8]]
    for index in range(max(len(heldout_pairs), len(cv_pairs))):
        left = heldout_pairs[index] if index < len(heldout_pairs) else ""
        right = cv_pairs[index] if index < len(cv_pairs) else ""
        lines.append(f"| {left} | {right} |")
    for language, results in chats.items():
        lines += [
            "",
            f"{language} multi-turn conversations (tests/eval/, real servers): "
            f"{results.turns_right}/{results.turns} turns answered right "
            f"({_pct(results.turns_right / results.turns if results.turns else 0)}), "
            f"{results.conversations_right}/{results.conversations} conversations right "
            "throughout.",
        ]
        lines += [f"- wrong: {failure}" for failure in results.failures]
    lines += [
        "",
        "Plots: results/eval/confusion_heldout.png, results/eval/confusion_cv.png",
    ]
    return "\n".join(lines) + "\n"
