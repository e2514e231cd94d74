"""Everything extracted from one cleaned article, each fact tied to its sentence and rule."""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import asdict, dataclass, field

from newsprep import funding as funding_rules
from newsprep import money, places
from newsprep.dates import PartialDate, anchored, find_dates
from newsprep.events import PAIR_LINK, any_relation_cue, relation_patterns, triggers_by_type
from newsprep.nlp import tokenize
from newsprep.orgs import OrgMention, find_org_mentions, with_outlet
from newsprep.people import find_people
from newsprep.facts import (ArticleFacts, Event, EvidenceLog, Funding, MEDIA, Org, Person,
                            Relation)
from newsprep.sentences import Sentence, split_sentences

MEMBER_WORDS = re.compile(r"共同发起|发起成立|联合发起|共同组建|成员单位|加入")


def extract(article_id: str, text: str, published: PartialDate, outlet: str | None = None) -> ArticleFacts:
    """Facts of one cleaned article; `outlet` is the media outlet its page furniture names."""
    sentences = split_sentences(text)
    if not sentences:
        return ArticleFacts({}, [], [], [], [], [], [], [])
    log = EvidenceLog(article_id, sentences)
    tokens = tokenize(text)
    mentions = with_outlet(find_org_mentions(text, tokens), text, outlet)
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


def _merge_orgs(mentions: list[OrgMention], log: EvidenceLog) -> tuple[dict[str, Org], dict[int, str]]:
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
            source = None
            if mention.province:
                source = "gazetteer" if mention.known else ("parent" if mention.parent and not places.place_prefix(mention.name) else "name")
            orgs[key] = Org(key, mention.name, mention.type, mention.city, mention.province,
                            mention.known.english if mention.known else None, mention.known is not None,
                            place_source=source)
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


CLAUSE_BREAK = re.compile(r"[，,；;：:]")
MAX_CUE_GAP = 2


def _pattern_relations(sentence, in_sentence, key_of, orgs, log, relations) -> None:
    """Customer and supplier relations from cue phrases (relation_patterns.csv): the organizations
    of the clause on one side of the cue, and the nearest organization on the other side."""
    if len(in_sentence) < 2 or not any_relation_cue().search(sentence.text):
        return
    actors = [m for m in in_sentence if orgs[key_of[id(m)]].type != MEDIA]
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
            evidence_id = log.add(sentence.start, sentence.end, f"relation:{pattern.pattern_id}")
            for mention in sides:
                a, b = key_of[id(mention)], key_of[id(other)]
                if a != b:
                    relations.append(Relation(a, b, pattern.relation, evidence_id))


# A bare noun right before a trigger refers back to the organization of that kind named last:
# 联盟的成立, 该实验室揭牌, 公司完成融资.
ANAPHORIC_SUBJECT = re.compile(r"(?:该|本|这家|这个|此)?(联盟|实验室|研究院|研究所|公司|大学)的?$")
ANAPHOR_TYPES = {"联盟": ("alliance",), "实验室": ("lab",), "研究院": ("research_institute",),
                 "研究所": ("research_institute",), "公司": ("company",), "大学": ("university",),
                 "中心": ("research_institute", "lab", "other"), "学院": ("university",),
                 "平台": ("research_institute", "lab", "other")}


OPENING_ANAPHOR = re.compile(r"^(?:该|这家|这个|此|这所|该所)(联盟|实验室|研究院|研究所|公司|大学|中心|学院|平台)")


def _anaphoric_subject(sentence, trigger, key_of, orgs, mention_list) -> str | None:
    match = trigger.pattern.search(sentence.text)
    head = ANAPHORIC_SUBJECT.search(sentence.text[max(0, match.start() - 6):match.start()])
    opening = OPENING_ANAPHOR.match(sentence.text)
    if head is None and opening is not None:  # 该研究所于2016年创立: the institute named before
        wanted = ANAPHOR_TYPES[opening.group(1)]
        earlier = [key_of[id(m)] for m in mention_list if m.end <= sentence.start and orgs[key_of[id(m)]].type in wanted]
        return earlier[-1] if earlier else None
    if head is None:
        return None
    noun_start = sentence.start + match.start() - len(head.group())
    noun_end = noun_start + len(head.group().rstrip("的"))
    if any(m.start < noun_end and noun_start < m.end for m in mention_list):
        return None  # the noun ends a real name (之江实验室揭牌), not an anaphor
    wanted = ANAPHOR_TYPES[head.group(1)]
    earlier = [key_of[id(m)] for m in mention_list if m.end <= noun_start and orgs[key_of[id(m)]].type in wanted]
    return earlier[-1] if earlier else None


ROUND_ANAPHOR = re.compile(r"(此|本|该|这)轮")
ALLIANCE_ANAPHOR = re.compile(r"该联盟|联盟由|联盟成员")


def _member_relations(sentence, in_sentence, key_of, orgs, mention_list, log, relations) -> None:
    """Founding members of an alliance: 该联盟由A、B、C等共同发起. The alliance is named in the
    sentence or, for 该联盟, is the alliance named last before it."""
    if not MEMBER_WORDS.search(sentence.text):
        return
    keys = [key_of[id(m)] for m in in_sentence]
    alliance = next((k for k in keys if orgs[k].type == "alliance"), None)
    if alliance is None and ALLIANCE_ANAPHOR.search(sentence.text):
        earlier = [key_of[id(m)] for m in mention_list if m.end <= sentence.start and orgs[key_of[id(m)]].type == "alliance"]
        alliance = earlier[-1] if earlier else None
    if alliance is None:
        return
    evidence_id = log.add(sentence.start, sentence.end, "relation:alliance_member")
    for key in dict.fromkeys(keys):
        if key != alliance and orgs[key].type != MEDIA:
            relations.append(Relation(key, alliance, "member", evidence_id))


def _sentence_facts(article_id, text, sentence, in_sentence, key_of, orgs, tokens, published, log,
                    events, funding, relations, mention_list):
    _pattern_relations(sentence, in_sentence, key_of, orgs, log, relations)
    _member_relations(sentence, in_sentence, key_of, orgs, mention_list, log, relations)
    rounds_here = _funding_facts(article_id, text, sentence, key_of, orgs, published, log, events, funding,
                                 relations, mention_list)
    keys = list(dict.fromkeys(key_of[id(m)] for m in in_sentence))
    sentence_actors = [k for k in keys if orgs[k].type != MEDIA]
    previous = log.sentences[sentence.index - 1] if sentence.index > 0 else None
    told = set()
    # one event per kind the sentence tells: 成立大会暨学术论坛 is an establishment and a conference
    for trigger in triggers_by_type(sentence.text):
        if trigger.event_type == "funding" and (rounds_here or ROUND_ANAPHOR.search(sentence.text)):
            continue  # the rounds were recorded above; 此轮融资投资人包括… adds to one already recorded
        actors = sentence_actors
        subject = _anaphoric_subject(sentence, trigger, key_of, orgs, mention_list)
        if subject is not None:
            actors = [subject]  # 联盟的成立: the alliance named before, not whoever else the sentence names
        if not actors:
            continue
        trigger_at = trigger.pattern.search(sentence.text).start()
        date = sentence_date(sentence, published, trigger_at, previous)
        city, province, place_source = _event_place(sentence, tokens, actors, orgs)
        evidence_id = log.add(sentence.start, sentence.end, f"event:{trigger.trigger_id}")
        if trigger.event_type == "partnership":
            # partners joined by 与/和; failing that, the sentence's subject (its first actor) with each
            # other actor, never every pair (co-listed clients are not each other's partners)
            for a, b in _linked_pairs(text, in_sentence, key_of) or [(actors[0], other) for other in actors[1:4]]:
                relations.append(Relation(a, b, "partnership", evidence_id))
        events.append(Event(f"{article_id}:e{len(events)}", trigger.event_type, date, city, province, place_source,
                            [(k, "participant") for k in actors], evidence_id, trigger.trigger_id))
        told.update(actors)
        co_mention_evidence = evidence_id
    if told:
        for a, b in itertools.combinations(sorted(set(sentence_actors)), 2):
            relations.append(Relation(a, b, "co_mention", co_mention_evidence))


NARRATIVE_LINK = re.compile(r"此前|随后|同年|当年|其后|之后|次月|同月")
SAME_OCCASION = re.compile(r"^(?:此次|本次|该次|这次|会上|活动现场|仪式上|现场)")


def sentence_date(sentence, published: PartialDate, at: int | None = None, previous=None) -> PartialDate:
    """When a sentence says its event happened: the date nearest the trigger at `at` (one before it
    first) that is not a plan, a birth or a title's period; a month-day in the story's year;
    relative words against the story's date. A sentence about the same occasion as the one before
    it (此次大会由…主办) without a date of its own takes that sentence's."""
    dates = [d for d in find_dates(sentence.text, published) if not d.is_plan and (d.date.year or d.date.month)]
    if not dates and previous is not None and SAME_OCCASION.match(sentence.text):
        return sentence_date(previous, published)
    if not dates:
        return PartialDate()
    if at is not None:
        before = [d for d in dates if d.start <= at]
        chosen = before[-1] if before else dates[0]
    else:
        chosen = dates[0]
    date = anchored(chosen.date, published)
    if not date.year and previous is not None and NARRATIVE_LINK.search(sentence.text):
        # 2025年2月，…配售。此前1月，…: a month told against the year the story was just telling
        told = sentence_date(previous, published)
        if told.year:
            year = told.year - 1 if told.month and date.month and date.month > told.month and "此前" in sentence.text else told.year
            date = PartialDate(year, date.month, date.day)
    return date


QUOTED_NAME = re.compile(r"[「“\"『]([^」”\"』]{2,16})[」”\"』]")
RECIPIENT_EXCLUDED_TYPES = frozenset({"investor", "media", "government"})


def _funding_facts(article_id, text, sentence, key_of, orgs, published, log, events, funding, relations,
                   mention_list) -> int:
    """Rounds reported by this sentence (funding.round_clauses), each with its recipient, amount,
    investors, a funding event and investment relations. Returns how many were recorded."""
    clauses = funding_rules.round_clauses(sentence.text)
    if not clauses:
        return 0
    in_sentence = [m for m in mention_list if sentence.start <= m.start < sentence.end]
    date = sentence_date(sentence, published, previous=log.sentences[sentence.index - 1] if sentence.index > 0 else None)
    year = date.year or published.year
    recorded = 0
    for index, clause in enumerate(clauses):
        recipient = _recipient(clause, sentence, in_sentence, key_of, orgs, mention_list, log,
                               [f.recipient for f in funding])
        if recipient is None:
            continue
        # investors: lists from this clause up to the next round's clause, and (for the sentence's
        # last round) the next two sentences, which often say who invested (本轮融资由…领投)
        until = sentence.start + (clauses[index + 1].start if index + 1 < len(clauses) else len(sentence.text))
        following = 2 if index + 1 == len(clauses) else 0
        investors = _investors(text, sentence, sentence.start + clause.start, until, following, key_of, orgs,
                               mention_list, log)
        investors = [(k, lead) for k, lead in investors if k != recipient]
        amount = clause.amount
        evidence_id = log.add(sentence.start, sentence.end, f"funding:{clause.cue_id}")
        funding.append(Funding(
            f"{article_id}:f{len(funding)}", recipient,
            amount.text if amount else None, amount.currency if amount else None,
            amount.value_min if amount else None, amount.value_max if amount else None,
            money.to_cny(amount.value_min, amount.currency, year) if amount else None,
            money.to_cny(amount.value_max, amount.currency, year) if amount else None,
            amount.qualifier if amount else None, clause.round or None, date, investors, evidence_id,
        ))
        roles = {recipient: "recipient"}
        for key, is_lead in investors:
            roles[key] = "lead_investor" if is_lead else "investor"
            relations.append(Relation(key, recipient, "investment", evidence_id))
        place = orgs[recipient]
        events.append(Event(f"{article_id}:e{len(events)}", "funding", date, place.city, place.province,
                            "participant" if place.province else None, list(roles.items()), evidence_id,
                            f"funding:{clause.cue_id}"))
        recorded += 1
    return recorded


def _recipient(clause, sentence, in_sentence, key_of, orgs, mention_list, log, earlier_recipients) -> str | None:
    """Who raised the round: the organization standing as the subject of the clause's verb, the
    company a pronoun there refers to (公司完成…), or a name-like subject no rule knew."""
    if clause.subject is None:
        candidates = [m for m in in_sentence if sentence.start + clause.start <= m.start < sentence.start + clause.end]
    else:
        s_start, s_end = sentence.start + clause.subject[0], sentence.start + clause.subject[1]
        candidates = [m for m in in_sentence if s_start <= m.start and m.end <= s_end]
    listed = [(sentence.start + a, sentence.start + b) for a, b, _ in funding_rules.investor_lists(sentence.text)]
    candidates = [m for m in candidates if orgs[key_of[id(m)]].type not in RECIPIENT_EXCLUDED_TYPES
                  and not any(a <= m.start and m.end <= b for a, b in listed)]
    if candidates:
        if clause.cue_id == "lead_object":
            return key_of[id(candidates[0])]  # the first organization after 领投
        return key_of[id(candidates[-1] if clause.subject else candidates[0])]
    if clause.cue_id == "lead_object":
        quoted = QUOTED_NAME.search(sentence.text, clause.subject[0], clause.subject[1])
        name = funding_rules.subject_name(quoted.group(1)) if quoted else None
        if name is None:
            return None
        return _add_found_org(name, sentence.start + quoted.start(1), "company", "name_rule:funding_object", orgs, log)
    if clause.subject is None:
        # 天使+轮由蔚来资本领投: a tranche of the round told just before, by the same company
        return earlier_recipients[-1] if earlier_recipients and clause.round is not None else None
    phrase = sentence.text[clause.subject[0]:clause.subject[1]]
    if phrase.strip().lstrip("该这家其").startswith(("公司", "企业")) or phrase.strip() == "其":
        earlier = [key_of[id(m)] for m in mention_list if m.end <= s_start and orgs[key_of[id(m)]].type == "company"]
        return earlier[-1] if earlier else None
    name = funding_rules.subject_name(phrase)
    if name is None and funding_rules.NO_SUBJECT.match(phrase):
        # 例如荷兰初创公司Qblox，在获得…A轮融资前: the company named just before, in this sentence
        before = [m for m in in_sentence if m.end <= s_start and orgs[key_of[id(m)]].type == "company"]
        return key_of[id(before[-1])] if before else None
    if name is None or any(m.start < s_end and s_start < m.end for m in in_sentence):
        return None
    at = s_start + phrase.find(name)
    return _add_found_org(name, at, "company", "name_rule:funding_subject", orgs, log)


def _investors(text, sentence, start, until, following, key_of, orgs, mention_list, log) -> list[tuple[str, bool]]:
    """Investors listed between `start` and `until` in this sentence, and in the next `following`
    sentences: every organization mentioned in a list, and list items that look like names."""
    result: dict[str, bool] = {}
    for s in (x for x in log.sentences if sentence.index <= x.index <= sentence.index + following):
        if s.index > sentence.index and funding_rules.reports_a_new_round(s.text):
            break  # the next sentence reports a round of its own
        for list_start, list_end, is_lead in funding_rules.investor_lists(s.text):
            list_start, list_end = s.start + list_start, s.start + list_end
            if s.index == sentence.index and not (start <= list_start and list_end <= until):
                continue
            in_list = [m for m in mention_list if list_start <= m.start and m.end <= list_end]
            for item_start, item_end in funding_rules.list_items(s.text, list_start - s.start, list_end - s.start):
                item_start, item_end = s.start + item_start, s.start + item_end
                named = [m for m in in_list if m.start < item_end and item_start < m.end]
                if named:
                    for m in named:
                        if orgs[key_of[id(m)]].type != MEDIA:
                            result.setdefault(key_of[id(m)], is_lead)
                    continue
                item = text[item_start:item_end]
                if funding_rules.looks_like_investor(item):
                    result.setdefault(_add_found_org(item, item_start, "investor", "name_rule:investor_list", orgs, log),
                                      is_lead)
    return list(result.items())


def _add_found_org(name, start, org_type, rule_id, orgs, log) -> str:
    """An organization that no name rule knew, found by the part it plays (the subject of a round,
    an item of an investor list)."""
    from newsprep.orgs import unknown_org_id

    key = unknown_org_id(name)
    org = orgs.setdefault(key, Org(key, name, org_type, None, None, name if name.isascii() else None, False))
    evidence_id = log.add(start, start + len(name), rule_id)
    if not any(m["start"] == start for m in org.mentions):
        org.mentions.append({"surface": name, "start": start, "end": start + len(name),
                             "sentence_index": log.sentence_of(start).index, "rule_id": rule_id,
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


def _event_place(sentence, in_sentence, actors, orgs):
    org_spans = [(m["start"], m["end"]) for o in orgs.values() for m in o.mentions
                 if sentence.start <= m["start"] < sentence.end]
    named = [p for s, e, p in places.places_in(sentence.text, in_sentence, offset=sentence.start)
             if not any(a <= s < b for a, b in org_spans)]
    if named:
        place = named[0]
        return place.city, place.province, "sentence"
    for key in actors:
        org = orgs[key]
        if org.province and org.type not in NOT_PLACING_TYPES and not _national_body(org):
            return org.city, org.province, "participant"
    return None, None, None


PRECISION_RANK = {"day": 4, "month": 3, "year": 2, "year_unknown": 1, "unknown": 0}


def _merge_repeats(events: list[Event], funding: list[Funding]) -> tuple[list[Event], list[Funding]]:
    """A story repeats itself (headline, lead, quotes): one event per type and set of participants,
    one round per recipient and amount; the kept one is the one with the most precise date."""
    kept_events: list[Event] = []
    for event in events:
        key = (event.type, frozenset(k for k, _ in event.participants))
        same = next((i for i, kept in enumerate(kept_events)
                     if (kept.type, frozenset(k for k, _ in kept.participants)) == key
                     and _compatible(kept.date, event.date)), None)
        if same is None:
            kept_events.append(event)  # two placements in different months are two events
        elif PRECISION_RANK[event.date.precision] > PRECISION_RANK[kept_events[same].date.precision]:
            kept_events[same] = event
    rounds: dict[tuple, Funding] = {}
    for fund in funding:
        key = (fund.recipient, fund.amount_cny_min, fund.amount_cny_max, fund.round)
        if key in rounds:
            known = dict(rounds[key].investors)
            rounds[key].investors += [(k, lead) for k, lead in fund.investors if k not in known]
        else:
            rounds[key] = fund
    return kept_events, list(rounds.values())


def _compatible(a: PartialDate, b: PartialDate) -> bool:
    """Dates that may be the same day: equal where both are known."""
    return all(x is None or y is None or x == y for x, y in ((a.year, b.year), (a.month, b.month), (a.day, b.day)))


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
        if not org.province or org.type in NOT_PLACING_TYPES or _national_body(org):
            continue  # an investor's or outlet's seat, or a ministry in Beijing, does not place a story
        if key in actors or len(org.mentions) > 1:
            provinces.append(org.province)
    return list(dict.fromkeys(provinces))


INVESTOR_ROLES = frozenset({"investor", "lead_investor"})
NOT_PLACING_TYPES = frozenset({MEDIA, "investor"})


NATIONAL_NAME = re.compile(r"^(?:中国|全国|国家|中华|中央)")


def _national_body(org: Org) -> bool:
    """A government body whose name holds no place (国务院, 科学技术部), or a national society or
    body (中国人工智能学会), is national: its seat in Beijing says nothing about where a story
    happens."""
    if org.type == "government":
        return places.place_prefix(org.name.removeprefix("中共")) is None
    return org.type in ("alliance", "other") and bool(NATIONAL_NAME.match(org.name))
