"""Answers: checking a value against its question, and which questions conditions show."""

from __future__ import annotations

import math
import re
import unicodedata

from .model import Question, Questionnaire
from .spec import MAX_NUMBER, is_usable_number

NA, DONT_KNOW = "na", "dont_know"
NONE_OPTION = "none"  # in a multiple-choice question, "none of these": never with other options
_UNWANTED = re.compile("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def clean_text(text: str) -> str:
    """Text as stored: NFC, without control characters or bidi overrides (user text is kept)."""
    return _UNWANTED.sub("", unicodedata.normalize("NFC", text))


def is_real_answer(value) -> bool:
    """Whether `value` is an answer other than not-applicable or don't-know."""
    return value is not None and value not in (NA, DONT_KNOW)


def check_answer(question: Question, value) -> tuple[object, str | None]:
    """The value as it will be stored, or an error message saying what is expected."""
    if value == NA:
        return (
            (value, None)
            if question.allow_na
            else (None, "this question does not accept 'na' (not applicable)")
        )
    if value == DONT_KNOW:
        return (
            (value, None)
            if question.dont_know
            else (None, "this question does not accept 'dont_know'")
        )
    values = [o.value for o in question.options]
    if question.type in ("single_choice", "scale", "yes_partial_no"):
        if not isinstance(value, str):
            return None, f"expected one option value as a string, one of: {', '.join(values)}"
        if value not in values:
            return None, f"'{value}' is not an option; use one of: {', '.join(values)}"
        return value, None
    if question.type == "multi_choice":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return None, f"expected a list of option values from: {', '.join(values)}"
        unknown = [v for v in value if v not in values]
        if unknown:
            return None, f"'{unknown[0]}' is not an option; use values from: {', '.join(values)}"
        if NONE_OPTION in value and len(set(value)) > 1:
            return None, f"'{NONE_OPTION}' (none of these) cannot be combined with other options"
        return sorted(set(value), key=values.index), None
    if question.type == "number":
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not is_usable_number(value)
        ):
            return None, f"expected a number between -{MAX_NUMBER:.0e} and {MAX_NUMBER:.0e}"
        if question.min is not None and value < question.min:
            return None, f"{value} is below the minimum {question.min}"
        if question.max is not None and value > question.max:
            return None, f"{value} is above the maximum {question.max}"
        return value, None
    if not isinstance(value, str):
        return None, "expected text"
    value = clean_text(value)
    if len(value) > question.max_length:
        return None, f"the text is {len(value)} characters long; the limit is {question.max_length}"
    return value, None


def _test(test: dict, answers: dict, shown: dict) -> bool:
    qid = test["question"]
    value = answers.get(qid) if shown.get(qid) else None
    real = is_real_answer(value)
    if "answered" in test:
        return real == test["answered"]
    if not real:
        return False
    selected = set(value) if isinstance(value, list) else {value}
    if "in" in test:
        return bool(selected & set(test["in"]))
    if "not_in" in test:
        return not selected & set(test["not_in"])
    if not isinstance(value, int | float):
        return False
    return (value >= test.get("at_least", -math.inf)) and (value <= test.get("at_most", math.inf))


def evaluate_condition(condition: dict, answers: dict, shown: dict) -> bool:
    """Whether a condition holds, given the answers and which earlier questions are shown."""
    if "question" in condition:
        return _test(condition, answers, shown)
    if "all" in condition:
        return all(evaluate_condition(c, answers, shown) for c in condition["all"])
    if "any" in condition:
        return any(evaluate_condition(c, answers, shown) for c in condition["any"])
    return not evaluate_condition(condition["not"], answers, shown)


def visible_questions(form: Questionnaire, answers: dict) -> dict[str, bool]:
    """For each question of a sector's form, in order, whether its condition shows it."""
    shown: dict[str, bool] = {}
    for question in form.questions():
        shown[question.id] = question.condition is None or evaluate_condition(
            question.condition, answers, shown
        )
    return shown


def answer_text(question: Question, value, lang: str, words: dict) -> str:
    """An answer as a reader sees it, in `lang`. `words` gives what is written for no answer
    ("none"), not applicable ("na"), "dont_know", and a multiple choice with nothing ticked
    ("nothing")."""
    if value is None:
        return words["none"]
    if value in (NA, DONT_KNOW):
        return words[value]
    if isinstance(value, list):
        labels = [o.label[lang] for o in question.options if o.value in value]
        return ("، " if lang == "ar" else ", ").join(labels) or words["nothing"]
    option = question.option(value) if question.options else None
    return option.label[lang] if option else str(value)
