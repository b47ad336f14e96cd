"""Build settings: plain data, so the core runs with or without MkDocs.

Facets are configuration, not code (as Hugo's taxonomies): each names the front-matter key
it reads, the URL path of its pages, its vocabulary, and what the site does with it (search
filter, feeds, a chip or a row in the article header, breadcrumbs, home blocks, related
articles, statistics). options.py reads them from mkdocs.yml and merges them with the
defaults below by name.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from datetime import datetime
from urllib.parse import urlsplit

from govnews.common.text import CHINA_TZ

HEADER_STYLES = ("chips", "meta", "none")   # how a facet shows in the article header
HOME_STYLES = ("blocks", "chips", "none")   # blocks: a section per `main` value; chips: leaf values

# Front-matter keys with a meaning of their own. A facet may not read them, except the
# default facets that are built on them (author → bylines, archive → date).
BUILTIN_FIELDS = (
    "title", "kicker", "subtitle", "date", "updated", "update_note", "author", "source", "summary",
    "slug", "draft", "policy", "image", "keywords",
    "editor",   # staff lines of imported pages (责任编辑：…); kept, not shown
    "date_confirmed",   # false: an inferred date, not published until confirmed (catalog.py)
    "date_note",        # the editor's reasoning for the date: kept in the file, shown nowhere public
    "wording",          # escapes of the wording check (wording.py)
    # a policy document's own fields (type 政策文件, documents.py)
    "number", "written", "index_no", "replaced_by", "expired",
)

# Chinese names editors may write for front-matter keys (a policy document is usually
# copied from a 政策文件库 whose labels are these); the catalog reads them as the key.
FIELD_ALIASES = {
    "标题": "title", "发布日期": "date", "成文日期": "written", "发文机关": "issuer",
    "发文字号": "number", "文号": "number", "索引号": "index_no", "主题分类": "subject",
    "有效性": "status", "替代文件": "replaced_by", "废止日期": "expired", "失效日期": "expired",
}
# keys other generators and old habits write (Hugo, Jekyll, Material's blog, CMS exports, the
# editor's own words) → the field meant: only suggested in the unknown-field message, never read
FIELD_SYNONYMS = {
    "tags": "topic", "tag": "topic", "categories": "topic", "category": "topic", "专题": "topic",
    "主题": "topic", "栏目": "topic", "topics": "topic",
    "description": "summary", "excerpt": "summary", "abstract": "summary", "摘要": "summary", "导读": "summary",
    "authors": "author", "writer": "author", "作者": "author", "记者": "author", "署名": "author",
    "location": "town", "place": "town", "towns": "town", "地点": "town", "地名": "town", "镇街": "town",
    "乡镇": "town",
    "published": "date", "pubdate": "date", "publishdate": "date", "publish_date": "date", "time": "date",
    "日期": "date", "时间": "date", "发布时间": "date",
    "来源": "source", "稿源": "source", "origin": "source", "类型": "type", "类别": "type", "kind": "type",
    "草稿": "draft", "副标题": "subtitle", "引题": "kicker", "关键词": "keywords", "keyword": "keywords",
    "cover": "image", "thumbnail": "image", "图片": "image", "封面": "image",
    "编辑": "editor", "责任编辑": "editor", "updated_at": "updated", "modified": "updated", "更新日期": "updated",
}
DOCUMENT_TYPE = "政策文件"      # the article type of a policy document (types.yml)


@dataclass(frozen=True)
class FacetSpec:
    name: str                      # internal key, e.g. "topic"; also the search page's URL parameter
    field: str                     # front-matter key it reads: topic | town | type | author | date | …
    path: str                      # URL path of its pages: /<path>/ and /<path>/<slug>/
    title: str                     # Chinese heading of the overview page, e.g. 专题
    label: str = ""                # its name beside a value (article header), default: title
    noun: str = ""                 # what one value is called in messages (地名), default: label
    vocabulary: str | None = None  # docs/_vocab/<vocabulary>.yml, or None for free values
    multiple: bool = False         # front matter may list several values
    default: str | None = None     # value of an article that does not set the field
    levels: tuple[str, ...] = ()   # date facets: strftime levels, coarse to fine
    labels: tuple[str, ...] = ()   # date facets: label per level ({y} {m})
    search_filter: str | None = None  # Pagefind filter name, or None
    search_levels: int = 99        # how many hierarchy levels the search filter carries
    feed: bool = False             # one feed per value
    show_empty: bool = False       # publish values without articles (blank columns: not for public sites)
    header: str = "chips"          # article header: chips (a linked chip per value) | meta (a row) | none
    breadcrumbs: int = 0           # article breadcrumb and feed link: 1 first choice, 2 next …; 0 never
    home: str = "none"             # home page: blocks | chips | none
    related: int = 0               # weight of a shared value when ranking related articles
    stats: bool = False            # rows on the statistics page
    enabled: bool = True           # false switches a default facet off
    types: tuple[str, ...] = ()    # only articles of these types (type facet) have it; () = all
    required: bool = False         # an article (of `types`) must have a value

    @property
    def shown_label(self) -> str:
        return self.label or self.title

    @property
    def shown_noun(self) -> str:
        return self.noun or self.shown_label


DEFAULT_FACETS: tuple[FacetSpec, ...] = (
    FacetSpec("topic", "topic", "topics", "专题", vocabulary="topics", multiple=True, search_filter="专题",
              feed=True, header="chips", breadcrumbs=1, home="blocks", related=300, stats=True),
    FacetSpec("author", "author", "authors", "作者", multiple=True, header="meta"),
    FacetSpec("town", "town", "towns", "镇街", label="地区", noun="地名", vocabulary="places",
              search_filter="地区", feed=True, header="meta", breadcrumbs=2, home="chips", related=200,
              stats=True),
    FacetSpec("type", "type", "types", "类型", vocabulary="types", default="新闻", search_filter="类型",
              feed=True, header="meta"),
    FacetSpec(
        "archive", "date", "archive", "归档",
        levels=("%Y", "%Y/%m"), labels=("{y}年", "{y}年{m}月"),
        search_filter="年份", search_levels=1, header="none",
    ),
    # the policy library's filters (/policies/): facets of policy documents only
    FacetSpec("issuer", "issuer", "issuers", "发文机关", vocabulary="issuers", multiple=True,
              search_filter="发文机关", header="none", breadcrumbs=3, types=(DOCUMENT_TYPE,), required=True),
    FacetSpec("subject", "subject", "subjects", "主题分类", vocabulary="subjects", search_filter="主题分类",
              header="none", types=(DOCUMENT_TYPE,)),
    FacetSpec("status", "status", "validity", "有效性", vocabulary="statuses", default="有效",
              search_filter="有效性", header="none", types=(DOCUMENT_TYPE,)),
    FacetSpec("policy_year", "date", "policy-years", "发布年份", levels=("%Y",), labels=("{y}年",),
              header="none", types=(DOCUMENT_TYPE,)),
)


ADMIN_BACKENDS = ("local", "gitlab", "gitea", "github")   # the web editor's git hosts (site/admin.py)


@dataclass(frozen=True)
class AdminSpec:
    """The web editor at /admin/ (mkdocs.yml `admin:`): where its git repository is. `local`
    uses only the local git proxy (`govnews admin` on one PC); the others log in to a git host
    with an OAuth application (PKCE: no secret anywhere) and, with editorial_workflow, save
    each article on a branch with a merge request (草稿 → 待审 → 发布)."""

    enabled: bool = True
    backend: str = "local"            # local | gitlab | gitea (Gitea and Forgejo) | github
    repo: str = ""                    # group/project on the git host
    branch: str = "main"
    base_url: str = ""                # the git host, e.g. https://git.example.gov.cn (gitlab.com, …)
    api_root: str = ""                # default: base_url + /api/v4 (GitLab), /api/v1 (Gitea)
    auth_endpoint: str = ""           # default: oauth/authorize (GitLab)
    app_id: str = ""                  # the OAuth application's ID (public; never a secret)
    editorial_workflow: bool = True   # 草稿 → 待审 → 发布 as branches and merge requests
    local_port: int = 8081            # the local git proxy (decap-server) for `govnews admin`


@dataclass(frozen=True)
class Settings:
    docs_dir: str
    # -- content
    vocab_dir: str = "_vocab"           # relative to docs_dir
    articles_dir: str = "articles"      # relative to docs_dir; every .md below is an article
    permalink: str = "articles/{year}/{slug}/"
    # -- generated pages
    per_page: int = 20
    home: bool = True                   # false: no generated home page (the editor writes index.md)
    home_latest: int = 10
    home_per_topic: int = 5             # articles per home block (facets with home: blocks)
    facets: tuple[FacetSpec, ...] = DEFAULT_FACETS
    # articles without a table of contents are filled into the theme's page shell (shell.py)
    # instead of each going through the theme's template; false: the theme renders every one
    article_shell: bool = True
    # -- search
    search: bool = True                 # false: no Pagefind index (e.g. huge-site previews)
    search_shard_size: int = 1250       # most articles one Pagefind run indexes (search/shards.py): ~0.42 GB
    cache_dir: str = ".cache/govnews"   # relative to mkdocs.yml; unchanged search shards (search/cache.py); '' = none
    audit: dict | None = None           # `audit:` options, checked by audit.thresholds_from_config
    admin: AdminSpec = AdminSpec()      # the web editor at /admin/ (site/admin.py)
    # -- the run
    serving: bool = False               # `mkdocs serve`: drafts visible, marked
    dirty: bool = False                 # `mkdocs serve --dirty`: only changed pages are rendered
    include_drafts: bool = False        # true under `mkdocs serve`
    now: datetime = field(default_factory=lambda: build_time())
    # -- the site (mkdocs.yml outside the plugin's options)
    site_name: str = ""
    site_url: str = ""
    site_description: str = ""
    site_author: str = ""
    site_extra: object = None           # mkdocs.yml `extra: govnews:` (government footer …), checked by govsite.py
    nav: tuple[str, ...] = ()           # page paths mkdocs.yml's nav names
    config_path: str = "mkdocs.yml"

    @property
    def site_origin(self) -> str:
        """The host of site_url (lower case), '' when none is configured."""
        return urlsplit(self.site_url).netloc.lower() if self.site_url else ""

    @property
    def cache_path(self) -> str:
        """The build cache's folder, '' when switched off."""
        if not self.cache_dir:
            return ""
        return os.path.join(os.path.dirname(os.path.abspath(self.config_path)), self.cache_dir)

    @property
    def vocab_path(self) -> str:
        return os.path.join(self.docs_dir, self.vocab_dir)

    def facet(self, name: str) -> FacetSpec:
        for spec in self.facets:
            if spec.name == name:
                return spec
        raise KeyError(name)

    def with_(self, **changes) -> "Settings":
        return replace(self, **changes)


def build_time() -> datetime:
    """Now in China time; SOURCE_DATE_EPOCH pins it for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), CHINA_TZ)
    return datetime.now(CHINA_TZ)
