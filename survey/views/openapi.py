"""The OpenAPI 3.1 description of the JSON API v1."""

from __future__ import annotations

from functools import cache

from ..assessments import MAX_NAME_LENGTH
from ..questionnaire.spec import ID_PATTERN, LANGUAGES, SECTORS, SIZE_BANDS

_TEXT = {
    "type": "object",
    "required": list(LANGUAGES),
    "properties": {lang: {"type": "string"} for lang in LANGUAGES},
}
_ANSWER = {
    "description": 'An option value; a list of option values (multi_choice); "na"; '
    '"dont_know"; a number; a text; null (in PATCH) removes the answer.',
    "anyOf": [
        {"type": "string"},
        {"type": "number"},
        {"type": "null"},
        {"type": "array", "items": {"type": "string"}},
    ],
}
# a character other than a space, a control character or a bidi override (which are not stored)
_VISIBLE = "[^\\s\\x00-\\x1f\\x7f\\x85\\u202a-\\u202e\\u2066-\\u2069]"
_SCORE = {"type": ["number", "null"], "minimum": 0, "maximum": 100}
_LEVEL = {"type": ["integer", "null"], "minimum": 1, "maximum": 5}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*codes: int) -> dict:
    text = {
        415: "The body is not application/json",
        503: "Busy: nothing was saved; retry",
        400: "Malformed JSON",
        404: "Unknown token or id",
        409: "Already submitted",
        413: "Body too large",
        422: "Invalid input, with details per field",
        429: "Too many unknown tokens from this address: refused for a while (Retry-After)",
    }
    return {str(code): _json(_ref("Error"), text[code]) for code in codes}


_TOKEN = {
    "name": "token",
    "in": "path",
    "required": True,
    "schema": {"type": "string"},
    "description": "The assessment's secret token (also its resume key).",
}


@cache
def openapi_document(questionnaires: tuple[str, ...]) -> dict:
    """The document served at /api/v1/openapi.json, for a library with these questionnaires."""
    schemas = {
        "Text": _TEXT,
        "Error": {
            "type": "object",
            "required": ["error"],
            "properties": {
                "error": {
                    "type": "object",
                    "required": ["code", "message", "details"],
                    "properties": {
                        "code": {"type": "string"},
                        "message": {"type": "string"},
                        "details": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["field", "message"],
                                "properties": {
                                    "field": {"type": "string"},
                                    "message": {"type": "string"},
                                },
                            },
                        },
                    },
                }
            },
        },
        "Answers": {
            "type": "object",
            "description": "By question id; which ids and values are valid depends on the "
            "questionnaire and sector (GET /questionnaires/{id}?sector=...).",
            "propertyNames": {"pattern": ID_PATTERN, "maxLength": 64},
            "additionalProperties": _ANSWER,
        },
        "NewAssessment": {
            "type": "object",
            "required": ["questionnaire", "sector", "language", "organisation"],
            "additionalProperties": False,
            "properties": {
                "questionnaire": {"enum": list(questionnaires)},
                "sector": {"enum": list(SECTORS)},
                "language": {"enum": list(LANGUAGES)},
                "organisation": {
                    "type": "object",
                    "required": ["name", "size"],
                    "additionalProperties": False,
                    "properties": {
                        "name": {
                            "type": "string",
                            "description": "Stored without control characters and bidi "
                            "overrides; at least one other character that is not a space.",
                            "minLength": 1,
                            "maxLength": MAX_NAME_LENGTH,
                            "pattern": _VISIBLE,
                        },
                        "size": {"enum": list(SIZE_BANDS)},
                    },
                },
                "answers": _ref("Answers"),
            },
        },
        "Comparison": {
            "type": "object",
            "required": ["overall", "domains", "questions", "actions"],
            "properties": {
                "overall": _ref("Change"),
                "domains": {"type": "object", "additionalProperties": _ref("Change")},
                "questions": {
                    "type": "object",
                    "properties": {
                        "improved": {"type": "array", "items": {"type": "string"}},
                        "regressed": {"type": "array", "items": {"type": "string"}},
                    },
                },
                "actions": {
                    "type": "object",
                    "properties": {
                        key: {"type": "array", "items": {"type": "string"}}
                        for key in ("closed", "still_open", "new")
                    },
                },
            },
        },
        "Change": {
            "type": "object",
            "required": ["before", "after", "delta"],
            "properties": {
                "before": _SCORE,
                "after": _SCORE,
                "delta": {"type": ["number", "null"], "minimum": -100, "maximum": 100},
            },
        },
        "Assessment": {
            "type": "object",
            "required": ["id", "token", "status", "completeness", "scores", "links"],
            "properties": {
                "id": {"type": "integer"},
                "token": {"type": "string"},
                "status": {"enum": ["draft", "submitted"]},
                "questionnaire": {
                    "type": "object",
                    "properties": {"id": {"type": "string"}, "version": {"type": "integer"}},
                },
                "sector": {"type": "string"},
                "language": {"type": "string"},
                "organisation": {"type": "object"},
                "completeness": {"type": "number", "minimum": 0, "maximum": 1},
                "previous": {
                    "type": ["integer", "null"],
                    "description": "The id of the assessment this one re-assesses, if any.",
                },
                "scores": {
                    "type": "object",
                    "required": ["overall", "level", "domains"],
                    "properties": {
                        "overall": _SCORE,
                        "level": _LEVEL,
                        "domains": {
                            "type": "object",
                            "additionalProperties": {
                                "type": "object",
                                "properties": {"score": _SCORE, "level": _LEVEL},
                            },
                        },
                    },
                },
                "peers": {
                    "description": "The peer group (other organisations of the same sector and "
                    "size band, the latest submitted assessment of each): the median of each "
                    "domain. Null when the group has fewer than 5 members.",
                    "type": ["object", "null"],
                    "required": ["sector", "size", "count", "medians"],
                    "properties": {
                        "sector": {"type": "string"},
                        "size": {"enum": list(SIZE_BANDS)},
                        "count": {"type": "integer", "minimum": 5},
                        "medians": {"type": "object", "additionalProperties": _SCORE},
                    },
                },
                "links": {
                    "type": "object",
                    "required": ["self", "report", "resume"],
                    "properties": {
                        k: {"type": "string", "format": "uri"} for k in ("self", "report", "resume")
                    },
                },
                "answers": _ref("Answers"),
                "trace": {
                    "type": "object",
                    "description": "How each domain's score is made: the questions counted, "
                    "whose contributions add up to the score, and those left out, with why.",
                    "additionalProperties": {
                        "type": "object",
                        "required": ["score", "level", "capped", "weight", "counted", "excluded"],
                        "properties": {
                            "score": _SCORE,
                            "level": _LEVEL,
                            "capped": {"type": "boolean"},
                            "weight": {"type": "number"},
                            "counted": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "required": ["question", "points", "weight", "contribution"],
                                    "properties": {
                                        "question": {"type": "string"},
                                        "answer": {},
                                        "status": {"enum": ["answered", "dont_know", "unanswered"]},
                                        "points": {"type": "number", "minimum": 0, "maximum": 1},
                                        "weight": {"type": "number"},
                                        "critical": {"type": "boolean"},
                                        "contribution": {"type": "number"},
                                    },
                                },
                            },
                            "excluded": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "required": ["question", "reason"],
                                    "properties": {
                                        "question": {"type": "string"},
                                        "answer": {},
                                        "reason": {
                                            "enum": [
                                                "na",
                                                "unanswered",
                                                "hidden",
                                                "other_sector",
                                                "not_scored",
                                            ]
                                        },
                                    },
                                },
                            },
                        },
                    },
                },
                "recommendations": {
                    "type": "array",
                    "description": "In action-plan order: the highest priority first.",
                    "items": {
                        "type": "object",
                        "required": ["id", "domain", "priority", "horizon", "effort", "title"],
                        "properties": {
                            "id": {"type": "string"},
                            "domain": {"type": "string"},
                            "question": {"type": ["string", "null"]},
                            "priority": {"type": "number"},
                            "gap": {"type": "number"},
                            "horizon": {"enum": ["30d", "90d", "12m"]},
                            "effort": {"enum": ["low", "medium", "high"]},
                            "title": _ref("Text"),
                            "refs": {"type": "array", "items": {"type": "string"}},
                        },
                    },
                },
                "action_plan": {
                    "type": "object",
                    "required": ["priority_actions", "by_horizon"],
                    "properties": {
                        "priority_actions": {
                            "type": "array",
                            "description": "The first actions of the plan, with why and how.",
                            "items": {
                                "type": "object",
                                "required": ["id", "title", "why", "how"],
                                "properties": {
                                    "id": {"type": "string"},
                                    "title": _ref("Text"),
                                    "why": _ref("Text"),
                                    "how": _ref("Text"),
                                },
                            },
                        },
                        "by_horizon": {
                            "type": "object",
                            "properties": {
                                h: {"type": "array", "items": {"type": "string"}}
                                for h in ("30d", "90d", "12m")
                            },
                        },
                    },
                },
                "projected": {
                    "type": "array",
                    "description": "The scores if the first N actions of the plan were done.",
                    "items": {
                        "type": "object",
                        "required": ["actions", "overall", "level", "domains"],
                        "properties": {
                            "actions": {"type": "integer"},
                            "overall": _SCORE,
                            "level": _LEVEL,
                            "domains": {"type": "object"},
                        },
                    },
                },
            },
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Readiness assessment API",
            "version": "1",
            "description": "Questionnaires, assessments, scores and reports. Errors share "
            'one shape: {"error": {"code", "message", "details"}}.',
        },
        "servers": [{"url": "/api/v1"}],
        "paths": {
            "/questionnaires": {
                "get": {
                    "summary": "List the questionnaires",
                    "operationId": "listQuestionnaires",
                    "responses": {"200": _json({"type": "object"}, "The questionnaires")},
                }
            },
            "/questionnaires/{id}": {
                "get": {
                    "summary": "A questionnaire resolved for a sector",
                    "operationId": "getQuestionnaire",
                    "parameters": [
                        {
                            "name": "id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                        },
                        {
                            "name": "sector",
                            "in": "query",
                            "schema": {"enum": list(SECTORS), "default": "general"},
                        },
                    ],
                    "responses": {
                        "200": _json({"type": "object"}, "Domains and questions"),
                        **_errors(404, 422),
                    },
                }
            },
            "/assessments": {
                "post": {
                    "summary": "Start an assessment (answers may be empty or partial)",
                    "operationId": "createAssessment",
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref("NewAssessment")}},
                    },
                    "responses": {
                        "201": _json(_ref("Assessment"), "Created"),
                        **_errors(400, 413, 415, 422, 503),
                    },
                }
            },
            "/assessments/{token}": {
                "parameters": [_TOKEN],
                "get": {
                    "summary": "An assessment with its answers and recommendations",
                    "operationId": "getAssessment",
                    "responses": {
                        "200": _json(_ref("Assessment"), "The assessment"),
                        **_errors(404, 429),
                    },
                },
                "patch": {
                    "summary": "Merge answers into a draft",
                    "operationId": "patchAssessment",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "additionalProperties": False,
                                    "properties": {"answers": _ref("Answers")},
                                }
                            }
                        },
                    },
                    "responses": {
                        "200": _json(_ref("Assessment"), "Updated"),
                        **_errors(400, 404, 409, 413, 415, 422, 429, 503),
                    },
                },
            },
            "/assessments/{token}/submit": {
                "post": {
                    "summary": "Submit (idempotent)",
                    "operationId": "submitAssessment",
                    "parameters": [_TOKEN],
                    "responses": {
                        "200": _json(_ref("Assessment"), "Submitted"),
                        **_errors(404, 429, 503),
                    },
                }
            },
            "/assessments/{token}/reassessment": {
                "post": {
                    "summary": "Assess the organisation again: a new draft on the current "
                    "version, prefilled with the answers it still accepts",
                    "operationId": "reassess",
                    "parameters": [_TOKEN],
                    "responses": {
                        "201": _json(_ref("Assessment"), "Created"),
                        **_errors(404, 409, 429, 503),
                    },
                }
            },
            "/assessments/{token}/comparison": {
                "get": {
                    "summary": "A re-assessment against the assessment it follows",
                    "operationId": "getComparison",
                    "parameters": [_TOKEN],
                    "responses": {
                        "200": _json(_ref("Comparison"), "Compared"),
                        **_errors(404, 429),
                    },
                }
            },
            "/assessments/{token}/report.pdf": {
                "get": {
                    "summary": "The PDF report",
                    "operationId": "getReport",
                    "parameters": [
                        _TOKEN,
                        {"name": "lang", "in": "query", "schema": {"enum": list(LANGUAGES)}},
                    ],
                    "responses": {
                        "200": {"description": "The report", "content": {"application/pdf": {}}},
                        **_errors(404, 422, 429),
                    },
                }
            },
        },
        "components": {"schemas": schemas},
    }
