"""The layout is the architecture: these tests keep it so (in-process, reading the source).

- only the engine adapter (`govnews.engine`) imports MkDocs: the core runs under any engine;
- no import cycles between modules;
- each layer imports only the layers below it (`govnews/__init__.py` has the map).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "plugins" / "govnews"
# lowest first: a module may import its own layer and the layers before it
LAYERS = ("common", "config", "perf", "model", "checks", "search", "site", "importer", "cli", "engine")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PKG.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in PKG.rglob("*.py")}


def runtime_imports(name: str, path: Path, known: set[str]) -> set[str]:
    """Modules imported when `name` is imported (imports under `if TYPE_CHECKING:` left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
                   and "TYPE_CHECKING" in ast.unparse(node.test) for b in node.body for n in ast.walk(b)}
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")
                parent = parent[: len(parent) - (node.level - 1)]
                base = ".".join(parent + ([node.module] if node.module else []))
            found.add(base)
            # `from pkg import submodule` imports the submodule
            found |= {f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in known}
    return found


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    mods = modules()
    return {name: runtime_imports(name, path, set(mods)) for name, path in mods.items()}


def layer(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


def test_only_the_engine_adapter_imports_mkdocs(graph):
    offenders = sorted(m for m, deps in graph.items() if layer(m) != "engine"
                       and any(d == "mkdocs" or d.startswith("mkdocs.") for d in deps))
    assert offenders == [], f"the core must run under any engine; these import mkdocs: {offenders}"


def test_no_import_cycles(graph):
    internal = {m: {d for d in deps if d in graph and d != m} for m, deps in graph.items()}
    # a package's __init__ importing its own modules is how packages work, not a cycle
    internal = {m: {d for d in deps if not (m and d.startswith(m + "."))} for m, deps in internal.items()}
    state: dict[str, int] = {}
    cycles = []

    def visit(node, stack):
        state[node] = 1
        stack.append(node)
        for dep in sorted(internal[node]):
            if state.get(dep) == 1:
                cycles.append(stack[stack.index(dep):] + [dep])
            elif dep not in state:
                visit(dep, stack)
        stack.pop()
        state[node] = 2

    for node in sorted(internal):
        if node not in state:
            visit(node, [])
    assert cycles == [], "import cycles: " + "; ".join(" → ".join(c) for c in cycles)


def test_layers_import_only_downwards(graph):
    wrong = []
    for mod, deps in sorted(graph.items()):
        own = layer(mod)
        if own is None:
            continue
        for dep in sorted(deps):
            theirs = layer(dep)
            if theirs and LAYERS.index(theirs) > LAYERS.index(own):
                wrong.append(f"{mod} ({own}) imports {dep} ({theirs})")
    assert wrong == [], "a layer may import only the layers below it:\n" + "\n".join(wrong)


def test_the_user_facing_names_still_work():
    """mkdocs.yml lists `govnews.plain_indent` and `govnews.chinese_breaks`; `govnews` is the command."""
    import importlib

    for name in ("govnews.plain_indent", "govnews.chinese_breaks"):
        assert callable(importlib.import_module(name).makeExtension)
    from govnews.cli import main
    assert callable(main)


def test_the_engine_adapter_uses_only_the_contract():
    """engine/contract.py names what an engine adapter may use of the core: the MkDocs
    adapter imports the core through it and calls only CoreSite's members on the Site."""
    from govnews.engine.contract import CoreSite

    source = (PKG / "engine" / "mkdocs_plugin.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    core_imports = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                    and node.module and node.module.startswith("govnews.")}
    # the contract, the adapter's own Markdown/asset names, and the audit (its options and page)
    allowed = {"govnews.engine", "govnews.engine.contract", "govnews.checks", "govnews.site",
               "govnews.site.render", "govnews.perf.idlegc", "govnews.search.service"}
    assert core_imports <= allowed, f"the adapter reaches past the contract: {sorted(core_imports - allowed)}"
    members = set(CoreSite.__annotations__) | {n for n in vars(CoreSite) if not n.startswith("_")}
    used = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, (ast.Name, ast.Attribute)):
            owner = ast.unparse(node.value)
            if owner in ("site", "self.site"):
                used.add(node.attr)
    assert used and used <= members, f"Site members the adapter uses outside the contract: {sorted(used - members)}"
