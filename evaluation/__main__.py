"""`make eval`: intent and entity scores of our pipeline and two baselines, and answer-level
accuracy of multi-turn conversations. Writes results/eval/ and prints a Markdown summary.

Usage: python -m evaluation [--smoke] [--gate] [--no-rasa-default] [--out results/eval]
  --smoke            a quick run for `make test`: 2 folds, 5 conversations, and the models
                     trained only for comparison trained quickly (models.smoke_config)
  --gate             exit 1 when the held-out scores fall below the gates below
  --no-rasa-default  leave out Rasa's default pipeline (DIET, 100 epochs: most of the
                     run's time on 2 cores); its rows say "not run"
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

import rasa.engine.recipes
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.model_selection import StratifiedKFold

from evaluation import (
    conversations,
    hard,
    language_id,
    languages,
    models,
    safety,
    search_baseline,
)
from evaluation.datasets import (
    CONVERSATIONS,
    ROOT,
    Example,
    examples_of,
    load_heldout,
    load_training_data,
)
from evaluation.report import summary
from evaluation.scores import Prediction, Scores, plot_confusion_matrix, score

OUR_CONFIG = ROOT / "config.yml"
OUR_MODEL = ROOT / "models" / "clinic-assistant.tar.gz"
DEFAULT_CONFIG = Path(rasa.engine.recipes.__file__).parent / "config_files" / "default_config.yml"
INTENT_ACCURACY_GATE = 0.95
PROCEDURE_F1_GATE = 0.90
SEED = 20250114


def cross_validate(
    training: TrainingData, folds: int, config: Path, work: Path
) -> tuple[list[Example], list[Prediction]]:
    """Our pipeline trained on (folds - 1) parts and tested on the remaining one, pooled."""
    messages = training.intent_examples
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=SEED)
    intents = [m.get("intent") for m in messages]
    tested: list[Example] = []
    predicted: list[Prediction] = []
    for fold, (train_rows, test_rows) in enumerate(splitter.split(messages, intents), start=1):
        fold_data = TrainingData(
            training_examples=[messages[i] for i in train_rows],
            entity_synonyms=training.entity_synonyms,
            regex_features=training.regex_features,
            lookup_tables=training.lookup_tables,
        )
        model, _ = models.train(config, fold_data, work / "folds", f"fold-{fold}")
        examples = examples_of(TrainingData(training_examples=[messages[i] for i in test_rows]))
        tested += examples
        predicted += models.predict(model, examples)
        print(f"  fold {fold}/{folds} done", flush=True)
    return tested, predicted


def answer_level(smoke: bool, work: Path) -> dict[str, conversations.ConversationResults]:
    """Each language's held-out conversations replayed against real servers."""
    from scripts.servers import running_servers

    with running_servers(work) as servers:
        return {
            language: conversations.replay(servers.rasa_url, chats[:5] if smoke else chats)
            for language, path in CONVERSATIONS.items()
            if (chats := conversations.load_conversations(path))
        }


def hard_set(path: Path, default_model: Path | None) -> dict[str, hard.HardScores]:
    """Our pipeline and the two baselines on one hard held-out set."""
    examples = hard.load_hard(path)
    as_examples = [Example(e.text, e.intents[0], frozenset()) for e in examples]
    found = {
        "ours": lambda texts: [hard.intents_found(p) for p in models.parse(OUR_MODEL, texts)],
        "Rasa default": (
            (lambda texts: [(p["intent"]["name"],) for p in models.parse(default_model, texts)])
            if default_model
            else None
        ),
        "TF-IDF": lambda texts: [(p.intent,) for p in search_baseline.predict(as_examples)],
    }
    return {name: hard.score_hard(examples, find) for name, find in found.items() if find}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--gate", action="store_true")
    parser.add_argument("--no-rasa-default", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "results" / "eval")
    args = parser.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)

    training = load_training_data()
    heldout, repeats = load_heldout(training)
    print(f"held-out: {len(heldout)} messages ({repeats} exact repeats of training dropped)")
    results: dict[str, Scores] = {}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        # Models trained here only for comparison; the smoke run trains them quickly.
        our_config = models.smoke_config(OUR_CONFIG, work) if args.smoke else OUR_CONFIG
        print("our pipeline on the held-out messages", flush=True)
        ours = models.predict(OUR_MODEL, heldout)
        results["ours"] = score(heldout, ours)
        plot_confusion_matrix(
            heldout, ours, "Our pipeline, held-out messages", out / "confusion_heldout.png"
        )

        print("one model for both languages, or one per language", flush=True)
        language_scores = languages.compare(OUR_MODEL, our_config, work / "languages")
        language_id_scores = language_id.compare()

        print("safety layer on the safety sets", flush=True)
        safety_scores = safety.score_safety(OUR_MODEL, safety.load_safety_examples())

        print("baseline: TF-IDF nearest answer", flush=True)
        results["search"] = score(heldout, search_baseline.predict(heldout))

        default_model, default_seconds = None, 0.0
        if not args.no_rasa_default:
            print("baseline: Rasa's default pipeline (rasa init) trained on our data", flush=True)
            config = models.smoke_config(DEFAULT_CONFIG, work) if args.smoke else DEFAULT_CONFIG
            default_model, default_seconds = models.train(config, training, work, "rasa-default")
            results["default"] = score(heldout, models.predict(default_model, heldout))

        print("hard held-out sets: misspellings, stories, several questions", flush=True)
        hard_scores = {name: hard_set(path, default_model) for name, path in hard.HARD_SETS.items()}

        folds = 2 if args.smoke else 5
        print(f"our pipeline, {folds}-fold cross-validation on the training data", flush=True)
        cv_examples, cv_predictions = cross_validate(training, folds, our_config, work)
        results["cv"] = score(cv_examples, cv_predictions)
        plot_confusion_matrix(
            cv_examples,
            cv_predictions,
            f"Our pipeline, {folds}-fold cross-validation",
            out / "confusion_cv.png",
        )

        print("answer-level accuracy of multi-turn conversations (real servers)", flush=True)
        chats = answer_level(args.smoke, work)

    report = summary(results, chats, folds, default_seconds, len(heldout), repeats)
    report += "".join("\n" + hard.hard_table(s, name) for name, s in hard_scores.items())
    report += "\n" + languages.languages_table(language_scores)
    report += "\n" + language_id.language_id_table(language_id_scores)
    report += "\n" + safety.safety_table(safety_scores)
    (out / "summary.md").write_text(report, encoding="utf-8")
    (out / "scores.json").write_text(
        json.dumps(
            {name: asdict(scores) for name, scores in results.items()}
            | {"conversations": {language: asdict(r) for language, r in chats.items()}}
            | {
                "hard": {
                    set_name: {
                        name: {"single": s.single, "two_questions": s.two_questions}
                        for name, s in by_model.items()
                    }
                    for set_name, by_model in hard_scores.items()
                }
            }
            | {
                "safety": {
                    "recall": safety_scores.overall_recall.rate,
                    "false_alarms": safety_scores.overall_false_alarms.rate,
                }
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    print(report)
    ours_scores = results["ours"]
    passed = (
        ours_scores.intent_accuracy >= INTENT_ACCURACY_GATE
        and ours_scores.entity_f1 >= PROCEDURE_F1_GATE
        and safety.safety_gate_passed(safety_scores)
        and all(by_model["ours"].passed() for by_model in hard_scores.values())
    )
    if args.gate:
        print(
            f"gate (held-out intent accuracy >= {INTENT_ACCURACY_GATE}, procedure F1 >= "
            f"{PROCEDURE_F1_GATE}, safety recall >= {safety.RECALL_GATE:.0%}, "
            f"each hard set: single questions >= {hard.SINGLE_GATE:.0%}, two questions >= "
            f"{hard.TWO_QUESTIONS_GATE:.0%}): " + ("passed" if passed else "FAILED")
        )
        return 0 if passed else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
