"""A small policy library for the tests: documents (type 政策文件) and explainers naming them
by 发文字号, by file path and with today's inline `policy:` mapping. The documents' text is
test data (marked 测试), not a real government document."""

from __future__ import annotations

import json

from conftest import Project

EVIL_ISSUER = "<b>坏</b>机关&办公室"
EVIL_INDEX = '014/<i>2024</i>-"8"'
EVIL_DOC_TITLE = '关于</script><img src=x onerror="alert(1)">测试文件的通知'
N_A = "武政发〔2024〕8号"       # in force, replaces N_OLD
N_OLD = "武政发〔2022〕3号"     # repealed, replaced by N_A
N_REV = "武政办发〔2023〕12号"  # revised: the revised text is N_B
N_B = "武政办发〔2024〕5号"     # no explainer (unexplained)
N_EVIL = "武政发〔2024〕9号"
OFFSITE = "关于印发《测试省级行动计划》的通知"


def _y(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def add_library(proj: Project) -> None:
    with open(proj.docs / "_vocab" / "issuers.yml", "a", encoding="utf-8") as fh:
        fh.write(f"- name: {_y(EVIL_ISSUER)}\n  slug: evil-issuer\n")
    proj.write("articles/2024/files/shenbao.docx", "not really a docx")
    proj.write("articles/2024/files/zhengce.pdf", "not really a pdf")
    proj.article("2024/doc-a.md", title="关于推进智能化改造和数字化转型的若干意见（测试）", date="2024-02-26",
                 type="政策文件", written="2024-02-20", issuer="常州市武进区人民政府", number=N_A,
                 index_no="014112345/2024-00008", subject="工业、交通", topic="[产业发展]",
                 body="各镇人民政府、街道办事处：\n\n现将有关意见印发给你们，请认真贯彻执行。\n\n"
                      "附件：[1. 申报表](files/shenbao.docx)、[2. 政策全文](files/zhengce.pdf)\n")
    # written with the Chinese key names of a 政策文件库
    proj.write("articles/2022/doc-old.md", "---\n标题: 关于推进智能化改造的实施意见（测试）\n发布日期: 2022-03-01\n"
               "type: 政策文件\n成文日期: 2022-02-25\n发文机关: 武进区政府\n发文字号: 武政发〔2022〕3号\n"
               "主题分类: 工业、交通\n有效性: 废止\n废止日期: 2024-02-26\n替代文件: 武政发〔2024〕8号\n---\n\n正文。\n")
    proj.article("2023/doc-rev.md", title="关于加强科技创新的若干措施（测试）", date="2023-06-01", type="政策文件",
                 issuer="常州市武进区人民政府办公室", number=N_REV, subject="科技、教育", status="修订",
                 replaced_by="../2024/doc-b.md")
    proj.article("2024/doc-b.md", title="关于加强科技创新的若干措施（修订）（测试）", date="2024-04-01",
                 type="政策文件", issuer="[常州市武进区人民政府办公室, 常州市武进区人民政府]", number=N_B,
                 subject="科技、教育")
    proj.article("2024/doc-evil.md", title=_y(EVIL_DOC_TITLE), date="2024-03-01", type="政策文件",
                 issuer=_y(EVIL_ISSUER), number=N_EVIL, index_no=_y(EVIL_INDEX), subject="综合政务",
                 status="失效", expired="2024-12-31")
    proj.article("2024/exp-a.md", title="图解：智能化改造若干意见（测试）", date="2024-03-02", type="政策解读",
                 town="武进区", topic="[产业发展]", policy=N_A)
    proj.article("2024/exp-a-path.md", title="问答：智能化改造若干意见（测试）", date="2024-03-05", type="政策解读",
                 town="湖塘镇", policy="doc-a.md")
    proj.article("2022/exp-old.md", title="解读：智能化改造实施意见（测试）", date="2022-03-10", type="政策解读",
                 town="武进区", policy=N_OLD)
    # today's inline mapping, for a document on this site (joins it) and one elsewhere
    proj.article("2023/exp-rev.md", title="科技创新措施解读（测试）", date="2023-06-10", type="政策解读",
                 town="武进区", policy=f"\n  title: 关于加强科技创新的若干措施\n  发文字号: {N_REV}\n  issuer: 武进区政府办公室")
    proj.article("2024/exp-offsite.md", title="省级行动计划解读（测试）", date="2024-05-01", type="政策解读",
                 town="武进区", policy=f"\n  title: {OFFSITE}\n  issuer: 江苏省人民政府\n  date: 2024-01-15"
                                      "\n  link: https://www.example.gov.cn/zcwj/2.html")
    proj.article("2024/exp-evil.md", title="失效文件的解读（测试）", date="2024-03-03", type="政策解读",
                 town="武进区", policy=N_EVIL)
    proj.article("2024/news.md", title="一条普通新闻（测试）", date="2024-05-02", town="湖塘镇", topic="[营商环境]")
