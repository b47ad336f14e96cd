"""`govnews audit`: column-update audit against 国办秘函〔2019〕19号 (thresholds pinned at their
boundaries in process; the command, its exit status and the /audit/ page for real)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date

import pytest

from govnews.checks.audit import DUE, EMPTY, HOME, OK, STALE, Thresholds, add_months, judge, thresholds_from_config
from govnews.common.diagnostics import Problems

from conftest import make_project

TH = Thresholds()
AS_OF = date(2024, 6, 30)


@pytest.mark.parametrize("days, status", [(10, OK), (11, OK), (12, DUE), (13, DUE), (14, DUE), (15, STALE),
                                          (400, STALE)])
def test_two_week_limit_of_home_and_news_columns(days, status):
    last = date.fromordinal(AS_OF.toordinal() - days)
    assert judge(last, AS_OF, "动态", TH) == (status, "14 天")
    assert judge(last, AS_OF, HOME, TH)[0] == status


@pytest.mark.parametrize("last, as_of, status", [
    (date(2024, 1, 15), date(2024, 7, 12), OK),
    (date(2024, 1, 15), date(2024, 7, 15), DUE),     # exactly six months: still in time
    (date(2024, 1, 15), date(2024, 7, 16), STALE),
    (date(2023, 8, 31), date(2024, 2, 29), DUE),     # month end: 31 August + 6 months = 29 February
    (date(2023, 8, 31), date(2024, 3, 1), STALE),
])
def test_six_month_limit_of_policy_and_notice_columns(last, as_of, status):
    assert judge(last, as_of, "政策", TH) == (status, "6 个月")
    assert judge(last, as_of, "通知公告", TH)[0] == status


def test_no_article_is_not_an_update_date():
    assert judge(None, AS_OF, "动态", TH)[0] == EMPTY
    assert add_months(date(2024, 12, 31), 2) == date(2025, 2, 28)


def test_thresholds_from_config_and_bad_values():
    problems = Problems()
    th = thresholds_from_config({"dynamic_days": 7, "policy_months": 3, "page": True}, problems)
    assert (th.dynamic_days, th.policy_months, th.home_days, th.page) == (7, 3, 14, True) and not problems
    th = thresholds_from_config({"dynamic_day": 7, "home_days": 0, "page": "yes"}, problems)
    assert th == Thresholds()
    text = "\n".join(map(str, problems))
    assert "mkdocs.yml:1: audit 中未知的设置「dynamic_day」" in text
    assert "audit.home_days 应为正整数，而不是「0」" in text
    assert "audit.page 应为 true 或 false" in text


# -- the command -------------------------------------------------------------------------

def audit(proj, *args: str, epoch: str | None = None) -> tuple[int, str]:
    env = dict(os.environ)
    env.pop("SOURCE_DATE_EPOCH", None)
    if epoch:
        env["SOURCE_DATE_EPOCH"] = epoch
    proc = subprocess.run([sys.executable, "-m", "govnews.cli", "audit", *args], cwd=proj.root,
                          capture_output=True, text=True, env=env, timeout=300)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, proc.stdout + proc.stderr


def columns(output: str) -> dict[str, dict]:
    return {c["name"]: c for c in json.loads(output)["columns"]}


@pytest.fixture
def newsroom(tmp_path):
    proj = make_project(tmp_path)
    proj.article("2024/fresh.md", title="新近文章", date="2024-06-28", topic="政务服务", town="湖塘镇")
    for i, topic in enumerate(["营商环境", "生态环境", "重点项目", "科技创新"]):
        proj.article(f"2024/old-{i}.md", title=f"旧文{i}", date="2024-06-01", topic=topic)
    proj.article("2024/notice.md", title="通知", date="2024-01-15", type="通知公告", topic="政务服务")
    # no update: a draft, an unconfirmed date, a future date
    proj.article("2024/draft.md", title="草稿", date="2024-06-29", topic="营商环境", draft="true")
    proj.article("2024/guess.md", title="推断", date="2024-06-29", topic="生态环境", date_confirmed="false")
    proj.article("2024/future.md", title="未来", date="2024-07-30", topic="重点项目")
    return proj


def test_four_stale_news_columns_are_findings_not_a_veto(newsroom):
    code, out = audit(newsroom, "--json", "--as-of", "2024-06-30")
    assert code == 0, out
    cols = columns(out)
    assert cols[HOME]["last"] == "2024-06-28" and cols[HOME]["days"] == 2 and cols[HOME]["status"] == OK
    for name in ("营商环境", "生态环境", "重点项目", "科技创新"):   # drafts etc. are no update
        assert (cols[name]["last"], cols[name]["days"], cols[name]["status"]) == ("2024-06-01", 29, STALE), name
    assert cols["湖塘镇"]["status"] == OK and cols["武进区"]["last"] == "2024-06-28"   # districts roll up
    assert cols["通知公告"]["kind"] == "通知公告" and cols["通知公告"]["status"] == OK
    assert cols["交通"]["status"] == EMPTY and cols["交通"]["last"] is None
    assert json.loads(out)["vetoes"] == []


def test_fifth_stale_news_column_is_a_veto(newsroom):
    newsroom.article("2024/old-4.md", title="旧文4", date="2024-06-01", topic="党建引领")
    code, out = audit(newsroom, "--as-of", "2024-06-30")
    assert code == 1
    assert "单项否决" in out and "5 个动态类栏目超过 14 天未更新" in out
    assert "栏目类别" in out and "党建引领" in out   # the readable table


def test_stale_notice_column_and_stale_home_page_are_vetoes(newsroom):
    code, out = audit(newsroom, "--json", "--as-of", "2024-07-16")
    assert code == 1
    vetoes = json.loads(out)["vetoes"]
    assert any("通知公告类栏目「通知公告」超过 6 个月未更新" in v for v in vetoes)
    assert any(v.startswith("首页 18 天未更新") for v in vetoes)


def test_thresholds_come_from_mkdocs_yml(newsroom):
    newsroom.plugin_options(audit="{dynamic_days: 30, home_days: 1}")
    code, out = audit(newsroom, "--json", "--as-of", "2024-06-30")
    cols = columns(out)
    assert cols["营商环境"]["status"] == DUE and cols["营商环境"]["limit"] == "30 天"
    assert cols[HOME]["status"] == STALE and code == 1


def test_build_time_is_source_date_epoch(newsroom):
    code, out = audit(newsroom, "--json", epoch="1719676800")   # 2024-06-30 00:00 +08:00
    assert json.loads(out)["as_of"] == "2024-06-30"
    assert columns(out)[HOME]["days"] == 2


def test_bad_audit_settings_are_messages(newsroom):
    newsroom.plugin_options(audit="{dynamic_days: 两周}")
    code, out = audit(newsroom)
    assert code == 2 and "mkdocs.yml:1: audit.dynamic_days 应为正整数，而不是「两周」" in out
    proc = newsroom.govnews("check")
    assert proc.returncode == 1 and "audit.dynamic_days 应为正整数" in proc.stdout


def test_unknown_column_kind_in_a_vocabulary_is_a_message(tmp_path):
    proj = make_project(tmp_path)
    types = proj.docs / "_vocab" / "types.yml"
    types.write_text(types.read_text(encoding="utf-8").replace("kind: 通知公告", "kind: 公告"), encoding="utf-8")
    proc = proj.govnews("check")
    assert proc.returncode == 1
    assert "docs/_vocab/types.yml:" in proc.stdout and "kind「公告」应为 动态、政策、通知公告 之一" in proc.stdout


# -- the office's page -------------------------------------------------------------------

def test_audit_page_is_written_when_asked_and_kept_out_of_public_paths(newsroom):
    result = newsroom.build()
    assert result.returncode == 0, result.stderr
    assert not (newsroom.site / "audit").exists()          # public builds: not by default
    newsroom.plugin_options(audit="{page: true}")
    result = newsroom.build()
    assert result.returncode == 0, result.stderr
    page = newsroom.html("audit/")
    assert page.find("meta", attrs={"name": "robots"})["content"].startswith("noindex")
    text = page.get_text(" ", strip=True)
    assert "栏目更新检查" in text and "截至 2026年" in text   # the build time (SOURCE_DATE_EPOCH of the tests)
    rows = {r.th.get_text(strip=True): [td.get_text(strip=True) for td in r.find_all("td")]
            for r in page.select("table.gn-audit tbody tr")}
    assert rows["营商环境"][-1] == STALE and rows["交通"][-1] == EMPTY
    link = page.select_one("table.gn-audit a[href$='topics/yingshang-huanjing/']")
    assert link is not None and (newsroom.site / "topics/yingshang-huanjing/index.html").is_file()
    assert "audit/" not in (newsroom.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "audit/" not in newsroom.html("").select_one("nav").decode()


def test_warn_reports_a_veto_without_failing(newsroom):
    code, out = audit(newsroom, "--warn", "--as-of", "2024-12-31")
    assert code == 0 and "单项否决" in out and "--warn：只提醒" in out
    assert audit(newsroom, "--as-of", "2024-12-31")[0] == 1


def test_bad_as_of_is_a_message(newsroom):
    code, out = audit(newsroom, "--as-of", "2024-13-01")
    assert code == 2 and "错误：--as-of 日期不合法「2024-13-01」" in out
