"""Everything a report shows, resolved for one language: built from scores, never from storage.

Data that comes from a consultant or from other organisations is optional: a `Review` (notes,
and domain scores that replace the self-assessed ones) and a `PeerGroup` (medians by domain).
The report shows them beside the self-assessed figures when they are given.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..comparison import Comparison
from ..peers import PeerGroup
from ..plan import Plan
from ..questionnaire.answers import DONT_KNOW, NA, answer_text
from ..questionnaire.references import format_reference, framework_name, reference_id
from ..recommendations import HORIZON_ORDER, Selected
from ..scoring import level_for, level_name
from .content import ReportContent

STRENGTHS = 3  # the strongest domains named in the summary
# The crosswalk's order: Moroccan texts first, then the international standards.
CROSSWALK_ORDER = (
    "DNSSI", "LAW0908", "LAW0520", "DECREE0221406", "BAM", "ACAPS",
    "ISO27001", "ISO22301", "CSF", "CIS",
)  # fmt: skip
LANGUAGE_NAMES = {"ar": "العربية", "fr": "Français", "en": "English"}


@dataclass(frozen=True)
class Review:
    """A consultant's review: notes (by domain id, by recommendation id, and "general") and
    reviewed domain scores, each with its justification."""

    notes: dict = field(default_factory=dict)
    scores: dict = field(default_factory=dict)  # domain id -> reviewed score (0-100)
    justifications: dict = field(default_factory=dict)  # domain id -> why the score changed
    added: tuple = ()  # the consultant's own actions: {"domain", "title", "text", "horizon"}


@dataclass(frozen=True)
class Finding:
    """A counted question that did not earn all its points, with the answer given."""

    question: str
    answer: str
    critical: bool


@dataclass(frozen=True)
class RecommendationRow:
    rank: int  # place in the action plan, from 1
    id: str
    title: str
    why: str
    how: str
    domain: str
    priority: float
    horizon: str
    effort: str
    references: tuple
    note: str | None = None  # the consultant's
    added: bool = False  # added by the consultant (no computed priority, no references)


@dataclass(frozen=True)
class DomainRow:
    id: str
    title: str
    score: float | None
    level: int | None
    level_name: str | None
    capped: bool
    findings: tuple = ()
    recommendations: tuple = ()  # of this domain, in plan order
    reviewed: float | None = None  # the consultant's score, when reviewed
    reviewed_level_name: str | None = None
    justification: str | None = None
    peer_median: float | None = None
    note: str | None = None


@dataclass(frozen=True)
class ProjectionRow:
    actions: int
    overall: float | None
    level_name: str | None
    scores: tuple  # by domain, in domain order


@dataclass(frozen=True)
class CrosswalkGroup:
    framework: str
    references: tuple  # (reference id as read, ranks of the actions that cite it)


@dataclass(frozen=True)
class ReportContext:
    lang: str
    direction: str
    texts: dict  # key -> text in `lang`
    issuer: str
    primary_colour: str
    accent_colour: str
    logo: str | None  # path of the branding's logo image
    organisation: str
    size: str
    sector: str
    questionnaire: str
    version: int
    date: str
    language: str
    status: str
    reviewed: bool
    completeness: float
    overall: float | None
    level: int | None
    level_name: str | None
    domains: tuple
    recommendations: tuple  # every action, in plan order
    horizons: tuple  # (horizon label, its actions in plan order)
    strengths: tuple  # the strongest assessed domains
    projections: tuple
    crosswalk: tuple
    methodology: str  # Markdown
    general_note: str | None = None
    peers: int | None = None  # size of the peer group, when shown
    progress: Progress | None = None  # since the previous assessment, when there is one


@dataclass(frozen=True)
class Progress:
    """What changed since the organisation's previous assessment."""

    rows: tuple  # (domain title, before, after) in questionnaire order, the overall score last
    counts: tuple  # (text, count): questions improved, regressed; actions closed, open, new


def _progress(comparison: Comparison | None, titles: dict, texts: dict) -> Progress | None:
    if comparison is None:
        return None
    rows = [(titles[d], c.before, c.after) for d, c in comparison.domains.items()]
    rows.append((texts["overall_score"], comparison.overall.before, comparison.overall.after))
    counts = (
        (texts["questions_improved"], len(comparison.improved)),
        (texts["questions_regressed"], len(comparison.regressed)),
        (texts["actions_closed"], len(comparison.closed)),
        (texts["actions_open"], len(comparison.still_open)),
        (texts["actions_new"], len(comparison.new)),
    )
    return Progress(tuple(rows), counts)


def build_report_context(
    *,
    plan: Plan,
    assessment: dict,
    content: ReportContent,
    lang: str,
    review: Review | None = None,
    peers: PeerGroup | None = None,
    comparison: Comparison | None = None,
) -> ReportContext:
    """Resolve a scored assessment into what the report prints, in `lang`."""
    form, result = plan.form, plan.result
    review = review or Review()
    texts = {key: value[lang] for key, value in content.texts.items()}
    titles = {d.id: d.title[lang] for d in form.domains}
    sector = next(s for s in form.sectors if s.id == assessment["sector"])
    rows = tuple(
        _recommendation_row(rank, s, titles, texts, lang, review)
        for rank, s in enumerate(plan.selected, start=1)
    )
    paired = [(row, (s.recommendation.domain, s.recommendation.horizon)) for row, s in zip(
        rows, plan.selected, strict=True
    )]  # fmt: skip
    added = tuple(
        _added_row(len(rows) + n, a, titles, texts) for n, a in enumerate(review.added, 1)
    )
    paired += [
        (row, (a["domain"], a["horizon"])) for row, a in zip(added, review.added, strict=True)
    ]
    rows += added
    questions = form.question_map()
    domains = []
    for d in form.domains:
        score = result.domains[d.id]
        reviewed = review.scores.get(d.id)
        domains.append(
            DomainRow(
                d.id,
                titles[d.id],
                score.score,
                score.level,
                level_name(score.level, lang),
                score.capped,
                findings=_findings(result.counted.get(d.id, ()), questions, texts, lang),
                recommendations=tuple(r for r, (domain, _) in paired if domain == d.id),
                reviewed=reviewed,
                reviewed_level_name=level_name(level_for(reviewed), lang),
                justification=review.justifications.get(d.id),
                peer_median=peers.medians.get(d.id) if peers else None,
                note=review.notes.get(d.id),
            )
        )
    assessed = sorted((d for d in domains if d.score is not None), key=lambda d: -d.score)
    horizons = tuple(
        (texts[f"horizon_{h}"], tuple(r for r, (_, due) in paired if due == h))
        for h in HORIZON_ORDER
    )
    projections = tuple(
        ProjectionRow(
            p.actions,
            p.result.overall,
            level_name(p.result.level, lang),
            tuple(p.result.domains[d.id].score for d in form.domains),
        )
        for p in plan.projections
        if p.actions <= len(plan.selected) or p.actions == min(a.actions for a in plan.projections)
    )
    date = (assessment.get("submitted_at") or assessment["updated_at"])[:10]
    return ReportContext(
        lang=lang,
        direction="rtl" if lang == "ar" else "ltr",
        texts=texts,
        issuer=content.branding["organisation"][lang],
        primary_colour=content.branding["primary_colour"],
        accent_colour=content.branding["accent_colour"],
        logo=content.logo,
        organisation=assessment["organisation_name"],
        size=assessment["organisation_size"],
        sector=sector.name[lang],
        questionnaire=form.title[lang],
        version=form.version,
        date=date,
        language=LANGUAGE_NAMES[lang],
        status=texts[f"status_{assessment['status']}"],
        reviewed=bool(review.scores or review.notes or review.added),
        completeness=result.completeness,
        overall=result.overall,
        level=result.level,
        level_name=level_name(result.level, lang),
        domains=tuple(domains),
        recommendations=rows,
        horizons=horizons,
        strengths=tuple(assessed[:STRENGTHS]),
        projections=projections,
        crosswalk=_crosswalk(plan.selected, lang),
        methodology=content.methodology[lang],
        general_note=review.notes.get("general"),
        peers=peers.count if peers else None,
        progress=_progress(comparison, titles, texts),
    )


def _added_row(rank: int, added: dict, titles: dict, texts: dict) -> RecommendationRow:
    """An action the consultant added, after the computed ones."""
    return RecommendationRow(
        rank=rank,
        id=f"added-{rank}",
        title=added["title"],
        why=texts["added_by_consultant"],
        how=added.get("text") or "",
        domain=titles.get(added["domain"], added["domain"]),
        priority=0.0,
        horizon=texts[f"horizon_{added['horizon']}"],
        effort="—",
        references=(),
        added=True,
    )


def _recommendation_row(rank, selected, titles, texts, lang, review) -> RecommendationRow:
    rec = selected.recommendation
    return RecommendationRow(
        rank=rank,
        id=rec.id,
        title=rec.title[lang],
        why=rec.why[lang],
        how=rec.how[lang],
        domain=titles[rec.domain],
        priority=selected.priority,
        horizon=texts[f"horizon_{rec.horizon}"],
        effort=texts[f"effort_{rec.effort}"],
        references=tuple(format_reference(r, lang) for r in rec.refs),
        note=review.notes.get(rec.id),
    )


def _findings(lines, questions, texts: dict, lang: str) -> tuple:
    """The counted questions short of full points, the biggest gaps first (critical first)."""
    words = {
        "none": texts["answer_none"],
        NA: texts["answer_na"],
        DONT_KNOW: texts["answer_dont_know"],
        "nothing": texts["answer_nothing"],
    }
    gaps = [line for line in lines if line.points < 1]
    gaps.sort(key=lambda line: (not line.critical, -line.weight * (1 - line.points)))
    return tuple(
        Finding(
            questions[line.question].text[lang],
            answer_text(questions[line.question], line.answer, lang, words),
            line.critical,
        )
        for line in gaps
    )


def _crosswalk(selected: list[Selected], lang: str) -> tuple:
    """The references the actions cite, by framework (in CROSSWALK_ORDER), with the ranks of
    the actions that cite each."""
    cited: dict[str, dict[str, list[int]]] = {}
    for rank, s in enumerate(selected, start=1):
        for ref in s.recommendation.refs:
            framework = ref.partition(":")[0]
            cited.setdefault(framework, {}).setdefault(ref, []).append(rank)
    groups = []
    for framework in CROSSWALK_ORDER:
        refs = cited.get(framework)
        if refs:
            ordered = sorted(refs.items(), key=lambda item: _natural(item[0]))
            groups.append(
                CrosswalkGroup(
                    framework_name(framework, lang),
                    tuple((reference_id(ref, lang), tuple(ranks)) for ref, ranks in ordered),
                )
            )
    return tuple(groups)


def _natural(reference: str) -> list:
    """A sort key that puts A.8.9 before A.8.10."""
    parts = reference.replace("-", ".").replace(":", ".").split(".")
    return [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts]
