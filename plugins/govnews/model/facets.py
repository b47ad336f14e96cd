"""One facet engine: topic, town, type, author and the date archive are all facets.

A facet maps each article to one or more values (the front-matter field the facet reads,
checked by the catalog into Article.terms); values may have a parent (places:
镇 → 区 → 市 → 省; dates: month → year), and a value lists its own articles plus those of
every value below it. A value with no published article is dropped (no blank columns)
unless the facet sets show_empty. Everything is one pass over the catalog: O(articles × depth).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from govnews.common.text import unique_slugs
from govnews.config.settings import FacetSpec, Settings
from govnews.model.catalog import Article, Catalog
from govnews.model.vocab import Vocabularies


@dataclass
class FacetValue:
    key: str
    label: str
    slug: str
    description: str = ""
    parent: str | None = None
    children: list[str] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)   # newest first, roll-up included
    main: bool = False
    order: int = 0

    @property
    def count(self) -> int:
        return len(self.articles)


@dataclass
class Facet:
    spec: FacetSpec
    values: dict[str, FacetValue]            # in display order
    # each published article's own values (src → keys), computed once per build: pages,
    # related articles, stats and search records all ask for them
    own: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    @property
    def name(self) -> str:
        return self.spec.name

    def url(self, key: str, page: int = 1) -> str:
        base = f"{self.spec.path}/{self.values[key].slug}/"
        return base if page == 1 else f"{base}page/{page}/"

    @property
    def overview_url(self) -> str:
        return f"{self.spec.path}/"

    @property
    def blank(self) -> bool:
        """No value has a published article: no overview page either (unless show_empty)."""
        return not self.spec.show_empty and not any(v.articles for v in self.values.values())

    def roots(self) -> list[FacetValue]:
        return [v for v in self.values.values() if v.parent is None]

    def keys_of(self, art: Article) -> tuple[str, ...]:
        """The article's own values (no ancestors)."""
        keys = self.own.get(art.src)
        return keys if keys is not None else tuple(facet_keys(self.spec, art))

    def lineage(self, key: str) -> list[str]:
        """key and its ancestors, nearest first."""
        out = []
        while key is not None:
            out.append(key)
            key = self.values[key].parent if key in self.values else None
        return out


# strftime directives a partial date can fill: a year-only article is in 2023, not in 2023/01
_KNOWN_DIRECTIVES = {"year": set("Yy"), "month": set("YymbB")}


def date_levels(spec: FacetSpec, art: Article) -> int:
    """How many of a date facet's levels (coarse to fine) the article's date fills: all for a
    full date, those without a month or day for a partial one (date: 2023 → 归档 2023年 only)."""
    known = _KNOWN_DIRECTIVES.get(getattr(art, "date_precision", "day"))
    if known is None:
        return len(spec.levels)
    n = 0
    for fmt in spec.levels:
        if not set(re.findall(r"%(.)", fmt)) <= known:
            break
        n += 1
    return n


def facet_keys(spec: FacetSpec, art: Article) -> list[str]:
    if spec.types and art.type not in spec.types:
        return []
    if spec.levels:
        n = date_levels(spec, art) if art.date else 0
        return [art.date.strftime(spec.levels[n - 1])] if n else []
    return list(art.terms.get(spec.field, ()))


def item_labels(facets: dict[str, Facet], art: Article) -> list[str]:
    """What a list item shows after the date: the article's values in the facets shown as a
    header row (`header: meta`) that have a vocabulary (by default 地区 and 类型), leaving
    out a facet's default value (新闻)."""
    out: list[str] = []
    for facet in facets.values():
        spec = facet.spec
        if spec.header == "meta" and spec.vocabulary:
            out += [k for k in facet.keys_of(art) if k != spec.default]
    return out


def build_facets(catalog: Catalog, vocabs: Vocabularies, settings: Settings) -> dict[str, Facet]:
    return {spec.name: _build_one(spec, catalog, vocabs) for spec in settings.facets}


def _build_one(spec: FacetSpec, catalog: Catalog, vocabs: Vocabularies) -> Facet:
    values: dict[str, FacetValue] = {}
    own = {a.src: tuple(facet_keys(spec, a)) for a in catalog.listed}
    if spec.vocabulary:
        vocab = vocabs.get(spec.vocabulary)
        for i, term in enumerate(vocab.terms.values()):
            values[term.name] = FacetValue(term.name, term.name, term.slug, term.description,
                                           term.parent, main=term.main, order=i)
    elif spec.levels:
        _add_date_values(spec, catalog, values)
    else:
        names = [n for keys in own.values() for n in keys]
        slugs = unique_slugs(names)
        counts: dict[str, int] = {}
        for n in names:
            counts[n] = counts.get(n, 0) + 1
        # free values (authors): most articles first, then by slug, so order is stable
        for i, name in enumerate(sorted(slugs, key=lambda n: (-counts[n], slugs[n]))):
            values[name] = FacetValue(name, name, slugs[name], order=i)

    for value in values.values():
        if value.parent in values:
            values[value.parent].children.append(value.key)

    for art in catalog.listed:  # newest first, so every list comes out sorted
        seen: set[str] = set()
        for key in own[art.src]:
            while key is not None and key in values and key not in seen:
                seen.add(key)
                values[key].articles.append(art)
                key = values[key].parent

    if not spec.show_empty:
        # no blank columns: a value without a published article gets no page, feed or link
        values = {k: v for k, v in values.items() if v.articles}
        for v in values.values():
            v.children = [c for c in v.children if c in values]
    return Facet(spec, values, own)


def _add_date_values(spec: FacetSpec, catalog: Catalog, values: dict[str, FacetValue]) -> None:
    """Archive values for every level (year, year/month), newest first."""
    keys: set[tuple[int, str]] = set()
    for art in catalog.listed:
        if spec.types and art.type not in spec.types:
            continue
        for level in range(date_levels(spec, art)):
            keys.add((level, art.date.strftime(spec.levels[level])))
    ordered = sorted(keys, key=lambda lk: lk[1], reverse=True)
    for i, (level, key) in enumerate(ordered):
        parts = key.split("/")
        y = parts[0]
        m = str(int(parts[1])) if len(parts) > 1 else ""
        label = spec.labels[level].format(y=y, m=m) if spec.labels else key
        parent = "/".join(parts[:-1]) if level > 0 else None
        values[key] = FacetValue(key, label, key, parent=parent, order=i)
