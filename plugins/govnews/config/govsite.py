"""The government site's identity (《政府网站发展指引》): 主办单位, 网站标识码, 备案号, contact.

Configured in mkdocs.yml under ``extra: govnews: site:`` (see README), checked here with
``mkdocs.yml:line: message`` problems, printed in the footer and in the site-level <meta> tags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from urllib.parse import urlsplit

import yaml

from govnews.common import yamlio
from govnews.common.diagnostics import Problems, suggestion

ICP_URL = "https://beian.miit.gov.cn/"
POLICE_URL = "https://beian.mps.gov.cn/#/query/webSearch?code={code}"
CONFIG_PATH = ("extra", "govnews", "site")

_SITE_CODE = re.compile(r"^[0-9A-Za-z]{10}$")
_ICP = re.compile(r"^[\u4e00-\u9fff]ICP备\d{4,}号(-\d+)?$")
_POLICE = re.compile(r"^[\u4e00-\u9fff]公网安备\s*(\d{14})号$")


@dataclass(frozen=True)
class GovSiteInfo:
    sponsor: str = ""        # 主办单位 (required)
    organizer: str = ""      # 承办单位
    site_code: str = ""      # 网站标识码, 10 characters (required)
    icp: str = ""            # ICP备案号, e.g. 苏ICP备12345678号-1 (required)
    icp_url: str = ICP_URL
    police: str = ""         # 公安机关备案号, e.g. 苏公网安备 32041202000001号
    police_url: str = ""     # default: the 全国互联网安全管理服务平台 query for its number
    phone: str = ""          # 联系电话
    email: str = ""          # 联系邮箱
    address: str = ""        # 地址
    column_type: str = "政务动态"  # <meta name="ColumnType"> of news list pages


LABELS = {
    "sponsor": "主办单位", "organizer": "承办单位", "site_code": "网站标识码", "icp": "ICP备案号",
    "icp_url": "ICP备案查询网址", "police": "公安机关备案号", "police_url": "公安备案查询网址",
    "phone": "联系电话", "email": "联系邮箱", "address": "地址", "column_type": "栏目类型",
}
REQUIRED = ("sponsor", "site_code", "icp")
_NAMES = tuple(f.name for f in fields(GovSiteInfo))


def site_domain(site_url: str) -> str:
    return urlsplit(site_url).netloc


def load_site_info(govnews_extra, config_path: str, problems: Problems) -> GovSiteInfo:
    """Typed GovSiteInfo from ``extra.govnews`` (a mapping or None); problems for bad values."""
    lines = _key_lines(config_path)
    shown = "extra.govnews.site"

    def add(key: str | None, message: str, severity: str = "error") -> None:
        problems.add(_display(config_path), lines.get(key, lines.get(None, 1)), message, severity)

    data = (govnews_extra or {}).get("site") if isinstance(govnews_extra, dict) else None
    if data is None:
        add(None, f"mkdocs.yml 缺少 {shown}（政府网站必须在页脚写明主办单位、网站标识码、ICP备案号，见 README）")
        return GovSiteInfo()
    if not isinstance(data, dict):
        add(None, f"{shown} 应写成“字段: 值”的形式（sponsor、site_code、icp …）")
        return GovSiteInfo()
    values: dict[str, str] = {}
    for key, value in data.items():
        key = str(key)
        if key not in _NAMES:
            add(key, f"{shown} 中未知字段「{key}」{suggestion(key, _NAMES)}", "warning")
            continue
        if isinstance(value, (dict, list)):
            add(key, f"{shown}.{key}（{LABELS[key]}）应是一段文字")
            continue
        values[key] = "" if value is None else str(value).strip()
    for key in REQUIRED:
        if not values.get(key):
            add(key if key in values else None, f"{shown} 缺少 {key}（{LABELS[key]}）")
    code = values.get("site_code", "")
    if code and not _SITE_CODE.match(code):
        add("site_code", f"网站标识码「{code}」应为 10 位数字或字母（如 3204120001），请加引号写成字符串")
    icp = values.get("icp", "")
    if icp and not _ICP.match(icp):
        add("icp", f"ICP备案号「{icp}」格式不对（应如 苏ICP备12345678号 或 苏ICP备12345678号-1）")
    police = values.get("police", "")
    if police:
        m = _POLICE.match(police)
        if not m:
            add("police", f"公安机关备案号「{police}」格式不对（应如 苏公网安备 32041202000001号）")
        elif not values.get("police_url"):
            values["police_url"] = POLICE_URL.format(code=m.group(1))
    for key in ("icp_url", "police_url"):
        url = values.get(key, "")
        if url and not url.startswith(("https://", "http://")):
            add(key, f"{LABELS[key]}「{url}」应以 https:// 或 http:// 开头")
    for key in ("icp_url", "column_type"):
        if not values.get(key):
            values.pop(key, None)  # keep the default
    return GovSiteInfo(**values)


def _display(config_path: str) -> str:
    import os

    try:
        return os.path.relpath(config_path) if config_path else "mkdocs.yml"
    except ValueError:  # pragma: no cover
        return config_path


def _key_lines(config_path: str) -> dict[str | None, int]:
    """Line of extra.govnews.site (key None) and of each key below it; {} when unknown."""
    try:
        with open(config_path, encoding="utf-8") as fh:
            node = yaml.compose(fh.read(), Loader=yamlio.Loader)
    except (OSError, TypeError, yaml.YAMLError):
        return {}
    lines: dict[str | None, int] = {}
    for name in CONFIG_PATH:
        if not isinstance(node, yaml.MappingNode):
            return lines
        for k, v in node.value:
            if k.value == name:
                lines[None] = k.start_mark.line + 1
                node = v
                break
        else:
            return lines
    if isinstance(node, yaml.MappingNode):
        lines.update({str(k.value): k.start_mark.line + 1 for k, _ in node.value})
    return lines
