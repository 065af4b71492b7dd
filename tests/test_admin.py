"""Administration and data duties: accounts, library status, an organisation's data exported or
deleted on request, drafts purged after the retention period."""

from __future__ import annotations

import json

import pytest
from signing import PASSWORD, csrf, sign_in

from survey import accounts
from survey.web import get_db


@pytest.fixture
def users(app):
    with app.app_context():
        accounts.create(get_db(), "nadia@example.ma", PASSWORD, "admin")
        accounts.create(get_db(), "youssef@example.ma", PASSWORD, "consultant")


def _sign_in(app, email, password=PASSWORD):
    client = app.test_client()
    return client, sign_in(client, email, password).status_code


def _csrf(client, url="/consultant/admin/") -> str:
    return csrf(client, url)


def _assessment(client, name="Atlas", submit=True) -> str:
    body = {
        "questionnaire": "readiness",
        "sector": "insurance",
        "language": "fr",
        "organisation": {"name": name, "size": "10-49"},
        "answers": {"gov_security_owner": "no"},
    }
    token = client.post("/api/v1/assessments", json=body).json["token"]
    if submit:
        client.post(f"/api/v1/assessments/{token}/submit")
    return token


def test_administration_is_for_admins_only(app, users):
    values = {"user_id": 1, "organisation_id": 1}
    routes = [
        (method, rule.build({k: values[k] for k in rule.arguments}, append_unknown=False)[1])
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("admin.")
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"})
    ]
    assert len(routes) == 6
    _assessment(app.test_client())
    consultant, _ = _sign_in(app, "youssef@example.ma")
    admin, _ = _sign_in(app, "nadia@example.ma")
    for method, url in routes:
        response = app.test_client().open(url, method=method)
        assert response.status_code == 302 and response.headers["Location"].startswith("/sign-in")
        assert consultant.open(url, method=method).status_code == 403, url
        assert admin.open(url, method=method).status_code == (200 if method == "GET" else 400)


def test_accounts_are_created_disabled_and_reset_with_revoked_sessions(app, users):
    _assessment(app.test_client())
    admin, _ = _sign_in(app, "nadia@example.ma")
    data = {"user-email": "salma@example.ma", "user-role": "consultant",
            "user-password": PASSWORD, "user-csrf_token": _csrf(admin)}  # fmt: skip
    assert admin.post("/consultant/admin/users", data=data).status_code == 302
    salma, status = _sign_in(app, "salma@example.ma")
    assert status == 302 and salma.get("/consultant/").status_code == 200
    with app.app_context():
        salma_id = (
            get_db().execute("SELECT id FROM users WHERE email = 'salma@example.ma'").fetchone()[0]
        )
    url = f"/consultant/admin/users/{salma_id}/active"
    assert admin.post(url, data={"csrf_token": _csrf(admin)}).status_code == 302
    assert salma.get("/consultant/").status_code == 302  # disabled: signed out everywhere
    assert _sign_in(app, "salma@example.ma")[1] == 401
    assert admin.post(url, data={"csrf_token": _csrf(admin)}).status_code == 302  # enabled again
    youssef, _ = _sign_in(app, "youssef@example.ma")
    reset = {"password-password": "a brand new long password", "password-csrf_token": _csrf(admin)}
    assert admin.post("/consultant/admin/users/2/password", data=reset).status_code == 302
    assert youssef.get("/consultant/").status_code == 302  # the old session is revoked
    assert _sign_in(app, "youssef@example.ma")[1] == 401
    assert _sign_in(app, "youssef@example.ma", "a brand new long password")[1] == 302
    short = {"password-password": "short", "password-csrf_token": _csrf(admin)}
    assert admin.post("/consultant/admin/users/2/password", data=short).status_code == 400
    with app.app_context():
        actions = [r[0] for r in get_db().execute("SELECT action FROM audit_log ORDER BY id")]
    assert actions == ["create_user", "user_active", "user_active", "reset_password"]
    page = admin.get("/consultant/admin/?lang=fr").text
    assert "<td>readiness</td>" in page
    assert "Les fichiers de questionnaires ne présentent aucun problème" in page


def test_an_organisation_s_data_is_exported_then_deleted(app, users):
    respondent = app.test_client()
    token = _assessment(respondent, "Atlas <script>")
    _assessment(respondent, "Autre")
    admin, _ = _sign_in(app, "nadia@example.ma")
    exported = admin.get("/consultant/admin/organisations/1.json")
    data = json.loads(exported.data)
    assert data["name"] == "Atlas <script>"
    assert data["assessments"][0]["answers"] == {"gov_security_owner": "no"}
    page = "/consultant/assessments/1"
    refused = admin.post(
        "/consultant/admin/organisations/1/delete", data={"csrf_token": _csrf(admin, page)}
    )
    assert refused.status_code == 400  # not confirmed
    done = admin.post("/consultant/admin/organisations/1/delete",
                      data={"csrf_token": _csrf(admin, page), "confirm": "yes"})  # fmt: skip
    assert done.status_code == 302
    assert respondent.get(f"/api/v1/assessments/{token}").status_code == 404
    with app.app_context():
        db = get_db()
        assert db.execute("SELECT count(*) FROM organisations").fetchone()[0] == 1
        assert db.execute("SELECT count(*) FROM answers").fetchone()[0] == 1  # the other's
        entry = db.execute(
            "SELECT action, target, after FROM audit_log WHERE action = 'delete_organisation'"
        ).fetchone()
    assert entry == ("delete_organisation", "organisation:1", '{"assessments": 1}')
    assert admin.get("/consultant/admin/organisations/1.json").status_code == 404


def test_drafts_are_purged_after_the_retention_period(app, runner, users):
    from survey.cli import purge_command

    client = app.test_client()
    _assessment(client, "Ancien brouillon", submit=False)
    _assessment(client, "Brouillon récent", submit=False)
    _assessment(client, "Ancienne soumise")
    with app.app_context():
        db = get_db()
        db.execute(
            "UPDATE assessments SET updated_at = '2020-01-01T00:00:00+00:00' WHERE id IN (1, 3)"
        )
        db.conn.commit()
    result = runner.invoke(purge_command, ["--dry-run"])
    assert "1 draft(s)" in result.output and "would be deleted" in result.output
    result = runner.invoke(purge_command)
    assert result.exit_code == 0 and "1 draft(s)" in result.output
    with app.app_context():
        names = [r[0] for r in get_db().execute("SELECT name FROM organisations ORDER BY id")]
    assert names == ["Brouillon récent", "Ancienne soumise"]
    assert "supprimée 365 jours" in client.get("/?lang=fr").text  # the privacy notice says so


def test_deleted_data_leaves_no_trace_in_the_audit_log(app, users):
    _assessment(app.test_client(), "Atlas")
    admin, _ = _sign_in(app, "nadia@example.ma")
    page = "/consultant/assessments/1"
    note = {"note-target": "domain:governance", "note-text": "Le DG, M. Alami, refuse",
            "note-csrf_token": _csrf(admin, page)}  # fmt: skip
    assert admin.post(f"{page}/notes", data=note).status_code == 302
    data = {"csrf_token": _csrf(admin, page), "confirm": "yes"}
    assert admin.post("/consultant/admin/organisations/1/delete", data=data).status_code == 302
    with app.app_context():
        log = get_db().execute("SELECT action, before, after FROM audit_log").fetchall()
    assert ("note", "null", "null") in log  # the change stays known, not what it said
    assert "Alami" not in str(log)


def test_attempts_count_from_their_start(app):
    from survey import storage

    with app.app_context():
        db = get_db()
        claims = [storage.claim_attempt(db, ["k"], 100.0, 0.0, 3, 0.0) for _ in range(4)]
    assert all(claims[:3]) and claims[3] is None  # three in flight: the fourth is refused


def test_scores_are_stored_for_assessments_made_before_they_were(app, tmp_path, monkeypatch):
    from survey import create_app

    _assessment(app.test_client())
    with app.app_context():
        get_db().execute("DELETE FROM assessment_scores")
        get_db().conn.commit()
    again = create_app({"TESTING": True})  # the same instance folder
    with again.app_context():
        assert get_db().execute("SELECT count(*) FROM assessment_scores").fetchone()[0] == 1
