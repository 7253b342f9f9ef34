"""Group the messages the assistant could not answer by similarity.

Each distinct (redacted) text is a TF-IDF vector of its words; average-linkage
agglomerative clustering on cosine distance joins texts that share their telling
words ("pizza place near me", "best pizza nearby"). Identical texts are counted,
not repeated, so thousands of messages cluster in a moment; past ``MAX_CLUSTERED``
distinct texts the rarest join their nearest group, or one of their own.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

DISTANCE_THRESHOLD = 0.9  # cosine distance: texts sharing a telling word ("pizza") join
MAX_CLUSTERED = 2_000
EXAMPLES = 3
KEY_WORDS = 3
NO_WORDS = "(no words left: masked, numbers or symbols only)"
UNGROUPED = "(rarely asked, each unlike the others)"


@dataclass(frozen=True)
class Group:
    """Similar messages: how many, their most frequent texts and telling words."""

    count: int
    examples: tuple[str, ...]
    key_words: str


def _group(counts: Counter[str], texts: list[str], key_words: str) -> Group:
    ranked = sorted(texts, key=lambda text: (-counts[text], text))
    return Group(sum(counts[t] for t in texts), tuple(ranked[:EXAMPLES]), key_words)


def _key_words(vectors: np.ndarray, terms: np.ndarray, weights: np.ndarray) -> str:
    scores = (vectors * weights[:, None]).sum(axis=0)
    top = [terms[i] for i in np.argsort(-scores)[:KEY_WORDS] if scores[i] > 0]
    return ", ".join(top)


def group_messages(texts: list[str]) -> list[Group]:
    """Groups of ``texts``, the largest first."""
    counts = Counter(text.strip() for text in texts if text and text.strip())
    distinct = sorted(counts, key=lambda text: (-counts[text], text))
    if not distinct:
        return []
    vectorizer = TfidfVectorizer(strip_accents="unicode", stop_words="english", sublinear_tf=True)
    try:
        matrix = vectorizer.fit_transform(distinct).toarray()
    except ValueError:  # not one word in any text
        return [_group(counts, distinct, NO_WORDS)]
    terms = vectorizer.get_feature_names_out()
    norms = np.linalg.norm(matrix, axis=1)
    wordless = [text for text, norm in zip(distinct, norms, strict=True) if norm == 0]
    indices = [i for i, norm in enumerate(norms) if norm > 0]
    clustered, rest = indices[:MAX_CLUSTERED], indices[MAX_CLUSTERED:]

    labels = np.zeros(len(clustered), dtype=int)
    if len(clustered) > 1:
        labels = AgglomerativeClustering(
            n_clusters=None,
            affinity="cosine",
            linkage="average",
            distance_threshold=DISTANCE_THRESHOLD,
        ).fit_predict(matrix[clustered])
    members: dict[int, list[int]] = {}
    for index, label in zip(clustered, labels, strict=True):
        members.setdefault(int(label), []).append(index)

    ungrouped: list[str] = []
    if rest:
        labels_list = sorted(members)
        centroids = np.array([matrix[members[label]].mean(axis=0) for label in labels_list])
        centroids /= np.linalg.norm(centroids, axis=1, keepdims=True)
        similarity = (matrix[rest] / norms[rest, None]) @ centroids.T
        for index, row in zip(rest, similarity, strict=True):
            if row.max() >= 1 - DISTANCE_THRESHOLD:
                members[labels_list[int(row.argmax())]].append(index)
            else:
                ungrouped.append(distinct[index])

    weights = np.array([counts[text] for text in distinct], dtype=float)
    groups = [
        _group(
            counts,
            [distinct[i] for i in group],
            _key_words(matrix[group], terms, weights[group]),
        )
        for group in members.values()
    ]
    if wordless:
        groups.append(_group(counts, wordless, NO_WORDS))
    if ungrouped:
        groups.append(_group(counts, ungrouped, UNGROUPED))
    return sorted(groups, key=lambda group: (-group.count, group.examples))
