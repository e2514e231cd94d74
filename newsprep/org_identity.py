"""One row per real organization across articles: which organization ids name the same body.

Within an article the extractor already joins a name with its short forms. Across articles the
same body still arrives under several ids: 国家发展和改革委员会 and 国家发展改革委 found by name
rules, 北京深势科技有限公司 in one story and 深势科技 (a gazetteer row) in another, a company
under its English name. Each id gets a *key*: its name reduced by the variant rules of
resources/name_variants.csv. Ids whose keys are equal are one organization; nothing else merges.
Equality of whole keys is the safeguard that keeps a parent and its child apart (北京大学 and
北京大学人工智能研究院 never share a key).

Every merge is recorded with its reason: `gazetteer` (an id found by name rules is a name or
alias of a gazetteer row), `alias` (two ids share an English name), `variant rule:<id>` (their
names differ only by a documented variant) or `curation` (an admin merged them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from newsprep.resources import read_rows

# a place in brackets inside a registered name: 深势科技（北京）有限公司
_BRACKETED_PLACE = re.compile(r"[（(]([\u4e00-\u9fff]{2,4})[）)]")
# keys shorter than this after dropping a leading place are too generic to identify a company
# (上海银行 minus 上海 is 银行)
MIN_COMPANY_CORE = 4


@dataclass(frozen=True)
class VariantRule:
    variant_id: str
    kind: str  # fragment or legal_suffix
    long: str
    short: str
    applies_to: str  # an organization type, or "*"

    def applies(self, org_type: str | None) -> bool:
        return self.applies_to == "*" or self.applies_to == (org_type or "")


@cache
def variant_rules() -> tuple[VariantRule, ...]:
    rules = [VariantRule(r["variant_id"], r["kind"], r["long"], r["short"], r["applies_to"])
             for r in read_rows("name_variants.csv")]
    for rule in rules:
        if rule.kind == "legal_suffix":
            re.compile(rule.long)  # a bad pattern fails the rule-file check, not an article
    # the longest fragment first, so 发展和改革 is reduced before 发展改革 could half-match it
    return tuple(sorted(rules, key=lambda r: -len(r.long)))


def _without_leading_place(name: str) -> str:
    from newsprep import places

    for size in (4, 3, 2):  # 黑龙江省 … 北京
        head = name[:size]
        if len(name) - size >= MIN_COMPANY_CORE and places.lookup(head) is not None:
            return name[size:]
    return name


def name_key(name: str, org_type: str | None) -> tuple[str, tuple[str, ...]]:
    """(key, ids of the variant rules that changed the name) for an organization's name."""
    key = re.sub(r"\s+", " ", (name or "").strip()).replace("（", "(").replace("）", ")")
    used: list[str] = []
    if org_type == "company":
        registered = False
        for rule in variant_rules():
            if rule.kind == "legal_suffix" and rule.applies(org_type):
                stripped = re.sub(rule.long, "", key).strip()
                if stripped != key and stripped:
                    key, registered = stripped, True
                    used.append(rule.variant_id)
        if registered:  # a registered name carries its seat: 北京深势科技 / 深势科技(北京) are 深势科技
            unbracketed = _BRACKETED_PLACE.sub("", key)
            key = _without_leading_place(unbracketed)
    for rule in variant_rules():
        if rule.kind == "fragment" and rule.applies(org_type) and rule.long in key:
            key = key.replace(rule.long, rule.short)
            used.append(rule.variant_id)
    return key.lower(), tuple(used)


def latin_key(english: str | None) -> str | None:
    """An English name compared without case, punctuation and legal-form endings."""
    if not english:
        return None
    text = english
    for rule in variant_rules():
        if rule.kind == "legal_suffix" and re.search(r"[A-Za-z]", rule.long):
            text = re.sub(rule.long, "", text, flags=re.IGNORECASE)
    key = re.sub(r"[\W_]+", " ", text.lower()).strip()
    return key or None


@dataclass(frozen=True)
class OrgRecord:
    org_id: str
    name: str
    english: str | None
    type: str | None
    in_gazetteer: bool
    mention_count: int


def merge_plan(orgs: list[OrgRecord], gazetteer_forms: dict[str, str] | None = None) -> dict[str, tuple[str, str]]:
    """alias id → (canonical id, reason) for every id that is another id's organization.

    `gazetteer_forms` maps a gazetteer surface form to its org id: an id found by name rules whose
    name is such a form belongs to that row. The canonical id of a group is its gazetteer id if it
    has one, else the id mentioned most often (ties: the smaller id)."""
    plan: dict[str, tuple[str, str]] = {}
    by_id = {o.org_id: o for o in orgs}
    if gazetteer_forms:
        for org in orgs:
            target = gazetteer_forms.get(org.name)
            if not org.in_gazetteer and target and target != org.org_id and target in by_id:
                plan[org.org_id] = (target, "gazetteer")

    def rank(org: OrgRecord) -> tuple:
        return (not org.in_gazetteer, -org.mention_count, org.org_id)

    def group_by(key_of, reason_of) -> None:
        groups: dict[str, list[OrgRecord]] = {}
        for org in orgs:
            if org.org_id in plan:
                continue
            key = key_of(org)
            if key:
                groups.setdefault(key, []).append(org)
        for members in groups.values():
            if len(members) < 2:
                continue
            members.sort(key=rank)
            head = members[0]
            if sum(m.in_gazetteer for m in members) > 1:
                continue  # two gazetteer rows are two organizations by definition; never merge them
            for member in members[1:]:
                plan[member.org_id] = (head.org_id, reason_of(member, head))

    keys = {o.org_id: name_key(o.name, o.type) for o in orgs}
    group_by(lambda o: f"{o.type}|{keys[o.org_id][0]}",
             lambda member, head: _variant_reason(keys[member.org_id][1], keys[head.org_id][1]))
    group_by(lambda o: latin_key(o.english) if o.english else None, lambda member, head: "alias")
    return {alias: (_final(plan, target), reason) for alias, (target, reason) in plan.items()}


def _variant_reason(a: tuple[str, ...], b: tuple[str, ...]) -> str:
    rules = sorted(set(a) ^ set(b)) or sorted(set(a) | set(b))
    return "variant rule:" + "+".join(rules) if rules else "variant rule:same_name"


def _final(plan: dict[str, tuple[str, str]], target: str) -> str:
    seen = set()
    while target in plan and target not in seen:
        seen.add(target)
        target = plan[target][0]
    return target
