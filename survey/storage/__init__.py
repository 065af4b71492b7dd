"""Storage on SQLite through sqlite-utils: connections, migrations, transactions, queries."""

from .assessments import (
    answers_of,
    assessments_pinning_other_than,
    create_assessment,
    find_assessment,
    load_definition,
    pinned_definitions,
    repin,
    rescores_of,
    save_answers,
    save_page,
    submit_assessment,
)
from .database import Conflict, connect, immediate, migrate

__all__ = [
    "assessments_pinning_other_than",
    "repin",
    "rescores_of",
    "Conflict",
    "answers_of",
    "connect",
    "create_assessment",
    "find_assessment",
    "immediate",
    "load_definition",
    "migrate",
    "pinned_definitions",
    "save_answers",
    "save_page",
    "submit_assessment",
]
