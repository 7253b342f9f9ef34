"""The words a stored message may keep: the assistant's own words and ordinary words.

* The assistant's own words: everything in its training data, domain, knowledge
  files and article (the training data holds no patient's name).
* Ordinary English and Spanish words: wordfreq's most frequent words of each
  language, and Faker's lorem word lists ("everyday" words, with ours).
* Names: Faker's first names and surnames for the locales in ``LOCAL_NAME_LOCALES`` and
  ``OTHER_NAME_LOCALES``. A name that is not one of the assistant's own words or a lorem word
  ("maria", "gonzalez") is never kept; a name that is also an everyday word
  ("will", "long", "grace") is masked only where it stands as a name.

Every other word is masked, whatever its format: the guarantee does not depend
on recognising each kind of personal data.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import wordfreq
import yaml
from faker.providers.lorem.en_US import Provider as EnglishLorem
from faker.providers.lorem.es_ES import Provider as SpanishLorem

ROOT = Path(__file__).resolve().parents[1]
# Our own texts: every word in them may be kept, names included (Okezie, Humble).
OWN_TEXTS = ["domain.yml", "knowledge"]  # files, or folders of .yml and .txt files
TRAINING_DATA = "data"
# Faker's name lists, in the Latin alphabet: where our patients' names most often come from...
LOCAL_NAME_LOCALES = ["en_US", "en_GB", "en_IE", "es_MX", "es_ES", "es_AR", "es_CO", "es_CL"]
# ... and from further away.
OTHER_NAME_LOCALES = ["en_NZ", "en_IN", "en_NG", "pt_BR", "fr_FR", "de_DE", "it_IT", "pl_PL"]
OTHER_NAME_LOCALES += ["nl_NL", "vi_VN"]
# How many of each language's most frequent words count as ordinary.
ORDINARY_WORDS_PER_LANGUAGE = 40_000
# The most frequent words of each language, which are never read as part of a name.
FUNCTION_WORDS_PER_LANGUAGE = 300
# Beyond this rank a known word right after a name may be a surname ("maria bellamy").
FREQUENT_WORDS_PER_LANGUAGE = 5_000
_FOREIGN_LETTER = re.compile(r"[^\W\d_a-zA-ZáéíóúüñÁÉÍÓÚÜÑ]")
_WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")


def fold(word: str) -> str:
    """``word`` lower-cased, without accents, with a straight apostrophe."""
    decomposed = unicodedata.normalize("NFKD", word.lower().replace("\u2019", "'"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words_in(text: str) -> set[str]:
    """The folded words of ``text``, and the parts of hyphenated ones."""
    found = {fold(word) for word in _WORD.findall(text)}
    return found | {part for word in found for part in word.split("-")}


def _names(locales: list[str], function_words: set[str]) -> set[str]:
    """First names and surnames (each part of them) in Faker's lists for ``locales``."""
    names: set[str] = set()
    for locale in locales:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in ("first_names", "first_names_male", "first_names_female", "last_names"):
            listed = getattr(provider, attribute, ())
            if isinstance(listed, dict | list | tuple):  # some locales compute them
                names |= {fold(str(name)) for name in listed}
    parts = {part for name in names for part in re.split(r"[\s-]+", name)}
    return {part for part in parts if len(part) > 1 and part not in function_words}


def _strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [text for key, item in value.items() for text in [str(key), *_strings(item)]]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return [value] if isinstance(value, str) else []


def _files(root: Path, names: list[str]) -> list[Path]:
    paths = [root / name for name in names]
    return [
        file
        for path in paths
        for file in (sorted(path.rglob("*.*")) if path.is_dir() else [path])
        if file.suffix in (".yml", ".txt")
    ]


def _text_of(path: Path) -> str:
    """The words a file gives patients or the model: a YAML file's values, not its comments."""
    text = path.read_text(encoding="utf-8")
    return " ".join(_strings(yaml.safe_load(text))) if path.suffix == ".yml" else text


@dataclass(frozen=True)
class Vocabulary:
    """Which words may be stored, and which are names."""

    known: frozenset[str]  # may be stored
    names: frozenset[str]  # first names and surnames, everyday words or not
    everyday: frozenset[str]  # our own words and lorem words: names among them are words too
    function_words: frozenset[str]  # the most frequent words ("in", "the", "will", "el")
    rare: frozenset[str]  # known words outside our own and each language's most frequent

    def is_known(self, word: str) -> bool:
        """True when ``word`` (any case) may be stored outside a name's position.

        A word with letters that English and Spanish do not use ("Văn") is not.
        """
        if _FOREIGN_LETTER.search(word):
            return False
        folded = fold(word).removesuffix("'s")
        parts = folded.split("-") if "-" in folded else [folded]
        return all(part in self.known for part in parts)

    def stands_as_name(self, word: str, after_introduction: bool = False) -> bool:
        """True when ``word`` must be masked as (part of) a name.

        Unknown words and names that are no everyday word ("maria") always; an
        everyday word that is also a name ("Will", "Grace") only when it is
        capitalised right after an introduction ("my husband Will").
        """
        if not self.is_known(word):
            return True
        folded = fold(word)
        if folded not in self.names:
            return False
        return folded not in self.everyday or (after_introduction and word[:1].isupper())


@lru_cache(maxsize=1)
def load_vocabulary(root: Path = ROOT) -> Vocabulary:
    """The vocabulary built from the repository's texts, wordfreq and Faker."""
    ranked = {
        language: [
            fold(word) for word in wordfreq.top_n_list(language, ORDINARY_WORDS_PER_LANGUAGE)
        ]
        for language in ("en", "es")
    }
    function_words = {word for top in ranked.values() for word in top[:FUNCTION_WORDS_PER_LANGUAGE]}
    frequent = {word for top in ranked.values() for word in top[:FREQUENT_WORDS_PER_LANGUAGE]}
    ordinary = {word for top in ranked.values() for word in top}
    # Names of other languages that are English or Spanish words ("lips") are words.
    names = _names(LOCAL_NAME_LOCALES, function_words)
    names |= _names(OTHER_NAME_LOCALES, function_words) - ordinary
    own: set[str] = set()
    for path in [*_files(root, OWN_TEXTS), *sorted((root / TRAINING_DATA).rglob("*.yml"))]:
        own |= words_in(_text_of(path))
    everyday = own | {fold(word) for word in EnglishLorem.word_list}
    everyday |= {fold(word) for word in SpanishLorem.word_list} - names  # it has "José"
    ordinary -= names
    return Vocabulary(
        known=frozenset(everyday | ordinary),
        names=frozenset(names),
        everyday=frozenset(everyday),
        function_words=frozenset(function_words),
        rare=frozenset(ordinary - everyday - frequent),
    )
