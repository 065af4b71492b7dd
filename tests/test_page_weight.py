"""Light pages: each page with its CSS and JS at most 100 KB (fonts excluded), nothing fetched
from another site."""

from __future__ import annotations

import random
import re

import pytest
from signing import PASSWORD, sign_in

from survey import accounts
from survey.web import get_db, get_library

LIMIT = 100_000
ASSET = re.compile(r'<(?:link|script|img|iframe|source)\b[^>]*?\b(?:href|src)="([^"]+)"')


def _complete_answers(app) -> dict:
    """Every choice question answered (the heaviest results page: every line of every trace)."""
    rng = random.Random(1)
    with app.app_context():
        form = get_library().get("readiness").for_sector("insurance")
    return {
        q.id: rng.choice([o.value for o in q.options])
        for q in form.questions()
        if q.scored and q.type != "multi_choice"
    }


@pytest.fixture
def visitor(app):
    client = app.test_client()
    for n in range(30):  # a full page of the dashboard
        body = {
            "questionnaire": "readiness",
            "sector": "insurance",
            "language": "ar",
            "organisation": {"name": f"شركة الأطلس للتأمين {n}", "size": "10-49"},
            "answers": _complete_answers(app),
        }
        token = client.post("/api/v1/assessments", json=body).json["token"]
        assert client.post(f"/api/v1/assessments/{token}/submit").status_code == 200
    assert client.get(f"/resume/{token}").status_code == 303
    with app.app_context():
        accounts.create(get_db(), "youssef@example.ma", PASSWORD, "consultant")
        assessment_id = get_db().execute("SELECT max(id) FROM assessments").fetchone()[0]
    consultant = app.test_client()  # signing in starts a new session
    sign_in(consultant, "youssef@example.ma")
    return client, consultant, assessment_id


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_every_page_with_its_css_and_js_weighs_at_most_100_kb(visitor, lang):
    respondent, consultant, assessment_id = visitor
    pages = [
        (respondent, "/"),
        (respondent, "/assessment/domains/governance"),
        (respondent, "/assessment/results"),
        (consultant, "/consultant/"),
        (consultant, f"/consultant/assessments/{assessment_id}"),
        (consultant, "/consultant/benchmarks"),
    ]
    for client, url in pages:
        query = {"lang": lang, "sector": "insurance"} if "benchmarks" in url else {"lang": lang}
        response = client.get(url, query_string=query)
        assert response.status_code == 200, url
        html = response.get_data(as_text=True)
        assets = ASSET.findall(html)
        assert all(a.startswith("/static/") for a in assets), (url, assets)  # our own files only
        assert re.findall(r'\bsrc="/static/[^"]+\.js"', html)  # the script is counted
        weight = len(response.data) + sum(len(client.get(a).data) for a in set(assets))
        assert weight <= LIMIT, f"{url} in {lang}: {weight:,} bytes"
