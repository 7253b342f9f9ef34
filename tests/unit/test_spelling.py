from collections import Counter

from clinic_nlu.spelling import SpellingCorrector, edit_distance

CORRECTOR = SpellingCorrector(
    Counter({"how": 9, "long": 9, "does": 9, "relief": 5, "last": 5, "rhizotomy": 4, "lost": 1})
)


def test_a_swap_is_one_edit_and_a_missing_letter_too():
    assert edit_distance("releif", "relief") == 1
    assert edit_distance("rhizotmy", "rhizotomy") == 1
    assert edit_distance("lnog", "long") == 1
    assert edit_distance("kitten", "sitting") == 3


def test_several_misspelled_words_are_corrected_and_the_rest_kept():
    corrected = CORRECTOR.correct("How lnog does the releif last after a rizotmy?")
    assert corrected == "How long does the relief last after a rhizotomy?"


def test_the_most_frequent_of_equally_close_words_wins():
    assert CORRECTOR.correct_word("lest") == "last"


def test_short_words_and_words_too_far_from_any_known_one_stay_as_typed():
    assert CORRECTOR.correct_word("lst") == "lst"
    assert CORRECTOR.correct_word("Houston") == "Houston"
    assert CORRECTOR.correct_word("relif") == "relief"  # one edit away: short words allow one
    assert CORRECTOR.correct_word("rleif") == "rleif"  # two edits in a short word: too far
