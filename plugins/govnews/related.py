"""Related articles without comparing every pair.

Candidates for an article are its neighbours in the facet lists it belongs to (its own
topics and town; lists are newest first, so neighbours are near in time) and the other
explainers of its policy: at most WINDOW on each side per list, so the work per article
is bounded and the whole site costs O(articles). Candidates are scored by shared topics,
same town, same policy, nearness in time and shared title words (character bigrams, which
suit Chinese); ties are broken by date and URL, so the output is deterministic.
Computed lazily, one article at a time, when its page is rendered.
"""

from __future__ import annotations

from .catalog import Article
from .facets import Facet

WINDOW = 8
LIMIT = 5
FACETS = ("topic", "town")


class RelatedIndex:
    def __init__(self, facets: dict[str, Facet], policy_lists: dict[str, list[Article]] | None = None,
                 limit: int = LIMIT, window: int = WINDOW):
        self.limit, self.window = limit, window
        # article url → [(list, index)] for each list the article belongs to by its own value
        self._places: dict[str, list[tuple[list[Article], int]]] = {}
        for name in FACETS:
            facet = facets.get(name)
            if facet is None:
                continue
            for key, value in facet.values.items():
                arts = value.articles
                for i, art in enumerate(arts):
                    if key in facet.keys_of(art):  # own value, not a roll-up from below
                        self._places.setdefault(art.url, []).append((arts, i))
        self._policy = policy_lists or {}
        self._positions: dict[int, dict[str, int]] = {}

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
        words = _bigrams(art.title)
        topics = set(art.topics)
        same_policy = {a.url for a in self._policy.get(art.url, ())}
        scored = []
        for other in self.candidates(art):
            shared = len(topics.intersection(other.topics))
            days = abs((art.date - other.date).days)
            other_words = _bigrams(other.title)
            overlap = len(words & other_words) / (len(words | other_words) or 1)
            score = (300 * shared
                     + (200 if art.town and art.town == other.town else 0)
                     + (400 if other.url in same_policy else 0)
                     + int(150 * max(0.0, 1 - days / 365))
                     + int(400 * overlap))
            scored.append((-score, -other.date.timestamp(), other.url, other))
        scored.sort(key=lambda t: t[:3])
        return [t[3] for t in scored[: self.limit]]


def _bigrams(text: str) -> set[str]:
    """Character bigrams of the letters (CJK included) of a title; digits are noise here."""
    chars = [c for c in text if c.isalpha()]
    return {a + b for a, b in zip(chars, chars[1:])}
