"""The page script's enhancements in a real browser: questions that appear as the answer they
depend on changes, saves in the background, the warning before leaving unsaved changes; and the
pages at a phone's width (360 px)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

DEPENDS_ON = "rw_remote_staff"  # a number: how many people work remotely
DEPENDENT = "rw_home_practices"  # shown only when at least one does


def _open_domain(page, token: str, domain: str, lang: str) -> None:
    page.goto(f"/resume/{token}?lang={lang}")
    response = page.goto(f"/assessment/domains/{domain}?lang={lang}")
    assert response is not None and response.status == 200


def test_a_question_appears_as_the_answer_it_depends_on_changes(new_page, live_server):
    token = live_server.assessment("شركة الأطلس للتأمين", lang="ar")
    page = new_page()
    _open_domain(page, token, "remote_work", "ar")
    dependent = page.locator(f"#q-{DEPENDENT}")
    assert dependent.is_hidden()
    page.locator(f"#q_{DEPENDS_ON}").fill("١٢")  # Arabic-Indic digits, as the server reads them
    dependent.wait_for(state="visible")
    page.locator(f"#q_{DEPENDS_ON}").fill("0")
    dependent.wait_for(state="hidden")


def test_a_change_is_saved_in_the_background_and_found_again_elsewhere(new_page, live_server):
    token = live_server.assessment("Courtage Atlas", lang="fr")
    page = new_page()
    _open_domain(page, token, "remote_work", "fr")
    page.locator(f"#q_{DEPENDS_ON}").fill("12")
    status = page.locator("#save-status")
    status.filter(has_text="Enregistré à").wait_for()  # no button pressed
    answers = live_server.api("GET", f"/api/v1/assessments/{token}")["answers"]
    assert answers[DEPENDS_ON] == 12
    # another browser, through the resume link: the answer is there, and so is the question
    # that depends on it
    other = new_page()
    _open_domain(other, token, "remote_work", "fr")
    assert other.locator(f"#q_{DEPENDS_ON}").input_value() == "12"
    assert other.locator(f"#q-{DEPENDENT}").is_visible()


def test_leaving_with_a_change_not_saved_asks_first(new_page, live_server):
    token = live_server.assessment("Courtage Atlas", lang="fr")
    page = new_page()
    _open_domain(page, token, "governance", "fr")
    page.locator("fieldset.question input[type=radio]").first.check()
    dialogs = []

    def answer(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()  # stay on the page

    from playwright.sync_api import Error

    page.on("dialog", answer)
    with pytest.raises(Error, match="ERR_ABORTED"):  # staying cancels the navigation
        page.goto("/?lang=fr")  # before the background save (2.5 s after the change) has run
    assert dialogs == ["beforeunload"]
    assert "/assessment/domains/governance" in page.url  # still there, the choice kept
    assert page.locator("fieldset.question input[type=radio]").first.is_checked()


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_the_pages_fit_a_phone_screen(new_page, live_server, artifacts, lang):
    token = live_server.assessment("شركة الأطلس للتأمين", lang=lang)
    page = new_page(viewport={"width": 360, "height": 740}, is_mobile=True)
    for path in ("/", "/assessment/domains/governance", "/assessment/review"):
        if path != "/":
            page.goto(f"/resume/{token}?lang={lang}")
        response = page.goto(f"{path}?lang={lang}")
        assert response is not None and response.status == 200
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= 360, f"{path} in {lang} is {overflow} px wide at 360 px"
    page.screenshot(path=str(artifacts / f"phone-review-{lang}.png"), full_page=True)
    page.goto(f"/assessment/domains/governance?lang={lang}")
    page.screenshot(path=str(artifacts / f"phone-question-{lang}.png"))


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_a_failed_save_moves_the_focus_to_the_list_of_problems(new_page, live_server, lang):
    token = live_server.assessment("شركة الأطلس للتأمين", lang=lang)
    page = new_page()
    _open_domain(page, token, "remote_work", lang)
    page.locator(f"#q_{DEPENDS_ON}").fill("beaucoup")  # not a number
    with page.expect_navigation():
        page.locator("button[name=go][value=stay]").click()
    summary = page.locator("#error-summary")
    summary.wait_for()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    link = summary.locator("a").first
    target = link.get_attribute("href")
    assert target == f"#field-q_{DEPENDS_ON}"
    link.press("Enter")  # the link leads to the question, which shows the error beside it
    assert page.evaluate("location.hash") == target
    assert page.locator(f"#q-{DEPENDS_ON} .error").is_visible()
    assert page.locator(f"#q_{DEPENDS_ON}").input_value() == "beaucoup"  # what was typed is kept


@pytest.mark.parametrize(("lang", "filled_side"), [("ar", "right"), ("fr", "left")])
def test_the_progress_bar_fills_from_the_start_of_the_line(
    new_page, live_server, lang, filled_side
):
    """From the right in Arabic, from the left in French: its pixels say which."""
    import io

    from PIL import Image

    from .browsing import choice_answers

    answers = choice_answers(live_server.questionnaire(), domains=3, skip_every=100)
    token = live_server.assessment("شركة الأطلس للتأمين", lang=lang, answers=answers)
    page = new_page()
    _open_domain(page, token, "governance", lang)
    bar = page.locator("progress")
    value, maximum = bar.evaluate("p => [p.value, p.max]")
    assert 0.2 < value / maximum < 0.8, (value, maximum)
    with Image.open(io.BytesIO(bar.screenshot())) as image:
        grey = image.convert("L")
        width, height = grey.size
        row = [grey.getpixel((x, height // 2)) for x in range(width)]
    left, right = row[: width // 5], row[-(width // 5) :]
    darker = "left" if sum(left) < sum(right) else "right"  # the filled part is the darker
    assert darker == filled_side, (lang, sum(left) / len(left), sum(right) / len(right))


def test_the_pages_run_under_their_content_security_policy(browser, live_server):
    """Without bypassing the policy (as the other tests do to inject axe-core): the script runs,
    and the browser reports nothing that the policy blocked."""
    context = browser.new_context(base_url=live_server.url)
    try:
        page = context.new_page()
        reports = []
        page.on("console", lambda message: reports.append(message.text))
        token = live_server.assessment("شركة الأطلس للتأمين", lang="ar")
        for path in (f"/resume/{token}?lang=ar", "/assessment/domains/remote_work", "/sign-in"):
            response = page.goto(path)
            assert response is not None and response.status == 200
            assert "'self'" in response.headers["content-security-policy"]
            if "domains" in path:  # the script ran: it unhid the status line of its saves
                assert page.evaluate("document.getElementById('save-status').hidden") is False
        assert not [text for text in reports if "Content Security Policy" in text], reports
    finally:
        context.close()
