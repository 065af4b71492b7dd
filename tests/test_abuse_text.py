"""Hostile text in every field that reaches a page, a PDF or an export: markup is shown as text,
control characters and bidi overrides are stripped (and nothing else is rewritten), text past
its cap is refused with a located error, and nothing answers 500.

The fields: the organisation's name (start form and API), a free-text answer and a number answer
(domain pages and API), the consultant's notes (on a domain and on a recommendation), a reviewed
score's justification, an added recommendation's title and text, the message of an assessment
returned to its organisation, the dashboard's name filter, and the e-mail addresses of the
sign-in and account forms.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from abuse import (
    ADMIN,
    API,
    BREAKS,
    CLEAN,
    CONSULTANT,
    DIRTY,
    FORMULAS,
    MARKUP,
    api_assessment,
    assert_shown_as_text,
    assessment_id,
    fetch,
    hidden,
    make_app,
    page_data,
    post_page,
    review_post,
    signed_in,
    start,
    text,
)
from markupsafe import escape
from signing import PASSWORD

from survey.tokens import hash_token
from survey.web import get_db

TEXT_QUESTION = ("continuity", "bc_disruption_history")  # max_length 1500
NUMBER_QUESTION = ("remote_work", "rw_remote_staff")  # 0 to 100,000


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return make_app(tmp_path_factory.mktemp("abuse-text"))


@pytest.fixture(scope="module")
def consultant(app):
    return signed_in(app)


def _resume_token(client) -> str:
    page = text(client.get("/assessment/started"))
    return re.search(r'value="http[^"]+/resume/([^"]+)"', page)[1]


def _errors_located(page: str, field: str) -> None:
    """The page lists the problem, linked to the field, and says it by the field."""
    assert f'href="#field-{field}"' in page
    assert f'<p class="error" id="{field}-error">' in page


# --- the organisation's name ---------------------------------------------------------------------


@pytest.mark.parametrize("typed", MARKUP.values(), ids=MARKUP.keys())
def test_the_organisation_s_name_is_text_on_every_page(app, consultant, typed):
    client = app.test_client()
    assert start(client, organisation=typed).status_code == 303
    token = _resume_token(client)
    assert fetch(client, token)["organisation"]["name"] == typed  # stored as typed
    for url in ("/assessment/started", "/assessment/domains/governance", "/assessment/review"):
        assert_shown_as_text(text(client.get(url)), typed)
    assert client.post(f"{API}/assessments/{token}/submit").status_code == 200
    assert_shown_as_text(text(client.get("/assessment/results")), typed)
    number = assessment_id(app, token)
    assert_shown_as_text(text(consultant.get(f"/consultant/assessments/{number}")), typed)
    # the dashboard, filtered by this very name (the filter is shown back in its field)
    dashboard = consultant.get("/consultant/", query_string={"organisation": typed})
    assert dashboard.status_code == 200
    assert_shown_as_text(text(dashboard), typed)
    assert f"/consultant/assessments/{number}" in text(dashboard)


def test_the_organisation_s_name_loses_control_characters_and_bidi_overrides_only(app):
    client = app.test_client()
    assert start(client, organisation=DIRTY).status_code == 303
    assert fetch(client, _resume_token(client))["organisation"]["name"] == CLEAN
    token = api_assessment(client, name=DIRTY)
    assert fetch(client, token)["organisation"]["name"] == CLEAN


def test_the_dashboard_s_name_filter_is_capped_and_shown_as_text(consultant):
    typed = "<i>" * 2000
    response = consultant.get("/consultant/", query_string={"organisation": typed})
    assert response.status_code == 200
    assert_shown_as_text(text(response), typed[:200])  # the filter keeps 200 characters
    assert str(escape(typed[:201])) not in text(response)


def test_an_organisation_s_name_past_its_cap_is_refused_where_it_was_typed(app):
    client = app.test_client()
    for typed in (BREAKS, "x" * 201):
        response = start(client, organisation=typed)
        assert response.status_code == 422
        page = text(response)
        _errors_located(page, "organisation")
        assert "200" in page  # the limit is said
    body = {"questionnaire": "readiness", "sector": "insurance", "language": "fr",
            "organisation": {"name": BREAKS, "size": "1-9"}}  # fmt: skip
    response = client.post(f"{API}/assessments", json=body)
    assert response.status_code == 422
    assert [d["field"] for d in response.get_json()["error"]["details"]] == ["organisation.name"]
    assert client.get("/assessment/started").status_code == 404  # nothing was started


# --- answers -------------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", MARKUP.values(), ids=MARKUP.keys())
def test_a_free_text_answer_is_text_when_shown_back(app, typed):
    client = app.test_client()
    assert start(client).status_code == 303
    domain, question = TEXT_QUESTION
    assert post_page(client, domain, {question: typed}).status_code == 303
    assert fetch(client, _resume_token(client))["answers"][question] == typed
    assert_shown_as_text(text(client.get(f"/assessment/domains/{domain}")), typed)
    # and when the page is shown back unsaved, with what was typed
    page = text(client.get(f"/assessment/domains/{domain}"))
    data = page_data(page, {question: typed + " (2)"}) | {"csrf_token": "not a token"}
    refused = client.post(f"/assessment/domains/{domain}", data=data)
    assert refused.status_code == 400
    assert_shown_as_text(text(refused), typed + " (2)")


def test_a_free_text_answer_loses_control_characters_and_bidi_overrides_only(app):
    client = app.test_client()
    assert start(client).status_code == 303
    domain, question = TEXT_QUESTION
    assert post_page(client, domain, {question: DIRTY}).status_code == 303
    token = _resume_token(client)
    assert fetch(client, token)["answers"][question] == CLEAN
    patched = client.patch(f"{API}/assessments/{token}", json={"answers": {question: DIRTY + "!"}})
    assert patched.status_code == 200
    assert fetch(client, token)["answers"][question] == CLEAN + "!"


def test_a_free_text_answer_past_its_cap_is_refused_and_kept_on_the_page(app):
    client = app.test_client()
    assert start(client).status_code == 303
    domain, question = TEXT_QUESTION
    for typed in (BREAKS, "y" * 1501):
        response = post_page(client, domain, {question: typed})
        assert response.status_code == 422
        page = text(response)
        _errors_located(page, f"q_{question}")
        assert "1500" in page.replace("\u202f", "").replace(" ", "")  # the limit is said
        assert str(escape(typed[:1000])) in page  # kept, to be shortened
    token = _resume_token(client)
    assert fetch(client, token)["answers"].get(question) is None
    response = client.patch(f"{API}/assessments/{token}", json={"answers": {question: BREAKS}})
    assert response.status_code == 422
    assert response.get_json()["error"]["details"][0]["field"] == f"answers.{question}"


NOT_NUMBERS = {
    **MARKUP,
    "formula": "=1+1",
    "plus": "+1+1",
    "nul": "1\x002",
    "exponent": "1e3",
    "not_a_number": "NaN",
    "infinity": "Infinity",
    "below_min": "-5",
    "past_max": "1000000",
    "long": "9" * 10_000,
}


@pytest.mark.parametrize("typed", NOT_NUMBERS.values(), ids=NOT_NUMBERS.keys())
def test_a_number_answer_takes_only_a_number_in_its_range(app, typed):
    client = app.test_client()
    assert start(client).status_code == 303
    domain, question = NUMBER_QUESTION
    response = post_page(client, domain, {question: typed})
    assert response.status_code == 422
    page = text(response)
    _errors_located(page, f"q_{question}")
    if "<" in typed or '"' in typed:
        assert_shown_as_text(page, typed)  # shown back, to be corrected
    assert fetch(client, _resume_token(client))["answers"].get(question) is None


def test_a_number_answer_in_json_must_be_a_number(app):
    client = app.test_client()
    token = api_assessment(client)
    _, question = NUMBER_QUESTION
    for value in ("12", "<script>", True, [1], {"n": 1}, 1e300, -1):
        response = client.patch(f"{API}/assessments/{token}", json={"answers": {question: value}})
        assert response.status_code == 422, value
        assert response.get_json()["error"]["details"][0]["field"] == f"answers.{question}"


# --- the consultant's review ----------------------------------------------------------------------


def _review_everything(client, number: int, typed: str) -> list:
    """Every text field of the review filled with `typed` (told apart by a suffix)."""
    recommendation = re.search(
        r'<option value="(recommendation:[^"]+)"',
        text(client.get(f"/consultant/assessments/{number}")),
    )[1]
    return [
        review_post(client, number, "notes", "note",
                    {"target": "domain:governance", "text": typed + " N1"}),
        review_post(client, number, "notes", "note",
                    {"target": recommendation, "text": typed + " N2"}),
        review_post(client, number, "scores", "score",
                    {"domain": "governance", "score": "40", "justification": typed + " J"}),
        review_post(client, number, "recommendations", "added",
                    {"domain": "governance", "title": typed + " T", "text": typed + " H",
                     "horizon": "30d"}),
    ]  # fmt: skip


@pytest.mark.parametrize("typed", MARKUP.values(), ids=MARKUP.keys())
def test_review_texts_are_text_for_the_consultant_and_the_organisation(app, consultant, typed):
    respondent = app.test_client()
    token = api_assessment(respondent, answers={"gov_security_owner": "no"}, submit=True)
    number = assessment_id(app, token)
    assert [r.status_code for r in _review_everything(consultant, number, typed)] == [302] * 4
    message = {"to": "returned", "message": typed + " M"}
    assert review_post(consultant, number, "status", "move", message).status_code == 302
    page = text(consultant.get(f"/consultant/assessments/{number}"))
    for suffix in (" N1", " N2", " J", " T", " H", " M"):
        assert_shown_as_text(page, typed + suffix)
    assert "<script>" not in page  # the audit log's before and after (JSON) are escaped too
    # the organisation reads the message on its pages
    assert respondent.get(f"/resume/{token}").status_code == 303
    assert_shown_as_text(text(respondent.get("/assessment/domains/governance")), typed + " M")


def test_review_texts_lose_control_characters_and_bidi_overrides_only(app, consultant):
    token = api_assessment(app.test_client(), submit=True)
    number = assessment_id(app, token)
    assert [r.status_code for r in _review_everything(consultant, number, DIRTY)] == [302] * 4
    message = {"to": "returned", "message": DIRTY + " M"}
    assert review_post(consultant, number, "status", "move", message).status_code == 302
    page = text(consultant.get(f"/consultant/assessments/{number}"))
    for suffix in (" N1", " N2", " J", " T", " H", " M"):
        assert_shown_as_text(page, CLEAN + suffix)
    assert "\u202e" not in page and "\x00" not in page


REVIEW_FIELDS = {  # action, form, fields with BREAKS in one of them, the field
    "note": ("notes", "note", {"target": "domain:governance", "text": BREAKS}, "text"),
    "justification": ("scores", "score",
                      {"domain": "governance", "score": "10", "justification": BREAKS},
                      "justification"),
    "added_title": ("recommendations", "added",
                    {"domain": "governance", "title": BREAKS, "horizon": "30d"}, "title"),
    "added_text": ("recommendations", "added",
                   {"domain": "governance", "title": "t", "text": BREAKS, "horizon": "30d"},
                   "text"),
    "return_message": ("status", "move", {"to": "returned", "message": BREAKS}, "message"),
}  # fmt: skip


@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
@pytest.mark.parametrize("field", REVIEW_FIELDS.values(), ids=REVIEW_FIELDS.keys())
def test_review_text_past_its_cap_is_refused_by_the_field_in_the_page_s_language(
    app, consultant, field, lang
):
    number = assessment_id(app, api_assessment(app.test_client(), submit=True))
    action, form, fields, name = field
    consultant.get(f"/consultant/?lang={lang}")
    response = review_post(consultant, number, action, form, fields)
    assert response.status_code == 400
    page = text(response)
    error = re.search(rf'id="field-{form}-{name}"><p class="error"[^>]*>([^<]+)</p>', page)
    assert error, f"no error by {form}-{name}"
    assert "50000" in error[1]  # the length typed, and the limit
    if lang != "en":
        assert "characters" not in error[1]  # said in the page's language
    assert BREAKS[:2000] in page.replace("&lt;", "<").replace("&gt;", ">")  # kept, to shorten
    page = text(consultant.get(f"/consultant/assessments/{number}"))
    assert "<br/>" not in page.replace("&lt;br/&gt;", "")  # nothing saved, nothing unescaped


# --- the PDF reports -----------------------------------------------------------------------------


def _pdf_text(tmp_path, data: bytes) -> str:
    from extraction import pdf_text

    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    return " ".join(pdf_text(path).split())


def _no_links(data: bytes) -> None:
    """No link, action or script in the PDF's objects (the streams left out: fonts, pages)."""
    objects = re.sub(rb"stream\r?\n.*?endstream", b"", data, flags=re.S)
    assert b"/Page" in objects
    actions = rb"/(Annots|URI|Launch|JavaScript|JS|OpenAction|AA)(?![\w+#-])"
    assert not re.search(actions, objects)


@pytest.mark.parametrize("typed", MARKUP.values(), ids=MARKUP.keys())
def test_the_report_shows_hostile_text_as_text(app, consultant, tmp_path, typed):
    respondent = app.test_client()
    token = api_assessment(respondent, typed, {"gov_security_owner": "no"}, submit=True)
    number = assessment_id(app, token)
    assert [r.status_code for r in _review_everything(consultant, number, typed)] == [302] * 4
    own = respondent.get(f"{API}/assessments/{token}/report.pdf?lang=fr")
    assert own.status_code == 200
    _no_links(own.data)
    assert typed in _pdf_text(tmp_path, own.data)  # the name, as typed
    reviewed = consultant.get(f"/consultant/assessments/{number}/report.pdf?lang=fr")
    assert reviewed.status_code == 200
    _no_links(reviewed.data)
    shown = _pdf_text(tmp_path, reviewed.data)
    for suffix in ("", " N1", " N2", " J", " T", " H"):
        assert typed + suffix in shown, suffix
    arabic = consultant.get(f"/consultant/assessments/{number}/report.pdf?lang=ar")
    assert arabic.status_code == 200
    _no_links(arabic.data)


def test_review_text_of_the_longest_kind_makes_a_report_quickly(app, consultant, tmp_path):
    import time

    number = assessment_id(app, api_assessment(app.test_client(), submit=True))
    breaks = "<br/>" * 800  # 4,000 characters: the cap of a note
    fields = {"target": "domain:governance", "text": breaks}
    assert review_post(consultant, number, "notes", "note", fields).status_code == 302
    lines = "\n" * 3999 + "x"  # as many lines as a note can hold
    fields = {"target": "domain:continuity", "text": lines}
    assert review_post(consultant, number, "notes", "note", fields).status_code == 302
    began = time.perf_counter()
    response = consultant.get(f"/consultant/assessments/{number}/report.pdf?lang=fr")
    assert response.status_code == 200
    assert time.perf_counter() - began < 20
    assert _pdf_text(tmp_path, response.data).replace(" ", "").count("<br/>") == 800


# --- e-mail addresses and the sign-in form -------------------------------------------------------


@pytest.mark.parametrize("typed", MARKUP.values(), ids=MARKUP.keys())
def test_what_is_typed_on_the_sign_in_page_is_text_when_shown_back(app, typed):
    client = app.test_client()
    page = text(client.get(f"/sign-in?lang=fr&next={quote(typed)}"))
    assert_shown_as_text(page, typed)  # the `next` field
    data = {"email": typed, "password": "wrong password", "next": typed,
            "csrf_token": hidden(page, "csrf_token")}  # fmt: skip
    response = client.post("/sign-in", data=data)
    assert response.status_code == 401
    assert_shown_as_text(text(response), typed)


ADDRESSES = {
    "markup": ('"><svg/onload=alert(1)>@example.ma', True),
    "bidi_override": ("am\u202eam.ma@example", False),
    "isolate": ("a\u2066b@example.ma", False),
    "nul": ("a\x00b@example.ma", False),
    "escape": ("a\x1bb@example.ma", False),
    "not_an_address": ("<script>alert(1)</script>", False),
    "too_long": ("a" * 250 + "@example.ma", False),
}


@pytest.fixture(scope="module")
def admin(app):
    return signed_in(app, ADMIN)


@pytest.mark.parametrize(("typed", "valid"), ADDRESSES.values(), ids=ADDRESSES.keys())
def test_an_account_s_address_is_a_plain_address_shown_as_text(app, admin, typed, valid):
    page = text(admin.get("/consultant/?lang=ar"))  # the session's token, from a quicker page
    data = {"user-email": typed, "user-role": "consultant", "user-password": PASSWORD,
            "user-csrf_token": hidden(page, "csrf_token")}  # fmt: skip
    response = admin.post("/consultant/admin/users", data=data)
    if valid:
        assert response.status_code == 302
        page = text(admin.get("/consultant/admin/"))
        assert_shown_as_text(page, typed)
        return
    assert response.status_code == 400
    page = text(response)
    error = re.search(r'id="field-user-email"><p class="error"[^>]*>([^<]+)</p>', page)
    assert error, "no error by the address"
    # in Arabic, not the English of the command line or of WTForms
    assert re.search("[\u0600-\u06ff]", error[1]), error[1]
    with app.app_context():
        assert not get_db().execute("SELECT 1 FROM users WHERE email = ?", [typed]).fetchall()


def test_the_consultants_addresses_are_shown_as_text_in_the_audit_log(app, consultant):
    number = assessment_id(app, api_assessment(app.test_client(), submit=True))
    fields = {"target": "domain:governance", "text": "<b>note</b>"}
    assert review_post(consultant, number, "notes", "note", fields).status_code == 302
    page = text(consultant.get(f"/consultant/assessments/{number}"))
    assert CONSULTANT in page and "<b>note</b>" not in page


# --- tokens are the only key ---------------------------------------------------------------------


def test_the_stored_hash_of_a_token_opens_nothing(app):
    client = app.test_client()
    token = api_assessment(client, "Organisation secrète")
    for key in (hash_token(token), token[:-1], token.upper(), token + "=", f"{token}%00"):
        response = client.get(f"{API}/assessments/{key}")
        assert response.status_code == 404 and "secrète" not in text(response), key
        assert app.test_client().get(f"/resume/{key}").status_code == 404


# --- exports -------------------------------------------------------------------------------------


def test_exports_show_formulas_as_text(app, consultant):
    """Names and answers that a spreadsheet would run are prefixed with an apostrophe, in CSV
    and XLSX, whatever spaces they begin with; the rest of the cell is as stored."""
    import csv
    import io

    import openpyxl

    client = app.test_client()
    stored = {}
    for typed in FORMULAS:
        token = api_assessment(client, typed, {"bc_disruption_history": typed})
        body = fetch(client, token)
        stored[body["id"]] = (body["organisation"]["name"], typed)

    def check(rows, what):
        seen = set()
        for row in rows:
            number = int(row["id" if what == "assessments" else "assessment_id"])
            if number not in stored or (what == "answers" and row["question"] != TEXT_QUESTION[1]):
                continue
            name, answer = stored[number]
            assert row["organisation"] == "'" + name, row
            if what == "answers":
                assert row["answer"] == "'" + answer, row
            seen.add(number)
        assert seen == set(stored), what

    for what in ("assessments", "answers"):
        response = consultant.get(f"/consultant/export/{what}.csv")
        assert response.status_code == 200
        check(csv.DictReader(io.StringIO(text(response).removeprefix("\ufeff"))), what)
        response = consultant.get(f"/consultant/export/{what}.xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
        rows = sheet.iter_rows(values_only=False)
        header = [cell.value for cell in next(rows)]
        cells = [dict(zip(header, row, strict=True)) for row in rows]
        for row in cells:
            for cell in row.values():
                assert cell.data_type != "f", cell.value  # never a formula cell
        check([{k: c.value for k, c in row.items()} for row in cells], what)
