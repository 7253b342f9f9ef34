"""Train Rasa NLU models for the evaluation and ask them for predictions."""

from __future__ import annotations

import asyncio
import logging
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import yaml
from rasa.core.agent import Agent
from rasa.model_training import train_nlu
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.utils.log_utils import configure_structlog

from evaluation.datasets import Example, procedures_of
from evaluation.scores import Prediction

SMOKE_EPOCHS = 2
SMOKE_ITERATIONS = 40


def train(config: Path, data: TrainingData, output: Path, name: str) -> tuple[Path, float]:
    """Train an NLU-only model on ``data``; return its path and the training seconds."""
    output.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        data_file = Path(folder) / "nlu.yml"
        data_file.write_text(data.nlu_as_yaml(), encoding="utf-8")
        started = time.perf_counter()
        model = train_nlu(str(config), str(data_file), str(output), fixed_model_name=name)
        seconds = time.perf_counter() - started
    if model is None:
        raise RuntimeError(f"training with {config} failed")
    return Path(model), seconds


def smoke_config(config: Path, folder: Path) -> Path:
    """A copy of ``config`` that trains quickly, for smoke runs (``make test``).

    Neural components train for 2 epochs and our logistic regression stops after
    a few iterations: the smoke runs check that the evaluation works, and only
    the full model's scores are gated.
    """
    content = yaml.safe_load(config.read_text(encoding="utf-8"))
    for component in content.get("pipeline") or []:
        if "epochs" in component:
            component["epochs"] = SMOKE_EPOCHS
        if component["name"].endswith("LinearIntentClassifier"):
            component["max_iter"] = SMOKE_ITERATIONS
    path = folder / f"{config.stem}-smoke.yml"
    path.write_text(yaml.safe_dump(content), encoding="utf-8")
    return path


async def _parse_all(model: Path, texts: Sequence[str]) -> list[dict]:
    agent = Agent.load(str(model))
    return [await agent.parse_message(text) for text in texts]


def parse(model: Path, texts: Sequence[str]) -> list[dict]:
    """The model's whole parse of each text (intent, entities, questions, ...)."""
    configure_structlog(logging.WARNING)  # no debug line per parsed message
    return asyncio.run(_parse_all(model, texts))


def predict(model: Path, examples: Sequence[Example]) -> list[Prediction]:
    """The model's final intent (after the fallback) and procedures for each example."""
    parsed = parse(model, [e.text for e in examples])
    return [
        Prediction(result["intent"]["name"], procedures_of(result.get("entities") or []))
        for result in parsed
    ]
