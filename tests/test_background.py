"""Work done by forked children while the engine renders (background.py, ahead.py).

A build hands its list pages and its articles' body-independent parts to children on the
other core. The site must be the same byte for byte with and without them, a child that
fails must change nothing but the time, and the children must really do the work.
"""

from __future__ import annotations

import os
import re

import pytest

from govnews.perf import background
from govnews.perf.ahead import Ahead

from conftest import differing_files, make_project

needs_two_cores = pytest.mark.skipif(not background.available(), reason="no fork or a single core here")


@needs_two_cores
def test_child_works_on_its_own_copy(tmp_path):
    state = ["parent"]

    def work():
        state.append("child")
        (tmp_path / "out.txt").write_text("".join(state), encoding="utf-8")

    child = background.start(work)
    assert child is not None and child.succeeded()
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "parentchild"
    assert state == ["parent"]


@needs_two_cores
def test_failed_child_is_reported_not_raised():
    def work():
        raise RuntimeError("boom")

    child = background.start(work)
    assert child is not None and child.succeeded() is False and child.finished()


def test_switch_off_means_no_child(monkeypatch):
    monkeypatch.setenv(background.SWITCH, "0")
    assert background.start(lambda: None) is None


def _parts(src: str) -> tuple:
    return (f"<h1>{src}</h1>", {"标题": ["卡片" * (len(src) % 3), src], "shard": None}, "")


def _all(ahead: Ahead, src: str) -> tuple:
    return tuple(ahead.part(src, i) for i in range(3))


@needs_two_cores
def test_ahead_serves_the_childs_parts_in_any_order():
    made_here: list[str] = []

    def make(src):
        made_here.append(src)
        return _parts(src)

    order = [f"articles/{i:04d}.md" for i in range(200)]
    ahead = Ahead(order, make, 3)
    asked = order[150:] + order[:150] + ["articles/0007.md", "articles/0199.md"]   # out of order, twice
    assert [_all(ahead, s) for s in asked] == [_parts(s) for s in asked]
    assert made_here == [] and ahead.served == 200   # all from the child's spool
    assert "articles/none.md" not in ahead
    assert _all(ahead, "articles/none.md") == _parts("articles/none.md")   # not ordered: made here
    ahead.close()


@needs_two_cores
def test_ahead_makes_here_what_a_failed_child_did_not():
    def make(src):
        if src == "55.md" and os.getpid() != parent:
            os._exit(3)   # the child dies half way, after two flushes of 25 records
        return _parts(src)

    parent = os.getpid()
    order = [f"{i}.md" for i in range(80)]
    ahead = Ahead(order, make, 3)
    asked = order[::-1]
    assert [_all(ahead, s) for s in asked] == [_parts(s) for s in asked]
    assert ahead.served == 50
    ahead.close()


def test_ahead_without_a_child_makes_everything_here(monkeypatch):
    monkeypatch.setenv(background.SWITCH, "0")
    ahead = Ahead(["a.md", "b.md"], _parts, 3)
    assert _all(ahead, "b.md") == _parts("b.md") and _all(ahead, "a.md") == _parts("a.md")
    ahead.close()


@needs_two_cores
def test_sample_site_is_the_same_with_and_without_children(tmp_path, monkeypatch):
    """The sample site (policies, FAQ, related articles, documents) built with the children
    and without them: the same files, byte for byte, and the verbose log says who wrote them.
    A first build (empty search cache: Pagefind indexes during the render, on the other core)
    uses none; a rebuild whose shards the cache knows does."""
    proj = make_project(tmp_path / "proj", with_content=True)
    sites = {}
    for name, switch, children in (("first", "1", False), ("rebuild", "1", True), ("serial", "0", False)):
        monkeypatch.setenv(background.SWITCH, switch)
        result = proj.build(extra=["-v"])
        assert result.returncode == 0, result.stderr
        ahead = re.search(r"govnews: (\d+) 篇文章的页面部件由子进程预先生成", result.stderr)
        said = "govnews: 列表页由子进程写出" in result.stderr and ahead is not None and int(ahead.group(1)) > 5
        assert said == children, (name, result.stderr[-3000:])
        sites[name] = proj.site.rename(tmp_path / f"site-{name}")
    assert len(list(sites["rebuild"].rglob("*.html"))) > 30
    assert differing_files(sites["rebuild"], sites["serial"]) == []
    assert differing_files(sites["first"], sites["serial"]) == []


def _whose(item: int) -> tuple[int, int]:
    return item * item, os.getpid()


@needs_two_cores
def test_halves_keeps_order_and_the_child_does_the_second_half():
    items = list(range(501))
    out = background.halves(items, _whose)
    assert [square for square, _ in out] == [i * i for i in items]
    pids = [pid for _, pid in out]
    assert set(pids[:251]) == {os.getpid()}
    assert len(set(pids[251:])) == 1 and pids[-1] != os.getpid()   # one child did the rest


@needs_two_cores
def test_halves_computes_here_what_a_failed_child_did_not():
    parent = os.getpid()

    def fn(item):
        if os.getpid() != parent and item == 400:
            raise ValueError("the child fails")
        return _whose(item)

    out = background.halves(list(range(500)), fn)
    assert out == [(i * i, parent) for i in range(500)]
    assert background.halves(list(range(10)), _whose) == [(i * i, parent) for i in range(10)]   # too few to fork


@needs_two_cores
def test_check_reports_the_same_problems_in_the_same_order_with_children(tmp_path, monkeypatch):
    """Files read and wording checked in two processes: every finding, in file order, as
    when one process does it all (bad YAML, a wrong place name, a non-UTF-8 file, a clash of
    URLs in both halves of the articles)."""
    from synth import write_corpus

    proj = make_project(tmp_path / "proj")
    write_corpus(str(proj.docs), 400, seed=3)
    for name in ("0000-first", "zzzz-last"):
        proj.article(f"2024/{name}-yaml.md", title="会议: 部署工作")
        proj.article(f"2024/{name}-wording.md", title="湖糖镇召开会议", body="湖糖镇召开会议，截止目前完成。")
        proj.article(f"2024/{name}-clash.md", title="同名", slug="same-slug")
        (proj.docs / "articles" / "2024" / f"{name}-gbk.md").write_bytes(
            "---\ntitle: 编码\ndate: 2024-05-29\n---\n\n正文。\n".encode("gbk"))
    outputs = {}
    for switch in ("1", "0"):
        monkeypatch.setenv(background.SWITCH, switch)
        result = proj.govnews("check")
        outputs[switch] = (result.returncode, result.stdout, result.stderr)
    assert outputs["1"] == outputs["0"]
    code, out, err = outputs["1"]
    text = out + err
    assert code != 0
    for name in ("0000-first", "zzzz-last"):
        for kind in ("yaml", "wording", "gbk"):
            assert f"{name}-{kind}.md:" in text, (name, kind, text[-2000:])
    assert text.index("0000-first-yaml.md") < text.index("zzzz-last-yaml.md")


def test_ahead_makes_a_missing_article_once_for_all_its_pieces(monkeypatch):
    monkeypatch.setenv(background.SWITCH, "0")   # no child: every piece is made here
    made: list[str] = []

    def make(src):
        made.append(src)
        return _parts(src)

    ahead = Ahead(["a.md", "b.md"], make, 3)
    assert _all(ahead, "a.md") == _parts("a.md") and _all(ahead, "b.md") == _parts("b.md")
    assert made == ["a.md", "b.md"] and ahead.served == 0
    ahead.close()
