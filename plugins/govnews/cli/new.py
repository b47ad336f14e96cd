"""`govnews new`: a new article with valid front matter at its stable path.

The file goes to docs/<articles_dir>/<year>/<slug>.md and its URL comes from the permalink
(articles/<year>/<slug>/), never from topic or town. Town, topics and type are checked
against the vocabularies first; an existing file or URL is never overwritten.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import datetime

from govnews.common.diagnostics import Problems
from govnews.common.text import SLUG_RE, parse_date, slugify
from govnews.config.settings import DOCUMENT_TYPE, Settings
from govnews.model.catalog import DEFAULT_TYPE, Article, permalink
from govnews.model.policy import EXPLAINER_TYPE
from govnews.model.vocab import load_vocabularies


class ScaffoldError(Exception):
    """Editor-facing reasons (Chinese), one per line."""

    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass
class NewArticle:
    title: str
    town: str | None = None
    topics: list[str] = field(default_factory=list)
    date: str | None = None
    type: str | None = None
    authors: list[str] = field(default_factory=list)
    slug: str | None = None
    draft: bool = True


def _q(value: str) -> str:
    """A YAML scalar that stays a string whatever the editor typed (colons, quotes, #)."""
    return json.dumps(value, ensure_ascii=False)


def front_matter(spec: NewArticle, when: datetime, slug: str) -> str:
    lines = ["---", f"title: {_q(spec.title)}",
             f"date: {when:%Y-%m-%d %H:%M}" if (when.hour, when.minute) != (0, 0) else f"date: {when:%Y-%m-%d}"]
    if spec.authors:
        lines.append("author: [" + ", ".join(_q(a) for a in spec.authors) + "]")
    if spec.town:
        lines.append(f"town: {_q(spec.town)}")
    if spec.topics:
        lines.append("topic: [" + ", ".join(_q(t) for t in spec.topics) + "]")
    lines.append(f"type: {_q(spec.type or DEFAULT_TYPE)}")
    if spec.type == DOCUMENT_TYPE:   # the fields of a 政策文件库 (README: 政策文件库)
        lines += ["issuer: \"\"          # 发文机关（必填，词表 docs/_vocab/issuers.yml）；联合发文写 [甲, 乙]",
                  "number: \"\"          # 发文字号，如 武政发〔2024〕8号",
                  "written:             # 成文日期，如 2024-02-20",
                  "index_no: \"\"        # 索引号，可不写",
                  "subject: \"\"         # 主题分类，可不写",
                  "status: 有效         # 有效 / 修订 / 失效 / 废止（不再有效时写 expired 或 replaced_by）"]
    elif spec.type == EXPLAINER_TYPE:
        lines.append("policy: \"\"          # 所解读的政策文件的发文字号（本站文件），或写成 title、issuer 等字段")
    lines.append("summary: \"\"        # 一句话摘要，可不写（不写则取正文开头）")
    lines.append(f"slug: {slug}")
    lines.append(f"draft: {'true' if spec.draft else 'false'}" + ("          # 写好后改为 false 才会发布" if spec.draft else ""))
    lines += ["---", "", "（在这里写正文。小标题用 ## 开头。）", ""]
    return "\n".join(lines)


def create_article(spec: NewArticle, settings: Settings, taken_urls: set[str] | None = None) -> tuple[str, str]:
    """Write the article; return (file path, site URL). Raises ScaffoldError."""
    problems = Problems()
    vocabs = load_vocabularies(settings.vocab_path, problems)
    errors: list[str] = [str(p) for p in problems.errors]
    spec.title = spec.title.strip()
    if not spec.title:
        errors.append("标题 --title 不能为空")

    if spec.town:
        term = vocabs.places.resolve(spec.town)
        if term is None:
            errors.append(f"未知地名「{spec.town}」{vocabs.places.suggest(spec.town)}")
        else:
            spec.town = term.name
    topics: list[str] = []
    for name in spec.topics:
        term = vocabs.topics.resolve(name)
        if term is None:
            errors.append(f"未知专题「{name}」{vocabs.topics.suggest(name)}")
        elif term.name not in topics:
            topics.append(term.name)
    spec.topics = topics
    if spec.type:
        term = vocabs.types.resolve(spec.type)
        if term is None:
            names = "、".join(vocabs.types.terms)
            errors.append(f"类型「{spec.type}」不存在，应为 {names} 之一{vocabs.types.suggest(spec.type)}")
        else:
            spec.type = term.name

    try:
        when = parse_date(spec.date) if spec.date else settings.now.replace(second=0, microsecond=0)
    except ValueError as exc:
        errors.append(str(exc))
        when = settings.now
    slug = spec.slug or slugify(spec.title)
    if not SLUG_RE.match(slug):
        errors.append(f"slug「{slug}」只能用小写字母、数字和连字符")
    if errors:
        raise ScaffoldError(errors)

    art = Article(src="", path="", date=when, slug=slug)
    url = permalink(art, settings)
    path = os.path.join(settings.docs_dir, settings.articles_dir, str(when.year), f"{slug}.md")
    if os.path.exists(path):
        raise ScaffoldError([f"{os.path.relpath(path)} 已存在，不会覆盖（换一个 --slug）"])
    if taken_urls and url in taken_urls:
        raise ScaffoldError([f"网址 /{url} 已被另一篇文章使用（换一个 --slug）"])
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "x", encoding="utf-8") as fh:  # "x": never overwrite, even in a race
        fh.write(front_matter(spec, when, slug))
    return path, url

