"""Which language is a message in? Our marker-word detector beside lingua.

lingua-language-detector is the well-kept library for short texts; it is used here
only, to measure ours against it (``make eval``). Every held-out message is
labelled by its file: English held-out and the hard set English, the Spanish
held-out Spanish (mixed messages there are answered in Spanish). A detector may
abstain ("no clue": "ok", "gracias"?), and then the conversation keeps its
language, so abstaining is counted apart from being wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lingua import Language, LanguageDetectorBuilder

from clinic_nlu.language import question_language
from clinic_nlu.language_codes import ENGLISH, SPANISH
from evaluation.datasets import ENGLISH_HELDOUT, SPANISH_HELDOUT, examples_of
from evaluation.hard import HARD_SETS, load_hard

SHORT_WORDS = 3
LINGUA_CODES = {Language.ENGLISH: ENGLISH, Language.SPANISH: SPANISH}

Detect = Callable[[str], str | None]


@dataclass(frozen=True)
class LanguageIdScores:
    right: int
    wrong: int
    abstained: int
    short_right: int
    short_total: int

    @property
    def total(self) -> int:
        return self.right + self.wrong + self.abstained


def labelled_messages() -> list[tuple[str, str]]:
    from rasa.shared.nlu.training_data.loading import load_data

    def texts(paths: Sequence) -> list[str]:
        return [e.text for path in paths for e in examples_of(load_data(str(path)))]

    return (
        [(text, ENGLISH) for text in texts(ENGLISH_HELDOUT)]
        + [(e.text, ENGLISH) for e in load_hard(HARD_SETS["English, second set"])]
        + [(e.text, ENGLISH) for e in load_hard()]
        + [(e.text, SPANISH) for e in load_hard(HARD_SETS["Spanish"])]
        + [(text, SPANISH) for text in texts(SPANISH_HELDOUT)]
    )


def lingua_detector(minimum_distance: float) -> Detect:
    builder = LanguageDetectorBuilder.from_languages(*LINGUA_CODES)
    detector = builder.with_minimum_relative_distance(minimum_distance).build()
    return lambda text: LINGUA_CODES.get(detector.detect_language_of(text))


def score(detect: Detect, messages: Sequence[tuple[str, str]]) -> LanguageIdScores:
    right = wrong = abstained = short_right = short_total = 0
    for text, language in messages:
        found = detect(text)
        right += found == language
        wrong += found is not None and found != language
        abstained += found is None
        if len(text.split()) <= SHORT_WORDS:
            short_total += 1
            short_right += found == language
    return LanguageIdScores(right, wrong, abstained, short_right, short_total)


def compare() -> dict[str, LanguageIdScores]:
    messages = labelled_messages()
    return {
        "ours (marker words, clinic_nlu.language)": score(question_language, messages),
        "lingua, English or Spanish": score(lingua_detector(0.0), messages),
        "lingua, abstaining when unsure (distance 0.25)": score(lingua_detector(0.25), messages),
    }


def language_id_table(scores: dict[str, LanguageIdScores]) -> str:
    """Markdown: right, wrong and abstained per detector, and on short messages."""
    total = next(iter(scores.values())).total
    lines = [
        f"## Language identification ({total} held-out messages)",
        "",
        "| detector | right | wrong | no clue (keeps the conversation's language) "
        f"| right on messages of ≤{SHORT_WORDS} words |",
        "|---|---|---|---|---|",
    ]
    for name, s in scores.items():
        lines.append(
            f"| {name} | {s.right / s.total:.1%} | {s.wrong / s.total:.1%} | "
            f"{s.abstained / s.total:.1%} | {s.short_right}/{s.short_total} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(language_id_table(compare()))
