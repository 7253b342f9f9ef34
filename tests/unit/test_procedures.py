import pytest
from rasa.nlu.constants import SPACY_DOCS
from rasa.nlu.extractors.spacy_entity_extractor import SpacyEntityExtractor
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from actions.procedures import (
    BOTH,
    ENTITY_VALUES,
    INJECTION,
    NERVE_BLOCK,
    RHIZOTOMY,
    known_procedure,
    other_procedure,
    procedure_from_entities,
)
from clinic_nlu.procedure_ids import GENERIC_ID, GENERIC_ROLE, ProcedureIds
from clinic_nlu.spacy_pipeline.build import build_pipeline, load_patterns
from tests.unit.trackers import generic_injection, procedure_entity, slots_after_message

# ---------------------------------------------------------------------------
# Words to canonical names: the entity ruler's pattern ids, set by ProcedureIds
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def spacy_model() -> SpacyModel:
    return SpacyModel(model=build_pipeline(), model_name="en_clinic_pipeline")


def parse(spacy_model: SpacyModel, text: str) -> list[dict]:
    """The procedure entities of ``text`` after the pipeline's first components."""
    message = Message({TEXT: text})
    SpacyNLP(spacy_model, SpacyNLP.get_default_config()).process([message], spacy_model)
    SpacyEntityExtractor({"dimensions": ["procedure"]}).process([message], spacy_model)
    ProcedureIds().process([message])
    return message.get(ENTITIES)


def test_every_pattern_id_is_a_name_the_actions_know():
    assert {pattern["id"] for pattern in load_patterns()} == set(ENTITY_VALUES)
    assert GENERIC_ID == INJECTION


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("what is a nerve block", [NERVE_BLOCK]),
        ("do Nerve Blocks hurt", [NERVE_BLOCK]),
        ("is a neural blockade permanent", [NERVE_BLOCK]),
        ("how long does a nerv blok last", [NERVE_BLOCK]),
        ("what is a nerveblock", [NERVE_BLOCK]),
        ("the therapeutic nerve block injection", [NERVE_BLOCK]),
        ("un bloqueo nervioso", [NERVE_BLOCK]),
        ("they are burning the nerves", [RHIZOTOMY]),
        ("que es una rizotomia", [RHIZOTOMY]),
        ("after RFA how long", [RHIZOTOMY]),
        ("how long does a rhizotmy take", [RHIZOTOMY]),
        ("Rizotomies", [RHIZOTOMY]),
        ("radiofrequency ablation", [RHIZOTOMY]),
        ("nerve ablation", [RHIZOTOMY]),
        ("both please", [BOTH]),
        ("the block or the ablation", [NERVE_BLOCK, RHIZOTOMY]),
        ("the shot", [INJECTION]),
        ("how many injections", [INJECTION]),
        ("blah", []),
    ],
)
def test_each_mention_gets_its_canonical_name(spacy_model, text, expected):
    assert [e["value"] for e in parse(spacy_model, text)] == expected


def test_the_mention_keeps_its_place_and_extractor(spacy_model):
    [entity] = parse(spacy_model, "after RFA how long")
    assert (entity["start"], entity["end"]) == (6, 9)
    assert entity["extractor"] == "SpacyEntityExtractor"  # a dictionary word (unknown_words)
    assert entity["processors"] == ["ProcedureIds"]
    assert "role" not in entity


def test_a_bare_shot_is_marked_generic(spacy_model):
    [entity] = parse(spacy_model, "how long does the shot take")
    assert entity == {**entity, "value": INJECTION, "role": GENERIC_ROLE}


def test_offsets_shifted_by_lowercasing_still_find_the_name(spacy_model):
    # "İ" lowercases to two characters, so the lowercased doc's offsets differ.
    assert [e["value"] for e in parse(spacy_model, "İİ what is RFA")] == [RHIZOTOMY]


def test_without_a_spacy_doc_the_values_are_left_alone():
    message = Message({TEXT: "rfa", ENTITIES: [procedure_entity("rfa")]})
    ProcedureIds().process([message])
    assert message.get(SPACY_DOCS[TEXT]) is None
    assert message.get(ENTITIES) == [procedure_entity("rfa")]


# ---------------------------------------------------------------------------
# The procedure slot (domain.yml's mapping, run by Rasa's own slot extraction)
# ---------------------------------------------------------------------------


def test_a_named_procedure_fills_the_slot_whatever_the_intent():
    slots = slots_after_message("ask_personal_advice", [procedure_entity(RHIZOTOMY)])
    assert slots["procedure"] == RHIZOTOMY


def test_a_bare_shot_does_not_replace_the_procedure_being_discussed():
    slots = slots_after_message("ask_onset", [generic_injection()], {"procedure": RHIZOTOMY})
    assert slots["procedure"] == RHIZOTOMY
    assert slots_after_message("ask_onset", [generic_injection()])["procedure"] is None


def test_a_named_procedure_beside_a_shot_fills_the_slot():
    entities = [generic_injection(), procedure_entity(NERVE_BLOCK)]
    assert slots_after_message("ask_onset", entities, {"procedure": RHIZOTOMY})["procedure"] == (
        NERVE_BLOCK
    )


def test_a_message_without_a_procedure_keeps_the_slot():
    assert slots_after_message("greet", slots={"procedure": NERVE_BLOCK})["procedure"] == (
        NERVE_BLOCK
    )


# ---------------------------------------------------------------------------
# The rules about the names
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (NERVE_BLOCK, NERVE_BLOCK),
        (RHIZOTOMY, RHIZOTOMY),
        (BOTH, BOTH),
        (INJECTION, None),  # not a procedure on its own
        ("RFA", None),  # words are the NLU pipeline's business
        ("<script>", None),
        (None, None),
        (42, None),
        (["rhizotomy"], None),
    ],
)
def test_known_procedure(value, expected):
    assert known_procedure(value) == expected


def test_two_procedures_in_one_message_mean_both():
    entities = [procedure_entity(NERVE_BLOCK), procedure_entity(RHIZOTOMY)]
    assert procedure_from_entities(entities) == BOTH


def test_both_means_both():
    assert procedure_from_entities([procedure_entity(BOTH)]) == BOTH


def test_the_same_procedure_twice_counts_once():
    entities = [procedure_entity(RHIZOTOMY), procedure_entity(RHIZOTOMY)]
    assert procedure_from_entities(entities) == RHIZOTOMY


def test_other_entities_and_unknown_values_are_ignored():
    assert procedure_from_entities([{"entity": "city", "value": "Humble"}]) is None
    assert procedure_from_entities([{"entity": "language", "value": "es"}]) is None
    assert procedure_from_entities([procedure_entity("<script>")]) is None
    assert procedure_from_entities([]) is None


def test_other_procedure():
    assert other_procedure(NERVE_BLOCK) == RHIZOTOMY
    assert other_procedure(RHIZOTOMY) == NERVE_BLOCK
    assert other_procedure(BOTH) is None
    assert other_procedure(None) is None


def test_a_bare_shot_or_injection_means_the_nerve_block():
    assert procedure_from_entities([generic_injection()]) == NERVE_BLOCK
    assert procedure_from_entities([generic_injection(), generic_injection()]) == NERVE_BLOCK


def test_a_bare_shot_means_nothing_when_generic_mentions_are_excluded():
    assert procedure_from_entities([generic_injection()], include_generic=False) is None


def test_a_named_procedure_outranks_a_generic_injection():
    entities = [procedure_entity(RHIZOTOMY), generic_injection()]
    assert procedure_from_entities(entities) == RHIZOTOMY
    assert procedure_from_entities(entities, include_generic=False) == RHIZOTOMY
