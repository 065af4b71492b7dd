"""The respondent's pages: landing, resume by token, the assessment's status and report."""

from __future__ import annotations

from flask import Blueprint, Response, abort, redirect, render_template, request, session, url_for

from .. import assessments
from ..questionnaire import LANGUAGES
from ..scoring import level_name
from ..web import get_db, get_library, get_report_content
from .ui_text import UI

bp = Blueprint("respondent", __name__)


def _lang(default: str = "fr") -> str:
    lang = request.args.get("lang") or session.get("lang") or default
    return lang if lang in LANGUAGES else "fr"


def _render(template: str, lang: str, **values) -> str:
    return render_template(
        template,
        lang=lang,
        dir="rtl" if lang == "ar" else "ltr",
        t={k: v[lang] for k, v in UI.items()},
        languages=LANGUAGES,
        level_name=level_name,
        **values,
    )


@bp.get("/")
def index():
    lang = _lang()
    questionnaires = sorted(get_library().questionnaires.values(), key=lambda q: q.id)
    return _render("index.html", lang, questionnaires=questionnaires)


@bp.get("/resume/<token>")
def resume(token: str):
    """Exchange the resume token for a session, then leave the token out of the address bar."""
    loaded = assessments.load(get_db(), token=token)
    if loaded is None:
        abort(404)
    session.clear()
    session["assessment_id"] = loaded.record["id"]
    session["lang"] = loaded.record["language"]
    return redirect(url_for("respondent.assessment"), code=303)


def _current() -> assessments.Loaded:
    assessment_id = session.get("assessment_id")
    loaded = assessments.load(get_db(), assessment_id=assessment_id) if assessment_id else None
    if loaded is None:
        abort(404)
    return loaded


@bp.get("/assessment")
def assessment():
    loaded = _current()
    lang = _lang(loaded.record["language"])
    response = Response(_render("assessment.html", lang, loaded=loaded))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/assessment/report.pdf")
def report():
    loaded = _current()
    lang = request.args.get("lang", "fr")
    if lang not in LANGUAGES:
        abort(404)
    pdf = assessments.report_pdf(loaded, get_report_content(), lang)
    response = Response(pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="report-{loaded.record["id"]}-{lang}.pdf"'
    )
    response.headers["Cache-Control"] = "no-store"
    return response
