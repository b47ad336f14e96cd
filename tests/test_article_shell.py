"""Articles filled into the page shell (shell.py) are the pages the theme would render.

The site is built twice, with `article_shell` on (the default) and off (every article through
Material's template), and every article page must be byte-identical: titles whose whitespace
the theme collapses, escaped characters, with and without authors, with the site's default
author, an article with a table of contents (rendered by the theme either way).
"""

from __future__ import annotations

import re

from conftest import make_project


def _articles(site) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted((site / "articles").rglob("*.html"))}


def test_shell_articles_equal_the_themes_rendering(tmp_path):
    pages = {}
    for shell in (True, False):
        proj = make_project(tmp_path / f"shell-{shell}", with_content=True)
        cfg = proj.root / "mkdocs.yml"
        cfg.write_text(cfg.read_text(encoding="utf-8").replace(
            "site_description:", "site_author: 武进区融媒体中心\nsite_description:", 1), encoding="utf-8")
        proj.article("2024/spaces.md", title='"两个  空格 & <b>不是标签</b> 的标题"', author="[记者 何晓丹]",
                     town="湖塘镇", topic="营商环境", summary='"摘要里有 \\"引号\\" & <尖括号>"')
        proj.article("2024/no-author.md", title="没有署名的文章", town="牛塘镇", topic="营商环境",
                     body="第一段。\n\n第二段，有[链接](spaces.md)。")
        proj.article("2024/with-toc.md", title="有小标题的文章", town="湖塘镇", topic="营商环境",
                     body="导语。\n\n## 第一部分\n\n内容。\n\n## 第二部分\n\n内容。")
        if not shell:
            proj.plugin_options(article_shell="false")
        result = proj.build()
        assert result.returncode == 0, result.stderr
        filled = re.search(r"govnews: (\d+) 篇文章由页面外壳填写", result.stderr)
        if shell:
            # every published article but those with a table of contents (with-toc.md and
            # the sample articles with subheadings)
            with_toc = [n for n, html in _articles(proj.site).items() if b'data-md-component="toc"' in html]
            assert "articles/2024/with-toc/index.html" in with_toc
            assert filled and int(filled.group(1)) == len(_articles(proj.site)) - len(with_toc), result.stderr
        else:
            assert filled is None, result.stderr
        pages[shell] = _articles(proj.site)
    assert pages[True].keys() == pages[False].keys()
    assert len(pages[True]) >= 5
    different = [name for name in pages[True] if pages[True][name] != pages[False][name]]
    assert not different, different
    spaces = pages[True]["articles/2024/spaces/index.html"].decode()
    assert "<title>两个 空格 &amp; &lt;b&gt;不是标签&lt;/b&gt; 的标题 - " in spaces
    assert '<meta name="author" content="何晓丹">' in spaces
    assert '<meta name="author" content="武进区融媒体中心">' in pages[True]["articles/2024/no-author/index.html"].decode()
