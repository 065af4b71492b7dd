"""The methodology text follows the code's parameters; `rescore` moves assessments on."""

from __future__ import annotations

from conftest import GENERAL, TEXT, write_library
from test_cli import DOMAIN as CLI_DOMAIN

from survey import create_app, methodology, scoring
from survey.methodology import methodology_text
from survey.paths import shipped_folder
from survey.storage import rescores_of

LANGS = ("ar", "fr", "en")


def test_the_shipped_methodology_is_what_the_code_writes():
    """Run `flask --app survey methodology` after changing a scoring parameter."""
    for lang in LANGS:
        shipped = (shipped_folder("reports") / f"methodology.{lang}.md").read_text("utf-8")
        assert shipped == methodology_text(lang), f"methodology.{lang}.md is out of date"


def test_the_text_quotes_the_parameters(monkeypatch):
    before = methodology_text("en")
    for quoted in ("from 60 to below 80", "less than 50%", "level 2 (Developing)", "high 4"):
        assert quoted in before
    monkeypatch.setattr(methodology, "CRITICAL_THRESHOLD", 0.4)
    monkeypatch.setattr(methodology, "LEVELS", ((0, scoring.LEVELS[0][1]), *scoring.LEVELS[1:]))
    assert "less than 40%" in methodology_text("en")
    assert "« Oui » 1, « En partie » 0,5" in methodology_text("fr").replace("\u202f", " ")
    assert "ومتوسط 2، وكبير 4" in methodology_text("ar")


def test_the_command_writes_and_checks_the_files(runner, tmp_path):
    folder = tmp_path / "reports"
    written = runner.invoke(args=["methodology", "--output", str(folder)])
    assert written.exit_code == 0 and written.output.count("written") == 3
    assert (folder / "methodology.ar.md").read_text("utf-8") == methodology_text("ar")
    assert runner.invoke(args=["methodology", "--output", str(folder), "--check"]).exit_code == 0
    (folder / "methodology.fr.md").write_text("old", "utf-8")
    stale = runner.invoke(args=["methodology", "--output", str(folder), "--check"])
    assert stale.exit_code == 1 and "methodology.fr.md" in stale.output


DOMAIN = (
    CLI_DOMAIN
    + f"""\
  - id: backup
    type: single_choice
    text: {TEXT}
    options:
      - {{value: never, score: 0, label: {TEXT}}}
      - {{value: weekly, score: 0.5, label: {TEXT}}}
      - {{value: daily, score: 1, label: {TEXT}}}
"""
)
QUESTIONNAIRE = f"""\
kind: questionnaire
id: mini
version: VERSION
title: {TEXT}
sectors: [general]
domains: [cyber]
"""


def _library(folder, version: int, domain: str = DOMAIN):
    files = {
        "cyber.yaml": domain,
        "general.yaml": GENERAL,
        "mini.yaml": QUESTIONNAIRE.replace("VERSION", str(version)),
    }
    return write_library(folder, files)


def test_rescore_moves_assessments_to_the_new_version_and_keeps_the_old_scores(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("SURVEY_INSTANCE_PATH", str(tmp_path / "instance"))
    first = create_app({"QUESTIONNAIRES_PATH": str(_library(tmp_path / "v1", 1))})
    body = {
        "questionnaire": "mini",
        "sector": "general",
        "language": "fr",
        "organisation": {"name": "Atlas", "size": "1-9"},
        "answers": {"mfa": "yes", "backup": "weekly"},
    }
    created = first.test_client().post("/api/v1/assessments", json=body).get_json()
    assert created["scores"]["overall"] == 75.0  # (1 + 0.5) / 2
    # version 2: "weekly" is no longer an option, and MFA weighs twice as much
    changed = DOMAIN.replace(
        "    type: yes_partial_no\n", "    type: yes_partial_no\n    weight: 2\n"
    )
    changed = changed.replace("      - {value: weekly, score: 0.5, label: " + TEXT + "}\n", "")
    second = create_app({"QUESTIONNAIRES_PATH": str(_library(tmp_path / "v2", 2, changed))})
    client = second.test_client()
    token = created["token"]
    assert client.get(f"/api/v1/assessments/{token}").get_json()["scores"]["overall"] == 75.0
    runner = second.test_cli_runner()
    result = runner.invoke(args=["rescore", "--questionnaire", "mini"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == (
        f"assessment {created['id']} (Atlas): mini version 1 -> 2: overall 75 -> 66.7; "
        "cyber 75 -> 66.7; answers no longer accepted: backup"
    )
    after = client.get(f"/api/v1/assessments/{token}").get_json()
    assert after["questionnaire"]["version"] == 2 and after["scores"]["overall"] == 66.7
    assert after["answers"] == {"mfa": "yes", "backup": "weekly"}  # kept as they were
    with second.app_context():
        from survey.web import get_db

        kept = rescores_of(get_db(), created["id"])
    assert [(k["previous_version"], k["previous_scores"]["overall"]) for k in kept] == [(1, 75.0)]
    again = runner.invoke(args=["rescore"])
    assert "already uses the current version" in again.output
    unknown = runner.invoke(args=["rescore", "--questionnaire", "nope"])
    assert unknown.exit_code == 1 and "no questionnaire 'nope'; use one of: mini" in unknown.output
