"""The PDF report, read back as a user would: with pdftotext, pdffonts and pdftoppm."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from conftest import GENERAL, TEXT, recommendation, write_library

from survey import create_app

HOSTILE = 'Atlas <img src="/etc/hostname"/> & <a href="javascript:alert(1)">x</a> 0.1 <A <0.9'
DOMAIN = f"""\
kind: domain
id: continuity
title: {{ar: استمرارية الأعمال, fr: Continuité d'activité, en: Business continuity}}
questions:
  - id: backup_tested
    type: yes_partial_no
    critical: true
    text: {TEXT}
    recommendations:
      - {recommendation("rec_test_restore", refs="[ISO22301:8.5, CSF:RC.RP-03]")}
  - id: plan
    type: yes_partial_no
    allow_na: true
    text: {TEXT}
"""
NAMED = DOMAIN.replace(
    "title: {ar: نص, fr: Texte, en: Text}, why",
    "title: {ar: اختبروا الاسترجاع, fr: Testez la restauration des sauvegardes, "
    "en: Test restoring your backups}, why",
)
QUESTIONNAIRE = """\
kind: questionnaire
id: pdfq
version: 2
title: {ar: استبيان, fr: Questionnaire de test, en: Test questionnaire}
sectors: [general]
domains: [continuity]
"""


def _tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} is needed for PDF checks: apt-get install poppler-utils"
    return path


@pytest.fixture
def report_client(tmp_path, monkeypatch):
    monkeypatch.setenv("SURVEY_INSTANCE_PATH", str(tmp_path / "inst"))
    lib = write_library(
        tmp_path / "lib",
        {"continuity.yaml": NAMED, "general.yaml": GENERAL, "pdfq.yaml": QUESTIONNAIRE},
    )
    return create_app({"TESTING": True, "QUESTIONNAIRES_PATH": str(lib)}).test_client()


def _report(client, tmp_path, lang: str, name: str = HOSTILE):
    body = {
        "questionnaire": "pdfq",
        "sector": "general",
        "language": "fr",
        "organisation": {"name": name, "size": "10-49"},
        "answers": {"backup_tested": "no", "plan": "yes"},
    }
    token = client.post("/api/v1/assessments", json=body).json["token"]
    response = client.get(f"/api/v1/assessments/{token}/report.pdf?lang={lang}")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "no-store"
    assert "attachment" in response.headers["Content-Disposition"]
    path = tmp_path / f"report-{lang}.pdf"
    path.write_bytes(response.data)
    return path, token


def _text(path) -> str:
    return subprocess.run(
        [_tool("pdftotext"), "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "fr",
            [
                "Rapport d'évaluation de la maturité",
                "Continuité d'activité",
                "Testez la restauration des sauvegardes",
                "ISO 22301:2019 8.5",
                "NIST CSF 2.0 RC.RP-03",
                "Action rapide (30 jours)",
                "50 / 100",
                "Niveau 2 : En développement",
                "Niveau plafonné par un contrôle critique",
                "Synthèse",
                "Les cinq actions prioritaires",
                "Constats",
                "Contrôle critique",
                "Plan d'action",
                "Scores attendus",
                "Après les 5 premières actions",
                "Annexe A : Méthodologie de l'évaluation",
                "Annexe B : Correspondance avec les référentiels",
                "Auto-évaluation",
                "Page 1 sur 7",
            ],
        ),
        (
            "en",
            [
                "Readiness assessment report",
                "Business continuity",
                "Test restoring your backups",
                "Quick win (30 days)",
                "50 / 100",
                "Executive summary",
                "Findings",
                "Action plan",
                "Projected scores",
                "Annex A: Assessment methodology",
                "Annex B: Mapping to reference frameworks",
                "Page 1 of 7",
            ],
        ),
    ],
)
def test_report_text_reads_back(report_client, tmp_path, lang, expected):
    assert "Test restoring your backups" in NAMED
    path, _ = _report(report_client, tmp_path, lang)
    text = re.sub(r"\s+", " ", _text(path))
    for phrase in expected:
        assert phrase in text, phrase


def test_user_text_is_shown_never_interpreted(report_client, tmp_path):
    path, _ = _report(report_client, tmp_path, "fr")
    assert HOSTILE in re.sub(r"[ \t]+", " ", _text(path))
    raw = path.read_bytes()
    # no link, script, launch or image was made from it (names in object dictionaries, which are
    # never compressed, rather than bytes that a compressed stream may hold by chance)
    for action in (b"/Annots", b"/S /URI", b"/S /JavaScript", b"/S /Launch", b"/Subtype /Image"):
        assert action not in raw, action


@pytest.mark.parametrize("lang", ["fr", "en", "ar"])
def test_every_font_is_embedded(report_client, tmp_path, lang):
    path, _ = _report(report_client, tmp_path, lang)
    listing = subprocess.run(
        [_tool("pdffonts"), str(path)], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    assert listing, "no fonts listed"
    for row in listing:
        assert row.split()[-5] == "yes", row  # the 'emb' column


@pytest.mark.parametrize("lang", ["fr", "en", "ar"])
def test_same_assessment_gives_identical_bytes(report_client, tmp_path, lang):
    path, token = _report(report_client, tmp_path, lang)
    again = report_client.get(f"/api/v1/assessments/{token}/report.pdf?lang={lang}").data
    assert again == path.read_bytes()


@pytest.mark.parametrize("lang", ["fr", "en", "ar"])
def test_report_renders_to_an_image(report_client, tmp_path, lang):
    path, _ = _report(report_client, tmp_path, lang)
    subprocess.run(
        [
            _tool("pdftoppm"),
            "-r",
            "40",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            str(path),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    png = next(tmp_path.glob("page*.png"))
    assert png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 5000


def test_a_long_organisation_name_does_not_overrun_the_header(report_client, tmp_path):
    name = "Société Marocaine de Courtage, d'Assurances et de Réassurance du Grand Casablanca"
    path, _ = _report(report_client, tmp_path, "fr", name=name)
    header = _text(path).splitlines()[0]
    assert "…" in header and "Rapport d'évaluation de la maturité" in header
    assert name in re.sub(r"\s+", " ", _text(path))  # the cover still shows it whole
