"""Fail when the held-out NLU results fall below the accuracy gates.

Usage: python tests/check_nlu_gate.py RESULTS_DIR (the --out of `rasa test nlu`).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

INTENT_ACCURACY_GATE = 0.95
PROCEDURE_F1_GATE = 0.90
ENTITY_REPORT = "DIETClassifier_report.json"


def main(results_dir: str) -> int:
    results = Path(results_dir)
    intents = json.loads((results / "intent_report.json").read_text())
    entities = json.loads((results / ENTITY_REPORT).read_text())
    accuracy = intents["accuracy"]
    procedure_f1 = entities["procedure"]["f1-score"]
    weakest = sorted(
        (scores["f1-score"], name)
        for name, scores in intents.items()
        if isinstance(scores, dict) and "support" in scores and not name.endswith(" avg")
    )[:5]
    print(f"held-out intent accuracy: {accuracy:.3f} (gate {INTENT_ACCURACY_GATE})")
    print(f"held-out procedure entity F1: {procedure_f1:.3f} (gate {PROCEDURE_F1_GATE})")
    print("weakest intents (F1): " + ", ".join(f"{name} {f1:.2f}" for f1, name in weakest))
    passed = accuracy >= INTENT_ACCURACY_GATE and procedure_f1 >= PROCEDURE_F1_GATE
    print("NLU gate: " + ("passed" if passed else "FAILED"))
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
