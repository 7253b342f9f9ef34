import pytest

from clinic_nlu.language import question_language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("¿duele?", "es"),  # the opening mark alone
        ("duele mucho?", "es"),
        ("cuánto dura el nerve block", "es"),
        ("how long does the bloqueo take", "en"),
        ("Hola, soy Maricela. Is a nerve block permanent?", "en"),
        ("Hi, I'm John. ¿Cuánto cuesta la rizotomía?", "es"),
        ("ok", None),
        ("rhizotomy", None),
    ],
)
def test_the_language_of_the_question(text, language):
    assert question_language(text) == language
