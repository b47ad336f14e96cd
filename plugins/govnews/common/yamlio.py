"""YAML loading that keeps line numbers and leaves dates as text (we parse them ourselves,
so 2024-13-01 becomes a clear message instead of a constructor traceback)."""

from __future__ import annotations

import re

import yaml

try:  # the C parser is several times faster; same semantics
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    pass


Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}

LINE_KEY = "__line__"


class LineLoader(Loader):
    """Adds ``__line__`` (1-based) to every mapping: for vocabulary error messages."""

    def construct_mapping(self, node, deep=False):  # noqa: D401
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE_KEY] = node.start_mark.line + 1
        return mapping


class AliasRefused(yaml.YAMLError):
    """An alias (*name) in an editor's YAML: refused, as a YAML error with its line. Nothing
    editors write needs one, and nested aliases (a "billion laughs") expand to gigabytes for
    whatever walks the values."""

    def __init__(self, mark) -> None:
        super().__init__("aliases are not allowed")
        self.problem = "aliases are not allowed"
        self.problem_mark = mark
        self.context = None
        self.context_mark = None


def refuse_aliases(text: str) -> None:
    """Raise AliasRefused at the first alias; linear (one pass of the scanner), and only when
    the text holds a '*' at all."""
    if "*" not in text:
        return
    for token in yaml.scan(text, Loader=Loader):
        if isinstance(token, yaml.AliasToken):
            raise AliasRefused(token.start_mark)


def load(text: str):
    refuse_aliases(text)
    return yaml.load(text, Loader=Loader)


def load_with_lines(text: str):
    refuse_aliases(text)
    return yaml.load(text, Loader=LineLoader)


def key_lines(text: str) -> dict[str, int]:
    """Top-level key lines, plus 'parent.child' for the keys of a mapping value (policy.link)."""
    try:
        node = yaml.compose(text, Loader=Loader)
    except yaml.YAMLError:
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    lines: dict[str, int] = {}
    for key, value in node.value:
        lines[str(key.value)] = key.start_mark.line + 1
        if isinstance(value, yaml.MappingNode):
            for sub, _ in value.value:
                lines.setdefault(f"{key.value}.{sub.value}", sub.start_mark.line + 1)
    return lines


def error_line(exc: yaml.YAMLError) -> int | None:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if "quoted scalar" in (getattr(exc, "context", None) or "") and getattr(exc, "context_mark", None):
        mark = exc.context_mark  # an unclosed quote: the line where it opens, not the end of the file
    return mark.line + 1 if mark is not None else None


# a key written with a Chinese IME: 'title：…' (full-width colon) or 'title:…' (no space)
_IME_KEY = re.compile(r"^(?P<key>[A-Za-z_][A-Za-z0-9_-]{0,30}|[\u4e00-\u9fff]{2,6})(?:\s*(?P<wide>：)|(?P<tight>:)(?=[^\s/]))")


def key_typo(fm: str) -> tuple[int, str] | None:
    """(line, message) for the first key line an IME spoiled, when YAML could not read the
    front matter: its error points at a later line and speaks of something else."""
    for no, line in enumerate(fm.split("\n"), start=1):
        m = _IME_KEY.match(line)
        if m:
            key = m["key"]
            if m["wide"]:
                return no, f"字段名「{key}」后面是中文冒号「：」，应为英文冒号加空格：{key}: …"
            return no, f"字段名「{key}」的冒号后面缺少空格，应为 {key}: …"
    return None


# PyYAML's problem (English) → what it usually means in front matter, and the usual fix
_EXPLAIN = (
    ("mapping values are not allowed", "这一行的值里有“冒号加空格”，YAML 把它当成了新字段（或这一行多了缩进）；"
                                       '请把整个值用引号括起来，例如 title: "会议：部署……"'),
    ("could not find expected ':'", "缺少“字段: 值”中的英文冒号和空格，或上一行的引号没有闭合"),
    ("found character '\\t'", "不能用 Tab 缩进或分隔，请改用空格"),
    ("that cannot start any token", "值不能以 @ ` % 等符号开头，请把整个值用引号括起来"),
    ("found unknown escape character", '双引号中的反斜杠 \\ 有特殊含义：请写成 \\\\，或改用单引号'),
    ("found unexpected end of stream", "引号没有闭合：值开头有引号，结尾也要有同样的引号"),
    ("while scanning a quoted scalar", "引号没有闭合：值开头有引号，结尾也要有同样的引号"),
    ("expected ',' or ']'", "方括号列表没有闭合，或列表项里有逗号：请检查 [ ]，带逗号的项用引号括起来"),
    ("expected ',' or '}'", "花括号没有闭合：请检查 { }，或把整个值用引号括起来"),
    ("while parsing a flow", "方括号或花括号没有闭合：请检查 [ ] 和 { }，或把整个值用引号括起来"),
    ("found undefined alias", "值不能以 * 开头，请把整个值用引号括起来"),
    ("aliases are not allowed", "不能用 YAML 别名（以 * 开头的值引用前面 & 定义的内容）：请把内容直接写出来；"
                                "值本身以 * 开头时把整个值用引号括起来"),
    ("expected alphabetic or numeric character", "值不能以 * 或 & 开头，请把整个值用引号括起来"),
    ("special characters are not allowed", "含有不可见的控制字符，请删除"),
    ("did not find expected key", "缩进不一致：同一层的字段要对齐，列表项以“- ”开头"),
    ("did not find expected '-' indicator", "缩进不一致：同一层的列表项要对齐"),
    ("found duplicate anchor", "值不能以 & 开头，请把整个值用引号括起来"),
    ("expected <document start>", "front matter 中有不是“字段: 值”的行"),
)


def describe_error(exc: yaml.YAMLError) -> str:
    """Chinese explanation of a YAML error, with PyYAML's own words kept for reference."""
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None) or ""
    for needle, meaning in _EXPLAIN:
        if needle in problem or needle in context:
            return f"YAML 格式错误：{meaning}（{problem}）"
    return f"YAML 格式错误：请检查这一行的冒号、引号和缩进，值里有特殊符号时把整个值用引号括起来（{problem}）"
