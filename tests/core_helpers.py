"""In-process helpers for the core tests: a tiny project in a temp dir, built without MkDocs."""

from __future__ import annotations

from pathlib import Path

from govnews.config.options import settings_from_options
from govnews.model.catalog import article_sources
from govnews.site.build import build_site

ROOT = Path(__file__).resolve().parent.parent
VOCAB = ROOT / "docs" / "_vocab"
# a facet a site adds by configuration (its vocabulary: departments.yml)
DEPT = {"name": "department", "title": "部门", "vocabulary": "departments", "search_filter": "部门", "feed": True}
SITE_INFO = {"site": {"sponsor": "测试区人民政府办公室", "site_code": "0000000000", "icp": "苏ICP备00000000号"}}


def facet_docs(tmp: Path) -> Path:
    """A docs folder with one-word vocabularies for the default facets and DEPT."""
    (tmp / "docs" / "_vocab").mkdir(parents=True)
    for name in ("topics", "places", "types", "departments"):
        (tmp / "docs" / "_vocab" / f"{name}.yml").write_text("- 甲\n", encoding="utf-8")
    return tmp / "docs"


def make_docs(tmp: Path, articles: dict[str, str], vocab: dict[str, str] | None = None) -> Path:
    """docs/ with the repository's vocabularies (plus `vocab`) and the given articles
    (relative path → front matter lines, without the --- fences)."""
    docs = tmp / "docs"
    (docs / "_vocab").mkdir(parents=True)
    for f in VOCAB.glob("*.yml"):
        (docs / "_vocab" / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    for name, text in (vocab or {}).items():
        (docs / "_vocab" / name).write_text(text, encoding="utf-8")
    for rel, fm in articles.items():
        path = docs / "articles" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\n{fm.strip()}\n---\n\n正文。\n", encoding="utf-8")
    return docs


def site_of(tmp: Path, articles: dict[str, str], options: dict | None = None, vocab: dict[str, str] | None = None,
            **site):
    docs = make_docs(tmp, articles, vocab)
    settings = settings_from_options(options, docs_dir=str(docs), config_path=str(tmp / "mkdocs.yml"),
                             site_url="https://example.gov.cn/", site_name="测试", site_extra=SITE_INFO, **site)
    return build_site(list(article_sources(str(docs), settings, root=str(tmp))), settings)
