"""The knowledge files agree with the domain and rules, and stay faithful to the article."""

import re
from pathlib import Path

import pytest
import yaml

from actions.knowledge import load_knowledge
from actions.procedures import BOTH, NERVE_BLOCK, RHIZOTOMY

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ROOT / "knowledge" / "article.txt"


def rule_intents(rule_file: str) -> set[str]:
    rules = yaml.safe_load((ROOT / "data" / "rules" / rule_file).read_text())["rules"]
    return {step["intent"] for step in rules[0]["steps"][0]["or"]}


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "'"))


def test_every_answered_intent_has_an_aspect():
    aspects = {f"ask_{name}" for name in load_knowledge().aspects}
    assert rule_intents("article.yml") - {"inform_procedure", "switch_procedure"} == aspects


def test_every_deferred_intent_has_a_topic():
    assert rule_intents("deferrals.yml") == set(load_knowledge().deferred_topics)


def test_domain_lists_every_intent_the_rules_use():
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    used = rule_intents("article.yml") | rule_intents("deferrals.yml")
    assert used <= set(domain["intents"])


@pytest.mark.parametrize(
    ("aspect", "procedure", "fact"),
    [
        ("relief_duration", NERVE_BLOCK, "up to weeks"),
        ("relief_duration", RHIZOTOMY, "several years"),
        ("procedure_length", NERVE_BLOCK, "15 to 30 minutes"),
        ("procedure_length", RHIZOTOMY, "about an hour"),
        ("procedure_steps", NERVE_BLOCK, "fluoroscopy"),
        ("procedure_steps", RHIZOTOMY, "contrast dye"),
        ("procedure_steps", RHIZOTOMY, "electrical stimulation"),
        ("comfort", RHIZOTOMY, "sedative"),
        ("how_it_works", NERVE_BLOCK, "anti-inflammatory"),
        ("onset", RHIZOTOMY, "instant"),
        ("candidates", NERVE_BLOCK, "after surgery"),
        ("candidates", RHIZOTOMY, "conservative care"),
        ("permanence", RHIZOTOMY, "recover"),
        ("which_is_right", None, "last resort"),
        ("first_steps", None, "physical therapy"),
        ("locations", None, "Baytown"),
        ("doctor", None, "board-certified"),
    ],
)
def test_answers_carry_the_article_facts(aspect, procedure, fact):
    assert fact in load_knowledge().aspects[aspect].answer(procedure)


def test_both_answers_name_each_procedure():
    text = load_knowledge().aspects["procedure_length"].answer(BOTH)
    assert "15 to 30 minutes" in text and "about an hour" in text


def test_a_procedure_specific_aspect_refuses_no_procedure():
    with pytest.raises(ValueError):
        load_knowledge().aspects["relief_duration"].answer(None)


def test_answers_are_our_own_words():
    """No answer repeats eight words in a row from the article."""
    article = words(ARTICLE.read_text(encoding="utf-8"))
    shingles = {tuple(article[i : i + 8]) for i in range(len(article) - 7)}
    for aspect in load_knowledge().aspects.values():
        for text in aspect.answers.values():
            answer = words(text)
            copied = [
                " ".join(answer[i : i + 8])
                for i in range(len(answer) - 7)
                if tuple(answer[i : i + 8]) in shingles
            ]
            assert not copied, f"{aspect.name} copies the article: {copied[0]}"


def test_no_answer_has_a_number_the_article_lacks():
    article = ARTICLE.read_text(encoding="utf-8")
    allowed = set(re.findall(r"\d+", article)) | {"1", "2", "3", "4", "5"}  # step numbers
    for aspect in load_knowledge().aspects.values():
        for text in aspect.answers.values():
            assert set(re.findall(r"\d+", text)) <= allowed, aspect.name


# What an answer may state only when its own passages state it: numbers, durations,
# methods, conditions and the roles the article gives each treatment.
FACT_TERMS = (
    "minutes",
    "hour",
    "weeks",
    "years",
    "instant",
    "quickly",
    "acute",
    "chronic",
    "surgery",
    "back and neck",
    "neck pain",
    "muscle spasms",
    "physical therapy",
    "rest",
    "cold",
    "heat",
    "anesthetic",
    "anti-inflammatory",
    "sedative",
    "ultrasound",
    "fluoroscopy",
    "x-ray",
    "contrast dye",
    "electrical stimulation",
    "electrical current",
    "chemical",
    "surgical instruments",
    "percutaneous",
    "hollow needle",
    "front-line",
    "last resort",
    "semi-permanent",
    "permanent",
    "conservative care",
    "diagnostic",
    "board-certified",
    "humble",
    "baytown",
)
NUMBER_WORDS = {"two", "three", "four", "five", "several"}
# A sentence saying what the article does not tell is an honest deferral, not a fact.
SAYS_WHAT_THE_ARTICLE_LACKS = re.compile(r"\b(does not|doesn't|can't) (mention|say)", re.I)


def paragraphs_quoted(quotes: tuple[str, ...]) -> str:
    """The article's paragraphs that contain each quote (each must be found)."""
    paragraphs = ARTICLE.read_text(encoding="utf-8").split("\n\n")
    found = []
    for quote in quotes:
        matching = [paragraph for paragraph in paragraphs if quote in paragraph]
        assert matching, f"not in the article: {quote!r}"
        found += matching
    return " ".join(found).lower().replace("-", " ")


def stated_facts(answer: str) -> set[str]:
    sentences = [
        s for s in re.split(r"(?<=[.;:])\s+", answer) if not SAYS_WHAT_THE_ARTICLE_LACKS.search(s)
    ]
    text = " ".join(sentences).lower().replace("-", " ")
    facts = {
        term for term in FACT_TERMS if re.search(rf"\b{re.escape(term.replace('-', ' '))}", text)
    }
    facts |= set(re.findall(r"\b\d+\b", text)) - {"1", "2", "3", "4", "5"}  # step numbers
    return facts | (set(re.findall(r"[a-z]+", text)) & NUMBER_WORDS)


@pytest.mark.parametrize(
    ("aspect", "key"),
    [(a.name, key) for a in load_knowledge().aspects.values() for key in a.answers],
)
def test_every_fact_of_an_answer_is_in_its_passages(aspect, key):
    entry = load_knowledge().aspects[aspect]
    passages = paragraphs_quoted(entry.sources[key])
    missing = {
        fact
        for fact in stated_facts(entry.answers[key])
        if not re.search(rf"\b{re.escape(fact.replace('-', ' '))}", passages)
    }
    assert not missing, f"{aspect} ({key}) states {missing} that its passages do not"


def test_no_answer_gives_the_doctor_a_pronoun_the_article_never_gives():
    for aspect in load_knowledge().aspects.values():
        for text in aspect.answers.values():
            assert not re.search(r"\b(he|his|him|she|her)\b", text, re.I), aspect.name
