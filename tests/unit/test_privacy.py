import pytest

from channels.privacy import redact


def test_the_realistic_message_keeps_its_question():
    text = "Hi I'm Maria Lopez, 713-555-0182, born 4/12/1961, how long does a nerve block last?"
    assert redact(text) == "Hi I'm ***, ***, born ***, how long does a nerve block last?"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my email is maria.lopez+clinic@example.com", "my email is ***"),
        ("call me at (281) 555-0100", "call me at ***"),
        ("call me at +1 281.555.0100 please", "call me at *** please"),
        ("my name is maria lopez", "my name is ***"),
        ("this is Mr. John Smith", "this is ***"),
        ("DOB: April 12, 1961", "DOB: ***"),
        ("born 12 April 1961", "born ***"),
        ("ssn 123-45-6789", "ssn ***"),
    ],
)
def test_personal_data_is_replaced(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I'm having back pain for 3 years",
        "i am 78 years old, how long does a rhizotomy take?",
        "does a nerve block last 15-30 minutes or more",
        "I am not sure which one fits me",
    ],
)
def test_ordinary_messages_are_untouched(text):
    assert redact(text) == text
