"""The assessment use cases: create, answer, submit, score and report, over storage and the core."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property, partial

from sqlite_utils import Database

from . import storage
from .comparison import Comparison, compare
from .peers import PeerGroup, group_of
from .plan import Plan, scores_body
from .questionnaire import LANGUAGES, SIZE_BANDS, Library, Questionnaire, build_questionnaire
from .questionnaire.answers import check_answer, clean_text, visible_questions
from .recommendations import Selected
from .reporting.content import ReportContent
from .reporting.context import Review, build_report_context
from .reporting.pdf import render_blank, render_report
from .scoring import Result, score_assessment
from .tokens import hash_token, new_token

MAX_NAME_LENGTH = 200


class InvalidInput(Exception):
    """Input that cannot be accepted; `details` lists (field, message) pairs."""

    def __init__(self, message: str, details: list[tuple[str, str]]):
        super().__init__(message)
        self.message, self.details = message, details


@dataclass(frozen=True)
class Loaded:
    """An assessment with its pinned form, answers, and plan (scores, recommendations), made
    when first asked for: a domain page needs only which questions are shown."""

    record: dict
    form: Questionnaire
    answers: dict

    @cached_property
    def plan(self) -> Plan:
        return Plan(self.form, self.answers, self.record["status"] == "submitted")

    @cached_property
    def shown(self) -> dict:
        """Whether each question is shown (the plan's own when it is made already)."""
        if "plan" in self.__dict__:
            return self.plan.shown
        return visible_questions(self.form, self.answers)

    @property
    def result(self) -> Result:
        return self.plan.result

    @property
    def selected(self) -> list[Selected]:
        return self.plan.selected


def check_answers(form: Questionnaire, answers, prefix: str = "answers") -> dict:
    """Answers checked against a sector's form; raises InvalidInput listing every bad one."""
    if not isinstance(answers, dict):
        raise InvalidInput(
            "answers must be an object", [(prefix, "expected an object {question_id: value}")]
        )
    questions, clean, details = form.question_map(), {}, []
    for question_id, value in answers.items():
        field = f"{prefix}.{question_id}"
        question = questions.get(question_id)
        if question is None:
            details.append(
                (field, f"unknown question '{question_id}' for this questionnaire and sector")
            )
        elif value is None:
            clean[question_id] = None
        else:
            stored, error = check_answer(question, value)
            if error:
                details.append((field, error))
            else:
                clean[question_id] = stored
    if details:
        raise InvalidInput("some answers are not valid", details)
    return clean


def _check_new(library: Library, payload) -> tuple[Questionnaire, dict]:
    if not isinstance(payload, dict):
        raise InvalidInput("the body must be a JSON object", [("", "expected an object")])
    details = []
    allowed = {"questionnaire", "sector", "language", "organisation", "answers"}
    details += [(key, "unknown field") for key in payload if key not in allowed]
    questionnaire = (
        library.get(payload.get("questionnaire"))
        if isinstance(payload.get("questionnaire"), str)
        else None
    )
    if questionnaire is None:
        details.append(
            (
                "questionnaire",
                "unknown questionnaire; use one of: " + ", ".join(sorted(library.questionnaires)),
            )
        )
    sector = payload.get("sector")
    if questionnaire is not None and sector not in questionnaire.sector_ids():
        details.append(
            ("sector", "unknown sector; use one of: " + ", ".join(questionnaire.sector_ids()))
        )
    if payload.get("language") not in LANGUAGES:
        details.append(("language", f"use one of: {', '.join(LANGUAGES)}"))
    organisation = payload.get("organisation")
    name = size = None
    if not isinstance(organisation, dict):
        details.append(("organisation", "expected an object {name, size}"))
    else:
        name, size = organisation.get("name"), organisation.get("size")
        details += [
            (f"organisation.{k}", "unknown field")
            for k in organisation
            if k not in ("name", "size")
        ]
        if not isinstance(name, str) or not clean_text(name).strip():
            details.append(("organisation.name", "give the organisation's name"))
        elif len(clean_text(name)) > MAX_NAME_LENGTH:
            details.append(("organisation.name", f"at most {MAX_NAME_LENGTH} characters"))
        if size not in SIZE_BANDS:
            details.append(("organisation.size", f"use one of: {', '.join(SIZE_BANDS)}"))
    answers = {}
    if questionnaire is not None and sector in questionnaire.sector_ids():
        try:
            answers = check_answers(questionnaire.for_sector(sector), payload.get("answers", {}))
        except InvalidInput as exc:
            details += exc.details
    if details:
        raise InvalidInput("the assessment cannot be created", details)
    organisation = {"name": clean_text(name).strip(), "size": size}
    return questionnaire, {
        "sector": sector,
        "language": payload["language"],
        "organisation": organisation,
        "answers": {k: v for k, v in answers.items() if v is not None},
    }


def create(db: Database, library: Library, payload) -> tuple[int, str]:
    """Create a draft from an API-style payload; returns its id and its (only) plain token."""
    questionnaire, values = _check_new(library, payload)
    token = new_token()
    assessment_id = storage.create_assessment(
        db,
        token_hash=hash_token(token),
        questionnaire_id=questionnaire.id,
        version=questionnaire.version,
        content_hash=questionnaire.content_hash,
        content=questionnaire.content,
        **values,
        on_change=scorer(questionnaire.for_sector(values["sector"])),
    )
    return assessment_id, token


def load(
    db: Database,
    *,
    token: str | None = None,
    assessment_id: int | None = None,
    cache: dict | None = None,
) -> Loaded | None:
    """An assessment scored with the definition it pinned, or None if there is none."""
    record = storage.find_assessment(
        db, token_hash=hash_token(token) if token is not None else None, assessment_id=assessment_id
    )
    if record is None:
        return None
    key = record["definition_hash"]
    questionnaire = (cache or {}).get(key)
    if questionnaire is None:
        questionnaire = build_questionnaire(storage.load_definition(db, key))
        if cache is not None:
            cache[key] = questionnaire
    form = (cache or {}).get((key, record["sector"]))
    if form is None:
        form = questionnaire.for_sector(record["sector"])
        if cache is not None:
            cache[key, record["sector"]] = form
    return Loaded(record, form, storage.answers_of(db, record["id"]))


def reassess(
    db: Database, library: Library, previous: Loaded, user_id: int | None = None
) -> tuple[int, str]:
    """A new draft for the organisation of a submitted assessment, on the current version of its
    questionnaire, prefilled with the previous answers that version still accepts (to be
    confirmed page by page). Raises storage.Conflict when the previous one is a draft or its
    sector is no longer offered. Started by a consultant (`user_id`), it is in the audit log."""
    record = previous.record
    questionnaire = library.get(record["questionnaire_id"])
    if questionnaire is None or record["sector"] not in questionnaire.sector_ids():
        raise storage.Conflict("this questionnaire or sector is no longer offered")
    form = questionnaire.for_sector(record["sector"])
    questions = form.question_map()
    answers = {
        qid: value
        for qid, value in previous.answers.items()
        if qid in questions and check_answer(questions[qid], value)[1] is None
    }
    token = new_token()
    assessment_id = storage.create_reassessment(
        db,
        previous_id=record["id"],
        token_hash=hash_token(token),
        questionnaire_id=questionnaire.id,
        version=questionnaire.version,
        content_hash=questionnaire.content_hash,
        content=questionnaire.content,
        language=record["language"],
        answers=answers,
        on_change=partial(_reassessed, scorer(form), user_id, record["id"]),
    )
    return assessment_id, token


def _reassessed(score, user_id: int | None, previous_id: int, db: Database, new_id: int) -> None:
    score(db, new_id)
    if user_id is not None:
        storage.record_audit(db, user_id, previous_id, "reassessment", {"assessment": new_id})


def comparison_of(db: Database, loaded: Loaded, cache: dict | None = None) -> Comparison | None:
    """How a re-assessment compares with the assessment it follows (None: it follows none)."""
    previous_id = loaded.record.get("previous_id")
    previous = load(db, assessment_id=previous_id, cache=cache) if previous_id else None
    return compare(previous.plan, loaded.plan) if previous else None


def update_answers(db: Database, loaded: Loaded, answers) -> None:
    """Merge checked answers into a draft; raises storage.Conflict once submitted."""
    if loaded.record["status"] != "draft":
        raise storage.Conflict("the assessment is submitted; its answers can no longer change")
    clean = check_answers(loaded.form, answers)
    storage.save_answers(db, loaded.record["id"], clean, on_change=scorer(loaded.form))


def save_page(db: Database, loaded: Loaded, answers: dict, seen: dict, page: str) -> dict:
    """Save one page of a draft's answers, unless saved differently elsewhere since it was shown.

    Returns the conflicts, {question id: the newer value}, which are left as they are; the rest
    is saved and `page` recorded as the page reached. Raises storage.Conflict once submitted.
    """
    clean = check_answers(loaded.form, answers)
    return storage.save_page(
        db, loaded.record["id"], clean, seen, page, on_change=scorer(loaded.form)
    )


def submit(db: Database, loaded: Loaded) -> None:
    """Submit a draft; submitting again changes nothing."""
    storage.submit_assessment(db, loaded.record["id"], on_change=scorer(loaded.form))


def scorer(form: Questionnaire):
    """What keeps an assessment's current scores for the consultants' dashboard (filters,
    sorting, heat map): run inside the transaction that changed its answers or status."""

    def store(db: Database, assessment_id: int) -> None:
        answers = storage.answers_of(db, assessment_id)
        submitted = storage.status_of(db, assessment_id) == "submitted"
        result = score_assessment(form, answers, submitted=submitted)
        storage.store_scores(db, assessment_id, scores_body(result))

    return store


def backfill_scores(db: Database) -> int:
    """Store the scores of assessments that have none (made before scores were stored)."""
    forms: dict = {}  # by (definition, sector): each built once
    missing = storage.unscored(db)
    for assessment_id in missing:
        record = storage.find_assessment(db, assessment_id=assessment_id)
        key = record["definition_hash"], record["sector"]
        if key not in forms:
            forms[key] = build_questionnaire(storage.load_definition(db, key[0])).for_sector(key[1])
        refresh_scores(db, assessment_id, forms[key])
    return len(missing)


def refresh_scores(db: Database, assessment_id: int, form: Questionnaire) -> None:
    """Recompute an assessment's stored scores in a transaction of its own; `form` is its
    sector's form."""
    with storage.immediate(db):
        scorer(form)(db, assessment_id)


def blank_pdf(form: Questionnaire, content: ReportContent, lang: str) -> bytes:
    """The printable blank questionnaire of a sector's form in `lang`."""
    return render_blank(form, content, lang)


def report_pdf(
    db: Database, loaded: Loaded, content: ReportContent, lang: str, review: Review | None = None
) -> bytes:
    """The PDF report of a loaded assessment in `lang`, with the consultant's review if any and
    its peer group's medians when the group is large enough."""
    context = build_report_context(
        plan=loaded.plan,
        assessment=loaded.record,
        content=content,
        lang=lang,
        review=review,
        peers=peers_of(db, loaded.record),
        comparison=comparison_of(db, loaded),
    )
    return render_report(context)


def peers_of(db: Database, record: dict) -> PeerGroup | None:
    """The assessment's peer group (other organisations of its sector and size band, their
    latest submitted assessment each), or None when it has fewer than MIN_PEERS."""
    sector, size = record["sector"], record["organisation_size"]
    return group_of(sector, size, storage.peer_scores(db, sector, size, record["organisation_id"]))


def peers_body(group: PeerGroup | None) -> dict | None:
    """The peer group as the API gives it."""
    if group is None:
        return None
    return {"sector": group.sector, "size": group.size, "count": group.count,
            "medians": group.medians}  # fmt: skip


def report_review(db: Database, assessment_id: int) -> Review | None:
    """The consultant's notes and reviewed scores as the report shows them (None: no review)."""
    stored = storage.review_of(db, assessment_id)
    if not (stored.notes or stored.overrides or stored.added):
        return None
    return Review(
        notes={target.partition(":")[2]: text for target, text in stored.notes.items()},
        scores={domain: o["score"] for domain, o in stored.overrides.items()},
        justifications={domain: o["justification"] for domain, o in stored.overrides.items()},
        added=tuple(stored.added),
    )


ASSESSMENT_HEADER = [
    "id",
    "organisation",
    "size",
    "sector",
    "questionnaire",
    "version",
    "language",
    "status",
    "created_at",
    "updated_at",
    "submitted_at",
    "overall",
    "level",
]


def export_rows(db: Database, library: Library, what: str, filters) -> tuple[list[str], object]:
    """The header and the rows (produced one at a time) of an export of the assessments that
    match `filters`: with their scores (one column per domain of the library), or their answers."""
    if what == "answers":
        header = ["assessment_id", "organisation", "question", "answer", "updated_at"]
        rows = (
            [aid, name, question, _cell(json.loads(value)), updated]
            for aid, name, question, value, updated in storage.answers_matching(db, filters)
        )
        return header, rows
    domains = list(dict.fromkeys(d.id for q in library.questionnaires.values() for d in q.domains))
    header = ASSESSMENT_HEADER + [f"domain:{d}" for d in domains]

    def rows():
        for r in storage.matching(db, filters):
            yield [
                r["id"],
                r["organisation"],
                r["size"],
                r["sector"],
                r["questionnaire_id"],
                r["questionnaire_version"],
                r["language"],
                r["workflow"],
                r["created_at"],
                r["updated_at"],
                r["submitted_at"],
                r["overall"],
                r["level"],
                *(r["domains"].get(d) for d in domains),
            ]

    return header, rows()


def _cell(value):
    """A stored answer as one spreadsheet cell: numbers stay numbers, choices are joined."""
    if isinstance(value, list):
        return "; ".join(map(str, value))
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return str(value)
    return value


@dataclass(frozen=True)
class Rescored:
    """An assessment moved to the library's current version of its questionnaire."""

    assessment_id: int
    organisation: str
    questionnaire: str
    previous_version: int
    version: int
    previous: dict  # scores as the API gives them
    current: dict
    invalid_answers: tuple  # questions whose stored answer the new version no longer accepts
    skipped: str | None = None  # why it was not moved, when it was not


def rescore(db: Database, library: Library, questionnaire_id: str | None = None) -> list[Rescored]:
    """Move every assessment that pins an older content to the current version and re-score it.

    The previous version and scores are kept (storage.rescores_of); answers are kept as they
    are, even those the new version no longer asks or accepts (they are listed).
    """
    done = []
    for questionnaire in sorted(library.questionnaires.values(), key=lambda q: q.id):
        if questionnaire_id is not None and questionnaire.id != questionnaire_id:
            continue
        for assessment_id in storage.assessments_pinning_other_than(
            db, questionnaire.id, questionnaire.content_hash
        ):
            loaded = load(db, assessment_id=assessment_id)
            done.append(_rescore_one(db, loaded, questionnaire))
    return done


def _rescore_one(db: Database, loaded: Loaded, questionnaire: Questionnaire) -> Rescored:
    record = loaded.record
    previous = scores_body(loaded.result)
    common = dict(
        assessment_id=record["id"],
        organisation=record["organisation_name"],
        questionnaire=questionnaire.id,
        previous_version=record["questionnaire_version"],
        version=questionnaire.version,
        previous=previous,
    )
    if record["sector"] not in questionnaire.sector_ids():
        return Rescored(
            **common,
            current=previous,
            invalid_answers=(),
            skipped=f"sector '{record['sector']}' is not in version {questionnaire.version}",
        )
    form = questionnaire.for_sector(record["sector"])
    questions = form.question_map()
    invalid = tuple(
        qid
        for qid, value in loaded.answers.items()
        if qid in questions and check_answer(questions[qid], value)[1] is not None
    )
    plan = Plan(form, loaded.answers, record["status"] == "submitted")
    current = scores_body(plan.result)
    storage.repin(
        db,
        record["id"],
        previous={
            "hash": record["definition_hash"],
            "version": record["questionnaire_version"],
            "scores": previous,
        },
        questionnaire_id=questionnaire.id,
        version=questionnaire.version,
        content_hash=questionnaire.content_hash,
        content=questionnaire.content,
        new_scores=current,
    )
    refresh_scores(db, record["id"], form)
    return Rescored(**common, current=current, invalid_answers=invalid)
