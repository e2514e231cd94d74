"""Money amounts in Chinese news (超7亿元, 数亿美元, 1.2亿港元) and their value in yuan.

Which amounts are funding rounds is decided in funding.py; this module only reads amounts. The
currency comes from the amount's own unit (3亿多美元 is USD), never from a gloss beside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from newsprep.resources import read_rows

CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNIT_VALUE = {"万": 1e4, "十万": 1e5, "百万": 1e6, "千万": 1e7, "亿": 1e8, "十亿": 1e9, "百亿": 1e10}
CURRENCY = {"元": "CNY", "人民币": "CNY", "美元": "USD", "美金": "USD", "港元": "HKD", "港币": "HKD", "欧元": "EUR",
            "英镑": "GBP", "日元": "JPY"}
QUALIFIER = {"不少于": "over", "不低于": "over", "至少": "over", "超": "over", "超过": "over", "逾": "over", "过": "over", "上": "over", "近": "nearly",
             "将近": "nearly", "约": "about", "达": "about", "高达": "about", "数": "several", "几": "several"}

AMOUNT = re.compile(
    r"(?P<qual>不少于|不低于|至少|超过|超|逾|将近|近|约|高达|达|过|上)?\s*"
    r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?|[一二两三四五六七八九十]+|数|几)?\s*"
    r"(?P<unit>十万|百万|千万|十亿|百亿|万|亿)\s*(?:多|余)?\s*"
    r"(?P<cur>美元|美金|港元|港币|欧元|英镑|日元|元|人民币)?(?:人民币)?"
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


# No round, fund or market figure in this landscape reaches 100 万亿 (1e14) in any currency; a
# larger figure is a typo or junk (400 digits would become inf).
MAX_PLAUSIBLE_AMOUNT = 1e14
MINUS_BEFORE = re.compile(r"(?:-|－|−|负)\s*$")


def find_amounts(text: str) -> list[Amount]:
    """Money amounts with their range, currency and qualifier. A negative amount (-5亿元, a loss)
    and an implausibly large one are not amounts anyone raised, and are left out."""
    amounts = []
    for match in AMOUNT.finditer(text):
        if not match.group("num") and not match.group("qual") and not match.group("cur"):
            continue  # a bare 万 or 亿 inside a word
        if MINUS_BEFORE.search(text, max(0, match.start() - 2), match.start()) and not match.group("qual"):
            continue
        low, high = _number(match.group("num"))
        unit = UNIT_VALUE[match.group("unit")]
        if not (low * unit < MAX_PLAUSIBLE_AMOUNT and high * unit < MAX_PLAUSIBLE_AMOUNT):
            continue
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
