import pytest

from actions.procedures import (
    BOTH,
    NERVE_BLOCK,
    RHIZOTOMY,
    canonical_procedure,
    other_procedure,
    procedure_from_entities,
    remembered_procedure,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("nerve block", NERVE_BLOCK),
        ("Nerve Blocks", NERVE_BLOCK),
        ("neural blockade", NERVE_BLOCK),
        ("nerv blok", NERVE_BLOCK),
        ("nerveblock", NERVE_BLOCK),
        ("bloqueo nervioso", NERVE_BLOCK),
        ("burning the nerves", RHIZOTOMY),
        ("rizotomia", RHIZOTOMY),
        ("rhizotomy", RHIZOTOMY),
        ("rhizotmy", RHIZOTOMY),
        ("Rizotomies", RHIZOTOMY),
        ("RFA", RHIZOTOMY),
        ("radiofrequency ablation", RHIZOTOMY),
        ("nerve ablation", RHIZOTOMY),
        ("both", BOTH),
        ("blah", None),
        (None, None),
        (42, None),
    ],
)
def test_canonical_procedure(value, expected):
    assert canonical_procedure(value) == expected


def test_two_procedures_in_one_message_mean_both():
    entities = [
        {"entity": "procedure", "value": "nerve block"},
        {"entity": "procedure", "value": "RFA"},
    ]
    assert procedure_from_entities(entities) == BOTH


def test_duplicate_mentions_from_two_extractors_count_once():
    entities = [
        {"entity": "procedure", "value": "rhizotmy", "extractor": "SpacyEntityExtractor"},
        {"entity": "procedure", "value": "rhizotomy", "extractor": "DIETClassifier"},
    ]
    assert procedure_from_entities(entities) == RHIZOTOMY


def test_other_entities_and_noise_are_ignored():
    assert procedure_from_entities([{"entity": "city", "value": "Humble"}]) is None
    assert procedure_from_entities([{"entity": "procedure", "value": "blah"}]) is None


def test_other_procedure():
    assert other_procedure(NERVE_BLOCK) == RHIZOTOMY
    assert other_procedure(RHIZOTOMY) == NERVE_BLOCK
    assert other_procedure(BOTH) is None
    assert other_procedure(None) is None


def test_the_remembered_procedure_skips_slot_noise():
    events = [
        {"event": "slot", "name": "procedure", "value": "rhizotmy"},
        {"event": "slot", "name": "aspect", "value": "onset"},
        {"event": "slot", "name": "procedure", "value": "blah"},
        {"event": "slot", "name": "procedure", "value": "the injection"},
    ]
    assert remembered_procedure(events) == RHIZOTOMY
    assert remembered_procedure([]) is None


def test_a_bare_shot_or_injection_means_the_nerve_block():
    assert procedure_from_entities([{"entity": "procedure", "value": "the shot"}]) == NERVE_BLOCK
    assert procedure_from_entities([{"entity": "procedure", "value": "injection"}]) == NERVE_BLOCK


def test_a_named_procedure_outranks_a_generic_injection():
    entities = [
        {"entity": "procedure", "value": "rhizotomy"},
        {"entity": "procedure", "value": "injection"},
    ]
    assert procedure_from_entities(entities) == RHIZOTOMY
