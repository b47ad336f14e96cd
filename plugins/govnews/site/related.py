"""Related articles without comparing every pair.

Candidates for an article are its neighbours in the lists of the facets with a `related`
weight it belongs to (by default its own topics and town; lists are newest first, so
neighbours are near in time) and the other
explainers of its policy: at most WINDOW on each side per list, so the work per article
is bounded and the whole site costs O(articles). Candidates are scored by shared facet values
(each facet's weight: topic 300, town 200 by default), same policy, nearness in time and shared title words (character bigrams, which
suit Chinese, hashed into a 256-bit set per article); ties are broken by date and URL, so the output is deterministic.
Computed lazily, one article at a time, when its page is rendered.
"""

from __future__ import annotations

import re

from govnews.model.catalog import Article
from govnews.model.facets import Facet

WINDOW = 6
LIMIT = 5
WORDS = 400            # points for identical titles (Jaccard overlap of bigrams × WORDS)


class RelatedIndex:
    def __init__(self, facets: dict[str, Facet], policy_lists: dict[str, list[Article]] | None = None,
                 limit: int = LIMIT, window: int = WINDOW):
        self.limit, self.window = limit, window
        # article url → [(list, index)] for each list the article belongs to by its own value
        self._places: dict[str, list[tuple[list[Article], int]]] = {}
        self._weighted = [f for f in facets.values() if f.spec.related > 0]
        for facet in self._weighted:
            for key, value in facet.values.items():
                arts = value.articles
                for i, art in enumerate(arts):
                    if key in facet.keys_of(art):  # own value, not a roll-up from below
                        self._places.setdefault(art.url, []).append((arts, i))
        self._policy = policy_lists or {}
        self._positions: dict[int, dict[str, int]] = {}
        self._masks: dict[str, int] = {}

    def _policy_place(self, art: Article) -> tuple[list[Article], int] | None:
        arts = self._policy.get(art.url)
        if not arts:
            return None
        pos = self._positions.get(id(arts))
        if pos is None:
            pos = self._positions[id(arts)] = {a.url: i for i, a in enumerate(arts)}
        return (arts, pos[art.url]) if art.url in pos else None

    def candidates(self, art: Article) -> list[Article]:
        places = list(self._places.get(art.url, ()))
        policy_place = self._policy_place(art)
        if policy_place:
            places.append(policy_place)
        seen: dict[str, Article] = {}
        for arts, i in places:
            for other in arts[max(0, i - self.window): i + self.window + 1]:
                if other.url != art.url:
                    seen.setdefault(other.url, other)
        return list(seen.values())

    def related(self, art: Article) -> list[Article]:
        if art.date is None:
            return []
        mine = [(f.spec.related, set(f.keys_of(art)), f) for f in self._weighted]
        same_policy = {a.url for a in self._policy.get(art.url, ())}
        words = self._words(art)
        scored = []
        for other in self.candidates(art):
            days = abs((art.date - other.date).days)
            theirs = self._words(other)
            union = (words | theirs).bit_count()
            score = (sum(weight * len(keys.intersection(f.keys_of(other))) for weight, keys, f in mine)
                     + (400 if other.url in same_policy else 0)
                     + int(150 * max(0.0, 1 - days / 365))
                     + (WORDS * (words & theirs).bit_count() // union if union else 0))
            scored.append((score, other.date, other.url, other))
        # best score first, then newest, then by URL: two stable sorts, no timestamps
        scored.sort(key=lambda t: t[2])
        scored.sort(key=lambda t: (t[0], t[1]), reverse=True)
        return [t[3] for t in scored[: self.limit]]

    def _words(self, art: Article) -> int:
        """The title's letter bigrams as a 256-bit set (a deterministic hash, no str hash),
        computed once per article: a few bytes each, and overlap is two popcounts."""
        mask = self._masks.get(art.url)
        if mask is None:
            letters = _NOT_LETTER.sub("", art.title)
            mask = 0
            for a, b in zip(letters, letters[1:]):
                mask |= 1 << ((ord(a) * 1009 + ord(b)) & 255)
            self._masks[art.url] = mask
        return mask


_NOT_LETTER = re.compile(r"[\W\d_]+")
