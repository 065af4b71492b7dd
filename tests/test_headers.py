"""The headers every answer carries: a content security policy without inline script, no type
sniffing, no framing, no referrer, nothing cached but our static files; HSTS under HTTPS."""

from __future__ import annotations

from conftest import new_assessment
from signing import PASSWORD, sign_in

from survey import accounts
from survey.web import get_db


def _answers(app):
    """A consultant's client and a respondent's client, each holding what their pages need."""
    respondent = app.test_client()
    token = new_assessment(respondent)
    assert respondent.post(f"/api/v1/assessments/{token}/submit").status_code == 200
    consultant = app.test_client()
    with app.app_context():
        accounts.create(get_db(), "youssef@example.ma", PASSWORD, "consultant")
        assessment_id = get_db().execute("SELECT id FROM assessments").fetchone()[0]
    sign_in(consultant, "youssef@example.ma")
    return [
        (respondent, f"/resume/{token}"),  # holds the token: never sent on as a referrer
        (respondent, "/"),
        (respondent, "/assessment/results"),
        (respondent, "/assessment/report.pdf"),
        (respondent, f"/api/v1/assessments/{token}"),
        (respondent, "/api/v1/questionnaires"),
        (respondent, "/questionnaires/readiness/print.pdf?sector=insurance&lang=ar"),
        (respondent, "/no-such-page"),
        (respondent, "/assessment/submit"),  # 405
        (consultant, "/consultant/"),
        (consultant, f"/consultant/assessments/{assessment_id}"),
        (consultant, "/consultant/export/answers.csv"),
        (consultant, "/sign-in"),
    ]


def test_every_answer_carries_the_security_headers(app):
    answers = _answers(app)
    for client, url in answers:
        response = client.get(url)
        headers = response.headers
        policy = headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy, url
        assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy, url
        assert headers["X-Content-Type-Options"] == "nosniff", url
        assert headers["X-Frame-Options"] == "DENY", url
        assert headers["Referrer-Policy"] == "no-referrer", url
        assert "no-store" in headers["Cache-Control"], (url, response.status_code)
        assert "Strict-Transport-Security" not in headers  # plain http: a browser would ignore it


def test_static_files_may_be_cached_but_not_sniffed(client):
    response = client.get("/static/survey.css")
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.mimetype == "text/css"


def test_https_adds_hsts_and_secure_host_cookies(tmp_path, monkeypatch):
    from survey import create_app

    monkeypatch.setenv("SURVEY_INSTANCE_PATH", str(tmp_path))
    app = create_app({"TESTING": True, "HTTPS": True})
    client = app.test_client()
    response = client.get("/?lang=ar", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-session=") and "Secure" in cookie and "Path=/" in cookie
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_pages_hold_no_inline_script_or_style(client):
    import re

    for url in ("/", "/sign-in", "/no-such-page"):
        html = client.get(url).get_data(as_text=True)
        assert re.findall(r"<script\b[^>]*>", html) == ['<script src="/static/survey.js" defer>']
        assert not re.search(r"<style\b|\sstyle=|\son[a-z]+=", html), url
