"""The govnews options of mkdocs.yml: one typed schema, read by the MkDocs plugin and the CLI.

Like the options of Material's blog plugin, they are grouped, defaulted and validated; unlike
them, they are plain Python (no MkDocs import), so `govnews check` reads exactly what a build
reads. A mistake is a message naming mkdocs.yml, the line and the option, with a suggestion
(`mkdocs.yml:24: plugins.govnews.facets[department].vocabularyy: 未知选项（是否应为「vocabulary」？）`),
never a traceback.

Facet entries merge with the default facets by `name` (Hugo replaces its default taxonomies
when one is added; here adding 部门 does not restate the other five): an entry with a default's
name changes only what it sets, `enabled: false` switches a default off, any other name adds a
facet.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, fields, replace

import yaml

from govnews.common.diagnostics import suggestion
from govnews.config.settings import (
    ADMIN_BACKENDS,
    BUILTIN_FIELDS,
    DEFAULT_FACETS,
    HEADER_STYLES,
    HOME_STYLES,
    AdminSpec,
    FacetSpec,
    Settings,
)

PREFIX = "plugins.govnews"
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_PATH = re.compile(r"^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*$")
# URL paths the rest of the site uses: search page and index (Pagefind), stats, policies,
# the column audit, assets, the page shell, pictures and files (imported ones too), feeds
RESERVED_PATHS = ("search", "stats", "policies", "assets", "_gn-shell", "pagefind", "audit", "images", "files",
                  "feed.xml", "sitemap.xml", "404.html", "search.html", "stats.html")


class ConfigError(ValueError):
    """Bad govnews options; `messages` are `mkdocs.yml:line: …` lines for the editor."""

    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class Option:
    name: str
    kind: type | tuple          # bool, int, str, list (facets)
    group: str
    help: str
    minimum: int | None = None


# (the defaults are Settings' own: one place)
OPTIONS: tuple[Option, ...] = (
    Option("vocab_dir", str, "content", "词表目录（相对 docs_dir）"),
    Option("articles_dir", str, "content", "文章目录（相对 docs_dir）"),
    Option("permalink", str, "content", "文章网址，可用 {year} {slug}"),
    Option("per_page", int, "pages", "列表页每页篇数", minimum=1),
    Option("home", bool, "pages", "生成首页（false：编辑自己写 docs/index.md）"),
    Option("article_shell", bool, "pages", "文章页由页面外壳填写（false：每篇都由主题模板渲染）"),
    Option("home_latest", int, "pages", "首页“最新文章”篇数", minimum=0),
    Option("home_per_topic", int, "pages", "首页每个板块的篇数", minimum=0),
    Option("facets", list, "pages", "分类（facet），按 name 与默认分类合并"),
    Option("search", bool, "search", "生成搜索索引（Pagefind）"),
    Option("search_shard_size", int, "search", "每个搜索分片最多的文章数", minimum=1),
    Option("cache_dir", str, "search", "构建缓存目录（相对 mkdocs.yml；未变的搜索分片不再重新索引）；空字符串：不用缓存"),
    Option("audit", dict, "audit", "栏目更新检查：时限与 /audit/ 页面（audit.py）"),
    Option("admin", dict, "admin", "网页编辑器 /admin/：git 仓库所在（site/admin.py）"),
)
_BY_NAME = {o.name: o for o in OPTIONS}

# facet options: type, and what the value must be
_FACET_TYPES: dict[str, tuple] = {
    "name": (str,), "field": (str,), "path": (str,), "title": (str,), "label": (str,), "noun": (str,),
    "vocabulary": (str, type(None)), "multiple": (bool,), "default": (str, type(None)),
    "levels": (list,), "labels": (list,), "search_filter": (str, type(None)), "search_levels": (int,),
    "feed": (bool,), "show_empty": (bool,), "header": (str,), "breadcrumbs": (int,), "home": (str,),
    "related": (int,), "stats": (bool,), "enabled": (bool,), "types": (list,), "required": (bool,),
}
assert set(_FACET_TYPES) == {f.name for f in fields(FacetSpec)}
_TYPE_NAMES = {str: "文字", int: "整数", bool: "true 或 false", list: "列表", dict: "“键: 值”的映射", type(None): "null"}


def settings_from_options(options: dict | None, *, docs_dir: str, config_path: str = "mkdocs.yml",
                  **site) -> Settings:
    """Settings from the plugin's raw options (a mapping, None for `- govnews`) and the site
    values around them (site_name, site_url, site_description, site_extra, nav, serving, dirty …).
    Raises ConfigError with every problem found."""
    lines = ConfigLines(config_path)
    errors: list[str] = []

    def err(path: tuple, message: str) -> None:
        errors.append(f"{lines.shown}:{lines.line(path)}: {message}")

    options = {} if options is None else options
    if not isinstance(options, dict):
        err((), f"{PREFIX} 的选项应写成“选项: 值”的形式")
        raise ConfigError(errors)
    values: dict = {}
    for key, value in options.items():
        key = str(key)
        opt = _BY_NAME.get(key)
        if opt is None:
            err((key,), f"{PREFIX}.{key}: 未知选项{suggestion(key, _BY_NAME) or _choices(_BY_NAME)}")
            continue
        if not _is(value, (opt.kind,)):
            err((key,), f"{PREFIX}.{key}（{opt.help}）应为{_TYPE_NAMES[opt.kind]}，而不是「{value}」")
            continue
        if opt.minimum is not None and value < opt.minimum:
            err((key,), f"{PREFIX}.{key}（{opt.help}）至少为 {opt.minimum}（现为 {value}）")
            continue
        values[key] = value
    permalink = values.get("permalink")
    if permalink is not None:
        try:
            permalink.format(year=2024, slug="x")
            if "{slug}" not in permalink:
                raise KeyError("slug")
        except (KeyError, IndexError, ValueError):
            err(("permalink",), f"{PREFIX}.permalink「{permalink}」只能用 {{year}} 和 {{slug}}，且必须含 {{slug}}")
            values.pop("permalink")

    if "admin" in values:
        values["admin"] = admin_spec(values["admin"], err)
    base = Settings(docs_dir=docs_dir)
    vocab_dir = os.path.join(docs_dir, values.get("vocab_dir", base.vocab_dir))
    articles_dir = values.get("articles_dir", base.articles_dir)
    facets = merge_facets(values.pop("facets", None), err, vocab_dir, articles_dir)
    if errors:
        raise ConfigError(errors)
    serving = bool(site.get("serving"))
    return Settings(docs_dir=docs_dir, config_path=config_path, facets=facets, include_drafts=serving,
                    **values, **{k: v for k, v in site.items() if v is not None})


# admin options: type, and what the value must be (AdminSpec's fields)
_ADMIN_TYPES: dict[str, type] = {f.name: {"bool": bool, "int": int}.get(f.type, str) for f in fields(AdminSpec)}
_URL = re.compile(r"^https?://[^\s/]+(/\S*)?$")


def admin_spec(item: dict, err) -> AdminSpec:
    """The `admin:` group; a bad value is a message and the default stays."""
    where = f"{PREFIX}.admin"
    changes: dict = {}
    for key, value in item.items():
        key = str(key)
        kind = _ADMIN_TYPES.get(key)
        if kind is None:
            err(("admin", key), f"{where}.{key}: 未知选项{suggestion(key, _ADMIN_TYPES) or _choices(_ADMIN_TYPES)}")
        elif value is None and kind is str:
            changes[key] = ""
        elif not _is(value, (kind,)):
            err(("admin", key), f"{where}.{key} 应为{_TYPE_NAMES[kind]}，而不是「{value}」")
        else:
            changes[key] = value.strip() if kind is str else value
    spec = AdminSpec(**changes)
    if spec.backend not in ADMIN_BACKENDS:
        err(("admin", "backend"), f"{where}.backend「{spec.backend}」应为 {'、'.join(ADMIN_BACKENDS)} 之一"
                                  f"{suggestion(spec.backend, ADMIN_BACKENDS)}")
        spec = replace(spec, backend="local")
    if spec.backend != "local" and spec.enabled:
        if not re.match(r"^[\w.-]+(/[\w.-]+)+$", spec.repo):
            err(("admin", "repo") if "repo" in item else ("admin",),
                f"{where}.repo 应写 git 仓库的“组/项目”（如 wujin/news），backend 为 {spec.backend} 时必填")
        if spec.backend in ("gitlab", "gitea") and not spec.app_id:
            err(("admin", "app_id") if "app_id" in item else ("admin",),
                f"{where}.app_id 应写 {spec.backend} 中 OAuth 应用的 Application ID（见 README「网页编辑器」）")
    for key in ("base_url", "api_root"):
        value = getattr(spec, key)
        if value and not _URL.match(value):
            err(("admin", key), f"{where}.{key}「{value}」应为 http:// 或 https:// 开头的网址")
    if not 1 <= spec.local_port <= 65535:
        err(("admin", "local_port"), f"{where}.local_port 应为 1–65535 之间的端口号")
    return spec


def merge_facets(items, err, vocab_dir: str, articles_dir: str) -> tuple[FacetSpec, ...]:
    """The default facets with the entries of mkdocs.yml merged in by name."""
    specs: dict[str, FacetSpec] = {s.name: s for s in DEFAULT_FACETS}
    if items is None:
        return DEFAULT_FACETS
    seen: set[str] = set()
    for i, item in enumerate(items):
        where = f"{PREFIX}.facets[{i}]"
        if not isinstance(item, dict):
            err(("facets", i), f"{where} 应写成“选项: 值”的形式（至少有 name 和 title）")
            continue
        name = item.get("name")
        if not isinstance(name, str) or not _NAME.match(name):
            err(("facets", i, "name") if "name" in item else ("facets", i),
                f"{where}.name 缺少或不合法（小写英文字母、数字、下划线，如 department）")
            continue
        where = f"{PREFIX}.facets[{name}]"
        if name in seen:
            err(("facets", i, "name"), f"{where}: 分类「{name}」写了两次")
            continue
        seen.add(name)
        changes: dict = {}
        for key, value in item.items():
            key = str(key)
            kinds = _FACET_TYPES.get(key)
            if kinds is None:
                err(("facets", i, key), f"{where}.{key}: 未知选项{suggestion(key, _FACET_TYPES) or _choices(_FACET_TYPES)}")
            elif not _is(value, kinds):
                wanted = "或".join(_TYPE_NAMES[k] for k in kinds)
                err(("facets", i, key), f"{where}.{key} 应为{wanted}，而不是「{value}」")
            else:
                changes[key] = tuple(str(v) for v in value) if kinds == (list,) else value
        if name in specs:
            spec = replace(specs[name], **changes)
        else:
            if "title" not in changes:
                err(("facets", i), f"{where}: 新分类须写 title（概览页标题，如 部门）")
                continue
            changes.setdefault("field", name)
            changes.setdefault("path", changes["field"].replace("_", "-"))
            spec = FacetSpec(**changes)
        specs[name] = spec
        _check_facet(spec, i, where, err, vocab_dir)
    enabled = [s for s in specs.values() if s.enabled]
    _check_together(enabled, items, err, articles_dir)
    return tuple(enabled)


def _check_facet(spec: FacetSpec, i: int, where: str, err, vocab_dir: str) -> None:
    at = lambda key: ("facets", i, key)  # noqa: E731
    if not spec.enabled:
        return
    if not _NAME.match(spec.field):
        err(at("field"), f"{where}.field「{spec.field}」应为 front matter 的字段名（小写英文字母、数字、下划线）")
    if not _PATH.match(spec.path):
        err(at("path"), f"{where}.path「{spec.path}」应为网址路径（小写英文字母、数字、连字符，如 departments）")
    if spec.header not in HEADER_STYLES:
        err(at("header"), f"{where}.header「{spec.header}」应为 {'、'.join(HEADER_STYLES)} 之一"
                          f"{suggestion(spec.header, HEADER_STYLES)}")
    if spec.home not in HOME_STYLES:
        err(at("home"), f"{where}.home「{spec.home}」应为 {'、'.join(HOME_STYLES)} 之一{suggestion(spec.home, HOME_STYLES)}")
    for key in ("breadcrumbs", "related"):
        if getattr(spec, key) < 0:
            err(at(key), f"{where}.{key} 不能为负数")
    if spec.search_levels < 1:
        err(at("search_levels"), f"{where}.search_levels 至少为 1")
    if spec.levels and spec.field != "date":
        err(at("levels"), f"{where}.levels 只用于按日期归档的分类（field: date）")
    if len(spec.labels) not in (0, len(spec.levels)):
        err(at("labels"), f"{where}.labels 应与 levels 一一对应（{len(spec.levels)} 项）")
    if spec.vocabulary is not None:
        if spec.levels:
            err(at("vocabulary"), f"{where}: 按日期归档的分类不用词表")
        elif not os.path.isfile(os.path.join(vocab_dir, spec.vocabulary + ".yml")):
            have = sorted(n[:-4] for n in os.listdir(vocab_dir) if n.endswith(".yml")) if os.path.isdir(vocab_dir) else []
            shown = _rel(os.path.join(vocab_dir, spec.vocabulary + ".yml"))
            hint = suggestion(spec.vocabulary, have) or (f"（已有词表：{'、'.join(have)}）" if have else "")
            err(at("vocabulary"), f"{where}.vocabulary: 找不到词表「{spec.vocabulary}」（应有文件 {shown}）{hint}")
    # built-in fields a facet may read: bylines (the author facet) and the date (any date facet)
    allowed = (spec.field == "author" and spec.name == "author") or (spec.field == "date" and spec.levels)
    if spec.field in BUILTIN_FIELDS and not allowed:
        err(at("field"), f"{where}.field「{spec.field}」是文章的内置字段，不能用作分类；请换一个字段名")
    if spec.field == "date" and not spec.levels:
        err(at("levels"), f"{where}: 按日期归档的分类须写 levels")


def _check_together(specs: list[FacetSpec], items: list, err, articles_dir: str) -> None:
    index = {item.get("name"): i for i, item in enumerate(items) if isinstance(item, dict)}
    fields_: dict[str, str] = {}
    paths: dict[str, str] = {}
    reserved = (*RESERVED_PATHS, articles_dir.strip("/").split("/")[0])
    for spec in specs:
        at = ("facets", index[spec.name]) if spec.name in index else ()
        where = f"{PREFIX}.facets[{spec.name}]"
        if spec.field in fields_ and not spec.levels:   # date facets all read the date
            err((*at, "field") if at else (), f"{where}.field「{spec.field}」已由分类「{fields_[spec.field]}」读取")
        fields_.setdefault(spec.field, spec.name)
        top = spec.path.split("/")[0]
        # a facet's value pages live under its path (/topics/<slug>/): no other facet's path may
        # lie inside them, nor contain them
        inside = next((other for other in paths if spec.path.startswith(other + "/")
                       or other.startswith(spec.path + "/")), None)
        if spec.path in paths:
            err((*at, "path") if at else (), f"{where}.path「{spec.path}」已由分类「{paths[spec.path]}」使用")
        elif top in reserved:
            err((*at, "path") if at else (), f"{where}.path「{spec.path}」与站点已有网址 /{top}/ 冲突"
                                             f"（是否应为「{top}-list」？）")
        elif inside is not None:
            err((*at, "path") if at else (), f"{where}.path「{spec.path}」与分类「{paths[inside]}」的网址 /{inside}/ "
                                             f"重叠（一个分类的各页都在它的网址下）：请换一个路径")
        paths.setdefault(spec.path, spec.name)


def _is(value, kinds: tuple) -> bool:
    for kind in kinds:
        if kind is int and isinstance(value, int) and not isinstance(value, bool):
            return True
        if kind is not int and isinstance(value, kind):
            return True
    return False


def _choices(names) -> str:
    return f"（可用：{'、'.join(names)}）"


def _rel(path: str) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - other drive on Windows
        return path


class ConfigLines:
    """Line numbers of the govnews options in mkdocs.yml (composed, not loaded: tags need
    no constructors), so a message points at the option the editor wrote."""

    def __init__(self, config_path: str):
        self.shown = _rel(config_path) if config_path else "mkdocs.yml"
        self.root = None
        self.base = 1
        try:
            with open(config_path, encoding="utf-8") as fh:
                doc = yaml.compose(fh.read())
        except (OSError, TypeError, yaml.YAMLError):
            return
        plugins = _child(doc, "plugins")
        if plugins is None:
            return
        for entry in plugins.value if isinstance(plugins, yaml.SequenceNode) else []:
            if isinstance(entry, yaml.ScalarNode) and entry.value == "govnews":
                self.base = entry.start_mark.line + 1
            elif isinstance(entry, yaml.MappingNode):
                for k, v in entry.value:
                    if k.value == "govnews":
                        self.base, self.root = k.start_mark.line + 1, v

    def line(self, path: tuple) -> int:
        node, line = self.root, self.base
        for part in path:
            if node is None:
                break
            if isinstance(part, int):
                node = node.value[part] if isinstance(node, yaml.SequenceNode) and part < len(node.value) else None
                if node is not None:
                    line = node.start_mark.line + 1
            else:
                key, node = _entry(node, part)
                if key is not None:
                    line = key.start_mark.line + 1
        return line


def facet_option_line(config_path: str, facet: str, key: str) -> tuple[str, int]:
    """(mkdocs.yml as shown, line) of option `key` of the facet entry named `facet`, for
    checks that need the vocabularies (options.py does not read them)."""
    lines = ConfigLines(config_path)
    facets = _child(lines.root, "facets")
    for i, item in enumerate(facets.value if isinstance(facets, yaml.SequenceNode) else []):
        name = _child(item, "name")
        if isinstance(name, yaml.ScalarNode) and name.value == facet:
            return lines.shown, lines.line(("facets", i, key))
    return lines.shown, lines.base


def _entry(node, name: str):
    """(key node, value node) of `name` in a YAML mapping node, or (None, None)."""
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == name:
                return k, v
    return None, None


def _child(node, name: str):
    return _entry(node, name)[1]
