"""Problems found in questionnaire files, each located and coded."""

from __future__ import annotations

from dataclasses import dataclass


def format_path(path: tuple) -> str:
    """Render a path inside a file as `domains[0].questions[4].options[2]`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top)"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or worth a warning) in one file, at one place."""

    file: str
    line: int
    path: tuple
    message: str
    code: str
    warning: bool = False

    def __str__(self) -> str:
        kind = "warning: " if self.warning else ""
        where = f"{self.file}:{self.line}: {format_path(self.path)}"
        return f"{where}: {kind}{self.message} [{self.code}]"


class LibraryError(Exception):
    """The questionnaire library cannot be used; `problems` says where and why."""

    def __init__(self, problems: list[Problem]):
        self.problems = [p for p in problems if not p.warning]
        lines = "\n".join(str(p) for p in self.problems)
        super().__init__(f"the questionnaire library has {len(self.problems)} problem(s):\n{lines}")
