"""WCAG 2.1 AA with the chat open: axe-core, the keyboard, the live region, zoom, motion."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Browser, Page, expect

from scripts.servers import ROOT, Servers
from tests.web.chat import (
    LAUNCHER_LABEL,
    LOG_LABEL,
    answers,
    ask,
    conversation,
    open_chat,
    quick_replies,
)

AXE = ROOT / "build" / "web-vendor" / "test" / "axe.min.js"  # pinned in web/vendor.lock.json
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
QUESTION = {
    "en": ("what is a rhizotomy?", "semi-permanent"),
    "es": ("qué es una rizotomía?", "semipermanente"),
}


def axe_violations(page: Page) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now.

    Injected through the DevTools protocol (page.evaluate), which the page's
    Content-Security-Policy does not apply to: the page itself runs unchanged.
    """
    if not AXE.exists():
        pytest.skip("axe-core is not vendored: python -m web.vendor build/web-vendor")
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact,"
        " nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)})))",
        WCAG_21_AA,
    )
    return result


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_axe_violations_with_an_answer_and_quick_replies_shown(
    browser: Browser, servers: Servers, language: str
):
    context = browser.new_context(
        locale={"en": "en-US", "es": "es-MX"}[language], viewport={"width": 1280, "height": 800}
    )
    page = context.new_page()
    try:
        open_chat(page, servers.web_url, language)
        question, expected = QUESTION[language]
        ask(page, question, expected, language)
        expect(quick_replies(page, language).get_by_role("button").first).to_be_visible()
        violations = axe_violations(page)
        assert violations == [], json.dumps(violations, indent=1, ensure_ascii=False)
        # the check does see problems: take the launcher's name away and it fails
        page.locator(".cc-launcher").evaluate("e => e.removeAttribute('aria-label')")
        assert "button-name" in [v["id"] for v in axe_violations(page)]
    finally:
        context.close()


def focus_ring(page: Page) -> str:
    """The focused element's outline, e.g. '3px solid rgb(27, 42, 49)'."""
    return page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return s.outlineStyle === 'none' ? '' : `${s.outlineWidth} ${s.outlineStyle}`; }"
    )


def test_the_keyboard_alone_opens_asks_chooses_scrolls_and_closes(page: Page, servers: Servers):
    page.goto(servers.web_url)
    page.keyboard.press("Tab")
    launcher = page.get_by_role("button", name=LAUNCHER_LABEL["en"])
    expect(launcher).to_be_focused()
    assert focus_ring(page).startswith("3px solid")
    page.keyboard.press("Enter")
    expect(launcher).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("dialog")).to_be_visible()
    box = page.get_by_role("textbox", name="Your message to the clinic's assistant")
    expect(box).to_be_focused()
    expect(answers(page, "virtual assistant")).to_be_visible(timeout=20_000)

    page.keyboard.type("what is a rhizotomy?")
    page.keyboard.press("Enter")
    expect(answers(page, "semi-permanent")).to_be_visible(timeout=20_000)
    page.keyboard.press("Shift+Tab")  # back from the input to the last quick reply
    reply = quick_replies(page).get_by_role("button").last
    expect(reply).to_be_focused()
    assert focus_ring(page).startswith("3px solid")
    chosen = reply.inner_text()
    page.keyboard.press("Enter")
    expect(page.locator(".cc-user").last).to_contain_text(chosen)
    expect(box).to_be_focused()  # the chosen button is gone; typing goes on

    log = conversation(page)
    expect(answers(page).nth(2)).to_be_visible(timeout=20_000)
    log.focus()  # reachable with Tab (tabindex=0), so it can be scrolled with keys
    assert log.evaluate("e => e.tabIndex") == 0
    assert focus_ring(page).startswith("3px solid")
    assert log.evaluate("e => e.scrollHeight > e.clientHeight")
    page.keyboard.press("Home")
    page.wait_for_function("() => document.querySelector('[role=log]').scrollTop === 0")
    page.keyboard.press("End")
    page.wait_for_function("() => document.querySelector('[role=log]').scrollTop > 0")

    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_be_hidden()
    expect(launcher).to_be_focused()
    expect(launcher).to_have_attribute("aria-expanded", "false")


def test_each_answer_is_added_to_the_live_region_once(page: Page, servers: Servers):
    # Screen readers read what is added to a live region: record every addition.
    page.add_init_script(
        """
        window.__added = [];
        new MutationObserver(records => {
          const log = document.querySelector('[role=log]');
          for (const r of records) for (const n of r.addedNodes)
            if (log && log.contains(n) && n !== log) window.__added.push(n.textContent);
        }).observe(document, {childList: true, subtree: true});
        """
    )
    open_chat(page, servers.web_url)
    ask(page, "what is a rhizotomy?", "semi-permanent")
    page.wait_for_timeout(500)
    log = conversation(page)
    expect(log).to_have_attribute("aria-live", "polite")
    added = page.evaluate("window.__added")
    with_answer = [text for text in added if "semi-permanent" in text]
    assert len(with_answer) == 1, added  # the answer and its source, added at once
    assert "Source:" in with_answer[0]

    tree = log.aria_snapshot()
    assert f'log "{LOG_LABEL["en"]}"' in tree
    assert tree.count("semi-permanent") == 1, tree
    assert 'group "Suggested replies"' in tree
    assert 'button "How long does relief last?"' in tree
    assert 'text: "Assistant:"' in tree and 'text: "You:"' in tree  # who said what
    assert "paragraph: what is a rhizotomy?" in tree
    # every control in the widget has a name
    widget = page.locator("#clinic-chat").aria_snapshot()
    for role in ("button", "textbox", "link"):
        for line in widget.splitlines():
            if line.strip().startswith(f"- {role}"):
                assert line.strip().startswith(f'- {role} "'), line


@pytest.mark.parametrize(
    ("name", "viewport", "scale"),
    [("zoom200", {"width": 640, "height": 400}, 2), ("width320", {"width": 320, "height": 640}, 1)],
)
def test_usable_at_200_percent_zoom_and_320_px_without_scrolling_sideways(
    browser: Browser, servers: Servers, screenshots, name: str, viewport: dict, scale: int
):
    """1280x800 at 200% zoom is 640x400 CSS pixels; 320 px is WCAG 1.4.10's reflow width."""
    context = browser.new_context(viewport=viewport, device_scale_factor=scale)
    page = context.new_page()
    try:
        open_chat(page, servers.web_url)
        ask(page, "what is a rhizotomy?", "semi-permanent")
        page.wait_for_timeout(300)
        width = viewport["width"]
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        panel = page.locator(".cc-panel").bounding_box()
        assert panel and panel["x"] >= 0 and panel["x"] + panel["width"] <= width + 1
        for selector in (".cc-input", ".cc-send", ".cc-close", ".cc-start-over"):
            box = page.locator(selector).bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= width + 1, selector
            assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"] + 1, selector
        overflowing = page.locator(".cc-message, .cc-replies").evaluate_all(
            "nodes => nodes.filter(n => n.scrollWidth > n.clientWidth + 1).length"
        )
        assert overflowing == 0
        if name == "zoom200":
            page.screenshot(path=str(screenshots / "widget-zoom200.png"))
    finally:
        context.close()


@pytest.mark.parametrize(
    ("motion", "animation"), [("reduce", "none"), ("no-preference", "cc-appear")]
)
def test_the_opening_animation_respects_reduced_motion(
    browser: Browser, servers: Servers, motion: str, animation: str
):
    context = browser.new_context(reduced_motion=motion)
    page = context.new_page()
    try:
        page.goto(servers.web_url)
        page.get_by_role("button", name=LAUNCHER_LABEL["en"]).click()
        name = page.locator(".cc-panel").evaluate("e => getComputedStyle(e).animationName")
        assert name == animation
    finally:
        context.close()
