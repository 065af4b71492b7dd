"""Load the questionnaire library from a folder: check every file, compose every questionnaire."""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field
from pathlib import Path

from .errors import LibraryError, Problem, format_path
from .model import Questionnaire, build_questionnaire
from .references import check_reference
from .source import Source, read_source
from .spec import CHOICE_TYPES, RESERVED_VALUES, check_shape


@dataclass
class Library:
    """Every questionnaire of the library, composed and checked, by id."""

    root: Path
    questionnaires: dict[str, Questionnaire]
    files: int
    warnings: list[Problem] = field(default_factory=list)
    version_lines: dict = field(default_factory=dict)  # questionnaire id -> (file, line)

    def get(self, questionnaire_id: str) -> Questionnaire | None:
        """The questionnaire with this id, if the library has it."""
        return self.questionnaires.get(questionnaire_id)


def _display_name(path: Path) -> str:
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if relative.startswith("..") else relative


class _Checker:
    """Collects located problems while the files are read and cross-checked."""

    def __init__(self):
        self.problems: list[Problem] = []

    def add(self, source: Source, path: tuple, message: str, code: str, warning=False):
        self.problems.append(
            Problem(source.file, source.line(path), tuple(path), message, code, warning)
        )

    def reporter(self, source: Source):
        return lambda path, message, code: self.add(source, path, message, code)


def _read_files(root: Path, checker: _Checker) -> tuple[list[Source], set]:
    files = sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    if not files:
        source = Source(_display_name(root), None)
        checker.add(source, (), "no questionnaire files (*.yaml) found here", "empty-library")
    sources, broken = [], set()
    for path in files:
        name = _display_name(path)
        try:
            text = path.read_text("utf-8")
        except UnicodeDecodeError as exc:
            checker.add(
                Source(name, None),
                (),
                f"not UTF-8 text ({exc.reason} at byte {exc.start}); save the file as UTF-8",
                "encoding",
            )
            continue
        source, problems = read_source(name, text)
        checker.problems.extend(problems)
        if source is None:
            continue
        before = len(checker.problems)
        check_shape(source.data, checker.reporter(source))
        if len(checker.problems) == before:
            sources.append(source)
        elif isinstance(source.data, dict):  # known, but broken: no cascade of "unknown" errors
            broken.add((source.data.get("kind"), source.data.get("id")))
    return sources, broken


def _check_question(q: dict, source: Source, path: tuple, checker: _Checker) -> None:
    add = lambda p, msg, code: checker.add(source, (*path, *p), msg, code)  # noqa: E731
    qtype = q["type"]
    options = q.get("options")
    scored = qtype in CHOICE_TYPES
    if scored and options is None and qtype != "yes_partial_no":
        add((), f"a {qtype} question needs 'options'", "missing-options")
    if not scored:
        for key in ("options", "allow_na", "dont_know", "critical", "recommendations"):
            if q.get(key):
                add(
                    (key,),
                    f"'{key}' has no effect on a {qtype} question (it is not scored); remove it",
                    "not-scored",
                )
    if qtype != "number":
        for key in ("min", "max", "unit"):
            if key in q:
                add((key,), f"'{key}' applies only to number questions; remove it", "wrong-field")
    elif "min" in q and "max" in q and q["min"] > q["max"]:
        add(("max",), f"max {q['max']} is below min {q['min']}", "range")
    if qtype != "text" and "max_length" in q:
        add(
            ("max_length",), "'max_length' applies only to text questions; remove it", "wrong-field"
        )
    values = []
    for index, option in enumerate(options or ()):
        value = option["value"]
        if value in RESERVED_VALUES:
            add(
                ("options", index, "value"),
                f"'{value}' is reserved; use allow_na or dont_know instead of an option",
                "reserved-value",
            )
        if value in values:
            add(
                ("options", index, "value"),
                f"option value '{value}' is used twice in this "
                "question; give each option its own value",
                "duplicate-id",
            )
        values.append(value)
        if qtype == "scale" and "descriptor" not in option:
            add(
                ("options", index),
                "a scale level needs a 'descriptor' saying what the level means in practice",
                "missing-descriptor",
            )
    if options is not None and scored:
        scores = [o["score"] for o in options]
        if qtype == "yes_partial_no" and sorted(values) != ["no", "partial", "yes"]:
            add(
                ("options",),
                "yes_partial_no options must be exactly yes, partial and no "
                "(or leave 'options' out for the defaults)",
                "wrong-options",
            )
        if qtype == "scale" and len(options) < 3:
            add(("options",), "a scale needs at least 3 levels", "too-few")
        best = min(1, sum(s for s in scores if s > 0)) if qtype == "multi_choice" else max(scores)
        if qtype != "multi_choice" and min(scores) > 0:
            add(
                ("options",),
                "no answer earns 0 points: give the weakest option score 0, so "
                "that the worst answers give 0",
                "no-worst",
            )
        if best < 1:
            add(
                ("options",),
                "no answer earns full points (1): give the best option score 1 "
                "(for multi_choice, the positive scores must add up to at least 1)",
                "no-best",
            )
    elif qtype == "yes_partial_no":
        values = ["yes", "partial", "no"]
    allowed = set(values) | ({"dont_know"} if q.get("dont_know", scored) else set())
    for index, rec in enumerate(q.get("recommendations", ())):
        rpath = ("recommendations", index)
        _check_refs(rec, source, (*path, *rpath), checker)
        if ("on" in rec) == ("below" in rec):
            add(
                rpath,
                "say when it applies with exactly one of 'on' (answers) or 'below' (points)",
                "trigger",
            )
        full = {o["value"] for o in options or () if o["score"] >= 1}
        if qtype == "yes_partial_no" and options is None:
            full = {"yes"}
        for j, value in enumerate(rec.get("on", ())):
            if value in full and qtype != "multi_choice":
                add(
                    (*rpath, "on", j),
                    f"'{value}' earns full points, so it can never call for this "
                    "recommendation; remove it",
                    "never-triggers",
                )
            elif value not in allowed:
                add(
                    (*rpath, "on", j),
                    f"'{value}' is not an answer of this question; use one of: "
                    f"{', '.join(sorted(allowed))}",
                    "unknown-value",
                )


def _check_refs(rec: dict, source: Source, path: tuple, checker: _Checker) -> None:
    for index, ref in enumerate(rec.get("refs", ())):
        why = check_reference(ref)
        if why:
            checker.add(source, (*path, "refs", index), why, "unknown-reference")


def _walk_condition(condition: dict, path: tuple):
    """Yield every (test, path) leaf of a condition."""
    if "question" in condition:
        yield condition, path
        return
    for op in ("all", "any"):
        for index, child in enumerate(condition.get(op, ())):
            yield from _walk_condition(child, (*path, op, index))
    if "not" in condition:
        yield from _walk_condition(condition["not"], (*path, "not"))


@dataclass
class _Entry:
    """A question as found in a file, with where it was found."""

    raw: dict
    source: Source
    path: tuple
    domain: str
    sector: str | None = None


def _index(sources: list[Source], checker: _Checker, broken: set):
    files = {"domain": {}, "sector": {}, "questionnaire": {}}
    questions: dict[str, _Entry] = {}
    recommendations: dict[str, tuple] = {}

    def note_rec(rec, source, path):
        if rec["id"] in recommendations:
            first = recommendations[rec["id"]]
            checker.add(
                source,
                (*path, "id"),
                f"recommendation id '{rec['id']}' is already used "
                f"in {first[0].file}:{first[0].line(first[1])}; ids are unique across "
                "the library",
                "duplicate-id",
            )
        else:
            recommendations[rec["id"]] = (source, (*path, "id"))

    def note_question(entry: _Entry):
        qid = entry.raw["id"]
        if qid in questions:
            first = questions[qid]
            checker.add(
                entry.source,
                (*entry.path, "id"),
                f"question id '{qid}' is already used "
                f"in {first.source.file}:{first.source.line((*first.path, 'id'))}; a "
                "question lives in one place",
                "duplicate-id",
            )
            return
        questions[qid] = entry
        _check_question(entry.raw, entry.source, entry.path, checker)
        for index, rec in enumerate(entry.raw.get("recommendations", ())):
            note_rec(rec, entry.source, (*entry.path, "recommendations", index))

    for source in sources:
        data = source.data
        kind = data["kind"]
        if data["id"] in files[kind]:
            first = files[kind][data["id"]]
            checker.add(
                source,
                ("id",),
                f"{kind} '{data['id']}' is already defined in "
                f"{first.file}; give this one another id",
                "duplicate-id",
            )
            continue
        files[kind][data["id"]] = source
        if kind == "domain":
            for index, q in enumerate(data["questions"]):
                note_question(_Entry(q, source, ("questions", index), data["id"]))
            for index, rec in enumerate(data.get("recommendations", ())):
                _check_refs(rec, source, ("recommendations", index), checker)
                note_rec(rec, source, ("recommendations", index))
        elif kind == "sector":
            for domain_id, block in data.get("domains", {}).items():
                for index, q in enumerate(block["questions"]):
                    path = ("domains", domain_id, "questions", index)
                    if "sectors" in q:
                        checker.add(
                            source,
                            (*path, "sectors"),
                            "a sector module's questions belong to its sector; remove 'sectors'",
                            "wrong-field",
                        )
                    note_question(_Entry(q, source, path, domain_id, data["id"]))
    for sector_source in files["sector"].values():
        data = sector_source.data
        for key in ("domain_weights", "domains"):
            for domain_id in data.get(key, {}):
                if domain_id not in files["domain"] and ("domain", domain_id) not in broken:
                    checker.add(
                        sector_source,
                        (key, domain_id),
                        f"no domain '{domain_id}' in the "
                        f"library; use one of: {', '.join(sorted(files['domain']))}",
                        "unknown-domain",
                    )
    return files, questions


def _compose(
    source: Source, files: dict, questions: dict, checker: _Checker, broken: set
) -> dict | None:
    data = source.data
    before = len(checker.problems)
    if any(
        (kind, ident) in broken
        for kind, ident in [("sector", s) for s in data["sectors"]]
        + [("domain", d if isinstance(d, str) else d.get("id")) for d in data["domains"]]
    ):
        return None  # a file it uses is broken and already reported
    sectors = []
    for index, sector_id in enumerate(data["sectors"]):
        if sector_id in data["sectors"][:index]:
            checker.add(
                source, ("sectors", index), f"sector '{sector_id}' is listed twice", "duplicate-id"
            )
            continue
        sector_source = files["sector"].get(sector_id)
        if sector_source is None:
            checker.add(
                source,
                ("sectors", index),
                f"sector '{sector_id}' has no sector file; "
                f"add sectors/{sector_id}.yaml with kind: sector",
                "unknown-sector",
            )
            continue
        sector = sector_source.data
        sectors.append(
            {
                "id": sector_id,
                "name": sector["name"],
                "domain_weights": dict(sector.get("domain_weights", {})),
            }
        )
    domains, seen = [], set()
    for index, entry in enumerate(data["domains"]):
        entry = {"id": entry} if isinstance(entry, str) else entry
        domain_source = files["domain"].get(entry["id"])
        if domain_source is None:
            checker.add(
                source,
                ("domains", index),
                f"no domain '{entry['id']}' in the library; "
                f"use one of: {', '.join(sorted(files['domain']))}",
                "unknown-domain",
            )
            continue
        if entry["id"] in seen:
            checker.add(
                source,
                ("domains", index),
                f"domain '{entry['id']}' is listed twice",
                "duplicate-id",
            )
            continue
        seen.add(entry["id"])
        domain = domain_source.data
        own = [q for q in domain["questions"]]
        extra = []
        for sector_id in data["sectors"]:
            block = files["sector"].get(sector_id)
            for q in (
                block.data.get("domains", {}).get(entry["id"], {}).get("questions", ())
                if block
                else ()
            ):
                extra.append({**q, "sectors": [sector_id]})
        chosen = own + extra
        if "questions" in entry:
            by_id = {q["id"]: q for q in chosen}
            chosen = []
            for j, qid in enumerate(entry["questions"]):
                if qid in entry["questions"][:j]:
                    checker.add(
                        source,
                        ("domains", index, "questions", j),
                        f"question '{qid}' is listed twice; list it once",
                        "duplicate-id",
                    )
                elif qid not in by_id:
                    checker.add(
                        source,
                        ("domains", index, "questions", j),
                        f"domain '{entry['id']}' has no question '{qid}'",
                        "unknown-question",
                    )
                else:
                    chosen.append(by_id[qid])
        composed = {k: copy.deepcopy(v) for k, v in domain.items() if k not in ("kind",)}
        composed["questions"] = copy.deepcopy(chosen)
        composed["weight"] = entry.get("weight", domain.get("weight", 1))
        domains.append(composed)
    _check_conditions(source, domains, questions, checker)
    if len(checker.problems) != before:
        return None
    content = {
        k: copy.deepcopy(v) for k, v in data.items() if k not in ("kind", "sectors", "domains")
    }
    content.update(sectors=sectors, domains=domains)
    return content


def _check_conditions(source: Source, domains: list, questions: dict, checker: _Checker):
    """Each condition refers to an earlier question of this questionnaire, with valid values."""
    asked: dict[str, dict] = {}
    for domain in domains:
        for q in domain["questions"]:
            entry = questions.get(q["id"])
            if entry is not None and "condition" in q:
                for test, path in _walk_condition(q["condition"], (*entry.path, "condition")):
                    why = _condition_problem(test, q, asked)
                    if why:
                        checker.add(
                            entry.source,
                            (*path, "question"),
                            f"{why} (in questionnaire '{source.data['id']}')",
                            "bad-condition",
                        )
            asked[q["id"]] = q


def _condition_problem(test: dict, question: dict, asked: dict) -> str | None:
    target = asked.get(test["question"])
    if target is None:
        return (
            f"the condition refers to '{test['question']}', which is not asked before "
            f"'{question['id']}'; a condition can only use earlier answers"
        )
    target_sectors = set(target.get("sectors") or ())
    own_sectors = set(question.get("sectors") or ())
    if target_sectors and (not own_sectors or not own_sectors <= target_sectors):
        return (
            f"'{test['question']}' is asked only in sectors {sorted(target_sectors)}, but "
            f"'{question['id']}' is asked in more; limit its sectors or change the condition"
        )
    ttype = target["type"]
    if ("at_least" in test or "at_most" in test) and ttype != "number":
        return f"at_least and at_most need a number question, and '{test['question']}' is {ttype}"
    for key in ("in", "not_in"):
        if key in test:
            if ttype not in CHOICE_TYPES:
                return f"'{key}' needs a choice question, and '{test['question']}' is {ttype}"
            values = (
                {"yes", "partial", "no"}
                if ttype == "yes_partial_no" and "options" not in target
                else {o["value"] for o in target.get("options") or ()}
            )
            for value in test[key]:
                if value not in values:
                    return (
                        f"'{value}' is not an option of '{test['question']}'; use one of: "
                        f"{', '.join(sorted(values))}"
                    )
    return None


def _in_order(problems: list[Problem]) -> list[Problem]:
    """Problems by file and line (paths mix names and indexes, so they sort as text)."""
    return sorted(problems, key=lambda p: (p.file, p.line, format_path(p.path), p.message))


def check_library(root: str | Path) -> tuple[Library | None, list[Problem]]:
    """Check every file below `root`; return the library (None if broken) and all problems."""
    root = Path(root)
    checker = _Checker()
    sources, broken = _read_files(root, checker) if root.is_dir() else ([], set())
    if not root.is_dir():
        checker.add(Source(_display_name(root), None), (), "no such folder", "not-found")
    files, questions = _index(sources, checker, broken)
    composed = {}
    for qid, source in files["questionnaire"].items():
        content = _compose(source, files, questions, checker, broken)
        if content is not None:
            composed[qid] = content
    errors = [p for p in checker.problems if not p.warning]
    if errors:
        return None, _in_order(checker.problems)
    built = {qid: build_questionnaire(content) for qid, content in composed.items()}
    lines = {
        qid: (source.file, source.line(("version",)))
        for qid, source in files["questionnaire"].items()
    }
    library = Library(root, built, len(sources), [p for p in checker.problems if p.warning], lines)
    return library, _in_order(checker.problems)


def load_library(root: str | Path) -> Library:
    """The checked library at `root`; raises LibraryError listing every problem."""
    library, problems = check_library(root)
    if library is None:
        raise LibraryError(problems)
    return library
