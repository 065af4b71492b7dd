"""Who reaches what: one organisation's browser never reaches another's assessment, whatever
address or field it tries; a respondent never reaches the workspace; no route answers 500 to a
hostile value in its address; signing in never leads to another site, nor do the language links.
"""

from __future__ import annotations

import re

import pytest
from abuse import (
    API,
    api_assessment,
    assessment_id,
    hidden,
    make_app,
    page_data,
    signed_in,
    text,
)
from signing import PASSWORD, sign_in

from survey.tokens import hash_token
from survey.web import get_db

A_NAME, B_NAME = "Organisation Alpha", "Organisation Bêta"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return make_app(tmp_path_factory.mktemp("abuse-access"))


@pytest.fixture(scope="module")
def organisations(app):
    """A's browser (its assessment open, submitted) and everything that names B's assessment:
    its id, its organisation's id, its token, the stored hash of that token."""
    a = app.test_client()
    a_token = api_assessment(a, A_NAME, {"gov_security_owner": "yes"}, submit=True)
    assert a.get(f"/resume/{a_token}").status_code == 303
    b_token = api_assessment(app.test_client(), B_NAME, {"gov_security_owner": "no"}, submit=True)
    b_id = assessment_id(app, b_token)
    with app.app_context():
        (b_organisation,) = (
            get_db()
            .execute("SELECT organisation_id FROM assessments WHERE id = ?", [b_id])
            .fetchone()
        )
    return a, a_token, {"token": b_token, "id": b_id, "organisation": b_organisation}


def _urls(app, b: dict):
    """Every route but the static files, with each way of naming B's assessment that is not its
    token (which is the key to it, by design): its id, its organisation's, its token's hash."""
    hashed = hash_token(b["token"])
    names = {
        "token": [str(b["id"]), hashed, b["token"][:-2], str(b["organisation"])],
        "assessment_id": [str(b["id"])],
        "organisation_id": [str(b["organisation"])],
        "user_id": ["1"],
        "added_id": ["1"],
        "domain_id": ["governance"],
        "questionnaire_id": ["readiness"],
        "what": ["assessments"],
        "fmt": ["csv"],
    }
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for value in names["token"] if "token" in rule.arguments else [None]:
            values = {arg: names[arg][0] for arg in rule.arguments} | (
                {"token": value} if value else {}
            )
            url = rule.build(values, append_unknown=False)[1]
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield rule.endpoint, method, url, "token" in rule.arguments


def test_no_route_shows_another_organisation_s_assessment(app, organisations, tmp_path):
    from extraction import pdf_text

    a, a_token, b = organisations
    query = {"assessment_id": b["id"], "id": b["id"], "organisation_id": b["organisation"],
             "organisation": b["organisation"], "token": b["token"]}  # fmt: skip
    routes = list(_urls(app, b))
    assert len(routes) >= 40
    for endpoint, method, url, keyed in routes:
        # A's browser with its assessment open (again: a post may have moved or closed it), B's
        # ids in the query and in the form, and A's own CSRF token, so that posts go through
        a.delete_cookie("session")
        assert a.get(f"/resume/{a_token}").status_code == 303
        data = {"csrf_token": hidden(text(a.get("/assessment/results")), "csrf_token")} | query
        response = a.open(url, method=method, query_string=query, data=data)
        body = response.get_data(as_text=True) if not response.is_streamed else ""
        assert response.status_code < 500, (endpoint, method, url)
        assert B_NAME not in body and b["token"] not in body, (endpoint, method, url)
        if response.status_code in (301, 302, 303, 307, 308):
            location = response.headers["Location"]
            assert str(b["id"]) not in location.split("?")[0], (endpoint, url, location)
        if endpoint.startswith(("consultant.", "admin.")):  # with B's ids, as with any other
            assert response.status_code == 302, (endpoint, method, url)
            assert response.headers["Location"].startswith("/sign-in?next="), (endpoint, url)
        elif keyed:  # B's id, its organisation's, its token's hash or part: no key to it
            assert response.status_code == 404, (endpoint, method, url)
    # A's browser holds A's assessment, and only it
    a.delete_cookie("session")
    assert a.get(f"/resume/{a_token}").status_code == 303
    results = text(a.get("/assessment/results"))
    assert A_NAME in results and B_NAME not in results
    path = tmp_path / "report.pdf"
    path.write_bytes(a.get("/assessment/report.pdf").data)
    report = pdf_text(path)
    assert A_NAME in report and B_NAME not in report


def test_a_respondent_s_own_token_opens_only_its_own_assessment(app, organisations):
    _, _, b = organisations
    other = app.test_client()
    page = text(other.get(f"/resume/{b['token']}", follow_redirects=True))
    assert B_NAME in page and A_NAME not in page
    for url in (f"{API}/assessments/{b['token']}", f"{API}/assessments/{b['token']}/comparison"):
        response = other.get(url)
        assert A_NAME not in response.get_data(as_text=True), url


def test_a_respondent_s_posts_never_write_into_another_assessment(app, organisations):
    _, _, b = organisations
    client = app.test_client()
    token = api_assessment(client, "Organisation Gamma")
    assert client.get(f"/resume/{token}").status_code == 303
    page = text(client.get("/assessment/domains/governance"))
    data = page_data(page, {"gov_security_owner": "partial"}) | {
        "assessment_id": b["id"], "token": b["token"], "id": b["id"],
    }  # fmt: skip
    assert client.post("/assessment/domains/governance", data=data).status_code == 303
    body = client.get(f"{API}/assessments/{b['token']}").get_json()
    assert body["answers"]["gov_security_owner"] == "no" and body["status"] == "submitted"
    assert client.get(f"{API}/assessments/{token}").get_json()["answers"] == {
        "gov_security_owner": "partial"
    }


# --- hostile values in addresses ----------------------------------------------------------------


HOSTILE = [
    "99999999999999999999",  # past SQLite's integers
    "9223372036854775808",
    "0",
    "x" * 3000,
    "%00",
    "%ED%A0%80",
    "%FF",
    "<script>",
    "..%2F..%2Fetc%2Fpasswd",
]


def test_no_route_answers_500_to_a_hostile_value_in_its_address(app):
    consultant = signed_in(app)
    admin = signed_in(app, "nadia@example.ma")
    anonymous = app.test_client()
    page = text(admin.get("/consultant/admin/"))
    data = {"csrf_token": hidden(page, "csrf_token"), "confirm": "yes"}
    fixed = {"what": "assessments", "fmt": "csv"}
    tried = 0
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or not set(rule.arguments) - set(fixed):
            continue
        for value in HOSTILE:
            url = rule.rule
            for name in rule.arguments:
                url = re.sub(rf"<[^>]*:?{name}>", fixed.get(name, value), url)
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                for client in (anonymous, consultant, admin):
                    response = client.open(url, method=method, data=data)
                    assert response.status_code < 500, (method, url[:80], response.status_code)
                    tried += 1
    assert tried > 300


# --- signing in leads only to our own pages ------------------------------------------------------


ELSEWHERE = [
    "//evil.example",
    "///evil.example",
    "https://evil.example/",
    "http:evil.example",
    "https:/evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "\t//evil.example",
    " //evil.example",
    "/%09/evil.example",
    "%2F%2Fevil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "//evil.example/%2F..",
    "/\u3000/evil.example",
    "\uff0f\uff0fevil.example",
]


def _on_our_site(location: str) -> bool:
    """Whether a browser following `location` stays on this site: a path of ours, read as a
    browser reads it (tabs and newlines dropped, backslashes as slashes)."""
    read = re.sub(r"[\t\n\r]", "", location).replace("\\", "/")
    return read.startswith("/") and not read.startswith("//")


@pytest.mark.parametrize("target", ELSEWHERE)
def test_signing_in_never_leads_to_another_site(app, target):
    client = app.test_client()
    response = sign_in(client, "youssef@example.ma", PASSWORD, target)
    assert response.status_code == 302
    assert _on_our_site(response.headers["Location"]), response.headers["Location"]
    # already signed in, the sign-in page sends on at once: the same rule
    response = client.get("/sign-in", query_string={"next": target})
    assert response.status_code == 302
    assert _on_our_site(response.headers["Location"]), response.headers["Location"]


def test_signing_in_follows_our_own_paths_with_their_query(app):
    client = app.test_client()
    target = "/consultant/?organisation=%C3%A9&sector=banking"
    response = sign_in(client, "youssef@example.ma", PASSWORD, target)
    assert response.headers["Location"] == target


@pytest.mark.parametrize("path", ["//evil.example", "/\\evil.example", "/\t/evil.example"])
def test_the_language_links_of_any_page_stay_on_our_site(app, path):
    response = app.test_client().get("/", environ_overrides={"PATH_INFO": path})
    assert response.status_code == 404
    links = re.findall(r'<a href="([^"]*)" hreflang=', text(response))
    assert len(links) == 3
    for link in links:
        assert _on_our_site(link), link
