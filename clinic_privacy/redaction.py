"""Mask what could identify a patient in a message, keeping every other word.

Three layers, each masking spans with ``MASK``:

1. Formats: e-mail addresses and links; any run of digits (with spaces, dashes,
   dots, slashes or brackets between them) with a group of three digits or more,
   or three groups (phones, dates, SSNs, ZIP codes, house numbers, member IDs;
   "15-30 minutes" stays); words mixing letters and
   digits; numbers spelled out in three words or more ("seven one three ...");
   dates with a month's name ("March 14", "14 de marzo").
2. Names where they stand as names: after "my name is", "I'm", "this is",
   "it's", "call me", "me llamo", "soy", or a relative ("my husband", "mi hija"),
   the next words that are first names, surnames or unknown words; a capitalised
   name inside a sentence.
3. Everything else that is not a known word (``clinic_privacy.vocabulary``):
   unknown surnames, street names, IDs written in letters.

The patient's question survives: known words stay, so "how long does a nerve
block last" is stored as written.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from clinic_privacy.vocabulary import Vocabulary, fold, load_vocabulary

MASK = "***"

_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
    "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|"
    "noviembre|diciembre"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_NUMBER_WORDS = (
    "zero|oh|o|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|double|triple|"
    "cero|uno|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez"
)
_STREET_KINDS = (
    "st|street|dr|drive|ln|lane|rd|road|ave|avenue|blvd|boulevard|way|ct|court|trail|trl|"
    "pkwy|parkway|cir|circle|pl|place|loop|bend|hwy|highway|fwy|freeway|calle|avenida"
)
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_ORDINAL_WORDS = (
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    "thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
    "thirtieth|(?:twenty|thirty)[\\s-]+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
)
# a year in words: "nineteen fifty two", "twenty oh five"
_YEAR_WORDS = (
    rf"(?:nineteen|twenty)\s+(?:hundred\s+)?(?:and\s+)?"
    rf"(?:(?:{_TENS})(?:[\s-]+(?:{_UNITS}))?|{_TEENS}|(?:oh|o)\s+(?:{_UNITS}))"
)
_FORMATS = [
    # a date in words: "the fourth of july", "march third", "nineteen fifty two"
    re.compile(rf"\b(?:{_ORDINAL_WORDS})\s+(?:of\s+)?(?:{_MONTHS})\b", re.I),
    re.compile(rf"\b(?:{_MONTHS})\s+(?:the\s+)?(?:{_ORDINAL_WORDS})\b", re.I),
    re.compile(rf"\b{_YEAR_WORDS}\b", re.I),
    re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),  # e-mail
    re.compile(r"(?:https?://|www\.)\S+", re.I),  # link
    # a date with a month's name: "March 14", "14th of March", "14 de marzo"
    re.compile(rf"\b(?:{_MONTHS})\.?\s+{_DAY}\b(?:,?\s+\d{{2,4}})?", re.I),
    re.compile(
        rf"\b{_DAY}\s+(?:of\s+|de\s+)?(?:{_MONTHS})\b\.?(?:,?\s+(?:de(?:l)?\s+)?\d{{2,4}})?", re.I
    ),
    # spelled-out digits: three or more number words in a row
    re.compile(rf"\b(?:(?:{_NUMBER_WORDS})[\s,-]+){{2,}}(?:{_NUMBER_WORDS})\b", re.I),
    # a word mixing letters and digits, but for ordinals: "XGH448271", "MRN0045", "14B"
    re.compile(r"\b(?!\d+(?:st|nd|rd|th)\b)(?=[\w-]*[^\W\d_])(?=[\w-]*\d)[\w-]{2,}\b"),
    # a card's expiry date: "exp 08/27"
    re.compile(
        r"\b(?:exp(?:ires|iry|iration)?|vence|caduca)\.?:?\s*\d{1,2}\s*[/-]\s*\d{2,4}", re.I
    ),
    # a word spelled out letter by letter: "J o a q u i n a", "H_o_r_t_e_n_s_i_a"
    re.compile(r"(?<![^\W\d_])(?:[^\W\d_][\s._-]{1,3}){2,}[^\W\d_](?![^\W\d_])"),
    # what follows an apartment, unit or suite: "Apt 14", "Suite B"
    re.compile(r"\b(?:apt|apartment|unit|suite|ste|bldg|building|lote)\.?\s*#?\s*[\w-]+", re.I),
    # a street address: house number, up to three words, the street's kind
    re.compile(rf"\b\d{{1,6}}\s+(?:[^\W\d_]+\.?\s+){{0,3}}(?:{_STREET_KINDS})\b\.?", re.I),
]
# Digits, however separated: phones, SSNs, dates, ZIP codes, IDs ("15-30 minutes" is kept).
_DIGIT_RUN = re.compile(r"\+?\(?\d(?:[\s().#/-]{0,3}\d)*\)?")
_STRONG_INTRO = (
    r"(?:my\s+)?name\s+is|my\s+names?|name'?s|names|name\s*:|"
    r"me\s+llamo|mi\s+nombre\s+es|se\s+llama|ll[aá]mame"
)
_WEAK_INTRO = r"i'?m|i\s+am|this\s+is|it'?s|it\s+is|soy|habla|here\s+is|call\s+me|named|called"
_RELATIVE = (
    r"husband|wife|son|daughter|mom|mother|mum|dad|father|brother|sister|grandma|grandpa|"
    r"grandmother|grandfather|aunt|uncle|niece|nephew|cousin|friend|partner|boyfriend|"
    r"girlfriend|fianc[eé]e?|neighbou?r|caregiver|doctor|dr|"
    r"esposo|esposa|marido|mujer|hijo|hija|mam[aá]|pap[aá]|madre|padre|hermano|hermana|"
    r"abuelo|abuela|t[ií]o|t[ií]a|sobrino|sobrina|primo|prima|amigo|amiga|novio|novia|doctora"
)
_INTRO = re.compile(
    rf"\b(?:(?P<strong>{_STRONG_INTRO})|(?P<weak>{_WEAK_INTRO})|"
    rf"(?:my|mi|our|nuestr[oa]|la|el)\s+(?P<relative>{_RELATIVE})\.?)[\s,:]+",
    re.I,
)
# Words before "here" that are no name: "I'm here", "we are all here".
_NOT_SIGNATURES = frozenset(
    "i im i'm we were we're you he she they it is are am was be been still not just right over "
    "out back up down in from all so also the a an my our your and or hi hello hey yes ok okay "
    "who what why how when where which come came get got".split()
)
# Words signing a message at the start of a sentence: "Bill here", "Maria Lopez aqui".
_SIGNED = re.compile(
    r"(?:^|[.!?,;]\s*)(?:hi|hello|hola|hey)?[\s,]*(?P<name>(?:[^\W\d_]+\s+){1,3})(?:here|aqu[ií])\b",
    re.I,
)
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
_TITLES = {"mr", "mrs", "ms", "miss", "dr", "sr", "sra", "srta", "don", "dona"}
_SENTENCE_ENDS = ".!?¡¿:;-\"'(*"
# At most this many words after an introduction are read as the name.
MAX_NAME_WORDS = 4


def _mask_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each span replaced by one ``MASK`` (touching spans merge)."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1] + 1 and not text[merged[-1][1] : start].strip():
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    pieces, last = [], 0
    for start, end in merged:
        pieces += [text[last:start], MASK]
        last = end
    return "".join([*pieces, text[last:]])


def _identifying_number(run: str) -> bool:
    """True for a number of three digits or more, or of three groups or more ("4 12 61")."""
    groups = re.findall(r"\d+", run)
    return max(map(len, groups)) >= 3 or len(groups) >= 3


def _format_spans(text: str) -> list[tuple[int, int]]:
    spans = [match.span() for pattern in _FORMATS for match in pattern.finditer(text)]
    spans += [run.span() for run in _DIGIT_RUN.finditer(text) if _identifying_number(run.group())]
    return spans


@dataclass
class _Word:
    start: int
    end: int
    text: str
    starts_sentence: bool
    masked: bool = False

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def _words(text: str) -> list[_Word]:
    words = []
    for match in _WORD.finditer(text):
        before = text[: match.start()].rstrip()
        starts_sentence = not before or before[-1] in _SENTENCE_ENDS
        words.append(_Word(match.start(), match.end(), match.group(), starts_sentence))
    return words


def _mark_introduced_names(text: str, words: list[_Word], vocabulary: Vocabulary) -> None:
    """The words that stand as a name after an introduction or a relative."""
    starts = {word.start: index for index, word in enumerate(words)}
    for signed in _SIGNED.finditer(text):  # "Bill here", "Maria Lopez here"
        for word in words:
            inside = signed.start("name") <= word.start < signed.end("name")
            if inside and (word.capitalised or fold(word.text) in vocabulary.names):
                word.masked = word.masked or fold(word.text) not in _NOT_SIGNATURES
    for intro in _INTRO.finditer(text):
        index = starts.get(intro.end())
        for offset in range(MAX_NAME_WORDS):
            if index is None or index + offset >= len(words):
                break
            word = words[index + offset]
            if offset and not _joined(text, words[index + offset - 1], word):
                break
            # After "my name is", the name's words run to the first frequent word.
            certain = intro.group("strong") is not None and (
                offset == 0 or fold(word.text) not in vocabulary.function_words
            )
            title = fold(word.text) in _TITLES
            maybe_name = vocabulary.stands_as_name(word.text, after_introduction=True) or (
                word.capitalised and fold(word.text) not in vocabulary.everyday
            )
            if not (certain or title or maybe_name):
                break
            word.masked = True


def _joined(text: str, first: _Word, second: _Word) -> bool:
    """True when only spaces, brackets or quotes (or a title's period) separate two words."""
    return (
        re.fullmatch(r"\.?[\s\"'()]*\s[\s\"'()]*|\.?\s*[(\"]", text[first.end : second.start])
        is not None
    )


def _mark_other_names(words: list[_Word], vocabulary: Vocabulary) -> None:
    """Unknown words, names that are no everyday word, capitalised names mid-sentence."""
    for word in words:
        folded = fold(word.text)
        unusual_capital = (
            word.capitalised and not word.starts_sentence and folded not in vocabulary.everyday
        )
        capitalised_name = (
            word.capitalised and not word.starts_sentence and folded in vocabulary.names
        )
        if vocabulary.stands_as_name(word.text) or unusual_capital or capitalised_name:
            word.masked = True


def _extend_names(text: str, words: list[_Word], vocabulary: Vocabulary) -> None:
    """A name's neighbour that could be part of it is masked too: "Hope ***", "*** bellamy"."""
    changed = True
    while changed:
        changed = False
        for left, right in itertools.pairwise(words):
            if left.masked == right.masked or not _joined(text, left, right):
                continue
            neighbour, name = (right, left) if left.masked else (left, right)
            folded = fold(neighbour.text)
            part_of_name = (
                not vocabulary.is_known(folded)
                or folded in vocabulary.names
                or folded in vocabulary.rare  # "*** bellamy", "sunny ***"
                or (
                    neighbour.capitalised
                    and name.capitalised
                    and folded not in vocabulary.function_words
                )
            )
            if part_of_name:
                neighbour.masked = changed = True


def _name_spans(text: str, vocabulary: Vocabulary) -> list[tuple[int, int]]:
    words = _words(text)
    _mark_introduced_names(text, words, vocabulary)
    _mark_other_names(words, vocabulary)
    _extend_names(text, words, vocabulary)
    return [(word.start, word.end) for word in words if word.masked]


def redact(text: str, vocabulary: Vocabulary | None = None) -> str:
    """``text`` with everything that could identify a patient replaced by ``MASK``."""
    vocabulary = vocabulary or load_vocabulary()
    spans = _format_spans(text) + _name_spans(text, vocabulary)
    return _mask_spans(text, spans)
