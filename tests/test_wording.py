"""Wording check (表述错误): docs/_vocab/wording.yml, near-misses of place and officials' names,
escapes. In-process tests of the checker, then `govnews check` and a strict build for real."""

from __future__ import annotations

import pytest

from govnews.checks.wording import load_checker, same_sound_variants
from govnews.common.diagnostics import Problems
from govnews.model.vocab import load_vocabularies

from conftest import ROOT, SEEDS, make_project

VOCAB = ROOT / "docs" / "_vocab"


@pytest.fixture(scope="module")
def checker():
    problems = Problems()
    vocabs = load_vocabularies(str(VOCAB), problems)
    check = load_checker(str(VOCAB), vocabs, problems)
    assert problems == [], problems   # the shipped lists are valid
    return check


def found(checker, text: str) -> list[str]:
    return [rule.message().split("（")[0] for _start, rule in checker.find(text)]


@pytest.mark.parametrize("text, message", [
    ("截止目前，全镇共办件3.8万余件。", "「截止目前」应为「截至目前」"),
    ("展示馆座落在园区东侧。", "「座落」应为「坐落」"),
    ("为居民按装烟感报警器。", "「按装」应为「安装」"),
    ("大家再接再励，争创佳绩。", "「再接再励」应为「再接再厉」"),
    ("大力宏扬劳模精神。", "「宏扬」应为「弘扬」"),
    ("坚持和发展中国特色社会注意。", "「特色社会注意」应为「特色社会主义」"),
    ("湖糖镇便民服务中心", "「湖糖镇」应为「湖塘镇」"),       # same-sound slip of a place name
    ("平胡市召开会议", "「平胡市」应为「平湖市」"),
    ("新埭街道", None),                                        # a real word pair, not a slip
    ("镇长汤峰介绍", "「镇长汤峰」应为「镇长汤枫」"),          # an official's name after the title
    ("湖塘镇⼈民政府", "「⼈」应为「人」"),                   # a Kangxi radical (U+2F08) copied from a PDF
    ("各部⻔要高度重视", "「⻔」应为「门」"),                  # a CJK radical supplement form (U+2ED4)
])
def test_wrong_forms_are_found(checker, text, message):
    assert found(checker, text) == ([message] if message else [])


@pytest.mark.parametrize("text", [
    "报名截止日期为5月31日。", "申报已于昨日截止。", "截至目前共组织联合执法12件。", "截止到目前",
    "这座落成不久的场馆", "按装机容量计算", "按装修标准验收", "湖塘镇、牛塘镇和武进区",
    "湖塘科技产业园", "汤峰是一位企业家。",   # a same-sound name alone may be another person
    "山脉博物馆", "国家俱乐部", "副镇长沈超回答提问", "常州市武进区", "星河社区",
])
def test_correct_text_is_not_flagged(checker, text):
    assert found(checker, text) == []


def test_the_seed_clippings_raise_nothing(checker):
    """The real clippings are correct text: any finding there is a false positive."""
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert [(text[s - 5:s + 8], r.wrong) for s, r in checker.find(text)] == [], path.name


def test_variants_change_one_character_to_the_same_toned_sound():
    variants = set(same_sound_variants("湖塘"))
    assert {"湖糖", "湖堂", "胡塘", "壶塘"} <= variants
    assert "湖塘" not in variants and "湖汤" not in variants   # tāng is another tone


def test_bad_vocabulary_entries_are_messages(tmp_path):
    vocab = tmp_path / "_vocab"
    vocab.mkdir()
    for name in ("places.yml", "topics.yml", "types.yml"):
        (vocab / name).write_text((VOCAB / name).read_text(encoding="utf-8"), encoding="utf-8")
    (vocab / "wording.yml").write_text("- wrong: 座落\n- right: 坐落\n  wrong: 坐落\n- note: 什么都没有\n",
                                       encoding="utf-8")
    (vocab / "people.yml").write_text("- titles: [镇长]\n", encoding="utf-8")
    problems = Problems()
    load_checker(str(vocab), load_vocabularies(str(vocab), problems), problems, "docs/_vocab")
    text = "\n".join(map(str, problems.sorted()))
    assert "docs/_vocab/wording.yml:1: 「座落」应写一个正确写法 right" in text
    assert "docs/_vocab/wording.yml:2: 「坐落」已是正确写法" in text
    assert "docs/_vocab/wording.yml:4: 词条缺少 wrong（错误写法）和 right（正确写法）" in text
    assert "docs/_vocab/people.yml:1: 词条缺少 name（姓名）" in text


# -- for real: govnews check and the strict build -------------------------------------------

BODY = "\n\n".join([
    "截止目前，湖糖镇已安装充电桩120个。",
    "“我们把窗口座落到园区。”这是原话。<!-- wording: ignore -->",
    "<!-- wording: off -->",
    "引文：按装工作截止目前已完成。",
    "<!-- wording: on -->",
    "镇长汤峰表示，将再接再励。",
])


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    proj = make_project(tmp_path_factory.mktemp("wording"))
    proj.article("2024/bad.md", title="湖糖镇推进充电设施建设", date="2024-05-29", town="湖塘镇", body=BODY)
    proj.article("2024/quoted.md", title="旧文件原文", date="2024-05-28", body="截止目前，座落于此。",
                 wording="[截止目前]")
    proj.article("2024/ignored.md", title="史料", date="2024-05-27", body="截止目前，座落于此。", wording="ignore")
    return proj


def test_check_reports_wording_errors_with_lines(project):
    proc = project.govnews("check")
    assert proc.returncode == 1
    lines = [line for line in proc.stdout.splitlines() if "应为" in line]
    bad = "docs/articles/2024/bad.md"
    assert lines == [
        f"{bad}:2: 「湖糖镇」应为「湖塘镇」（地名）",
        f"{bad}:7: 「截止目前」应为「截至目前」（“截至”表示到某时为止，后接时间；“截止”表示到期停止，不带宾语）",
        f"{bad}:7: 「湖糖镇」应为「湖塘镇」（地名）",
        f"{bad}:17: 「再接再励」应为「再接再厉」",
        f"{bad}:17: 「镇长汤峰」应为「镇长汤枫」（人名）",
        "docs/articles/2024/quoted.md:7: 「座落」应为「坐落」",   # only 截止目前 was accepted there
    ]
    assert "ignored.md" not in proc.stdout
    assert "3 个错误" in proc.stderr or "6 个错误" in proc.stderr


def test_strict_build_fails_on_wording_errors_and_passes_once_fixed(project):
    result = project.build(strict=True, extra=["-q"])   # at any verbosity
    assert result.returncode != 0
    assert "「截止目前」应为「截至目前」" in result.stdout + result.stderr
    bad = project.docs / "articles/2024/bad.md"
    bad.write_text(bad.read_text(encoding="utf-8").replace("截止目前，湖糖", "截至目前，湖塘").replace("湖糖镇推进", "湖塘镇推进")
                   .replace("镇长汤峰", "镇长汤枫").replace("再接再励", "再接再厉"), encoding="utf-8")
    (project.docs / "articles/2024/quoted.md").unlink()
    result = project.build(strict=True)
    assert result.returncode == 0, result.stdout + result.stderr
    page = project.html("articles/2024/bad/").get_text()
    assert "引文：按装工作截止目前已完成。" in page   # the quotation stays word for word


def test_a_bad_wording_setting_is_a_message(tmp_path):
    proj = make_project(tmp_path)
    proj.article("2024/x.md", title="标题", date="2024-05-29", wording="关闭")
    proc = proj.govnews("check")
    assert proc.returncode == 1
    assert "docs/articles/2024/x.md:4: wording 应为 ignore 或不检查的写法列表" in proc.stdout


def test_serve_rebuilds_keep_findings_of_cached_articles(tmp_path):
    """Under `mkdocs serve` a cached article has no body in memory: its findings stay until
    the file changes, and a change is checked again."""
    from govnews.config.settings import Settings
    from govnews.model.catalog import article_sources
    from govnews.site.build import Session, build_site

    proj = make_project(tmp_path)
    path = proj.article("2024/a.md", title="标题", date="2024-05-29", body="截止目前已完成。")
    settings = Settings(docs_dir=str(proj.docs), site_url="https://x.example/", site_name="测试", serving=True,
                        include_drafts=True)
    session = Session()   # what `mkdocs serve` keeps between rebuilds: the parse cache

    def findings() -> list[str]:
        site = build_site(list(article_sources(str(proj.docs), settings, root=str(proj.root))), settings,
                          session=session)
        for art in site.catalog.articles:
            art.body = None   # what MkDocs leaves behind (Site.page_source)
        return [p.message for p in site.problems if "应为" in p.message]

    assert findings() == ["「截止目前」应为「截至目前」（“截至”表示到某时为止，后接时间；“截止”表示到期停止，不带宾语）"]
    assert findings() == findings() != []       # cached: same findings, body not in memory
    path.write_text(path.read_text(encoding="utf-8").replace("截止目前已完成", "座落在园区，已完成"),
                    encoding="utf-8")
    assert findings() == ["「座落」应为「坐落」"]


def test_explicit_misspellings_of_places_and_people(tmp_path):
    vocab = tmp_path / "_vocab"
    vocab.mkdir()
    for name in ("topics.yml", "types.yml", "wording.yml"):
        (vocab / name).write_text((VOCAB / name).read_text(encoding="utf-8"), encoding="utf-8")
    places = (VOCAB / "places.yml").read_text(encoding="utf-8").replace(
        "              aliases: [湖塘]\n", "              aliases: [湖塘]\n              misspellings: [湖圹]\n")
    (vocab / "places.yml").write_text(places, encoding="utf-8")
    (vocab / "people.yml").write_text("- name: 汤枫\n  titles: [镇长]\n  misspellings: [汤风]\n", encoding="utf-8")
    problems = Problems()
    check = load_checker(str(vocab), load_vocabularies(str(vocab), problems), problems)
    assert not problems
    assert [r.message() for _s, r in check.find("湖圹的汤风说")] == ["「湖圹」应为「湖塘镇」（地名）",
                                                                   "「汤风」应为「汤枫」（人名）"]


def test_radicals_read_as_their_characters_everywhere():
    """Unicode's equivalent ideographs: every Kangxi radical (NFKC) and the supplement's forms."""
    from govnews.common import radicals

    assert radicals.fix("⽜塘镇⼈⺠政府⽂件，各部⻔") == ("牛塘镇人民政府文件，各部门", 5)
    assert radicals.fix("湖塘镇人民政府") == ("湖塘镇人民政府", 0)
    assert len(radicals.EQUIVALENT) == 214 + 114
    assert all(len(v) == 1 and 0x3400 <= ord(v) for v in radicals.EQUIVALENT.values())


def test_check_names_a_radical_pasted_from_a_pdf(tmp_path):
    """⼈ (U+2F08) looks like 人: `govnews check` says which character it should be, where."""
    proj = make_project(tmp_path / "proj")
    proj.article("2024/pasted.md", title="湖塘镇召开会议", date="2024-05-29", town="湖塘镇",
                 body="湖塘镇⼈民政府召开会议。\n\n各部⻔负责人参加。")
    proc = proj.govnews("check")
    assert proc.returncode == 1
    assert [line for line in proc.stdout.splitlines() if "部首字符" in line] == [
        "docs/articles/2024/pasted.md:7: 「⼈」应为「人」（部首字符，外观与汉字相同却不是同一个字：搜索不到、读屏读错；多见于从 PDF 复制的文字）",
        "docs/articles/2024/pasted.md:9: 「⻔」应为「门」（部首字符，外观与汉字相同却不是同一个字：搜索不到、读屏读错；多见于从 PDF 复制的文字）"]
