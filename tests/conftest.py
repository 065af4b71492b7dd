"""Shared fixtures: an app on a temporary instance, a client, a CLI runner, inline libraries."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from survey import create_app

ROOT = Path(__file__).resolve().parent.parent
TEXT = "{ar: نص, fr: Texte, en: Text}"

GENERAL = """
kind: sector
id: general
name: {ar: عام, fr: Général, en: General}
"""


def new_assessment(client, name: str = "Atlas", answers: dict | None = None, **fields) -> str:
    """The token of a `readiness` assessment made through the API (an insurer of 10-49 people,
    in French, unless `fields` say otherwise)."""
    body = {
        "questionnaire": "readiness",
        "sector": "insurance",
        "language": "fr",
        "organisation": {"name": name, "size": "10-49"},
        "answers": answers or {},
    } | fields
    response = client.post("/api/v1/assessments", json=body)
    assert response.status_code == 201, response.json
    return response.json["token"]


def write_library(folder: Path, files: dict[str, str]) -> Path:
    """Write `files` (relative name -> YAML text) below `folder`; return the folder."""
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), "utf-8")
    return folder


def recommendation(rec_id: str, trigger: str = "on: [no, partial, dont_know]", **extra) -> str:
    """A recommendation in flow style, for inline test libraries."""
    fields = dict(weight=3, effort="low", horizon="30d")
    fields.update(extra)
    body = ", ".join(f"{k}: {v}" for k, v in fields.items())
    return f"{{id: {rec_id}, {trigger}, {body}, title: {TEXT}, why: {TEXT}, how: {TEXT}}}"


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("SURVEY_INSTANCE_PATH", str(tmp_path / "instance"))
    return create_app({"TESTING": True})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()
