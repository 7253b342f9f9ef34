import numpy as np
import pytest
from scipy.special import erf

from clinic_nlu.sentence_vectors import gelu, shared_encoder


@pytest.fixture(scope="module")
def encoder():
    return shared_encoder()


def test_each_text_gets_one_unit_length_vector(encoder):
    vectors = encoder.encode(["how long does relief last", "hi", "¿duele?"])
    assert vectors.shape == (3, encoder.dimensions)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_batching_and_padding_do_not_change_a_vector(encoder):
    texts = [
        "hi",
        "I had a nerve block last spring and it helped two weeks; would a rhizotomy last longer?",
        "will I be awake?",
    ]
    together = encoder.encode(texts)
    alone = np.vstack([encoder.encode([text]) for text in texts])
    assert np.allclose(together, alone, atol=1e-5)


def test_a_paraphrase_with_no_shared_word_is_nearer_than_another_question(encoder):
    asked, paraphrase, other = encoder.encode(
        [
            "will I be asleep during it?",
            "is the procedure done under sedation?",
            "how much does the procedure cost?",
        ]
    )
    assert asked @ paraphrase > asked @ other + 0.1


def test_the_tanh_form_of_gelu_stays_within_a_thousandth_of_the_exact_one():
    x = np.linspace(-6, 6, 2001, dtype=np.float32)
    exact = 0.5 * x * (1 + erf(x / np.sqrt(2)))
    assert np.abs(gelu(x) - exact).max() < 1e-3
