"""Framework references (`FRAMEWORK:ID`): which frameworks we know, and which ids exist."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

FRAMEWORKS = {
    "CSF": "NIST CSF 2.0",
    "CIS": "CIS Controls v8",
    "ISO27001": "ISO/IEC 27001:2022",
    "ISO22301": "ISO 22301:2019",
    "DNSSI": "DNSSI",
    "LAW0908": "Loi 09-08",
    "LAW0520": "Loi 05-20",
    "DECREE0221406": "Décret 2-21-406",
    "BAM": "Bank Al-Maghrib",
    "ACAPS": "ACAPS",
}
LAW_LABELS = {
    "LAW0908": {"ar": "القانون 09-08", "fr": "Loi 09-08", "en": "Law 09-08"},
    "LAW0520": {"ar": "القانون 05-20", "fr": "Loi 05-20", "en": "Law 05-20"},
    "DECREE0221406": {"ar": "المرسوم 2-21-406", "fr": "Décret 2-21-406", "en": "Decree 2-21-406"},
}
ARTICLE = {"ar": "المادة", "fr": "art.", "en": "art."}
# Frameworks whose name a reader expects in their own language (the others are identifiers).
FRAMEWORK_LABELS = {
    **LAW_LABELS,
    "DNSSI": {
        "ar": "التوجيه الوطني لأمن نظم المعلومات (DNSSI)",
        "fr": "Directive nationale de la sécurité des systèmes d'information (DNSSI)",
        "en": "National Information Systems Security Directive (DNSSI)",
    },
    "BAM": {"ar": "بنك المغرب", "fr": "Bank Al-Maghrib", "en": "Bank Al-Maghrib"},
    "ACAPS": {
        "ar": "هيئة مراقبة التأمينات والاحتياط الاجتماعي (ACAPS)",
        "fr": "Autorité de contrôle des assurances et de la prévoyance sociale (ACAPS)",
        "en": "Insurance and Social Welfare Supervisory Authority (ACAPS)",
    },
}


def reference_id(reference: str, lang: str) -> str:
    """A reference without its framework's name, e.g. `A.8.13` or `art. 5`, for lists that
    are grouped by framework."""
    framework, _, ident = reference.partition(":")
    if framework in LAW_LABELS and ident.isdigit():
        return f"{ARTICLE[lang]} {ident}"
    return ident


def framework_name(framework: str, lang: str) -> str:
    """A framework's name as a reader of `lang` sees it."""
    labels = FRAMEWORK_LABELS.get(framework)
    return labels[lang] if labels else FRAMEWORKS.get(framework, framework)


@cache
def known_ids() -> dict:
    """The ids of each checked framework (the others are checked for form only)."""
    data = json.loads((Path(__file__).with_name("frameworks.json")).read_text("utf-8"))
    return {name: frozenset(ids) for name, ids in data.items()}


def check_reference(reference: str) -> str | None:
    """Why `reference` is wrong, or None when it is a known framework and id."""
    framework, _, ident = reference.partition(":")
    if framework not in FRAMEWORKS:
        return (
            f"unknown framework '{framework}' in '{reference}'; use one of: {', '.join(FRAMEWORKS)}"
        )
    ids = known_ids().get(framework)
    if ids is not None and ident not in ids:
        return f"'{ident}' is not an id of {FRAMEWORKS[framework]}; check the reference"
    return None


def format_reference(reference: str, lang: str) -> str:
    """A reference as a reader sees it, e.g. `ISO/IEC 27001:2022 A.8.13`."""
    framework, _, ident = reference.partition(":")
    if framework in LAW_LABELS and ident.isdigit():
        comma = "،" if lang == "ar" else ","
        return f"{LAW_LABELS[framework][lang]}{comma} {reference_id(reference, lang)}"
    if framework in LAW_LABELS:
        return f"{LAW_LABELS[framework][lang]} {ident}"
    return f"{FRAMEWORKS.get(framework, framework)} {ident}"
