"""The statistics page (/stats/): articles per month, and per value of every facet with
`stats: true` (by default topics and towns) per month and per year.

One pass over the catalog counts everything; the charts are static SVG whose geometry is
computed here and printed by templates/stats.html (autoescaped, so vocabulary labels are
safe). Months are the MONTHS up to the newest article's month, so a quiet site still shows
its recent work rather than an empty year.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from govnews.model.catalog import Catalog
from govnews.model.facets import Facet

MONTHS = 12
TREND_MONTHS = 24
STATS_URL = "stats/"
# heat-map shades, light to dark; counts print dark on light cells, white on dark ones
SHADES = ("#f5f5f5", "#fde0dc", "#f9bdbb", "#f36c60", "#d32f2f", "#8c1c13")
DARK_FROM = 4


@dataclass
class Row:
    label: str
    url: str | None
    counts: list[int]
    total: int


@dataclass
class Section:
    """One facet's rows: per value per month (the heat map) and per year."""
    name: str          # for element ids: the facet's path (topics, towns)
    title: str
    months: list[Row]
    years: list[Row]


@dataclass
class Stats:
    total: int
    months: list[tuple[int, int]]                 # (year, month), oldest first
    trend_months: list[tuple[int, int]]
    trend: list[int]
    sections: list[Section] = field(default_factory=list)
    years: list[int] = field(default_factory=list)


def _months_back(end: tuple[int, int], n: int) -> list[tuple[int, int]]:
    y, m = end
    out = []
    for _ in range(n):
        out.append((y, m))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return out[::-1]


def compute_stats(catalog: Catalog, facets: dict[str, Facet]) -> Stats:
    arts = catalog.listed
    if not arts:
        return Stats(0, [], [], [])
    newest = arts[0].date
    end = (newest.year, newest.month)
    months = _months_back(end, MONTHS)
    trend_months = _months_back(end, TREND_MONTHS)
    first = set(months)
    per_month: Counter = Counter()
    years: set[int] = set()
    shown = [f for f in facets.values() if f.spec.stats]
    by_month: dict[str, Counter] = {f.name: Counter() for f in shown}
    by_year: dict[str, Counter] = {f.name: Counter() for f in shown}
    for art in arts:
        # a year-only date (date: 2023) counts in its year, never in a month it does not name
        ym = (art.date.year, art.date.month) if art.date_precision != "year" else None
        if ym is not None:
            per_month[ym] += 1
        years.add(art.date.year)
        for facet in shown:   # an article's own values (no roll-up to parents)
            for key in facet.keys_of(art):
                by_year[facet.name][key, art.date.year] += 1
                if ym in first:
                    by_month[facet.name][key, ym] += 1

    def rows(facet: Facet, counter: Counter, columns: list) -> list[Row]:
        out = []
        for key, value in facet.values.items():
            counts = [counter[key, c] for c in columns]
            total = sum(counts)
            # a value with articles but none in these columns still shows (with zeros) when it
            # is a leaf: "nothing lately" is news; parents show only for their own articles
            if total or (value.articles and not value.children and columns is months):
                out.append(Row(value.label, facet.url(key), counts, total))
        out.sort(key=lambda r: -r.total)  # stable: ties keep vocabulary order
        return out

    year_list = sorted(years)
    return Stats(
        total=len(arts),
        months=months,
        trend_months=trend_months,
        trend=[per_month[m] for m in trend_months],
        sections=[Section(f.spec.path.replace("/", "-"), f.spec.title, rows(f, by_month[f.name], months),
                          rows(f, by_year[f.name], year_list)) for f in shown],
        years=year_list,
    )


# -- SVG geometry ---------------------------------------------------------------------

def month_label(ym: tuple[int, int]) -> str:
    return f"{ym[1]}月"


def year_marks(months: list[tuple[int, int]]) -> list[str]:
    """The year above the first month and above every January; '' elsewhere."""
    return [f"{y}年" if i == 0 or m == 1 else "" for i, (y, m) in enumerate(months)]


@dataclass
class Bar:
    x: float
    y: float
    w: float
    h: float
    value: int
    label: str
    title: str


def bar_chart(months: list[tuple[int, int]], values: list[int], width: int = 720, height: int = 240) -> dict:
    left, right, top, bottom = 36, 8, 20, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max(values) if values and max(values) > 0 else 1
    step = plot_w / max(1, len(values))
    bars = []
    prev_year = None
    for i, (ym, v) in enumerate(zip(months, values)):
        h = plot_h * v / peak
        label = ""
        if (len(values) - 1 - i) % 3 == 0:  # every third month, ending at the newest
            label = month_label(ym) if ym[0] == prev_year else f"{ym[0]}年{ym[1]}月"
            prev_year = ym[0]
        bars.append(Bar(round(left + i * step + step * 0.15, 1), round(top + plot_h - h, 1),
                        round(step * 0.7, 1), round(h, 1), v, label, f"{ym[0]}年{ym[1]}月：{v} 篇"))
    ticks = sorted({0, peak // 2, peak})
    return {"width": width, "height": height, "bars": bars, "base": top + plot_h, "left": left,
            "right": width - right, "ticks": [(t, round(top + plot_h - plot_h * t / peak, 1)) for t in ticks]}


@dataclass
class Cell:
    x: int
    y: int
    value: int
    fill: str
    dark: bool
    title: str


def heat_map(rows: list[Row], months: list[tuple[int, int]], label_w: int = 104,
             cell_w: int = 46, cell_h: int = 28) -> dict:
    columns = [month_label(m) for m in months]
    titles = [f"{y}年{m}月" for y, m in months]
    peak = max((max(r.counts) for r in rows if r.counts), default=0) or 1
    top = 44
    cells, labels = [], []
    for ri, row in enumerate(rows):
        y = top + ri * cell_h
        labels.append((row.label, y + cell_h // 2, row.total))
        for ci, v in enumerate(row.counts):
            shade = 0 if v == 0 else 1 + min(len(SHADES) - 2, (len(SHADES) - 2) * v // peak)
            cells.append(Cell(label_w + ci * cell_w, y, v, SHADES[shade], shade >= DARK_FROM,
                              f"{row.label} {titles[ci]}：{v} 篇"))
    width = label_w + cell_w * len(columns) + 56
    return {"width": width, "height": top + cell_h * len(rows) + 4, "cells": cells, "labels": labels,
            "columns": [(label_w + i * cell_w + cell_w // 2, c, y) for i, (c, y) in
                        enumerate(zip(columns, year_marks(months)))],
            "cell_w": cell_w, "cell_h": cell_h, "label_w": label_w, "total_x": width - 8, "top": top}
