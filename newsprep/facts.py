"""The fact types of one article and the evidence log every fact points into."""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import asdict, dataclass, field

from newsprep.dates import PartialDate
from newsprep.sentences import Sentence

MEDIA = "media"


def unknown_org_id(name: str) -> str:
    """The key of an organization the gazetteer lacks: stable for its name across articles."""
    return "new_" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]


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


# relation types that read the same both ways: stored with the smaller id first
SYMMETRIC_RELATIONS = frozenset({"partnership", "co_mention"})


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


@dataclass
class ArticleContext:
    """What one article's extraction reads and adds to, handed to each fact module in turn: the text,
    its sentences and evidence log, the organization mentions and the organizations they name, and
    the facts found so far. Mentions are keyed by their span, which is unique after overlaps go."""

    article_id: str
    text: str
    published: PartialDate
    log: EvidenceLog
    tokens: list
    mentions: list  # OrgMention, sorted by start
    orgs: dict[str, Org]
    keys: dict[tuple[int, int], str]  # (start, end) of a mention → org key
    events: list[Event] = field(default_factory=list)
    funding: list[Funding] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    people_spans: list[tuple[int, int]] = field(default_factory=list)  # where names of people stand

    def __post_init__(self):
        self._mention_starts = [m.start for m in self.mentions]

    def key(self, mention) -> str:
        return self.keys[(mention.start, mention.end)]

    def org(self, mention) -> Org:
        return self.orgs[self.key(mention)]

    def mentions_between(self, start: int, end: int) -> list:
        """Mentions that start inside [start, end)."""
        return self.mentions[bisect.bisect_left(self._mention_starts, start):bisect.bisect_left(self._mention_starts, end)]

    def last_before(self, offset: int, types) -> str | None:
        """The organization of one of `types` named last before `offset` (what 该公司 refers to)."""
        for mention in reversed(self.mentions[:bisect.bisect_left(self._mention_starts, offset)]):
            if mention.end <= offset and self.org(mention).type in types:
                return self.key(mention)
        return None

    def previous_sentence(self, sentence: Sentence) -> Sentence | None:
        return self.log.sentences[sentence.index - 1] if sentence.index > 0 else None

    def add_found_org(self, name: str, start: int, org_type: str, rule_id: str) -> str:
        """An organization no name rule knew, found by the part it plays (the subject of a round,
        an item of an investor list): added with its mention and evidence."""
        key = unknown_org_id(name)
        org = self.orgs.setdefault(key, Org(key, name, org_type, None, None, name if name.isascii() else None, False))
        evidence_id = self.log.add(start, start + len(name), rule_id)
        if not any(m["start"] == start for m in org.mentions):
            org.mentions.append({"surface": name, "start": start, "end": start + len(name),
                                 "sentence_index": self.log.sentence_of(start).index, "rule_id": rule_id,
                                 "evidence_id": evidence_id})
        return key
