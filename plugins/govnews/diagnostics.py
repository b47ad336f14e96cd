"""Editor-facing problems: ``path:line: message (did you mean …)``, never a traceback."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable

ERROR = "error"
WARNING = "warning"
INFO = "info"          # for the editor's information: never fails a build or `govnews check`


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str
    severity: str = ERROR

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def is_info(self) -> bool:
        return self.severity == INFO


def suggestion(word: str, choices: Iterable[str]) -> str:
    """Return ``（是否应为「X」？）`` for the closest choice, or '' when nothing is close."""
    matches = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.5)
    return f"（是否应为「{matches[0]}」？）" if matches else ""


class Problems(list):
    """A list of Problem with small helpers; kept sorted on output for determinism."""

    def add(self, path: str, line: int, message: str, severity: str = ERROR) -> None:
        self.append(Problem(path, line, message, severity))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self if p.is_error]

    def sorted(self) -> list[Problem]:
        return sorted(self)
