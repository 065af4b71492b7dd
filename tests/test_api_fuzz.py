"""The JSON API fuzzed from its own OpenAPI document with Schemathesis, in process (WSGI).

Every operation gets the document's examples, its coverage cases (each constraint at and past
its bounds) and a bounded number of generated requests, valid and invalid, always the same ones
(a fixed seed, derandomized, no example database). Each answer must pass every check: no 5xx,
a documented status code and content type, a body that fits the documented schema, valid
requests accepted, invalid ones refused, unknown methods answered 405 with `Allow`.

The tokens in the paths are drawn from real assessments (a draft, a submitted one, and a
re-assessment of it) as well as generated, and so are the questionnaire ids, so that the
operations reach past their 404; answers are sometimes given to the questionnaire's real question
ids, so that every kind of value meets every kind of question.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import strategies as st

from survey import create_app

API = "/api/v1"

# Whether a body is valid can depend on more than its schema: an answer's question id and value
# must fit the questionnaire and sector (the document says so, and refers to
# GET /questionnaires/{id}), so there a valid-looking request may also be refused with 422.
CONFIG = """
seed = 20261104

[generation]
max-examples = 60
deterministic = true
database = "none"

[[operations]]
include-operation-id = ["createAssessment", "patchAssessment"]
checks.positive_data_acceptance.expected-statuses = ["2xx", "404", "409", "422"]

[[operations]]
include-operation-id = "getReport"
generation.max-examples = 6
"""


def _assessment(client, **fields) -> str:
    body = {
        "questionnaire": "readiness",
        "sector": "insurance",
        "language": "fr",
        "organisation": {"name": "Courtage Atlas", "size": "10-49"},
        "answers": {"gov_security_owner": "yes"},
    } | fields
    response = client.post(f"{API}/assessments", json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()["token"]


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SURVEY_INSTANCE_PATH", str(tmp_path_factory.mktemp("fuzz") / "instance"))
        # generated tokens are unknown ones: the limit on those is for another test to check
        app = create_app({"TESTING": True, "RATELIMIT_TOKEN_ATTEMPTS": 10**9})
    client = app.test_client()
    draft, submitted = _assessment(client), _assessment(client, language="ar")
    assert client.post(f"{API}/assessments/{submitted}/submit").status_code == 200
    response = client.post(f"{API}/assessments/{submitted}/reassessment")
    assert response.status_code == 201
    tokens = [draft, submitted, response.get_json()["token"]]
    library = app.extensions["survey.library"]

    schema = schemathesis.openapi.from_wsgi(
        f"{API}/openapi.json", app, config=schemathesis.Config.from_str(CONFIG)
    )

    known = {"token": tokens, "id": sorted(library.questionnaires)}

    @schema.hook
    def flatmap_path_parameters(_context, path_parameters):
        """A real token or questionnaire id, or the generated one."""
        name = next((name for name in known if name in (path_parameters or {})), None)
        if name is None:
            return st.just(path_parameters)
        choices = st.sampled_from([*known[name], path_parameters[name]])
        return choices.map(lambda value: path_parameters | {name: value})

    @schema.hook
    def flatmap_case(_context, case):
        """A valid case's answers, sometimes given to the questionnaire's real question ids."""
        body = case.body
        if not case.meta.generation.mode.is_positive or not isinstance(body, dict):
            return st.just(case)
        answers = body.get("answers")
        if not isinstance(answers, dict) or not answers:
            return st.just(case)
        questionnaire = library.get(body.get("questionnaire", "readiness"))
        sector = body.get("sector", "insurance")
        if questionnaire is None or sector not in questionnaire.sector_ids():
            return st.just(case)
        ids = sorted(questionnaire.for_sector(sector).question_map())
        if len(answers) > len(ids):
            return st.just(case)

        def renamed(chosen):
            case.body = body | {"answers": dict(zip(chosen, answers.values(), strict=True))}
            return case

        size = len(answers)
        real = st.lists(st.sampled_from(ids), min_size=size, max_size=size, unique=True)
        return st.one_of(st.just(case), real.map(renamed))

    return schema


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
def test_every_operation_answers_as_documented(case):
    case.call_and_validate()
