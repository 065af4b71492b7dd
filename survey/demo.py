"""Demonstration data: realistic, varied assessments across sectors, sizes, dates and statuses,
for trying the consultant workspace and for measuring it at scale (`flask ... demo-data`)."""

from __future__ import annotations

import random
import secrets
from datetime import UTC, datetime, timedelta

from sqlite_utils import Database

from . import storage
from .plan import scores_body
from .questionnaire import SIZE_BANDS, Library, Questionnaire
from .questionnaire.answers import DONT_KNOW, NA, NONE_OPTION
from .scoring import score_assessment
from .tokens import hash_token

BATCH = 1000
_NAMES = (
    "Atlas", "Argane", "Sahara", "Oasis", "Medina", "Anfa", "Souss", "Rif", "Tafilalet", "Zagora",
    "Bouregreg", "Oum Errabia", "Ifrane", "Toubkal", "Chaouia", "Doukkala", "Tensift", "Draa",
    "الأطلس", "الأركان", "الصحراء", "الواحة", "المدينة", "سوس", "الريف", "درعة",
)  # fmt: skip
_KINDS = {
    "banking": ("Banque", "Crédit", "بنك"),
    "insurance": ("Assurances", "Courtage", "تأمينات"),
    "industry": ("Industries", "Textile", "صناعات"),
    "professional_services": ("Cabinet", "Conseil", "مكتب"),
    "public_sector": ("Commune de", "Agence", "وكالة"),
    "general": ("Société", "Distribution", "شركة"),
}


def _answer(question, maturity: float, rng: random.Random, draft: bool):
    """An answer an organisation of this maturity (0-1) would plausibly give, or None."""
    if draft and rng.random() < 0.5:
        return None
    if question.allow_na and rng.random() < 0.04:
        return NA
    if question.dont_know and rng.random() < 0.05:
        return DONT_KNOW
    if question.type == "multi_choice":
        picked = [o.value for o in question.options if o.value != NONE_OPTION]
        picked = [v for v in picked if rng.random() < maturity]
        return picked or ([NONE_OPTION] if any(o.value == NONE_OPTION for o in question.options)
                          else None)  # fmt: skip
    if question.scored:
        options = sorted(question.options, key=lambda o: o.score)
        aim = min(max(rng.gauss(maturity, 0.25), 0), 0.999)
        return options[int(aim * len(options))].value
    if question.type == "number":
        low, high = question.min or 0, question.max or 100
        return round(low + (high - low) * rng.random() * maturity)
    return None  # free text: left empty


def generate(db: Database, library: Library, count: int, seed: int = 1) -> int:
    """Add `count` assessments; returns how many were added. The same seed gives the same data
    (but for the resume tokens, which are random and never shown)."""
    rng = random.Random(seed)
    questionnaires: list[Questionnaire] = sorted(
        library.questionnaires.values(), key=lambda q: q.id
    )
    forms = {(q.id, s): q.for_sector(s) for q in questionnaires for s in q.sector_ids()}
    for q in questionnaires:
        storage.pin_definition(db, q.id, q.version, q.content_hash, q.content)
    now = datetime.now(UTC).replace(microsecond=0)
    added = 0
    while added < count:
        batch = []
        for _ in range(min(BATCH, count - added)):
            questionnaire = rng.choice(questionnaires)
            sector = rng.choice(questionnaire.sector_ids())
            form = forms[questionnaire.id, sector]
            created = now - timedelta(days=rng.uniform(0, 730))
            updated = min(now, created + timedelta(hours=rng.uniform(0, 24 * 20)))
            draft = rng.random() < 0.15
            maturity = rng.betavariate(2.2, 2.0)
            answers = {}
            for question in form.questions():
                value = _answer(question, maturity, rng, draft)
                if value is not None:
                    answers[question.id] = value
            result = score_assessment(form, answers, submitted=not draft)
            kind = rng.choice(_KINDS.get(sector, _KINDS["general"]))
            review = None if draft else rng.choices((None, "in_review", "validated"), (5, 2, 3))[0]
            batch.append(
                {
                    "organisation": {
                        "name": f"{kind} {rng.choice(_NAMES)} {rng.randrange(1, 999)}",
                        "size": rng.choice(SIZE_BANDS),
                        "sector": sector,
                    },
                    "token_hash": hash_token(secrets.token_urlsafe(32)),
                    "questionnaire": questionnaire,
                    "sector": sector,
                    "language": rng.choice(("ar", "fr", "fr", "en")),
                    "status": "draft" if draft else "submitted",
                    "review_status": review,
                    "created_at": created.isoformat(),
                    "updated_at": updated.isoformat(),
                    "answers": answers,
                    "scores": scores_body(result),
                }
            )
        storage.insert_generated(db, batch)
        added += len(batch)
    return added
