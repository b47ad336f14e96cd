"""Plain data shared by the importer steps.

Every character of the input ends up in exactly one Span: article text (title, kicker,
subtitle, byline, body) or Removed boilerplate. `accounting.check` verifies that partition.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Span:
    """A piece of one input line (1-based line number, 0-based column)."""
    line: int
    col: int
    text: str


@dataclass(frozen=True)
class Removed:
    """Boilerplate left out of every article, listed in the report."""
    line: int
    text: str
    reason: str
    col: int = -1                 # -1: the whole (stripped) line


@dataclass
class Block:
    """A paragraph, heading or byline built from one or more input lines."""
    kind: str                     # heading | body | table | image | byline | signature | blank-gap marker
    spans: list[Span]
    text: str                     # joined text (broken lines repaired)
    marked: bool = False          # heading given as Markdown (# …) in the input
    blank_before: int = 0         # blank input lines before this block
    authors: tuple[str, ...] = ()  # for bylines and photo credits: "记者 何晓丹"
    lines: tuple[str, ...] = ()   # signature/multi-line blocks keep their line breaks
    links: tuple[tuple[str, str], ...] = ()   # (text in the block, target): attachments (linkedfiles.py)

    @property
    def line(self) -> int:
        return self.spans[0].line if self.spans else 0


@dataclass
class DateGuess:
    value: date | None = None
    exact: bool = False           # taken from a dateline (落款) or full date in the lead
    note: str = ""                # how it was found / inferred (Chinese, for the comment)
    precision: str = "day"        # day, month or year: a partial date is written as 2024-10 or 2023

    @property
    def text(self) -> str:
        """As front matter and the report write it: 2024-05-29, 2024-10, 2023 ('' when none)."""
        if self.value is None:
            return ""
        if self.precision == "year":
            return f"{self.value.year:04d}"
        if self.precision == "month":
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return self.value.isoformat()


@dataclass
class Suggestion:
    name: str
    confidence: float
    evidence: tuple[str, ...] = ()


@dataclass
class Draft:
    """One article found in a clipping, before it is written."""
    source_file: str
    first_line: int = 0
    kicker: list[Block] = field(default_factory=list)
    title: list[Block] = field(default_factory=list)
    subtitle: list[Block] = field(default_factory=list)
    bylines: list[Block] = field(default_factory=list)
    body: list[Block] = field(default_factory=list)
    info: list[Block] = field(default_factory=list)     # a web page's meta line (发布日期 来源 …), read into front matter
    staff: list[Block] = field(default_factory=list)    # 责任编辑：… lines → front matter `editor`
    keywords: list[str] = field(default_factory=list)   # the web page's own <meta name=Keywords>
    column: str = ""              # the web page's column (ColumnName, breadcrumb), suggests the type
    # a 政府信息公开 page's metadata table (文号, 成文日期, 发文机关 …): makes it a 政策文件
    document: dict[str, str] = field(default_factory=dict)
    policy: dict[str, str] = field(default_factory=dict)   # the document an explainer names (policyref)
    pictures: dict[str, bytes] = field(default_factory=dict)  # image file name → its bytes (images.py)
    files: dict[str, bytes] = field(default_factory=dict)     # attachment path → its bytes (linkedfiles.py)
    photo: bool = False           # photo news (caption with a photographer credit)
    title_from_text: bool = False  # no heading: the title was derived from the first sentence
    # filled in by dates / classify
    date: DateGuess = field(default_factory=DateGuess)
    town: Suggestion | None = None
    topics: list[Suggestion] = field(default_factory=list)
    type: str = "新闻"
    source: str = ""
    warnings: list[str] = field(default_factory=list)
    derived_title: str = ""

    @property
    def title_text(self) -> str:
        return _join_heading(self.title) or self.derived_title

    @property
    def kicker_text(self) -> str:
        return _join_heading(self.kicker)

    @property
    def subtitle_text(self) -> str:
        return _join_heading(self.subtitle)

    @property
    def authors(self) -> list[str]:
        """Authors in order, each once: "王鹏" from an end byline or 作者： adds nothing to
        "记者 王鹏" from the top byline."""
        out: list[str] = []
        for block in self.bylines:
            for a in block.authors:
                name = a.split()[-1]
                same = [k for k, o in enumerate(out) if o.split()[-1] == name]
                if not same:
                    out.append(a)
                elif " " in a and " " not in out[same[0]]:
                    out[same[0]] = a            # the role-carrying form wins
        return out

    @property
    def editors(self) -> list[str]:
        out: list[str] = []
        for block in (*self.info, *self.staff):
            out += [a for a in block.authors if a not in out]
        return out

    def all_blocks(self) -> list[Block]:
        return [*self.kicker, *self.title, *self.subtitle, *self.info, *self.bylines, *self.body, *self.staff]


def _join_heading(blocks: list[Block]) -> str:
    return " ".join(b.text for b in blocks).strip()


@dataclass
class FileResult:
    path: str
    drafts: list[Draft] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    error: str = ""
    skipped: str = ""             # why the file holds no article to import (a column's list page)
    joined: list[str] = field(default_factory=list)   # the other pages of its article, joined into it
    source: str = ""              # paper named in the clipping itself (copyright line)
