"""The JSON API v1 on a small inline library: questionnaires, assessments, scores, errors."""

from __future__ import annotations

import pytest
from conftest import GENERAL, TEXT, recommendation, write_library

from survey import create_app

API = "/api/v1"


def _option(value: str, score: float, descriptor: bool = False) -> str:
    extra = f", descriptor: {TEXT}" if descriptor else ""
    return f"{{value: {value}, score: {score}, label: {TEXT}{extra}}}"


GOV = f"""
kind: domain
id: gov
title: {TEXT}
questions:
  - id: gov_owner
    type: yes_partial_no
    weight: 2
    required: true
    text: {TEXT}
    recommendations: [{recommendation("rec_gov_owner", weight=4)}]
  - id: gov_policies
    type: multi_choice
    text: {TEXT}
    options: [{_option("pol_a", 0.5)}, {_option("pol_b", 0.5)}, {_option("pol_c", 0)}]
    recommendations: [{recommendation("rec_gov_policies", "below: 1", horizon="90d")}]
  - id: gov_maturity
    type: scale
    text: {TEXT}
    options:
      - {_option("lvl_low", 0, descriptor=True)}
      - {_option("lvl_mid", 0.5, descriptor=True)}
      - {_option("lvl_high", 1, descriptor=True)}
  - id: gov_staff
    type: number
    min: 0
    text: {TEXT}
  - id: gov_remote
    type: single_choice
    condition: {{question: gov_staff, at_least: 10}}
    text: {TEXT}
    options: [{_option("none", 0)}, {_option("some", 0.5)}, {_option("all", 1)}]
  - id: gov_notes
    type: text
    max_length: 100
    text: {TEXT}
recommendations:
  - {recommendation("rec_gov_domain", "levels: [1, 2]", weight=2, effort="medium", horizon="12m")}
"""

OPS = f"""
kind: domain
id: ops
title: {TEXT}
questions:
  - id: ops_backup
    type: single_choice
    allow_na: true
    text: {TEXT}
    options: [{_option("never", 0)}, {_option("weekly", 0.5)}, {_option("daily", 1)}]
    recommendations: [{recommendation("rec_ops_backup", "on: [never, weekly, dont_know]")}]
"""

INSURANCE = f"""
kind: sector
id: insurance
name: {{ar: تأمين, fr: Assurance, en: Insurance}}
domains:
  gov:
    questions:
      - {{id: ins_claims, type: yes_partial_no, text: {TEXT}}}
"""

QUESTIONNAIRE = f"""
kind: questionnaire
id: readiness
version: 1
title: {TEXT}
sectors: [general, insurance]
domains: [gov, ops]
"""

BEST = {
    "gov_owner": "yes",
    "gov_policies": ["pol_a", "pol_b"],
    "gov_maturity": "lvl_high",
    "gov_staff": 20,
    "gov_remote": "all",
    "gov_notes": "fine",
    "ops_backup": "daily",
}
WORST = {
    "gov_owner": "no",
    "gov_policies": ["pol_c"],
    "gov_maturity": "lvl_low",
    "gov_staff": 20,
    "gov_remote": "none",
    "gov_notes": "",
    "ops_backup": "never",
}


@pytest.fixture
def api_app(tmp_path, monkeypatch):
    lib = write_library(
        tmp_path / "lib",
        {
            "domains/gov.yaml": GOV,
            "domains/ops.yaml": OPS,
            "sectors/general.yaml": GENERAL,
            "sectors/insurance.yaml": INSURANCE,
            "readiness.yaml": QUESTIONNAIRE,
        },
    )
    monkeypatch.setenv("SURVEY_INSTANCE_PATH", str(tmp_path / "instance"))
    return create_app({"TESTING": True, "QUESTIONNAIRES_PATH": str(lib)})


@pytest.fixture
def api(api_app):
    return api_app.test_client()


def payload(**changes) -> dict:
    body = {
        "questionnaire": "readiness",
        "sector": "general",
        "language": "fr",
        "organisation": {"name": "Atlas", "size": "10-49"},
        "answers": {},
    }
    body.update(changes)
    return body


def create(api, answers=None, **changes) -> dict:
    response = api.post(f"{API}/assessments", json=payload(answers=answers or {}, **changes))
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def fetch(api, token: str) -> dict:
    response = api.get(f"{API}/assessments/{token}")
    assert response.status_code == 200
    return response.get_json()


def submit(api, token: str) -> dict:
    response = api.post(f"{API}/assessments/{token}/submit")
    assert response.status_code == 200
    return response.get_json()


def assert_error(response, status: int, field: str | None = None) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    error = response.get_json()["error"]
    assert isinstance(error["code"], str) and error["code"]
    assert isinstance(error["message"], str) and error["message"]
    assert all(set(d) == {"field", "message"} for d in error["details"])
    if field is not None:
        assert field in [d["field"] for d in error["details"]], error
    return error


# --- questionnaires ------------------------------------------------------------------------------


def test_list_questionnaires(api):
    response = api.get(f"{API}/questionnaires")
    assert response.status_code == 200
    [item] = response.get_json()["questionnaires"]
    assert item["id"] == "readiness" and item["version"] == 1
    assert item["title"] == {"ar": "نص", "fr": "Texte", "en": "Text"}
    assert item["languages"] == ["ar", "fr", "en"]
    assert [s["id"] for s in item["sectors"]] == ["general", "insurance"]
    assert item["sectors"][1]["name"] == {"ar": "تأمين", "fr": "Assurance", "en": "Insurance"}
    assert [d["id"] for d in item["domains"]] == ["gov", "ops"]
    assert all(set(d["title"]) == {"ar", "fr", "en"} for d in item["domains"])


def _questions(api, sector: str) -> dict:
    response = api.get(f"{API}/questionnaires/readiness?sector={sector}")
    assert response.status_code == 200
    body = response.get_json()
    return {q["id"]: q for d in body["domains"] for q in d["questions"]}


def test_questionnaire_questions(api):
    questions = _questions(api, "general")
    assert list(questions) == [
        "gov_owner", "gov_policies", "gov_maturity", "gov_staff", "gov_remote", "gov_notes",
        "ops_backup",
    ]  # fmt: skip
    types = {qid: q["type"] for qid, q in questions.items()}
    assert sorted(set(types.values())) == sorted(
        ["single_choice", "multi_choice", "scale", "yes_partial_no", "number", "text"]
    )
    for q in questions.values():
        assert set(q["text"]) == {"ar", "fr", "en"}
        assert {"required", "allow_na", "condition"} <= set(q)
        if q["type"] in ("number", "text"):
            assert "options" not in q
        else:
            assert q["options"] and all({"value", "label", "score"} <= set(o) for o in q["options"])
    assert questions["gov_owner"]["required"] is True
    assert questions["ops_backup"]["allow_na"] is True
    assert questions["gov_owner"]["allow_na"] is False
    assert questions["gov_remote"]["condition"] == {"question": "gov_staff", "at_least": 10}
    assert questions["gov_owner"]["condition"] is None
    assert [o["value"] for o in questions["gov_owner"]["options"]] == ["yes", "partial", "no"]
    assert [o["score"] for o in questions["gov_policies"]["options"]] == [0.5, 0.5, 0]


def test_sector_question_only_in_its_sector(api):
    assert "ins_claims" not in _questions(api, "general")
    assert "ins_claims" in _questions(api, "insurance")


def test_unknown_questionnaire_is_404(api):
    assert_error(api.get(f"{API}/questionnaires/nope"), 404)


def test_unknown_sector_is_422(api):
    assert_error(api.get(f"{API}/questionnaires/readiness?sector=mining"), 422, "sector")


# --- create, resume, patch, submit ---------------------------------------------------------------


@pytest.mark.parametrize("answers", [{}, {"gov_owner": "yes"}], ids=["empty", "partial"])
def test_create_assessment(api, answers):
    body = create(api, answers)
    assert isinstance(body["id"], int) and body["token"]
    assert body["status"] == "draft"
    assert 0 <= body["completeness"] < 1
    assert set(body["scores"]) >= {"overall", "level", "domains"}
    assert set(body["scores"]["domains"]) == {"gov", "ops"}
    assert all(set(d) >= {"score", "level"} for d in body["scores"]["domains"].values())
    token = body["token"]
    assert body["links"]["self"].endswith(f"{API}/assessments/{token}")
    assert body["links"]["report"].endswith(f"{API}/assessments/{token}/report.pdf")
    assert set(body["links"]) >= {"self", "report", "resume"}


def test_empty_draft_is_not_assessed(api):
    scores = create(api)["scores"]
    assert scores["overall"] is None
    assert scores["domains"]["gov"] == {"score": None, "level": None}


def test_resume_link_opens_the_assessment(api):
    body = create(api, {"gov_owner": "yes"})
    response = api.get(body["links"]["resume"])
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/assessment")
    page = api.get("/assessment", follow_redirects=True)
    assert page.status_code == 200 and "gov_owner" in page.get_data(as_text=True)


def test_get_assessment_echoes_answers(api):
    body = create(api, {"gov_owner": "partial", "gov_policies": ["pol_b", "pol_a"]})
    got = fetch(api, body["token"])
    assert {
        k: v
        for k, v in got.items()
        if k not in ("answers", "recommendations", "trace", "action_plan", "projected")
    } == body
    assert got["answers"] == {"gov_owner": "partial", "gov_policies": ["pol_a", "pol_b"]}


def test_patch_merges_answers(api):
    token = create(api, {"gov_owner": "yes"})["token"]
    response = api.patch(f"{API}/assessments/{token}", json={"answers": {"ops_backup": "daily"}})
    assert response.status_code == 200
    patched = response.get_json()
    assert patched["status"] == "draft" and patched["token"] == token
    assert set(patched) >= {"id", "completeness", "scores", "links"}
    assert fetch(api, token)["answers"] == {"gov_owner": "yes", "ops_backup": "daily"}


def test_patch_null_removes_an_answer(api):
    token = create(api, {"gov_owner": "yes", "ops_backup": "daily"})["token"]
    response = api.patch(f"{API}/assessments/{token}", json={"answers": {"gov_owner": None}})
    assert response.status_code == 200
    assert fetch(api, token)["answers"] == {"ops_backup": "daily"}


def test_submit_then_patch_is_409(api):
    token = create(api, {"gov_owner": "yes"})["token"]
    assert submit(api, token)["status"] == "submitted"
    response = api.patch(f"{API}/assessments/{token}", json={"answers": {"gov_owner": "no"}})
    assert_error(response, 409)
    assert fetch(api, token)["answers"] == {"gov_owner": "yes"}


def test_submit_twice_is_harmless(api):
    token = create(api)["token"]
    first = submit(api, token)
    second = submit(api, token)
    assert first["status"] == second["status"] == "submitted"
    assert first["submitted_at"] and second["submitted_at"] == first["submitted_at"]


# --- recommendations and scores ------------------------------------------------------------------


def test_recommendations(api):
    token = create(api, WORST)["token"]
    recs = fetch(api, token)["recommendations"]
    ids = [r["id"] for r in recs]
    assert set(ids) >= {"rec_gov_owner", "rec_gov_policies", "rec_ops_backup", "rec_gov_domain"}
    assert len(ids) == len(set(ids))
    priorities = [r["priority"] for r in recs]
    assert all(isinstance(p, int | float) for p in priorities)
    assert priorities == sorted(priorities, reverse=True)
    assert ids[0] == "rec_gov_owner"  # weight 4 on a question of weight 2
    for rec in recs:
        assert rec["domain"] in ("gov", "ops")
        assert rec["horizon"] in ("30d", "90d", "12m")
        assert set(rec["title"]) == {"ar", "fr", "en"}


def test_best_answers_leave_no_recommendation(api):
    assert fetch(api, create(api, BEST)["token"])["recommendations"] == []


def test_best_answers_score_100(api):
    scores = create(api, BEST)["scores"]
    assert scores["overall"] == 100
    assert all(d["score"] == 100 for d in scores["domains"].values())
    assert create(api, BEST)["completeness"] == 1


def test_worst_answers_score_0(api):
    scores = create(api, WORST)["scores"]
    assert scores["overall"] == 0
    assert all(d["score"] == 0 for d in scores["domains"].values())


def test_domain_all_na_is_not_assessed(api):
    scores = create(api, {**BEST, "ops_backup": "na"})["scores"]
    assert scores["domains"]["ops"]["score"] is None
    assert scores["domains"]["ops"]["level"] is None
    assert scores["domains"]["gov"]["score"] == 100
    assert scores["overall"] == 100


def test_hidden_answer_is_kept_but_not_scored(api):
    base = {"gov_owner": "yes", "gov_staff": 5}
    without = create(api, base)
    hidden = create(api, {**base, "gov_remote": "none"})
    assert hidden["scores"] == without["scores"]
    assert fetch(api, hidden["token"])["answers"]["gov_remote"] == "none"
    shown = create(api, {**base, "gov_staff": 10, "gov_remote": "none"})
    assert shown["scores"]["domains"]["gov"]["score"] < 100


def test_dont_know_counts_as_zero(api):
    dont_know = create(api, {"gov_owner": "dont_know", "gov_maturity": "lvl_high"})["scores"]
    no = create(api, {"gov_owner": "no", "gov_maturity": "lvl_high"})["scores"]
    assert dont_know == no
    assert dont_know["domains"]["gov"]["score"] == pytest.approx(33.3, abs=0.1)


def test_unanswered_count_as_zero_after_submit(api):
    body = create(api, {"gov_owner": "yes"})
    assert body["scores"]["domains"]["gov"]["score"] == 100
    assert body["scores"]["domains"]["ops"]["score"] is None
    submitted = submit(api, body["token"])["scores"]
    assert submitted["domains"]["gov"]["score"] < 100
    assert submitted["domains"]["ops"]["score"] == 0
    assert submitted["overall"] < body["scores"]["overall"]


# --- report --------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_report_pdf(api, lang):
    token = create(api, WORST)["token"]
    response = api.get(f"{API}/assessments/{token}/report.pdf?lang={lang}")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")


def test_report_in_unknown_language_is_422(api):
    token = create(api)["token"]
    assert_error(api.get(f"{API}/assessments/{token}/report.pdf?lang=xx"), 422, "lang")


# --- errors --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"sector": "mining"}, "sector"),
        ({"organisation": {"name": "Atlas", "size": "huge"}}, "organisation.size"),
        ({"questionnaire": "nope"}, "questionnaire"),
        ({"language": "de"}, "language"),
    ],
    ids=["sector", "size", "questionnaire", "language"],
)
def test_create_with_bad_field_is_422(api, changes, field):
    assert_error(api.post(f"{API}/assessments", json=payload(**changes)), 422, field)


BAD_ANSWERS = [
    ({"nope": "yes"}, "answers.nope"),
    ({"ops_backup": "hourly"}, "answers.ops_backup"),
    ({"ops_backup": 1}, "answers.ops_backup"),
    ({"gov_policies": "pol_a"}, "answers.gov_policies"),
    ({"gov_staff": "ten"}, "answers.gov_staff"),
    ({"gov_owner": "na"}, "answers.gov_owner"),
]
BAD_IDS = ["unknown-question", "bad-option", "number-for-choice", "string-for-multi",
           "text-for-number", "na-not-allowed"]  # fmt: skip


@pytest.mark.parametrize(("answers", "field"), BAD_ANSWERS, ids=BAD_IDS)
def test_create_with_bad_answer_is_422(api, answers, field):
    assert_error(api.post(f"{API}/assessments", json=payload(answers=answers)), 422, field)


@pytest.mark.parametrize(("answers", "field"), BAD_ANSWERS, ids=BAD_IDS)
def test_patch_with_bad_answer_is_422(api, answers, field):
    token = create(api, {"gov_owner": "yes"})["token"]
    response = api.patch(f"{API}/assessments/{token}", json={"answers": answers})
    assert_error(response, 422, field)
    assert fetch(api, token)["answers"] == {"gov_owner": "yes"}


def _send(api, method: str, data: bytes | str):
    if method == "post":
        return api.post(f"{API}/assessments", data=data, content_type="application/json")
    token = create(api)["token"]
    return api.patch(f"{API}/assessments/{token}", data=data, content_type="application/json")


@pytest.mark.parametrize("method", ["post", "patch"])
def test_malformed_json_is_400(api, method):
    assert_error(_send(api, method, '{"answers": '), 400)


@pytest.mark.parametrize("method", ["post", "patch"])
def test_lone_surrogate_is_rejected(api, method):
    body = (
        '{"organisation": {"name": "\\ud800", "size": "1-9"}, "answers": {"gov_notes": "\\ud800"}}'
    )
    response = _send(api, method, body)
    assert response.status_code in (400, 422)
    assert_error(response, response.status_code)


@pytest.mark.parametrize("method", ["post", "patch"])
def test_deeply_nested_json_is_rejected(api, method):
    response = _send(api, method, "[" * 100_000 + "]" * 100_000)
    assert response.status_code in (400, 422)
    assert_error(response, response.status_code)


@pytest.mark.parametrize("method", ["post", "patch"])
@pytest.mark.parametrize("body", ["[]", '"answers"', "[1, 2]"])
def test_body_not_an_object_is_422(api, method, body):
    assert_error(_send(api, method, body), 422)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", ""),
        ("patch", ""),
        ("post", "/submit"),
        ("get", "/report.pdf?lang=fr"),
    ],
)
def test_unknown_token_is_404(api, method, path):
    kwargs = {"json": {"answers": {}}} if method == "patch" else {}
    response = getattr(api, method)(f"{API}/assessments/not-a-token{path}", **kwargs)
    assert_error(response, 404)


def test_body_over_1mb_is_413(api):
    body = '{"answers": {"gov_notes": "' + "x" * (1024 * 1024 + 10) + '"}}'
    assert_error(_send(api, "post", body), 413)


def test_unknown_api_path_is_404_json(api):
    assert_error(api.get(f"{API}/nothing/here"), 404)


# --- openapi -------------------------------------------------------------------------------------


def test_openapi_document(api):
    response = api.get(f"{API}/openapi.json")
    assert response.status_code == 200
    document = response.get_json()
    assert document["openapi"].startswith("3.1")
    paths = document["paths"]
    for path in [
        "/questionnaires",
        "/questionnaires/{id}",
        "/assessments",
        "/assessments/{token}",
        "/assessments/{token}/submit",
        "/assessments/{token}/report.pdf",
    ]:
        assert path in paths or API + path in paths, path


# --- user text -----------------------------------------------------------------------------------


def test_user_text_is_stored_as_given(api):
    body = create(
        api, {"gov_notes": "a < b & c"}, organisation={"name": "Atlas <b>&amp;", "size": "1-9"}
    )
    assert body["organisation"] == {"name": "Atlas <b>&amp;", "size": "1-9"}
    assert fetch(api, body["token"])["answers"]["gov_notes"] == "a < b & c"


def test_control_characters_and_bidi_overrides_are_stripped(api):
    body = create(
        api,
        {"gov_notes": "no\x00te\u202e\x1b"},
        organisation={"name": "At\u202elas\x07", "size": "1-9"},
    )
    assert body["organisation"]["name"] == "Atlas"
    assert fetch(api, body["token"])["answers"]["gov_notes"] == "note"


def test_hostile_numbers_and_types_get_clear_errors(api):
    import json as _json

    token = create(api, {})["token"]
    number_question = "gov_staff"
    for value in (10**400, -(10**400), 1e300):
        response = api.patch(
            f"{API}/assessments/{token}", json={"answers": {number_question: value}}
        )
        assert response.status_code == 422, value
        assert response.get_json()["error"]["details"][0]["field"] == f"answers.{number_question}"
    for literal in ("NaN", "Infinity", "-Infinity"):
        body = f'{{"answers": {{"{number_question}": {literal}}}}}'
        response = api.patch(
            f"{API}/assessments/{token}", data=body, content_type="application/json"
        )
        assert response.status_code == 400, literal
    response = api.patch(
        f"{API}/assessments/{token}", data=_json.dumps({"answers": {}}), content_type="text/plain"
    )
    assert response.status_code == 415 and response.get_json()["error"]["code"] == (
        "unsupported_media_type"
    )


def test_a_locked_database_answers_503_and_keeps_nothing_half_done(api, monkeypatch):
    from survey import storage
    from survey.storage import database

    token = create(api, {})["token"]
    holder = storage.connect(api.application.config["DATABASE"])
    holder.execute("BEGIN IMMEDIATE")
    monkeypatch.setattr(database, "BUSY_TIMEOUT_SECONDS", 0.05)
    try:
        response = api.patch(f"{API}/assessments/{token}", json={"answers": {"gov_owner": "yes"}})
    finally:
        holder.conn.rollback()
        holder.close()
    assert response.status_code == 503 and response.headers["Retry-After"]
    assert response.get_json()["error"]["code"] == "busy"
    assert "gov_owner" not in fetch(api, token)["answers"]


def test_an_unexpected_failure_is_still_a_json_error(api_app, monkeypatch):
    from survey import assessments

    api_app.config["PROPAGATE_EXCEPTIONS"] = False
    client = api_app.test_client()
    token = create(client, {})["token"]

    def broken(*args, **kwargs):
        raise RuntimeError("simulated fault")

    monkeypatch.setattr(assessments, "submit", broken)
    response = client.post(f"{API}/assessments/{token}/submit")
    assert response.status_code == 500
    assert response.get_json()["error"]["code"] == "internal"
    assert "simulated" not in response.get_data(as_text=True)


def test_full_body_has_the_trace_the_plan_and_the_projections_as_described(api):
    import jsonschema

    token = create(api, {"gov_owner": "no", "ops_backup": "weekly"})["token"]
    submit(api, token)
    body = fetch(api, token)
    document = api.get(f"{API}/openapi.json").get_json()
    schema = {"$ref": "#/components/schemas/Assessment", "components": document["components"]}
    jsonschema.validate(body, schema)
    for domain, entry in body["trace"].items():
        if entry["counted"]:
            total = sum(line["contribution"] for line in entry["counted"])
            assert abs(total - body["scores"]["domains"][domain]["score"]) < 0.1
    ids = [r["id"] for r in body["recommendations"]]
    first = [a["id"] for a in body["action_plan"]["priority_actions"]]
    assert first == ids[:5] and all(a["why"]["ar"] for a in body["action_plan"]["priority_actions"])
    grouped = [i for group in body["action_plan"]["by_horizon"].values() for i in group]
    assert sorted(grouped) == sorted(ids)
    assert [p["actions"] for p in body["projected"]] == [5, 10]
    assert body["projected"][0]["overall"] >= body["scores"]["overall"]
