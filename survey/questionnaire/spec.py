"""The shape of questionnaire files, declared once: it checks files and prints the JSON Schema."""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable

LANGUAGES = ("ar", "fr", "en")
SECTORS = ("general", "banking", "insurance", "industry", "professional_services", "public_sector")
SIZE_BANDS = ("1-9", "10-49", "50-249", "250+")
QUESTION_TYPES = ("single_choice", "multi_choice", "scale", "yes_partial_no", "number", "text")
CHOICE_TYPES = ("single_choice", "multi_choice", "scale", "yes_partial_no")
EFFORTS = ("low", "medium", "high")
HORIZONS = ("30d", "90d", "12m")
RESERVED_VALUES = ("na", "dont_know")
ID_PATTERN = r"^[a-z][a-z0-9_]*$"
MAX_TEXT_LENGTH = 10000
MAX_NUMBER = 1e15  # numbers beyond this are typing mistakes, and lose precision as floats

Report = Callable[[tuple, str, str], None]


class Node:
    """A kind of value in a file: it checks a value and describes itself as JSON Schema."""

    description = ""

    def check(self, value, path: tuple, report: Report) -> None:
        raise NotImplementedError

    def schema(self) -> dict:
        raise NotImplementedError

    def _with_description(self, schema: dict) -> dict:
        if self.description:
            schema["description"] = self.description
        return schema


def _type_name(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a map"
    return type(value).__name__


def is_usable_number(value) -> bool:
    """Finite and within ±MAX_NUMBER (an integer too large for a float is not usable)."""
    try:
        return math.isfinite(value) and abs(value) <= MAX_NUMBER
    except OverflowError:
        return False


class Str(Node):
    def __init__(self, pattern: str | None = None, max_length: int = 200, description: str = ""):
        self.pattern, self.max_length, self.description = pattern, max_length, description

    def check(self, value, path, report):
        if not isinstance(value, str):
            report(path, f"expected text, found {_type_name(value)}", "type")
        elif not value.strip():
            report(path, "is empty; write the text", "empty")
        elif len(value) > self.max_length:
            report(
                path,
                f"is {len(value)} characters long; keep it under {self.max_length}",
                "too-long",
            )
        elif self.pattern and not re.match(self.pattern, value):
            report(path, f"'{value}' does not match {self.pattern}", "pattern")

    def schema(self):
        out = {"type": "string", "minLength": 1, "maxLength": self.max_length}
        if self.pattern:
            out["pattern"] = self.pattern
        return self._with_description(out)


class Id(Str):
    def __init__(self, description: str = ""):
        super().__init__(ID_PATTERN, 64, description)

    def check(self, value, path, report):
        if isinstance(value, str) and value and not re.match(ID_PATTERN, value):
            report(
                path,
                f"id '{value}' must be lower-case letters, digits and _ and start with a letter",
                "bad-id",
            )
        else:
            super().check(value, path, report)


class Num(Node):
    def __init__(
        self,
        minimum=None,
        maximum=None,
        exclusive_minimum=None,
        integer=False,
        description: str = "",
    ):
        self.minimum, self.maximum = minimum, maximum
        self.exclusive_minimum, self.integer = exclusive_minimum, integer
        self.description = description

    def check(self, value, path, report):
        if isinstance(value, bool) or not isinstance(value, int | float):
            report(path, f"expected a number, found {_type_name(value)}", "type")
        elif not is_usable_number(value):
            report(path, f"{value} is not a usable number; write a plain number", "type")
        elif self.integer and not isinstance(value, int):
            report(path, f"expected a whole number, found {value}", "type")
        elif self.minimum is not None and value < self.minimum:
            report(path, f"{value} is below {self.minimum}", "range")
        elif self.exclusive_minimum is not None and value <= self.exclusive_minimum:
            report(path, f"{value} must be above {self.exclusive_minimum}", "range")
        elif self.maximum is not None and value > self.maximum:
            report(path, f"{value} is above {self.maximum}", "range")

    def schema(self):
        out = {"type": "integer" if self.integer else "number"}
        for key, bound in (
            ("minimum", self.minimum),
            ("maximum", self.maximum),
            ("exclusiveMinimum", self.exclusive_minimum),
        ):
            if bound is not None:
                out[key] = bound
        return self._with_description(out)


class Bool(Node):
    def __init__(self, description: str = ""):
        self.description = description

    def check(self, value, path, report):
        if not isinstance(value, bool):
            report(path, f"expected true or false, found {_type_name(value)}", "type")

    def schema(self):
        return self._with_description({"type": "boolean"})


class Enum(Node):
    def __init__(self, values, description: str = ""):
        self.values, self.description = tuple(values), description

    def check(self, value, path, report):
        if value not in self.values:
            hint = difflib.get_close_matches(str(value), self.values, n=1)
            fix = f"did you mean '{hint[0]}'? " if hint else ""
            report(
                path,
                f"'{value}' is not allowed; {fix}use one of: {', '.join(self.values)}",
                "unknown-value",
            )

    def schema(self):
        return self._with_description({"enum": list(self.values)})


class Text(Node):
    """A user-visible text in every language."""

    def __init__(self, max_length: int = 2000, description: str = ""):
        self.max_length, self.description = max_length, description

    def check(self, value, path, report):
        if not isinstance(value, dict):
            report(
                path,
                f"expected a map of translations {{ar: ..., fr: ..., en: ...}}, found "
                f"{_type_name(value)}",
                "type",
            )
            return
        for lang in LANGUAGES:
            if lang not in value:
                report(
                    path,
                    f"the '{lang}' translation is missing; add {lang}: \"...\"",
                    "missing-translation",
                )
            else:
                Str(max_length=self.max_length).check(value[lang], (*path, lang), report)
        for extra in value:
            if extra not in LANGUAGES:
                report(
                    (*path, extra),
                    f"'{extra}' is not a language of the library; use {', '.join(LANGUAGES)}",
                    "unknown-language",
                )

    def schema(self):
        text = {"type": "string", "minLength": 1, "maxLength": self.max_length}
        return self._with_description(
            {
                "type": "object",
                "properties": {lang: text for lang in LANGUAGES},
                "required": list(LANGUAGES),
                "additionalProperties": False,
            }
        )


class List(Node):
    def __init__(self, item: Node, min_items: int = 0, description: str = ""):
        self.item, self.min_items, self.description = item, min_items, description

    def check(self, value, path, report):
        if not isinstance(value, list):
            report(path, f"expected a list, found {_type_name(value)}", "type")
            return
        if len(value) < self.min_items:
            report(
                path, f"has {len(value)} item(s); at least {self.min_items} are needed", "too-few"
            )
        for index, item in enumerate(value):
            self.item.check(item, (*path, index), report)

    def schema(self):
        out = {"type": "array", "items": self.item.schema()}
        if self.min_items:
            out["minItems"] = self.min_items
        return self._with_description(out)


class Dict(Node):
    """A map whose keys are ids and whose values all have one shape."""

    def __init__(self, key: Node, value: Node, description: str = ""):
        self.key, self.value, self.description = key, value, description

    def check(self, value, path, report):
        if not isinstance(value, dict):
            report(path, f"expected a map, found {_type_name(value)}", "type")
            return
        for key, item in value.items():
            self.key.check(key, (*path, key), report)
            self.value.check(item, (*path, key), report)

    def schema(self):
        key = self.key.schema()
        key.pop("description", None)
        return self._with_description(
            {"type": "object", "propertyNames": key, "additionalProperties": self.value.schema()}
        )


class Obj(Node):
    """A map with named keys, some required."""

    def __init__(self, fields: dict[str, Node], required=(), description: str = ""):
        self.fields, self.required, self.description = fields, tuple(required), description

    def check(self, value, path, report):
        if not isinstance(value, dict):
            report(path, f"expected a map, found {_type_name(value)}", "type")
            return
        for key in self.required:
            if key not in value:
                report(path, f"'{key}' is missing; add it", "missing-key")
        for key, item in value.items():
            if key in self.fields:
                self.fields[key].check(item, (*path, key), report)
            else:
                hint = difflib.get_close_matches(str(key), self.fields, n=1)
                fix = f"did you mean '{hint[0]}'?" if hint else f"allowed: {', '.join(self.fields)}"
                report((*path, key), f"unknown key '{key}'; {fix}", "unknown-key")

    def schema(self):
        return self._with_description(
            {
                "type": "object",
                "properties": {key: node.schema() for key, node in self.fields.items()},
                "required": list(self.required),
                "additionalProperties": False,
            }
        )


class AnyOf(Node):
    """One of several shapes, chosen by a test on the value."""

    def __init__(self, choices: list[tuple[Callable, Node]], expected: str, description: str = ""):
        self.choices, self.expected, self.description = choices, expected, description

    def check(self, value, path, report):
        for test, node in self.choices:
            if test(value):
                node.check(value, path, report)
                return
        report(path, f"expected {self.expected}, found {_type_name(value)}", "type")

    def schema(self):
        return self._with_description({"anyOf": [node.schema() for _, node in self.choices]})


class Ref(Node):
    """A named shape, defined once in the schema's $defs (used for recursion)."""

    def __init__(self, name: str, resolve: Callable[[], Node]):
        self.name, self.resolve = name, resolve

    def check(self, value, path, report):
        self.resolve().check(value, path, report)

    def schema(self):
        return {"$ref": f"#/$defs/{self.name}"}


class Condition(Node):
    """A condition on earlier answers: a test on one question, or all/any/not of conditions."""

    description = "Show the question only when earlier answers match."
    TESTS = ("in", "not_in", "at_least", "at_most", "answered")

    def check(self, value, path, report):
        if not isinstance(value, dict):
            report(path, f"expected a condition map, found {_type_name(value)}", "type")
            return
        if "question" not in value:
            for op in ("all", "any"):
                if op in value:
                    if len(value) != 1:
                        report(path, f"'{op}' must stand alone in its map", "bad-condition")
                    List(self, 1).check(value[op], (*path, op), report)
                    return
            if "not" in value:
                if len(value) != 1:
                    report(path, "'not' must stand alone in its map", "bad-condition")
                self.check(value["not"], (*path, "not"), report)
                return
            report(
                path,
                "a condition needs 'question' (with in, not_in, at_least, at_most or "
                "answered), or one of all, any, not",
                "bad-condition",
            )
            return
        Id().check(value["question"], (*path, "question"), report)
        tests = [key for key in value if key != "question"]
        unknown = [key for key in tests if key not in self.TESTS]
        for key in unknown:
            report(
                (*path, key),
                f"unknown test '{key}'; use one of: {', '.join(self.TESTS)}",
                "bad-condition",
            )
        known = [key for key in tests if key in self.TESTS]
        if not known and not unknown:
            report(path, f"say what to test: one of {', '.join(self.TESTS)}", "bad-condition")
        for key in known:
            item = value[key]
            if key in ("in", "not_in"):
                List(Id(), 1).check(item, (*path, key), report)
            elif key == "answered":
                Bool().check(item, (*path, key), report)
            else:
                Num().check(item, (*path, key), report)
        if len(known) > 1 and set(known) != {"at_least", "at_most"}:
            report(
                path,
                "use one test per condition (or at_least with at_most); combine several with all",
                "bad-condition",
            )

    def schema(self):
        ids = {"type": "array", "items": Id().schema(), "minItems": 1}
        ref = {"$ref": "#/$defs/condition"}
        return {
            "description": self.description,
            "anyOf": [
                {
                    "type": "object",
                    "required": ["question"],
                    "additionalProperties": False,
                    "properties": {
                        "question": Id().schema(),
                        "in": ids,
                        "not_in": ids,
                        "at_least": {"type": "number"},
                        "at_most": {"type": "number"},
                        "answered": {"type": "boolean"},
                    },
                },
                {
                    "type": "object",
                    "required": ["all"],
                    "additionalProperties": False,
                    "properties": {"all": {"type": "array", "items": ref, "minItems": 1}},
                },
                {
                    "type": "object",
                    "required": ["any"],
                    "additionalProperties": False,
                    "properties": {"any": {"type": "array", "items": ref, "minItems": 1}},
                },
                {
                    "type": "object",
                    "required": ["not"],
                    "additionalProperties": False,
                    "properties": {"not": ref},
                },
            ],
        }


REFERENCE_PATTERN = r"^[A-Z0-9][A-Z0-9-]*:\S.*$"
CONDITION = Ref("condition", Condition)

OPTION = Obj(
    {
        "value": Id("The stored answer value; stable, never reuse it for another meaning."),
        "score": Num(0, 1, description="Points in [0, 1] this option earns."),
        "label": Text(300),
        "descriptor": Text(1000, "What this option means in practice."),
    },
    required=("value", "score", "label"),
)

RECOMMENDATION_FIELDS = {
    "id": Id(),
    "weight": Num(1, 5, description="How much it matters: 1 nice to have, 5 essential."),
    "effort": Enum(EFFORTS),
    "horizon": Enum(HORIZONS, "30d: quick win within 30 days; 90d; 12m."),
    "refs": List(Str(REFERENCE_PATTERN, 80), description="Framework references, FRAMEWORK:ID."),
    "title": Text(300, "The action, as an imperative."),
    "why": Text(2000, "Why it matters."),
    "how": Text(2000, "The first concrete steps."),
}
RECOMMENDATION_REQUIRED = ("id", "weight", "effort", "horizon", "title", "why", "how")

QUESTION_RECOMMENDATION = Obj(
    {
        **RECOMMENDATION_FIELDS,
        "on": List(Id(), 1, "Answers that trigger it (dont_know allowed)."),
        "below": Num(
            exclusive_minimum=0,
            maximum=1,
            description="Trigger when the question's points are below this.",
        ),
    },
    required=RECOMMENDATION_REQUIRED,
)

DOMAIN_RECOMMENDATION = Obj(
    {
        **RECOMMENDATION_FIELDS,
        "levels": List(Num(1, 5, integer=True), 1, "Domain maturity levels that trigger it."),
    },
    required=(*RECOMMENDATION_REQUIRED, "levels"),
)

QUESTION = Obj(
    {
        "id": Id("Stable question id, unique in the library."),
        "type": Enum(QUESTION_TYPES),
        "text": Text(500),
        "help": Text(2000),
        "weight": Num(exclusive_minimum=0, maximum=100),
        "required": Bool(),
        "allow_na": Bool("Offer 'not applicable' (value na)."),
        "dont_know": Bool("Offer 'don't know' (value dont_know); default true for scored types."),
        "critical": Bool("A critical control: under half its points caps the domain at level 2."),
        "sectors": List(Enum(SECTORS), 1),
        "condition": CONDITION,
        "options": List(OPTION, 2),
        "min": Num(),
        "max": Num(),
        "unit": Text(50),
        "max_length": Num(1, MAX_TEXT_LENGTH, integer=True),
        "recommendations": List(QUESTION_RECOMMENDATION),
    },
    required=("id", "type", "text"),
)

DOMAIN = Obj(
    {
        "kind": Enum(("domain",)),
        "id": Id(),
        "title": Text(200),
        "description": Text(2000),
        "weight": Num(exclusive_minimum=0, maximum=100),
        "questions": List(QUESTION, 1),
        "recommendations": List(DOMAIN_RECOMMENDATION),
    },
    required=("kind", "id", "title", "questions"),
)

SECTOR = Obj(
    {
        "kind": Enum(("sector",)),
        "id": Enum(SECTORS),
        "name": Text(200),
        "description": Text(2000),
        "domain_weights": Dict(Id(), Num(exclusive_minimum=0, maximum=100)),
        "domains": Dict(Id(), Obj({"questions": List(QUESTION, 1)}, required=("questions",))),
    },
    required=("kind", "id", "name"),
)

DOMAIN_ENTRY = AnyOf(
    [
        (lambda v: isinstance(v, str), Id()),
        (
            lambda v: isinstance(v, dict),
            Obj(
                {
                    "id": Id(),
                    "weight": Num(exclusive_minimum=0, maximum=100),
                    "questions": List(Id(), 1, "Only these questions of the domain."),
                },
                required=("id",),
            ),
        ),
    ],
    "a domain id or {id: ..., weight: ..., questions: [...]}",
)

QUESTIONNAIRE = Obj(
    {
        "kind": Enum(("questionnaire",)),
        "id": Id(),
        "version": Num(1, integer=True, description="Raise it whenever the content changes."),
        "title": Text(200),
        "description": Text(2000),
        "duration_minutes": Num(1, 600, integer=True),
        "sectors": List(Enum(SECTORS), 1),
        "domains": List(DOMAIN_ENTRY, 1),
    },
    required=("kind", "id", "version", "title", "sectors", "domains"),
)

KINDS = {"questionnaire": QUESTIONNAIRE, "domain": DOMAIN, "sector": SECTOR}


def check_shape(data, report: Report) -> None:
    """Check one file's structure against the spec of its `kind`."""
    if not isinstance(data, dict):
        report((), f"expected a map with a 'kind' at the top, found {_type_name(data)}", "type")
        return
    kind = data.get("kind")
    if kind not in KINDS:
        Enum(KINDS).check(kind, ("kind",), report)
        return
    KINDS[kind].check(data, (), report)


def json_schema() -> dict:
    """The JSON Schema of a questionnaire library file (any kind)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://survey.local/schema/questionnaire-file.json",
        "title": "Questionnaire library file",
        "description": "A domain module, a sector module or a questionnaire; see "
        "questionnaires/README.md.",
        "oneOf": [node.schema() for node in KINDS.values()],
        "$defs": {"condition": Condition().schema()},
    }
