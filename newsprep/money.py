"""Money amounts in Chinese news, and the funding rounds among them.

An amount becomes a funding round only in a sentence about raising money (融资, 领投 …) and never
when the sentence is about what something costs or what a government or fund spends — facility
costs (总投资), budgets, yearly spending, fund closes, pledges to invest in a city, orders.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from newsprep.resources import read_rows

CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNIT_VALUE = {"万": 1e4, "十万": 1e5, "百万": 1e6, "千万": 1e7, "亿": 1e8, "十亿": 1e9, "百亿": 1e10}
CURRENCY = {"元": "CNY", "人民币": "CNY", "美元": "USD", "美金": "USD", "港元": "HKD", "港币": "HKD", "欧元": "EUR"}
QUALIFIER = {"不少于": "over", "不低于": "over", "至少": "over", "超": "over", "超过": "over", "逾": "over", "过": "over", "上": "over", "近": "nearly",
             "将近": "nearly", "约": "about", "达": "about", "高达": "about", "数": "several", "几": "several"}

AMOUNT = re.compile(
    r"(?P<qual>不少于|不低于|至少|超过|超|逾|将近|近|约|高达|达|过|上)?\s*"
    r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?|[一二两三四五六七八九十]+|数|几)?\s*"
    r"(?P<unit>十万|百万|千万|十亿|百亿|万|亿)\s*"
    r"(?P<cur>美元|美金|港元|港币|欧元|元|人民币)?(?:人民币)?"
)
ROUND = re.compile(r"(?P<round>天使\+?|种子|Pre-?A\+?|A\+{0,2}|B\+?|C\+?|D\+?|E\+?|F|Pre-?IPO|战略)\s*轮", re.I)
FUNDING_WORDS = re.compile(r"融资|领投|跟投|参投|获投")
# Money that is not a round raised by an organization.
MONEY_TRAPS = re.compile(
    r"总投资|投资建设|计划投资|拟投资|预算|经费|每年|年均|一年|产值|营收|营业收入|收入|利润|订单|合同|采购|"
    r"基金规模|规模为|首期|首关|募集|募资|出资|注册资本|补贴|奖励|资助|投入|市值|估值"
)


@dataclass(frozen=True)
class Amount:
    start: int
    end: int
    text: str
    value_min: float | None  # in the original currency
    value_max: float | None
    currency: str
    qualifier: str | None


def _number(num: str | None) -> tuple[float | None, float | None]:
    """(min, max) multiplier for the number part: 数/几 (several) spans 1 to 10."""
    if num in (None, ""):
        return 1.0, 1.0
    if num in ("数", "几"):
        return 1.0, 10.0
    if re.match(r"\d", num):
        value = float(num.replace(",", ""))
        return value, value
    total, current = 0, 0
    for ch in num:
        if ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = CN_DIGITS.get(ch, 0)
    value = float(total + current)
    return value, value


def find_amounts(text: str) -> list[Amount]:
    amounts = []
    for match in AMOUNT.finditer(text):
        if not match.group("num") and not match.group("qual") and not match.group("cur"):
            continue  # a bare 万 or 亿 inside a word
        low, high = _number(match.group("num"))
        unit = UNIT_VALUE[match.group("unit")]
        qualifier = QUALIFIER.get(match.group("qual") or match.group("num") or "")
        value_min, value_max = low * unit, high * unit
        if qualifier == "over":
            value_max = None
        elif qualifier == "nearly":
            value_min = None
        elif qualifier == "several":
            value_min, value_max = unit, unit * 10
        amounts.append(Amount(match.start(), match.end(), match.group().strip(), value_min, value_max,
                              CURRENCY.get(match.group("cur") or "", "CNY"), qualifier))
    return amounts


@cache
def fx_table() -> dict[str, dict[int, float]]:
    table: dict[str, dict[int, float]] = {}
    for row in read_rows("fx_rates.csv"):
        table.setdefault(row["currency"], {})[int(row["year"])] = float(row["cny_per_unit"])
    return table


def to_cny(value: float | None, currency: str, year: int | None) -> float | None:
    if value is None or currency == "CNY":
        return value
    rates = fx_table().get(currency)
    if not rates:
        return None
    rate_year = year if year in rates else max(rates)
    return value * rates[rate_year]




def funding_amount_in(sentence: str) -> tuple[Amount | None, str | None] | None:
    """The round described by a sentence, or None when the sentence raises no money.

    Returns (amount or None, round or None)."""
    if not FUNDING_WORDS.search(sentence):
        return None
    amounts = [a for a in find_amounts(sentence) if not MONEY_TRAPS.search(sentence[max(0, a.start - 8):a.start])]
    round_match = ROUND.search(sentence)
    if not amounts and not round_match:
        return None
    return (amounts[0] if amounts else None, _round_name(round_match.group("round")) if round_match else None)


def _round_name(raw: str) -> str:
    raw = raw.replace(" ", "")
    return {"种子": "Seed", "天使": "Angel", "天使+": "Angel+", "战略": "Strategic"}.get(raw, raw.upper().replace("PRE", "Pre"))


INVESTOR_LIST = re.compile(r"(?:投资人|投资方|投资机构|参投方|参投机构)(?:包括|为|有|是)[:：]?(?P<list>[^。；]+)")
LEAD = re.compile(r"由(?P<list>[^，。；]+?)(?:联合)?领投")
FOLLOW = re.compile(r"(?P<list>[^，。；由]+?)(?:跟投|参投)")
LATIN_NAME = re.compile(r"[A-Z][A-Za-z0-9&.'\-]*(?:\s+[A-Z0-9][A-Za-z0-9&.'\-]*){0,5}")


def investor_spans(sentence: str) -> list[tuple[int, int, bool]]:
    """Where a sentence lists investors: (start, end, is_lead) offsets into the sentence.
    Organizations mentioned inside a span are the round's investors."""
    spans = []
    for pattern, lead in ((LEAD, True), (INVESTOR_LIST, False), (FOLLOW, False)):
        for match in pattern.finditer(sentence):
            spans.append((match.start("list"), match.end("list"), lead))
    return spans


def latin_names(fragment: str) -> list[tuple[int, str]]:
    """Capitalised Latin names in a fragment of an investor list (Evergreen Scitech Delta)."""
    return [(m.start(), m.group().strip()) for m in LATIN_NAME.finditer(fragment) if len(m.group().strip()) >= 3]
