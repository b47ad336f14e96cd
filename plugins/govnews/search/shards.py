"""Split the search index into shards by publication date, so no Pagefind run holds the whole site.

Pagefind keeps every word occurrence of every page in memory until it writes its bundle
(about 350 KB per article with the bigram encoding, so 100,000 articles would need ~35 GB),
and it cannot merge bundles offline. govnews therefore indexes the articles in shards of at
most `size` articles, one Pagefind process after the other, and the browser merges them with
Pagefind's `mergeIndex`.

A shard is a run of consecutive whole years (packed from the oldest, so adding articles to the
current year leaves older shards byte-identical: readers' caches and deploys keep them); a year
larger than `size` is split into runs of whole months. A single month is never split.
The newest shard is the primary bundle at pagefind/, the others live in pagefind/<name>/.

A reader's first search opens the newest shard alone when it holds at least half a shard
(search.js, `govnews_tier`). Packed from the oldest, the newest holds whatever remains, often a
few weeks: then every first search opened two bundles (two metas, two filter sets, each query
word's chunk twice), the largest part of what a big site costs a reader more than a small one.
So while the remainder is under half a shard, the last two shards are balanced: their months
are split where the two halves are closest in size, each at most a shard (memory stays bounded
by `size`). Once the remainder reaches half, it is a shard of its own and the one before it is
the packed one again; older shards never change.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

FILTER = "govnews-shard"   # a hidden filter: date-sorted searches ask one shard at a time


@dataclass
class Shard:
    name: str                   # "2019", "2015_2018", "2024-01_2024-04": also its directory
    keys: list[tuple[int, int]] = field(default_factory=list)  # (year, month); month 0 = the whole year
    count: int = 0


def _label(key: tuple[int, int]) -> str:
    year, month = key
    return f"{year}" if month == 0 else f"{year}-{month:02d}"


def _pack(groups: list[tuple[tuple[int, int], int]], size: int) -> list[Shard]:
    shards: list[Shard] = []
    for key, n in groups:
        if not shards or shards[-1].count + n > size and shards[-1].count > 0:
            shards.append(Shard(name=""))
        shards[-1].keys.append(key)
        shards[-1].count += n
    return shards


def _balance(pair: list[Shard], per_year: Counter, per_month: Counter) -> list[Shard]:
    """The two newest shards' months, split where the newer half is closest to half of them
    (whole years where a half holds all of a year's months)."""
    months = [((y, m), per_month[(y, m)]) for y, month in pair[0].keys + pair[1].keys
              for m in ([month] if month else range(1, 13)) if per_month[(y, month or m)]]
    if len(months) < 2:   # one month: nothing to split
        return pair
    total = sum(n for _, n in months)
    newer, best, split = 0, None, 0
    for i in range(len(months) - 1, 0, -1):   # months[i:] is the newer part
        newer += months[i][1]
        if best is None or abs(2 * newer - total) <= best:   # a tie: the newer part larger
            best, split = abs(2 * newer - total), i
    halves = []
    for part in (months[:split], months[split:]):
        in_part = Counter()
        for (y, _m), n in part:
            in_part[y] += n
        shard = Shard(name="", count=sum(in_part.values()))
        for (y, m), _n in part:
            key = (y, 0) if in_part[y] == per_year[y] else (y, m)
            if not shard.keys or shard.keys[-1] != key:
                shard.keys.append(key)
        halves.append(shard)
    return halves


class ShardPlan:
    """Which shard each article's date falls in; shards listed newest first."""

    def __init__(self, dates: list[datetime], size: int):
        if size < 1:
            raise ValueError("shard size must be at least 1")
        per_year = Counter(d.year for d in dates)
        per_month = Counter((d.year, d.month) for d in dates)
        groups: list[tuple[tuple[int, int], int]] = []
        for year in sorted(per_year):
            if per_year[year] <= size:
                groups.append(((year, 0), per_year[year]))
            else:
                groups.extend(((y, m), n) for (y, m), n in sorted(per_month.items()) if y == year)
        oldest_first = _pack(groups, size) or [Shard(name="", keys=[], count=0)]
        if len(oldest_first) > 1 and oldest_first[-1].count < (size + 1) // 2:
            oldest_first[-2:] = _balance(oldest_first[-2:], per_year, per_month)
        for shard in oldest_first:
            first, last = (_label(shard.keys[0]), _label(shard.keys[-1])) if shard.keys else ("all", "all")
            shard.name = first if first == last else f"{first}_{last}"
        self.shards: list[Shard] = list(reversed(oldest_first))   # newest first: [0] is the primary
        self._by_key = {key: s for s in self.shards for key in s.keys}

    def __len__(self) -> int:
        return len(self.shards)

    def shard_of(self, date: datetime) -> Shard:
        return self._by_key.get((date.year, 0)) or self._by_key.get((date.year, date.month)) or self.shards[0]

    def path_of(self, shard: Shard) -> str:
        """Directory of a shard's bundle below pagefind/ ("" for the primary)."""
        return "" if shard is self.shards[0] else shard.name + "/"
