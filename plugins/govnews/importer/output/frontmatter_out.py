"""Front matter text in the project's schema (README "编辑指南"), with YAML comments where
the importer inferred something the editor should confirm."""

from __future__ import annotations

import json

import yaml

from govnews.common import yamlio
from govnews.config.settings import DOCUMENT_TYPE
from govnews.importer.model import Draft
from govnews.model.policy import EXPLAINER_TYPE

LOW = 0.5


def scalar(value: str) -> str:
    """A YAML scalar: plain when it reads back unchanged, else double-quoted."""
    if value and value == value.strip() and " #" not in value and not value.startswith(("#", "- ", "[", "{", "&", "*", "!", "|", ">", "'", '"', "%", "@", "`")):
        try:
            if yamlio.load(f"k: {value}") == {"k": value}:
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)


def flow_list(values: list[str]) -> str:
    items = []
    for v in values:
        try:
            plain_ok = yamlio.load(f"[{v}]") == [v] and "," not in v and " #" not in v
        except yaml.YAMLError:
            plain_ok = False
        items.append(v if plain_ok else json.dumps(v, ensure_ascii=False))
    return "[" + ", ".join(items) + "]"


def render(d: Draft, slug: str) -> str:
    lines = ["---", f"title: {scalar(d.title_text)}"]
    if d.title_from_text:
        lines[-1] += "  # 待核：原文无标题，取自正文首句"
    if d.kicker_text:
        lines.append(f"kicker: {scalar(d.kicker_text)}")
    if d.subtitle_text:
        lines.append(f"subtitle: {scalar(d.subtitle_text)}")
    if d.date.value is not None:
        if not d.date.exact:
            lines.append(f"# 日期：{d.date.note}")
        lines.append(f"date: {d.date.text}")   # 2024-05-29, or what the source gives: 2024-10, 2023
        if not d.date.exact:  # not published until an editor confirms it (catalog.py)
            lines.append("date_confirmed: false")
    else:
        lines.append(f"# 日期：{d.date.note}")
        lines.append("date:")
    if d.authors:
        lines.append(f"author: {flow_list(d.authors)}")
    if d.editors:
        lines.append(f"editor: {flow_list(d.editors)}")
    if d.town is not None:
        line = f"town: {scalar(d.town.name)}"
        if d.town.confidence < LOW:
            line += f"  # 待核：把握不大（{d.town.confidence:.2f}）"
        lines.append(line)
    else:
        lines.append("# 地名：未能从正文识别，请填写 docs/_vocab/places.yml 中的地名")
    if d.topics:
        line = f"topic: {flow_list([t.name for t in d.topics])}"
        weak = [t.name for t in d.topics if t.confidence < LOW]
        if weak:
            line += f"  # 待核：{'、'.join(weak)} 把握不大"
        lines.append(line)
    else:
        lines.append("# 专题：未能识别，请从 docs/_vocab/topics.yml 选一到三个")
    if d.keywords:
        lines.append(f"keywords: {flow_list(d.keywords)}")
    if d.type == EXPLAINER_TYPE:
        lines += _policy(d.policy)
    lines.append(f"type: {scalar(d.type)}")
    if d.type == DOCUMENT_TYPE:
        lines += _document(d.document)
    if d.source:
        lines.append(f"source: {scalar(d.source)}")
    lines.append(f"slug: {slug}")
    lines.append("---")
    return "\n".join(lines) + "\n"


_POLICY_NAMES = {"title": "title 标题", "issuer": "issuer 发文机关", "number": "number 发文字号", "date": "date 日期",
                 "link": "link 原文链接"}


def _policy(found: dict[str, str]) -> list[str]:
    """An explainer's `policy`: what its text names (policyref.py), the rest left to the editor."""
    missing = "、".join(name for key, name in _POLICY_NAMES.items() if key not in found)
    if not found:
        return [f"# 政策：政策解读须写明所解读的政策 policy（{missing}），请补全"]
    lines = [f"# 政策：据原文填写，请核对；原文未写明的请补全（{missing}）", "policy:"]
    lines += [f"  {key}: {scalar(found[key])}" for key in ("title", "number", "issuer", "link") if found.get(key)]
    return lines


def _document(doc: dict) -> list[str]:
    """A 政策文件's own fields from the page's 信息公开 metadata table."""
    lines = [f"number: {scalar(doc['number'])}"]
    if doc.get("written"):
        lines.append(f"written: {doc['written']}")
    if doc.get("index_no"):
        lines.append(f"index_no: {scalar(doc['index_no'])}")
    if doc.get("unknown_issuer"):
        lines.append(f"# 发文机关：原网页写「{'、'.join(doc['unknown_issuer'])}」，不在发文机关词表（issuers.yml）中，"
                     f"请加入词表后写入 issuer")
    if doc.get("issuer"):
        lines.append(f"issuer: {flow_list(doc['issuer'])}")
    elif not doc.get("unknown_issuer"):
        lines.append("# 发文机关：原网页未写明，请填写 issuer（政策文件必填）")
    if doc.get("unknown_subject"):
        lines.append(f"# 主题分类：原网页写「{doc['unknown_subject']}」，不在主题分类词表（subjects.yml）中，请选择后写入 subject")
    if doc.get("subject"):
        lines.append(f"subject: {scalar(doc['subject'])}")
    return lines
