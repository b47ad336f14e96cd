"""The five real seed clippings: articles, titles, kickers, bylines, dates, boilerplate, and
the committed sample content (docs/articles) against the importer's output."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from govnews.common import yamlio
from govnews.importer.text.mdbody import render_body

from conftest import ROOT, SEEDS
from importer_helpers import assert_nothing_lost, run, split_front_matter

# file stem → options used by scripts/import-seeds.sh
OPTIONS = {
    "000": dict(source="武进日报", place="武进区"),
    "001": dict(place="牛塘镇"),
    "002": dict(place="湖塘镇"),
    "003": dict(source="武进日报", place="武进区"),
    "004": dict(source="平湖日报", place="平湖市"),
}

# (kicker, title, subtitle, authors, date or None, type) per article, read from the seeds by hand
EXPECTED = {
    "000": [
        ("“小湖来帮办” “小糖全知道”", "湖塘镇:架起政企、政民交流互动新桥梁", "", ["记者 何晓丹"], "2024-05-29", "新闻"),
        ("", "更大力度打好污染防治攻坚战 推动全市生态环境持续改善", "", ["记者 黄雅婷"], "2024-05-29", "新闻"),
        ("", "南方精工：从零件到部件 向新质生产力要新动能", "", ["见习记者 黄鑫", "记者 赵铠炜"], "2024-05-29", "新闻"),
        ("", "通告", "", [], "2024-05-29", "通知公告"),
    ],
    "001": [
        ("", "牛塘镇上线“政风热线”", "", [], None, "政策解读"),
    ],
    "002": [
        ("勇担新使命 开启新征程", "当好贯彻落实“532”发展战略的“尖兵”", "", [], None, "新闻"),
    ],
    "003": [
        ("", "区政协“问诊”营商环境 助企服务体系再提升", "", ["记者 吴梦婷"], None, "新闻"),
        ("", "全区“公路医生进乡村”挂牌督办点段通过验收", "", ["记者 万峰鸣"], None, "新闻"),
        ("重点项目进行时", "常州海晨新能源汽车供应链综合配套基地是省重大项目", "", ["摄影 徐晶玮"], None, "新闻"),
        ("", "武进绿建区：打造(近)零碳先行示范园区 推动“双碳”步伐走深走实", "", ["记者 何新雨"], None, "新闻"),
    ],
    "004": [
        ("平湖建立“1+8”服务机制——", "全力助企纾困 稳住经济大盘", "", ["记者 胡佳英", "通讯员 屠东君"], "2022-05-28", "新闻"),
        ("", "嘉兴人大来平开展《浙江省综合行政执法条例》执法检查", "", ["记者 华婷婷"], "2022-05-28", "新闻"),
        ("", "嘉兴人大来平开展节约能源“一法一办法”执法检查", "", ["记者 华婷婷"], "2022-05-28", "新闻"),
        ("", "全市重大项目推进会召开", "", ["记者 林旭东"], "2022-05-28", "新闻"),
        ("", "“我是挑战王”", "", ["摄影 王强", "摄影 张叶"], "2022-05-28", "新闻"),
        ("", "丰富文化服务供给 满足群众精神生活", "民生优享“连连看”聚焦丰富文化服务供给", ["记者 金睿敏"], "2022-05-28", "新闻"),
        ("", "共富路上澎湃科普力量", "我市全力推进全国科普示范市创建工作", ["记者 石晓晨", "通讯员 王璧恒"], "2022-05-28", "新闻"),
    ],
}

REMOVED = {
    "000": [],
    "001": ["|"],
    "002": ["返回", "顶部", "丨", "勇担新使命 开启新征程", "当好贯彻落实", "“532”发展战略的“尖兵”", "相关推荐", "热点"],
    "003": ["聚力万亿之城", "彰显绿建担当"],
    "004": ["导 读", "深1度·铁军打造", "从一线来,到“新一线”去", "»»»»» 详见二版"],
}


def seed(stem: str) -> Path:
    return next(SEEDS.glob(f"{stem}_*.txt"))


@pytest.fixture(scope="module")
def results():
    return {stem: run(seed(stem), **opts) for stem, opts in OPTIONS.items()}


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_seed_articles(results, stem):
    got = [(d.kicker_text, d.title_text, d.subtitle_text, d.authors,
            d.date.value.isoformat() if d.date.value else None, d.type) for d in results[stem].drafts]
    assert got == EXPECTED[stem]


def test_seventeen_articles(results):
    assert sum(len(r.drafts) for r in results.values()) == 17


@pytest.mark.parametrize("stem", sorted(REMOVED))
def test_seed_boilerplate_removed_and_reported(results, stem):
    removed = [r.text for r in results[stem].removed]
    if stem == "002":
        assert removed.pop().startswith("版权所有 江苏现代快报传媒有限公司 @copyright")
        assert results[stem].drafts[0].source == "现代快报"   # named by the copyright line
    assert removed == REMOVED[stem]


@pytest.mark.parametrize("stem", sorted(OPTIONS))
def test_seed_nothing_lost(results, stem):
    assert_nothing_lost(seed(stem).read_text(encoding="utf-8"), results[stem])


def test_broken_lines_joined_and_real_breaks_kept(results):
    body = {d.title_text: render_body(d) for r in results.values() for d in r.drafts}
    hutang = body["湖塘镇:架起政企、政民交流互动新桥梁"]
    assert "累计办件3.8万余件，位居全区首位。" in hutang          # broken across a blank line
    assert "招引一批主导产业项目、科技项目和人才项目陆续在此落户" in hutang   # broken inside a word
    assert "\n\n## “小湖”把窗口“搬进”园区楼宇\n\n" in hutang
    assert "真金白银" in body["全力助企纾困 稳住经济大盘"]
    assert "形成营商环境委员工作室" in body["区政协“问诊”营商环境 助企服务体系再提升"]
    green = body["武进绿建区：打造(近)零碳先行示范园区 推动“双碳”步伐走深走实"]
    assert "\n\n## 用好“双碳”风向标 抢占新高地\n\n" in green
    assert "四大产业方向" in green and "聚力万亿之城" not in green
    assert "## 强党建 抓治理 “红色堡垒”坚如磐石" in body["当好贯彻落实“532”发展战略的“尖兵”"]
    assert "▲阳湖净水厂效果图\n\n日前" in body["当好贯彻落实“532”发展战略的“尖兵”"]
    notice = body["通告"]
    assert notice.endswith("中共常州市武进区委宣传部  \n2024年5月29日\n")
    # question/answer lines and numbered items stay separate paragraphs
    qa = body["牛塘镇上线“政风热线”"].split("\n\n")
    assert len(qa) == 17 and qa[1].startswith("问:") and qa[3].startswith("(1)")
    # the real text is kept, duplicated passage included
    culture = body["丰富文化服务供给 满足群众精神生活"]
    assert culture.count("平湖市博物馆新馆项目含主体工程与陈列布展工程两部分") == 2
    assert "徐晶玮 摄" not in body["常州海晨新能源汽车供应链综合配套基地是省重大项目"]


def test_seed_towns_and_topics_suggested(results):
    d = {d.title_text: d for r in results.values() for d in r.drafts}
    assert d["湖塘镇:架起政企、政民交流互动新桥梁"].town.name == "湖塘镇"
    assert d["更大力度打好污染防治攻坚战 推动全市生态环境持续改善"].town.name == "常州市"
    assert d["全力助企纾困 稳住经济大盘"].town.name == "平湖市"
    assert d["南方精工：从零件到部件 向新质生产力要新动能"].town is None   # no place in the text: flagged
    assert any("未识别出地名" in w for w in d["南方精工：从零件到部件 向新质生产力要新动能"].warnings)
    assert [t.name for t in d["更大力度打好污染防治攻坚战 推动全市生态环境持续改善"].topics] == ["生态环境"]
    assert [t.name for t in d["全区“公路医生进乡村”挂牌督办点段通过验收"].topics] == ["交通"]
    for art in d.values():
        assert 1 <= len(art.topics) <= 3
    # inferred dates are said so; absent dates are reported, never invented
    assert any("“5月27日”“昨天”" in w for w in d["全市重大项目推进会召开"].warnings)
    assert d["通告"].date.exact and not any("日期" in w for w in d["通告"].warnings)
    assert any("原文无日期" in w for w in d["当好贯彻落实“532”发展战略的“尖兵”"].warnings)


# ---- the committed sample content -------------------------------------------------------

# the editor's reasoning for a date the source gives only to the year (date_note, shown nowhere
# public): its text is the committed file's, checked to be there
NOTE = object()

# importer output path → (committed path, front-matter fields the editor reviewed)
REVIEWED = {
    "2024/hu-tang-zhen-jia-qi-zheng.md": ("2024/hu-tang-zhen-jia-qi-zheng.md", {"date_confirmed": True, "topic": ["营商环境", "政务服务"]}),
    "2024/geng-da-li-du-da-hao.md": ("2024/geng-da-li-du-da-hao.md", {"date_confirmed": True}),
    "2024/nan-fang-jing-gong-cong-ling.md": ("2024/nan-fang-jing-gong-cong-ling.md", {"date_confirmed": True, "town": "武进区"}),
    "2024/tong-gao.md": ("2024/tong-gao.md", {}),
    "undated/niu-tang-zhen-shang-xian-zheng.md": ("2023/niu-tang-zhen-shang-xian-zheng.md", {"date_confirmed": True,
        "date": 2023, "date_note": NOTE, "topic": ["科技创新", "城市管理", "政务服务"],
        "policy": {"title": "“智能化改造、数字化转型”三年行动计划", "issuer": "江苏省、常州市"}}),
    "undated/dang-hao-guan-che-luo-shi.md": ("2021/dang-hao-guan-che-luo-shi.md", {"date_confirmed": True,
        "date": 2021, "date_note": NOTE, "topic": ["党建引领", "重点项目", "营商环境"]}),
    "undated/qu-zheng-xie-wen-zhen-ying.md": ("2024/qu-zheng-xie-wen-zhen-ying.md", {"date_confirmed": True,
        "date": 2024, "date_note": NOTE, "topic": ["政协工作", "营商环境"]}),
    "undated/quan-qu-gong-lu-yi-sheng.md": ("2024/quan-qu-gong-lu-yi-sheng.md", {"date_confirmed": True, "date": 2024,
        "date_note": NOTE}),
    "undated/chang-zhou-hai-chen-xin-neng.md": ("2024/chang-zhou-hai-chen-xin-neng.md", {"date_confirmed": True,
        "date": 2024, "date_note": NOTE, "title": "常州海晨新能源汽车供应链综合配套基地加快建设", "town": "武进区"}),
    "undated/wu-jin-lv-jian-qu-da.md": ("2024/wu-jin-lv-jian-qu-da.md", {"date_confirmed": True, "date": 2024,
        "date_note": NOTE}),
    "2022/quan-li-zhu-qi-shu-kun.md": ("2022/quan-li-zhu-qi-shu-kun.md", {"date_confirmed": True}),
    "2022/jia-xing-ren-da-lai-ping.md": ("2022/jia-xing-ren-da-lai-ping.md", {"date_confirmed": True, "town": "新埭镇"}),
    "2022/jia-xing-ren-da-lai-ping-2.md": ("2022/jia-xing-ren-da-lai-ping-2.md", {"date_confirmed": True, "topic": ["法治建设", "生态环境"]}),
    "2022/quan-shi-zhong-da-xiang-mu.md": ("2022/quan-shi-zhong-da-xiang-mu.md", {"date_confirmed": True}),
    "2022/wo-shi-tiao-zhan-wang.md": ("2022/wo-shi-tiao-zhan-wang.md", {"date_confirmed": True, "town": "平湖市", "topic": ["文化", "民生保障"]}),
    "2022/feng-fu-wen-hua-fu-wu.md": ("2022/feng-fu-wen-hua-fu-wu.md", {"date_confirmed": True, "topic": ["文化", "民生保障"]}),
    "2022/gong-fu-lu-shang-peng-pai.md": ("2022/gong-fu-lu-shang-peng-pai.md", {"date_confirmed": True}),
}


def _run_seeds_script(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, SEEDS=str(SEEDS))
    return subprocess.run(["bash", str(ROOT / "scripts" / "import-seeds.sh"), *args], cwd=ROOT,
                          capture_output=True, text=True, env=env, timeout=300)


def _meta(path: Path) -> tuple[dict, str]:
    fm, body = split_front_matter(path.read_text(encoding="utf-8"))
    return yamlio.load(fm), body


def test_sample_content_is_the_reviewed_import_of_the_seeds(tmp_path):
    out = tmp_path / "articles"
    proc = _run_seeds_script("--out", str(out))
    assert proc.returncode == 0, proc.stderr
    imported = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md"))
    assert imported == sorted(REVIEWED)
    committed_dir = ROOT / "docs" / "articles"
    committed = sorted(p.relative_to(committed_dir).as_posix() for p in committed_dir.rglob("*.md"))
    assert committed == sorted(c for c, _ in REVIEWED.values())
    for rel, (target, reviewed) in REVIEWED.items():
        meta, body = _meta(out / rel)
        want_meta, want_body = _meta(committed_dir / target)
        assert body == want_body, f"{target}: body differs from the importer's output"
        for key, value in reviewed.items():
            assert meta.get(key) != value, f"{target}: {key} listed as reviewed but unchanged"
        if reviewed.get("date_confirmed") is True and meta.get("date") is not None:
            assert meta.get("date_confirmed") is False, target   # the importer marks every inferred date
        meta.update(reviewed)
        if reviewed.get("date_note") is NOTE:
            assert len(want_meta.get("date_note") or "") > 20, f"{target}: no reasoning for its date"
            meta["date_note"] = want_meta["date_note"]
        assert meta == want_meta, target


def test_reimporting_the_seeds_creates_nothing():
    proc = _run_seeds_script("--dry-run")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("没有新建任何文件") == 5
    assert "将新建 0 篇" in proc.stdout and "将新建 1" not in proc.stdout


def test_sample_content_passes_govnews_check():
    proc = subprocess.run([sys.executable, "-m", "govnews.cli.commands", "check"], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "检查了 17 篇文章：0 个错误，0 个警告，" in proc.stderr and "条提示" in proc.stderr
    # every article whose date is still a guess is listed (information, not a failure)
    for target, reviewed in REVIEWED.values():
        listed = f"docs/articles/{target}:" in proc.stdout and "日期为推断、尚未确认" in proc.stdout
        assert listed == (reviewed.get("date_confirmed") is False), target
        # a date the source gives only to the year is said so (information)
        year_only = re.search(rf"docs/articles/{re.escape(target)}:\d+: 提示：日期只写到年（\d{{4}}年）", proc.stdout)
        assert bool(year_only) == isinstance(reviewed.get("date"), int), target


def test_sample_site_has_every_seed_article_with_a_confirmed_date(sample_site):
    for target, reviewed in REVIEWED.values():
        year, name = target[:-3].split("/")
        page = sample_site.site / "articles" / year / name / "index.html"
        assert page.exists() == (reviewed.get("date_confirmed") is not False), target
        if not page.exists():   # nor anywhere else: lists, feeds, search
            title = _meta(ROOT / "docs" / "articles" / target)[0]["title"]
            assert title not in (sample_site.site / "feed.xml").read_text(encoding="utf-8")
            assert title not in (sample_site.site / "archive" / "index.html").read_text(encoding="utf-8")
    page = sample_site.html("articles/2024/tong-gao/")
    assert "5月31日是今年第三个“学习日”" in page.get_text()
