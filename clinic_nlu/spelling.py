"""Spelling correction against the assistant's own vocabulary (symmetric delete).

Patients type "how lnog does the releif last". The classifier's character n-grams
carry one typo well, but two or three in one short question leave too little of
the message. Before classifying, each word the training data never uses is
replaced by the most frequent training word within a small edit distance (one
edit for short words, two for longer ones), found with the symmetric-delete
method: every word is indexed under the strings its deletions make, so a lookup
costs a few dictionary hits, not a scan of the vocabulary.

Only the classifier sees the corrected text; the safety check, the language
detector and the stored conversation keep the patient's own words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from itertools import combinations

WORD = re.compile(r"[^\W\d_]+")
SHORTEST_CORRECTED = 4  # "teh" is too short to guess safely
TWO_EDITS_FROM = 7  # letters in a word before two edits are allowed


def _deletes(word: str, edits: int) -> set[str]:
    """``word`` with every choice of up to ``edits`` letters removed."""
    return {
        "".join(char for index, char in enumerate(word) if index not in removed)
        for count in range(edits + 1)
        for removed in combinations(range(len(word)), count)
    }


def edit_distance(first: str, second: str) -> int:
    """Damerau-Levenshtein distance (optimal string alignment): a swap is one edit."""
    previous_row: list[int] = []
    row = list(range(len(second) + 1))
    for i, char in enumerate(first, 1):
        before_previous, previous_row, row = previous_row, row, [i] + [0] * len(second)
        for j, other in enumerate(second, 1):
            row[j] = min(
                previous_row[j] + 1,
                row[j - 1] + 1,
                previous_row[j - 1] + (char != other),
            )
            if i > 1 and j > 1 and char == second[j - 2] and first[i - 2] == other:
                row[j] = min(row[j], before_previous[j - 2] + 1)
    return row[-1]


def allowed_edits(word: str) -> int:
    return 2 if len(word) >= TWO_EDITS_FROM else 1


class SpellingCorrector:
    """Replaces unknown words with the closest, most frequent known word."""

    def __init__(self, counts: Counter[str]) -> None:
        self._counts = counts
        self._index: dict[str, set[str]] = {}
        for word in counts:
            if len(word) >= SHORTEST_CORRECTED - 1:
                for deleted in _deletes(word, allowed_edits(word)):
                    self._index.setdefault(deleted, set()).add(word)

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> SpellingCorrector:
        return cls(Counter(word for text in texts for word in WORD.findall(text.lower())))

    def correct_word(self, word: str) -> str:
        """``word`` itself when known or too short, else its best known neighbour."""
        lowered = word.lower()
        if lowered in self._counts or len(lowered) < SHORTEST_CORRECTED:
            return word
        edits = allowed_edits(lowered)
        candidates = {
            known for deleted in _deletes(lowered, edits) for known in self._index.get(deleted, ())
        }
        scored = [
            (distance, -self._counts[known], known)
            for known in candidates
            if (distance := edit_distance(lowered, known)) <= edits
        ]
        return min(scored)[2] if scored else word

    def correct(self, text: str) -> str:
        """``text`` with every unknown word corrected; spacing and punctuation kept."""
        return WORD.sub(lambda match: self.correct_word(match.group()), text)
