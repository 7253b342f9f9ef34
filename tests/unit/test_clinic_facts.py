"""The clinic's name, doctor, offices and link have one home, knowledge/clinic.yml.

The texts that cannot read it at run time (the domain's responses, the widget's
settings, the demo page, the answers) are held to it here: every mention of the
clinic, the doctor, a town or the website must be written as clinic.yml has it.
"""

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CLINIC = yaml.safe_load((ROOT / "knowledge" / "clinic.yml").read_text(encoding="utf-8"))
TEXTS = ["domain.yml", "web/widget.yml", "web/index.html", "knowledge/answers.yml"]
TEXTS += ["knowledge/deferrals.yml"]
TOWNS = [office.split(",")[0] for office in CLINIC["offices"]]
SURNAME = CLINIC["doctor"].split()[-1]


def flat(path: str) -> str:
    return " ".join((ROOT / path).read_text(encoding="utf-8").split())


@pytest.mark.parametrize("path", TEXTS)
def test_the_clinic_is_named_as_clinic_yml_names_it(path):
    text = flat(path)
    for mention in re.findall(r"[\w ]*Management Associates", text):
        assert mention.strip().endswith(CLINIC["name"]), f"{path}: {mention!r}"


@pytest.mark.parametrize("path", TEXTS)
def test_the_doctor_is_named_as_clinic_yml_names_them(path):
    text = flat(path)
    first_names = set(CLINIC["doctor"].split()[1:-1])
    for mention in re.findall(rf"Dr\. ([\w. ]*?){SURNAME}", text):
        words = set(mention.split())
        assert words <= first_names, f"{path}: Dr. {mention}{SURNAME}"


@pytest.mark.parametrize("path", TEXTS)
def test_the_website_is_the_scheduling_link(path):
    for url in re.findall(r"https?://[^\s\"'<>)]+", flat(path)):
        if "sportsandpain" in url:
            assert url.rstrip("/.") == CLINIC["scheduling_url"].rstrip("/"), f"{path}: {url}"


@pytest.mark.parametrize("path", TEXTS)
def test_offices_are_named_together(path):
    """A text naming one office names the other: no office is forgotten."""
    text = flat(path)
    named = [town for town in TOWNS if town in text]
    assert named in ([], TOWNS), f"{path} names only {named}"
