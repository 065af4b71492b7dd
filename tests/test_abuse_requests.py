"""Hostile requests: every form posted without its CSRF token or with an expired one, bodies
and fields too large, fields the forms do not have, choices they do not offer, lone surrogates,
methods a route does not take. None of them changes anything it should not, none answers 500,
and the answer says what happened in the page's language, keeping what was typed."""

from __future__ import annotations

import pytest
from abuse import (
    ADMIN,
    API,
    api_assessment,
    assert_shown_as_text,
    assessment_id,
    fetch,
    hidden,
    make_app,
    page_data,
    post_page,
    review_data,
    signed_in,
    start,
    start_data,
    text,
    tokens_signed_two_hours_ago,
)
from signing import PASSWORD

from survey.web import get_db

TYPED = "Courtage <Atlas> & fils"  # what the forms are filled with, to find it shown back
# what a refused post must leave as it was
TABLES = (
    "organisations",
    "assessments",
    "answers",
    "users",
    "audit_log",
    "review_notes",
    "score_overrides",
    "added_recommendations",
)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return make_app(tmp_path_factory.mktemp("abuse-requests"))


def _stored(app) -> dict:
    with app.app_context():
        db = get_db()
        return {table: list(db.execute(f"SELECT * FROM {table}").fetchall()) for table in TABLES}


def _says(app, response, key: str, lang: str = "fr") -> None:
    message = app.extensions["survey.texts"][lang][key]
    assert_shown_as_text(text(response), message)


# --- CSRF: every form ----------------------------------------------------------------------------


def _token(client, url: str, key: str, how: str, shown_as: str | None = None) -> dict:
    """The form's token field `key` as `how` says: "missing", or "expired" (signed two hours
    ago), read from the page at `url` (as `shown_as`: a session's forms share one token)."""
    if how == "missing":
        return {}
    with tokens_signed_two_hours_ago():
        page = text(client.get(url))
    return {key: hidden(page, shown_as or key)}


def _respondent(app, submitted: bool = False):
    client = app.test_client()
    token = api_assessment(client, TYPED, {"gov_security_owner": "no"}, submit=submitted)
    assert client.get(f"/resume/{token}?lang=fr").status_code == 303
    return client, token


def _start(app, how):
    client = app.test_client()
    data = start_data(text(client.get("/?lang=fr")), organisation=TYPED)
    yield
    data = {k: v for k, v in data.items() if k != "csrf_token"} | _token(
        client, "/", "csrf_token", how
    )
    response = client.post("/start?lang=fr", data=data)
    assert response.status_code == 400
    _says(app, response, "form_expired")
    assert_shown_as_text(text(response), TYPED)  # kept, to be sent again
    assert client.get("/assessment/started").status_code == 404


def _save_page(app, how):
    client, token = _respondent(app)
    yield
    page = text(client.get("/assessment/domains/continuity"))
    data = page_data(page, {"bc_disruption_history": TYPED})
    data = {k: v for k, v in data.items() if k != "csrf_token"}
    data |= _token(client, "/assessment/domains/continuity", "csrf_token", how)
    response = client.post("/assessment/domains/continuity", data=data)
    assert response.status_code == 400
    _says(app, response, "csrf_expired")
    assert_shown_as_text(text(response), TYPED)
    assert fetch(client, token)["answers"].get("bc_disruption_history") is None


def _submit(app, how):
    client, token = _respondent(app)
    yield
    data = {"confirm": "y"} | _token(client, "/assessment/review", "csrf_token", how)
    response = client.post("/assessment/submit", data=data)
    assert response.status_code == 400
    _says(app, response, "csrf_expired")
    assert fetch(client, token)["status"] == "draft"


def _resume_confirmed(app, how):
    client, _ = _respondent(app)
    other = api_assessment(app.test_client(), "Autre organisation")
    url = f"/resume/{other}"
    yield
    assert "Autre organisation" in text(client.get(url))  # asks before replacing
    response = client.post(url, data=_token(client, url, "csrf_token", how))
    assert response.status_code == 303 and response.headers["Location"] == url  # asked again
    page = text(client.get("/assessment/domains/governance"))
    assert_shown_as_text(page, TYPED)  # the assessment open before is still the one open


def _respondent_reassessment(app, how):
    client, _ = _respondent(app, submitted=True)
    yield
    data = _token(client, "/assessment/results", "csrf_token", how)
    response = client.post("/assessment/reassessment", data=data)
    assert response.status_code == 400
    _says(app, response, "error_400")
    assert client.get("/assessment/results").status_code == 200  # still the submitted one


def _sign_in(app, how):
    client = app.test_client()
    yield
    data = {"email": TYPED, "password": PASSWORD} | _token(client, "/sign-in", "csrf_token", how)
    response = client.post("/sign-in?lang=fr", data=data)
    assert response.status_code == 400
    _says(app, response, "form_expired")
    assert_shown_as_text(text(response), TYPED)
    assert client.get("/consultant/").status_code == 302  # not signed in


def _sign_out(app, how):
    client = signed_in(app)
    yield
    response = client.post("/sign-out", data=_token(client, "/consultant/", "csrf_token", how))
    assert response.status_code == 400
    _says(app, response, "error_400")
    assert client.get("/consultant/").status_code == 200  # still signed in


REVIEW_FORMS = {  # endpoint: action, form prefix, fields
    "consultant.move": ("status", "move", {"to": "returned", "message": TYPED}),
    "consultant.note": ("notes", "note", {"target": "domain:governance", "text": TYPED}),
    "consultant.score": ("scores", "score",
                         {"domain": "governance", "score": "55", "justification": TYPED}),
    "consultant.add_recommendation": ("recommendations", "added",
                                      {"domain": "governance", "title": TYPED, "text": TYPED,
                                       "horizon": "90d"}),
}  # fmt: skip


def _review_form(endpoint):
    action, form, fields = REVIEW_FORMS[endpoint]

    def check(app, how):
        consultant = signed_in(app)
        _, token = _respondent(app, submitted=True)
        number = assessment_id(app, token)
        url = f"/consultant/assessments/{number}"
        yield
        data = {f"{form}-{k}": v for k, v in fields.items()}
        data |= _token(consultant, url, f"{form}-csrf_token", how)
        response = consultant.post(f"{url}/{action}?lang=fr", data=data)
        assert response.status_code == 400
        _says(app, response, "form_expired")
        assert_shown_as_text(text(response), TYPED)

    return check


def _remove_recommendation(app, how):
    consultant = signed_in(app)
    _, token = _respondent(app, submitted=True)
    number = assessment_id(app, token)
    url = f"/consultant/assessments/{number}"
    fields = {"domain": "governance", "title": "Plan de reprise", "horizon": "30d"}
    added = consultant.post(f"{url}/recommendations", data=review_data(
        text(consultant.get(url)), "added", fields))  # fmt: skip
    assert added.status_code == 302
    with get_db_of(app) as db:
        (added_id,) = db.execute("SELECT max(id) FROM added_recommendations").fetchone()
    yield
    data = _token(consultant, url, "csrf_token", how)
    response = consultant.post(f"{url}/recommendations/{added_id}/remove?lang=fr", data=data)
    assert response.status_code == 400
    _says(app, response, "form_expired")
    assert "Plan de reprise" in text(consultant.get(url))  # still there


def _consultant_reassessment(app, how):
    consultant = signed_in(app)
    _, token = _respondent(app, submitted=True)
    url = f"/consultant/assessments/{assessment_id(app, token)}"
    yield
    data = _token(consultant, url, "csrf_token", how)
    response = consultant.post(f"{url}/reassessment?lang=fr", data=data)
    assert response.status_code == 400
    _says(app, response, "form_expired")


def _create_user(app, how):
    admin = signed_in(app, ADMIN)
    yield
    data = {"user-email": "salma@example.ma", "user-role": "consultant", "user-password": PASSWORD}
    data |= _token(admin, "/consultant/", "user-csrf_token", how, "csrf_token")
    response = admin.post("/consultant/admin/users?lang=fr", data=data)
    assert response.status_code == 400
    _says(app, response, "form_expired")
    assert 'value="salma@example.ma"' in text(response)  # kept


def _set_active(app, how):
    admin = signed_in(app, ADMIN)
    yield
    data = _token(admin, "/consultant/", "csrf_token", how)
    response = admin.post("/consultant/admin/users/1/active?lang=fr", data=data)
    assert response.status_code == 400
    _says(app, response, "error_400")


def _reset_password(app, how):
    admin = signed_in(app, ADMIN)
    yield
    data = {"password-password": "an entirely new password"}
    data |= _token(admin, "/consultant/", "password-csrf_token", how, "csrf_token")
    response = admin.post("/consultant/admin/users/1/password?lang=fr", data=data)
    assert response.status_code == 400
    _says(app, response, "form_expired")


def _delete_organisation(app, how):
    admin = signed_in(app, ADMIN)
    _, token = _respondent(app, submitted=True)
    number = assessment_id(app, token)
    with get_db_of(app) as db:
        (organisation,) = db.execute(
            "SELECT organisation_id FROM assessments WHERE id = ?", [number]
        ).fetchone()
    yield
    data = {"confirm": "yes"} | _token(
        admin, f"/consultant/assessments/{number}", "csrf_token", how
    )
    response = admin.post(
        f"/consultant/admin/organisations/{organisation}/delete?lang=fr", data=data
    )
    assert response.status_code == 400
    _says(app, response, "error_400")
    assert fetch(app.test_client(), token)["organisation"]["name"] == TYPED  # still there


class get_db_of:  # noqa: N801 (a context manager named as the function it wraps)
    def __init__(self, app):
        self.context = app.app_context()

    def __enter__(self):
        self.context.__enter__()
        return get_db()

    def __exit__(self, *exc):
        return self.context.__exit__(*exc)


FORMS = {
    "respondent.start": _start,
    "respondent.save_domain_page": _save_page,
    "respondent.submit": _submit,
    "respondent.resume_confirmed": _resume_confirmed,
    "respondent.reassessment": _respondent_reassessment,
    "auth.sign_in": _sign_in,
    "auth.sign_out": _sign_out,
    **{endpoint: _review_form(endpoint) for endpoint in REVIEW_FORMS},
    "consultant.remove_recommendation": _remove_recommendation,
    "consultant.reassessment": _consultant_reassessment,
    "admin.create_user": _create_user,
    "admin.set_active": _set_active,
    "admin.reset_password": _reset_password,
    "admin.delete_organisation": _delete_organisation,
}


def test_every_form_of_the_site_is_checked_here(app):
    """A new form must be added to FORMS (the API takes JSON without cookies: no CSRF)."""
    posted = {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if "POST" in rule.methods and not rule.endpoint.startswith("api.")
    }
    assert posted == set(FORMS)


@pytest.mark.parametrize("how", ["missing", "expired"])
@pytest.mark.parametrize("endpoint", sorted(FORMS))
def test_a_form_without_a_valid_token_changes_nothing_and_says_so(app, endpoint, how):
    steps = FORMS[endpoint](app, how)
    next(steps)  # what there must be to post the form: an assessment, an account signed in
    before = _stored(app)
    for _ in steps:  # the post, and what its answer must show
        pass
    assert _stored(app) == before


# --- sizes ---------------------------------------------------------------------------------------


def test_a_body_larger_than_allowed_is_refused_with_413_in_the_page_s_language(app):
    client, token = _respondent(app)
    big = "x" * (app.config["MAX_CONTENT_LENGTH"] + 1)
    page = text(client.get("/assessment/domains/continuity"))
    for url, data in [
        ("/start?lang=fr", start_data(text(client.get("/?lang=fr")), organisation=big)),
        ("/assessment/domains/continuity?lang=fr",
         page_data(page, {"bc_disruption_history": big})),
        ("/sign-in?lang=fr", {"email": big, "password": big}),
    ]:  # fmt: skip
        response = client.post(url, data=data)
        assert response.status_code == 413, url
        _says(app, response, "error_413")
    response = client.patch(
        f"{API}/assessments/{token}", json={"answers": {"bc_disruption_history": big}}
    )
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "too_large"
    assert fetch(client, token)["answers"].get("bc_disruption_history") is None


def test_too_many_parts_is_refused_with_413(app):
    client, _ = _respondent(app)
    page = text(client.get("/assessment/domains/continuity"))
    data = page_data(page, {}) | {f"extra{n}": "x" for n in range(app.config["MAX_FORM_PARTS"])}
    response = client.post(
        "/assessment/domains/continuity", data=data, content_type="multipart/form-data"
    )
    assert response.status_code == 413


def test_a_large_field_under_the_body_limit_is_refused_by_its_cap(app):
    client, token = _respondent(app)
    typed = "y" * 400_000  # under Werkzeug's limit on a form field in memory too (500 kB)
    response = post_page(client, "continuity", {"bc_disruption_history": typed})
    assert response.status_code == 422
    assert 'href="#field-q_bc_disruption_history"' in text(response)
    assert fetch(client, token)["answers"].get("bc_disruption_history") is None


# --- fields the forms do not have, choices they do not offer -------------------------------------


def test_fields_a_form_does_not_have_are_ignored(app):
    client = app.test_client()
    extra = {"status": "submitted", "review_status": "validated", "id": "1", "token": "x",
             "assessment_id": "1", "organisation_id": "1",
             "q_gov_security_owner": "yes"}  # fmt: skip
    assert start(client, organisation=TYPED, **extra).status_code == 303
    page = text(client.get("/assessment/started"))
    assert_shown_as_text(page, TYPED)
    token = page.split("/resume/")[1].split('"')[0]
    body = fetch(client, token)
    assert body["status"] == "draft" and body["answers"] == {}
    # a question of another page, posted on this one, is not saved either
    response = post_page(client, "governance", {"rw_remote_staff": "12", "nope": "1"})
    assert response.status_code == 303
    assert fetch(client, token)["answers"] == {}


START_CHOICES = {
    "language": "xx",
    "questionnaire": "../readiness",
    "sector": "<script>",
    "size": "10000+",
}


@pytest.mark.parametrize(("field", "value"), START_CHOICES.items(), ids=START_CHOICES.keys())
def test_a_choice_the_start_form_does_not_offer_is_refused_by_its_field(app, field, value):
    client = app.test_client()
    response = start(client, **{field: value})
    assert response.status_code == 422
    assert f'href="#field-{field}"' in text(response)
    assert client.get("/assessment/started").status_code == 404


def test_a_choice_a_page_does_not_offer_is_refused_by_its_question(app):
    client, token = _respondent(app)
    for answers in (
        {"gov_security_owner": "maybe"},
        {"gov_security_owner": "<script>"},
    ):
        response = post_page(client, "governance", answers)
        assert response.status_code == 422
        assert 'href="#field-q_gov_security_owner"' in text(response)
    assert fetch(client, token)["answers"]["gov_security_owner"] == "no"  # as it was
    page = text(client.get("/assessment/domains/governance"))
    data = page_data(page, {}) | {"go": "<elsewhere>", "seen": "{not json", "live": "<x> y"}
    assert client.post("/assessment/domains/governance", data=data).status_code == 303


REVIEW_CHOICES = {
    "move": ("status", "move", {"to": "deleted", "message": "m"}),
    "note": ("notes", "note", {"target": "domain:nope", "text": "t"}),
    "score_domain": ("scores", "score", {"domain": "nope", "score": "5", "justification": "j"}),
    "score_value": ("scores", "score", {"domain": "governance", "score": "1e9",
                                        "justification": "j"}),
    "horizon": ("recommendations", "added", {"domain": "governance", "title": "t",
                                             "horizon": "tomorrow"}),
}  # fmt: skip


@pytest.mark.parametrize("form", REVIEW_CHOICES.values(), ids=REVIEW_CHOICES.keys())
def test_a_choice_a_review_form_does_not_offer_changes_nothing(app, form):
    consultant = signed_in(app)
    _, token = _respondent(app, submitted=True)
    number = assessment_id(app, token)
    action, prefix, fields = form
    before = _stored(app)
    url = f"/consultant/assessments/{number}"
    response = consultant.post(
        f"{url}/{action}", data=review_data(text(consultant.get(url)), prefix, fields)
    )
    assert response.status_code == 400
    assert _stored(app) == before


def test_a_role_the_admin_page_does_not_offer_is_refused(app):
    admin = signed_in(app, ADMIN)
    page = text(admin.get("/consultant/"))  # the session's token, from a quicker page
    data = {"user-email": "root@example.ma", "user-role": "superuser", "user-password": PASSWORD,
            "user-csrf_token": hidden(page, "csrf_token")}  # fmt: skip
    before = _stored(app)
    assert admin.post("/consultant/admin/users", data=data).status_code == 400
    assert _stored(app) == before


# --- lone surrogates -----------------------------------------------------------------------------


@pytest.mark.parametrize("escape", ["\\ud800", "\\udfff", "a\\ud83d"])
def test_a_lone_surrogate_in_json_is_refused_with_400(app, escape):
    client = app.test_client()
    token = api_assessment(client)
    body = ('{"questionnaire": "readiness", "sector": "insurance", "language": "fr", '
            f'"organisation": {{"name": "{escape}", "size": "1-9"}}}}')  # fmt: skip
    for method, url, raw in [
        ("POST", f"{API}/assessments", body),
        ("PATCH", f"{API}/assessments/{token}",
         f'{{"answers": {{"bc_disruption_history": "{escape}"}}}}'),
    ]:  # fmt: skip
        response = client.open(url, method=method, data=raw, content_type="application/json")
        assert response.status_code == 400
        assert response.get_json()["error"]["code"] == "bad_request"
    assert fetch(client, token)["answers"] == {}


def test_a_lone_surrogate_in_a_form_post_is_never_stored(app):
    client = app.test_client()
    page = text(client.get("/?lang=fr"))
    data = start_data(page, organisation="Atlas")
    body = "&".join(f"{k}={v}" for k, v in data.items() if k != "organisation")
    body += "&organisation=Atlas%ED%A0%80"  # a surrogate's UTF-8 bytes, which UTF-8 forbids
    response = client.post("/start?lang=fr", data=body,
                           content_type="application/x-www-form-urlencoded")  # fmt: skip
    assert response.status_code == 303
    page = text(client.get("/assessment/domains/continuity"))
    token = page.split("/resume/")[1].split('"')[0]
    name = fetch(client, token)["organisation"]["name"]
    name.encode("utf-8")  # whatever was kept is text
    assert name.startswith("Atlas")
    # and in a multipart post, as raw bytes in a text answer
    data = page_data(page, {}) | {"q_bc_disruption_history": "x\udcedy"}
    raw = "\r\n".join(
        f'--B\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}' for k, v in data.items()
    ) + "\r\n--B--\r\n"  # fmt: skip
    response = client.post(
        "/assessment/domains/continuity",
        data=raw.encode("utf-8", "surrogateescape"),
        content_type="multipart/form-data; boundary=B",
    )
    assert response.status_code == 303
    fetch(client, token)["answers"]["bc_disruption_history"].encode("utf-8")


# --- methods -------------------------------------------------------------------------------------


def test_a_method_a_route_does_not_take_gets_405_with_allow(app):
    client = app.test_client()
    for url, allowed in [
        (f"{API}/questionnaires", {"GET"}),
        (f"{API}/assessments", {"POST"}),
        ("/assessment/submit", {"POST"}),
        ("/sign-in", {"GET", "POST"}),
    ]:
        response = client.delete(url)
        assert response.status_code == 405, url
        assert allowed <= set(response.headers["Allow"].replace(" ", "").split(",")), url
    assert client.delete(f"{API}/assessments").get_json()["error"]["code"] == "method_not_allowed"
    _says(app, client.put("/start?lang=fr"), "error_405")


@pytest.mark.parametrize("accept", ["text/html", "application/json"])
def test_a_page_s_seen_field_nested_too_deep_is_taken_as_tampered(app, accept):
    client, _ = _respondent(app)
    page = text(client.get("/assessment/domains/governance"))
    data = page_data(page, {"gov_security_owner": "yes"}) | {"seen": "[" * 100_000}
    app.config["PROPAGATE_EXCEPTIONS"] = False  # the answer a browser would get
    try:
        response = client.post(
            "/assessment/domains/governance", data=data, headers={"Accept": accept}
        )
    finally:
        app.config["PROPAGATE_EXCEPTIONS"] = None
    assert response.status_code < 500
