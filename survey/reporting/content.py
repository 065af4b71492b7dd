"""The report's own wording and branding, read from the `reports/` folder and checked."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..questionnaire.errors import LibraryError, Problem
from ..questionnaire.source import read_source
from ..questionnaire.spec import LANGUAGES

REQUIRED_TEXTS = (
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
)
COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")


@dataclass(frozen=True)
class ReportContent:
    texts: dict  # key -> {lang: text}
    branding: dict


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
    if problems:
        raise LibraryError(problems)
    return ReportContent(texts.data, branding.data)
