"""Byline roles and the one byline parser, shared by the catalog (front matter `author:`)
and the importer (byline lines of clippings).

"记者 何晓丹、通讯员 屠东君", "■记者 胡佳英  通讯员 屠东君", "融媒体记者 张小明", "徐晶玮 摄":
a role word applies to the names after it; a trailing 摄 credits the names before it.
"""

from __future__ import annotations

import re

# Longest first, so "特约通讯员" is found before "通讯员" when a role is glued to a name.
ROLES = tuple(sorted({
    "记者", "本报记者", "融媒体记者", "融媒记者", "全媒体记者", "首席记者", "特约记者", "见习记者", "实习记者",
    "摄影记者", "通讯员", "特约通讯员", "实习生", "摄影", "摄", "摄像", "撰稿", "编辑", "责任编辑", "责编",
    "校对", "审核", "供稿", "文", "图",
}, key=lambda r: (-len(r), r)))
_ROLE_SET = frozenset(ROLES)
# the role an author page and a byline print for these spellings
_CANONICAL = {"摄": "摄影", "摄影记者": "摄影", "本报记者": "记者", "责编": "责任编辑"}
MARKERS = "□■●◆◇★☆○"
NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$|^[\u4e00-\u9fff]{1,4}·[\u4e00-\u9fff]{1,6}$")
_SEP = re.compile(r"[\s\u3000、，,/|｜;；]+")
_STRIP = MARKERS + "()（）"
_REPORTED = {"报道", "报导", "采写", "撰写", "整理", "摄影报道", "采访报道", "编辑整理"}


def normalize_role(role: str) -> str:
    return _CANONICAL.get(role, role)


def is_role(token: str) -> bool:
    return token in _ROLE_SET


def split_byline(text: str) -> list[tuple[str, str]]:
    """Every (role, name) in a byline, roles as written ('' when none applies).

    Lenient: any token that is not a role is a name. "记者何晓丹" (a role glued to a
    Chinese name) is split; single-character roles (文, 图, 摄) are split only when standalone.
    """
    tokens = [t.strip(_STRIP) for t in _SEP.split(text.strip())]
    tokens = [t for t in tokens if t]
    if len(tokens) > 1 and tokens[-1] == "摄" and not any(is_role(t) for t in tokens[:-1]):
        return [("摄", t) for t in tokens[:-1]]   # "徐晶玮 摄": a photo credit
    if len(tokens) > 1 and tokens[-1] in _REPORTED:
        tokens = tokens[:-1]                      # "记者 张三 报道": the verb, no name
    found: list[tuple[str, str]] = []
    role = ""
    after_role = False
    for token in tokens:
        if is_role(token):
            role = f"{role}/{token}" if after_role else token    # "文/图 张三": one author, both roles
            after_role = True
            continue
        after_role = False
        prefix = next((r for r in ROLES if len(r) > 1 and token.startswith(r) and NAME.match(token[len(r):])), None)
        if prefix:
            role, token = prefix, token[len(prefix):]
        found.append((role, token))
    return found


# common surnames: a name-only byline "(王鹏)" must look like a person's name
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施"
    "文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷"
    "盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷"
    "晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆"
    "乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平"
    "计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公"
    "哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由")
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
                     "夏侯", "令狐", "端木", "西门", "南宫", "独孤", "轩辕", "申屠")
# 2–4 characters in parentheses that are not names: (待续) (完) (试行) (草案) …
_NOT_NAMES = {"待续", "未完", "未完待续", "全文完", "续完", "续", "完", "试行", "暂行", "草案", "修订", "修正", "征求意见稿",
              "讨论稿", "送审稿", "节选", "摘编", "摘录", "摘要", "图片", "视频", "图文", "附件", "原文", "全文", "简称",
              "以下简称", "下同", "上接", "下转", "接上", "转载", "来源", "供图", "资料图", "图为", "详见", "见附件"}


def is_person_name(text: str) -> bool:
    """A Chinese personal name: a common surname and 1–3 more characters (or a · name)."""
    if not NAME.match(text) or text in _NOT_NAMES:
        return False
    if "·" in text:
        return True
    if text.startswith(COMPOUND_SURNAMES):
        return 3 <= len(text) <= 4
    return text[0] in SURNAMES and 2 <= len(text) <= 3


def parse_byline(text: str) -> tuple[str, ...] | None:
    """Strict form for the importer: "role name" strings when the whole text is a byline
    (every name a plausible Chinese name with a role), else None. "(王鹏)" at the end of a
    report — names alone in parentheses — counts when each looks like a personal name."""
    text = text.strip().strip(MARKERS).strip()
    bracketed = text[:1] in "(（" and text[-1:] in ")）"
    if bracketed:
        text = text[1:-1].strip()
    if not text or len(text) > 80:
        return None
    # "文：张三 图：李四", "(通讯员：王五)": a role followed by a colon
    text = re.sub(r"(?:^|(?<=[\s\u3000/、]))(" + "|".join(ROLES) + r")\s*[:：]\s*", r"\1 ", text)
    if bracketed:
        names = [t for t in _SEP.split(text) if t]
        if names and len(names) <= 3 and all(is_person_name(t) for t in names):
            return tuple(names)
    pairs = split_byline(text)
    if not pairs or any(not role or not NAME.match(name) for role, name in pairs):
        return None
    return tuple(f"{normalize_role(role)} {name}" for role, name in pairs)
