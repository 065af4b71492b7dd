"""The questionnaire format: composition, sectors, and coded, located errors for broken files."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml
from conftest import GENERAL, TEXT, recommendation, write_library

from survey.questionnaire import check_library, json_schema, load_library
from survey.questionnaire.errors import LibraryError

DOMAIN = f"""\
kind: domain
id: cyber
title: {TEXT}
questions:
  - id: staff
    type: number
    text: {TEXT}
    min: 0
  - id: mfa
    type: yes_partial_no
    text: {TEXT}
    critical: true
    recommendations:
      - {recommendation("rec_mfa", refs="[CSF:PR.AA-03, CIS:6.5]")}
  - id: backup
    type: single_choice
    text: {TEXT}
    condition: {{question: staff, at_least: 10}}
    options:
      - {{value: none, score: 0, label: {TEXT}}}
      - {{value: tested, score: 1, label: {TEXT}}}
"""
BANKING = f"""\
kind: sector
id: banking
name: {TEXT}
domain_weights: {{cyber: 2}}
domains:
  cyber:
    questions:
      - id: swift
        type: yes_partial_no
        text: {TEXT}
"""
QUESTIONNAIRE = f"""\
kind: questionnaire
id: check
version: 1
title: {TEXT}
sectors: [general, banking]
domains: [cyber]
"""


def library_files(**changes):
    files = {
        "domains/cyber.yaml": DOMAIN,
        "sectors/general.yaml": GENERAL,
        "sectors/banking.yaml": BANKING,
        "check.yaml": QUESTIONNAIRE,
    }
    files.update(changes)
    return files


def problems_of(tmp_path, **changes):
    library, problems = check_library(write_library(tmp_path, library_files(**changes)))
    return library, [str(p) for p in problems]


def test_good_library_composes_sectors(tmp_path):
    library = load_library(write_library(tmp_path, library_files()))
    questionnaire = library.get("check")
    general = questionnaire.for_sector("general")
    banking = questionnaire.for_sector("banking")
    assert [q.id for q in general.questions()] == ["staff", "mfa", "backup"]
    assert [q.id for q in banking.questions()] == ["staff", "mfa", "backup", "swift"]
    assert general.domains[0].weight == 1 and banking.domains[0].weight == 2
    assert [o.value for o in general.question_map()["mfa"].options] == ["yes", "partial", "no"]


def test_content_hash_changes_with_content_only(tmp_path):
    first = load_library(write_library(tmp_path / "a", library_files())).get("check")
    again = load_library(write_library(tmp_path / "b", library_files())).get("check")
    changed = load_library(
        write_library(
            tmp_path / "c",
            library_files(**{"domains/cyber.yaml": DOMAIN.replace("min: 0", "min: 1")}),
        )
    ).get("check")
    assert first.content_hash == again.content_hash != changed.content_hash


def test_subset_of_questions(tmp_path):
    quick = QUESTIONNAIRE.replace("id: check", "id: quick").replace(
        "domains: [cyber]", "domains: [{id: cyber, questions: [mfa], weight: 3}]"
    )
    library = load_library(write_library(tmp_path, library_files(**{"quick.yaml": quick})))
    form = library.get("quick").for_sector("banking")
    assert [q.id for q in form.questions()] == ["mfa"]
    assert form.domains[0].weight == 2  # the sector's weight wins over the questionnaire's


def test_yes_and_no_stay_text(tmp_path):
    """YAML 1.1 would read yes/no/on as booleans; option values and `on:` must stay ids."""
    library = load_library(write_library(tmp_path, library_files()))
    rec = library.get("check").question_map()["mfa"].recommendations[0]
    assert rec.on == {"no", "partial", "dont_know"}


BROKEN = [
    # (file, old text, new text, expected "file:line: path" start, code)
    (
        "domains/cyber.yaml",
        "score: 1, label",
        "score: 1.5, label",
        "domains/cyber.yaml:21: questions[2].options[1].score: 1.5 is above 1",
        "range",
    ),
    (
        "domains/cyber.yaml",
        "id: backup",
        "id: mfa",
        "domains/cyber.yaml:15: questions[2].id: question id 'mfa' is already used",
        "duplicate-id",
    ),
    (
        "domains/cyber.yaml",
        "at_least: 10}",
        "at_least: 10, in: [x]}",
        "domains/cyber.yaml:18: questions[2].condition",
        "bad-condition",
    ),
    (
        "domains/cyber.yaml",
        "{question: staff, at_least: 10}",
        "{question: later, in: [x]}",
        "domains/cyber.yaml:18: questions[2].condition.question: the condition refers to 'later'",
        "bad-condition",
    ),
    (
        "domains/cyber.yaml",
        "{question: staff, at_least: 10}",
        "{question: mfa, in: [maybe]}",
        "domains/cyber.yaml:18: questions[2].condition.question: 'maybe' is not an option",
        "bad-condition",
    ),
    (
        "domains/cyber.yaml",
        "{question: staff, at_least: 10}",
        "{question: mfa, at_least: 1}",
        "domains/cyber.yaml:18: questions[2].condition.question: at_least and at_most need a "
        "number question",
        "bad-condition",
    ),
    (
        "domains/cyber.yaml",
        "type: single_choice",
        "type: single_choise",
        "domains/cyber.yaml:16: questions[2].type: 'single_choise' is not allowed; did you mean "
        "'single_choice'?",
        "unknown-value",
    ),
    (
        "domains/cyber.yaml",
        "title: {ar: نص, fr: Texte, en: Text}\nquestions",
        "title: {fr: Texte, en: Text}\nquestions",
        "domains/cyber.yaml:3: title: the 'ar' translation is missing",
        "missing-translation",
    ),
    (
        "domains/cyber.yaml",
        "CIS:6.5",
        "CIS:99.1",
        "domains/cyber.yaml:14: questions[1].recommendations[0].refs[1]: '99.1' is not an id of "
        "CIS Controls v8",
        "unknown-reference",
    ),
    (
        "domains/cyber.yaml",
        "    min: 0",
        "    min: 0\n    colour: red",
        "domains/cyber.yaml:9: questions[0].colour: unknown key 'colour'",
        "unknown-key",
    ),
    (
        "domains/cyber.yaml",
        "      - {value: none, score: 0",
        "      - {value: na, score: 0",
        "domains/cyber.yaml:20: questions[2].options[0].value: 'na' is reserved",
        "reserved-value",
    ),
    (
        "domains/cyber.yaml",
        "score: 1, label",
        "score: 0.5, label",
        "domains/cyber.yaml:19: questions[2].options: no answer earns full points",
        "no-best",
    ),
    (
        "domains/cyber.yaml",
        "questions:\n  - id: staff",
        "questions:\n  - id: staff\n  - id: staff",
        "domains/cyber.yaml:5: questions[0]: 'type' is missing",
        "missing-key",
    ),
    (
        "sectors/banking.yaml",
        "id: banking",
        "id: banks",
        "sectors/banking.yaml:2: id: 'banks' is not allowed",
        "unknown-value",
    ),
    (
        "check.yaml",
        "sectors: [general, banking]",
        "sectors: [general, banking, industry]",
        "check.yaml:5: sectors[2]: sector 'industry' has no sector file",
        "unknown-sector",
    ),
    (
        "check.yaml",
        "domains: [cyber]",
        "domains: [cyber, hr]",
        "check.yaml:6: domains[1]: no domain 'hr' in the library",
        "unknown-domain",
    ),
    (
        "check.yaml",
        "version: 1",
        "version: 1\nversion: 2",
        "check.yaml:4: version: key 'version' appears twice",
        "duplicate-key",
    ),
    ("check.yaml", "title:", "title: [", "check.yaml:", "yaml-syntax"),
]


def _refused(tmp_path, file, old, new) -> list:
    """Apply one edit to a good library; assert the library is refused; return its problems."""
    files = library_files()
    assert old in files[file], "the test case does not apply"
    files[file] = files[file].replace(old, new, 1)
    library, problems = check_library(write_library(tmp_path, files))
    assert library is None
    return problems


@pytest.mark.parametrize(
    ("file", "old", "new", "expected", "code"),
    BROKEN,
    ids=[case[-1] + "-" + str(i) for i, case in enumerate(BROKEN)],
)
def test_broken_file_is_refused_with_file_line_and_path(
    tmp_path, monkeypatch, file, old, new, expected, code
):
    monkeypatch.chdir(tmp_path)
    problems = _refused(tmp_path, file, old, new)
    lines = [str(p) for p in problems]
    assert any(line.startswith(expected) and line.endswith(f"[{code}]") for line in lines), lines
    with pytest.raises(LibraryError) as caught:
        load_library(tmp_path)
    assert expected in str(caught.value)


def test_a_broken_module_does_not_cascade(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    files = library_files()
    files["domains/cyber.yaml"] = files["domains/cyber.yaml"].replace("score: 1,", "score: 2,")
    _, problems = check_library(write_library(tmp_path, files))
    assert [p.code for p in problems] == ["range"]


def test_empty_folder(tmp_path):
    library, problems = check_library(tmp_path)
    assert library is None and problems[0].code == "empty-library"


def test_json_schema_accepts_good_files_and_rejects_bad_ones(tmp_path):
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for text in library_files().values():
        data = yaml.load(
            text, Loader=__import__("survey.questionnaire.source", fromlist=["Loader"]).Loader
        )
        assert not list(validator.iter_errors(data)), text
    bad = yaml.safe_load(DOMAIN.replace("score: 1, label", "score: 1.5, label"))
    assert list(validator.iter_errors(bad))
    json.dumps(schema)


MORE_BROKEN = [
    # (file, old, new, code): each is refused with a located line, never a traceback
    ("domains/cyber.yaml", "min: 0", "min: .nan", "type"),
    ("domains/cyber.yaml", "min: 0", "min: 1e400", "type"),
    ("domains/cyber.yaml", "    min: 0", "    min: 0\n    weight: .inf", "type"),
    ("domains/cyber.yaml", "id: cyber", "id: &a [*a]", "yaml-alias"),
    ("domains/cyber.yaml", "text: {ar: نص", "text: {1: x, ar: نص", "unknown-language"),
    (
        "domains/cyber.yaml",
        "    options:\n      - {value: none, score: 0, label: "
        "{ar: نص, fr: Texte, en: Text}}\n      - {value: tested, score: 1, label: "
        "{ar: نص, fr: Texte, en: Text}}\n",
        "",
        "missing-options",
    ),
    ("domains/cyber.yaml", "on: [no, partial, dont_know]", "on: [yes, no]", "never-triggers"),
    (
        "domains/cyber.yaml",
        "{question: staff, at_least: 10}",
        "{not: {question: staff, at_least: 10}, junk: 1}",
        "bad-condition",
    ),
    ("check.yaml", "sectors: [general, banking]", "sectors: [general, general]", "duplicate-id"),
    (
        "check.yaml",
        "domains: [cyber]",
        "domains: [{id: cyber, questions: [staff, mfa, mfa]}]",
        "duplicate-id",
    ),
]


@pytest.mark.parametrize(
    ("file", "old", "new", "code"),
    MORE_BROKEN,
    ids=[f"{c[-1]}-{i}" for i, c in enumerate(MORE_BROKEN)],
)
def test_more_broken_files_are_refused_not_crashed(tmp_path, monkeypatch, file, old, new, code):
    monkeypatch.chdir(tmp_path)
    problems = _refused(tmp_path, file, old, new)
    assert code in {p.code for p in problems}, [str(p) for p in problems]
    assert all(p.file == file and p.line >= 1 for p in problems if p.code == code)


def test_single_choice_without_options_in_a_condition(tmp_path, monkeypatch):
    """A missing `options` used by a later condition is reported, not a KeyError."""
    monkeypatch.chdir(tmp_path)
    domain = DOMAIN.replace("{question: staff, at_least: 10}", "{question: pick, in: [x]}")
    domain = domain.replace(
        "  - id: mfa\n", f"  - id: pick\n    type: single_choice\n    text: {TEXT}\n  - id: mfa\n"
    )
    _, problems = check_library(
        write_library(tmp_path, library_files(**{"domains/cyber.yaml": domain}))
    )
    assert "missing-options" in {p.code for p in problems}
