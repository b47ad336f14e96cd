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


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice an editor most likely meant by `word`, or None when nothing is close.

    A Chinese name's distinctive part comes first and its generic part last (湖塘 + 镇,
    营商 + 环境), so edit distance alone picks the wrong term: 湖塘街道 is nearer 西湖街道 than
    湖塘镇. So first a choice the word contains (the one ending last: a place is written from
    large to small, 常州市武进区湖塘镇政府 → 湖塘镇), then one sharing the word's first two or
    more Han characters (湖塘街道 → 湖塘镇), then difflib's closest match."""
    word = str(word).strip()
    options = [c for c in dict.fromkeys(choices) if c and c != word]
    contained = [c for c in options if len(c) >= 2 and c in word and _han(c)]
    if contained:
        return max(contained, key=lambda c: (word.rindex(c) + len(c), len(c)))
    prefixed = [(n, c) for c in options if (n := _han_prefix(word, c)) >= 2]
    if prefixed:
        top = max(n for n, _ in prefixed)
        ties = [c for n, c in prefixed if n == top]
        return ties[0] if len(ties) == 1 else difflib.get_close_matches(word, ties, n=1, cutoff=0)[0]
    matches = difflib.get_close_matches(word, options, n=1, cutoff=0.5)
    return matches[0] if matches else None


def _han(text: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in text)


def _han_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y or not "\u4e00" <= x <= "\u9fff":
            break
        n += 1
    return n


def suggestion(word: str, choices: Iterable[str]) -> str:
    """Return ``（是否应为「X」？）`` for the closest choice, or '' when nothing is close."""
    match = closest(word, choices)
    return f"（是否应为「{match}」？）" if match else ""


class Problems(list):
    """A list of Problem with small helpers; kept sorted on output for determinism."""

    def add(self, path: str, line: int, message: str, severity: str = ERROR) -> None:
        self.append(Problem(path, line, message, severity))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self if p.is_error]

    def sorted(self) -> list[Problem]:
        return sorted(self)
