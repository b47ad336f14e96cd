"""The five real seed clippings live in the repository (samples/seeds): a clone on GitHub or
GitLab has no ../shared beside it, so nothing may read from there."""

from __future__ import annotations

import json
import re
import subprocess

import feedparser
import pytest

from conftest import ROOT, SEEDS

# files that name the old location on purpose, to check that it is not needed
CHECKERS = {"tests/test_samples.py", "tests/test_setup_debian.py"}
OUTSIDE = re.compile(r"\.\./shared|[\"']shared[\"']\s*/|/work/shared")


def test_seeds_are_in_the_repository():
    seeds = sorted(p.name for p in SEEDS.glob("*.txt"))
    assert len(seeds) == 5, seeds
    assert SEEDS.is_relative_to(ROOT)
    tracked = subprocess.run(["git", "ls-files", "--", str(SEEDS)], cwd=ROOT, capture_output=True,
                             text=True, check=True).stdout.split()
    assert sorted(p.rsplit("/", 1)[-1] for p in tracked) == seeds


def test_seed_copies_are_the_originals():
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("no shared seeds beside this clone to compare with")
    originals = sorted(shared.glob("*.txt"))
    assert [p.name for p in originals] == sorted(p.name for p in SEEDS.glob("*.txt"))
    for original in originals:
        assert (SEEDS / original.name).read_bytes() == original.read_bytes(), original.name


def test_nothing_reads_outside_the_repository():
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "--",
                             "tests", "scripts", ".ci", ".github", ".gitlab-ci.yml", "README.md", "mkdocs.yml",
                             "pyproject.toml", "requirements.txt", ".pre-commit-config.yaml"],
                            cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    offenders = []
    for rel in listed:
        path = ROOT / rel
        if rel in CHECKERS or not path.is_file() or path.suffix in {".png", ".jpg", ".gz"}:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if OUTSIDE.search(line):
                offenders.append(f"{rel}:{n}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


# -- every article made from the seeds is published ---------------------------------------

# seed file prefix → (committed article, its title as the seed prints it (None: the editor
# drafted it, the picture news has none), passages of the seed that the page must carry word
# for word). The six whose source gives only a year are here too (date: 2021/2023/2024).
SEED_ARTICLES = {
    "000": [
        ("2024/hu-tang-zhen-jia-qi-zheng", "湖塘镇:架起政企、政民交流互动新桥梁", ["组建“小湖来帮办”线下", "案例解读等方式进行解读。”张雅清表示"]),
        ("2024/geng-da-li-du-da-hao", "更大力度打好污染防治攻坚战 推动全市生态环境持续改善", ["首次达到地表水湖库Ⅲ类标准，武进港、漕桥河"]),
        ("2024/nan-fang-jing-gong-cong-ling", "南方精工：从零件到部件 向新质生产力要新动能", ["研发生产新能源汽车热泵压缩"]),
        ("2024/tong-gao", "通告", ["5月31日是今年第三个“学习日”"]),
    ],
    "001": [
        ("2023/niu-tang-zhen-shang-xian-zheng", "牛塘镇上线“政风热线”", ["今年是第七届全国文明城市创建的总评之年",
                                                                 "让“不跑路、办好事”从口号变为现实"]),
    ],
    "002": [
        ("2021/dang-hao-guan-che-luo-shi", "当好贯彻落实“532”发展战略的“尖兵”", ["围绕“全国文明镇、现代新湖塘”的目标",
                                                                      "市场准入企业名称登记“不见面”审批率达70%"]),
    ],
    "003": [
        ("2024/qu-zheng-xie-wen-zhen-ying", "区政协“问诊”营商环境 助企服务体系再提升", ["“1”是一个平台,即武进区政协企业家委员工作室"]),
        ("2024/quan-qu-gong-lu-yi-sheng", "全区“公路医生进乡村”挂牌督办点段通过验收", ["广泛开展“三进”行动,即“公路医生”"]),
        ("2024/chang-zhou-hai-chen-xin-neng", None, ["常州海晨新能源汽车供应链综合配套基地", "总建筑面积约19万平方米"]),
        ("2024/wu-jin-lv-jian-qu-da", "武进绿建区：打造(近)零碳先行示范园区 推动“双碳”步伐走深走实", ["综合利用屋顶光伏、地源热泵"]),
    ],
    "004": [
        ("2022/feng-fu-wen-hua-fu-wu", "丰富文化服务供给 满足群众精神生活", ["总投资50559万"]),
        ("2022/gong-fu-lu-shang-peng-pai", "共富路上澎湃科普力量", ["“提质增效创示范、凝智助力奔共"]),
        ("2022/jia-xing-ren-da-lai-ping-2", "嘉兴人大来平开展节约能源“一法一办法”执法检查", ["严格目标责任制考"]),
        ("2022/jia-xing-ren-da-lai-ping", "嘉兴人大来平开展《浙江省综合行政执法条例》执法检查", ["持续完善平湖市推进“大综合"]),
        ("2022/quan-li-zhu-qi-shu-kun", "全力助企纾困 稳住经济大盘", ["月产出实现了28.6%的增长"]),
        ("2022/quan-shi-zhong-da-xiang-mu", "全市重大项目推进会召开", ["确保项目拿地即开工、开工即入"]),
        ("2022/wo-shi-tiao-zhan-wang", "“我是挑战王”", ["“明亮的眼睛”等各主题项目中争做“挑战"]),
    ],
}


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_every_article_made_from_the_seeds_is_published(sample_site):
    from bs4 import BeautifulSoup

    committed = sorted(p.relative_to(ROOT / "docs" / "articles").with_suffix("").as_posix()
                       for p in (ROOT / "docs" / "articles").rglob("*.md"))
    assert committed == sorted(a for arts in SEED_ARTICLES.values() for a, _, _ in arts)
    feed_titles = {e.title for e in feedparser.parse((sample_site.site / "feed.xml").read_bytes()).entries}
    for prefix, articles in SEED_ARTICLES.items():
        [seed] = SEEDS.glob(f"{prefix}_*.txt")
        seed_text = _plain(seed.read_text(encoding="utf-8"))
        for rel, title, passages in articles:
            page = sample_site.site / "articles" / rel / "index.html"
            assert page.is_file(), f"{rel} (from {seed.name}) is not published"
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
            shown = soup.select_one("h1.gn-title").get_text()
            if title is not None:
                assert _plain(title) in seed_text, (seed.name, title)
                assert shown == title, rel
            body = _plain(soup.select_one(".gn-body").get_text())
            for passage in passages:
                assert _plain(passage) in seed_text, (seed.name, passage)   # the seed's words …
                assert _plain(passage) in body, (rel, passage)              # … on its page
            assert shown in feed_titles, f"{rel} missing from the site's feed"


def test_the_interview_is_a_policy_explainer_with_its_faq(sample_site):
    """The 牛塘镇 政风热线 interview: 政策解读, its Q&A as FAQ, the policy named as the source does."""
    from bs4 import BeautifulSoup

    url = "articles/2023/niu-tang-zhen-shang-xian-zheng/"
    soup = sample_site.html(url)
    assert "政策解读" in soup.select_one(".gn-meta").get_text()
    data = [json.loads(s.string) for s in soup.select('script[type="application/ld+json"]')]
    faq = next(d for d in data if d["@type"] == "FAQPage")
    assert len(faq["mainEntity"]) >= 3
    article = next(d for d in data if d["@type"] == "NewsArticle")
    assert article["datePublished"] == "2023"
    assert article["about"]["name"] == "“智能化改造、数字化转型”三年行动计划"
    assert "legislationIdentifier" not in article["about"] and "sameAs" not in article["about"]   # nothing invented
    column = BeautifulSoup((sample_site.site / "types/zhengce-jiedu/index.html").read_text(encoding="utf-8"), "lxml")
    assert "牛塘镇上线“政风热线”" in column.get_text()
    feed = (sample_site.site / "types/zhengce-jiedu/feed.xml").read_text(encoding="utf-8")
    assert "牛塘镇上线“政风热线”" in feed and "<dc:date>2023</dc:date>" in feed and "<pubDate>" not in feed
