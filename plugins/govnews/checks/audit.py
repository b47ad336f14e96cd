"""Column-update audit (栏目更新检查) against 国办秘函〔2019〕19号.

Per column — the home page, every topic, type and place of the vocabularies — the last
publication date and the days since, as of the build time. Veto-level (单项否决) findings:
the home page not updated for 2 weeks; 5 or more 动态 columns not updated for 2 weeks; any
政策 / 通知公告 column not updated for 6 months. Thresholds come from mkdocs.yml
(`plugins: - govnews: audit: …`); each column's kind from the vocabularies (`kind:`).

Only what a reader can see counts: drafts, future-dated articles and unconfirmed dates are
no update. Nor is an article with a partial date (date: 2023, date: 2024-10): it cannot prove
when a column was last updated, so it is listed apart (Audit.partial) and never counted. One pass over the catalog: O(articles × depth of the place hierarchy).
"""

from __future__ import annotations

import calendar
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import date, datetime

from govnews.common.diagnostics import Problems
from govnews.config.settings import Settings
from govnews.model.facets import facet_keys
from govnews.model.vocab import COLUMN_KINDS, Vocabularies

DYNAMIC, POLICY, NOTICE = COLUMN_KINDS      # 动态, 政策, 通知公告
HOME = "首页"
OK, DUE, STALE, EMPTY = "正常", "将到期", "超期", "无文章"
AUDIT_URL = "audit/"


@dataclass(frozen=True)
class Thresholds:
    home_days: int = 14             # 首页栏目：2 周
    dynamic_days: int = 14          # 动态、要闻类栏目：2 周
    policy_months: int = 6          # 政策文件、通知公告类栏目：6 个月
    veto_dynamic_columns: int = 5   # this many stale 动态 columns is a veto
    due_days: int = 3               # "将到期" this many days before a limit
    page: bool = False              # publish /audit/ in normal builds (always under `mkdocs serve`)


def thresholds_from_config(options, problems: Problems, path: str = "mkdocs.yml") -> Thresholds:
    """`audit:` of the govnews plugin options; bad values are messages, defaults stay."""
    if options in (None, ""):
        return Thresholds()
    if not isinstance(options, dict):
        problems.add(path, 1, "govnews 的 audit 应是“键: 值”的形式（例如 audit: {dynamic_days: 14}）")
        return Thresholds()
    known = Thresholds.__dataclass_fields__
    values = {}
    for key, value in options.items():
        if key not in known:
            problems.add(path, 1, f"audit 中未知的设置「{key}」（可用：{'、'.join(known)}）")
        elif key == "page":
            if isinstance(value, bool):
                values[key] = value
            else:
                problems.add(path, 1, f"audit.page 应为 true 或 false，而不是「{value}」")
        elif isinstance(value, bool) or not isinstance(value, int) or value < 1:
            problems.add(path, 1, f"audit.{key} 应为正整数，而不是「{value}」")
        else:
            values[key] = value
    return Thresholds(**values)


@dataclass
class Column:
    group: str            # 首页 / 专题 / 类型 / 镇街 (the facet's title)
    name: str
    kind: str             # 首页 / 动态 / 政策 / 通知公告
    url: str              # site-relative
    last: date | None = None
    days: int | None = None
    limit: str = ""
    status: str = EMPTY

    def to_json(self) -> dict:
        out = asdict(self)
        out["last"] = self.last.isoformat() if self.last else None
        return out


@dataclass
class Audit:
    as_of: date
    thresholds: Thresholds
    columns: list[Column] = field(default_factory=list)
    vetoes: list[str] = field(default_factory=list)
    partial: list[str] = field(default_factory=list)   # published articles with a partial date: not counted

    @property
    def stale(self) -> list[Column]:
        return [c for c in self.columns if c.status == STALE]

    def to_json(self) -> dict:
        return {"as_of": self.as_of.isoformat(), "basis": "国办秘函〔2019〕19号",
                "thresholds": asdict(self.thresholds), "veto": bool(self.vetoes), "vetoes": self.vetoes,
                "columns": [c.to_json() for c in self.columns], "partial_dates_not_counted": self.partial}


def add_months(day: date, months: int) -> date:
    """The same day `months` later (31 January + 1 month = 28/29 February)."""
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def judge(last: date | None, as_of: date, kind: str, th: Thresholds) -> tuple[str, str]:
    """(status, limit text) of one column. Stale means *more than* the limit has passed:
    14 days after the last article is still in time, the 15th day is not."""
    if kind == POLICY or kind == NOTICE:
        limit = f"{th.policy_months} 个月"
        if last is None:
            return EMPTY, limit
        deadline = add_months(last, th.policy_months)
    else:
        days = th.home_days if kind == HOME else th.dynamic_days
        limit = f"{days} 天"
        if last is None:
            return EMPTY, limit
        deadline = date.fromordinal(last.toordinal() + days)
    if as_of > deadline:
        return STALE, limit
    if (deadline - as_of).days < th.due_days:
        return DUE, limit
    return OK, limit


def _visible(art, now: datetime) -> bool:
    return art.listed and art.date is not None and not art.draft and art.date_confirmed and art.date <= now


def run_audit(catalog, vocabs: Vocabularies, settings: Settings, th: Thresholds,
              as_of: datetime | None = None) -> Audit:
    now = as_of or settings.now
    today = now.date()
    specs = [s for s in settings.facets if s.vocabulary in ("topics", "types", "places")]
    newest: dict[tuple[str, str], date] = {}
    home: date | None = None
    partial: list[str] = []
    for art in catalog.articles:
        if not _visible(art, now):
            continue
        if getattr(art, "date_partial", False):   # 2023 / 2024-10: proves no update day
            partial.append(art.path)
            continue
        day = art.date.date()
        if home is None or day > home:
            home = day
        for spec in specs:
            vocab = vocabs.get(spec.vocabulary)
            for key in facet_keys(spec, art):
                for name in (key, *vocab.ancestors(key)):   # a district's page lists its towns'
                    if newest.get((spec.name, name), date.min) < day:
                        newest[spec.name, name] = day

    result = Audit(today, th, partial=sorted(partial))

    def add(group: str, name: str, kind: str, url: str, last: date | None) -> None:
        status, limit = judge(last, today, kind, th)
        days = (today - last).days if last else None
        result.columns.append(Column(group, name, kind, url, last, days, limit, status))

    add(HOME, HOME, HOME, "", home)
    for spec in specs:
        for term in vocabs.get(spec.vocabulary).terms.values():
            add(spec.title, term.name, term.kind or DYNAMIC, f"{spec.path}/{term.slug}/",
                newest.get((spec.name, term.name)))

    home_col = result.columns[0]
    if home_col.status == STALE:
        result.vetoes.append(f"首页 {home_col.days} 天未更新（超过 {th.home_days} 天）")
    elif home_col.status == EMPTY:
        result.vetoes.append("首页没有任何已发布的文章")
    stale_dynamic = [c for c in result.columns[1:] if c.kind == DYNAMIC and c.status == STALE]
    if len(stale_dynamic) >= th.veto_dynamic_columns:
        names = "、".join(c.name for c in stale_dynamic)
        result.vetoes.append(f"{len(stale_dynamic)} 个动态类栏目超过 {th.dynamic_days} 天未更新"
                             f"（达到 {th.veto_dynamic_columns} 个即否决）：{names}")
    for c in result.columns[1:]:
        if c.kind in (POLICY, NOTICE) and c.status == STALE:
            result.vetoes.append(f"{c.kind}类栏目「{c.name}」超过 {th.policy_months} 个月未更新"
                                 f"（最近 {c.last.isoformat()}）")
    return result


# -- output ------------------------------------------------------------------------------

def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def format_table(audit: Audit) -> str:
    th = audit.thresholds
    head = ("栏目类别", "栏目", "性质", "最近发布", "距今", "时限", "状态")
    rows = [(c.group, c.name, c.kind, c.last.isoformat() if c.last else "—",
             f"{c.days} 天" if c.days is not None else "—", c.limit, c.status) for c in audit.columns]
    widths = [max(_width(r[i]) for r in (head, *rows)) for i in range(len(head))]
    lines = [f"栏目更新检查（截至 {audit.as_of.year}年{audit.as_of.month}月{audit.as_of.day}日，"
             f"依据国办秘函〔2019〕19号：首页、动态类 {th.home_days}/{th.dynamic_days} 天，"
             f"政策、通知公告类 {th.policy_months} 个月）", ""]
    for r in (head, *rows):
        lines.append("  ".join(_pad(cell, w) for cell, w in zip(r, widths)).rstrip())
    lines.append("")
    stale = audit.stale
    empty = [c for c in audit.columns if c.status == EMPTY]
    lines.append(f"共 {len(audit.columns)} 个栏目：超期 {len(stale)} 个，"
                 f"将到期 {sum(c.status == DUE for c in audit.columns)} 个，无文章 {len(empty)} 个")
    if audit.vetoes:
        lines.append("单项否决：")
        lines += [f"  ✗ {v}" for v in audit.vetoes]
    else:
        lines.append("没有单项否决项。")
    if audit.partial:
        lines.append(partial_note(audit))
    return "\n".join(lines)


def partial_note(audit: Audit) -> str:
    """Why some published articles are not in the table (text and the /audit/ page)."""
    n = len(audit.partial)
    return (f"另有 {n} 篇已发布文章的日期只写到年或月（原文未注明具体日期，如 {audit.partial[0]}），"
            f"无法证明栏目何时更新，未计入“最近发布”。")
