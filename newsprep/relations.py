"""Relations between organizations of one article, each with its evidence sentence: part_of (a unit
named after its parent), customer and supplier (cue phrases in resources/relation_patterns.csv),
member (founders of an alliance), and the pairs a partnership sentence joins (A与B签约)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from newsprep.facts import MEDIA, ArticleContext, Relation
from newsprep.resources import read_rows

PAIR_LINK = re.compile(r"^\s*(?:与|和|同|携手|联合)\s*$")


@dataclass(frozen=True)
class RelationPattern:
    pattern_id: str
    relation: str
    direction: str  # before_is_a or after_is_a
    cue: re.Pattern


@cache
def relation_patterns() -> tuple[RelationPattern, ...]:
    return tuple(RelationPattern(r["pattern_id"], r["relation"], r["direction"], re.compile(r["cue"]))
                 for r in read_rows("relation_patterns.csv"))


@cache
def any_relation_cue() -> re.Pattern:
    return re.compile("|".join(f"(?:{p.cue.pattern})" for p in relation_patterns()))


MEMBER_WORDS = re.compile(r"共同发起|发起成立|联合发起|共同组建|成员单位|加入")
ALLIANCE_ANAPHOR = re.compile(r"该联盟|联盟由|联盟成员")
CLAUSE_BREAK = re.compile(r"[，,；;：:]")
MAX_CUE_GAP = 2


def nesting_relations(ctx: ArticleContext) -> None:
    """A unit named after its parent (北京大学人工智能研究院) is part of it."""
    for mention in ctx.mentions:
        if mention.parent is not None:
            parent = ctx.keys.get((mention.parent.start, mention.parent.end)) or mention.parent.org_key
            ctx.relations.append(Relation(ctx.key(mention), parent, "part_of",
                                          ctx.log.add(mention.start, mention.end, "relation:nested_name")))


def pattern_relations(ctx: ArticleContext, sentence, in_sentence) -> None:
    """Customer and supplier relations from cue phrases (relation_patterns.csv): the organizations
    of the clause on one side of the cue, and the nearest organization on the other side."""
    if len(in_sentence) < 2 or not any_relation_cue().search(sentence.text):
        return
    actors = [m for m in in_sentence if ctx.org(m).type != MEDIA]
    if len(actors) < 2:
        return
    for pattern in relation_patterns():
        for cue in pattern.cue.finditer(sentence.text):
            start, end = sentence.start + cue.start(), sentence.start + cue.end()
            clause_start = max((sentence.start + m.end() for m in CLAUSE_BREAK.finditer(sentence.text)
                                if sentence.start + m.end() <= start), default=sentence.start)
            before = [m for m in actors if clause_start <= m.start and m.end <= start]
            after = [m for m in actors if m.start >= end]
            if not before or not after:
                continue
            # the other side must stand at the cue: 运用|深势科技的方案, 深势科技|的客户包括
            if pattern.direction == "before_is_a":
                sides, other = before, after[0]
                if other.start - end > MAX_CUE_GAP:
                    continue
            else:
                sides, other = after, before[-1]
                if start - other.end > MAX_CUE_GAP:
                    continue
            evidence_id = ctx.log.add(sentence.start, sentence.end, f"relation:{pattern.pattern_id}")
            for mention in sides:
                a, b = ctx.key(mention), ctx.key(other)
                if a != b:
                    ctx.relations.append(Relation(a, b, pattern.relation, evidence_id))


def member_relations(ctx: ArticleContext, sentence, in_sentence) -> None:
    """Founding members of an alliance: 该联盟由A、B、C等共同发起. The alliance is named in the
    sentence or, for 该联盟, is the alliance named last before it."""
    if not MEMBER_WORDS.search(sentence.text):
        return
    keys = [ctx.key(m) for m in in_sentence]
    alliance = next((k for k in keys if ctx.orgs[k].type == "alliance"), None)
    if alliance is None and ALLIANCE_ANAPHOR.search(sentence.text):
        alliance = ctx.last_before(sentence.start, ("alliance",))
    if alliance is None:
        return
    evidence_id = ctx.log.add(sentence.start, sentence.end, "relation:alliance_member")
    for key in dict.fromkeys(keys):
        if key != alliance and ctx.orgs[key].type != MEDIA:
            ctx.relations.append(Relation(key, alliance, "member", evidence_id))


def linked_pairs(ctx: ArticleContext, in_sentence) -> list[tuple[str, str]]:
    """Pairs joined by 与/和/携手 (A与B签约): the partners, not everyone in the sentence."""
    pairs = []
    for left, right in zip(in_sentence, in_sentence[1:]):
        if PAIR_LINK.match(ctx.text[left.end:right.start]):
            a, b = ctx.key(left), ctx.key(right)
            if a != b:
                pairs.append((a, b))
    return pairs
