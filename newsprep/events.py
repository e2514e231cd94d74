"""Event detection: a sentence with a trigger word (resources/event_triggers.csv) and at least one
organization taking part becomes an event of the trigger's type."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

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
            raise ValueError(f"event_triggers.csv: {row['trigger_id']} has unknown type {row['event_type']!r}")
        items.append(Trigger(row["trigger_id"], row["event_type"], re.compile(row["pattern"]), int(row["priority"])))
    return tuple(sorted(items, key=lambda t: -t.priority))


@cache
def _any_trigger() -> re.Pattern:
    return re.compile("|".join(f"(?:{t.pattern.pattern})" for t in triggers()))


def triggers_by_type(sentence: str) -> list[Trigger]:
    """The strongest trigger of each event type a sentence holds, strongest first."""
    if not _any_trigger().search(sentence):
        return []
    best: dict[str, Trigger] = {}
    for trigger in triggers():  # sorted by priority: the first of each type is its strongest
        if trigger.event_type not in best and trigger.pattern.search(sentence):
            best[trigger.event_type] = trigger
    return list(best.values())


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
