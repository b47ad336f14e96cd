"""Suggest town, topics and type from the vocabularies (docs/_vocab) and the text.

Evidence is counted, never guessed: a title mention weighs three body mentions. Each
suggestion carries a confidence in [0, 1] and the words that support it; low confidence
and unknown places are flagged in the report.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from govnews.config.settings import DOCUMENT_TYPE
from govnews.importer.model import Draft, Suggestion
from govnews.model.documents import ISSUER_FIELD, SUBJECT_FIELD, normal_number
from govnews.model.vocab import Vocabularies, Vocabulary

TITLE_WEIGHT = 3
LOW = 0.5
MAX_TOPICS = 3
_HOME = re.compile(r"(?:我|全|本)(市|区|县|镇|街道)")
# a place-like word right after a boundary (punctuation, start, 在/到/于/和/与/及/、)
_PLACE_LIKE = re.compile(r"(?:^|(?<=[^\u4e00-\u9fff])|(?<=[在到于和与及对自]))"
                         r"(?![全我本该各一二三四五六七八九十个占进优引作对城乡集村小强名首])"
                         r"[\u4e00-\u9fff]{2,3}(?:镇|街道)")
_BOOK = re.compile(r"《[^》]{0,60}》")
_QA = re.compile(r"^(?:问|答)\s*[:：]")
_NOTICE_COLUMN = re.compile(r"通知|公告|公示|通告")
_EXPLAINER = re.compile(r"政策解读|解读|问答|答记者问|一图读懂|热点问答")


class Matcher:
    """Longest-match scanner over names, aliases or keywords → canonical term."""

    def __init__(self, words: dict[str, str]):
        self.words = words
        alts = sorted((w for w in words if w), key=len, reverse=True)
        self.rx = re.compile("|".join(map(re.escape, alts))) if alts else None

    def count(self, text: str) -> Counter:
        found: Counter = Counter()
        if self.rx is not None:
            for m in self.rx.finditer(text):
                found[m.group(0)] += 1
        return found


class Classifier:
    def __init__(self, vocabs: Vocabularies, home: str | None = None, facet_vocabs: dict[str, str] | None = None):
        """facet_vocabs: field → vocabulary of the facets a 政策文件 fills (the project's
        settings; govnews' defaults when not given)."""
        self.vocabs = vocabs
        self.facet_vocabs = facet_vocabs or {ISSUER_FIELD: "issuers", SUBJECT_FIELD: "subjects"}
        self.places = vocabs.places
        place_words = {}
        for term in vocabs.places.terms.values():
            place_words[term.name] = term.name
            for alias in term.aliases:
                place_words[alias] = term.name
        self.place_matcher = Matcher(place_words)
        topic_words = {}
        for term in vocabs.topics.terms.values():
            for word in (term.name, *term.aliases, *term.keywords):
                topic_words.setdefault(word, term.name)
        self.topic_words = topic_words
        self.topic_matcher = Matcher(topic_words)
        self.home = vocabs.places.resolve(home).name if home and vocabs.places.resolve(home) else None

    def _home_for(self, level: str) -> str | None:
        """我市/我区 → the nearest place of that level at or above the home place."""
        if not self.home:
            return None
        for name in [self.home, *self.places.ancestors(self.home)]:
            if name.endswith(level):
                return name
        return None

    def town(self, d: Draft) -> tuple[Suggestion | None, list[str]]:
        # titles of laws and documents (《浙江省…条例》) name no place the article is about
        head = _BOOK.sub("《》", " ".join([d.kicker_text, d.title_text, d.subtitle_text]))
        body = _BOOK.sub("《》", "\n".join(b.text for b in d.body))
        scores: Counter = Counter()
        evidence: dict[str, Counter] = {}
        for text, weight in ((head, TITLE_WEIGHT), (body, 1)):
            for word, n in self.place_matcher.count(text).items():
                name = self.place_matcher.words[word]
                scores[name] += n * weight
                evidence.setdefault(name, Counter())[word] += n * weight
            for m in _HOME.finditer(text):
                name = self._home_for(m.group(1))
                if name:
                    scores[name] += weight
                    evidence.setdefault(name, Counter())[m.group(0)] += weight
        # unknown places: place-like words the vocabulary lacks, mentioned at least twice
        seen = Counter(m.group(0) for m in _PLACE_LIKE.finditer(head + "\n" + body))
        unknown = sorted(w for w, c in seen.items() if c >= 2 and self.places.resolve(w) is None
                         and not any(w.endswith(k) for k in self.place_matcher.words))
        if not scores:
            return None, unknown
        total = sum(scores.values())
        best = max(scores, key=lambda n: (scores[n], self.places.terms[n].depth, n))
        share = scores[best] / total
        confidence = round(share * (1 - math.exp(-scores[best] / 3)), 2)
        words = tuple(f"{w}×{c}" for w, c in evidence[best].most_common(3))
        return Suggestion(best, confidence, words), unknown

    def topics(self, d: Draft) -> list[Suggestion]:
        head = " ".join([d.kicker_text, d.title_text, d.subtitle_text])
        body = "\n".join(b.text for b in d.body)
        scores: Counter = Counter()
        evidence: dict[str, Counter] = {}
        for text, weight in ((head, TITLE_WEIGHT), (body, 1)):
            for word, n in self.topic_matcher.count(text).items():
                name = self.topic_words[word]
                scores[name] += n * weight
                evidence.setdefault(name, Counter())[word] += n * weight
        if not scores:
            return []
        order = sorted(scores, key=lambda n: (-scores[n], list(self.vocabs.topics.terms).index(n)))
        top = scores[order[0]]
        chosen = [n for n in order if scores[n] >= max(2, 0.3 * top)][:MAX_TOPICS] or order[:1]
        return [Suggestion(n, round(1 - math.exp(-scores[n] / 4), 2),
                           tuple(f"{w}×{c}" for w, c in evidence[n].most_common(3))) for n in chosen]

    def kind(self, d: Draft) -> str:
        from govnews.importer.text.split import NOTICE

        if normal_number(d.document.get("number", "")):     # 文号 in a 信息公开 metadata table
            return DOCUMENT_TYPE
        if NOTICE.search(d.title_text) or _NOTICE_COLUMN.search(d.column):
            return "通知公告"
        if _EXPLAINER.search(d.column):
            return "政策解读"
        starts = Counter(m.group(0)[0] for b in d.body if (m := _QA.match(b.text)))
        if (starts["问"] >= 2 and starts["答"] >= 2) or _EXPLAINER.search(d.title_text + d.kicker_text):
            return "政策解读"
        return "新闻"

    def classify(self, d: Draft) -> None:
        d.town, unknown = self.town(d)
        if d.town is None:
            d.warnings.append("未识别出地名（town 未填写）" + (f"；文中出现词表未收录的地名：{'、'.join(unknown[:5])}" if unknown else ""))
        else:
            if d.town.confidence < LOW:
                d.warnings.append(f"地名「{d.town.name}」把握不大（{d.town.confidence:.2f}），请核对")
            if unknown:
                d.warnings.append(f"文中出现词表未收录的地名：{'、'.join(unknown[:5])}")
        d.topics = self.topics(d)
        if not d.topics:
            d.warnings.append("未识别出专题（topic 未填写；可在 docs/_vocab/topics.yml 补充 keywords）")
        elif d.topics[0].confidence < LOW:
            d.warnings.append(f"专题「{d.topics[0].name}」把握不大（{d.topics[0].confidence:.2f}），请核对")
        d.type = self.kind(d)
        if d.type == DOCUMENT_TYPE:
            d.document = self.document_fields(d.document)

    def document_fields(self, raw: dict) -> dict:
        """The metadata table's values as front-matter fields; 发文机关 and 主题分类 only as
        their vocabularies name them (the others are kept to report)."""
        out: dict = {"number": normal_number(raw["number"])}
        out.update({k: raw[k] for k in ("written", "index_no") if raw.get(k)})
        issuers = self.vocabs.get(self.facet_vocabs.get(ISSUER_FIELD, "issuers"))
        names = [n for n in re.split(r"[、，,；;\s]+", raw.get("issuer", "")) if n]
        out["issuer"] = [issuers.resolve(n).name for n in names if issuers.resolve(n)]
        out["unknown_issuer"] = [n for n in names if not issuers.resolve(n)]
        subjects = self.vocabs.get(self.facet_vocabs.get(SUBJECT_FIELD, "subjects"))
        subject = raw.get("subject", "")
        term = subjects.resolve(subject) or subjects.resolve(re.split(r"[/／>＞\\]", subject)[0])
        out["subject"], out["unknown_subject"] = (term.name, "") if term else ("", subject)
        return out


def resolve_home(vocab: Vocabulary, name: str | None) -> str | None:
    term = vocab.resolve(name) if name else None
    return term.name if term else None
