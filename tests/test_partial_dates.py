"""Honest partial dates: `date: 2023`, `date: 2024-10` (2023年, 2024年10月) are valid; what
the source does not say (a month, a day) is never made up — not on a page, in JSON-LD,
<meta>, a feed, the sitemap, the archive or the search's title index — and the column audit
does not count such an article as an update.

One real build of a small project, read by many tests; the parsing and ordering rules in
process."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

import feedparser
import pytest

from govnews.common.text import CHINA_TZ, format_cn_date, iso_date, parse_pub_date
from govnews.importer.output.frontmatter_out import render
from govnews.model.catalog import Article

from conftest import make_project
from importer_helpers import run_text

# rel path → (title, date as written, what a reader sees, ISO form)
ARTICLES = {
    "full": ("有具体日期的文章", "2024-05-29", "2024年5月29日", "2024-05-29T00:00:00+08:00"),
    "month": ("只写到月的文章", "2024-10", "2024年10月", "2024-10"),
    "month-cn": ("中文写到月的文章", "2024年3月", "2024年3月", "2024-03"),
    "newyear": ("元旦发布的文章", "2024-01-01", "2024年1月1日", "2024-01-01T00:00:00+08:00"),
    "year": ("只写到年的文章", "2024", "2024年", "2024"),
    "year-cn": ("中文写到年的文章", "2023年", "2023年", "2023"),
}
# newest first: a partial date sorts at the start of its period, after the full dates of
# that instant (2024 after 2024-01-01)
ORDER = ["month", "full", "month-cn", "newyear", "year", "year-cn"]
# days that only a placeholder would give (2024-01-01 is a real date here: newyear)
PLACEHOLDERS = ("2024年10月1日", "2024-10-01", "2024年3月1日", "2024-03-01", "2023年1月1日", "2023-01-01",
                "01 Oct 2024", "01 Mar 2024", "01 Jan 2023")
NOTE = "编辑据同版今年1至9月推断"   # date_note: for editors only


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    proj = make_project(tmp_path_factory.mktemp("partial-dates"))
    for name, (title, when, _, _) in ARTICLES.items():
        extra = {"date_note": NOTE} if name == "month" else {}
        # 文化 and 湖塘镇 for all; the year-only 2023 article alone in 交通
        proj.article(f"{name}.md", title=title, date=when, town="湖塘镇",
                     topic="交通" if name == "year-cn" else "文化", **extra)
    result = proj.build()
    assert result.returncode == 0, result.stderr
    return proj


def _url(name: str) -> str:
    return f"articles/{ARTICLES[name][3][:4]}/{name}/"


def _jsonld(soup) -> list[dict]:
    return [json.loads(s.string) for s in soup.select('script[type="application/ld+json"]')]


def _site_texts(site: Path):
    for path in sorted(site.rglob("*")):
        if path.suffix in {".html", ".xml", ".json", ".txt"} and path.is_file():
            yield path, path.read_text(encoding="utf-8", errors="replace")


# -- in process ---------------------------------------------------------------------------

@pytest.mark.parametrize("value,when,precision", [
    (2023, datetime(2023, 1, 1, tzinfo=CHINA_TZ), "year"),
    ("2023", datetime(2023, 1, 1, tzinfo=CHINA_TZ), "year"),
    ("2023年", datetime(2023, 1, 1, tzinfo=CHINA_TZ), "year"),
    ("２０２３年", datetime(2023, 1, 1, tzinfo=CHINA_TZ), "year"),
    ("2024-10", datetime(2024, 10, 1, tzinfo=CHINA_TZ), "month"),
    ("2024-3", datetime(2024, 3, 1, tzinfo=CHINA_TZ), "month"),
    ("2024年10月", datetime(2024, 10, 1, tzinfo=CHINA_TZ), "month"),
    ("2024-05-29", datetime(2024, 5, 29, tzinfo=CHINA_TZ), "day"),
])
def test_partial_dates_are_read_with_their_precision(value, when, precision):
    assert parse_pub_date(value) == (when, precision)


@pytest.mark.parametrize("value,hint", [
    ("2023-13", "日期不合法「2023-13」（没有13月，月份应为 1 到 12，如 2023-01；原文只写到年份时写「2023」）"),
    ("2024年13月", "日期不合法「2024年13月」（没有13月，月份应为 1 到 12，如 2024-01；原文只写到年份时写「2024」）"),
    ("2024-00", "没有0月"),
    ("2024/5", "（是否应为「2024-05」？"),
])
def test_a_bad_partial_date_says_what_to_write(value, hint):
    with pytest.raises(ValueError) as exc:
        parse_pub_date(value)
    assert hint in str(exc.value)


def test_a_partial_date_is_formatted_as_known():
    when = datetime(2024, 10, 1, tzinfo=CHINA_TZ)
    assert format_cn_date(when, "month") == "2024年10月" and iso_date(when, "month") == "2024-10"
    assert format_cn_date(when, "year") == "2024年" and iso_date(when, "year") == "2024"
    assert format_cn_date(when) == "2024年10月1日"


def test_a_partial_date_sorts_at_the_start_of_its_period():
    arts = []
    for name, (_, when, _, _) in ARTICLES.items():
        date, precision = parse_pub_date(when)
        arts.append(Article(src=f"{name}.md", path=f"{name}.md", date=date, date_precision=precision,
                            url=f"articles/{name}/"))
    assert [a.src[:-3] for a in sorted(arts, key=Article.sort_key)] == ORDER


def test_the_importer_writes_a_partial_date_when_the_source_gives_only_a_month_or_a_year():
    signed = "关于开展安全检查的通知\n\n各村（社区）：\n\n请于本月底前完成自查。\n\n湖塘镇人民政府\n2024年10月\n"
    [d] = run_text(signed, place="湖塘镇").drafts
    assert (d.date.text, d.date.precision, d.date.exact) == ("2024-10", "month", True)
    assert "\ndate: 2024-10\n" in render(d, "x") and "date_confirmed" not in render(d, "x")
    assert any("日期只写到月" in w and "2024年10月" in w for w in d.warnings)   # the report says so

    undated = "湖塘镇举办文化活动\n\n湖塘镇近日举办文化活动，群众踊跃参加。\n"
    [d] = run_text(undated, place="湖塘镇", year=2023).drafts
    text = render(d, "x")
    assert "\ndate: 2023\ndate_confirmed: false\n" in text, text   # --year: a guess, still to confirm
    assert any("日期只写到年" in w for w in d.warnings)
    [d] = run_text(undated, place="湖塘镇").drafts
    assert d.date.value is None      # no year given: nothing invented


# -- one real build -----------------------------------------------------------------------

def test_check_explains_partial_dates_as_information(project):
    proc = project.govnews("check")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert ("docs/articles/month.md:3: 提示：日期只写到月（2024年10月）：页面如实显示「2024年10月」并注明原文未注明日；"
            "列表中排在该月有具体日期的文章之后；栏目更新检查不把本文算作栏目更新") in proc.stdout
    assert "docs/articles/year-cn.md:3: 提示：日期只写到年（2023年）" in proc.stdout
    assert "full.md" not in proc.stdout and "newyear.md" not in proc.stdout


def test_pages_show_exactly_what_is_known(project):
    for name, (title, _, shown, iso) in ARTICLES.items():
        soup = project.html(_url(name))
        time = soup.select_one(".gn-article-header .gn-meta time")
        assert (time.get_text(), time["datetime"]) == (shown, iso), name
        note = soup.select_one(".gn-article-header .gn-date-note")
        partial = len(iso) < 10
        assert (note is not None) == partial, name
        if partial:
            assert note.get_text() == ("（原文未注明月日）" if len(iso) == 4 else "（原文未注明日）")
        head = {m.get("name") or m.get("property"): m.get("content") for m in soup.select("meta")}
        want = iso if len(iso) < 10 else iso[:10] + " 00:00"
        assert head["PubDate"] == want and head["article:published_time"] == iso, name
        article = next(d for d in _jsonld(soup) if d["@type"] == "NewsArticle")
        assert article["datePublished"] == iso and article["dateModified"] == iso, name


def test_lists_put_a_partial_date_where_documented(project):
    soup = project.html("towns/hutang/")
    titles = [a.get_text(strip=True) for a in soup.select(".gn-item__title a")]
    assert titles == [ARTICLES[n][0] for n in ORDER]
    metas = [t.get_text() for t in soup.select(".gn-item__meta time")]
    assert metas == [ARTICLES[n][2] for n in ORDER]
    assert soup.select_one(".gn-item__meta .gn-date-note").get_text() == "（原文未注明日）"


def test_the_archive_files_a_partial_date_only_under_what_it_names(project):
    assert (project.site / "archive/2024/10").is_dir() and (project.site / "archive/2024/03").is_dir()
    assert not (project.site / "archive/2023/01").exists()          # 2023年: no month page
    year_page = [a.get_text(strip=True) for a in project.html("archive/2024/").select(".gn-item__title a")]
    assert ARTICLES["year"][0] in year_page
    january = [a.get_text(strip=True) for a in project.html("archive/2024/01/").select(".gn-item__title a")]
    assert january == [ARTICLES["newyear"][0]]                       # not the year-only 2024 article


def test_feeds_carry_no_invented_day(project):
    raw = (project.site / "towns/hutang/feed.xml").read_bytes()
    feed = feedparser.parse(raw)
    assert not feed.bozo
    assert [e.title for e in feed.entries] == [ARTICLES[n][0] for n in ORDER]
    items = ET.fromstring(raw).findall("./channel/item")
    dc = "{http://purl.org/dc/elements/1.1/}date"
    for name, item in zip(ORDER, items):
        iso = ARTICLES[name][3]
        if len(iso) < 10:
            assert item.find("pubDate") is None and item.findtext(dc) == iso, name
        else:
            assert item.findtext("pubDate").startswith(("Wed, 29 May 2024", "Mon, 01 Jan 2024")), name
    # the newest change is 2024-10, a month: no made-up lastBuildDate
    assert ET.fromstring(raw).find("./channel/lastBuildDate") is None
    only_year = ET.fromstring((project.site / "topics/jiaotong/feed.xml").read_bytes())
    assert only_year.find("./channel/lastBuildDate") is None
    assert only_year.find("./channel/item").findtext(dc) == "2023"


def test_sitemap_uses_the_same_precision(project):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.fromstring((project.site / "sitemap.xml").read_bytes())
    lastmod = {u.findtext("s:loc", namespaces=ns).split("example.gov.cn/", 1)[-1]: u.findtext("s:lastmod", namespaces=ns)
               for u in root.findall("s:url", ns)}
    for name, (_, _, _, iso) in ARTICLES.items():
        assert lastmod[_url(name)] == iso, name
    assert lastmod["towns/hutang/"] == "2024-10"       # its newest change is the 2024-10 article
    assert lastmod["topics/jiaotong/"] == "2023"


def test_no_placeholder_day_and_no_date_note_anywhere(project):
    for path, text in _site_texts(project.site):
        rel = path.relative_to(project.site).as_posix()
        for placeholder in PLACEHOLDERS:
            assert placeholder not in text, (rel, placeholder)
        assert NOTE not in text, rel


def test_the_audit_does_not_count_a_partial_date(project):
    proc = project.govnews("audit", "--json", "--warn", "--as-of", "2024-12-01")
    assert proc.returncode == 0, proc.stderr
    audit = json.loads(proc.stdout)
    columns = {(c["group"], c["name"]): c for c in audit["columns"]}
    assert columns["首页", "首页"]["last"] == "2024-05-29"      # not 2024-10
    culture = next(c for (g, n), c in columns.items() if n == "文化")
    assert culture["last"] == "2024-05-29"
    traffic = next(c for (g, n), c in columns.items() if n == "交通")
    assert traffic["last"] is None and traffic["status"] == "无文章"
    assert sorted(Path(p).name for p in audit["partial_dates_not_counted"]) == \
        sorted(f"{n}.md" for n in ("month", "month-cn", "year", "year-cn"))
    table = project.govnews("audit", "--warn", "--as-of", "2024-12-01")
    assert re.search(r"另有 4 篇已发布文章的日期只写到年或月（原文未注明具体日期，如 \S+），无法证明栏目何时更新，"
                     r"未计入“最近发布”", table.stdout), table.stdout


def test_bad_partial_dates_fail_check_and_strict_build(tmp_path):
    proj = make_project(tmp_path)
    proj.article("a.md", title="月份写错", date="2023-13")
    proj.article("b.md", title="中文月份写错", date="2024年13月")
    proc = proj.govnews("check")
    assert proc.returncode == 1 and "Traceback" not in proc.stdout + proc.stderr
    assert "docs/articles/a.md:3: 日期不合法「2023-13」（没有13月，月份应为 1 到 12，如 2023-01；原文只写到年份时写「2023」）" \
        in proc.stdout, proc.stdout
    assert "docs/articles/b.md:3: 日期不合法「2024年13月」（没有13月" in proc.stdout
    build = proj.build(strict=True)
    assert build.returncode != 0 and "Traceback" not in build.stderr
    assert "日期不合法「2023-13」" in build.stderr + build.stdout


def test_a_policy_document_with_a_partial_date(tmp_path):
    """政策文件 dated only to a year: written in that year is no warning; the library and the
    header show 2023年; a written date after the year is, with the year as known."""
    from core_helpers import site_of

    doc = ("title: {title}\ndate: {date}\ntype: 政策文件\nnumber: {number}\nissuer: 常州市武进区人民政府\n"
           "written: {written}")
    site = site_of(tmp_path, {
        "2023/a.md": doc.format(title="甲", date="2023", number="武政发〔2023〕1号", written="2023-06-01"),
        "2023/b.md": doc.format(title="乙", date="2023年5月", number="武政发〔2023〕2号", written="2023-06-01"),
    })
    messages = [str(p) for p in site.problems if "written" in str(p)]
    assert len(messages) == 1 and "docs/articles/2023/b.md:" in messages[0], messages
    assert "成文日期 written（2023年6月1日）晚于发布日期 date（2023年5月）" in messages[0]
    assert list(site.facets["policy_year"].values) == ["2023"]
    a = site.catalog.by_src["articles/2023/a.md"]
    policy = site.publishing.policies.by_document[a.url]
    assert (policy.date_cn, policy.date_iso) == ("2023年", "2023")
