"""The consultant workspace: who may open what, signing in and out, the dashboard, the review and
its audit log, the exports and the commands."""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import pytest
from extraction import pdf_text
from signing import PASSWORD, csrf, sign_in

from survey import accounts
from survey.web import get_db


@pytest.fixture
def consultant(app):
    with app.app_context():
        accounts.create(get_db(), "youssef@example.ma", PASSWORD, "consultant")
        accounts.create(get_db(), "nadia@example.ma", PASSWORD, "admin")
    return "youssef@example.ma"


def _sign_in(client, email="youssef@example.ma", password=PASSWORD, next_url="", **headers):
    return sign_in(client, email, password, next_url, **headers)


def _assessment(client, name="Atlas Courtage", sector="insurance", answers=None, submit=True):
    body = {
        "questionnaire": "readiness",
        "sector": sector,
        "language": "fr",
        "organisation": {"name": name, "size": "10-49"},
        "answers": answers or {},
    }
    response = client.post("/api/v1/assessments", json=body)
    assert response.status_code == 201, response.json
    token = response.json["token"]
    if submit:
        assert client.post(f"/api/v1/assessments/{token}/submit").status_code == 200
    return token


def _ids(client) -> list[int]:
    html = client.get("/consultant/?sort=organisation&order=asc").get_data(as_text=True)
    return [int(i) for i in dict.fromkeys(re.findall(r"/consultant/assessments/(\d+)", html))]


def _post(client, url, form_prefix, data, page):
    token = csrf(client, page)
    key = f"{form_prefix}-csrf_token" if form_prefix else "csrf_token"
    fields = {f"{form_prefix}-{k}" if form_prefix else k: v for k, v in data.items()}
    return client.post(url, data={key: token, **fields})


def _routes(app, assessment_id: int):
    """Every workspace route with its methods and a URL to try."""
    values = {"assessment_id": assessment_id, "added_id": 1, "what": "assessments", "fmt": "csv"}
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("consultant."):
            url = rule.build({k: values[k] for k in rule.arguments}, append_unknown=False)[1]
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield method, url


def test_every_workspace_route_needs_a_consultant(app, client, consultant):
    token = _assessment(client)
    with app.app_context():
        assessment_id = get_db().execute("SELECT id FROM assessments").fetchone()[0]
    routes = list(_routes(app, assessment_id))
    assert len(routes) >= 9
    anonymous = app.test_client()
    respondent = app.test_client()
    assert respondent.get(f"/resume/{token}").status_code == 303
    assert respondent.get("/assessment/results").status_code == 200  # it holds an assessment
    for visitor in (anonymous, respondent):
        for method, url in routes:
            response = visitor.open(url, method=method)
            assert response.status_code == 302, (method, url)
            location = response.headers["Location"]
            assert location.startswith("/sign-in?next="), (method, url, location)
    for email in ("youssef@example.ma", "nadia@example.ma"):  # a consultant, an admin
        signed = app.test_client()
        assert _sign_in(signed, email).status_code == 302
        for method, url in routes:
            response = signed.open(url, method=method)
            # a POST without its CSRF token is refused (400), never let through
            expected = 200 if method == "GET" else 400
            assert response.status_code == expected, (email, method, url, response.status_code)


def test_signing_in_follows_next_only_to_our_own_paths(client, consultant):
    response = client.get("/consultant/?sector=banking")
    assert response.headers["Location"] == "/sign-in?next=/consultant/?sector%3Dbanking"
    response = _sign_in(client, next_url="/consultant/?sector=banking")
    assert response.headers["Location"] == "/consultant/?sector=banking"
    for hostile in ("//evil.example", "https://evil.example/", "/\\evil.example", "javascript:x"):
        other = client.application.test_client()
        response = _sign_in(other, next_url=hostile)
        assert response.status_code == 302
        assert response.headers["Location"] == "/consultant/", hostile


def test_a_wrong_password_and_an_unknown_account_get_the_same_answer(client, consultant):
    wrong = _sign_in(client, password="not the password at all")
    unknown = _sign_in(client, email="nobody@example.ma")
    assert wrong.status_code == unknown.status_code == 401
    message = "Adresse e-mail ou mot de passe incorrect."
    assert message in wrong.get_data(as_text=True) and message in unknown.get_data(as_text=True)


def test_failed_sign_ins_are_throttled(app, monkeypatch, tmp_path, consultant):
    app.config["RATELIMIT_SIGNIN_ATTEMPTS"] = 3
    client = app.test_client()
    for _ in range(3):
        assert _sign_in(client, password="wrong password here").status_code == 401
    blocked = _sign_in(client)  # even the right password, until the window has passed
    assert blocked.status_code == 429
    assert "Trop de tentatives" in blocked.get_data(as_text=True)
    other = app.test_client()  # another address still signs in
    assert _sign_in(other, environ_base={"REMOTE_ADDR": "10.0.0.9"}).status_code == 429
    # the e-mail is throttled too; another account from another address is not
    assert (
        _sign_in(other, "nadia@example.ma", environ_base={"REMOTE_ADDR": "10.0.0.9"}).status_code
        == 302
    )


def test_the_limits_come_from_the_environment(tmp_path, monkeypatch):
    from survey import create_app

    monkeypatch.setenv("SURVEY_INSTANCE_PATH", str(tmp_path / "i"))
    monkeypatch.setenv("SURVEY_RATELIMIT_SIGNIN_ATTEMPTS", "7")
    monkeypatch.setenv("SURVEY_RATELIMIT_SIGNIN_WINDOW", "60")
    app = create_app({"TESTING": True})
    assert app.config["RATELIMIT_SIGNIN_ATTEMPTS"] == 7
    assert app.config["RATELIMIT_SIGNIN_WINDOW"] == 60


def test_signing_out_revokes_the_session_on_the_server(app, client, consultant):
    _sign_in(client)
    cookie = client.get_cookie("session")
    assert "HttpOnly" in _set_cookie(app) and "SameSite=Lax" in _set_cookie(app)
    assert client.get("/consultant/").status_code == 200
    response = _post(client, "/sign-out", "", {}, "/consultant/")
    assert response.status_code == 302
    stolen = app.test_client()
    stolen.set_cookie("session", cookie.value)  # the cookie as it was before signing out
    assert stolen.get("/consultant/").status_code == 302


def _set_cookie(app) -> str:
    client = app.test_client()
    response = _sign_in(client)
    return response.headers["Set-Cookie"]


def test_session_cookies_are_secure_over_https(tmp_path, monkeypatch):
    from survey import create_app

    monkeypatch.setenv("SURVEY_INSTANCE_PATH", str(tmp_path / "i"))
    app = create_app({"TESTING": True, "HTTPS": True})
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["SESSION_COOKIE_HTTPONLY"]
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_the_dashboard_filters_sorts_and_pages(app, client, consultant):
    for n in range(3):
        _assessment(client, f"Banque {n}", "banking", {"gov_security_owner": "yes"})
    _assessment(client, "Cabinet Draft", "professional_services", submit=False)
    _assessment(client, "Atlas Courtage", "insurance")
    _sign_in(client)
    page = client.get("/consultant/").get_data(as_text=True)
    assert "5 évaluation(s)" in page and "Cabinet Draft" in page  # drafts included
    page = client.get("/consultant/?sector=banking").get_data(as_text=True)
    assert "3 évaluation(s)" in page and "Atlas" not in page
    page = client.get("/consultant/?status=draft").get_data(as_text=True)
    assert "1 évaluation(s)" in page and "Cabinet Draft" in page
    page = client.get("/consultant/?organisation=courtage").get_data(as_text=True)
    assert "1 évaluation(s)" in page
    page = client.get("/consultant/?low=101&since=yesterday").get_data(as_text=True)
    assert "5 évaluation(s)" in page and "ignorés" in page  # bad filters named, not a 500
    sorted_page = client.get("/consultant/?sort=organisation&order=asc").get_data(as_text=True)
    names = re.findall(
        r'<a href="/consultant/assessments/\d+" dir="auto">([^<]+)</a></td>', sorted_page
    )
    assert names == sorted(names, key=str.lower)
    import survey.views.consultant as view

    view.PER_PAGE = 2
    try:
        page = client.get("/consultant/?page=3").get_data(as_text=True)
        assert "Page 3 sur 3" in page and "Page suivante" not in page
    finally:
        view.PER_PAGE = 25
    assert 'class="grid heat"' in page  # the heat map of the page's organisations


def _review(app, client):
    _assessment(client, "Atlas Courtage", "insurance", {"gov_security_owner": "no"})
    _sign_in(client)
    assessment_id = _ids(client)[0]
    return assessment_id, f"/consultant/assessments/{assessment_id}"


def test_review_workflow_and_its_audit_log(app, client, consultant):
    assessment_id, page = _review(app, client)
    base = f"/consultant/assessments/{assessment_id}"
    assert _post(client, f"{base}/status", "move", {"to": "validated"}, page).status_code == 400
    assert _post(client, f"{base}/status", "move", {"to": "in_review"}, page).status_code == 302
    returned = _post(client, f"{base}/status", "move", {"to": "returned", "message": ""}, page)
    assert returned.status_code == 400  # a message is needed to return it
    message = "Précisez vos sauvegardes"
    response = _post(client, f"{base}/status", "move", {"to": "returned", "message": message}, page)
    assert response.status_code == 302
    html = client.get(page).get_data(as_text=True)
    assert "Renvoyée à l&#39;organisation" in html and message in html
    audit = re.findall(r"<tr><td><time", html)
    assert len(audit) == 2
    assert "youssef@example.ma" in html


def test_returned_assessments_reopen_to_the_organisation(app, client, consultant):
    token = _assessment(client, "Atlas Courtage", "insurance")
    respondent = app.test_client()
    respondent.get(f"/resume/{token}")
    _sign_in(client)
    assessment_id = _ids(client)[0]
    page = f"/consultant/assessments/{assessment_id}"
    _post(client, f"{page}/status", "move", {"to": "in_review"}, page)
    _post(
        client, f"{page}/status", "move", {"to": "returned", "message": "Revoir le domaine 2"}, page
    )
    patched = respondent.patch(
        f"/api/v1/assessments/{token}", json={"answers": {"gov_security_owner": "yes"}}
    )
    assert patched.status_code == 200  # a draft again
    review = respondent.get("/assessment/review").get_data(as_text=True)
    assert "Revoir le domaine 2" in review
    assert respondent.post(f"/api/v1/assessments/{token}/submit").status_code == 200
    html = client.get("/consultant/?status=submitted").get_data(as_text=True)
    assert "1 évaluation(s)" in html


def test_notes_reviewed_scores_and_added_recommendations_are_audited(app, client, consultant):
    assessment_id, page = _review(app, client)
    hostile = '<script>alert(1)</script> =HYPERLINK("http://x")'
    assert (
        _post(
            client, f"{page}/notes", "note", {"target": "domain:governance", "text": hostile}, page
        ).status_code
        == 302
    )
    no_reason = {"domain": "governance", "score": "70", "justification": ""}
    assert _post(client, f"{page}/scores", "score", no_reason, page).status_code == 400
    out_of_range = {"domain": "governance", "score": "170", "justification": "x"}
    assert _post(client, f"{page}/scores", "score", out_of_range, page).status_code == 400
    reviewed = {"domain": "governance", "score": "70", "justification": "Référent nommé en réunion"}
    assert _post(client, f"{page}/scores", "score", reviewed, page).status_code == 302
    added = {
        "domain": "continuity",
        "title": "Tester la restauration",
        "text": "",
        "horizon": "30d",
    }
    assert _post(client, f"{page}/recommendations", "added", added, page).status_code == 302
    html = client.get(page).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "Référent nommé en réunion" in html and "Tester la restauration" in html
    with app.app_context():
        rows = (
            get_db()
            .execute("SELECT action, target, before, after, user_id FROM audit_log ORDER BY id")
            .fetchall()
        )
    assert [(r[0], r[1]) for r in rows] == [
        ("note", "domain:governance"),
        ("score", "domain:governance"),
        ("recommendation", "added:1"),
    ]
    assert all(r[4] is not None for r in rows) and rows[1][2] == "null"
    pdf_path = app.instance_path + "/reviewed.pdf"
    with open(pdf_path, "wb") as out:
        out.write(client.get(f"{page}/report.pdf?lang=fr").data)
    text = " ".join(pdf_text(pdf_path).split())
    assert "Référent nommé en réunion" in text  # the reviewed score's justification
    assert "Tester la restauration" in text and "Action ajoutée par le consultant" in text
    listed = '<strong dir="auto">Tester la restauration</strong>'
    assert listed in client.get(page).get_data(as_text=True)
    remove = _post(client, f"{page}/recommendations/1/remove", "", {}, page)
    assert remove.status_code == 302
    assert '<strong dir="auto">Tester la restauration</strong>' not in client.get(page).get_data(
        as_text=True
    )
    with app.app_context():
        last = (
            get_db()
            .execute("SELECT action, before, after FROM audit_log ORDER BY id DESC")
            .fetchone()
        )
    assert last[0] == "recommendation" and "Tester la restauration" in last[1] and last[2] == "null"


def test_exports_round_trip_and_neutralise_formulas(app, client, consultant):
    _assessment(client, '=HYPERLINK("http://evil")', "insurance", {"gov_security_owner": "yes"})
    _assessment(client, "شركة الأطلس", "banking", {"gov_security_owner": "no"})
    _sign_in(client)
    response = client.get("/consultant/export/assessments.csv")
    assert response.status_code == 200 and response.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["id", "organisation", "size"]
    names = {row[1] for row in rows[1:]}
    assert names == {'\'=HYPERLINK("http://evil")', "شركة الأطلس"}
    only_bank = client.get("/consultant/export/assessments.csv?sector=banking").data.decode(
        "utf-8-sig"
    )
    assert len(list(csv.reader(io.StringIO(only_bank)))) == 2  # the filters hold
    workbook = openpyxl.load_workbook(
        io.BytesIO(client.get("/consultant/export/assessments.xlsx").data)
    )
    sheet = workbook.active
    values = list(sheet.iter_rows(values_only=True))
    overall = values[0].index("overall")
    assert all(
        isinstance(row[0], int) and isinstance(row[overall], float | int) for row in values[1:]
    )
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    answers = client.get("/consultant/export/answers.csv").data.decode("utf-8-sig")
    assert ["gov_security_owner", "yes"] in [row[2:4] for row in csv.reader(io.StringIO(answers))]
    with app.app_context():
        actions = [
            r[0] for r in get_db().execute("SELECT target FROM audit_log WHERE action = 'export'")
        ]
    assert actions == ["assessments.csv", "assessments.csv", "assessments.xlsx", "answers.csv"]


def test_users_and_export_commands(app, runner, client, tmp_path):
    from survey.cli import create_user_command, export_command

    result = runner.invoke(
        create_user_command, ["salma@example.ma", "--role", "admin"], input=PASSWORD + "\n"
    )
    assert result.exit_code == 0, result.output
    again = runner.invoke(create_user_command, ["SALMA@example.ma"], input=PASSWORD + "\n")
    assert again.exit_code == 1 and "already exists" in again.output
    short = runner.invoke(create_user_command, ["x@example.ma"], input="short\n")
    assert short.exit_code == 1 and "at least 12 characters" in short.output
    assert _sign_in(client, "salma@example.ma").status_code == 302
    _assessment(client, "Atlas", "insurance")
    out = tmp_path / "a.csv"
    result = runner.invoke(export_command, ["--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8-sig"))))
    assert len(rows) == 2 and rows[1][1] == "Atlas"
    out = tmp_path / "a.xlsx"
    assert runner.invoke(export_command, ["--format", "xlsx", "-o", str(out)]).exit_code == 0
    assert openpyxl.load_workbook(out).active.max_row == 2


def test_demo_data_is_varied_and_pages_in_order(app, runner, client, consultant):
    from survey.cli import demo_data_command

    result = runner.invoke(demo_data_command, ["--assessments", "60", "--seed", "3"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        db = get_db()
        statuses = dict(
            db.execute(
                "SELECT coalesce(review_status, status), count(*) FROM assessments GROUP BY 1"
            ).fetchall()
        )
        sectors = db.execute("SELECT count(DISTINCT sector) FROM assessments").fetchone()[0]
        scored = db.execute("SELECT count(*) FROM assessment_scores").fetchone()[0]
        newest = [
            r[0] for r in db.execute("SELECT id FROM assessments ORDER BY updated_at DESC, id DESC")
        ]
    assert sum(statuses.values()) == 60 and len(statuses) >= 3 and sectors >= 4 and scored == 60
    _sign_in(client)
    import survey.views.consultant as view

    view.PER_PAGE = 7
    try:
        seen = []
        for page in range(1, 10):
            html = client.get(f"/consultant/?page={page}").get_data(as_text=True)
            ids = re.findall(r'<td><a href="/consultant/assessments/(\d+)"', html)
            seen += [int(i) for i in ids]
    finally:
        view.PER_PAGE = 25
    assert seen == newest  # every assessment once, newest change first, across the pages


def test_out_of_range_filters_and_pages_are_refused_calmly(client, consultant):
    _assessment(client)
    _sign_in(client)
    page = client.get("/consultant/?until=9999-12-31&since=0001-01-01")
    assert page.status_code == 200 and "ignorés" in page.text
    assert client.get("/consultant/?page=99999999999999999999").status_code == 200
    export = client.get("/consultant/export/assessments.csv?until=9999-12-31")
    assert export.status_code == 200 and len(export.data.decode("utf-8-sig").splitlines()) == 2
