"""The page /accessibility/ (无障碍说明): the reading aids of the 无障碍 toolbar, their keyboard
shortcuts, and a checklist mapping the items of 工信部《互联网网站适老化通用设计规范》 and of
GB/T 37668-2019 to what the site does and to the test that proves it, items not met named.

The same on every govnews site (the aids are the site's own code, assets/a11y/). The shortcut
table is the one assets/a11y/toolbar.js implements (KEYS); tests/test_reading_aids.py keeps
the two equal and checks that every test the checklist names exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from govnews.site.pages.base import PageKind
from govnews.site.render import TEMPLATES, Crumb
from govnews.site.views import View

ACCESSIBILITY = "accessibility"
ACCESSIBILITY_URL = "accessibility/"

# (Alt+Shift+key, action in toolbar.js, what it does)
SHORTCUTS: tuple[tuple[str, str, str], ...] = (
    ("0", "toggle", "打开或关闭无障碍工具条"),
    ("1", "read", "朗读全文；朗读时暂停或继续"),
    ("2", "point", "开启或关闭指读（朗读鼠标停留或键盘选中的内容）"),
    ("3", "bigger", "文字放大一档"),
    ("4", "smaller", "文字缩小一档"),
    ("5", "scheme", "切换配色：标准 → 黑底白字 → 白底黑字"),
    ("6", "cursor", "开启或关闭大鼠标"),
    ("7", "guides", "开启或关闭十字辅助线"),
    ("8", "plain", "开启或关闭纯文本模式"),
    ("9", "reset", "重置：恢复默认设置"),
)

# (name, what it does) of each aid, in the toolbar's order
AIDS: tuple[tuple[str, str], ...] = (
    ("语音阅读", "用浏览器自带的中文语音朗读本页正文（文章的标题、署名和正文），正在读的句子以黄色标出；"
               "可暂停、继续、停止，语速分慢、常速、快三档。设备上没有中文语音时，工具条会直接说明，"
               "并提示如何在系统中添加。"),
    ("指读", "开启后，鼠标在一段文字、一个链接或按钮上停留片刻，或用键盘（Tab 键）选中它，就朗读它。"),
    ("文字放大", "五档：100%、125%、150%、175%、200%。整页一起放大并重新排版，手机上也不需要左右拖动。"),
    ("配色", "黑底白字（链接为黄色）和白底黑字（链接为深蓝色）两种高对比度配色，文字与背景的对比度都在 7:1 以上；"
           "「标准」恢复本站原来的配色。"),
    ("大鼠标", "把鼠标指针换成约两倍大、黑色白边的指针，在任何底色上都看得清。"),
    ("十字线", "一横一竖两条辅助线跟随鼠标，帮助看清正在读的那一行。"),
    ("纯文本", "只留下页面的文字：去掉页头、导航栏、侧栏和图片，文字按阅读顺序排成一栏。"),
    ("重置", "关闭所有辅助功能，恢复默认。"),
)

MET, PARTLY, NOT_MET, NOT_APPLICABLE = "符合", "部分符合", "不符合", "不适用"
READING_AIDS = "tests/test_reading_aids.py::"


@dataclass(frozen=True)
class Item:
    standard: str     # which rule: 适老化 or GB/T 37668 (with the WCAG 2.0 number it adopts)
    requirement: str
    status: str       # MET, PARTLY, NOT_MET, NOT_APPLICABLE
    how: str          # what the site does (or why not)
    test: str = ""    # the test that proves it (path::name), "" when none does


SPEC = "适老化规范"
GBT = "GB/T 37668"
CHECKLIST: tuple[Item, ...] = (
    Item(SPEC, "文字大小可调整，放大后页面不出现横向滚动", MET,
         "工具条「文字」五档，最大 200%；320 像素宽也只上下滚动", READING_AIDS + "test_text_zoom_steps_and_reflow"),
    Item(SPEC, "段落行距不小于 1.3 倍", MET, "正文行距 1.8 倍", READING_AIDS + "test_text_zoom_steps_and_reflow"),
    Item(SPEC, "文字与背景的对比度不低于 4.5:1", MET, "标准配色下的全部文字",
         "tests/test_publish_browser.py::test_text_contrast_at_least_4_5"),
    Item(SPEC, "提供高对比度配色", MET, "黑底白字、白底黑字两种，对比度 7:1 以上",
         READING_AIDS + "test_high_contrast_schemes"),
    Item(SPEC, "颜色不作为区分信息的唯一手段", MET, "正文中的链接有下划线，开关状态有「✓」和读屏可读的按下状态",
         READING_AIDS + "test_axe_in_every_mode"),
    Item(SPEC, "提供大鼠标（特大鼠标）", MET, "工具条「大鼠标」", READING_AIDS + "test_big_cursor_and_guide_lines"),
    Item(SPEC, "提供十字光标（辅助线）", MET, "工具条「十字线」", READING_AIDS + "test_big_cursor_and_guide_lines"),
    Item(SPEC, "提供语音阅读（连读）", MET, "工具条「朗读全文」，逐句朗读并标出正在读的句子；可暂停、停止、调语速",
         READING_AIDS + "test_read_aloud"),
    Item(SPEC, "提供指读", MET, "工具条「指读」：鼠标停留或键盘选中即朗读", READING_AIDS + "test_point_reading"),
    Item(SPEC, "没有中文语音时给出提示", MET, "工具条直接说明本设备没有中文语音，并提示如何添加",
         READING_AIDS + "test_no_chinese_voice_message"),
    Item(SPEC, "全程键盘操作", MET, "工具条的每个按钮都能用 Tab 和回车操作，另有 Alt+Shift+数字快捷键，Esc 停止朗读或关闭",
         READING_AIDS + "test_toolbar_by_keyboard_alone"),
    Item(SPEC, "提供纯文本（读屏）模式", MET, "工具条「纯文本」", READING_AIDS + "test_plain_text_mode"),
    Item(SPEC, "设置在各页面间保持", MET, "记在本机浏览器中，每页显示前即生效（不闪烁）",
         READING_AIDS + "test_settings_survive_a_page_change"),
    Item(SPEC, "页面无广告、无弹窗、无诱导按键", MET,
         "本站没有广告和第三方脚本；工具条在页面内展开，不弹出窗口", READING_AIDS + "test_toolbar_loads_only_when_opened"),
    Item(SPEC, "提供放大镜（局部放大）", NOT_MET, "没有做：可用「文字放大」或浏览器缩放（Ctrl 加 +）代替"),
    Item(SPEC, "兼容读屏软件等辅助技术", PARTLY,
         "页面结构（标题、地标、替代文本、按钮状态）由 axe 自动检查；尚未用 NVDA、争渡、永德等读屏软件实际测试",
         READING_AIDS + "test_axe_in_every_mode"),
    Item(SPEC, "验证码提供替代方式", NOT_APPLICABLE, "本站没有验证码"),
    Item(GBT, "非文本内容有替代文本（WCAG 2.0 1.1.1）", PARTLY,
         "站点自身的图标和图表有替代文本；正文图片的说明由编辑填写，检查工具会指出缺少的",
         "tests/test_a11y.py::test_planted_violation_is_found"),
    Item(GBT, "音频控制：自动播放的声音可停止（1.4.2）", MET, "朗读只在读者要求时开始，随时可暂停、停止（Esc）",
         READING_AIDS + "test_read_aloud"),
    Item(GBT, "信息和关系、有意义的顺序（1.3.1、1.3.2）", MET, "纯文本模式下文字的先后即阅读顺序",
         READING_AIDS + "test_plain_text_mode"),
    Item(GBT, "对比度（最低）4.5:1（1.4.3）", MET, "标准配色下的全部文字",
         "tests/test_publish_browser.py::test_text_contrast_at_least_4_5"),
    Item(GBT, "调整文字大小至 200%（1.4.4）", MET, "「文字」最大一档为 200%", READING_AIDS + "test_text_zoom_steps_and_reflow"),
    Item(GBT, "对比度（增强）7:1（1.4.6，AAA 级）", MET, "在两种高对比度配色下", READING_AIDS + "test_high_contrast_schemes"),
    Item(GBT, "键盘可操作、无键盘陷阱（2.1.1、2.1.2）", MET, "工具条全部按钮可用键盘操作，Tab 可离开工具条",
         READING_AIDS + "test_toolbar_by_keyboard_alone"),
    Item(GBT, "焦点可见（2.4.7）", MET, "黑白两色的焦点框，高对比配色下为黄色或深蓝色",
         "tests/test_publish_browser.py::test_keyboard_focus_is_visible"),
    Item(GBT, "名称、角色、值（4.1.2）", MET, "工具条按钮有名称，开关有按下状态，打开按钮有展开状态",
         READING_AIDS + "test_toolbar_by_keyboard_alone"),
    Item(GBT, "页面语言、页面标题、跳过重复区块（3.1.1、2.4.2、2.4.1）", MET, "页面声明中文，每页有标题，页面有地标和标题层级",
         READING_AIDS + "test_axe_in_every_mode"),
)


def score(items: tuple[Item, ...] = CHECKLIST) -> dict[str, int]:
    """How many items have each status, in the checklist's order of statuses."""
    counts = {status: 0 for status in (MET, PARTLY, NOT_MET, NOT_APPLICABLE)}
    for item in items:
        counts[item.status] += 1
    return counts


class AccessibilityKind(PageKind):
    names = (ACCESSIBILITY,)

    def views(self) -> list[View]:
        return [View(ACCESSIBILITY, ACCESSIBILITY_URL, "无障碍说明")]

    def render(self, view: View) -> str:
        return TEMPLATES.get_template("accessibility.html").render(self.ctx.renderer.context(
            view.url, view=view, crumbs=[Crumb("首页", ""), Crumb(view.title, None)],
            aids=AIDS, shortcuts=SHORTCUTS, checklist=CHECKLIST, score=score(),
            standards=(SPEC, GBT)))
