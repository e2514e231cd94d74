"""People named next to a title or role: 之江实验室主任、党委书记朱世强; 鄂维南院士; 靳国卫副市长;
(记者 凌纪伟); 自治区主席艾尔肯·吐尼亚孜; 创始人Gregory Verdine.

A name is read from the characters beside a role word (resources/person_roles.csv), not from the
segmenter's tokens, which often split or glue rare given names (包信|和, 朱天舒 → 朱天). A Chinese
name is a family name (resources/surnames.txt) and one or two more characters; it takes three
characters when a boundary follows the third (punctuation, a verb of speech or attendance, 等),
else two. Names joined by · and Latin names are read whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from newsprep.nlp import Token, word_tags
from newsprep.orgs import OrgMention
from newsprep.resources import read_rows, read_words

NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
CJK = re.compile(r"[\u4e00-\u9fff]")
# between a role and a name: spaces, a colon, a bar, or a bracketed qualifier (副校长（研究及发展）叶玉如)
SEPARATOR = re.compile(r"[\s:：|｜]*(?:[(（][^()（）]{1,12}[)）])?[\s:：|｜]*")
JOINED_NAME = re.compile(r"[\u4e00-\u9fff]{1,6}[·•・．.][\u4e00-\u9fff]{1,8}(?:[·•・][\u4e00-\u9fff]{1,8})?")
LATIN_PERSON = re.compile(r"[A-Z][a-z]+(?:[ \-][A-Z][a-z]+){1,2}(?![A-Za-z])")
# What may follow a name: punctuation, or a word that starts the rest of the sentence.
AFTER_NAME = re.compile(r"$|[\W\d_]|(?:表示|说|指出|介绍|认为|强调|致辞|主持|出席|参加|会见|会晤|带领|率队|率|等|一行|在|为|是|的|则|也|和|与|及|同|对|向|从|通过|提出|透露|谈到|坦言|告诉|回顾|看来|团队|教授|院士|博士)")
NAME_LIST_SEPARATORS = "、 /／"
MAX_LISTED_NAMES = 8
PUNCTUATION_AFTER = re.compile(r"$|[\W\d_]")
SPEECH_AFTER = re.compile(r"表示|说|指出|介绍|认为|强调|致辞|主持|出席|参加|会见|会晤|透露|谈到|坦言|告诉|回顾")
# What may stand before a name that a title follows (鄂维南院士): a boundary.
BEFORE_NAME = re.compile(r"(?:^|[\W\d_]|和|与|及|由|是|为|、|据|记者)$")
NOT_A_GIVEN_NAME = frozenset("的 了 是 在 等 也 都 就 还 又 并 而 则 其 该 此 这 那 每 各 某 年 月 日 号 时 说 称 摄".split())
CONJUNCTIONS = "和与及同"


@dataclass(frozen=True)
class PersonMention:
    name: str
    role: str
    org: OrgMention | None
    start: int
    end: int
    rule_id: str


@cache
def _roles() -> tuple[list[tuple[str, str]], list[tuple[str, str]], re.Pattern]:
    rows = read_rows("person_roles.csv")
    before = sorted(((r["role"], r["role_id"]) for r in rows if r["position"] in ("before", "both")), key=lambda x: -len(x[0]))
    after = sorted(((r["role"], r["role_id"]) for r in rows if r["position"] in ("after", "both")), key=lambda x: -len(x[0]))
    any_role = re.compile("|".join(re.escape(r) for r, _ in sorted(before + after, key=lambda x: -len(x[0]))))
    return before, after, any_role


@cache
def person_role_pattern() -> re.Pattern:
    """Any role word (longest first), to match where a name or an affiliation ends."""
    return _roles()[2]


@cache
def _surnames() -> tuple[frozenset[str], frozenset[str]]:
    words = read_words("surnames.txt")
    return frozenset(w for w in words if len(w) == 1), frozenset(w for w in words if len(w) == 2)


def _looks_like_name(word: str) -> bool:
    if not NAME.match(word):
        return False
    single, double = _surnames()
    if not (word[0] in single or word[:2] in double):
        return False
    if word[:2] in double and len(word) == 2:
        return False
    if len(word) == 4 and word[:2] not in double:
        return False  # four characters are a compound family name and a given name, or no name
    head_tag = word_tags().get(word[:2])
    if len(word) > 2 and head_tag is not None and not head_tag.startswith("nr") and word[:2] not in double \
            and not (word_tags().get(word) or "").startswith("nr"):
        return False  # 关于发, 展示著: a word of the language, not a family name and a given name
    if any(ch in NOT_A_GIVEN_NAME for ch in word[1:]):
        return False
    tag = word_tags().get(word)
    if word[0] in CONJUNCTIONS and not (tag or "").startswith("nr"):
        return False  # 科学家和更多…: a conjunction, not the rare family name 和
    # jieba's dictionary knows famous names (tag nr*); any other dictionary word is vocabulary
    return tag is None or tag.startswith("nr")


def find_people(text: str, tokens: list[Token], orgs: list[OrgMention]) -> list[PersonMention]:
    """People whose name stands right after a role word, or right before a title like 院士."""
    before_roles, after_roles, any_role = _roles()
    before = dict(before_roles)
    after = dict(after_roles)
    found: dict[str, PersonMention] = {}
    for match in any_role.finditer(text):
        role = match.group()
        if role in before:
            span = _name_after(text, SEPARATOR.match(text, match.end()).end())
            if span is not None:
                found.setdefault(text[span[0]:span[1]], _person(text, span, role, before[role], "before", orgs))
                # 校领导杨振斌、蔡莉、张向东; 记者 刘坤 姜胜来: one role before a list of names
                for _ in range(MAX_LISTED_NAMES):
                    if span[1] >= len(text) or text[span[1]] not in NAME_LIST_SEPARATORS:
                        break
                    span = _name_after(text, span[1] + 1)
                    if span is None:
                        break
                    found.setdefault(text[span[0]:span[1]], _person(text, span, role, before[role], "before", orgs))
                continue
        if role in after:
            span = _name_before(text, match.start())
            if span is not None:
                found.setdefault(text[span[0]:span[1]], _person(text, span, role, after[role], "after", orgs))
    return sorted(found.values(), key=lambda p: p.start)


def _boundary_after(text: str, end: int) -> bool:
    """A name may end here: a boundary follows, or a verb, preposition or adverb (接受采访, 在…)."""
    if AFTER_NAME.match(text, end):
        return True
    return any((word_tags().get(text[end:end + n]) or "x").startswith(("v", "p", "d", "c", "t", "r", "a"))
               for n in (2, 1) if len(text[end:end + n]) == n and CJK.match(text[end]))


def _word_after(text: str, end: int) -> bool:
    """A name of two ends here when what follows is a whole word that starts the rest: a verb of
    speech (张锦表示), a title (汪玉教授), or a two-character verb (高文荣获)."""
    if SPEECH_AFTER.match(text, end) or _roles()[2].match(text, end):
        return True
    if text[end:end + 1] in CONJUNCTIONS and _roles()[2].match(text, end + 1):
        return True  # 王强和副校长…: 和 joins two people here
    return (word_tags().get(text[end:end + 2]) or "x").startswith("v")


def _name_after(text: str, start: int) -> tuple[int, int] | None:
    """The name that starts at `start` (right after a role word), or None."""
    joined = JOINED_NAME.match(text, start)
    if joined:  # 艾尔肯·吐尼亚孜出席: the second part ends where punctuation, else a boundary, follows
        dot = joined.start() + max(joined.group().rfind(c) for c in "·•・．.")
        ends = range(dot + 3, joined.end() + 1)
        end = next((e for e in ends if SPEECH_AFTER.match(text, e)), None) \
            or next((e for e in reversed(ends) if PUNCTUATION_AFTER.match(text, e)), None) \
            or next((e for e in ends if _boundary_after(text, e)), None)
        if end is not None:
            return start, end
    latin = LATIN_PERSON.match(text, start)
    if latin and AFTER_NAME.match(text, latin.end()):
        return latin.span()
    _, double = _surnames()
    surname = 2 if text[start:start + 2] in double else 1
    long_end, short_end = start + surname + 2, start + surname + 1
    # most telling first: 包信和、 (punctuation after three), 张锦表示 (a verb of speech after two),
    # then any boundary after three (梁文锋接受), then after two
    checks = ((long_end, PUNCTUATION_AFTER), (short_end, "word"), (long_end, None), (short_end, None))
    for end, pattern in checks:
        if end > len(text) or not _looks_like_name(text[start:end]):
            continue
        if pattern == "word":
            matched = _word_after(text, end)
        else:
            matched = pattern.match(text, end) if pattern else _boundary_after(text, end)
        if matched:
            return start, end
    # two characters followed by more text that is no boundary: only a name jieba knows is taken
    end = start + surname + 1
    if _looks_like_name(text[start:end]) and (word_tags().get(text[start:end]) or "").startswith("nr"):
        return start, end
    return None


LATIN_PERSON_BEFORE = re.compile(r"(?<![A-Za-z])[A-Z][a-z]+(?:[ \-][A-Z][a-z]+){1,3}$")


def _name_before(text: str, end: int) -> tuple[int, int] | None:
    """The name that ends at `end` (right before a title like 院士), or None."""
    latin = LATIN_PERSON_BEFORE.search(text, max(0, end - 40), end)
    if latin:  # 卡内基梅隆大学Martin Kenney教授
        return latin.span()
    for length in (3, 2, 4):
        start = end - length
        if start >= 0 and _looks_like_name(text[start:end]) and BEFORE_NAME.search(text[max(0, start - 2):start]):
            return start, end
    return None


def _person(text, span, role, role_id, position, orgs) -> PersonMention:
    start, end = span
    org = None
    role_text = role
    sentence_start = max(text.rfind(ch, 0, start) for ch in "。！？\n") + 1
    if position == "before":
        # The affiliation is the organization named last before the role chain in the sentence;
        # the role is what stands between that organization and the name (主任、党委书记).
        before = [o for o in orgs if sentence_start <= o.start and o.end <= start]
        if before:
            org = before[-1]
            between = text[org.end:start].strip("，,、 :：")
            if 0 < len(between) <= 30 and not re.search(r"[，,。]", between):
                role_text = between
    else:
        # 大连理工大学校长郭东明 is "before"; 郭东明校长 names no organization, unless one stands
        # right before the name (之江实验室朱世强主任)
        before = [o for o in orgs if sentence_start <= o.start and o.end <= start and start - o.end <= 1]
        org = before[-1] if before else None
    return PersonMention(text[start:end], role_text, org, start, end, f"person:{role_id}")
