"""Everything extracted from one cleaned article, each fact tied to its sentence and rule.

The orchestration of one article: organization mentions (orgs.py) become one Org each, then every
sentence is read for relations (relations.py), funding rounds (funding.py), events (events.py) and
people (people.py), all adding to one ArticleContext (facts.py). Last, organizations found without
a place take the place of their events or the story, and the story's provinces are collected.
"""

from __future__ import annotations

import bisect

from newsprep import places
from newsprep.dates import PartialDate
from newsprep.events import NOT_PLACING_TYPES, event_facts, merge_repeated_events, national_body
from newsprep.facts import MEDIA, ArticleContext, ArticleFacts, Event, EvidenceLog, Org, Person
from newsprep.funding import funding_facts, merge_repeated_rounds
from newsprep.nlp import tokenize
from newsprep.orgs import OrgMention, find_org_mentions, with_outlet
from newsprep.people import find_people
from newsprep.relations import member_relations, nesting_relations, pattern_relations
from newsprep.sentences import split_sentences


def extract(article_id: str, text: str, published: PartialDate, outlet: str | None = None) -> ArticleFacts:
    """Facts of one cleaned article; `outlet` is the media outlet its page furniture names."""
    sentences = split_sentences(text)
    if not sentences:
        return ArticleFacts({}, [], [], [], [], [], [], [])
    log = EvidenceLog(article_id, sentences)
    tokens = tokenize(text)
    mentions = with_outlet(find_org_mentions(text, tokens), text, outlet)
    orgs, keys = _merge_orgs(mentions, log)
    ctx = ArticleContext(article_id, text, published, log, tokens, mentions, orgs, keys)

    found_people = find_people(text, tokens, mentions)
    people = [Person(p.name, p.role, ctx.key(p.org) if p.org else None, log.add(p.start, p.end, p.rule_id))
              for p in found_people]
    ctx.people_spans = [(p.start, p.end) for p in found_people]  # 金昌晓 is a person, not 金昌 city
    nesting_relations(ctx)
    token_starts = [t.start for t in tokens]
    for sentence in sentences:
        in_sentence = ctx.mentions_between(sentence.start, sentence.end)
        sentence_tokens = tokens[bisect.bisect_left(token_starts, sentence.start):bisect.bisect_left(token_starts, sentence.end)]
        pattern_relations(ctx, sentence, in_sentence)
        member_relations(ctx, sentence, in_sentence)
        rounds_told = funding_facts(ctx, sentence) > 0
        event_facts(ctx, sentence, in_sentence, sentence_tokens, rounds_told)
    events = merge_repeated_events(ctx.events)
    funding = merge_repeated_rounds(ctx.funding)
    _locate_unplaced_orgs(orgs, events)
    provinces = _article_provinces(orgs, events)
    return ArticleFacts(orgs, people, events, funding, ctx.relations, log.rows, provinces, sentences)


def _merge_orgs(mentions: list[OrgMention], log: EvidenceLog) -> tuple[dict[str, Org], dict[tuple[int, int], str]]:
    """One Org per organization. A name found by rules that ends another organization's name in the
    same article (深圳研究生院 in 北京大学深圳研究生院) is a short form of it."""
    orgs: dict[str, Org] = {}
    keys: dict[tuple[int, int], str] = {}  # (start, end) of a mention → org key
    longer_names = sorted({m.name for m in mentions}, key=len, reverse=True)
    for mention in mentions:
        key = mention.org_key
        if mention.known is None:
            host = next((n for n in longer_names if n != mention.name and n.endswith(mention.name)), None)
            if host is not None:
                key = next(m.org_key for m in mentions if m.name == host)
        if key not in orgs:
            source = None
            if mention.province:
                source = "gazetteer" if mention.known else ("parent" if mention.parent and not places.place_prefix(mention.name) else "name")
            orgs[key] = Org(key, mention.name, mention.type, mention.city, mention.province,
                            mention.known.english if mention.known else None, mention.known is not None,
                            place_source=source)
        keys[(mention.start, mention.end)] = key
        evidence_id = log.add(mention.start, mention.end, mention.rule_id)
        orgs[key].mentions.append({
            "surface": mention.surface, "start": mention.start, "end": mention.end,
            "sentence_index": log.sentence_of(mention.start).index, "rule_id": mention.rule_id,
            "evidence_id": evidence_id,
        })
    return orgs, keys


LOCAL_TYPES = ("lab", "research_institute", "government", "other")
# "clearly dominates": at least this share of the placed mentions, and this many times the next province
DOMINANT_SHARE = 0.4
DOMINANT_LEAD = 1.5


def _locate_unplaced_orgs(orgs: dict[str, Org], events: list[Event]) -> None:
    """A local body the rules found without a place (a lab, an institute, an office) takes the
    place of the events it takes part in, when the text names that place; failing that, the
    province that clearly dominates the article. The organization records which it was."""
    for event in events:
        if event.place_source != "sentence":
            continue
        for key, _ in event.participants:
            org = orgs[key]
            if not org.known and org.province is None and org.type in LOCAL_TYPES:
                org.city, org.province, org.place_source = event.city, event.province, "event"
    placed = [o.province for o in orgs.values() if o.province and o.type != MEDIA for _ in o.mentions]
    if not placed:
        return
    ranked = sorted(((placed.count(p), p) for p in set(placed)), reverse=True)
    count, province = ranked[0]
    runner_up = ranked[1][0] if len(ranked) > 1 else 0
    if count / len(placed) < DOMINANT_SHARE or count < DOMINANT_LEAD * runner_up:
        return
    for org in orgs.values():
        if not org.known and org.province is None and org.type in LOCAL_TYPES:
            org.province, org.place_source = province, "article"


def _article_provinces(orgs: dict[str, Org], events: list[Event]) -> list[str]:
    """Where the story happens: event places and the bases of organizations that take part in
    events or are mentioned more than once (passing mentions do not place a story)."""
    provinces = [e.province for e in events if e.province]
    actors = {k for e in events for k, role in e.participants if role not in INVESTOR_ROLES}
    for key, org in orgs.items():
        if not org.province or org.type in NOT_PLACING_TYPES or national_body(org):
            continue  # an investor's or outlet's seat, or a ministry in Beijing, does not place a story
        if key in actors or len(org.mentions) > 1:
            provinces.append(org.province)
    return list(dict.fromkeys(provinces))


INVESTOR_ROLES = frozenset({"investor", "lead_investor"})
