"""Policy explainers (政策解读) and the documents they explain, linked both ways.

Front matter ``policy:`` (kept raw by the catalog in Article.extra["policy"]) names the
document. Usually it is on this site (an article of type 政策文件, documents.py): the
explainer writes its 发文字号 (`policy: 武政发〔2024〕8号`) or its file's path, and the
document's own page lists its explainers. A document that is not on this site is written
out: title, number (发文字号), issuer (发文机关), date and link (the original: an external
URL or an article on this site); all explainers naming it (same 发文字号, else same title)
share one policy page, /policies/<slug>/, which lists them. Every 政策解读 must name one.
The card on each explainer links to the document's page. /policies/ is the library: every
published document, then the documents known only from explainers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from govnews.common.diagnostics import INFO, WARNING, Problems, suggestion
from govnews.common.text import DAY, SLUG_RE, parse_date, slugify, unique_slugs
from govnews.config.settings import DOCUMENT_TYPE
from govnews.model.catalog import Article, Catalog, Dated
from govnews.model.documents import Document, DocumentIndex, check_number

EXPLAINER_TYPE = "政策解读"
POLICIES_PATH = "policies"

# accepted keys → canonical field (editors may write the Chinese names)
KEYS = {
    "title": "title", "标题": "title", "名称": "title",
    "number": "number", "发文字号": "number", "文号": "number",
    "issuer": "issuer", "发文机关": "issuer",
    "date": "date", "日期": "date", "发文日期": "date", "成文日期": "date",
    "link": "link", "url": "link", "链接": "link", "原文": "link",
    "slug": "slug",
}
FIELD_NAMES = {"title": "标题", "number": "发文字号", "issuer": "发文机关", "date": "日期", "link": "原文链接"}
# Title and issuer identify a document; number, date and link are shown when the editor has
# them. Requiring all five pushed editors to invent what a clipping does not say (the 牛塘镇
# interview names only "江苏省、常州市 … 三年行动计划"); the policy page on this site then
# stands for the original until its link is added.
REQUIRED = ("title", "issuer")
HINT = "title 标题、number 发文字号、issuer 发文机关、date 日期、link 原文链接"


@dataclass
class Policy(Dated):
    key: str                 # 发文字号, or the title when it has none
    title: str
    number: str = ""
    issuer: str = ""
    date: datetime | None = None
    date_precision: str = DAY   # a document on this site with a partial date (date: 2023)
    link: str = ""           # external URL, or '' when the original is on this site
    site_link: str = ""      # site-relative URL of the original on this site
    slug: str = ""
    source: str = ""         # article path that first defined it (for conflict messages)
    explainers: list[Article] = field(default_factory=list)   # listed articles, newest first
    document: Document | None = None   # the document, when it is on this site

    @property
    def url(self) -> str:
        return self.document.art.url if self.document is not None else f"{POLICIES_PATH}/{self.slug}/"


@dataclass
class PolicyIndex:
    policies: dict[str, Policy]          # documents not on this site: key → policy, newest first
    by_article: dict[str, Policy]        # explainer url → its policy
    documents: list[Policy] = field(default_factory=list)      # published documents, newest first
    by_document: dict[str, Policy] = field(default_factory=dict)   # document url → its policy

    @property
    def overview_url(self) -> str:
        return f"{POLICIES_PATH}/"

    @property
    def empty(self) -> bool:
        """No document at all: no library page (no blank columns)."""
        return not self.documents and not self.policies

    def of(self, art: Article) -> Policy | None:
        return self.by_article.get(art.url)

    def of_document(self, art: Article) -> Policy | None:
        return self.by_document.get(art.url)


def build_policies(catalog: Catalog, documents: DocumentIndex, problems: Problems) -> PolicyIndex:
    """Check every article's policy (drafts included: `govnews check` sees them too)."""
    found: dict[str, Policy] = {}
    explicit_slug: dict[str, str] = {}   # policy key → slug written by an editor
    slug_owner: dict[str, str] = {}
    by_article: dict[str, Policy] = {}
    listed_urls = {a.url for a in catalog.listed}
    on_site = {url: _document_policy(doc) for url, doc in documents.by_url.items()}
    for art in sorted(catalog.articles, key=lambda a: a.src):
        raw = art.extra.get("policy")
        if raw is None:
            if art.listed and art.type == EXPLAINER_TYPE:
                _add(problems, art, "type", f"政策解读必须写明所解读的政策 policy（{HINT}）")
            continue
        if isinstance(raw, (str, int, float)) and not isinstance(raw, bool) and str(raw).strip():
            doc, wrong = documents.resolve(raw, art)   # policy: 武政发〔2024〕8号, or a file
            if wrong:
                _add(problems, art, "policy", wrong)
            if doc is not None:
                _join(art, doc, on_site, by_article, listed_urls, problems)
            continue
        pol = _parse(art, raw, catalog, problems)
        if pol is None:
            continue
        doc = documents.by_number.get(check_number(pol.number)[0]) if pol.number else None
        doc = doc or documents.by_url.get(pol.site_link)
        if doc is not None:   # written out, yet on this site: the explainer joins the document
            _join(art, doc, on_site, by_article, listed_urls, problems)
            continue
        known = found.get(pol.key)
        if known is None:
            found[pol.key] = known = pol
        else:
            for name in ("title", "issuer", "number"):
                if getattr(pol, name) and getattr(known, name) and getattr(pol, name) != getattr(known, name):
                    _add(problems, art, "policy",
                         f"policy 的{FIELD_NAMES[name]}「{getattr(pol, name)}」与 {known.source} 中同一政策的"
                         f"「{getattr(known, name)}」不一致", WARNING)
        if pol.slug:
            owner = slug_owner.get(pol.slug, known.key)
            if owner != known.key:
                _add(problems, art, "policy", f"policy 的 slug「{pol.slug}」已被 {found[owner].source} 中的另一政策使用")
            elif explicit_slug.get(known.key, pol.slug) != pol.slug:
                _add(problems, art, "policy", f"policy 的 slug「{pol.slug}」与 {known.source} 不一致", WARNING)
            else:
                explicit_slug[known.key] = pol.slug
                slug_owner[pol.slug] = known.key
        if art.url in listed_urls:
            by_article[art.url] = known
            if not pol.link and not pol.site_link:   # inspectors count 解读稿未与政策原文关联
                _add(problems, art, "policy", f"所解读的政策「{pol.title}」没有原文链接：读者看不到原文，检查时算作"
                                              f"解读未与政策原文关联；请在 policy 下写 link: 原文网址（https://…），"
                                              f"或把原文作为政策文件（type: {DOCUMENT_TYPE}）发布到本站", INFO)

    # slugs: explicit ones first, the rest from 发文字号/title (pinyin), disambiguated stably
    taken = set(explicit_slug.values())
    auto = unique_slugs([k for k in found if k not in explicit_slug])
    for key, pol in found.items():
        if key in explicit_slug:
            pol.slug = explicit_slug[key]
        else:
            slug, n = auto[key], 2
            while slug in taken:
                slug, n = f"{auto[key]}-{n}", n + 1
            pol.slug = slug
            taken.add(slug)

    for art in catalog.listed:  # newest first
        pol = by_article.get(art.url)
        if pol is not None:
            pol.explainers.append(art)
    ordered = sorted((p for p in found.values() if p.explainers),
                     key=lambda p: (-(p.date.timestamp() if p.date else 0), p.slug))
    library = [on_site[a.url] for a in catalog.listed if a.url in on_site]
    for pol in library:
        if not pol.explainers:   # inspectors count 政策文件未被解读
            _add(problems, pol.document.art, "type", f"政策文件「{pol.title}」还没有解读（检查指标：政策文件应有解读，"
                                                     f"解读稿写 type: {EXPLAINER_TYPE} 和 policy: {pol.number or pol.document.art.src}）",
                 INFO)
    return PolicyIndex({p.key: p for p in ordered}, by_article, library, {p.url: p for p in library})


def _join(art: Article, doc: Document, on_site: dict[str, Policy], by_article: dict[str, Policy],
          listed_urls: set[str], problems: Problems) -> None:
    """A published explainer of an on-site document: its card links there, and it is listed there."""
    if art.url not in listed_urls:
        return
    if doc.art.url in listed_urls:
        by_article[art.url] = on_site[doc.art.url]
    else:   # the card would link to a page readers cannot open
        _add(problems, art, "policy", f"所解读的政策文件 {doc.art.path} 尚未发布（草稿、未到发布日期或日期待确认）："
                                      f"读者打不开它")


def _document_policy(doc: Document) -> Policy:
    art = doc.art
    return Policy(key=doc.number or art.url, title=art.title, number=doc.number, issuer="、".join(doc.issuers),
                  date=art.date, date_precision=art.date_precision, source=art.path, document=doc)


def _parse(art: Article, raw, catalog: Catalog, problems: Problems) -> Policy | None:
    if not isinstance(raw, dict):
        _add(problems, art, "policy", f"policy 应写本站政策文件的发文字号（如 policy: 武政发〔2024〕8号）或文件路径；"
                                      f"原文不在本站时写成“字段: 值”的形式（{HINT}）")
        return None
    values: dict[str, object] = {}
    where: dict[str, str] = {}   # canonical field → its line key, e.g. "policy.链接"
    for key, value in raw.items():
        name = KEYS.get(str(key))
        if name is None:
            _add(problems, art, f"policy.{key}", f"policy 中未知字段「{key}」{suggestion(str(key), KEYS)}", WARNING)
        else:
            values[name] = value
            where[name] = f"policy.{key}"
    text: dict[str, str] = {}
    ok = True
    for name, value in values.items():
        if name == "date":
            continue
        if isinstance(value, (list, dict, bool)):
            _add(problems, art, where[name], f"policy 的 {name}（{FIELD_NAMES.get(name, name)}）应是一段文字；"
                                             f'如果文字里有冒号、逗号或方括号，请把整段用引号括起来')
            value, ok = None, False
        text[name] = "" if value is None else str(value).strip()
    for name in REQUIRED:
        if values.get(name) in (None, ""):
            _add(problems, art, "policy", f"policy 缺少 {name}（{FIELD_NAMES[name]}）")
            ok = False
    date = None
    if values.get("date") not in (None, ""):
        try:
            date = parse_date(values["date"])
        except ValueError as exc:
            _add(problems, art, where["date"], f"policy 的 {exc}")
            ok = False
    link, site_link = text.get("link", ""), ""
    if link and not link.startswith(("https://", "http://")):
        target = link.strip("/") + "/"
        other = catalog.by_url.get(target)
        if other is None or not other.listed:
            _add(problems, art, where["link"],
                 f"policy 的 link「{link}」既不是网址（https://…），也不是本站文章的网址（如 articles/2024/slug/）")
            ok = False
        else:
            link, site_link = "", target
    slug = text.get("slug", "")
    if slug and not SLUG_RE.match(slug):
        _add(problems, art, where["slug"], f"policy 的 slug「{slug}」只能用小写字母、数字和连字符"
                                           f"（是否应为「{slugify(slug)}」？）")
        slug = ""
    if not ok:
        return None
    number = text.get("number", "")
    return Policy(key=number or text["title"], title=text["title"], number=number, issuer=text["issuer"],
                  date=date, link=link, site_link=site_link, slug=slug, source=art.path)


def _add(problems: Problems, art: Article, key: str, message: str, severity: str = "error") -> None:
    """Report at the key's line when the catalog recorded front-matter lines, else line 1."""
    lines = getattr(art, "key_lines", None) or {}
    if key not in lines and "." in key:
        key = key.split(".", 1)[0]   # a nested key whose line is unknown: its parent's line
    problems.add(art.path, lines.get(key, 1), message, severity)
