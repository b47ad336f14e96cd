"""YAML loading that keeps line numbers and leaves dates as text (we parse them ourselves,
so 2024-13-01 becomes a clear message instead of a constructor traceback)."""

from __future__ import annotations

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


def load(text: str):
    return yaml.load(text, Loader=Loader)


def load_with_lines(text: str):
    return yaml.load(text, Loader=LineLoader)


def top_level_key_lines(text: str) -> dict[str, int]:
    """1-based line of each top-level key of a YAML mapping (best effort, never raises)."""
    try:
        node = yaml.compose(text, Loader=Loader)
    except yaml.YAMLError:
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): k.start_mark.line + 1 for k, _ in node.value}


def error_line(exc: yaml.YAMLError) -> int | None:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return mark.line + 1 if mark is not None else None


def describe_error(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return f"YAML 格式错误：{problem}"
