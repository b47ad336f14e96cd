"""Migrating an old site: `govnews import DIR…` walks folders of saved pages, resumes after a
crash (pages already imported are recognised by their text), imports an article saved twice
once, and writes a summary report file beside the terminal table — run as the real command."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from conftest import ROOT, make_project

PAGES = ROOT / "tests" / "fixtures" / "pages"
LAYOUTS = sorted(p for p in PAGES.iterdir() if p.suffix in (".html", ".txt"))


def articles(proj) -> list[str]:
    base = proj.docs / "articles"
    return sorted(p.relative_to(base).as_posix() for p in base.rglob("*.md"))


def old_site(dest: Path, pages=LAYOUTS) -> Path:
    """Pages saved into nested column folders, with a browser's *_files folder and a hidden file."""
    for k, page in enumerate(pages):
        folder = dest / f"column{k % 3}" / f"{2020 + k % 2}"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(page, folder / page.name)
    assets = dest / "column0" / "page_files"
    assets.mkdir(parents=True)
    (assets / "frame.html").write_text("<html><body><p>广告位招租，欢迎联系。</p></body></html>", encoding="utf-8")
    (dest / ".DS_Store").write_bytes(b"\x00\x01")
    (dest / "style.css").write_text("body{}", encoding="utf-8")
    return dest


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_folder_is_walked_and_a_report_file_written(tmp_path):
    proj = make_project(tmp_path / "p")
    site = old_site(tmp_path / "old")
    proc = proj.govnews("import", str(site))
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert f"新建 {len(LAYOUTS)} 篇" in proc.stdout
    assert len(articles(proj)) == len(LAYOUTS)
    assert "广告位招租" not in "".join(p.read_text(encoding="utf-8") for p in (proj.docs / "articles").rglob("*.md"))
    rows = read_csv(proj.root / "import-report.csv")
    assert list(rows[0]) == ["源文件", "输出文件", "状态", "标题", "日期", "日期把握", "地名", "专题", "提示"]
    assert len(rows) == len(LAYOUTS)
    portal = next(r for r in rows if r["源文件"].endswith("copied_portal.txt"))
    assert portal["标题"] == "经开区举办2018年企业安全生产培训班" and portal["日期"] == "2018-09-26"
    assert portal["日期把握"].startswith("确定") and portal["状态"] == "新建"
    assert (proj.root / portal["输出文件"]).exists()
    removed = read_csv(proj.root / "import-report-removed.csv")
    assert any(r["删除的文字"].startswith("今天是:2025年6月17日") for r in removed)
    assert "汇总报告：import-report.csv" in proc.stdout
    check = proj.govnews("check")
    assert "未知字段" not in check.stdout + check.stderr          # editor is a known field


def test_rerun_after_a_crash_resumes(tmp_path):
    proj = make_project(tmp_path / "p")
    site = old_site(tmp_path / "old")
    half = old_site(tmp_path / "half", LAYOUTS[: len(LAYOUTS) // 2])   # what got imported before the crash
    first = proj.govnews("import", str(half), "--report", str(tmp_path / "r1.csv"))
    assert first.returncode == 0, first.stderr
    done = articles(proj)
    assert len(done) == len(LAYOUTS) // 2
    again = proj.govnews("import", str(site), "--report", str(tmp_path / "r2.csv"))
    assert again.returncode == 0, again.stderr
    assert f"新建 {len(LAYOUTS) - len(done)} 篇" in again.stdout and f"已导入跳过 {len(done)} 篇" in again.stdout
    assert len(articles(proj)) == len(LAYOUTS)
    statuses = {r["源文件"].rsplit("/", 1)[-1]: r["状态"] for r in read_csv(tmp_path / "r2.csv")}
    assert all(statuses[p.name] == "已导入，跳过" for p in LAYOUTS[: len(LAYOUTS) // 2])
    # by content: the same pages under other names are still recognised
    renamed = tmp_path / "renamed"
    renamed.mkdir()
    for k, page in enumerate(LAYOUTS):
        shutil.copy(page, renamed / f"page{k:03d}{page.suffix}")
    third = proj.govnews("import", str(renamed), "--report", str(tmp_path / "r3.md"))
    assert "没有新建任何文件" in third.stdout
    table = (tmp_path / "r3.md").read_text(encoding="utf-8").splitlines()
    assert table[0].startswith("| 源文件 | 输出文件 |") and len(table) == 2 + len(LAYOUTS)


def test_same_article_saved_twice_is_imported_once(tmp_path):
    proj = make_project(tmp_path / "p")
    site = tmp_path / "old"
    site.mkdir()
    text = (PAGES / "copied_portal.txt").read_text(encoding="utf-8")
    (site / "a.txt").write_text(text, encoding="utf-8")
    # saved again from another column: other menus and footer, same article
    other = text.replace("首页  走进开发区", "网站首页  开发区概况").replace("园区动态", "通知公告")
    (site / "b.txt").write_text(other.replace("技术支持：某某信息技术有限公司", "联系我们 | 网站地图"), encoding="utf-8")
    proc = proj.govnews("import", str(site))
    assert proc.returncode == 0, proc.stderr
    assert len(articles(proj)) == 1
    assert "重复跳过 1 篇" in proc.stdout and "内容相同（同一文章保存了两次）" in proc.stdout
    rows = read_csv(proj.root / "import-report.csv")
    assert [r["状态"] for r in rows] == ["新建", "重复，跳过"]
    assert rows[1]["输出文件"] == rows[0]["输出文件"]


def test_big_batches_show_a_progress_bar_and_keep_details_in_the_report(tmp_path):
    proj = make_project(tmp_path / "p")
    site = tmp_path / "old"
    site.mkdir()
    for i in range(60):
        (site / f"{i:03d}.txt").write_text(
            f"当前位置：首页 > 动态\n第{i}号稿件的标题\n发布日期：2024-03-{i % 28 + 1:02d}  来源：某镇\n\n"
            f"某镇第{i}次举行活动，群众参与热情高。\n\n【打印】【关闭】\n", encoding="utf-8")
    proc = proj.govnews("import", str(site), "--dry-run")
    assert proc.returncode == 0, proc.stderr
    assert "导入: 100%" in proc.stderr and "60/60" in proc.stderr
    assert "将新建 60 篇" in proc.stdout
    assert "已删除的版面/网页杂项 120 条" in proc.stdout       # counted, listed in the report file
    assert len(read_csv(proj.root / "import-report-removed.csv")) == 120


def test_empty_folder_is_a_message(tmp_path):
    proj = make_project(tmp_path / "p")
    (tmp_path / "empty").mkdir()
    proc = proj.govnews("import", str(tmp_path / "empty"))
    assert proc.returncode == 2 and "文件夹中没有可导入的稿件" in proc.stderr


LIST_PAGE = """<html><head><meta charset="utf-8"><title>通知公告_某镇人民政府</title>
<meta name="ColumnName" content="通知公告"></head><body>
<div class="list"><h2>通知公告</h2><ul>
<li><a href="/a/1.html">关于开展2024年度农村危房改造申报工作的通知</a><span>2024-03-12</span></li>
<li><a href="/a/2.html">某镇2024年第一季度环境质量公示</a><span>2024-04-02</span></li>
<li>· [公告] <a href="/a/3.html">关于做好清明节期间森林防火工作的通知</a> (2024-03-28)</li>
<li><a href="/a/4.html">某镇招聘社区工作者公告</a><span>2024-02-20</span></li>
</ul><div class="pages">共4条 首页 上一页 1 下一页 尾页</div></div>
<div class="bottom">主办：某镇人民政府 网站标识码：9999000001</div></body></html>"""


def test_column_list_pages_of_a_mirrored_site_are_skipped_not_imported(tmp_path):
    """A list page would become an 'article' of other titles dated with the list's last date."""
    proj = make_project(tmp_path / "p")
    site = tmp_path / "old"
    (site / "col").mkdir(parents=True)
    (site / "col" / "index_2.html").write_text(LIST_PAGE, encoding="utf-8")
    shutil.copy(PAGES / "hanweb_notice.html", site / "art.html")
    proc = proj.govnews("import", str(site))
    assert proc.returncode == 0, proc.stderr
    assert "新建 1 篇" in proc.stdout and "列表页跳过 1 个" in proc.stdout
    [written] = articles(proj)
    assert "危房改造" not in (proj.docs / "articles" / written).read_text(encoding="utf-8")
    rows = read_csv(proj.root / "import-report.csv")
    listing = next(r for r in rows if r["源文件"].endswith("index_2.html"))
    assert listing["状态"] == "列表页，跳过" and "4 条文章链接" in listing["提示"] and not listing["输出文件"]
