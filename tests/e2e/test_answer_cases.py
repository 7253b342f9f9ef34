"""Answer-level checks: each case is a fresh conversation; the last reply must carry the facts."""

from pathlib import Path

import pytest
import yaml

from tests.e2e.conftest import Patient

CASES = yaml.safe_load((Path(__file__).with_name("answer_cases.yml")).read_text())["cases"]


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_answer_case(assistant_url: str, case: dict):
    patient = Patient(assistant_url)
    for text in case["say"]:
        reply = patient.ask(text)
    lowered = reply.lower()
    missing = [fact for fact in case["expect"] if fact.lower() not in lowered]
    wrong = [fact for fact in case.get("reject", []) if fact.lower() in lowered]
    assert not missing and not wrong, f"missing {missing}, unexpected {wrong} in:\n{reply}"
