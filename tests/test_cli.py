"""The command line: questionnaires check and schema, init-db, report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import GENERAL, TEXT, write_library

from survey.cli import check_command, schema_command, stats_command

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = f"""\
kind: domain
id: cyber
title: {TEXT}
questions:
  - id: mfa
    type: yes_partial_no
    text: {TEXT}
"""
QUESTIONNAIRE = f"""\
kind: questionnaire
id: mini
version: 1
title: {TEXT}
sectors: [general]
domains: [cyber]
"""


def _library(folder: Path, **changes) -> Path:
    files = {"cyber.yaml": DOMAIN, "general.yaml": GENERAL, "mini.yaml": QUESTIONNAIRE}
    files.update(changes)
    return write_library(folder, files)


def _flask_check(instance, library, cwd) -> subprocess.CompletedProcess:
    """`flask --app survey questionnaires check` in a child process, as a user runs it."""
    env = {
        **os.environ,
        "SURVEY_INSTANCE_PATH": str(instance),
        "SURVEY_QUESTIONNAIRES_PATH": str(library),
    }
    command = [sys.executable, "-m", "flask", "--app", "survey", "questionnaires", "check"]
    return subprocess.run(command, env=env, capture_output=True, text=True, cwd=cwd)


def test_check_good_library(runner, tmp_path):
    result = runner.invoke(check_command, [str(_library(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "3 file(s), 1 questionnaire(s) (mini), 1 question(s)" in result.output


def test_check_broken_library_prints_located_lines(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _library(tmp_path / "lib", **{"cyber.yaml": DOMAIN.replace("yes_partial_no", "yesno")})
    result = runner.invoke(check_command, ["lib"])
    assert result.exit_code == 1
    assert result.output.strip() == (
        "lib/cyber.yaml:6: questions[0].type: 'yesno' is not allowed; use one of: single_choice, "
        "multi_choice, scale, yes_partial_no, number, text [unknown-value]"
    )


def test_check_warns_when_a_pinned_version_changed(runner, app, tmp_path):
    lib = _library(tmp_path / "lib")
    app.config["QUESTIONNAIRES_PATH"] = str(lib)
    from survey import create_app

    pinned = create_app({"QUESTIONNAIRES_PATH": str(lib)})
    client = pinned.test_client()
    body = {
        "questionnaire": "mini",
        "sector": "general",
        "language": "fr",
        "organisation": {"name": "A", "size": "1-9"},
    }
    assert client.post("/api/v1/assessments", json=body).status_code == 201
    _library(tmp_path / "lib", **{"cyber.yaml": DOMAIN + "    weight: 2\n"})
    done = _flask_check(pinned.instance_path, lib, tmp_path)
    assert done.returncode == 0, done.stderr
    assert (
        "mini.yaml:3: version: warning: the content of 'mini' version 1 changed while 1 "
        "assessment(s) pin the earlier content; raise the version to 2" in done.stderr
    )


def test_schema_is_json(runner):
    result = runner.invoke(schema_command)
    schema = json.loads(result.output)
    assert schema["$schema"].endswith("2020-12/schema") and len(schema["oneOf"]) == 3


def test_init_db(runner, app):
    result = runner.invoke(args=["init-db"])
    assert result.exit_code == 0 and "Database ready" in result.output


def test_report_by_id_and_token(runner, app, client, tmp_path):
    questionnaire = next(iter(app.extensions["survey.library"].questionnaires.values()))
    body = {
        "questionnaire": questionnaire.id,
        "sector": "general",
        "language": "fr",
        "organisation": {"name": "Atlas", "size": "10-49"},
    }
    created = client.post("/api/v1/assessments", json=body).json
    out = tmp_path / "r.pdf"
    for key, lang in ((str(created["id"]), "en"), (created["token"], "ar")):
        result = runner.invoke(args=["report", key, "--lang", lang, "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert out.read_bytes().startswith(b"%PDF")
        assert f"report of assessment {created['id']} in {lang}" in result.output
    for odd in ("nope", "99999999999999999999999", "²", "١"):
        result = runner.invoke(args=["report", odd, "-o", str(out)])
        assert result.exit_code == 1, (odd, result.exception)
        assert f"no assessment has the id or token '{odd}'" in result.output


def test_flask_cli_check_runs_without_a_working_app(tmp_path):
    """`questionnaires check` must work precisely when the app refuses to start."""
    lib = _library(
        tmp_path / "lib", **{"mini.yaml": QUESTIONNAIRE.replace("version: 1", "version: 0")}
    )
    done = _flask_check(tmp_path / "inst", lib, tmp_path)
    assert done.returncode == 1
    assert done.stderr.strip() == "lib/mini.yaml:3: version: 0 is below 1 [range]"


def test_stats_per_questionnaire_and_sector(runner, tmp_path):
    lib = _library(tmp_path / "lib")
    text = runner.invoke(stats_command, [str(lib)])
    assert text.exit_code == 0, text.output
    assert text.output.strip() == (
        "mini v1 / general: 1 questions (cyber 1); 1 scored, 1 without a recommendation; "
        "0 recommendations; 0 references; languages complete"
    )
    rows = json.loads(runner.invoke(stats_command, [str(lib), "--json"]).output)
    assert rows == [
        {
            "questionnaire": "mini",
            "version": 1,
            "sector": "general",
            "domains": {"cyber": 1},
            "questions": 1,
            "scored": 1,
            "scored_without_recommendation": ["mfa"],
            "recommendations": 0,
            "references": 0,
            "languages_complete": True,
        }
    ]
    broken = _library(tmp_path / "bad", **{"cyber.yaml": DOMAIN.replace("mfa", "MFA")})
    failed = runner.invoke(stats_command, [str(broken)])
    assert failed.exit_code == 1 and "cyber.yaml" in failed.output
