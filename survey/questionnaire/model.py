"""The questionnaire as frozen dataclasses, built from composed content (plain JSON data)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from types import MappingProxyType

from .spec import CHOICE_TYPES

YES_PARTIAL_NO_OPTIONS = (
    {"value": "yes", "score": 1, "label": {"ar": "نعم", "fr": "Oui", "en": "Yes"}},
    {"value": "partial", "score": 0.5, "label": {"ar": "جزئيًا", "fr": "En partie", "en": "Partly"}},
    {"value": "no", "score": 0, "label": {"ar": "لا", "fr": "Non", "en": "No"}},
)
DEFAULT_TEXT_LENGTH = 2000


@dataclass(frozen=True)
class Option:
    value: str
    score: float
    label: dict
    descriptor: dict | None = None


@dataclass(frozen=True, eq=False)  # equal only to itself, so hashable
class Recommendation:
    id: str
    domain: str
    question: str | None
    weight: float
    effort: str
    horizon: str
    refs: tuple
    title: dict
    why: dict
    how: dict
    on: frozenset | None = None
    below: float | None = None
    levels: frozenset | None = None


@dataclass(
    frozen=True, eq=False
)  # equal only to itself, so hashable: computations on it can be cached
class Question:
    id: str
    domain: str
    type: str
    text: dict
    help: dict | None
    weight: float
    required: bool
    allow_na: bool
    dont_know: bool
    critical: bool
    sectors: frozenset | None
    condition: dict | None
    options: tuple
    min: float | None
    max: float | None
    unit: dict | None
    max_length: int
    recommendations: tuple

    @cached_property
    def scored(self) -> bool:
        """Whether the answer earns points (choice types only)."""
        return self.type in CHOICE_TYPES

    @cached_property
    def option_scores(self) -> dict:
        """Each option's value and the share of the points it earns."""
        return {option.value: float(option.score) for option in self.options}

    def option(self, value: str) -> Option | None:
        """The option with this value, if any."""
        for option in self.options:
            if option.value == value:
                return option
        return None


@dataclass(frozen=True)
class Domain:
    id: str
    title: dict
    description: dict | None
    weight: float
    questions: tuple
    recommendations: tuple


@dataclass(frozen=True)
class Sector:
    id: str
    name: dict
    domain_weights: dict


@dataclass(frozen=True)
class Questionnaire:
    """A questionnaire with every sector's questions; `for_sector` gives what one sector answers."""

    id: str
    version: int
    title: dict
    description: dict | None
    duration_minutes: int | None
    sectors: tuple
    domains: tuple
    content: dict
    content_hash: str
    sector: str | None = None
    other_sectors: tuple = ()  # once for a sector: the questions only other sectors answer

    def sector_ids(self) -> tuple:
        """The ids of the sectors this questionnaire can be answered for."""
        return tuple(sector.id for sector in self.sectors)

    def for_sector(self, sector_id: str) -> Questionnaire:
        """This questionnaire as answered in one sector: its questions and domain weights."""
        sector = next(s for s in self.sectors if s.id == sector_id)
        domains = tuple(
            replace(
                domain,
                weight=sector.domain_weights.get(domain.id, domain.weight),
                questions=tuple(
                    q for q in domain.questions if q.sectors is None or sector_id in q.sectors
                ),
            )
            for domain in self.domains
        )
        other = tuple(
            q
            for domain in self.domains
            for q in domain.questions
            if q.sectors is not None and sector_id not in q.sectors
        )
        return replace(self, domains=domains, sector=sector_id, other_sectors=other)

    def questions(self) -> tuple:
        """Every question, in the order asked."""
        return self._questions

    def question_map(self) -> Mapping:
        """Questions by id (read-only)."""
        return self._question_map

    @cached_property
    def condition_sources(self) -> frozenset:
        """The questions that some condition of the form reads."""
        return frozenset().union(*(condition_reads(q.condition) for q in self._questions))

    @cached_property
    def _questions(self) -> tuple:
        return tuple(q for domain in self.domains for q in domain.questions)

    @cached_property
    def _question_map(self) -> Mapping:
        return MappingProxyType({q.id: q for q in self._questions})


def condition_reads(condition) -> frozenset:
    """The questions a condition reads."""
    if not condition:
        return frozenset()
    if "question" in condition:
        return frozenset((condition["question"],))
    parts = condition.get("all") or condition.get("any") or [condition.get("not")]
    return frozenset().union(*(condition_reads(part) for part in parts))


def content_hash(content: dict) -> str:
    """A stable hash of composed content, to pin exactly what an assessment answered."""
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _recommendation(raw: dict, domain: str, question: str | None) -> Recommendation:
    return Recommendation(
        id=raw["id"],
        domain=domain,
        question=question,
        weight=raw["weight"],
        effort=raw["effort"],
        horizon=raw["horizon"],
        refs=tuple(raw.get("refs", ())),
        title=raw["title"],
        why=raw["why"],
        how=raw["how"],
        on=frozenset(raw["on"]) if "on" in raw else None,
        below=raw.get("below"),
        levels=frozenset(raw["levels"]) if "levels" in raw else None,
    )


def _question(raw: dict, domain: str) -> Question:
    options = raw.get("options")
    if options is None and raw["type"] == "yes_partial_no":
        options = YES_PARTIAL_NO_OPTIONS
    scored = raw["type"] in CHOICE_TYPES
    return Question(
        id=raw["id"],
        domain=domain,
        type=raw["type"],
        text=raw["text"],
        help=raw.get("help"),
        weight=raw.get("weight", 1),
        required=raw.get("required", False),
        allow_na=raw.get("allow_na", False),
        dont_know=raw.get("dont_know", scored),
        critical=raw.get("critical", False),
        sectors=frozenset(raw["sectors"]) if raw.get("sectors") else None,
        condition=raw.get("condition"),
        options=tuple(
            Option(o["value"], o["score"], o["label"], o.get("descriptor")) for o in options or ()
        ),
        min=raw.get("min"),
        max=raw.get("max"),
        unit=raw.get("unit"),
        max_length=raw.get("max_length", DEFAULT_TEXT_LENGTH),
        recommendations=tuple(
            _recommendation(r, domain, raw["id"]) for r in raw.get("recommendations", ())
        ),
    )


def build_questionnaire(content: dict) -> Questionnaire:
    """Build the model from composed content (as made by the library, or stored when pinned)."""
    domains = tuple(
        Domain(
            id=d["id"],
            title=d["title"],
            description=d.get("description"),
            weight=d.get("weight", 1),
            questions=tuple(_question(q, d["id"]) for q in d["questions"]),
            recommendations=tuple(
                _recommendation(r, d["id"], None) for r in d.get("recommendations", ())
            ),
        )
        for d in content["domains"]
    )
    sectors = tuple(
        Sector(s["id"], s["name"], dict(s.get("domain_weights", {}))) for s in content["sectors"]
    )
    return Questionnaire(
        id=content["id"],
        version=content["version"],
        title=content["title"],
        description=content.get("description"),
        duration_minutes=content.get("duration_minutes"),
        sectors=sectors,
        domains=domains,
        content=content,
        content_hash=content_hash(content),
    )
