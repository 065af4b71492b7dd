"""The resume link shown on the pages opens the assessment in another browser (a fresh context,
no cookies), at the page reached, with the answers saved."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

DOMAIN_PATH = "/assessment/domains/"


def test_resume_link_opens_the_answers_in_a_fresh_browser(new_page):
    page = new_page()
    page.goto("/?lang=fr")
    page.locator("input[name=questionnaire][value=readiness]").check()
    page.locator("select[name=sector]").select_option("banking")
    page.locator("input[name=organisation]").fill("Banque Populaire d'Agadir")
    page.locator("input[name=size][value='50-249']").check()
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    with page.expect_navigation():
        page.locator(f"main a[href*='{DOMAIN_PATH}']").first.click()
    first_page = urlsplit(page.url).path
    assert first_page.startswith(DOMAIN_PATH), page.url

    # Part of the first page answered: the second option of its first four radio groups.
    chosen = {}
    for group in page.locator("fieldset.question").all():
        radios = group.locator("input[type=radio]")
        if radios.count() < 2:
            continue
        radios.nth(1).check()
        chosen[radios.nth(1).get_attribute("name")] = radios.nth(1).get_attribute("value")
        if len(chosen) == 4:
            break
    assert len(chosen) == 4, f"the first page has {len(chosen)} radio questions"
    with page.expect_navigation():
        page.locator("button[name=go][value=next]").click()
    reached = urlsplit(page.url).path
    assert reached.startswith(DOMAIN_PATH) and reached != first_page, page.url

    link = page.locator("#resume-link").input_value()
    assert urlsplit(link).path.startswith("/resume/"), f"the resume link shown is {link!r}"

    other = new_page(locale="fr-FR")  # another browser, in French
    assert other.context.cookies() == []
    response = other.goto(link)
    assert response is not None and response.status == 200
    assert urlsplit(other.url).path == reached, f"the link opened {other.url}, not {reached}"
    assert other.evaluate("document.documentElement.lang") == "fr"
    assert "Banque Populaire d'Agadir" in other.locator("main").inner_text()
    with other.expect_navigation():
        other.locator(f"nav a[href='{first_page}']").first.click()
    for name, value in chosen.items():
        radio = other.locator(f"input[name='{name}'][value='{value}']")
        assert radio.is_checked(), f"{name}={value} is not checked after resuming"
    checked = other.locator("input[type=radio]:checked").evaluate_all(
        "radios => radios.map(r => [r.name, r.value])"
    )
    assert dict(checked) == chosen, "the resumed page shows other answers than those saved"
