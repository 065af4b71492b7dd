"""The domain pages' optional script, from the server's side: saves in the background (JSON
answers, the `seen` handshake), the data it reads (conditions, strings), and the rule that keeps the
server deciding which questions count. A browser without the script posts exactly as before."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import flask_wtf.csrf
import pytest
from conftest import GENERAL, TEXT, write_library
from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from survey import create_app
from survey.views.script_text import SCRIPT
from survey.views.ui_text import texts

STATIC = Path(__file__).resolve().parent.parent / "survey" / "static"
JSON = {"Accept": "application/json"}
BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def text(response) -> str:
    return response.get_data(as_text=True)


def hidden(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" type="hidden" value="([^"]*)"', page)
    assert found, f"no hidden field {name}"
    return html.unescape(found[1])


def start(client, questionnaire="readiness", sector="insurance", lang="fr") -> None:
    page = text(client.get(f"/?lang={lang}"))
    form = {
        "csrf_token": hidden(page, "csrf_token"),
        "questionnaire": questionnaire,
        "sector": sector,
        "organisation": "Courtage Atlas",
        "size": "10-49",
        "language": lang,
    }
    assert client.post(f"/start?lang={lang}", data=form).status_code == 303


def post(client, domain: str, answers: dict, page: str | None = None, go="stay", **extra):
    """Post a domain page as shown (its token and `seen`), with `answers` by question id; `extra`
    adds fields (`live`) and request options (`headers`)."""
    page = page or text(client.get(f"/assessment/domains/{domain}"))
    headers = extra.pop("headers", {})
    data = {"csrf_token": hidden(page, "csrf_token"), "seen": hidden(page, "seen"), "go": go}
    data |= {f"q_{qid}": value for qid, value in answers.items()} | extra
    return client.post(f"/assessment/domains/{domain}", data=data, headers=headers)


def autosave(client, domain: str, answers: dict, page: str | None = None, **extra):
    return post(client, domain, answers, page, headers=JSON, **extra)


def stored(client, domain: str) -> dict:
    """The answers a fresh page shows, as its `seen` records them."""
    return json.loads(hidden(text(client.get(f"/assessment/domains/{domain}")), "seen"))


def with_seen(page: str, seen: str) -> str:
    """The page as the script leaves it after a save in the background: its new `seen`."""
    old = re.search(r'name="seen" type="hidden" value="([^"]*)"', page)[1]
    return page.replace(old, html.escape(seen, quote=True))


def fieldset(page: str, question_id: str) -> str:
    found = re.search(
        rf'<fieldset class="question[^"]*" id="q-{question_id}"[^>]*>.*?</fieldset>', page, re.S
    )
    assert found, f"no question {question_id}"
    return found[0]


def opening(page: str, question_id: str) -> str:
    return fieldset(page, question_id).split(">", 1)[0]


def condition_of(page: str, question_id: str) -> dict | None:
    found = re.search(r"data-condition='([^']*)'", opening(page, question_id))
    return json.loads(html.unescape(found[1])) if found else None


# -- saving in the background ---------------------------------------------------------------


def test_a_save_in_the_background_answers_json_with_the_new_seen(client):
    start(client)
    page = text(client.get("/assessment/domains/governance"))
    response = autosave(client, "governance", {"gov_security_owner": "yes"}, page)
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.headers["Cache-Control"] == "no-store"
    body = response.get_json()
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", body["saved_at"])
    seen = json.loads(body["seen"])
    assert seen == json.loads(hidden(page, "seen")) | {"gov_security_owner": "yes"}
    assert body["seen"] == hidden(text(client.get("/assessment/domains/governance")), "seen")
    assert stored(client, "governance")["gov_security_owner"] == "yes"


def test_the_next_save_after_a_save_in_the_background_sees_no_change_made_elsewhere(app, client):
    start(client)
    page = text(client.get("/assessment/domains/governance"))
    first = autosave(client, "governance", {"gov_security_owner": "yes"}, page).get_json()
    # another tab changes the answer the background save wrote, which this page then leaves alone
    other = app.test_client()
    with client.session_transaction() as mine, other.session_transaction() as theirs:
        theirs.update(mine)
    assert post(other, "governance", {"gov_security_owner": "partial"}).status_code == 303
    kept = {"gov_security_owner": "yes", "gov_budget": "annual"}
    response = post(client, "governance", kept, with_seen(page, first["seen"]), go="next")
    assert response.status_code == 303  # no conflict: "yes" is what this page saved itself
    now = stored(client, "governance")
    assert now["gov_security_owner"] == "partial" and now["gov_budget"] == "annual"
    # without the handshake, the page's own saved answer would look like a change made here
    stale = post(client, "governance", kept, page, go="next")
    assert stale.status_code == 409


def test_changes_after_a_save_in_the_background_are_saved_and_nothing_is_lost(client):
    start(client)
    page = text(client.get("/assessment/domains/governance"))
    typed = {"gov_security_owner": "yes", "gov_budget": "annual"}
    first = autosave(client, "governance", typed, page).get_json()
    page = with_seen(page, first["seen"])
    typed |= {"gov_security_owner": "no", "gov_legal_register": "partial"}
    second = autosave(client, "governance", typed, page).get_json()
    assert json.loads(second["seen"]) == json.loads(first["seen"]) | typed
    page = with_seen(page, second["seen"])
    typed |= {"gov_budget": "none"}
    response = post(client, "governance", typed, page, go="next")
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/assessment/domains/remote_work")
    now = stored(client, "governance")
    assert {qid: now[qid] for qid in typed} == typed


def test_an_invalid_answer_is_refused_in_json_with_each_field_and_nothing_is_saved(client):
    start(client, lang="en")
    page = text(client.get("/assessment/domains/remote_work?lang=en"))
    typed = {"rw_remote_staff": "twelve", "rw_policy": "yes"}
    response = autosave(client, "remote_work", typed, page)
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "invalid" and error["message"]
    assert [d["field"] for d in error["details"]] == ["q_rw_remote_staff"]
    assert all(d["message"] for d in error["details"])
    assert stored(client, "remote_work")["rw_policy"] is None


def test_a_stale_tab_gets_a_json_conflict_and_the_normal_save_then_shows_it(app, client):
    start(client)
    stale = text(client.get("/assessment/domains/governance"))
    post(client, "governance", {"gov_security_owner": "yes"})  # elsewhere
    typed = {"gov_security_owner": "no", "gov_budget": "annual"}
    response = autosave(client, "governance", typed, stale)
    assert response.status_code == 409
    body = response.get_json()
    assert body["error"]["code"] == "conflict"
    assert [d["field"] for d in body["error"]["details"]] == ["q_gov_security_owner"]
    assert "Oui" in body["error"]["details"][0]["message"]  # the newer value, in the page's words
    seen = json.loads(body["seen"])  # what did not conflict was saved; the conflict keeps its seen
    assert seen["gov_budget"] == "annual" and seen["gov_security_owner"] is None
    now = stored(client, "governance")
    assert now["gov_security_owner"] == "yes" and now["gov_budget"] == "annual"
    again = post(client, "governance", typed, with_seen(stale, body["seen"]))
    assert again.status_code == 409 and "ailleurs" in text(again)  # shown, to be saved knowingly
    assert "data-autosave" not in text(again) and 'data-changes="unsaved"' in text(again)


class _TwoHoursAgoSigner(TimestampSigner):
    def get_timestamp(self) -> int:
        return super().get_timestamp() - 7200


class _TwoHoursAgo(URLSafeTimedSerializer):
    default_signer = _TwoHoursAgoSigner


def test_an_expired_or_missing_token_is_refused_in_json_and_nothing_is_saved(client, monkeypatch):
    start(client)
    with monkeypatch.context() as patch:
        patch.setattr(flask_wtf.csrf, "URLSafeTimedSerializer", _TwoHoursAgo)
        expired = text(client.get("/assessment/domains/governance"))
    response = autosave(client, "governance", {"gov_security_owner": "yes"}, expired)
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "expired"
    fresh = text(client.get("/assessment/domains/governance"))
    data = {"seen": hidden(fresh, "seen"), "go": "stay", "q_gov_security_owner": "yes"}
    missing = client.post("/assessment/domains/governance", data=data, headers=JSON)
    assert missing.status_code == 400 and missing.get_json()["error"]["code"] == "expired"
    assert stored(client, "governance")["gov_security_owner"] is None
    # the normal save keeps what was typed, with a fresh token (unchanged)
    page = post(client, "governance", {"gov_security_owner": "yes"}, expired)
    assert page.status_code == 400 and 'data-changes="unsaved"' in text(page)


def test_a_submitted_assessment_refuses_saves_in_the_background(client):
    start(client)
    page = text(client.get("/assessment/domains/governance"))
    review = text(client.get("/assessment/review"))
    data = {"csrf_token": hidden(review, "csrf_token"), "confirm": "y"}
    assert client.post("/assessment/submit", data=data).status_code == 303
    response = autosave(client, "governance", {"gov_security_owner": "yes"}, page)
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "submitted"
    read_only = text(client.get("/assessment/domains/governance"))
    assert "data-autosave" not in read_only and "data-changes" not in read_only
    assert 'id="save-status"' not in read_only
    assert 'role="status">Cette évaluation a été soumise' not in read_only  # nothing flashed
    assert stored(client, "governance")["gov_security_owner"] is None


def test_without_the_script_a_post_still_redirects(client):
    start(client)
    for headers in ({}, BROWSER, {"Accept": "*/*"}):
        response = post(client, "governance", {"gov_budget": "annual"}, go="next", headers=headers)
        assert response.status_code == 303, headers


def test_a_domain_page_gives_the_script_its_strings_in_the_page_language(app, client):
    start(client)
    for lang in ("ar", "fr", "en"):
        page = html.unescape(text(client.get(f"/assessment/domains/governance?lang={lang}")))
        status = re.search(r'<p id="save-status" class="small" role="status" hidden[^>]*>', page)[0]
        with app.app_context():
            strings = texts(lang)
        for key in SCRIPT:
            name = key.removeprefix("autosave_")
            assert f'data-{name}="{strings[key]}"' in status
        assert 'data-changes="saved" data-autosave="save-status"' in page
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/static/survey.js" defer>']
    assert not re.search(r"<[^>]+\son[a-z]+=", page)  # no inline script, for a strict CSP


def test_the_saved_status_has_the_time_in_every_language(app):
    with app.app_context():
        assert all("{time}" in texts(lang)["autosave_saved"] for lang in ("ar", "fr", "en"))


# -- live conditions --------------------------------------------------------------------------


def test_a_page_holds_its_conditional_questions_hidden_with_their_condition(client):
    start(client)
    page = text(client.get("/assessment/domains/remote_work"))
    assert condition_of(page, "rw_remote_staff") is None and "hidden" not in opening(
        page, "rw_remote_staff"
    )
    question = fieldset(page, "rw_home_practices")
    assert condition_of(page, "rw_home_practices") == {"question": "rw_remote_staff", "at_least": 1}
    assert opening(page, "rw_home_practices").endswith(" hidden")
    assert 'name="q_rw_home_practices"' not in page  # nothing posted without the script
    assert 'data-field="q_rw_home_practices"' in question
    assert "data-elsewhere='{}'" in page  # the conditions read this page only
    seen = json.loads(hidden(page, "seen"))
    assert "rw_home_practices" in seen  # what the page holds, hidden or not
    shown = post(client, "remote_work", {"rw_remote_staff": "3"})
    assert "#q-rw_devices" in shown.headers["Location"]  # without the script: as before
    page = text(client.get("/assessment/domains/remote_work"))
    assert condition_of(page, "rw_home_practices") is not None
    assert "hidden" not in opening(page, "rw_home_practices")
    assert 'name="q_rw_home_practices"' in page


def test_pages_without_conditions_carry_no_condition_data(client):
    start(client)
    page = text(client.get("/assessment/domains/cybersecurity"))
    assert "data-condition" not in page and "data-elsewhere" not in page
    form = page.split("<form", 1)[1].split("</form>", 1)[0]
    assert "data-field" not in form and "hidden>" not in form.replace("hidden></p>", "")


@pytest.mark.parametrize("domain", ["governance", "remote_work", "continuity", "data_protection"])
def test_each_page_with_its_css_and_js_stays_under_100_kb(client, domain):
    start(client, lang="ar")
    page = client.get(f"/assessment/domains/{domain}")
    assets = sum(p.stat().st_size for p in STATIC.iterdir() if p.suffix in (".css", ".js"))
    assert page.status_code == 200 and len(page.data) + assets < 100_000


def _option(value: str, score: float) -> str:
    return f"{{value: {value}, score: {score}, label: {TEXT}}}"


ONE = f"""
kind: domain
id: one
title: {TEXT}
questions:
  - id: one_plan
    type: single_choice
    text: {TEXT}
    options: [{_option("none", 0)}, {_option("partial", 0.5)}, {_option("full", 1)}]
  - id: one_detail
    type: yes_partial_no
    condition: {{question: one_plan, in: [full]}}
    text: {TEXT}
"""

TWO = f"""
kind: domain
id: two
title: {TEXT}
questions:
  - id: two_staff
    type: number
    min: 0
    text: {TEXT}
  - id: two_tools
    type: multi_choice
    allow_na: true
    condition: {{question: two_staff, at_least: 1}}
    text: {TEXT}
    options: [{_option("none", 0)}, {_option("vpn", 0.5)}, {_option("mfa", 0.5)}]
  - id: two_vpn
    type: yes_partial_no
    condition: {{all: [{{question: two_tools, in: [vpn]}}, {{question: one_plan, not_in: [none]}}]}}
    text: {TEXT}
  - id: two_note
    type: text
    condition:
      any:
        - {{question: one_detail, answered: true}}
        - {{not: {{question: two_staff, answered: true}}}}
    text: {TEXT}
  - id: two_static
    type: yes_partial_no
    condition: {{question: one_plan, in: [partial, full]}}
    text: {TEXT}
"""

QUESTIONNAIRE = f"""
kind: questionnaire
id: live
version: 1
title: {TEXT}
sectors: [general]
domains: [one, two]
"""


@pytest.fixture
def live_client(tmp_path, monkeypatch):
    files = {"domains/one.yaml": ONE, "domains/two.yaml": TWO, "sectors/general.yaml": GENERAL}
    lib = write_library(tmp_path / "lib", files | {"live.yaml": QUESTIONNAIRE})
    monkeypatch.setenv("SURVEY_INSTANCE_PATH", str(tmp_path / "instance"))
    client = create_app({"TESTING": True, "QUESTIONNAIRES_PATH": str(lib)}).test_client()
    start(client, "live", "general")
    return client


def test_conditions_read_answers_from_other_pages_as_the_core_reads_them(live_client):
    client = live_client
    assert post(client, "one", {"one_plan": "full"}).status_code == 303
    post(client, "one", {"one_plan": "full", "one_detail": "yes"})
    page = text(client.get("/assessment/domains/two"))
    elsewhere = json.loads(html.unescape(re.search(r"data-elsewhere='([^']*)'", page)[1]))
    assert elsewhere == {"one_detail": "yes", "one_plan": "full"}
    assert condition_of(page, "two_vpn")["all"][1] == {"question": "one_plan", "not_in": ["none"]}
    assert opening(page, "two_tools").endswith(" hidden") and opening(page, "two_vpn").endswith(
        " hidden"
    )
    assert "hidden" not in opening(page, "two_note")  # one_detail answered
    assert condition_of(page, "two_static") is None  # it reads another page only: no live update
    assert "hidden" not in opening(page, "two_static")
    post(client, "one", {"one_plan": "none", "one_detail": "yes"})  # one_detail is now hidden
    page = text(client.get("/assessment/domains/two"))
    elsewhere = json.loads(html.unescape(re.search(r"data-elsewhere='([^']*)'", page)[1]))
    assert elsewhere == {"one_detail": None, "one_plan": "none"}  # a hidden answer reads as none
    assert 'id="q-two_static"' not in page  # decided by the server, as before
    assert "hidden" not in opening(page, "two_note")  # no staff number yet: shown


def test_without_the_script_a_hidden_question_is_neither_posted_nor_saved(live_client):
    client = live_client
    post(client, "one", {"one_plan": "full"})
    response = post(client, "two", {"two_staff": "3", "two_tools": "vpn"}, go="next")
    assert response.status_code == 303 and response.headers["Location"].endswith("#q-two_tools")
    assert stored(client, "two")["two_tools"] is None  # it was not shown: the server decides


def test_questions_the_script_shows_are_saved_and_need_no_second_visit(live_client):
    client = live_client
    post(client, "one", {"one_plan": "full"})
    typed = {"two_staff": "3", "two_tools": "vpn", "two_vpn": "partial"}
    response = post(client, "two", typed, go="next", live="two_tools two_vpn two_note")
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/assessment/review")
    now = stored(client, "two")
    assert now["two_staff"] == 3 and now["two_tools"] == ["vpn"] and now["two_vpn"] == "partial"


def test_what_the_answers_keep_hidden_is_not_checked_or_saved_even_if_listed(live_client):
    client = live_client
    post(client, "one", {"one_plan": "full"})
    typed = {"two_staff": "0", "two_tools": ["vpn", "none"], "two_vpn": "bogus"}
    response = autosave(client, "two", typed, live="two_tools two_vpn")
    assert response.status_code == 200  # the errors of questions that stay hidden do not count
    now = stored(client, "two")
    assert now["two_staff"] == 0 and now["two_tools"] is None and now["two_vpn"] is None
    seen = json.loads(response.get_json()["seen"])
    assert seen["two_staff"] == 0 and seen["two_tools"] is None
    shown = autosave(
        client, "two", {"two_staff": "2", "two_tools": ["vpn", "none"]}, live="two_tools"
    )
    assert shown.status_code == 422  # shown once the page's answers apply: checked
    assert [d["field"] for d in shown.get_json()["error"]["details"]] == ["q_two_tools"]


def test_a_hidden_answer_survives_being_hidden_and_shown_again_without_the_script(live_client):
    client = live_client
    post(client, "one", {"one_plan": "full"})
    post(client, "two", {"two_staff": "3"})
    post(client, "two", {"two_staff": "3", "two_tools": "mfa"})
    page = text(client.get("/assessment/domains/two"))
    hid = post(client, "two", {"two_staff": "0", "two_tools": "mfa"}, page)
    assert hid.status_code == 303
    page = text(client.get("/assessment/domains/two"))
    assert opening(page, "two_tools").endswith(" hidden")
    assert "checked" in fieldset(page, "two_tools")
    again = post(client, "two", {"two_staff": "4"}, page)  # its fields have no name: not posted
    assert again.headers["Location"].endswith("#q-two_tools")
    assert stored(client, "two")["two_tools"] == ["mfa"]  # kept, shown again as it was


def test_a_page_shown_back_with_unsaved_answers_says_so(live_client):
    client = live_client
    response = post(client, "two", {"two_staff": "many"})
    assert response.status_code == 422
    assert 'data-changes="unsaved" data-autosave="save-status"' in text(response)
    assert 'data-changes="saved"' in text(client.get("/assessment/domains/two"))
