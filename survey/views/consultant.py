"""The consultant workspace: the dashboard of every assessment, the review of one, exports.

Every page needs a signed-in consultant or admin (`auth.workspace_page`); every change goes
through a form with its CSRF token and is written to the audit log with who made it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from math import ceil
from urllib.parse import urlencode

from flask import Blueprint, Response, abort, current_app, flash, redirect, request, url_for
from flask_login import current_user

from .. import assessments, exporting, peers, storage
from ..forms.workspace import (
    action_form,
    added_form,
    move_form,
    note_form,
    override_form,
    parse_filters,
)
from ..plan import trace_body
from ..questionnaire import LANGUAGES, SIZE_BANDS
from ..web import get_db, get_definitions, get_library, get_report_content
from .auth import workspace_page
from .pages import comparison_values, download, page_language, render_page, shown_answer
from .ui_text import texts

bp = Blueprint("consultant", __name__, url_prefix="/consultant")
# a row id in an address: beyond SQLite's largest integer there is no such row (404)
ID = "int(max=9223372036854775807)"
PER_PAGE = 25
HORIZONS = ("30d", "90d", "12m")
FILTER_LABELS = {  # each filter's label, to name those left out
    "sector": "field_sector",
    "questionnaire": "field_questionnaire",
    "status": "status",
    "since": "since",
    "until": "until_date",
    "low": "score_low",
    "high": "score_high_label",
    "organisation": "name_contains",
}


def _filters() -> tuple[storage.Filters, dict, list[str]]:
    library = get_library()
    sectors = {s for q in library.questionnaires.values() for s in q.sector_ids()}
    values, bad = parse_filters(request.args, sectors, library.questionnaires, storage.WORKFLOW)
    return storage.Filters(**values), values, bad


def _query(**changes) -> str:
    """The dashboard's current query string with `changes` (None removes a parameter)."""
    args = {k: v for k, v in request.args.items() if v} | changes
    return urlencode({k: v for k, v in args.items() if v is not None})


def _domain_titles(lang: str) -> dict[str, str]:
    titles = {}
    for questionnaire in get_library().questionnaires.values():
        for domain in questionnaire.domains:
            titles.setdefault(domain.id, domain.title[lang])
    return titles


@bp.get("/")
@workspace_page
def dashboard():
    lang = page_language()
    t = texts(lang)
    filters, values, bad = _filters()
    sort = request.args.get("sort") if request.args.get("sort") in storage.SORTS else "updated"
    descending = request.args.get("order") != "asc"
    try:
        page = min(max(1, int(request.args.get("page", "1"))), 10**7)
    except ValueError:
        page = 1
    rows, total = storage.dashboard(
        get_db(), filters, sort, descending, (page - 1) * PER_PAGE, PER_PAGE
    )
    pages = max(1, ceil(total / PER_PAGE))
    titles = _domain_titles(lang)
    domains = list(dict.fromkeys(d for row in rows for d in row["domains"]))
    library = get_library()
    return render_page(
        "consultant/dashboard.html",
        lang=lang,
        rows=rows,
        total=total,
        page=page,
        pages=pages,
        sort=sort,
        descending=descending,
        values=values,
        bad=[t[FILTER_LABELS[name]] for name in bad],
        domains=[(d, titles.get(d, d)) for d in domains],
        sectors=sorted({s for q in library.questionnaires.values() for s in q.sector_ids()}),
        sector_names=_sector_names(lang),
        questionnaires=sorted(library.questionnaires.values(), key=lambda q: q.id),
        statuses=list(storage.WORKFLOW),
        query=_query,
        signed_in=current_user,
        sign_out_form=action_form(),
    )


@bp.get("/benchmarks")
@workspace_page
def benchmarks():
    """Per size band of a sector and per domain: the median, the quartiles and the count."""
    lang = page_language()
    names = _sector_names(lang)
    sector = request.args.get("sector")
    if sector not in names:
        sector = min(names, default=None)
    table = peers.benchmarks(storage.sector_scores(get_db(), sector))
    titles = _domain_titles(lang)
    domains = list(dict.fromkeys(d for _, (_, spreads) in table.items() for d in spreads))
    return render_page(
        "consultant/benchmarks.html",
        lang=lang,
        sector=sector,
        sector_names=names,
        bands=[(size, table[size]) for size in SIZE_BANDS if size in table],
        domains=[(d, titles.get(d, d)) for d in domains],
        minimum=peers.MIN_PEERS,
        signed_in=current_user,
        sign_out_form=action_form(),
    )


def _sector_names(lang: str) -> dict[str, str]:
    names = {}
    for questionnaire in get_library().questionnaires.values():
        for sector in questionnaire.sectors:
            names.setdefault(sector.id, sector.name[lang])
    return names


def _loaded(assessment_id: int) -> assessments.Loaded:
    loaded = assessments.load(get_db(), assessment_id=assessment_id, cache=get_definitions())
    if loaded is None:
        abort(404, description="unknown_page")
    return loaded


def _forms(loaded: assessments.Loaded, t: dict, lang: str, formdata=None) -> dict:
    domains = [(d.id, d.title[lang]) for d in loaded.form.domains]
    targets = _note_targets(loaded, t, lang)
    moves = storage.MOVES.get(storage.workflow_status(loaded.record), ())
    horizons = [(h, t[f"horizon_{h}"]) for h in HORIZONS]
    return {
        "move": move_form(moves, t, formdata) if moves else None,
        "note": note_form(list(targets.items()), t, formdata),
        "score": override_form(domains, t, formdata),
        "added": added_form(domains, horizons, t, formdata),
        "action": action_form(formdata),
    }


def _note_targets(loaded: assessments.Loaded, t: dict, lang: str) -> dict[str, str]:
    """What a note can be about, by key: each domain and each recommendation of the plan."""
    colon = t["colon"]
    targets = {
        f"domain:{d.id}": f"{t['domain']}{colon}{d.title[lang]}" for d in loaded.form.domains
    }
    for s in loaded.selected:
        rec = s.recommendation
        targets[f"recommendation:{rec.id}"] = f"{t['action']}{colon}{rec.title[lang]}"
    return targets


def _review_page(assessment_id: int, status: int = 200, forms: dict | None = None, **notes):
    lang = page_language()
    t = texts(lang)
    loaded = _loaded(assessment_id)
    db = get_db()
    review = storage.review_of(db, assessment_id)
    trace = trace_body(loaded.result)
    questions = loaded.form.question_map()
    return render_page(
        "consultant/assessment.html",
        status,
        lang=lang,
        loaded=loaded,
        workflow=storage.workflow_status(loaded.record),
        review=review,
        trace=trace,
        questions=questions,
        answer_text=lambda q, v: shown_answer(q, v, lang),
        audit=storage.audit_entries(db, assessment_id),
        note_targets=_note_targets(loaded, t, lang),
        **comparison_values(loaded, lang),
        forms=forms or _forms(loaded, t, lang),
        sector_names=_sector_names(lang),
        languages=LANGUAGES,
        signed_in=current_user,
        sign_out_form=action_form(),
        **notes,
    )


@bp.get(f"/assessments/<{ID}:assessment_id>")
@workspace_page
def assessment(assessment_id: int):
    return _review_page(assessment_id)


def _change(assessment_id: int, form_name: str, apply) -> Response:
    """Validate one of the review's forms and apply it, or show the page with its errors."""
    lang = page_language()
    t = texts(lang)
    loaded = _loaded(assessment_id)
    forms = _forms(loaded, t, lang, request.form)
    form = forms[form_name]
    if form is None or not form.validate_on_submit():
        expired = form is not None and bool(form.csrf_token.errors)
        return _review_page(assessment_id, 400, forms, failed=form_name, expired=expired)
    try:
        apply(get_db(), loaded, form, current_user.record["id"])
    except storage.Conflict:
        return _review_page(assessment_id, 409, forms, failed=form_name, refused=True)
    flash(t["saved"])
    return redirect(url_for("consultant.assessment", assessment_id=assessment_id))


@bp.post(f"/assessments/<{ID}:assessment_id>/status")
@workspace_page
def move(assessment_id: int):
    def apply(db, loaded, form, user_id):
        message = form.message.data or "" if form.to.data == "returned" else ""
        scorer = assessments.scorer(loaded.form)  # returned: scored as a draft again
        storage.move(db, loaded.record["id"], user_id, form.to.data, message, on_change=scorer)

    return _change(assessment_id, "move", apply)


@bp.post(f"/assessments/<{ID}:assessment_id>/reassessment")
@workspace_page
def reassessment(assessment_id: int):
    """Assess the organisation again; its resume link is shown once, to pass on."""
    lang = page_language()
    t = texts(lang)
    loaded = _loaded(assessment_id)
    if not action_form().validate_on_submit():  # its CSRF token only
        return _review_page(assessment_id, 400, failed="action", expired=True)
    db = get_db()
    try:
        new_id, token = assessments.reassess(
            db, get_library(), loaded, user_id=current_user.record["id"]
        )
    except storage.Conflict:
        return _review_page(assessment_id, 409, refused=True)
    link = url_for("respondent.resume", token=token, _external=True)
    flash(t["reassessment_created"].format(link=link))
    return redirect(url_for("consultant.assessment", assessment_id=new_id))


@bp.post(f"/assessments/<{ID}:assessment_id>/notes")
@workspace_page
def note(assessment_id: int):
    def apply(db, loaded, form, user_id):
        storage.set_note(db, loaded.record["id"], user_id, form.target.data, form.text.data or "")

    return _change(assessment_id, "note", apply)


@bp.post(f"/assessments/<{ID}:assessment_id>/scores")
@workspace_page
def score(assessment_id: int):
    def apply(db, loaded, form, user_id):
        storage.set_override(
            db,
            loaded.record["id"],
            user_id,
            form.domain.data,
            form.score.data,
            (form.justification.data or "").strip() if form.score.data is not None else "",
        )

    return _change(assessment_id, "score", apply)


@bp.post(f"/assessments/<{ID}:assessment_id>/recommendations")
@workspace_page
def add_recommendation(assessment_id: int):
    def apply(db, loaded, form, user_id):
        storage.add_recommendation(
            db,
            loaded.record["id"],
            user_id,
            form.domain.data,
            form.title.data.strip(),
            (form.text.data or "").strip(),
            form.horizon.data,
        )

    return _change(assessment_id, "added", apply)


@bp.post(f"/assessments/<{ID}:assessment_id>/recommendations/<{ID}:added_id>/remove")
@workspace_page
def remove_recommendation(assessment_id: int, added_id: int):
    def apply(db, loaded, form, user_id):
        storage.remove_recommendation(db, loaded.record["id"], user_id, added_id)

    return _change(assessment_id, "action", apply)


@bp.get(f"/assessments/<{ID}:assessment_id>/report.pdf")
@workspace_page
def report(assessment_id: int):
    lang = request.args.get("lang")
    loaded = _loaded(assessment_id)
    lang = lang if lang in LANGUAGES else loaded.record["language"]
    review = assessments.report_review(get_db(), assessment_id)
    pdf = assessments.report_pdf(get_db(), loaded, get_report_content(), lang, review)
    return download(pdf, "application/pdf", f"assessment-{assessment_id}-{lang}.pdf")


@bp.get("/export/<any(assessments, answers):what>.<any(csv, xlsx):fmt>")
@workspace_page
def export(what: str, fmt: str):
    filters, values, _ = _filters()
    storage.audit(
        get_db(),
        current_user.record["id"],
        "export",
        f"{what}.{fmt}",
        {k: str(v) for k, v in values.items() if v is not None},
    )
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M")
    library, config = get_library(), current_app.config
    if fmt == "csv":

        def chunks():  # its own connection: the request's is closed before the stream ends
            db = storage.connect(config["DATABASE"], config["SQLITE_SYNCHRONOUS"])
            try:
                yield from exporting.csv_chunks(
                    *assessments.export_rows(db, library, what, filters)
                )
            finally:
                db.close()

        return download(chunks(), "text/csv; charset=utf-8", f"{what}-{stamp}.csv")
    header, rows = assessments.export_rows(get_db(), library, what, filters)
    data = exporting.xlsx_bytes([(what, header, rows)])
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return download(data, xlsx, f"{what}-{stamp}.xlsx")
