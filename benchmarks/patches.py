"""What each of our replacements of a Rasa internal saves, per call.

For each patch, the operation it speeds up is timed through Rasa's own code, once
with Rasa's implementation and once with ours (best of several alternating
rounds, so both see the same machine). The NLU row parses one message with the
trained model (``models/``) and is left out when there is none.

Usage: python -m benchmarks.patches [--rounds 5] [--no-model]
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import inspect
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import jsonschema
import rasa.engine.runner.dask as rasa_graph_runner
from rasa.core.actions.action import RemoteAction
from rasa.core.channels.channel import UserMessage
from rasa.core.tracker_store import SQLTrackerStore
from rasa.engine.graph import ExecutionContext, GraphComponent, GraphSchema, SchemaNode
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from clinic_server import event_types, graph_runner, schema_cache, tracker_store

MODELS = Path(__file__).resolve().parents[1] / "models"
DOMAIN = Domain.from_yaml(
    """
version: "3.1"
intents: [ask_what_is]
slots:
  procedure:
    type: text
    mappings: [{type: custom}]
"""
)
# A typical reply of the clinic's action server: an answer, buttons and two slots.
ACTION_REPLY = {
    "events": [
        {"event": "slot", "timestamp": None, "name": "procedure", "value": "rhizotomy"},
        {"event": "slot", "timestamp": None, "name": "aspect", "value": "recovery"},
    ],
    "responses": [
        {
            "text": "Most patients go home the same day and resume light activity in 1-2 days.",
            "buttons": [{"title": "Is it painful?", "payload": "/ask_pain"}],
            "elements": [],
            "custom": {},
            "image": None,
            "attachment": None,
            "template": None,
            "response": None,
        }
    ],
}

# (object, attribute, value) set for the duration of one side of a comparison.
Patch = tuple[Any, str, Any]


@dataclass
class Row:
    """One patch's comparison: seconds per call with Rasa's code and with ours."""

    patch: str
    operation: str
    rasas: float
    ours: float


@contextmanager
def patched(*patches: Patch) -> Iterator[None]:
    """``patches`` applied, and undone afterwards."""
    with ExitStack() as undo:
        for target, name, value in patches:
            undo.callback(setattr, target, name, inspect.getattr_static(target, name))
            setattr(target, name, value)
        yield


def per_call(call: Callable[[], Any], calls: int, patches: tuple[Patch, ...]) -> float:
    with patched(*patches):
        start = time.perf_counter()
        for _ in range(calls):
            call()
        return (time.perf_counter() - start) / calls


def best_per_call(
    variants: list[tuple[Callable[[], Any], tuple[Patch, ...]]], calls: int, rounds: int
) -> list[float]:
    """Best seconds per call of each (call, patches) variant, in alternating rounds."""
    best = [float("inf")] * len(variants)
    for _ in range(rounds):
        for index, (call, patches) in enumerate(variants):
            best[index] = min(best[index], per_call(call, calls, patches))
    return best


def with_and_without(
    call: Callable[[], Any], ours: tuple[Patch, ...], calls: int, rounds: int
) -> tuple[float, float]:
    """Best seconds per call of ``call`` with Rasa's code, then with ``ours`` patched in."""
    rasas, patched_in = best_per_call([(call, ()), (call, ours)], calls, rounds)
    return rasas, patched_in


def schema_cache_row(rounds: int) -> Row:
    """Rasa's check of an action server reply (``RemoteAction._validate_action_result``)."""
    action = RemoteAction("action_answer_question", EndpointConfig("http://actions.invalid"))

    def validate() -> None:
        action._validate_action_result(ACTION_REPLY)

    ours = ((jsonschema, "validate", schema_cache.validate),)
    timing = with_and_without(validate, ours, 50, rounds)
    return Row("clinic_server.schema_cache", "validate one action server reply", *timing)


def conversation(turns: int) -> list[Event]:
    """A conversation of ``turns`` five-event turns."""
    turn = [
        UserUttered("what is a rhizotomy", {"name": "ask_what_is", "confidence": 0.98}),
        SlotSet("procedure", "rhizotomy"),
        ActionExecuted("action_answer_question"),
        BotUttered("A rhizotomy calms a painful nerve.", {"buttons": []}),
        ActionExecuted("action_listen"),
    ]
    return [copy.deepcopy(event) for _ in range(turns) for event in turn]


def event_types_rows(rounds: int) -> list[Row]:
    """Resolving the types of a 20-event tracker's stored events, and the whole rebuild."""
    stored = [event.as_dict() for event in conversation(4)]
    names = [event["event"] for event in stored]

    def resolve() -> None:
        for name in names:
            Event.resolve_by_type(name)

    def rebuild() -> None:
        DialogueStateTracker.from_dict("patient", stored, DOMAIN.slots)

    ours = ((Event, "resolve_by_type", staticmethod(event_types.resolve_by_type)),)
    patch = "clinic_server.event_types"
    return [
        Row(patch, "resolve the event types of a 20-event tracker",
            *with_and_without(resolve, ours, 200, rounds)),
        Row(patch, "  (in context: rebuild that tracker)",
            *with_and_without(rebuild, ours, 100, rounds)),
    ]  # fmt: skip


class Step(GraphComponent):
    """A component that only passes its input on, to time the graph runner alone."""

    @classmethod
    def create(cls, *_args: Any, **_kwargs: Any) -> Step:
        return cls()

    def process(self, messages: Any) -> Any:
        return messages


def synthetic_runner(directory: Path) -> Callable[[], Any]:
    """Rasa's DaskGraphRunner on a chain of 9 no-op components, like the NLU pipeline."""
    names = [f"step_{index}" for index in range(9)]
    nodes = {
        name: SchemaNode(
            needs={"messages": previous},
            uses=Step,
            constructor_name="create",
            fn="process",
            config={},
        )
        for previous, name in pairwise(["__message__", *names])
    }
    schema = GraphSchema(nodes)
    runner = rasa_graph_runner.DaskGraphRunner(
        schema, LocalModelStorage(directory), ExecutionContext(schema, "bench")
    )
    return lambda: runner.run(inputs={"__message__": ["hi"]}, targets=[names[-1]])


def nlu_parse() -> Callable[[], Any] | None:
    """Rasa's parse of one message with the trained model, or None without a model."""
    if not any(MODELS.glob("*.tar.gz")):
        return None
    from rasa.core.agent import Agent
    from rasa.model import get_latest_model

    processor = Agent.load(get_latest_model(str(MODELS))).processor
    tracker = DialogueStateTracker("patient", processor.domain.slots)
    return lambda: processor._parse_message_with_graph(
        UserMessage("what is a rhizotomy and how long does the relief last"), tracker
    )


def graph_runner_rows(rounds: int, with_model: bool) -> list[Row]:
    """Rasa's graph runner with ``dask.get`` and with ours."""
    ours = ((rasa_graph_runner, "dask", SimpleNamespace(get=graph_runner.get)),)  # as install()
    patch = "clinic_server.graph_runner"
    with tempfile.TemporaryDirectory() as directory:
        run = synthetic_runner(Path(directory))
        timing = with_and_without(run, ours, 500, rounds)
    rows = [Row(patch, "run a 9-node graph of no-op components", *timing)]
    parse = nlu_parse() if with_model else None
    if parse is not None:
        parse()  # the first parse initialises parts of the pipeline
        timing = with_and_without(parse, ours, 50, rounds)
        rows.append(Row(patch, "parse one message with the trained NLU model", *timing))
    return rows


def store_turns(store: SQLTrackerStore) -> Callable[[], None]:
    """One turn per call: load the conversation, add a turn's events, save (5 turns each)."""
    loop = asyncio.new_event_loop()
    counter = iter(range(10**9))

    async def turn() -> None:
        sender_id = f"patient-{next(counter) // 5}"
        tracker = await store.retrieve(sender_id)
        tracker = tracker or DialogueStateTracker(sender_id, DOMAIN.slots)
        for event in conversation(1):
            tracker.update(event)
        await store.save(tracker)

    return lambda: loop.run_until_complete(turn())


def tracker_store_rows(rounds: int) -> list[Row]:
    """SQLite save and retrieve of one turn: Rasa's SQLTrackerStore and ours."""
    with tempfile.TemporaryDirectory() as directory:

        def store(cls: type[SQLTrackerStore], name: str) -> Callable[[], None]:
            return store_turns(cls(domain=DOMAIN, host=f"sqlite:///{directory}/{name}.db"))

        no_redaction = ((tracker_store, "redacted_event", lambda event: event),)
        rasas, ours, unredacted = best_per_call(
            [
                (store(SQLTrackerStore, "rasa"), ()),
                (store(tracker_store.ClinicSQLTrackerStore, "clinic"), ()),
                (store(tracker_store.ClinicSQLTrackerStore, "unredacted"), no_redaction),
            ],
            50,
            rounds,
        )
    patch = "clinic_server.tracker_store"
    return [
        Row(patch, "retrieve + save one turn (SQLite file)", rasas, ours),
        Row(patch, "  (ours without redacting the message)", rasas, unredacted),
    ]


def show(rows: list[Row]) -> None:
    print(f"{'patch':<28} {'operation':<48} {'Rasa':>10} {'ours':>10} {'saved':>8}")
    for row in rows:
        saved = 1 - row.ours / row.rasas
        print(
            f"{row.patch:<28} {row.operation:<48} {milliseconds(row.rasas):>10} "
            f"{milliseconds(row.ours):>10} {saved:>8.0%}"
        )


def milliseconds(seconds: float) -> str:
    return f"{seconds * 1000:.3f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds (best kept)")
    parser.add_argument("--no-model", action="store_true", help="skip the NLU model row")
    args = parser.parse_args()
    rows = [schema_cache_row(args.rounds)]
    rows += event_types_rows(args.rounds)
    rows += graph_runner_rows(args.rounds, with_model=not args.no_model)
    rows += tracker_store_rows(args.rounds)
    show(rows)


if __name__ == "__main__":
    main()
