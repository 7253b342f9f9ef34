"""The colours configured in web/widget.yml are readable (WCAG 2.1 AA contrast)."""

from __future__ import annotations

import pytest

from web.server import load_widget_settings

TEXT = 4.5  # 1.4.3: normal-size text
NON_TEXT = 3.0  # 1.4.11: focus ring, input border, control borders

# (foreground, background, minimum): every pair the widget's stylesheet draws.
PAIRS = [
    ("main_text", "main", TEXT),  # header, send button icon
    ("user_text", "user_background", TEXT),
    ("assistant_text", "assistant_background", TEXT),
    ("assistant_text", "conversation_background", TEXT),  # typed text
    ("source_text", "assistant_background", TEXT),  # "Source: ..." inside an answer
    ("source_text", "conversation_background", TEXT),  # placeholder, status line
    ("main", "assistant_background", TEXT),  # links inside answers
    ("main", "conversation_background", TEXT),  # quick replies
    ("error_text", "conversation_background", TEXT),  # "Not sent -- try again"
    ("focus", "conversation_background", NON_TEXT),
    ("focus", "assistant_background", NON_TEXT),
    ("main_text", "main", NON_TEXT),  # focus ring in the header
    ("main", "conversation_background", NON_TEXT),  # send button, launcher
]


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2.1 relative luminance of ``#rrggbb``."""
    value = hex_colour.lstrip("#")
    assert len(value) == 6, f"{hex_colour} is not #rrggbb"
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_formula_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast("#0b5d7a", "#0b5d7a") == pytest.approx(1.0)


@pytest.mark.parametrize(("foreground", "background", "minimum"), PAIRS)
def test_configured_colours_contrast_enough(foreground: str, background: str, minimum: float):
    colours = load_widget_settings()["colors"]
    ratio = contrast(colours[foreground], colours[background])
    assert ratio >= minimum, f"{foreground} on {background}: {ratio:.2f}:1 < {minimum}:1"
