"""The report's own wording and branding, read from the `reports/` folder and checked."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..questionnaire.errors import LibraryError, Problem
from ..questionnaire.source import read_source
from ..questionnaire.spec import LANGUAGES

REQUIRED_TEXTS = (
    "added_by_consultant",
    "progress",
    "progress_intro",
    "previous",
    "change",
    "questions_improved",
    "questions_regressed",
    "actions_closed",
    "actions_open",
    "actions_new",
    "title",
    "subtitle",
    "introduction",
    "how_to_read",
    "disclaimer",
    "organisation",
    "sector",
    "size",
    "size_unit",
    "questionnaire",
    "version",
    "date",
    "status",
    "status_draft",
    "status_submitted",
    "completeness",
    "overall_score",
    "level",
    "scores_by_domain",
    "domain",
    "score",
    "not_assessed",
    "capped",
    "recommendations",
    "no_recommendations",
    "priority",
    "horizon",
    "effort",
    "references",
    "why",
    "how",
    "horizon_30d",
    "horizon_90d",
    "horizon_12m",
    "effort_low",
    "effort_medium",
    "effort_high",
    "page",
    "page_of",
    "language",
    "assessed_by",
    "self_assessed",
    "reviewed_by_consultant",
    "prepared_by",
    "summary",
    "summary_intro",
    "strengths",
    "no_strengths",
    "priority_actions",
    "radar",
    "radar_score",
    "radar_peers",
    "radar_reviewed",
    "domain_section",
    "findings",
    "no_findings",
    "critical_control",
    "answer",
    "answer_none",
    "answer_na",
    "answer_dont_know",
    "answer_nothing",
    "recommendations_of_domain",
    "consultant_note",
    "general_note",
    "reviewed_score",
    "justification",
    "peer_median",
    "peer_group",
    "action_plan",
    "action_plan_intro",
    "rank",
    "action",
    "projections",
    "projections_intro",
    "today",
    "after_actions",
    "methodology",
    "crosswalk",
    "crosswalk_intro",
    "cited_by",
    "annex",
    "blank_title",
    "blank_instructions",
    "blank_conditional",
    "blank_multiple",
    "score_value",
    "cited_by_one",
)
COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")


IMAGE_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")  # PNG, JPEG


@dataclass(frozen=True)
class ReportContent:
    texts: dict  # key -> {lang: text}
    branding: dict
    methodology: dict  # lang -> the methodology annex, in Markdown
    logo: str | None = None  # path of the logo image, when the branding names one


def load_report_content(folder: str | Path) -> ReportContent:
    """Read `texts.yaml` and `branding.yaml`; raise LibraryError with located problems."""
    folder = Path(folder)
    problems: list[Problem] = []
    loaded = {}
    for name in ("texts.yaml", "branding.yaml"):
        path = folder / name
        file = str(path)
        if not path.is_file():
            problems.append(Problem(file, 1, (), "file is missing", "not-found"))
            continue
        source, found = read_source(file, path.read_text("utf-8"))
        problems.extend(found)
        if source is None:
            continue
        if not isinstance(source.data, dict):
            problems.append(Problem(file, 1, (), "expected a map of keys", "type"))
            continue
        loaded[name] = source
    texts = loaded.get("texts.yaml")
    if texts is not None:
        for key in REQUIRED_TEXTS:
            if key not in texts.data:
                problems.append(
                    Problem(
                        texts.file,
                        1,
                        (key,),
                        f"'{key}' is missing; add it with ar, fr and en",
                        "missing-key",
                    )
                )
        for key, value in texts.data.items():
            for lang in LANGUAGES:
                if not isinstance(value, dict) or not str(value.get(lang) or "").strip():
                    problems.append(
                        Problem(
                            texts.file,
                            texts.line((key,)),
                            (key, lang),
                            f"the '{lang}' text is missing",
                            "missing-translation",
                        )
                    )
    branding = loaded.get("branding.yaml")
    if branding is not None:
        org = branding.data.get("organisation")
        if not isinstance(org, dict) or any(not org.get(lang) for lang in LANGUAGES):
            problems.append(
                Problem(
                    branding.file,
                    branding.line(("organisation",)),
                    ("organisation",),
                    "give the organisation name in ar, fr and en",
                    "missing-translation",
                )
            )
        for key in ("primary_colour", "accent_colour"):
            if not COLOUR.match(str(branding.data.get(key, ""))):
                problems.append(
                    Problem(
                        branding.file,
                        branding.line((key,)),
                        (key,),
                        'expected a colour such as "#1F4E79"',
                        "bad-colour",
                    )
                )
    logo = _logo(folder, branding, problems) if branding is not None else None
    methodology = {}
    for lang in LANGUAGES:
        path = folder / f"methodology.{lang}.md"
        if path.is_file():
            methodology[lang] = path.read_text("utf-8")
        else:
            problems.append(
                Problem(
                    str(path),
                    1,
                    (),
                    "file is missing; write it with: flask --app survey methodology --output "
                    f"{folder}",
                    "not-found",
                )
            )
    if problems:
        raise LibraryError(problems)
    return ReportContent(texts.data, branding.data, methodology, logo)


def _logo(folder: Path, branding, problems: list) -> str | None:
    """The logo's path (a PNG or JPEG file in the reports folder), when the branding names one."""
    name = branding.data.get("logo")
    if name is None:
        return None
    path = (folder / str(name)).resolve()
    where = (branding.file, branding.line(("logo",)), ("logo",))
    if folder.resolve() not in path.parents:
        problems.append(Problem(*where, "the logo must be a file in the reports folder", "path"))
        return None
    if not path.is_file():
        problems.append(Problem(*where, f"'{name}' is not a file", "not-found"))
        return None
    with path.open("rb") as file:
        head = file.read(8)
    if not head.startswith(IMAGE_SIGNATURES):
        problems.append(Problem(*where, f"'{name}' is not a PNG or JPEG image", "bad-image"))
        return None
    return str(path)
