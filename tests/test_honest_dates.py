"""Honest dates (伪造发稿日期 is a veto item): an inferred date is not published until an
editor confirms it; `govnews check` lists such articles without failing."""

from __future__ import annotations

import pytest

from conftest import make_project


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    proj = make_project(tmp_path_factory.mktemp("honest-dates"))
    proj.article("2024/sure.md", title="落款日期确定的文章", date="2024-05-29", town="湖塘镇", topic="文化")
    proj.article("2024/guess.md", title="推断日期的文章", date="2024-05-28", town="湖塘镇", topic="文化",
                 date_confirmed="false")
    proj.article("2024/ok.md", title="编辑确认日期的文章", date="2024-05-27", town="湖塘镇", topic="文化",
                 date_confirmed="true")
    result = proj.build()
    assert result.returncode == 0, result.stderr   # an unconfirmed date is not an error
    return proj, result


def test_unconfirmed_date_is_not_published_anywhere(project):
    proj, _ = project
    assert (proj.site / "articles/2024/sure/index.html").is_file()
    assert (proj.site / "articles/2024/ok/index.html").is_file()
    assert not (proj.site / "articles/2024/guess").exists()
    for page in list(proj.site.rglob("*.html")) + list(proj.site.rglob("*.xml")):
        assert "推断日期的文章" not in page.read_text(encoding="utf-8"), page


def test_check_lists_unconfirmed_dates_as_information(project):
    proj, build = project
    assert "日期为推断、尚未确认" in build.stdout + build.stderr   # the build says so too
    proc = proj.govnews("check")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "docs/articles/2024/guess.md:6: 提示：日期为推断、尚未确认，本文暂不发布" in proc.stdout
    assert "sure.md" not in proc.stdout and "ok.md" not in proc.stdout
    assert "0 个错误，0 个警告，" in proc.stderr and "条提示" in proc.stderr


def test_date_confirmed_must_be_true_or_false(tmp_path):
    proj = make_project(tmp_path)
    proj.article("2024/bad.md", title="写错的确认", date="2024-05-29", date_confirmed="是")
    proc = proj.govnews("check")
    assert proc.returncode == 1
    assert "docs/articles/2024/bad.md:4: date_confirmed 应为 true 或 false，而不是「是」" in proc.stdout
    assert not (proj.build().returncode == 0)


def test_a_link_to_an_unconfirmed_article_is_reported(tmp_path):
    proj = make_project(tmp_path)
    proj.article("2024/guess.md", title="推断日期的文章", date="2024-05-28", date_confirmed="false")
    proj.article("2024/linker.md", title="引用它的文章", date="2024-05-29", body="见[上一篇](guess.md)。")
    proc = proj.govnews("check")
    assert proc.returncode == 1
    assert "docs/articles/2024/linker.md:6: 链接「guess.md」指向日期尚未确认（不发布）的「推断日期的文章」" in proc.stdout


def test_an_unconfirmed_article_shows_its_state_in_the_editors_preview(tmp_path):
    """`mkdocs serve` shows drafts and unconfirmed dates (include_drafts): marked, never silent."""
    from govnews.config.settings import Settings
    from govnews.model.catalog import article_sources
    from govnews.site.build import build_site

    proj = make_project(tmp_path)
    proj.article("2024/guess.md", title="推断日期的文章", date="2024-05-28", date_confirmed="false")
    settings = Settings(docs_dir=str(proj.docs), site_url="https://x.example/", include_drafts=True)
    site = build_site(list(article_sources(str(proj.docs), settings, root=str(proj.root))), settings)
    art = site.catalog.by_src["articles/2024/guess.md"]
    assert art in site.catalog.listed
    assert "日期为推断、尚未确认" in site.renderer.article_header(art)


def test_a_partial_date_that_is_a_guess_still_waits(tmp_path):
    """date: 2024 is what the source gives; date_confirmed: false still means a guess (the
    importer's --year): not published until an editor confirms it."""
    from govnews.config.settings import Settings
    from govnews.model.catalog import article_sources
    from govnews.site.build import build_site

    proj = make_project(tmp_path)
    proj.article("2024/year.md", title="只写到年的推断", date="2024", date_confirmed="false")
    proj.article("2024/sure.md", title="只写到年的确认", date="2024")
    settings = Settings(docs_dir=str(proj.docs), site_url="https://x.example/")
    site = build_site(list(article_sources(str(proj.docs), settings, root=str(proj.root))), settings)
    assert [a.title for a in site.catalog.listed] == ["只写到年的确认"]
    guess = site.catalog.by_src["articles/2024/year.md"]
    assert (guess.date_precision, guess.date_cn, guess.date_confirmed) == ("year", "2024年", False)
