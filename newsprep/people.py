"""People named next to a title or role: 之江实验室主任、党委书记朱世强; 鄂维南院士."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from newsprep.nlp import Token, word_tags
from newsprep.orgs import OrgMention
from newsprep.resources import read_rows, read_words

NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


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
    before = sorted(((r["role"], r["role_id"]) for r in rows if r["position"] == "before"), key=lambda x: -len(x[0]))
    after = sorted(((r["role"], r["role_id"]) for r in rows if r["position"] == "after"), key=lambda x: -len(x[0]))
    any_role = re.compile("|".join(re.escape(r) for r, _ in sorted(before + after, key=lambda x: -len(x[0]))))
    return before, after, any_role


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
    tag = word_tags().get(word)
    # jieba's dictionary knows famous names (tag nr*); any other dictionary word is vocabulary
    return tag is None or tag.startswith("nr")


def find_people(text: str, tokens: list[Token], orgs: list[OrgMention]) -> list[PersonMention]:
    """People whose name stands right after a role word, or right before a title like 院士."""
    before_roles, after_roles, any_role = _roles()
    # Only tokens touching a role word can be names: find the role words first (one regex pass).
    edges = set()
    for match in any_role.finditer(text):
        edges.add(match.start())
        edges.add(match.end())
    found: dict[str, PersonMention] = {}
    for i, token in enumerate(tokens):
        if token.start not in edges and not (i + 2 < len(tokens) and (tokens[i + 1].end in edges or tokens[i + 2].end in edges)) \
                and token.end not in edges:
            continue
        name = _name_at(tokens, i)
        if name is None:
            continue
        role = next(((r, rid) for r, rid in before_roles if text.endswith(r, 0, name.start)), None)
        if role is not None:
            found.setdefault(name.text, _person(text, name, role[0], role[1], "before", orgs))
            continue
        title = next(((r, rid) for r, rid in after_roles if text.startswith(r, name.end)), None)
        prev = tokens[i - 1].text if i > 0 else "，"
        if title and (re.match(r"^[\W\d]", prev) or prev in ("和", "与", "及", "由", "是")):
            found.setdefault(name.text, _person(text, name, title[0], title[1], "after", orgs))
    return sorted(found.values(), key=lambda p: p.start)


def _name_at(tokens: list[Token], i: int) -> Token | None:
    """The name starting at token i; jieba sometimes splits a rare name (鄂 | 维南), so a lone
    surname joins the next short token."""
    token = tokens[i]
    if _looks_like_name(token.text):
        return token
    single, _ = _surnames()
    if token.text in single and i + 1 < len(tokens) and 1 <= len(tokens[i + 1].text) <= 2:
        joined = Token(token.text + tokens[i + 1].text, token.start, tokens[i + 1].end)
        if NAME.match(joined.text) and word_tags().get(joined.text) is None:
            return joined
    return None


def _person(text, token, role, role_id, position, orgs) -> PersonMention:
    org = None
    role_text = role
    if position == "before":
        # The affiliation is the organization named last before the role chain in the sentence;
        # the role is what stands between that organization and the name (主任、党委书记).
        sentence_start = max(text.rfind(ch, 0, token.start) for ch in "。！？\n") + 1
        before = [o for o in orgs if sentence_start <= o.start and o.end <= token.start]
        if before:
            org = before[-1]
            between = text[org.end:token.start].strip("，,、 ")
            if 0 < len(between) <= 30 and not re.search(r"[，,。]", between):
                role_text = between
    return PersonMention(token.text, role_text, org, token.start, token.end, f"person:{role_id}")
