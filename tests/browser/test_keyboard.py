"""The `readiness` questionnaire completed in Arabic with the keyboard alone: Tab, the arrow keys,
Space, Enter and typing (`page.keyboard`), never a click, a fill or a check."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from .browsing import Keyboard, short

pytestmark = pytest.mark.browser

ORGANISATION = "مكتب الأطلس للاستشارات"
SECTOR = "professional_services"
SIZE = "10-49"
NOTE = "لا توجد ملاحظات أخرى"
DOMAIN_PATH = "/assessment/domains/"


def _is_question(info: dict) -> bool:
    return (info["name"] or "").startswith("q_")


def _is_save_button(info: dict) -> bool:
    """The page's main button: save and go on (to the next page, or to the review)."""
    return info["tag"] == "button" and info["name"] == "go" and info["value"] in ("next", "review")


def _answer_page(keys: Keyboard, answered: dict, skip: set) -> dict:
    """Answer every unanswered question of the page in Tab order; stop on the save button.

    Radios go in turn by Space (the first option), one ArrowDown (the second) and two (the
    third); a multiple choice gets Space on its first box; a number and a text are typed.
    Questions named in `skip` are left unanswered."""
    for _ in range(keys.max_tabs):
        info = keys.press("Tab")
        if info is None:
            continue
        if _is_save_button(info):
            return info
        if not _is_question(info) or info["name"] in skip or info["name"] in answered:
            continue
        name = info["name"]
        if info["type"] == "radio" and not info["group_checked"]:
            if not answered and not skip:
                skip.add(name)  # the first question is left as a gap, for the review's box
                continue
            moves = len(answered) % 3
            info = keys.press("Space") if moves == 0 else info
            for _ in range(moves):
                info = keys.press("ArrowDown")
            if info is None or info["name"] != name or len(info["group_checked"]) != 1:
                raise keys.stuck(f"Space and the arrow keys did not answer the radios {name}")
            answered[name] = info["group_checked"][0]
        elif info["type"] == "checkbox" and not info["group_checked"]:
            info = keys.press("Space")
            if info is None or not info["checked"]:
                raise keys.stuck(f"Space did not tick the box {short(info)} of {name}")
            answered[name] = info["group_checked"]
        elif info["tag"] == "input" and info["type"] in ("text", None) and not info["value"]:
            keys.type("12")
            answered[name] = "12"
        elif info["tag"] == "textarea" and not info["value"]:
            keys.type(NOTE)
            answered[name] = NOTE
    raise keys.stuck(f"Tab never reached the save button in {keys.max_tabs} presses")


def test_readiness_completed_in_arabic_with_the_keyboard_alone(new_page, live_server, artifacts):
    page = new_page()
    stuck = artifacts / "keyboard-stuck.png"
    stuck.unlink(missing_ok=True)
    keys = Keyboard(page, screenshot=stuck)
    page.goto("/?lang=ar")
    assert page.evaluate("document.documentElement.dir") == "rtl"

    # The start form: the questionnaire and the size with the arrow keys, the sector with the
    # arrow keys on the closed list, the organisation typed; the language is Arabic already.
    info = keys.tab_until(lambda i: i["name"] == "questionnaire", "the questionnaires")
    keys.choose_radio(info, "readiness")
    keys.tab_until(lambda i: i["name"] == "sector", "the sector list")
    for _ in range(30):
        info = keys.press("ArrowDown")
        if info is not None and info["value"] == SECTOR:
            break
    else:
        raise keys.stuck(f"ArrowDown on the sector list never chose {SECTOR!r}")
    keys.tab_until(lambda i: i["name"] == "organisation", "the organisation's name")
    keys.type(ORGANISATION)
    assert page.evaluate("document.activeElement.value") == ORGANISATION
    info = keys.tab_until(lambda i: i["name"] == "size", "the size bands")
    keys.choose_radio(info, SIZE)
    info = keys.tab_until(lambda i: i["name"] == "language", "the language")
    assert info["group_checked"] == ["ar"], f"the answering language is {info['group_checked']}"
    start = keys.tab_until(
        lambda i: i["tag"] == "button" and i["type"] == "submit", "the start button"
    )
    assert start["focus_visible"], f"the focused start button is not :focus-visible: {start}"
    assert start["outline_style"] != "none" and start["outline_width"] > 0, (
        f"the start button shows no outline when focused with Tab: {start}"
    )
    keys.enter_and_wait("the start button")
    assert urlsplit(page.url).path == "/assessment/started", page.url

    # The page that gives the resume link, then the first domain.
    keys.tab_until(lambda i: DOMAIN_PATH in (i["href"] or ""), "the link to the first page")
    keys.enter_and_wait("the link to the first page")

    answered: dict = {}
    skip: set = set()
    pages = []
    for _ in range(40):  # six domains, each posted again if new questions appear on it
        path = urlsplit(page.url).path
        if not path.startswith(DOMAIN_PATH):
            break
        pages.append(path)
        save = _answer_page(keys, answered, skip)
        keys.enter_and_wait(f"the save button {short(save)}")
        summary = page.locator("#error-summary")
        assert not summary.count(), f"saving {path} was refused: {summary.inner_text()}"
    assert urlsplit(page.url).path == "/assessment/review", f"after {pages}: {page.url}"
    assert len(set(pages)) >= 6, f"the keyboard went through {pages} only"

    # The review: one gap was left, so the box is ticked with Space before submitting.
    box = keys.tab_until(lambda i: i["name"] == "confirm", "the box that accepts the gaps")
    if not box["checked"]:
        box = keys.press("Space")
    assert box is not None and box["checked"], f"Space did not tick the box: {short(box)}"
    keys.tab_until(
        lambda i: i["tag"] == "button" and i["type"] == "submit" and "primary" in i["classes"],
        "the submit button",
    )
    keys.enter_and_wait("the submit button")
    assert urlsplit(page.url).path == "/assessment/results", page.url
    assert ORGANISATION in page.locator("main").inner_text()
    assert len(answered) >= 50, f"only {len(answered)} questions answered: {sorted(answered)}"

    # What the keys chose is what was stored, as the API tells with the page's resume link.
    token = urlsplit(page.locator("#resume-link").input_value()).path.rsplit("/", 1)[-1]
    stored = live_server.api("GET", f"/api/v1/assessments/{token}")
    assert stored["status"] == "submitted" and stored["organisation"]["name"] == ORGANISATION
    assert stored["sector"] == SECTOR and stored["organisation"]["size"] == SIZE
    assert stored["language"] == "ar"
    chosen = {name[2:]: value for name, value in answered.items() if value not in ("12", NOTE)}
    assert {q: stored["answers"].get(q) for q in chosen} == chosen
    assert all(q[2:] not in stored["answers"] for q in skip)

    invisible = keys.invisible_focus()
    assert not invisible, "focus drawn with no outline:\n" + "\n".join(invisible)
