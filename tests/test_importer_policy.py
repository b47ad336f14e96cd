"""Imported policy pages keep what makes the policy library work: a 政府信息公开 page with a
文号 becomes a 政策文件 with its own fields, and an explainer names the document it explains
(title, 发文字号, issuing office) as its text gives them — so a migrated site's explainers
and documents link both ways (an inspection item) without an editor retyping anything."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from govnews.importer.output.frontmatter_out import render
from govnews.importer.text.mdbody import render_body

from conftest import ROOT, make_project
from importer_helpers import run, run_text

PAGES = ROOT / "tests" / "fixtures" / "pages"


def test_information_disclosure_page_becomes_a_policy_document():
    [d] = run(PAGES / "xxgk_document.html").drafts
    assert d.type == "政策文件"
    fm = render(d, "x")
    assert "\nnumber: 云政办发〔2021〕12号\nwritten: 2021-11-20\nindex_no: X00000000/2021-00123\n" in fm
    assert "\nsubject: 城乡建设、环境保护\n" in fm
    # not in the project's issuers.yml: said, not written (the check would refuse an unknown issuer)
    assert "原网页写「云溪县人民政府办公室」，不在发文机关词表" in fm and "\nissuer:" not in fm


def test_known_issuer_is_written_by_its_vocabulary_name_and_a_bad_number_is_normalised():
    text = ("当前位置：首页 > 政府信息公开 > 政府文件\n\n索引号：014100000/2024-00003  文号：武政办发[2024]第03号\n"
            "发文机关：区政府办公室  成文日期：2024年3月1日  发布日期：2024年3月4日\n\n"
            "关于做好2024年春季农业生产工作的通知\n\n各镇人民政府、街道办事处：\n\n现就做好春季农业生产工作通知如下。\n")
    [d] = run_text(text).drafts
    assert d.type == "政策文件"
    fm = render(d, "x")
    assert "\nnumber: 武政办发〔2024〕3号\n" in fm and "\nissuer: [常州市武进区人民政府办公室]\n" in fm
    assert "\nwritten: 2024-03-01\n" in fm and "\nsubject:" not in fm


def test_a_page_without_a_document_number_stays_what_it_was():
    [d] = run(PAGES / "hanweb_notice.html").drafts
    assert d.type == "通知公告" and not d.document


def test_explainer_names_its_document():
    [d] = run(PAGES / "explainer_table.html").drafts
    assert d.type == "政策解读"
    # the link to the document, made whole with the page's canonical address
    link = "http://www.yunxi.gov.cn/zwgk/zcwj/202304/t20230410_9.html"
    assert d.policy == {"title": "云溪县支持农业经营主体发展若干措施", "number": "云政办发〔2023〕9号",
                        "issuer": "云溪县人民政府办公室", "link": link}
    fm = render(d, "x")
    assert ("policy:\n  title: 云溪县支持农业经营主体发展若干措施\n  number: 云政办发〔2023〕9号\n"
            f"  issuer: 云溪县人民政府办公室\n  link: {link}\ntype: 政策解读\n") in fm
    assert "原文未写明的请补全（date 日期）" in fm


def test_a_relative_link_without_the_page_address_is_no_link(tmp_path):
    page = (PAGES / "explainer_table.html").read_text(encoding="utf-8")
    path = tmp_path / "p.html"
    path.write_text(page.replace('<link rel="canonical"', '<link rel="stylesheet"'), encoding="utf-8")
    [d] = run(path).drafts
    assert "link" not in d.policy and d.policy["number"] == "云政办发〔2023〕9号"
    path.write_text(page.replace('href="/zwgk/', 'href="https://www.yunxi.gov.cn/zwgk/'), encoding="utf-8")
    assert run(path).drafts[0].policy["link"] == "https://www.yunxi.gov.cn/zwgk/zcwj/202304/t20230410_9.html"


def test_explainer_policy_is_never_guessed():
    # the title names the document, the text gives neither its number nor who issued it
    [d] = run_text("《某某县养老服务补贴办法》政策解读\n\n问：补贴对象是谁？\n\n答：本县户籍老年人。\n").drafts
    assert d.policy == {"title": "某某县养老服务补贴办法"}
    assert "原文未写明的请补全（issuer 发文机关、number 发文字号" in render(d, "x")
    # two documents cited, none in the title: which one is explained is not for the importer to say
    text = ("一图读懂我县惠企政策\n\n问：有哪些政策？\n\n答：县政府印发《甲办法》的通知（某政发〔2024〕1号）和"
            "县政府印发《乙办法》的通知（某政发〔2024〕2号）。\n\n问：何时施行？\n\n答：即日起。\n")
    [d] = run_text(text).drafts
    assert d.type == "政策解读" and d.policy == {}
    assert "# 政策：政策解读须写明所解读的政策 policy" in render(d, "x")


DOCUMENT_PAGE = """<html><head><meta charset="utf-8">
<meta name="ArticleTitle" content="常州市武进区人民政府办公室关于印发武进区老旧小区改造实施办法的通知">
<meta name="ColumnName" content="政府文件"></head><body>
<div class="dqwz">当前位置：首页 &gt; 政府信息公开 &gt; 政府文件</div>
<table class="xxgk-meta"><tr><td>索引号：014100000/2024-00007</td><td>主题分类：城乡建设、环境保护</td></tr>
<tr><td>发文机关：常州市武进区人民政府办公室</td><td>成文日期：2024年4月2日</td></tr>
<tr><td>文号：武政办发〔2024〕7号</td><td>发布日期：2024年4月8日</td></tr></table>
<h1>常州市武进区人民政府办公室关于印发武进区老旧小区改造实施办法的通知</h1>
<p>各镇人民政府，各街道办事处，区各部门：</p>
<p>《武进区老旧小区改造实施办法》已经区政府同意，现印发给你们，请认真贯彻执行。</p>
<p>常州市武进区人民政府办公室</p><p>2024年4月2日</p>
<div class="bottom">网站标识码：3204120001</div></body></html>"""

EXPLAINER_PAGE = """<html><head><meta charset="utf-8">
<meta name="ArticleTitle" content="《武进区老旧小区改造实施办法》政策解读">
<meta name="PubDate" content="2024-04-10"><meta name="ContentSource" content="区住房和城乡建设局"></head><body>
<div class="dqwz">当前位置：首页 &gt; 政务公开 &gt; 政策解读</div>
<h1>《武进区老旧小区改造实施办法》政策解读</h1>
<p>近日，常州市武进区人民政府办公室印发《武进区老旧小区改造实施办法》（武政办发〔2024〕7号）。</p>
<p>一、改造范围</p>
<p>2000年底前建成、基础设施老化的住宅小区纳入改造范围。</p>
<p>相关文件：常州市武进区人民政府办公室关于印发《武进区老旧小区改造实施办法》的通知</p>
<p>解读人：周明 联系电话：0519-86000007</p>
<div class="bottom">网站标识码：3204120001</div></body></html>"""


def test_migrated_document_and_explainer_link_both_ways(tmp_path):
    """Real `govnews import` of both pages, then a strict build: each page links to the other."""
    proj = make_project(tmp_path / "proj")
    old = tmp_path / "old-site"
    old.mkdir()
    (old / "t20240408_7.html").write_text(DOCUMENT_PAGE, encoding="utf-8")
    (old / "t20240410_9.html").write_text(EXPLAINER_PAGE, encoding="utf-8")
    imported = proj.govnews("import", str(old), "--place", "武进区")
    assert imported.returncode == 0, imported.stdout + imported.stderr
    files = {p.read_text(encoding="utf-8").split("\ntitle: ")[1].split("\n")[0]: p
             for p in (proj.docs / "articles").rglob("*.md")}
    doc = files["常州市武进区人民政府办公室关于印发武进区老旧小区改造实施办法的通知"]
    explainer = files["《武进区老旧小区改造实施办法》政策解读"]
    assert "\ntype: 政策文件\nnumber: 武政办发〔2024〕7号\n" in doc.read_text(encoding="utf-8")
    assert "\n  number: 武政办发〔2024〕7号\n" in explainer.read_text(encoding="utf-8")
    checked = proj.govnews("check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    built = proj.build()
    assert built.returncode == 0, built.stderr

    def page(md):
        slug = re.search(r"\nslug: (\S+)\n", md.read_text(encoding="utf-8"))[1]
        [html] = [p for p in proj.site.rglob("index.html") if p.parent.name == slug]
        return BeautifulSoup(html.read_text(encoding="utf-8"), "lxml"), slug

    doc_html, doc_slug = page(doc)
    explainer_html, explainer_slug = page(explainer)
    # the explainer's policy card opens the document; the document lists the explainer
    card = explainer_html.select_one(".gn-policy-card__title a")
    assert card is not None and card["href"].rstrip("/").endswith(doc_slug), card
    listed = doc_html.select("#gn-document-explainers a[href]")
    assert any(a["href"].rstrip("/").endswith(explainer_slug) for a in listed), listed


def test_metadata_table_with_label_cells_fills_the_document_fields():
    [d] = run(PAGES / "xxgk_cells.html").drafts
    fm = render(d, "x")
    assert ("\ntype: 政策文件\nnumber: 武政办发〔2024〕7号\nwritten: 2024-04-02\nindex_no: 014100000/2024-00007\n"
            "issuer: [常州市武进区人民政府办公室]\nsubject: 城乡建设、环境保护\n") in fm


def test_labels_printed_above_their_values_fill_the_document_fields():
    # a metadata list copied from a browser: "• 发文字号:" on one line, its value under it;
    # empty fields (主题分类:, 有效性:) stay empty and take no neighbour's value
    [d] = run(PAGES / "copied_stacked_fields.txt").drafts
    fm = render(d, "x")
    assert ("\ntype: 政策文件\nnumber: 梅政办发〔2023〕15号\nwritten: 2023-06-02\nindex_no: 11360000X00/2023-000417\n"
            in fm), fm
    assert "\ndate: 2023-06-05\n" in fm and "subject" not in fm and "status" not in fm


def test_a_number_under_a_registration_number_is_found_and_stands_alone():
    # HHCR-2023-01005 (a 规范性文件's registration number) above the 发文字号, blank lines between
    # all printed lines: the number is read, and neither it nor the 主送机关 is glued to a neighbour
    [d] = run(PAGES / "copied_document_lines.txt").drafts
    fm = render(d, "x")
    assert "\ntype: 政策文件\nnumber: 青府办发〔2023〕14号\n" in fm, fm


def test_a_metadata_table_copied_with_tabs_fills_the_document_fields():
    [d] = run(PAGES / "copied_tab_table.txt").drafts
    fm = render(d, "x")
    assert ("\ntype: 政策文件\nnumber: 梅政发〔2022〕21号\nwritten: 2022-08-01\nindex_no: 11320400X00/2022-00117\n"
            in fm), fm
    assert "\nsubject: 城乡建设、环境保护\n" in fm and "\ttitle" not in fm


def test_document_number_printed_above_the_text_makes_a_policy_document():
    text = ("当前位置：首页 > 政府信息公开 > 政府文件\n\n湖塘镇人民政府关于印发2024年安全生产工作要点的通知\n\n"
            "发布日期：2024-03-01  来源：湖塘镇\n\n湖政发〔2024〕3号\n\n各村（社区）、镇各部门：\n\n"
            "现将《2024年安全生产工作要点》印发给你们，请认真贯彻落实。\n\n湖塘镇人民政府\n2024年2月28日\n")
    [d] = run_text(text).drafts
    assert d.type == "政策文件" and "\nnumber: 湖政发〔2024〕3号\n" in render(d, "x")
    assert "湖政发〔2024〕3号" in render_body(d)         # the line stays in the text
    # a number quoted inside a sentence is no document's own number
    [d] = run_text(text.replace("湖政发〔2024〕3号\n\n", "根据湖政发〔2024〕3号文件精神，现部署如下。\n\n")).drafts
    assert d.type != "政策文件"
