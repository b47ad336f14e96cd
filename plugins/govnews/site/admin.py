"""The web editor at /admin/: Decap CMS, configured from the declarations the build uses.

Editors who never open a terminal write articles in a form; the CMS commits Markdown with
front matter to the same git repository (through merge requests with editorial_workflow),
where `govnews check` and the build read it as any other article.

Nothing here is a second copy of the schema: the form's fields come from the settings (the
facets of mkdocs.yml with their vocabularies' names as choices, which facets an article type
has, which are required, their Chinese titles), the built-in fields (BUILTIN_FIELDS, labels
from FIELD_ALIASES / FIELD_SYNONYMS) and the article types of types.yml (one collection per
type, so a 政策文件 gets the policy document's fields and a 新闻 does not). New files go where
`govnews new` puts them: <articles_dir>/<year>/<slug>.md.

The CMS itself (Decap CMS's prebuilt bundle, pinned in package.json and fetched by
scripts/admin_bundle.sh into vendor/decap-cms/) is copied into site/admin/ at build time:
no CDN. /admin/ is noindex, linked from no page, outside the sitemap (it is not an engine
page) and the search index (which reads the catalog, not the site's files); the nginx config
gives it its own Content-Security-Policy (scripts/deploy/nginx_conf.py reads config.yml).
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import unicodedata

import yaml

from govnews.checks.links import MAX_PICTURE_BYTES
from govnews.config.settings import DOCUMENT_TYPE, FIELD_ALIASES, FIELD_SYNONYMS, FacetSpec, Settings
from govnews.model.attachments import EXTENSIONS as ATTACHMENT_EXTENSIONS
from govnews.model.catalog import DEFAULT_TYPE
from govnews.model.vocab import Vocabularies

ADMIN_DIR = "admin"
ADMIN_URL = ADMIN_DIR + "/"
BUNDLE_NAME = "decap-cms"
# where scripts/admin_bundle.sh puts the bundle: the repository's vendor/ (gitignored);
# GOVNEWS_ADMIN_BUNDLE names another folder
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
BUNDLE_DIR = os.path.join(REPO, "vendor", BUNDLE_NAME)
# the local git proxy, installed by `npm ci` (package-lock.json) beside the bundle
PROXY_BIN = os.path.join(REPO, "node_modules", ".bin", "decap-server")
# govnews' own script for the editor: not in assets/, whose subfolders every build publishes
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "admin_assets")
# the files of the bundle the page loads: the entry point, its chunks, their WebAssembly
BUNDLE_SUFFIXES = (".js", ".wasm", ".txt")
IMAGE_DIR = "images/uploads"          # docs/images/uploads: beside the importer's images/imported
FILE_DIR = "files/uploads"            # docs/files/uploads: beside the importer's files/imported
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024   # a scanned document runs to tens of MB (linkedfiles.py)
# a picture over MAX_PICTURE_BYTES is shrunk in the browser to this long edge (the width the link
# check's warning advises: "宽 1600 像素以内、500 KB 左右"), never enlarged
PICTURE_LONG_EDGE = 1600

# the policy document's own fields (BUILTIN_FIELDS; documents.py), in the order `govnews new` writes them
DOCUMENT_FIELDS = ("number", "written", "index_no", "replaced_by", "expired")
DATE_FIELDS = ("date", "written", "expired", "updated")
# hints under the built-in fields (the labels come from the schema's Chinese names)
HINTS = {
    "title": "文章标题，必填",
    "kicker": "标题上方的引题，可不写",
    "subtitle": "标题下方的副标题，可不写",
    "date": "发布日期，如 2024-05-29 或 2024-05-29 10:30（可点右边的日历选）。原文只写到月或年时写 2024-10 "
            "或 2023（也可写 2024年10月、2023年），不要补一个 1 日",
    "date_note": "日期的依据（如“同版通告落款 2024年5月29日”），只给编辑看，网站上不显示",
    "date_confirmed": "关掉：日期是推断的，确认前不发布",
    "summary": "一句话摘要，可不写（不写则取正文开头）",
    "slug": "网址最后一段：小写字母、数字、连字符（如 hu-tang-zhen-kai-zhan），发布后不要再改；不写则由标题拼音生成",
    "draft": "打开：草稿，不发布",
    "number": "发文字号，如 武政发〔2024〕8号",
    "written": "成文日期",
    "index_no": "索引号，可不写",
    "replaced_by": "替代本文件的新文件的发文字号，可不写",
    "expired": "废止或失效日期，可不写",
    "body": "正文。小标题用“标题 2”；可直接粘贴 Word、WPS、微信公众号的文字",
}
FALLBACK_LABELS = {"body": "正文", "date_confirmed": "日期已确认", "date_note": "日期依据", "slug": "网址"}
FORMAT = "govnews-frontmatter"         # registered by admin_assets/govnews-admin.js
SLUG_PATTERN = ["^([a-z0-9]+(-[a-z0-9]+)*)?$", "只能用小写字母、数字和连字符，如 hu-tang-zhen-kai-zhan"]
# `date` as parse_pub_date reads it (common/text.py): a full date with or without a time, or only
# a month or a year (date: 2024-10, date: 2023; 2024年10月, 2023年). The same regular expression in
# JavaScript (Decap tests the field's value with it) and Python (test_admin.py checks the two agree
# on examples); whether the day exists (2024-02-30) is left to `govnews check`.
_M, _D, _T = r"(0?[1-9]|1[0-2])", r"(0?[1-9]|[12][0-9]|3[01])", r"(\s*([01]?[0-9]|2[0-3])[:：][0-5][0-9])?"
PUB_DATE_PATTERN = [
    rf"^\s*[0-9]{{4}}\s*(年\s*)?$"
    rf"|^\s*[0-9]{{4}}\s*(-{_M}|年\s*{_M}\s*月)\s*$"
    rf"|^\s*[0-9]{{4}}(-{_M}-{_D}|年{_M}月{_D}日|/{_M}/{_D}|\.{_M}\.{_D}){_T}\s*$",
    "日期写作 2024-05-29 或 2024-05-29 10:30；原文只写到月写 2024-10（或 2024年10月），只写到年写 2023（或 2023年），"
    "不要补一个 1 日",
]
DATE_WIDGET = "govnews-date"           # a text box and a calendar (admin_assets/govnews-admin.js)
# keys the form uses but never writes into a file (govnews-admin.js drops every "__govnews_" key)
YEAR_KEY = "__govnews_year"            # the year of `date`, for the new file's folder (set in preSave)
ATTACHMENTS_KEY = "__govnews_attachments"   # uploaded attachments, moved into the body as links on save


def label(name: str) -> str:
    """The Chinese name of a front-matter key, from the schema's own names for it."""
    for zh, key in (*FIELD_ALIASES.items(), *FIELD_SYNONYMS.items()):
        if key == name and not zh.isascii():
            return zh
    return FALLBACK_LABELS.get(name, name)


def _field(name: str, widget: str, *, required: bool = False, **extra) -> dict:
    out = {"name": name, "label": label(name), "widget": widget, "required": required}
    if name in HINTS:
        out["hint"] = HINTS[name]
    out.update(extra)
    return out


def _date(name: str, required: bool = False) -> dict:
    # what parse_date reads and `govnews new` writes: 2024-05-29 10:30
    return _field(name, "datetime", required=required, format="YYYY-MM-DD HH:mm",
                  date_format="YYYY-MM-DD", time_format="HH:mm", picker_utc=False)


def _pub_date() -> dict:
    """`date`: typed (full, month or year, as the source gives it) or picked from a calendar."""
    return _field("date", DATE_WIDGET, required=True, pattern=PUB_DATE_PATTERN)


def attachments_field(settings: Settings) -> dict:
    """附件: files uploaded into docs/files/uploads (a field-level media folder, which Decap honours
    for a form field but not inside an editor component), linked from the body on save: the body's
    links are what a policy document's page lists under 附件 (model/attachments.py)."""
    docs = docs_in_repo(settings)
    depth = settings.articles_dir.strip("/").count("/") + 2   # <articles_dir>/<year>/<slug>.md → docs/
    return {
        "name": ATTACHMENTS_KEY, "label": "附件", "label_singular": "附件", "widget": "list", "required": False,
        "collapsed": False, "summary": "{{fields.text}}",
        "hint": "上传 PDF、Word、Excel、WPS、OFD 等文件，存到 files/uploads/；保存时作为链接加在正文末尾，"
                "政策文件页面在“附件”下列出。已加过的附件是正文里的链接，在正文里修改或删除",
        "fields": [
            {"name": "file", "label": "文件", "widget": "file", "required": True, "choose_url": False,
             "media_folder": "/" + "/".join(p for p in (docs, FILE_DIR) if p),
             "public_folder": "../" * depth + FILE_DIR,
             "media_library": {"config": {"max_file_size": MAX_ATTACHMENT_BYTES}}},
            {"name": "text", "label": "链接文字", "widget": "string", "required": False,
             "hint": "如“附件1：申报表”；不写则用文件名"},
        ],
    }


def facet_field(spec: FacetSpec, vocabs: Vocabularies) -> dict:
    """A facet as a form field: its vocabulary's names as the choices (hierarchies indented)."""
    title = spec.title if spec.label in ("", spec.title) else spec.label
    out = {"name": spec.field, "label": title, "required": spec.required}
    if spec.vocabulary:
        terms = list(vocabs.get(spec.vocabulary).terms.values())
        out.update(widget="select", multiple=spec.multiple,
                   options=[{"label": "　" * t.depth + t.name, "value": t.name} for t in terms])
        out["hint"] = f"可选{spec.shown_noun}见词表 {spec.vocabulary}.yml；没有合适的，请管理员在词表中添加"
    elif spec.multiple:
        out.update(widget="list", hint=f"{title}，可写多个")
    else:
        out.update(widget="string")
    if spec.default is not None:
        out["default"] = [spec.default] if spec.multiple else spec.default
    if spec.multiple and spec.vocabulary and spec.required:
        out["min"] = 1
    return out


def type_fields(settings: Settings, vocabs: Vocabularies, type_name: str) -> list[dict]:
    """The form of one article type, in the order `govnews new` writes front matter."""
    fields = [
        _field("title", "string", required=True),
        _field("kicker", "string"),
        _field("subtitle", "string"),
        _pub_date(),
        _field("date_confirmed", "boolean", default=True),
        _field("date_note", "string"),
    ]
    type_facet = None
    for spec in settings.facets:
        if spec.levels:            # date facets read the date
            continue
        if spec.field == "type":
            type_facet = spec
            continue
        if spec.types and type_name not in spec.types:
            continue
        fields.append(facet_field(spec, vocabs))
    if type_facet is not None:     # the collection is the type: fixed, not a choice
        fields.append({"name": type_facet.field, "label": type_facet.title, "widget": "hidden", "default": type_name})
    if type_name == DOCUMENT_TYPE:
        for name in DOCUMENT_FIELDS:
            fields.append(_date(name) if name in DATE_FIELDS else _field(name, "string", required=name == "number"))
    fields += [
        _field("summary", "text"),
        _field("slug", "string", pattern=SLUG_PATTERN),
        _field("draft", "boolean", default=False),
        _field("body", "markdown", modes=["rich_text", "raw"],
               buttons=["bold", "link", "heading-two", "heading-three", "quote", "bulleted-list", "numbered-list"],
               editor_components=["image"],
               # pictures over the size the link check warns about are shrunk in the browser before
               # upload (govnews-admin.js), or refused when they cannot be (checks/links.py)
               media_library={"config": {"max_file_size": MAX_PICTURE_BYTES}}),
        attachments_field(settings),
    ]
    return fields


def type_names(settings: Settings, vocabs: Vocabularies) -> list[str]:
    try:
        spec = next(s for s in settings.facets if s.field == "type")
    except StopIteration:
        return [DEFAULT_TYPE]
    names = list(vocabs.get(spec.vocabulary).terms) if spec.vocabulary else []
    return names or [DEFAULT_TYPE]


def backend(settings: Settings) -> dict:
    a = settings.admin
    local = {"name": "proxy", "proxy_url": f"http://127.0.0.1:{a.local_port}/api/v1", "branch": a.branch}
    if a.backend == "local":
        return local
    out: dict = {"name": a.backend, "repo": a.repo, "branch": a.branch}
    if a.backend in ("gitlab", "gitea"):
        out["app_id"] = a.app_id
    if a.backend == "gitlab":
        out["auth_type"] = "pkce"
    if a.base_url:
        out["base_url"] = a.base_url.rstrip("/")
    api_root = a.api_root or (a.base_url.rstrip("/") + {"gitlab": "/api/v4", "gitea": "/api/v1"}.get(a.backend, "")
                              if a.base_url and a.backend != "github" else "")
    if api_root:
        out["api_root"] = api_root
    if a.auth_endpoint:
        out["auth_endpoint"] = a.auth_endpoint
    out["commit_messages"] = {
        "create": "新建文章：{{slug}}（{{author-name}}）",
        "update": "修改文章：{{slug}}（{{author-name}}）",
        "delete": "删除文章：{{slug}}（{{author-name}}）",
        "uploadMedia": "上传图片：{{path}}",
        "deleteMedia": "删除图片：{{path}}",
    }
    return out


def cms_config(settings: Settings, vocabs: Vocabularies) -> dict:
    """Decap CMS's config.yml for this site, as data."""
    a = settings.admin
    docs = docs_in_repo(settings)
    folder = "/".join(p for p in (docs, settings.articles_dir.strip("/")) if p)
    depth = settings.articles_dir.strip("/").count("/") + 2   # <articles_dir>/<year>/<slug>.md → docs/
    config: dict = {
        "locale": "zh_Hans",
        "backend": backend(settings),
    }
    if a.backend != "local":
        # on this PC (`govnews admin`): the local git proxy instead of the git host
        config["local_backend"] = {"url": f"http://127.0.0.1:{a.local_port}/api/v1"}
    if a.editorial_workflow:
        config["publish_mode"] = "editorial_workflow"
    config.update({
        "site_url": settings.site_url or "/",
        "display_url": settings.site_url or "/",
        "media_folder": "/".join(p for p in (docs, IMAGE_DIR) if p),
        "public_folder": "/" + IMAGE_DIR,
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [],
    })
    for type_name in type_names(settings, vocabs):
        config["collections"].append({
            "name": "type-" + (vocabs.types.terms[type_name].slug if type_name in vocabs.types.terms else "news"),
            "label": type_name,
            "label_singular": type_name,
            "folder": folder,
            # the year of `date` (Decap's {{year}} is today's for a date it cannot read: 2023, 2024年10月)
            "path": "{{%s}}/{{slug}}" % YEAR_KEY,   # (a path template reads data keys; "fields." would become "fields-")
            "slug": "{{fields.slug}}",
            "extension": "md",
            # keeps comments, unknown keys, key order and layout (admin_assets/govnews-admin.js)
            "format": FORMAT,
            "create": True,
            "filter": {"field": "type", "value": type_name},
            # a relative path from <year>/<slug>.md, so MkDocs finds the picture (no absolute links)
            "media_folder": "/" + "/".join(p for p in (docs, IMAGE_DIR) if p),
            "public_folder": "../" * depth + IMAGE_DIR,
            "summary": "{{title}}（{{date}}）",
            "sortable_fields": ["date", "title"],
            "fields": type_fields(settings, vocabs, type_name),
        })
    return config


def docs_in_repo(settings: Settings) -> str:
    """docs_dir relative to mkdocs.yml's folder (the repository's root, where the CMS writes)."""
    root = os.path.dirname(os.path.abspath(settings.config_path))
    rel = os.path.relpath(os.path.abspath(settings.docs_dir), root).replace(os.sep, "/")
    return "" if rel == "." else rel


def config_yaml(settings: Settings, vocabs: Vocabularies) -> str:
    """config.yml: deterministic (the same settings and vocabularies give the same bytes)."""
    head = ("# 网页编辑器（Decap CMS）的配置：由 govnews 根据 mkdocs.yml 与词表生成，请勿手改。\n"
            "# Generated by govnews (site/admin.py) from mkdocs.yml and the vocabularies: do not edit.\n")
    return head + yaml.safe_dump(cms_config(settings, vocabs), allow_unicode=True, sort_keys=False,
                                 default_flow_style=False, width=1000)


INDEX_HTML = """<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>{title}</title>
</head>
<body>
<noscript>网页编辑器需要启用 JavaScript。</noscript>
<script src="{bundle}.js"></script>
<script src="js-yaml.min.js"></script>
<script src="pinyin.js"></script>
<script src="govnews-settings.js"></script>
<script src="govnews-admin.js"></script>
</body>
</html>
"""


CJK_FIRST, CJK_LAST = 0x4E00, 0x9FFF   # CJK Unified Ideographs: every character of a title


@functools.lru_cache(maxsize=1)
def pinyin_js() -> str:
    """pinyin.js: one toneless syllable per CJK character (pypinyin's first reading, as
    `govnews new` slugifies a lone character), so that the form names a new article
    <year>/<pinyin of the title>.md when the editor leaves 网址 empty (govnews-admin.js)."""
    from pypinyin.pinyin_dict import pinyin_dict

    def toneless(reading: str) -> str:
        text = unicodedata.normalize("NFD", reading.split(",")[0]).replace("u\u0308", "v")
        return "".join(c for c in text if not unicodedata.combining(c))

    syllables = [toneless(pinyin_dict[cp]) if cp in pinyin_dict else "" for cp in range(CJK_FIRST, CJK_LAST + 1)]
    return ("// generated by govnews (site/admin.py) from pypinyin: one syllable per character from U+4E00\n"
            f"window.GOVNEWS_PINYIN = {{first: {CJK_FIRST}, syllables: {json.dumps(' '.join(syllables))}}};\n")


def settings_js(settings: Settings, vocabs: Vocabularies, styles: list[str] = ()) -> str:
    """govnews-settings.js: what govnews-admin.js needs of the settings: the picture size it
    shrinks to (checks/links.py's limit, the long edge its warning advises), the file types an
    attachment may be (the types the policy pages list, model/attachments.py), and for the preview
    the site's stylesheets and the article header's rows and chips (the facets with header:
    meta / chips, in facet order, as templates/article_header.html prints them)."""
    shown = [s for s in settings.facets if not s.levels and s.header in ("meta", "chips")]
    data = {
        "max_picture_bytes": MAX_PICTURE_BYTES,
        "picture_long_edge": PICTURE_LONG_EDGE,
        "attachment_extensions": list(ATTACHMENT_EXTENSIONS),
        "collections": [c["name"] for c in cms_config(settings, vocabs)["collections"]],
        "styles": list(styles),
        "meta": [{"field": s.field, "label": s.shown_label} for s in shown if s.header == "meta"],
        "chips": [{"field": s.field, "label": s.shown_label} for s in shown if s.header == "chips"],
    }
    return ("// generated by govnews (site/admin.py) from mkdocs.yml: do not edit\n"
            f"window.GOVNEWS_ADMIN = {json.dumps(data, ensure_ascii=False, sort_keys=True)};\n")


def site_styles(site_dir: str) -> list[str]:
    """The built site's stylesheets (Material's hashed main/palette, govnews.css), relative to
    /admin/, for the preview: the article as readers will see it."""
    found = []
    sheets = os.path.join(site_dir, "assets", "stylesheets")
    if os.path.isdir(sheets):
        found += [f"../assets/stylesheets/{n}" for n in sorted(os.listdir(sheets))
                  if n.endswith(".min.css") and n.startswith(("main.", "palette."))]
    for name in ("govnews.css", "publish.css"):
        if os.path.isfile(os.path.join(site_dir, "assets", "govnews", name)):
            found.append(f"../assets/govnews/{name}")
    return found


def find_bundle() -> str | None:
    """The folder holding decap-cms.js, or None when scripts/setup.sh has not fetched it."""
    where = os.environ.get("GOVNEWS_ADMIN_BUNDLE") or BUNDLE_DIR
    return where if os.path.isfile(os.path.join(where, BUNDLE_NAME + ".js")) else None


def bundle_files(bundle: str) -> list[str]:
    return sorted(n for n in os.listdir(bundle) if n.endswith(BUNDLE_SUFFIXES) and not n.endswith(".map"))


def write_site_admin(site, site_dir: str) -> str | None:
    """write_admin for a built Site (site/build.py): the engine adapter's one call."""
    return write_admin(site_dir, site.settings, site.vocabs)


def write_admin(site_dir: str, settings: Settings, vocabs: Vocabularies) -> str | None:
    """Write site/admin/ (page, generated config, the CMS bundle); return why not, or None."""
    if not settings.admin.enabled:
        return None
    bundle = find_bundle()
    if bundle is None:
        return ("网页编辑器 /admin/ 未生成：没有找到 Decap CMS（运行 bash scripts/setup.sh --with-admin 安装，"
                "或在 mkdocs.yml 的 govnews 设置中写 admin: {enabled: false}）")
    out = os.path.join(site_dir, ADMIN_DIR)
    os.makedirs(out, exist_ok=True)
    title = f"网页编辑器 · {settings.site_name}" if settings.site_name else "网页编辑器"
    _write(os.path.join(out, "index.html"), INDEX_HTML.format(title=_esc(title), bundle=BUNDLE_NAME))
    _write(os.path.join(out, "config.yml"), config_yaml(settings, vocabs))
    _write(os.path.join(out, "pinyin.js"), pinyin_js())
    _write(os.path.join(out, "govnews-settings.js"), settings_js(settings, vocabs, site_styles(site_dir)))
    for name in sorted(os.listdir(HERE)):
        _copy(os.path.join(HERE, name), os.path.join(out, name))
    for name in bundle_files(bundle):
        _copy(os.path.join(bundle, name), os.path.join(out, name))
    return None


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _write(path: str, text: str) -> None:
    data = text.encode("utf-8")
    try:
        with open(path, "rb") as fh:
            if fh.read() == data:
                return
    except OSError:
        pass
    with open(path, "wb") as fh:
        fh.write(data)


def _copy(src: str, dest: str) -> None:
    """Hard-link (or copy) unless the same file is there: the 6.6 MB bundle in every build
    costs no disk and little time (the suite builds hundreds of sites)."""
    try:
        a, b = os.stat(src), os.stat(dest)
        if (a.st_ino, a.st_dev) == (b.st_ino, b.st_dev) or (a.st_size == b.st_size and int(a.st_mtime) == int(b.st_mtime)):
            return
        os.unlink(dest)
    except OSError:
        pass
    try:
        os.link(src, dest)
    except OSError:   # another file system, or links not allowed
        shutil.copy2(src, dest)
