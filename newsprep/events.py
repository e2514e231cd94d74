"""Events: a sentence with a trigger word (resources/event_triggers.csv) and at least one
organization taking part becomes an event of the trigger's type, dated and placed as the sentence
says. Funding rounds are told by funding.py, which records their events itself."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache

from newsprep import places
from newsprep.dates import PartialDate, anchored, find_dates
from newsprep.facts import MEDIA, ArticleContext, Event, Org, Relation
from newsprep.people import person_role_pattern
from newsprep.relations import linked_pairs
from newsprep.errors import RuleFileError
from newsprep.resources import read_rows

EVENT_TYPES = ("partnership", "establishment", "funding", "launch", "award", "policy", "conference", "other")


@dataclass(frozen=True)
class Trigger:
    trigger_id: str
    event_type: str
    pattern: re.Pattern
    priority: int


@cache
def triggers() -> tuple[Trigger, ...]:
    items = []
    for row in read_rows("event_triggers.csv"):
        if row["event_type"] not in EVENT_TYPES:
            raise RuleFileError(f"newsprep/resources/event_triggers.csv: the row {row['trigger_id']} has the unknown "
                                f"event type {row['event_type']!r}; use one of {', '.join(EVENT_TYPES)}.")
        items.append(Trigger(row["trigger_id"], row["event_type"], re.compile(row["pattern"]), int(row["priority"])))
    return tuple(sorted(items, key=lambda t: -t.priority))


@cache
def _any_trigger() -> re.Pattern:
    return re.compile("|".join(f"(?:{t.pattern.pattern})" for t in triggers()))


@cache
def _triggers_of_each_type() -> tuple[tuple[re.Pattern, tuple[Trigger, ...]], ...]:
    """Per event type: one combined pattern, and the type's triggers strongest first."""
    grouped: dict[str, list[Trigger]] = {}
    for trigger in triggers():
        grouped.setdefault(trigger.event_type, []).append(trigger)
    return tuple((re.compile("|".join(f"(?:{t.pattern.pattern})" for t in items)), tuple(items))
                 for items in grouped.values())


def triggers_by_type(sentence: str) -> list[Trigger]:
    """The strongest trigger of each event type a sentence holds, strongest first. One combined
    search per text and per type first: most sentences hold no trigger, most types none."""
    if not _any_trigger().search(sentence):
        return []
    best = []
    for combined, items in _triggers_of_each_type():
        if combined.search(sentence):
            best.append(next(t for t in items if t.pattern.search(sentence)))
    return sorted(best, key=lambda t: -t.priority)


# A bare noun right before a trigger refers back to the organization of that kind named last:
# 联盟的成立, 该实验室揭牌, 公司完成融资; so does one opening a sentence (该研究所于2016年创立).
ANAPHORIC_SUBJECT = re.compile(r"(?:该|本|这家|这个|此)?(联盟|实验室|研究院|研究所|公司|大学)的?$")
OPENING_ANAPHOR = re.compile(r"^(?:该|这家|这个|此|这所|该所)(联盟|实验室|研究院|研究所|公司|大学|中心|学院|平台)")
ANAPHOR_TYPES = {"联盟": ("alliance",), "实验室": ("lab",), "研究院": ("research_institute",),
                 "研究所": ("research_institute",), "公司": ("company",), "大学": ("university",),
                 "中心": ("research_institute", "lab", "other"), "学院": ("university",),
                 "平台": ("research_institute", "lab", "other")}
ROUND_ANAPHOR = re.compile(r"(此|本|该|这)轮")
NARRATIVE_LINK = re.compile(r"此前|随后|同年|当年|其后|之后|次月|同月")
SAME_OCCASION = re.compile(r"^(?:此次|本次|该次|这次|会上|活动现场|仪式上|现场)")
NATIONAL_NAME = re.compile(r"^(?:中国|全国|国家|中华|中央)")
# organizations whose seat does not place a story or an event: an investor's, an outlet's
NOT_PLACING_TYPES = frozenset({MEDIA, "investor"})
REPRESENTED_TYPES = frozenset({"other", "conference", "award"})
PRECISION_RANK = {"day": 4, "month": 3, "year": 2, "year_unknown": 1, "unknown": 0}


def event_facts(ctx: ArticleContext, sentence, in_sentence, sentence_tokens, rounds_told: bool) -> None:
    """One event per kind the sentence tells (成立大会暨学术论坛 is an establishment and a
    conference), each with its participants, date and place; partnership pairs; co-mentions."""
    triggers = triggers_by_type(sentence.text)
    if not triggers:
        return  # most sentences tell no event: nothing below is computed for them
    sentence_actors = _actors(ctx, in_sentence, keep_representatives=False)
    representatives = _actors(ctx, in_sentence, keep_representatives=True)
    previous = ctx.previous_sentence(sentence)
    evidence_id = None
    for trigger in triggers:
        if trigger.event_type == "funding" and (rounds_told or ROUND_ANAPHOR.search(sentence.text)):
            continue  # the rounds were recorded by funding.py; 此轮融资投资人包括… adds to one already told
        # at meetings and conferences officials stand for their bodies (局长孙东会见书记陈刚)
        actors = representatives if trigger.event_type in REPRESENTED_TYPES else sentence_actors
        subject = anaphoric_subject(ctx, sentence, trigger)
        if subject is not None:
            actors = [subject]  # 联盟的成立: the alliance named before, not whoever else the sentence names
        if not actors:
            continue
        date = sentence_date(sentence, ctx.published, trigger.pattern.search(sentence.text).start(), previous)
        city, province, place_source = event_place(ctx, sentence, sentence_tokens, actors)
        evidence_id = ctx.log.add(sentence.start, sentence.end, f"event:{trigger.trigger_id}")
        if trigger.event_type == "partnership":
            # partners joined by 与/和; failing that, the sentence's subject (its first actor) with each
            # other actor, never every pair (co-listed clients are not each other's partners)
            for a, b in linked_pairs(ctx, in_sentence) or [(actors[0], other) for other in actors[1:4]]:
                ctx.relations.append(Relation(a, b, "partnership", evidence_id))
        ctx.events.append(Event(f"{ctx.article_id}:e{len(ctx.events)}", trigger.event_type, date, city, province,
                                place_source, [(k, "participant") for k in actors], evidence_id, trigger.trigger_id))
    if evidence_id is not None:
        for a, b in itertools.combinations(sorted(set(sentence_actors)), 2):
            ctx.relations.append(Relation(a, b, "co_mention", evidence_id))


def _actors(ctx: ArticleContext, in_sentence, keep_representatives: bool) -> list[str]:
    """The organizations a sentence has act: not outlets, not a parent named only inside its unit's
    name, and (unless `keep_representatives`) not an organization that only introduces a person
    (北京大学教授刘宏 names a professor, not an act of the university), unless nothing else is left."""
    named = [m for m in in_sentence if ctx.org(m).type != MEDIA and not m.rule_id.startswith("nested_parent:")]
    acting = named if keep_representatives else [m for m in named if not _introduces_a_person(ctx, m)]
    return list(dict.fromkeys(ctx.key(m) for m in (acting or named)))


def _introduces_a_person(ctx: ArticleContext, mention) -> bool:
    return person_role_pattern().match(ctx.text, mention.end) is not None


def anaphoric_subject(ctx: ArticleContext, sentence, trigger: Trigger) -> str | None:
    match = trigger.pattern.search(sentence.text)
    head = ANAPHORIC_SUBJECT.search(sentence.text[max(0, match.start() - 6):match.start()])
    opening = OPENING_ANAPHOR.match(sentence.text)
    if head is None and opening is not None:  # 该研究所于2016年创立: the institute named before
        return ctx.last_before(sentence.start, ANAPHOR_TYPES[opening.group(1)])
    if head is None:
        return None
    noun_start = sentence.start + match.start() - len(head.group())
    noun_end = noun_start + len(head.group().rstrip("的"))
    if any(m.start < noun_end and noun_start < m.end for m in ctx.mentions):
        return None  # the noun ends a real name (之江实验室揭牌), not an anaphor
    return ctx.last_before(noun_start, ANAPHOR_TYPES[head.group(1)])


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
            earlier_month = told.month and date.month and date.month > told.month and "此前" in sentence.text
            date = PartialDate(told.year - 1 if earlier_month else told.year, date.month, date.day)
    return date


def national_body(org: Org) -> bool:
    """A government body whose name holds no place (国务院, 科学技术部), or a national society or
    body (中国人工智能学会), is national: its seat in Beijing says nothing about where a story
    happens."""
    if org.type == "government":
        return places.place_prefix(org.name.removeprefix("中共")) is None
    return org.type in ("alliance", "other") and bool(NATIONAL_NAME.match(org.name))


def event_place(ctx: ArticleContext, sentence, sentence_tokens, actors: list[str]):
    """Where the sentence says the event happened (在京举行), else where a local participant is."""
    org_spans = [(m.start, m.end) for m in ctx.mentions_between(sentence.start, sentence.end)]
    named = [p for s, e, p in places.places_in(sentence.text, sentence_tokens, offset=sentence.start)
             if not any(a <= s < b for a, b in org_spans) and not any(a <= s < b for a, b in ctx.people_spans)]
    if named:
        place = named[0]
        return place.city, place.province, "sentence"
    for key in actors:
        org = ctx.orgs[key]
        if org.province and org.type not in NOT_PLACING_TYPES and not national_body(org):
            return org.city, org.province, "participant"
    return None, None, None


def merge_repeated_events(events: list[Event]) -> list[Event]:
    """A story repeats itself (headline, lead, quotes): one event per type and set of participants
    on dates that may be the same day; the kept one has the most precise date. Two placements in
    different months stay two events."""
    kept: list[Event] = []
    for event in events:
        key = (event.type, frozenset(k for k, _ in event.participants))
        same = next((i for i, k in enumerate(kept)
                     if (k.type, frozenset(p for p, _ in k.participants)) == key and _compatible(k.date, event.date)), None)
        if same is None:
            kept.append(event)
        elif PRECISION_RANK[event.date.precision] > PRECISION_RANK[kept[same].date.precision]:
            kept[same] = event
    return kept


def _compatible(a: PartialDate, b: PartialDate) -> bool:
    """Dates that may be the same day: equal where both are known."""
    return all(x is None or y is None or x == y for x, y in ((a.year, b.year), (a.month, b.month), (a.day, b.day)))
