"""Re-assessment: the same organisation again, on the current version, prefilled; and how it
compares with the assessment it follows."""

from __future__ import annotations

import re

from signing import PASSWORD, csrf, sign_in

from survey import accounts
from survey.web import get_db


def _new(client, name="Atlas", answers=None, submit=True, size="10-49") -> str:
    body = {
        "questionnaire": "readiness",
        "sector": "insurance",
        "language": "fr",
        "organisation": {"name": name, "size": size},
        "answers": answers if answers is not None else {"gov_security_owner": "no"},
    }
    token = client.post("/api/v1/assessments", json=body).json["token"]
    if submit:
        assert client.post(f"/api/v1/assessments/{token}/submit").status_code == 200
    return token


def test_a_reassessment_is_prefilled_and_compared_through_the_api(client):
    draft = _new(client, submit=False)
    assert client.post(f"/api/v1/assessments/{draft}/reassessment").status_code == 409
    first = _new(client, answers={"gov_security_owner": "no", "gov_budget": "none"})
    before = client.get(f"/api/v1/assessments/{first}").json
    response = client.post(f"/api/v1/assessments/{first}/reassessment")
    assert response.status_code == 201
    again = response.json
    assert again["previous"] == before["id"] and again["status"] == "draft"
    assert again["organisation"] == before["organisation"]
    token = again["token"]
    assert client.get(f"/api/v1/assessments/{token}").json["answers"] == before["answers"]
    assert client.get(f"/api/v1/assessments/{first}/comparison").status_code == 404
    client.patch(f"/api/v1/assessments/{token}", json={"answers": {"gov_security_owner": "yes"}})
    client.post(f"/api/v1/assessments/{token}/submit")
    comparison = client.get(f"/api/v1/assessments/{token}/comparison").json
    assert comparison["questions"] == {"improved": ["gov_security_owner"], "regressed": []}
    governance = comparison["domains"]["governance"]
    assert (
        governance["delta"] > 0
        and governance["after"] - governance["before"] == governance["delta"]
    )
    assert "rec_gov_name_owner" in comparison["actions"]["closed"]
    assert comparison["actions"]["still_open"] and not comparison["actions"]["new"]


def test_the_respondent_assesses_again_from_the_results_page(app):
    client = app.test_client()
    token = _new(client)
    client.get(f"/resume/{token}")
    token_field = csrf(client, "/assessment/results?lang=fr")
    response = client.post("/assessment/reassessment", data={"csrf_token": token_field})
    assert response.status_code == 303 and response.headers["Location"] == "/assessment/started"
    page = client.get("/assessment/domains/governance?lang=fr").text
    assert "Ceci est une nouvelle évaluation" in page
    checked = r'<input checked id="q_gov_security_owner-\d" name="q_gov_security_owner"'
    assert re.search(checked + r' type="radio" value="no">', page)  # the previous answer
    with app.app_context():
        rows = get_db().execute("SELECT organisation_id, previous_id FROM assessments").fetchall()
    assert rows[0][0] == rows[1][0] and rows[1][1] == 1  # the same organisation, linked
    api = client.get("/assessment/review")
    assert api.status_code == 200
    token_field = csrf(client, "/assessment/review")
    client.post("/assessment/submit", data={"csrf_token": token_field, "confirm": "y"})
    assert "Progrès depuis l&#39;évaluation précédente" in client.get("/assessment/results").text


def test_a_consultant_starts_a_reassessment_and_sees_the_comparison(app, client):
    _new(client)
    with app.app_context():
        accounts.create(get_db(), "youssef@example.ma", PASSWORD, "consultant")
    assert sign_in(client, "youssef@example.ma").status_code == 302
    page = "/consultant/assessments/1"
    response = client.post(f"{page}/reassessment", data={"csrf_token": csrf(client, page)})
    assert response.headers["Location"] == "/consultant/assessments/2"
    html = client.get("/consultant/assessments/2?lang=fr").text
    assert "/resume/" in html  # the new resume link, shown once
    assert "Progrès depuis l&#39;évaluation précédente" in html
    assert "/resume/" not in client.get("/consultant/assessments/2").text
    with app.app_context():
        entry = get_db().execute("SELECT action, assessment_id, after FROM audit_log").fetchone()
    assert entry == ("reassessment", 1, '{"assessment": 2}')


def test_a_reassessed_organisation_counts_once_among_peers(client):
    target = _new(client, "Cible")
    for n in range(4):
        _new(client, f"Pair {n}")
    twice = _new(client, "Pair répété")
    again = client.post(f"/api/v1/assessments/{twice}/reassessment").json["token"]
    client.post(f"/api/v1/assessments/{again}/submit")
    assert client.get(f"/api/v1/assessments/{target}").json["peers"]["count"] == 5


def test_the_report_shows_the_progress_since_the_previous_assessment(app, client):
    from extraction import in_order_ratio, pdf_text, tokens

    first = _new(client, answers={"gov_security_owner": "no"})
    token = client.post(f"/api/v1/assessments/{first}/reassessment").json["token"]
    client.patch(f"/api/v1/assessments/{token}", json={"answers": {"gov_security_owner": "yes"}})
    client.post(f"/api/v1/assessments/{token}/submit")
    for lang, title, count in (
        ("fr", "Progrès depuis l'évaluation précédente", "Questions en progrès : 1"),
        ("ar", "التقدّم منذ التقييم السابق", "أسئلة تحسّنت إجاباتها: 1"),
    ):
        path = f"{app.instance_path}/progress-{lang}.pdf"
        with open(path, "wb") as out:
            out.write(client.get(f"/api/v1/assessments/{token}/report.pdf?lang={lang}").data)
        extracted = tokens(pdf_text(path))
        assert in_order_ratio(title, extracted) >= 0.95, lang
        assert in_order_ratio(count, extracted) >= 0.95, lang
    path = f"{app.instance_path}/first.pdf"
    with open(path, "wb") as out:
        out.write(client.get(f"/api/v1/assessments/{first}/report.pdf?lang=fr").data)
    assert "Progrès depuis" not in pdf_text(path)  # the first assessment has no previous one
