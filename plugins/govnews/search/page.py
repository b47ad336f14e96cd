"""The search page's filter groups, from the facet engine (one group per search filter).

Each group lists the facet's values in vocabulary order with their depth (武进区 under
常州市 …) down to `search_levels`, and the number of published articles (the counts the
page shows before anything is searched; Pagefind's counts replace them afterwards) and its
page, which the search page links when a query names the value (营商环境 → the topic's page).
"""

from __future__ import annotations

from dataclasses import dataclass

from govnews.model.facets import Facet


@dataclass
class FilterValue:
    label: str
    depth: int
    count: int
    url: str = ""      # the value's own page: the search page offers it when the query names it


@dataclass
class FilterGroup:
    name: str          # URL parameter: the facet name (topic, town, type, archive)
    filter: str        # Pagefind filter name (专题, 地区 …)
    title: str
    values: list[FilterValue]


def filter_groups(facets: dict[str, Facet]) -> list[FilterGroup]:
    groups = []
    for facet in facets.values():
        spec = facet.spec
        if not spec.search_filter:
            continue
        values = []
        for key, value in facet.values.items():
            depth = len(facet.lineage(key)) - 1
            if depth < spec.search_levels and value.count:
                values.append(FilterValue(value.label, depth, value.count, facet.url(key)))
        if values:
            groups.append(FilterGroup(spec.name, spec.search_filter, spec.title, values))
    return groups
