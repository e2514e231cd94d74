"""The fact types of one article and the evidence log every fact points into."""

from __future__ import annotations

import bisect
from dataclasses import asdict, dataclass, field

from newsprep.dates import PartialDate
from newsprep.sentences import Sentence

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
    place_source: str | None = None  # gazetteer, name, parent, event or article


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


class EvidenceLog:
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
