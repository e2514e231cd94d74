"""Everything extracted from one cleaned article, each fact tied to its sentence and rule."""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import asdict, dataclass, field

from newsprep import money, places
from newsprep.dates import PartialDate, find_dates
from newsprep.events import PAIR_LINK, classify_sentence
from newsprep.nlp import Token, tokenize
from newsprep.orgs import OrgMention, find_org_mentions
from newsprep.people import find_people
from newsprep.sentences import Sentence, split_sentences

MEMBER_WORDS = re.compile(r"共同发起|发起成立|联合发起|共同组建|成员单位|加入")
MEDIA = "media"


@dataclass
class Evidence:
    evidence_id: str
    sentence_index: int
    start: int
    end: int
    sentence: str
    rule_id: str


@dataclass
class Org:
    key: str  # gazetteer org_id, or new_<hash> for organizations found by name rules
    name: str
    type: str
    city: str | None
    province: str | None
    english: str | None
    known: bool
    mentions: list[dict] = field(default_factory=list)  # surface, start, end, sentence_index, rule_id, evidence_id


@dataclass
class Event:
    event_id: str
    type: str
    date: PartialDate
    city: str | None
    province: str | None
    place_source: str | None  # "sentence" (the text names the place) or "participant" (an org's base)
    participants: list[tuple[str, str]]  # (org key, role)
    evidence_id: str
    trigger_id: str


@dataclass
class Funding:
    funding_id: str
    recipient: str | None  # org key
    amount_text: str | None
    currency: str | None
    amount_min: float | None  # original currency
    amount_max: float | None
    amount_cny_min: float | None
    amount_cny_max: float | None
    qualifier: str | None
    round: str | None
    date: PartialDate
    investors: list[tuple[str, bool]]  # (org key, is_lead)
    evidence_id: str


@dataclass
class Relation:
    a: str
    b: str
    type: str
    evidence_id: str


@dataclass
class Person:
    name: str
    role: str
    org: str | None
    evidence_id: str


@dataclass
class ArticleFacts:
    orgs: dict[str, Org]
    people: list[Person]
    events: list[Event]
    funding: list[Funding]
    relations: list[Relation]
    evidence: list[Evidence]
    provinces: list[str]
    sentences: list[Sentence]

    def to_dict(self) -> dict:
        return asdict(self)


class _EvidenceLog:
    def __init__(self, article_id: str, sentences: list[Sentence]):
        self.article_id = article_id
        self.sentences = sentences
        self.rows: list[Evidence] = []
        self._index: dict[tuple, str] = {}
        self._starts = [s.start for s in sentences]

    def sentence_of(self, offset: int) -> Sentence:
        index = bisect.bisect_right(self._starts, offset) - 1
        return self.sentences[max(index, 0)]

    def add(self, start: int, end: int, rule_id: str) -> str:
        sentence = self.sentence_of(start)
        key = (start, end, rule_id)
        if key not in self._index:
            evidence_id = f"{self.article_id}:{len(self.rows)}"
            self.rows.append(Evidence(evidence_id, sentence.index, start, end, sentence.text, rule_id))
            self._index[key] = evidence_id
        return self._index[key]


def extract(article_id: str, text: str, published: PartialDate) -> ArticleFacts:
    sentences = split_sentences(text)
    if not sentences:
        return ArticleFacts({}, [], [], [], [], [], [], [])
    log = _EvidenceLog(article_id, sentences)
    tokens = tokenize(text)
    mentions = find_org_mentions(text, tokens)
    orgs, key_of = _merge_orgs(mentions, log)

    people = [
        Person(p.name, p.role, key_of.get(id(p.org)) if p.org else None, log.add(p.start, p.end, p.rule_id))
        for p in find_people(text, tokens, mentions)
    ]
    relations = _nesting_relations(mentions, key_of, log)
    events, funding = [], []
    mention_starts = [m.start for m in mentions]
    token_starts = [t.start for t in tokens]
    for sentence in sentences:
        in_sentence = _slice(mentions, mention_starts, sentence)
        sentence_tokens = _slice(tokens, token_starts, sentence)
        _sentence_facts(article_id, text, sentence, in_sentence, key_of, orgs, sentence_tokens, published, log,
                        events, funding, relations, mentions)
    events, funding = _merge_repeats(events, funding)
    _locate_unplaced_orgs(orgs, events)
    provinces = _article_provinces(orgs, events)
    return ArticleFacts(orgs, people, events, funding, relations, log.rows, provinces, sentences)


def _slice(items: list, starts: list[int], sentence: Sentence) -> list:
    """Items (sorted by start) that start inside the sentence."""
    return items[bisect.bisect_left(starts, sentence.start):bisect.bisect_left(starts, sentence.end)]


def _merge_orgs(mentions: list[OrgMention], log: _EvidenceLog) -> tuple[dict[str, Org], dict[int, str]]:
    """One Org per organization. A name found by rules that ends another organization's name in the
    same article (深圳研究生院 in 北京大学深圳研究生院) is a short form of it."""
    orgs: dict[str, Org] = {}
    key_of: dict[int, str] = {}  # id(mention) → org key
    longer_names = sorted({m.name for m in mentions}, key=len, reverse=True)
    for mention in mentions:
        key = mention.org_key
        if mention.known is None:
            host = next((n for n in longer_names if n != mention.name and n.endswith(mention.name)), None)
            if host is not None:
                key = next(m.org_key for m in mentions if m.name == host)
        if key not in orgs:
            orgs[key] = Org(key, mention.name, mention.type, mention.city, mention.province,
                            mention.known.english if mention.known else None, mention.known is not None)
        key_of[id(mention)] = key
        evidence_id = log.add(mention.start, mention.end, mention.rule_id)
        orgs[key].mentions.append({
            "surface": mention.surface, "start": mention.start, "end": mention.end,
            "sentence_index": log.sentence_of(mention.start).index, "rule_id": mention.rule_id,
            "evidence_id": evidence_id,
        })
    return orgs, key_of


def _nesting_relations(mentions, key_of, log) -> list[Relation]:
    relations = []
    for mention in mentions:
        if mention.parent is not None:
            relations.append(Relation(key_of[id(mention)], key_of.get(id(mention.parent)) or mention.parent.org_key,
                                      "part_of", log.add(mention.start, mention.end, "relation:nested_name")))
    return relations


def _sentence_facts(article_id, text, sentence, in_sentence, key_of, orgs, tokens, published, log,
                    events, funding, relations, mention_list):
    keys = list(dict.fromkeys(key_of[id(m)] for m in in_sentence))
    actors = [k for k in keys if orgs[k].type != MEDIA]
    trigger = classify_sentence(sentence.text)
    if trigger is None or not actors:
        return
    date_mentions = [d for d in find_dates(sentence.text, published) if not d.is_plan]
    date = next((d.date for d in date_mentions if d.date.year or d.date.month), PartialDate())
    city, province, place_source = _event_place(text, sentence, tokens, actors, orgs)
    evidence_id = log.add(sentence.start, sentence.end, f"event:{trigger.trigger_id}")
    event_id = f"{article_id}:e{len(events)}"
    roles = {k: "participant" for k in actors}

    if trigger.event_type == "funding":
        round_info = money.funding_amount_in(sentence.text)
        if round_info is not None:
            amount, round_name = round_info
            spans = {}
            for m in (m for m in mention_list if m.start >= sentence.start):
                spans.setdefault(key_of[id(m)], []).append((m.start, m.end))
            investor_keys = _investors(sentence, log, orgs, spans, text)
            recipient = next((k for k in actors if k not in dict(investor_keys) and orgs[k].type != "investor"), None)
            year = date.year or published.year
            funding.append(Funding(
                f"{article_id}:f{len(funding)}", recipient,
                amount.text if amount else None, amount.currency if amount else None,
                amount.value_min if amount else None, amount.value_max if amount else None,
                money.to_cny(amount.value_min, amount.currency, year) if amount else None,
                money.to_cny(amount.value_max, amount.currency, year) if amount else None,
                amount.qualifier if amount else None, round_name, date, investor_keys, evidence_id,
            ))
            if recipient:
                roles[recipient] = "recipient"
                for key, is_lead in investor_keys:
                    roles[key] = "lead_investor" if is_lead else "investor"
                    relations.append(Relation(key, recipient, "investment", evidence_id))
    elif trigger.event_type == "partnership":
        for a, b in _linked_pairs(text, in_sentence, key_of) or itertools.combinations(actors[:4], 2):
            relations.append(Relation(a, b, "partnership", evidence_id))
    if trigger.event_type == "establishment" and MEMBER_WORDS.search(sentence.text):
        alliance = next((k for k in keys if orgs[k].type == "alliance"), None)
        if alliance:
            for key in actors:
                if key != alliance:
                    roles[key] = "founding_member"
                    relations.append(Relation(key, alliance, "member", evidence_id))
    events.append(Event(event_id, trigger.event_type, date, city, province, place_source,
                        list(roles.items()), evidence_id, trigger.trigger_id))
    for a, b in itertools.combinations(sorted(set(actors)), 2):
        relations.append(Relation(a, b, "co_mention", evidence_id))


def _investors(sentence, log, orgs, mentions_by_key, text) -> list[tuple[str, bool]]:
    """Investors listed in this sentence or the next two (此轮融资投资人包括 A，B，C等): every
    organization mentioned inside the list, and Latin names there that no rule knew."""
    result: dict[str, bool] = {}
    for s in (x for x in log.sentences if sentence.index <= x.index <= sentence.index + 2):
        for start, end, is_lead in money.investor_spans(s.text):
            start, end = s.start + start, s.start + end
            covered = []
            for key, spans in mentions_by_key.items():
                for a, b in spans:
                    if start <= a and b <= end:
                        result.setdefault(key, is_lead)
                        covered.append((a, b))
            for offset, name in money.latin_names(text[start:end]):
                at = start + offset
                if not any(a <= at < b for a, b in covered):
                    result.setdefault(_add_listed_org(name, at, orgs, s, log), is_lead)
    return list(result.items())


def _add_listed_org(name, start, orgs, sentence, log) -> str:
    """A Latin name in an investor list (Evergreen Scitech Delta) is an investor the gazetteer lacks."""
    from newsprep.orgs import unknown_org_id

    key = unknown_org_id(name)
    org = orgs.setdefault(key, Org(key, name, "investor", None, None, name, False))
    evidence_id = log.add(start, start + len(name), "name_rule:investor_list")
    if not any(m["start"] == start for m in org.mentions):
        org.mentions.append({"surface": name, "start": start, "end": start + len(name),
                             "sentence_index": sentence.index, "rule_id": "name_rule:investor_list",
                             "evidence_id": evidence_id})
    return key


def _linked_pairs(text, in_sentence, key_of) -> list[tuple[str, str]]:
    """Pairs joined by 与/和/携手 (A与B签约): the partners, not everyone in the sentence."""
    pairs = []
    for left, right in zip(in_sentence, in_sentence[1:]):
        if PAIR_LINK.match(text[left.end:right.start]):
            a, b = key_of[id(left)], key_of[id(right)]
            if a != b:
                pairs.append((a, b))
    return pairs


def _event_place(text, sentence, in_sentence, actors, orgs):
    org_spans = [(m["start"], m["end"]) for o in orgs.values() for m in o.mentions
                 if sentence.start <= m["start"] < sentence.end]
    named = [p for s, e, p in places.places_in(sentence.text, in_sentence, offset=sentence.start)
             if not any(a <= s < b for a, b in org_spans)]
    if named:
        place = named[0]
        return place.city, place.province, "sentence"
    for key in actors:
        org = orgs[key]
        if org.province:
            return org.city, org.province, "participant"
    return None, None, None


PRECISION_RANK = {"day": 4, "month": 3, "year": 2, "year_unknown": 1, "unknown": 0}


def _merge_repeats(events: list[Event], funding: list[Funding]) -> tuple[list[Event], list[Funding]]:
    """A story repeats itself (headline, lead, quotes): one event per type and set of participants,
    one round per recipient and amount; the kept one is the one with the most precise date."""
    best: dict[tuple, Event] = {}
    for event in events:
        key = (event.type, frozenset(k for k, _ in event.participants))
        if key not in best or PRECISION_RANK[event.date.precision] > PRECISION_RANK[best[key].date.precision]:
            best[key] = event
    kept_events = [e for e in events if best.get((e.type, frozenset(k for k, _ in e.participants))) is e]
    rounds: dict[tuple, Funding] = {}
    for fund in funding:
        key = (fund.recipient, fund.amount_cny_min, fund.amount_cny_max, fund.round)
        if key in rounds:
            known = dict(rounds[key].investors)
            rounds[key].investors += [(k, lead) for k, lead in fund.investors if k not in known]
        else:
            rounds[key] = fund
    return kept_events, list(rounds.values())


def _locate_unplaced_orgs(orgs: dict[str, Org], events: list[Event]) -> None:
    """An organization the rules found without a place takes the place its events happen in,
    when that place was named in the text."""
    for event in events:
        if event.place_source != "sentence":
            continue
        for key, _ in event.participants:
            org = orgs[key]
            if not org.known and org.province is None and org.type in ("lab", "research_institute", "government"):
                org.city, org.province = event.city, event.province


def _article_provinces(orgs: dict[str, Org], events: list[Event]) -> list[str]:
    """Where the story happens: event places and the bases of organizations that take part in
    events or are mentioned more than once (passing mentions do not place a story)."""
    provinces = [e.province for e in events if e.province]
    in_events = {k for e in events for k, _ in e.participants}
    for key, org in orgs.items():
        if org.province and org.type != MEDIA and (key in in_events or len(org.mentions) > 1):
            provinces.append(org.province)
    return list(dict.fromkeys(provinces))
