"""Deterministic synthetic articles for tests and benchmarks.

Sentences come from the real seed clippings (data/sentences.txt); topics, places and
types come from the project's vocabularies, with skewed, realistic distributions.
"""

from __future__ import annotations

import json
import os
import random
from datetime import date, timedelta
from pathlib import Path

from govnews.common.diagnostics import Problems
from govnews.model.vocab import load_vocabularies

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "晓雅婷鑫铠炜梦峰鸣新雨佳英东君旭睿敏晨璧恒强叶丽华军芳静伟磊洋勇艳杰娟涛明超秀霞平刚桂英文辉建国玲红波宁欣怡浩宇子涵思源俊杰"
ROLES = ("记者", "记者", "记者", "通讯员", "见习记者")
SOURCES = ("武进日报", "常州日报", "平湖日报", "", "")
TYPES = (("新闻", 80), ("政策解读", 12), ("通知公告", 8))


def sentences() -> list[str]:
    text = (Path(__file__).parent / "data" / "sentences.txt").read_text(encoding="utf-8")
    return [s for s in text.splitlines() if s.strip()]


def _weighted(rng: random.Random, items: list, skew: float = 1.1):
    """Zipf-like choice: the first items of a vocabulary are the common ones."""
    weights = [1.0 / (i + 1) ** skew for i in range(len(items))]
    return rng.choices(items, weights=weights, k=1)[0]


def generate(vocab_dir: str, n: int, seed: int = 1, start: date = date(2016, 1, 1),
             end: date = date(2026, 6, 30)) -> list[tuple[str, str]]:
    """n articles as (relative path under docs/, file text), in a stable order."""
    rng = random.Random(seed)
    vocabs = load_vocabularies(vocab_dir, Problems())
    topics = list(vocabs.topics.terms)
    places = [t.name for t in vocabs.places.terms.values() if not vocabs.places.children(t.name)]
    places += [t.name for t in vocabs.places.terms.values() if t.depth == 2]  # districts too
    pool = sentences()
    authors = [rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
               for _ in range(80)]
    span = (end - start).days
    out = []
    for i in range(n):
        day = start + timedelta(days=rng.randrange(span))
        kind = rng.choices([t for t, _ in TYPES], weights=[w for _, w in TYPES])[0]
        chosen = []
        for _ in range(rng.choice((1, 1, 2, 2, 3))):
            t = _weighted(rng, topics)
            if t not in chosen:
                chosen.append(t)
        byline = [f"{rng.choice(ROLES)} {_weighted(rng, authors, 0.8)}" for _ in range(rng.choice((1, 1, 2)))]
        body_sents = rng.sample(pool, k=min(len(pool), max(3, int(rng.lognormvariate(2.2, 0.6)))))
        paragraphs, para = [], []
        for s in body_sents:
            para.append(s)
            if len(para) >= rng.choice((2, 3, 4)):
                paragraphs.append("".join(para))
                para = []
        if para:
            paragraphs.append("".join(para))
        if len(paragraphs) > 3 and rng.random() < 0.3:
            paragraphs.insert(2, "## " + body_sents[0][:12].rstrip("，。、"))
        title = body_sents[0][: rng.randrange(12, 28)].rstrip("，。、；：")
        town = _weighted(rng, places, 0.7)
        source = rng.choice(SOURCES)
        lines = [
            "---",
            "title: " + json.dumps(f"{title}（{i}）", ensure_ascii=False),
            f"date: {day.isoformat()}",
            "author: [" + ", ".join(byline) + "]",
            f"town: {town}",
            "topic: [" + ", ".join(chosen) + "]",
            f"type: {kind}",
        ]
        if source:
            lines.append(f"source: {source}")
        if kind == "政策解读":  # every explainer names its policy (derived from i: no rng draws)
            lines += synthetic_policy(day.year, i % 5 + 1)
        lines += ["---", "", "\n\n".join(paragraphs), ""]
        out.append((f"articles/{day.year}/gen-{i:06d}.md", "\n".join(lines)))
    return out


def synthetic_policy(year: int, k: int) -> list[str]:
    """Front-matter lines of the k-th synthetic policy of a year (same k, year → same policy)."""
    return [
        "policy:",
        f"  title: 关于印发《{year}年第{k}批惠企政策措施》的通知（合成数据）",
        f"  number: 武政发〔{year}〕{k}号",
        "  issuer: 常州市武进区人民政府",
        f"  date: {year}-{k:02d}-15",
        f"  link: https://www.example.gov.cn/zcwj/{year}-{k}.html",
    ]


def write_corpus(docs_dir: str, n: int, seed: int = 1, vocab_dir: str | None = None) -> int:
    vocab_dir = vocab_dir or os.path.join(docs_dir, "_vocab")
    count = 0
    for rel, text in generate(vocab_dir, n, seed):
        path = os.path.join(docs_dir, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        count += 1
    return count


# Rare phrases among common pairs (search quality at scale): each phrase appears once in a few
# long articles spread over the years, while decoy articles hold every one of its character
# pairs, often and in their titles, but never the phrase itself. A search that checks only its
# best-scored candidates for the literal phrase loses the few real matches among the decoys.
DISTINCTIVE: tuple[tuple[str, str], ...] = (
    ("安全生产", "安全意识要牢记，完全生效的制度保障生产秩序"),
    ("乡村振兴", "城乡村落整治，村振奋精神，振兴实业"),
    ("中秋节", "中秋时节的夜晚，秋节气温宜人"),
    ("数字经济", "数字化转型，字经过核对，经济运行平稳"),
    ("网格化管理", "网格员上门，格化整为零，文化管家，管理到位"),
    ("城市更新", "城市面貌改善，市更加整洁，更新设备"),
    ("一网通办", "一网打尽隐患，网通达各村，通办事项"),
    ("社会治理", "社会各界参与，会治水护水，治理成效明显"),
)


def write_distinctive(docs_dir: str, decoys: int = 10, seed: int = 3) -> list[str]:
    """The DISTINCTIVE articles under docs_dir/articles/; returns the phrases."""
    rng = random.Random(seed)
    filler = sentences()
    years = list(range(2016, 2027))
    for n, (phrase, decoy) in enumerate(DISTINCTIVE):
        for k in range(1 + n % 3):   # one to three real matches, years apart
            year = years[(n * 3 + k * 4) % len(years)]
            body = "".join(rng.sample(filler, 8)) + f"会上提到{phrase}工作。" + "".join(rng.sample(filler, 8))
            _write_article(docs_dir, f"articles/{year}/distinctive-{n}-{k}.md", f"工作动态（{n}-{k}）",
                           f"{year}-0{1 + k}-1{n}", body)
        for k in range(decoys):
            year = years[(n + k) % len(years)]
            body = (decoy + "。") * 3 + "".join(rng.sample(filler, 2))
            _write_article(docs_dir, f"articles/{year}/decoy-{n}-{k:02d}.md", decoy[:12],
                           f"{year}-{1 + k % 9:02d}-{1 + k % 27:02d}", body)  # 2026: before the tests' build date
    return [p for p, _ in DISTINCTIVE]


def _write_article(docs_dir: str, rel: str, title: str, date_text: str, body: str) -> None:
    path = os.path.join(docs_dir, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\ndate: {date_text}\ntown: 湖塘镇\n"
                 f"topic: [营商环境]\n---\n\n{body}\n")


def write_documents(docs_dir: str, years: range = range(2016, 2026), per_year: int = 1) -> list[str]:
    """Policy documents (政策文件) with a 发文字号, per_year of them each year (their number is
    searched: search/records.py); returns the numbers."""
    numbers = []
    for year in years:
        for k in range(1, per_year + 1):
            number = f"武政发〔{year}〕{k}号"
            numbers.append(number)
            path = os.path.join(docs_dir, f"articles/{year}/document-{k}.md")
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(f"---\ntitle: 关于印发{year}年第{k}号工作要点的通知\ndate: {year}-0{1 + k % 9}-20\n"
                         f"type: 政策文件\nissuer: 常州市武进区人民政府\nnumber: {number}\ntown: 湖塘镇\n"
                         f"topic: [营商环境]\n---\n\n各镇人民政府、街道办事处：现将{year}年工作要点印发给你们，请认真贯彻执行。\n")
    return numbers
