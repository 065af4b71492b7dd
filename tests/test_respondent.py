"""The respondent's pages, walked through as a browser without JavaScript would, with real CSRF."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import flask_wtf.csrf
import pytest
from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from survey.forms import parse_number, shown_number

LANGS = ("ar", "fr", "en")
STATIC = Path(__file__).resolve().parent.parent / "survey" / "static"
PAGE_BUDGET = 100_000  # bytes of HTML, CSS and JS per page


def text(response) -> str:
    return response.get_data(as_text=True)


def hidden(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" type="hidden" value="([^"]*)"', page) or re.search(
        rf'id="{name}" name="{name}" type="hidden" value="([^"]*)"', page
    )
    assert found, f"no hidden field {name}"
    return html.unescape(found[1])


def start_form(client, lang: str, **fields) -> dict:
    """The start form as a respondent fills it in on the landing page, with `fields` changed."""
    page = text(client.get(f"/?lang={lang}"))
    return {
        "csrf_token": hidden(page, "csrf_token"),
        "questionnaire": "readiness",
        "sector": "insurance",
        "organisation": "Courtage Atlas",
        "size": "10-49",
        "language": lang,
    } | fields


def start(client, lang: str = "fr", **fields) -> str:
    """Start an assessment through the landing page; returns the resume link shown."""
    response = client.post(f"/start?lang={lang}", data=start_form(client, lang, **fields))
    assert response.status_code == 303, text(response)[:2000]
    assert response.headers["Location"].endswith("/assessment/started")
    started = text(client.get("/assessment/started"))
    return html.unescape(re.search(r'value="(http[^"]+/resume/[^"]+)"', started)[1])


def form_of(app):
    library = app.extensions["survey.library"]
    return library.get("readiness").for_sector("insurance")


def best(question) -> object:
    """The best answer to a question, as a form posts it."""
    if question.type == "multi_choice":
        return [o.value for o in question.options if o.score > 0]
    if question.type == "number":
        return "12"
    if question.type == "text":
        return "Une réponse libre"
    return max(question.options, key=lambda o: o.score).value


def post_page(client, domain_id: str, answers: dict, go: str = "next", page: str | None = None):
    """Post a domain page as shown (its CSRF token and `seen`), with `answers` by question id."""
    page = page or text(client.get(f"/assessment/domains/{domain_id}"))
    data = {"csrf_token": hidden(page, "csrf_token"), "seen": hidden(page, "seen"), "go": go}
    for question_id, value in answers.items():
        data[f"q_{question_id}"] = value
    return client.post(f"/assessment/domains/{domain_id}", data=data)


@pytest.mark.parametrize("lang", LANGS)
def test_the_whole_path_in_each_language(app, client, lang):
    resume = start(client, lang)
    assert "/resume/" in resume
    form = form_of(app)
    location = client.get("/assessment").headers["Location"]
    for domain in form.domains:
        assert location.endswith(f"/assessment/domains/{domain.id}")
        page = text(client.get(location))
        assert f'<html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}">' in page
        assert domain.title[lang] in html.unescape(page)
        assert '<fieldset class="question' in page and "<legend" in page
        assert resume in html.unescape(page)  # the resume link is on every page
        response = post_page(client, domain.id, {q.id: best(q) for q in domain.questions})
        assert response.status_code == 303, text(response)[:3000]
        location = response.headers["Location"]
        if "#" in location:  # questions appeared after a condition: answer them too
            response = post_page(client, domain.id, {q.id: best(q) for q in domain.questions})
            location = response.headers["Location"]
    assert location.endswith("/assessment/review")
    review = text(client.get(location))
    assert 'name="confirm"' not in review  # nothing unanswered: no box to tick
    response = client.post("/assessment/submit", data={"csrf_token": hidden(review, "csrf_token")})
    assert response.status_code == 303 and response.headers["Location"].endswith("/results")
    results = text(client.get("/assessment/results"))
    assert '<p class="big">100<span class="of">' in results  # every best answer: 100
    for code in LANGS:
        assert f'/assessment/report.pdf?lang={code}" hreflang="{code}"' in results
        pdf = client.get(f"/assessment/report.pdf?lang={code}")
        assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
        assert pdf.headers["Cache-Control"] == "no-store"


def test_every_page_links_to_itself_in_the_other_languages(client):
    start(client, "ar")
    page = text(client.get("/assessment/domains/governance?lang=ar"))
    for code in LANGS:
        assert f'href="/assessment/domains/governance?lang={code}" hreflang="{code}"' in page
    assert '<p class="small organisation" dir="auto">Courtage Atlas</p>' in page
    french = text(client.get("/assessment/domains/governance?lang=fr"))
    assert '<html lang="fr" dir="ltr">' in french
    assert '<html lang="fr"' in text(client.get("/assessment/domains/continuity"))  # remembered


def test_resume_in_another_browser_restores_answers_and_the_page_reached(app):
    first = app.test_client()
    resume = start(first, "fr")
    answer = {"gov_security_owner": "partial"}
    assert post_page(first, "governance", answer).status_code == 303
    other = app.test_client()
    response = other.get(resume)
    assert response.status_code == 303 and response.headers["Location"].endswith("/assessment")
    assert "/resume/" not in response.headers["Location"]  # the token leaves the address bar
    reached = other.get("/assessment")
    assert reached.headers["Location"].endswith("/assessment/domains/remote_work")
    page = text(other.get("/assessment/domains/governance"))
    assert _checked(page, "q_gov_security_owner") == ["partial"]
    arabic = app.test_client()
    arabic.get(f"{resume}?lang=ar")
    assert '<html lang="ar" dir="rtl">' in text(arabic.get("/assessment", follow_redirects=True))


def _checked(page: str, name: str) -> list[str]:
    inputs = re.findall(rf"<input[^>]*name=\"{name}\"[^>]*>", page)
    return [re.search(r'value="([^"]*)"', i)[1] for i in inputs if " checked" in i]


def test_back_and_forward_never_lose_an_answer(client):
    start(client)
    post_page(client, "governance", {"gov_security_owner": "yes"})
    post_page(client, "remote_work", {"rw_remote_staff": "4"})
    back = text(client.get("/assessment/domains/governance"))
    assert _checked(back, "q_gov_security_owner") == ["yes"]
    forward = text(client.get("/assessment/domains/remote_work"))
    assert 'value="4"' in forward
    assert client.get("/assessment/domains/governance").headers["Cache-Control"] == "no-store"


class _TwoHoursAgoSigner(TimestampSigner):
    def get_timestamp(self) -> int:
        return super().get_timestamp() - 7200


class _TwoHoursAgo(URLSafeTimedSerializer):
    default_signer = _TwoHoursAgoSigner


def test_an_expired_csrf_token_keeps_what_was_typed(client, monkeypatch):
    start(client)
    with monkeypatch.context() as patch:  # the page's token is signed two hours ago
        patch.setattr(flask_wtf.csrf, "URLSafeTimedSerializer", _TwoHoursAgo)
        page = text(client.get("/assessment/domains/remote_work"))
    response = post_page(
        client, "remote_work", {"rw_remote_staff": "17", "rw_policy": "partial"}, page=page
    )
    assert response.status_code == 400
    body = text(response)
    assert "trop longtemps" in body
    assert 'value="17"' in body and _checked(body, "q_rw_policy") == ["partial"]
    again = post_page(client, "remote_work", {"rw_remote_staff": "17"}, page=body)
    assert again.status_code == 303  # the re-rendered page carries a fresh token
    assert 'value="17"' in text(client.get("/assessment/domains/remote_work"))


def test_a_stale_page_does_not_silently_overwrite_a_newer_answer(client):
    start(client)
    stale = text(client.get("/assessment/domains/governance"))  # a tab left open
    assert (
        post_page(client, "governance", {"gov_security_owner": "yes"}).status_code == 303
    )  # elsewhere
    response = post_page(
        client,
        "governance",
        {"gov_security_owner": "no", "gov_budget": "annual"},
        go="stay",
        page=stale,
    )
    assert response.status_code == 409
    body = text(response)
    assert "ailleurs" in body and _checked(body, "q_gov_security_owner") == ["no"]
    current = text(client.get("/assessment/domains/governance"))
    assert _checked(current, "q_gov_security_owner") == ["yes"]  # the newer answer stands
    assert _checked(current, "q_gov_budget") == ["annual"]  # what did not conflict was saved
    shown = {"gov_security_owner": "no", "gov_budget": "annual"}  # what the page shows
    resaved = post_page(client, "governance", shown, go="stay", page=body)
    assert resaved.status_code == 303  # saving again, knowingly, wins
    assert _checked(text(client.get("/assessment/domains/governance")), "q_gov_security_owner") == [
        "no"
    ]


def test_conditions_show_questions_on_the_next_load(client):
    start(client)
    page = text(client.get("/assessment/domains/remote_work"))
    assert 'name="q_rw_home_practices"' not in page  # shown only when someone works remotely
    response = post_page(client, "remote_work", {"rw_remote_staff": "3"}, page=page)
    assert response.status_code == 303 and "#q-" in response.headers["Location"]
    shown = text(client.get("/assessment/domains/remote_work"))
    assert 'name="q_rw_home_practices"' in shown and "nouvelles questions" in shown
    hidden_again = post_page(client, "remote_work", {"rw_remote_staff": "0"}, page=shown)
    assert hidden_again.status_code == 303
    assert 'name="q_rw_home_practices"' not in text(client.get("/assessment/domains/remote_work"))


def test_submit_with_gaps_needs_a_confirmation_then_answers_are_read_only(client):
    start(client, "en")
    post_page(client, "governance", {"gov_security_owner": "yes"})
    review = text(client.get("/assessment/review"))
    assert "count as 0" in review and 'name="confirm"' in review
    assert "#q-gov_budget" in review  # each unanswered question links to its place
    refused = client.post("/assessment/submit", data={"csrf_token": hidden(review, "csrf_token")})
    assert refused.status_code == 422 and "Tick the box" in text(refused)
    done = client.post(
        "/assessment/submit", data={"csrf_token": hidden(review, "csrf_token"), "confirm": "y"}
    )
    assert done.status_code == 303 and done.headers["Location"].endswith("/results")
    results = text(client.get("/assessment/results"))
    assert "Priority actions" in results and "After the first 5 actions" in results
    assert "How were these scores computed?" in results and "asked in other sectors only" in results
    page = text(client.get("/assessment/domains/governance"))
    assert '<fieldset class="questions" disabled>' in page
    late = post_page(client, "governance", {"gov_security_owner": "no"}, page=page)
    assert late.status_code == 303 and late.headers["Location"].endswith("/results")
    assert _checked(text(client.get("/assessment/domains/governance")), "q_gov_security_owner") == [
        "yes"
    ]
    assert client.get("/assessment/review").headers["Location"].endswith("/results")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"organisation": "  "}, "Indiquez le nom"),
        ({"organisation": "x" * 201}, "200 caractères"),
        ({"sector": ""}, "Choisissez"),
        ({"sector": "astronomy"}, "Choisissez"),
        ({"size": "huge"}, "Choisissez"),
        ({"questionnaire": "nope"}, "Choisissez"),
    ],
)
def test_a_bad_start_form_says_what_is_wrong_and_keeps_the_rest(client, fields, message):
    response = client.post("/start?lang=fr", data=start_form(client, "fr", **fields))
    assert response.status_code == 422
    body = text(response)
    assert 'class="error-summary"' in body and message in body
    if "organisation" not in fields:
        assert 'value="Courtage Atlas"' in body


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"rw_remote_staff": "douze"}, "Indiquez un nombre"),
        ({"rw_remote_staff": "-3"}, "au moins égal à 0"),
        ({"rw_policy": "sometimes"}, "Choisissez"),
    ],
)
def test_a_bad_answer_is_located_and_nothing_typed_is_lost(client, answers, message):
    start(client)
    response = post_page(client, "remote_work", answers | {"rw_mfa": "mfa_all"})
    assert response.status_code == 422
    body = text(response)
    assert message in body and 'class="error-summary"' in body
    assert 'href="#field-q_' in body
    assert _checked(body, "q_rw_mfa") == ["mfa_all"]
    assert _checked(text(client.get("/assessment/domains/remote_work")), "q_rw_mfa") == []


def test_multiple_choice_none_of_these_and_exclusive_choices(client, app):
    start(client)
    assert post_page(client, "governance", {"gov_policies": ["none"]}).status_code == 303
    page = text(client.get("/assessment/domains/governance"))
    assert _checked(page, "q_gov_policies") == ["none"]
    mixed = post_page(client, "governance", {"gov_policies": ["none", "security_policy"]})
    assert mixed.status_code == 422 and "ne peuvent pas" in text(mixed)
    assert _checked(text(mixed), "q_gov_policies") == ["security_policy", "none"]


def test_unknown_links_and_pages_answer_in_the_visitors_language(client):
    unknown = client.get("/resume/not-a-token?lang=ar")
    assert unknown.status_code == 404 and "رابط الاستئناف هذا غير صالح" in text(unknown)
    nothing_open = client.get("/assessment/domains/governance?lang=en")
    assert nothing_open.status_code == 404 and "No assessment is open" in text(nothing_open)
    nowhere = client.get("/nowhere?lang=fr")
    assert nowhere.status_code == 404 and "Cette page n&#39;existe pas." in text(nowhere)
    assert '<html lang="fr" dir="ltr">' in text(nowhere)
    start(client)
    assert client.get("/assessment/domains/astronomy").status_code == 404
    assert client.get("/assessment/report.pdf?lang=xx").status_code == 404
    api = client.get("/api/v1/nowhere")
    assert api.status_code == 404 and api.get_json()["error"]["code"] == "not_found"


def test_names_and_free_text_keep_their_own_direction(client):
    start(client, "fr", organisation="شركة الأطلس")
    started = text(client.get("/assessment/started"))
    assert '<strong dir="auto">شركة الأطلس</strong>' in started
    page = text(client.get("/assessment/domains/continuity"))
    assert re.search(r'<textarea[^>]*dir="auto"[^>]*name="q_bc_disruption_history"', page)


@pytest.mark.parametrize("path", ["/", "/assessment/domains/governance", "/assessment/review"])
def test_each_page_with_its_css_and_js_is_under_100_kb(client, path):
    start(client)
    page = client.get(path)
    assets = sum(p.stat().st_size for p in STATIC.iterdir() if p.suffix in (".css", ".js"))
    assert page.status_code == 200 and len(page.data) + assets < PAGE_BUDGET
    assert "http://" not in text(page).replace("http://localhost", "")  # no third-party asset
    assert "https://" not in text(page)


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("12", 12),
        ("12,5", 12.5),
        (" 1 200 ", 1200),
        ("١٢", 12),
        ("١٢٫٥", 12.5),
        ("١٬٢٠٠", 1200),
        ("-0.5", -0.5),
        ("1e3", None),
        ("1,000", None),  # a thousands separator or a decimal comma: refused, not guessed
        ("1.000", None),
        ("1,5", 1.5),
        ("12.25", 12.25),
    ],
)
def test_numbers_as_people_type_them(typed, value):
    assert parse_number(typed) == value


def test_a_stored_number_is_shown_as_it_would_be_typed():
    assert [shown_number(v) for v in (0.00001, 12.0, 3, 1.5)] == ["0.00001", "12", "3", "1.5"]


def test_seen_is_recorded_for_every_shown_question(client):
    start(client)
    seen = json.loads(hidden(text(client.get("/assessment/domains/governance")), "seen"))
    assert "gov_security_owner" in seen and all(v is None for v in seen.values())


def test_no_interface_string_is_hidden_by_a_dict_attribute(app):
    """Templates read `t.name`, which Jinja resolves to a dict method first if one has the name."""
    from survey.views.ui_text import texts

    with app.app_context():
        for lang in LANGS:
            strings = texts(lang)
            assert not [key for key in strings if hasattr(dict, key)]
            assert all(strings.values())


def test_the_core_refuses_none_of_these_with_other_options(app):
    from survey.questionnaire.answers import check_answer

    question = form_of(app).question_map()["gov_policies"]
    assert check_answer(question, ["none"]) == (["none"], None)
    value, error = check_answer(question, ["security_policy", "none"])
    assert value is None and "cannot be combined" in error


def test_free_text_that_reads_as_a_reserved_value_is_refused_not_a_500(client):
    start(client)
    for typed in ("na", " dont_know "):
        response = post_page(client, "continuity", {"bc_disruption_history": typed})
        assert response.status_code == 422 and "quelques mots" in text(response)
    fine = post_page(client, "continuity", {"bc_disruption_history": "na (rien à signaler)"})
    assert fine.status_code == 303


def test_a_question_changed_elsewhere_and_left_alone_here_keeps_the_newer_answer(client):
    start(client)
    stale = text(client.get("/assessment/domains/governance"))
    post_page(client, "governance", {"gov_security_owner": "yes"})  # elsewhere
    response = post_page(client, "governance", {"gov_budget": "annual"}, page=stale)
    assert response.status_code == 303  # nothing here contradicts the other save
    page = text(client.get("/assessment/domains/governance"))
    assert _checked(page, "q_gov_security_owner") == ["yes"]
    assert _checked(page, "q_gov_budget") == ["annual"]


def test_a_conflict_shows_the_stored_answers_and_a_second_save_keeps_them(client):
    start(client)
    stale = text(client.get("/assessment/domains/governance"))
    post_page(client, "governance", {"gov_security_owner": "yes", "gov_budget": "none"})
    response = post_page(
        client, "governance", {"gov_budget": "annual", "gov_legal_register": "no"}, page=stale
    )
    assert response.status_code == 409
    body = text(response)
    assert _checked(body, "q_gov_security_owner") == ["yes"]  # the newer answer, shown
    assert _checked(body, "q_gov_budget") == ["annual"]  # the respondent's own, with a note
    assert _checked(body, "q_gov_legal_register") == ["no"]  # saved
    shown = {"gov_security_owner": "yes", "gov_budget": "annual", "gov_legal_register": "no"}
    assert post_page(client, "governance", shown, page=body).status_code == 303
    page = text(client.get("/assessment/domains/governance"))
    assert [_checked(page, f"q_{q}") for q in shown] == [["yes"], ["annual"], ["no"]]


def test_a_conflict_that_reveals_a_question_still_shows_the_page(client):
    start(client)
    stale = text(client.get("/assessment/domains/remote_work"))
    post_page(client, "remote_work", {"rw_policy": "yes"})  # elsewhere
    response = post_page(
        client, "remote_work", {"rw_remote_staff": "3", "rw_policy": "no"}, page=stale
    )
    assert response.status_code == 409 and 'name="q_rw_policy"' in text(response)
    assert 'name="q_rw_home_practices"' in text(client.get("/assessment/domains/remote_work"))


def test_a_busy_database_keeps_what_was_typed(client, monkeypatch):
    import sqlite3

    from survey import assessments

    start(client, "en")

    def busy(*args, **kwargs):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(assessments, "save_page", busy)
    response = post_page(client, "governance", {"gov_budget": "annual"})
    assert response.status_code == 503 and "nothing on this page was saved" in text(response)
    assert _checked(text(response), "q_gov_budget") == ["annual"]


def test_a_post_without_a_session_says_how_to_come_back(app):
    client = app.test_client()
    start(client, "fr")
    page = text(client.get("/assessment/domains/governance"))
    stranger = app.test_client()
    response = post_page(stranger, "governance", {"gov_budget": "annual"}, page=page)
    assert response.status_code == 404 and "lien de reprise" in text(response)


def test_a_resume_link_asks_before_replacing_another_open_assessment(app):
    mine = app.test_client()
    start(mine, "en")
    theirs = start(app.test_client(), "en", organisation="Somebody Else")
    response = mine.get(theirs)
    body = text(response)
    assert response.status_code == 200 and "Somebody Else" in body and "Courtage Atlas" in body
    assert mine.get("/assessment/domains/governance").status_code == 200
    assert "Courtage Atlas" in text(mine.get("/assessment/domains/governance"))
    forged = mine.post(theirs)  # no CSRF token: back to the question
    assert forged.status_code == 303 and "/resume/" in forged.headers["Location"]
    assert "Courtage Atlas" in text(mine.get("/assessment/domains/governance"))
    switched = mine.post(theirs, data={"csrf_token": hidden(body, "csrf_token")})
    assert switched.status_code == 303
    assert "Somebody Else" in text(mine.get("/assessment", follow_redirects=True))


def test_saving_and_going_back_records_where_the_respondent_is(app, client):
    resume = start(client)
    post_page(client, "governance", {})
    post_page(client, "remote_work", {}, go="previous")
    other = app.test_client()
    other.get(resume)
    assert other.get("/assessment").headers["Location"].endswith("/domains/governance")
