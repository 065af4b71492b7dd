"""axe-core (WCAG 2.0 A and AA, WCAG 2.1 AA, every rule of those tags) on the respondent's
pages and the consultant's dashboard, in Arabic (right to left) and in French.

The page's disclosures (`<details>`: the resume link, how scores are computed) are opened first,
as a reader would, so that what they hold is checked too.

A limit of axe-core to know: its colour-contrast rule leaves out the text nodes that its
icon-font heuristic (isIconLigature: drawn width against the widths of the letters) takes for
icon ligatures, and Arabic's joined letters look like that to it: most Arabic text is not
checked for contrast (neither passed nor failed). The French pages share the style sheet, so
their run is the one that checks the colours of the text.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from .browsing import axe_violations, choice_answers, describe_violations, graded_answers

pytestmark = pytest.mark.browser

PAGES = ["landing", "question", "review", "results", "dashboard"]
LANGUAGES = ["ar", "fr"]


@pytest.fixture(scope="module")
def assessments(live_server) -> dict:
    """A draft half answered (so that its review lists gaps), a submitted assessment, and
    others with scores from low to high (every colour of the dashboard's heat map)."""
    questionnaire = live_server.questionnaire()
    answers = choice_answers(questionnaire, domains=2)
    for index, target in enumerate([0.0, 0.3, 0.5, 0.7, 1.0]):
        graded = graded_answers(questionnaire, target)
        live_server.assessment(f"Organisation {index + 1}", lang="fr", answers=graded, submit=True)
    return {
        "first_domain": questionnaire["domains"][0]["id"],
        "draft": live_server.assessment("شركة الأطلس للتأمين", lang="ar", answers=answers),
        "submitted": live_server.assessment(
            "Courtage Atlas", lang="fr", answers=answers, submit=True
        ),
    }


def _open(page, which: str, lang: str, assessments: dict, sign_in):
    """Go to the page `which` in `lang`, the way a visitor gets there."""
    if which == "landing":
        path = "/"
    elif which == "dashboard":
        sign_in(page, lang)
        path = "/consultant/"
    else:
        token = assessments["submitted" if which == "results" else "draft"]
        page.goto(f"/resume/{token}?lang={lang}")  # the resume link opens it in this browser
        path = {
            "question": f"/assessment/domains/{assessments['first_domain']}",
            "review": "/assessment/review",
            "results": "/assessment/results",
        }[which]
    response = page.goto(f"{path}?lang={lang}")
    status = response.status if response is not None else None
    assert status == 200, f"{path} answered {status}"
    assert urlsplit(page.url).path == path, f"{path} led to {page.url}"
    assert page.evaluate("document.documentElement.lang") == lang


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("which", PAGES)
def test_no_axe_violations(new_page, assessments, sign_in, which, lang):
    page = new_page()
    _open(page, which, lang, assessments, sign_in)
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    violations = axe_violations(page)
    where = f"the {which} page in {lang}, {page.url}"
    assert not violations, describe_violations(violations, where)
