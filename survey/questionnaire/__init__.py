"""The questionnaire: its file format, checks with located errors, and its model."""

from .errors import LibraryError, Problem
from .library import Library, check_library, load_library
from .model import Domain, Option, Question, Questionnaire, Recommendation, build_questionnaire
from .spec import LANGUAGES, SECTORS, SIZE_BANDS, json_schema

__all__ = [
    "LANGUAGES",
    "SECTORS",
    "SIZE_BANDS",
    "Domain",
    "Library",
    "LibraryError",
    "Option",
    "Problem",
    "Question",
    "Questionnaire",
    "Recommendation",
    "build_questionnaire",
    "check_library",
    "json_schema",
    "load_library",
]
