"""The respondent's pages: start, one page per domain, resume, review, submit, results, report.

Every page works without JavaScript. Each page of answers is saved as soon as it is posted
(Post/Redirect/Get); the assessment is known from the session, which a resume link opens in any
browser; the language comes from `?lang=`, then the choice made earlier, then the browser's.

The optional script (`static/survey.js`) adds three things to a domain page. It saves the page in
the background through the same form post, asking for JSON (`Accept: application/json`): the
answer is then `{"seen", "saved_at"}`, or an error `{"error": {"code", "message", "details"}}`
with status 400, 409, 422 or 503, instead of a page. It warns before leaving a page with changes
not saved. And it shows or hides, as answers change, the questions whose condition reads an
answer on the same page: the page holds them (hidden while their condition is false), with their
condition in `data-condition`; the server still decides, on each post, which of them count.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from functools import partial

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    jsonify,
    redirect,
    request,
    session,
    url_for,
)
from werkzeug.exceptions import HTTPException

from .. import assessments, storage
from ..forms import page_answers, page_data, page_form, seen_answers, start_form, start_payload
from ..forms import submit_form as make_submit_form
from ..plan import trace_body
from ..questionnaire import LANGUAGES
from ..questionnaire.answers import visible_questions
from ..questionnaire.model import condition_reads
from ..web import get_db, get_definitions, get_library, get_report_content
from .pages import comparison_values, page_language, render_page, shown_answer
from .ui_text import UI, texts

bp = Blueprint("respondent", __name__)
REVIEW = "review"


_lang = page_language


def _page(template: str, status: int = 200, **values) -> Response:
    """A respondent's page, with the resume link of the assessment open in this browser."""
    token = session.get("token")
    resume_url = url_for("respondent.resume", token=token, _external=True) if token else None
    return render_page(template, status, resume_url=resume_url, **values)


def _load(**key) -> assessments.Loaded | None:
    return assessments.load(get_db(), cache=get_definitions(), **key)


def _current() -> assessments.Loaded:
    assessment_id = session.get("assessment_id")
    loaded = _load(assessment_id=assessment_id) if assessment_id else None
    if loaded is None:
        abort(404, description="no_assessment")
    return loaded


def _open(loaded_id: int, token: str, lang: str | None = None) -> None:
    """Tie this browser's session to an assessment (a fresh session, as after signing in)."""
    chosen = lang or session.get("lang")
    session.clear()
    session.permanent = True
    session["assessment_id"] = loaded_id
    session["token"] = token
    if chosen:
        session["lang"] = chosen


@bp.get("/")
def index():
    lang = _lang()
    form = start_form(get_library(), lang, texts(lang))
    return _page("index.html", lang=lang, form=form, questionnaires=_questionnaires())


def _questionnaires() -> list:
    return sorted(get_library().questionnaires.values(), key=lambda q: q.id)


@bp.post("/start")
def start():
    lang = _lang()
    form = start_form(get_library(), lang, texts(lang))
    if not form.validate_on_submit():
        expired = bool(form.csrf_token.errors)  # shown back with what was typed, and why
        return _page(
            "index.html",
            400 if expired else 422,
            lang=lang,
            form=form,
            questionnaires=_questionnaires(),
            message=texts(lang)["form_expired"] if expired else None,
        )
    assessment_id, token = assessments.create(get_db(), get_library(), start_payload(form))
    _open(assessment_id, token, lang)
    return redirect(url_for("respondent.started"), code=303)


@bp.get("/assessment/started")
def started():
    loaded = _current()
    first = loaded.form.domains[0].id
    return _page("started.html", loaded=loaded, first=first)


@bp.get("/resume/<token>")
def resume(token: str):
    """Exchange the resume token for a session, then leave the token out of the address bar.

    When this browser has another assessment open, it is only replaced after a confirmation
    (a posted form), so that a link from elsewhere cannot swap it silently.
    """
    loaded = _load(token=token)
    if loaded is None:
        abort(404, description="unknown_link")
    open_id = session.get("assessment_id")
    other = _load(assessment_id=open_id) if open_id and open_id != loaded.record["id"] else None
    if other is not None:
        lang = _lang()
        form = make_submit_form(0, texts(lang))  # a CSRF token and nothing else
        return _page("switch.html", lang=lang, loaded=loaded, other=other, form=form)
    return _resume(loaded, token)


@bp.post("/resume/<token>")
def resume_confirmed(token: str):
    loaded = _load(token=token)
    if loaded is None:
        abort(404, description="unknown_link")
    if not make_submit_form(0, texts(_lang())).validate_on_submit():
        return redirect(url_for("respondent.resume", token=token), code=303)
    return _resume(loaded, token)


def _resume(loaded: assessments.Loaded, token: str):
    lang = request.args.get("lang")
    _open(loaded.record["id"], token, lang if lang in LANGUAGES else None)
    return redirect(url_for("respondent.assessment"), code=303)


@bp.get("/assessment")
def assessment():
    """Where this assessment stands: its results once submitted, else the page reached."""
    loaded = _current()
    return redirect(_page_url(loaded, loaded.record["page_reached"]), code=303)


def _page_url(loaded: assessments.Loaded, page: str | None) -> str:
    if loaded.record["status"] == "submitted":
        return url_for("respondent.results")
    if page == REVIEW:
        return url_for("respondent.review")
    ids = [domain.id for domain in loaded.form.domains]
    return url_for("respondent.domain_page", domain_id=page if page in ids else ids[0])


def _domain(loaded: assessments.Loaded, domain_id: str):
    for index, domain in enumerate(loaded.form.domains):
        if domain.id == domain_id:
            return index, domain
    abort(404, description="unknown_page")


def _progress(loaded: assessments.Loaded) -> dict:
    shown = loaded.shown
    asked = [q for q in loaded.form.questions() if shown[q.id]]
    answered = sum(1 for q in asked if loaded.answers.get(q.id) is not None)
    return {"answered": answered, "asked": len(asked)}


def _shown_questions(loaded: assessments.Loaded, domain) -> list:
    shown = loaded.shown
    return [q for q in domain.questions if shown[q.id]]


def _page_questions(loaded: assessments.Loaded, domain) -> list:
    """The questions a domain page holds: those shown now, and the hidden ones whose condition
    reads an answer the page holds (in the page, `hidden` until the script shows them)."""
    shown, held = loaded.shown, {}
    for question in domain.questions:  # a condition reads earlier questions only
        if shown[question.id] or held.keys() & condition_reads(question.condition):
            held[question.id] = question
    return list(held.values())


def _live_conditions(loaded: assessments.Loaded, questions: list) -> tuple[dict, dict]:
    """What the script needs to show and hide a page's questions as its answers change: the
    condition of each question that reads an answer on the page, and the answers these conditions
    read on other pages (None for a question not shown, as the core reads it)."""
    on_page = {q.id for q in questions}
    conditions = {q.id: q.condition for q in questions if on_page & condition_reads(q.condition)}
    read = frozenset().union(*map(condition_reads, conditions.values())) - on_page
    shown = loaded.shown
    elsewhere = {qid: loaded.answers.get(qid) if shown.get(qid) else None for qid in sorted(read)}
    return conditions, elsewhere


def _left_out(loaded: assessments.Loaded, questions: list, answers: dict, seen: dict) -> list:
    """The posted page's questions hidden when it was made that the post leaves out, as if the
    page did not hold them: all of them without the script; with it, those it did not show
    (`live` lists those it shows), and those the page's answers keep hidden after all."""
    shown, live = loaded.shown, set(request.form.get("live", "").split())
    out = [q.id for q in questions if not shown[q.id] and q.id not in live]
    late = [q.id for q in questions if not shown[q.id] and q.id in live]
    if late:
        changed = {
            qid: value
            for qid, value in answers.items()
            if qid not in out and value != seen.get(qid)
        }
        after = visible_questions(loaded.form, loaded.answers | changed)
        out += [qid for qid in late if not after[qid]]
    return out


def _as_stored(form, questions: list, answers: dict) -> None:
    """Put back in the form's fields the stored answers to these questions, without errors."""
    data = page_data(questions, answers)
    for question in questions:
        field = form[f"q_{question.id}"]
        field.data, field.raw_data, field.errors = data[field.name], None, []


_answer_text = shown_answer


def _domain_page(loaded, index, domain, form, status=200, questions=None, **notes):
    """A domain page; `questions` (by default those it holds now) must be the form's own."""
    lang = _lang()
    questions = _page_questions(loaded, domain) if questions is None else questions
    conditions, elsewhere = _live_conditions(loaded, questions)
    read_only = loaded.record["status"] != "draft"
    conflicts = notes.get("conflicts") or {}
    return _page(
        "page.html",
        status,
        lang=lang,
        answer_text=lambda question, value: _answer_text(question, value, lang),
        loaded=loaded,
        domain=domain,
        index=index,
        count=len(loaded.form.domains),
        questions=questions,
        hidden={q.id for q in questions if not loaded.shown[q.id]},
        conditions=conditions,
        elsewhere=elsewhere,
        form=form,
        progress=_progress(loaded),
        conflicts=conflicts,
        message=notes.get("message"),
        read_only=read_only,
        unsaved=status != 200,  # shown back with what was typed, not saved
        autosave=not read_only and not conflicts,  # a conflict is saved again knowingly
    )


@bp.get("/assessment/domains/<domain_id>")
def domain_page(domain_id: str):
    loaded = _current()
    index, domain = _domain(loaded, domain_id)
    questions = _page_questions(loaded, domain)
    lang = _lang()
    form = page_form(questions, lang, texts(lang), data=page_data(questions, loaded.answers))
    return _domain_page(loaded, index, domain, form)


@bp.post("/assessment/domains/<domain_id>")
def save_domain_page(domain_id: str):
    """Save a domain page, then go where its button says; asked for JSON (the script's saves in
    the background), answer what the page needs to go on instead (see `_saved_json`)."""
    loaded = _current()
    index, domain = _domain(loaded, domain_id)
    lang = _lang()
    t = texts(lang)
    as_json = _wants_json()
    if loaded.record["status"] != "draft":
        if as_json:
            return _json_error(409, "submitted", t["read_only"])
        flash(t["read_only"])
        return redirect(url_for("respondent.results"), code=303)
    questions = _page_questions(loaded, domain)
    form = page_form(questions, lang, t)
    again = partial(_domain_page, loaded, index, domain, form, questions=questions)
    form.validate_on_submit()
    if form.csrf_token.errors:  # nothing is read from a post without a valid token
        if as_json:
            return _json_error(400, "expired", t["csrf_expired"])
        return again(400, message=t["csrf_expired"])
    seen = seen_answers(form)
    answers = page_answers(form, questions, seen)
    left_out = _left_out(loaded, questions, answers, seen)
    _as_stored(form, [q for q in questions if q.id in left_out], loaded.answers)
    answers = {qid: value for qid, value in answers.items() if qid not in left_out}
    if form.errors:
        if as_json:
            details = [(name, error) for name, errors in form.errors.items() for error in errors]
            return _json_error(422, "invalid", t["not_saved"], details)
        return again(422)
    target = _target(loaded, index, request.form.get("go"))
    try:
        conflicts = assessments.save_page(get_db(), loaded, answers, seen, target)
    except storage.Conflict:
        if as_json:
            return _json_error(409, "submitted", t["read_only"])
        flash(t["read_only"])
        return redirect(url_for("respondent.results"), code=303)
    except sqlite3.OperationalError:  # busy past the timeout: nothing was saved
        if as_json:
            return _json_error(503, "busy", t["busy"])
        return again(503, message=t["busy"])
    except assessments.InvalidInput:  # the form let through what the core refuses
        if as_json:
            return _json_error(422, "invalid", t["not_saved"])
        return again(422, message=t["not_saved"])
    if as_json:
        return _saved_json(questions, answers, seen, conflicts, t, lang)
    fresh = _load(assessment_id=loaded.record["id"])
    if conflicts:  # the page shows what is stored now, and the respondent's own conflicting values
        shown = {q.id: fresh.answers.get(q.id) for q in questions}
        data = page_data(questions, shown | {q: answers[q] for q in conflicts})
        data["seen"] = page_data(questions, shown)["seen"]
        form = page_form(questions, lang, t, data=data)
        return _domain_page(fresh, index, domain, form, 409, questions, conflicts=conflicts)
    # the questions the respondent saw: those shown, and those the script showed
    before = {q.id for q in questions if loaded.shown[q.id]}
    before |= set(request.form.get("live", "").split())
    appeared = [q for q in _shown_questions(fresh, domain) if q.id not in before]
    if appeared:
        flash(t["new_questions"])
        url = url_for("respondent.domain_page", domain_id=domain.id)
        return redirect(f"{url}#q-{appeared[0].id}", code=303)
    return redirect(_page_url(fresh, target), code=303)


def _wants_json() -> bool:
    """Whether the post comes from the script, which asks for JSON rather than a page."""
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json"


def _json_error(status: int, code: str, message: str, details=(), **extra) -> Response:
    """An error as the script reads it (the API's shape), never cached."""
    body = {
        "error": {
            "code": code,
            "message": message,
            "details": [{"field": field, "message": text} for field, text in details],
        }
    }
    response = jsonify(body | extra)
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    return response


def _saved_json(questions, answers, seen, conflicts, t, lang) -> Response:
    """The answer to a save in the background: the page's new `seen`, and when it was saved.

    `seen` becomes what the page now holds for each answer it saved, or that was already stored
    as it holds it, so that its next save does not take them for changes made elsewhere. An
    answer it left as it was shown keeps its old `seen` value (a newer one saved elsewhere then
    still stands), and so does a conflict (the next save shows it, with both values).
    """
    now = datetime.now(UTC).isoformat(timespec="seconds")
    page_seen = seen | {qid: value for qid, value in answers.items() if qid not in conflicts}
    body = {"seen": json.dumps(page_seen, ensure_ascii=False, sort_keys=True), "saved_at": now}
    if conflicts:
        held = {q.id: q for q in questions}
        details = [
            (f"q_{qid}", t["conflict_value"].format(value=_answer_text(held[qid], value, lang)))
            for qid, value in conflicts.items()
        ]
        return _json_error(409, "conflict", t["conflict_message"], details, **body)
    response = jsonify(body)
    response.headers["Cache-Control"] = "no-store"
    return response


def _target(loaded: assessments.Loaded, index: int, go: str | None) -> str:
    """The page a save leads to: the next domain (the default), the previous one, the same one
    or the review."""
    ids = [domain.id for domain in loaded.form.domains]
    if go == "previous":
        return ids[max(index - 1, 0)]
    if go == "stay":
        return ids[index]
    if go == REVIEW or index + 1 == len(ids):
        return REVIEW
    return ids[index + 1]


def _gaps(loaded: assessments.Loaded) -> list[dict]:
    """Each domain with its unanswered questions shown (and which of them are required)."""
    shown = loaded.shown
    gaps = []
    for domain in loaded.form.domains:
        missing = [q for q in domain.questions if shown[q.id] and loaded.answers.get(q.id) is None]
        if missing:
            gaps.append({"domain": domain, "questions": missing})
    return gaps


@bp.get("/assessment/review")
def review():
    loaded = _current()
    if loaded.record["status"] != "draft":
        return redirect(url_for("respondent.results"), code=303)
    gaps = _gaps(loaded)
    return _review_page(loaded, gaps, _submit_form(gaps, texts(_lang())))


def _submit_form(gaps: list[dict], t: dict):
    return make_submit_form(sum(len(g["questions"]) for g in gaps), t)


def _review_page(loaded, gaps, form, status=200, message=None):
    return _page(
        "review.html",
        status,
        loaded=loaded,
        gaps=gaps,
        gap_count=sum(len(g["questions"]) for g in gaps),
        required=sum(1 for g in gaps for q in g["questions"] if q.required),
        form=form,
        progress=_progress(loaded),
        message=message,
    )


@bp.post("/assessment/submit")
def submit():
    loaded = _current()
    if loaded.record["status"] != "draft":
        return redirect(url_for("respondent.results"), code=303)
    gaps = _gaps(loaded)
    t = texts(_lang())
    form = _submit_form(gaps, t)
    if not form.validate_on_submit():
        if form.csrf_token.errors:
            return _review_page(loaded, gaps, form, 400, message=t["csrf_expired"])
        return _review_page(loaded, gaps, form, 422)
    assessments.submit(get_db(), loaded)
    return redirect(url_for("respondent.results"), code=303)


@bp.get("/assessment/results")
def results():
    loaded = _current()
    if loaded.record["status"] == "draft":
        return redirect(url_for("respondent.review"), code=303)
    lang = _lang()
    questions = loaded.form.question_map() | {q.id: q for q in loaded.form.other_sectors}
    return _page(
        "results.html",
        lang=lang,
        loaded=loaded,
        domains={d.id: d for d in loaded.form.domains},
        trace=trace_body(loaded.result),
        questions=questions,
        answer_text=lambda question, value: _answer_text(question, value, lang),
        peers=assessments.peers_of(get_db(), loaded.record),
        **comparison_values(loaded, lang),
        reassess_form=make_submit_form(0, texts(lang)),
    )


@bp.post("/assessment/reassessment")
def reassessment():
    """Assess the organisation again, from its submitted assessment open in this browser."""
    loaded = _current()
    lang = _lang()
    t = texts(lang)
    if not make_submit_form(0, t).validate_on_submit():
        abort(400)
    try:
        assessment_id, token = assessments.reassess(get_db(), get_library(), loaded)
    except storage.Conflict:
        flash(t["reassess_refused"])
        return redirect(url_for("respondent.results"), code=303)
    _open(assessment_id, token, lang)
    return redirect(url_for("respondent.started"), code=303)


@bp.get("/assessment/report.pdf")
def report():
    loaded = _current()
    lang = request.args.get("lang") or loaded.record["language"]
    if lang not in LANGUAGES:
        abort(404, description="unknown_page")
    pdf = assessments.report_pdf(get_db(), loaded, get_report_content(), lang)
    response = Response(pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="report-{loaded.record["id"]}-{lang}.pdf"'
    )
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@bp.get("/questionnaires/<questionnaire_id>/print.pdf")
def blank_questionnaire(questionnaire_id: str):
    """A questionnaire to print and fill in by hand, for one sector, in one language."""
    questionnaire = get_library().questionnaires.get(questionnaire_id)
    lang = request.args.get("lang") or _lang()
    if questionnaire is None or lang not in LANGUAGES:
        abort(404, description="unknown_page")
    sectors = questionnaire.sector_ids()
    sector = request.args.get("sector") or ("general" if "general" in sectors else sectors[0])
    if sector not in sectors:
        abort(404, description="unknown_page")
    form = questionnaire.for_sector(sector)
    pdf = assessments.blank_pdf(form, get_report_content(), lang)
    response = Response(pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = (
        f'inline; filename="{questionnaire.id}-v{questionnaire.version}-{sector}-{lang}.pdf"'
    )
    return response


def error_page(exc) -> Response:
    """An error page in the visitor's language (the API answers its own errors in JSON)."""
    code = getattr(exc, "code", 500) or 500
    reason = getattr(exc, "description", None)
    known = {"no_assessment", "unknown_link", "unknown_page"}
    key = reason if reason in known else f"error_{code}" if f"error_{code}" in UI else "error_other"
    response = _page("error.html", code, message_key=key, code=code)
    if isinstance(exc, HTTPException):  # its own headers (a 405's Allow), not its HTML type
        for name, value in exc.get_headers():
            if name.lower() != "content-type":
                response.headers[name] = value
    return response
