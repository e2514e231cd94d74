"""Page furniture: what a page says about itself around the story — when it was published and
which outlet it comes from — read from the lines a site puts there (发布时间：…, 来源：…, a
crawler's date stamp, the date under an official notice's issuer).

Rules are rows of resources/page_furniture.csv. Only the head of a page (its first lines) is read
for most rules, so a date inside the story or in a related-news list at the foot is never taken
for the publication date; a signature date is read anywhere, but only on a line of its own right
under a short issuer line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from newsprep.dates import PartialDate, valid_calendar_date
from newsprep.resources import read_rows

HEAD_LINES = 12
HEAD_SHARE = 0.5  # the head never reaches past this share of the page's characters
ISSUER_MAX_CHARS = 40
FULL_DATE = r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>1[0-2]|0?[1-9])\s*[-/.月]\s*(?P<d>3[01]|[12]\d|0?[1-9])(?:\s*日|(?!\d))"
CLOCK = r"(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?"
# An outlet's name ends like an outlet: what a 来源 line gives that does not (规划处) is kept as the
# article's source but is not made a media organization.
OUTLET_ENDING = re.compile(r"(网|报|社|台|在线|新闻|周刊|杂志|频道|日报|晚报|早报|时报|资讯|传媒|媒体|财经|科技|App|APP)$")


@dataclass(frozen=True)
class FurnitureRule:
    rule_id: str
    field: str
    where: str
    pattern: re.Pattern
    priority: int


@dataclass(frozen=True)
class Furniture:
    published: PartialDate = PartialDate()
    published_rule: str | None = None
    outlet: str | None = None
    outlet_rule: str | None = None

    @property
    def outlet_is_media(self) -> bool:
        return bool(self.outlet and OUTLET_ENDING.search(self.outlet))


@cache
def furniture_rules() -> tuple[FurnitureRule, ...]:
    rules = []
    for row in read_rows("page_furniture.csv"):
        pattern = row["pattern"].replace("{DATE}", FULL_DATE).replace("{TIME}", CLOCK)
        rules.append(FurnitureRule(row["rule_id"], row["field"], row["where"], re.compile(pattern),
                                   int(row["priority"])))
    return tuple(sorted(rules, key=lambda r: -r.priority))


PROSE_MIN_CHARS = 60


def head_lines(lines: list[str], through_prose: bool = False) -> list[str]:
    """The page's head: its first lines, up to and including the first paragraph of prose (the
    story has begun there), and never past half of the page. `through_prose` reads on past the
    prose (for a clock-time stamp, which prose does not hold)."""
    total = sum(len(line) for line in lines) or 1
    head, seen = [], 0
    for line in lines[:HEAD_LINES]:
        if head and seen / total > HEAD_SHARE:
            break
        head.append(line)
        seen += len(line)
        if not through_prose and ("。" in line or (len(line) >= PROSE_MIN_CHARS and "，" in line)):
            break
    return head


def read_furniture(lines: list[str]) -> Furniture:
    """The publication date and outlet a page states in its furniture (lines of the page, before
    boilerplate is cut: a 来源 line is furniture, not story)."""
    head = head_lines(lines)
    upper = head_lines(lines, through_prose=True)
    published, published_rule, outlet, outlet_rule = PartialDate(), None, None, None
    for rule in furniture_rules():
        if rule.field == "published" and published_rule is None:
            date = _first_date(rule, lines, upper if rule.where == "upper" else head)
            if date is not None:
                published, published_rule = date, rule.rule_id
        elif rule.field == "source" and outlet_rule is None:
            match = next((m for line in head for m in [rule.pattern.search(line)] if m), None)
            if match:
                outlet, outlet_rule = match.group("outlet"), rule.rule_id
    return Furniture(published, published_rule, outlet, outlet_rule)


def _first_date(rule: FurnitureRule, lines: list[str], region: list[str]) -> PartialDate | None:
    if rule.where == "signature":
        candidates = [line for before, line in zip(lines, lines[1:]) if _is_issuer(before)]
    else:
        candidates = region
    for line in candidates:
        match = rule.pattern.search(line)
        if match:
            year, month, day = int(match.group("y")), int(match.group("m")), int(match.group("d"))
            if valid_calendar_date(year, month, day):
                return PartialDate(year, month, day)
    return None


def _is_issuer(line: str) -> bool:
    """A short line naming who issued a notice: no sentence punctuation, no digits."""
    return len(line) <= ISSUER_MAX_CHARS and not re.search(r"[，,。；;：:!！?？\d]", line)
