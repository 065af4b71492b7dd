"""JSON API v1: questionnaires, assessments, answers, submission, report."""

from __future__ import annotations

import json
import sqlite3

from flask import Blueprint, Response, jsonify, request, url_for
from werkzeug.exceptions import HTTPException, InternalServerError

from .. import assessments, storage
from ..assessments import InvalidInput, Loaded
from ..comparison import comparison_body
from ..plan import plan_body, scores_body
from ..questionnaire import LANGUAGES
from ..web import get_db, get_definitions, get_library, get_report_content
from .openapi import openapi_document

bp = Blueprint("api", __name__, url_prefix="/api/v1")


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, details=()):
        super().__init__(message)
        self.status, self.code, self.message, self.details = status, code, message, details


def error_response(status: int, code: str, message: str, details=()) -> Response:
    """The API's one error shape: {"error": {"code", "message", "details"}}."""
    body = {
        "error": {
            "code": code,
            "message": message,
            "details": [{"field": f, "message": m} for f, m in details],
        }
    }
    response = jsonify(body)
    response.status_code = status
    return response


@bp.errorhandler(ApiError)
def _api_error(exc: ApiError):
    return error_response(exc.status, exc.code, exc.message, exc.details)


@bp.errorhandler(InvalidInput)
def _invalid(exc: InvalidInput):
    return error_response(422, "invalid", exc.message, exc.details)


@bp.errorhandler(storage.Conflict)
def _conflict(exc: storage.Conflict):
    return error_response(409, "conflict", str(exc))


@bp.errorhandler(sqlite3.OperationalError)
def _busy(exc: sqlite3.OperationalError):
    if "locked" not in str(exc) and "busy" not in str(exc):
        raise exc
    response = error_response(
        503, "busy", "the service is busy; nothing was saved, try again in a moment"
    )
    response.headers["Retry-After"] = "2"
    return response


@bp.errorhandler(InternalServerError)
def _internal(exc: InternalServerError):
    return error_response(
        500,
        "internal",
        "something went wrong on our side; nothing you sent "
        "was at fault, and the error has been logged",
    )


@bp.errorhandler(HTTPException)
def _http(exc: HTTPException):
    code = {
        400: "bad_request",
        404: "not_found",
        405: "method_not_allowed",
        413: "too_large",
        415: "unsupported_media_type",
        429: "too_many_requests",
    }
    response = error_response(exc.code or 500, code.get(exc.code, "error"), exc.description or "")
    # the exception's own headers (a 405's Allow, a 429's Retry-After), not its HTML type
    for name, value in exc.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


def _no_constant(name: str):
    raise ValueError(f"{name} is not a JSON number")


def _json_body():
    """The request's JSON body, or a 400 that says what is wrong with it."""
    if request.mimetype != "application/json":
        raise ApiError(
            415,
            "unsupported_media_type",
            "send the body as JSON, with the header Content-Type: application/json",
        )
    raw = request.get_data(cache=True)
    try:
        data = json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeError as exc:
        raise ApiError(
            400,
            "bad_request",
            "the body is not valid UTF-8 text (or holds a lone surrogate escape)",
        ) from exc
    except (ValueError, RecursionError) as exc:
        raise ApiError(400, "bad_request", f"the body is not valid JSON: {exc}") from exc
    return data


def _load(token: str) -> Loaded:
    loaded = assessments.load(get_db(), token=token, cache=get_definitions())
    if loaded is None:
        raise ApiError(404, "not_found", "no assessment has this token")
    return loaded


def _body(loaded: Loaded, token: str, full: bool = False) -> dict:
    record, result = loaded.record, loaded.result
    body = {
        "id": record["id"],
        "token": token,
        "questionnaire": {
            "id": record["questionnaire_id"],
            "version": record["questionnaire_version"],
        },
        "sector": record["sector"],
        "language": record["language"],
        "organisation": {"name": record["organisation_name"], "size": record["organisation_size"]},
        "status": record["status"],
        "created_at": record["created_at"],
        "updated_at": record["updated_at"],
        "submitted_at": record["submitted_at"],
        "previous": record.get("previous_id"),
        "completeness": round(result.completeness, 3),
        "scores": scores_body(result),
        "peers": assessments.peers_body(assessments.peers_of(get_db(), record)),
        "links": {
            "self": url_for("api.get_assessment", token=token, _external=True),
            "report": url_for("api.report", token=token, _external=True),
            "resume": url_for("respondent.resume", token=token, _external=True),
        },
    }
    if full:
        body["answers"] = loaded.answers
        body |= plan_body(loaded.plan)
    return body


def _no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@bp.get("/questionnaires")
def list_questionnaires():
    library = get_library()
    return {
        "questionnaires": [
            {
                "id": q.id,
                "version": q.version,
                "title": q.title,
                "languages": list(LANGUAGES),
                "duration_minutes": q.duration_minutes,
                "sectors": [{"id": s.id, "name": s.name} for s in q.sectors],
                "domains": [{"id": d.id, "title": d.title} for d in q.domains],
            }
            for q in sorted(library.questionnaires.values(), key=lambda q: q.id)
        ]
    }


def _question_body(question) -> dict:
    body = {
        "id": question.id,
        "type": question.type,
        "text": question.text,
        "help": question.help,
        "weight": question.weight,
        "required": question.required,
        "allow_na": question.allow_na,
        "dont_know": question.dont_know,
        "critical": question.critical,
        "condition": question.condition,
    }
    if question.scored:
        body["options"] = [
            {"value": o.value, "label": o.label, "score": o.score, "descriptor": o.descriptor}
            for o in question.options
        ]
    if question.type == "number":
        body.update(min=question.min, max=question.max, unit=question.unit)
    if question.type == "text":
        body["max_length"] = question.max_length
    return body


@bp.get("/questionnaires/<questionnaire_id>")
def get_questionnaire(questionnaire_id: str):
    questionnaire = get_library().get(questionnaire_id)
    if questionnaire is None:
        raise ApiError(404, "not_found", f"no questionnaire '{questionnaire_id}'")
    sector = request.args.get("sector", questionnaire.sector_ids()[0])
    if sector not in questionnaire.sector_ids():
        raise InvalidInput(
            "unknown sector", [("sector", "use one of: " + ", ".join(questionnaire.sector_ids()))]
        )
    form = questionnaire.for_sector(sector)
    return {
        "id": form.id,
        "version": form.version,
        "sector": sector,
        "title": form.title,
        "description": form.description,
        "languages": list(LANGUAGES),
        "domains": [
            {
                "id": d.id,
                "title": d.title,
                "description": d.description,
                "weight": d.weight,
                "questions": [_question_body(q) for q in d.questions],
            }
            for d in form.domains
        ],
    }


@bp.post("/assessments")
def create_assessment():
    return _created(*assessments.create(get_db(), get_library(), _json_body()))


def _created(assessment_id: int, token: str) -> Response:
    """201 with the new assessment's body and its address."""
    loaded = assessments.load(get_db(), assessment_id=assessment_id, cache=get_definitions())
    response = jsonify(_body(loaded, token))
    response.status_code = 201
    response.headers["Location"] = url_for("api.get_assessment", token=token)
    return _no_store(response)


@bp.get("/assessments/<token>")
def get_assessment(token: str):
    return _no_store(jsonify(_body(_load(token), token, full=True)))


@bp.patch("/assessments/<token>")
def patch_assessment(token: str):
    loaded = _load(token)
    body = _json_body()
    if not isinstance(body, dict) or set(body) - {"answers"}:
        raise InvalidInput(
            'the body must be {"answers": {...}}',
            [
                (key, "unknown field")
                for key in (body if isinstance(body, dict) else ["(body)"])
                if key != "answers"
            ],
        )
    assessments.update_answers(get_db(), loaded, body.get("answers", {}))
    return _no_store(jsonify(_body(_load(token), token)))


@bp.post("/assessments/<token>/submit")
def submit_assessment(token: str):
    assessments.submit(get_db(), _load(token))
    return _no_store(jsonify(_body(_load(token), token)))


@bp.post("/assessments/<token>/reassessment")
def reassessment(token: str):
    """A re-assessment of the organisation: a new draft, prefilled, on the current version."""
    return _created(*assessments.reassess(get_db(), get_library(), _load(token)))


@bp.get("/assessments/<token>/comparison")
def comparison(token: str):
    """How a re-assessment compares with the assessment it follows."""
    found = assessments.comparison_of(get_db(), _load(token), get_definitions())
    if found is None:
        raise ApiError(404, "no_previous", "this assessment does not follow an earlier one")
    return _no_store(jsonify(comparison_body(found)))


@bp.get("/assessments/<token>/report.pdf")
def report(token: str):
    loaded = _load(token)
    lang = request.args.get("lang", loaded.record["language"])
    if lang not in LANGUAGES:
        raise InvalidInput("unknown report language", [("lang", "use one of: ar, fr, en")])
    pdf = assessments.report_pdf(get_db(), loaded, get_report_content(), lang)
    response = Response(pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="report-{loaded.record["id"]}-{lang}.pdf"'
    )
    return _no_store(response)


@bp.get("/openapi.json")
def openapi():
    return openapi_document(tuple(sorted(get_library().questionnaires)))


def init_app(app, page_error) -> None:
    """Answer in JSON for every error under /api/, including routes that do not exist; other
    paths get `page_error`'s page."""

    def handle(exc: HTTPException):
        if request.path.startswith(bp.url_prefix + "/"):
            return _http(exc)
        return page_error(exc)

    for code in (400, 404, 405, 413, 500):
        app.register_error_handler(code, handle)
