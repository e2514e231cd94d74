"""Dates with an honest precision. A year is never invented: 5月9日 stays "month-day, year unknown"."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from dataclasses import dataclass
from functools import lru_cache

CHINA_TZ = dt.timezone(dt.timedelta(hours=8))


@dataclass(frozen=True)
class PartialDate:
    year: int | None = None
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        if self.year and self.month and self.day:
            return "day"
        if self.year and self.month:
            return "month"
        if self.year:
            return "year"
        if self.month:
            return "year_unknown"
        return "unknown"

    def iso(self) -> str | None:
        """YYYY-MM-DD, YYYY-MM or YYYY at the known precision; None without a year."""
        if not self.year:
            return None
        parts = [f"{self.year:04d}"] + [f"{v:02d}" for v in (self.month, self.day) if v]
        if self.day and not self.month:
            parts = parts[:1]
        return "-".join(parts)

    def label(self) -> str:
        """Human label; a date without a year says so."""
        if self.year:
            return self.iso() or ""
        if self.month and self.day:
            return f"{self.month}月{self.day}日 (year unknown)"
        if self.month:
            return f"{self.month}月 (year unknown)"
        return "unknown"


UNKNOWN = PartialDate()
EARLIEST_YEAR = 1949  # nothing in a news landscape of Chinese AI is dated before the PRC


def valid_calendar_date(year: int, month: int, day: int) -> bool:
    """A real calendar day in a plausible year (2024-02-30 and 2099-01-01 are not)."""
    if not EARLIEST_YEAR <= year <= dt.date.today().year + 1:
        return False
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    date: PartialDate
    relative: str | None = None  # 今年 / 去年 / 日前 … when the date leans on a reference
    is_plan: bool = False  # 预计到2025年, 生于1985年: a target or a birth, not the event's date


_Y = r"(?P<y>(?:19|20)\d{2})"
_M = r"(?P<m>1[0-2]|0?[1-9])"
_D = r"(?P<d>3[01]|[12]\d|0?[1-9])"
_S = r"\s*"
DATE_PATTERNS = [
    re.compile(_Y + _S + "年" + _S + _M + _S + "月" + _S + _D + _S + "[日号]"),
    re.compile(r"(?<!\d)" + _Y + r"[-/.]" + _M + r"[-/.]" + _D + r"(?!\d)"),
    re.compile(_Y + _S + "年" + _S + _M + _S + "月"),
    re.compile(r"(?P<rel>今年|去年|前年|明年)" + "(?:" + _S + _M + _S + "月(?:" + _S + _D + _S + "[日号])?)?"),
    re.compile(r"(?<![\d年])" + _M + _S + "月" + _S + _D + _S + "[日号]"),
    re.compile(r"(?<![\d年月])" + _M + _S + r"月(?:初|中旬|下旬|上旬|底|末|份|中)?(?![\d日号])"),  # 7月初: a month, year from the story
    re.compile(r"(?<!\d)" + _Y + _S + r"年(?:度)?(?![\d])"),
    re.compile(r"(?P<rel>日前|近日|近期|日内)"),
    re.compile(r"(?P<rel>今日|今天|今晨|昨日|昨天|前天|前日)"),
    re.compile(r"(?P<rel>现)(?=将|印发|予以|公布|发布|征求)"),  # 现印发给你们: the notice's own date
    re.compile(r"(?<![\d月年号])(?P<rel>(?P<dd>3[01]|[12]\d|0?[1-9])\s*日)(?![\d])"),  # (9日), 29日: a day of the story's month
]
RELATIVE_YEAR_OFFSET = {"今年": 0, "去年": -1, "前年": -2, "明年": 1}
RELATIVE_DAY_OFFSET = {"今日": 0, "今天": 0, "今晨": 0, "现": 0, "昨日": -1, "昨天": -1, "前天": -2, "前日": -2}
# 《…(2025—2027年)》: a date inside a document's title names its period, not when anything happened
TITLE_SPAN = re.compile(r"《[^》]{0,80}》")
PLAN_BEFORE = re.compile(r"(?:(预计|计划|争取|力争|目标)?(到|至|截至)|生于|出生于|出生在|诞生于)\s*$")


def _to_int(value: str | None) -> int | None:
    return int(value) if value else None


@lru_cache(maxsize=4096)  # a sentence is read for dates once per event it tells
def find_dates(text: str, reference: PartialDate | None = None) -> list[DateMention]:
    """Every date expression in `text`, resolved against `reference` (the publication date) only
    where the expression is relative and the reference has a year."""
    taken: list[tuple[int, int]] = [m.span() for m in TITLE_SPAN.finditer(text)]
    found: list[DateMention] = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() < e and s < match.end() for s, e in taken):
                continue
            groups = match.groupdict()
            relative = groups.get("rel")
            date = _plausible(PartialDate(_to_int(groups.get("y")), _to_int(groups.get("m")), _to_int(groups.get("d"))))
            if date is None:
                continue  # 1900年 or 2099年: not a date of this landscape
            if relative:
                date = _resolve_relative(relative, date, reference, _to_int(groups.get("dd")))
            is_plan = bool(PLAN_BEFORE.search(text[max(0, match.start() - 6):match.start()]))
            taken.append((match.start(), match.end()))
            found.append(DateMention(match.start(), match.end(), match.group(), date, relative, is_plan))
    return sorted(found, key=lambda m: m.start)


def _plausible(date: PartialDate) -> PartialDate | None:
    """A date as precise as the calendar allows: 2024年2月30日 keeps its month and drops the day
    (there is no such day); a year outside the plausible range is no date at all (None)."""
    if date.year and not EARLIEST_YEAR <= date.year <= dt.date.today().year + 1:
        return None
    if date.day and date.month and not valid_calendar_date(date.year or 2000, date.month, date.day):
        return PartialDate(date.year, date.month)
    return date


def anchored(date: PartialDate, reference: PartialDate | None) -> PartialDate:
    """A month-day without a year (7月10日) in a story of known date happened in the story's year,
    or the year before when that month lies after the story's own month (a December event told in
    January). Without a dated reference it stays without a year."""
    if date.year or not date.month or not reference or not reference.year:
        return date
    year = reference.year
    if reference.month and date.month > reference.month:
        year -= 1
    return PartialDate(year, date.month, date.day)


def _resolve_relative(word: str, date: PartialDate, reference: PartialDate | None,
                      day_of_month: int | None = None) -> PartialDate:
    ref_year = reference.year if reference else None
    if word in RELATIVE_DAY_OFFSET or day_of_month:
        if not (reference and reference.precision == "day"):
            return UNKNOWN  # 昨日 or 9日 without a story date of its own is no date at all
        ref = dt.date(reference.year, reference.month, reference.day)
        if day_of_month:
            if day_of_month > ref.day:  # a day after the story's own: the month before
                ref = ref.replace(day=1) - dt.timedelta(days=1)
            if not valid_calendar_date(ref.year, ref.month, day_of_month):
                return UNKNOWN
            return PartialDate(ref.year, ref.month, day_of_month)
        day = ref + dt.timedelta(days=RELATIVE_DAY_OFFSET[word])
        return PartialDate(day.year, day.month, day.day)
    if word in RELATIVE_YEAR_OFFSET:
        year = ref_year + RELATIVE_YEAR_OFFSET[word] if ref_year else None
        return PartialDate(year, date.month, date.day if date.month else None)
    # 日前/近日: "a few days ago": as precise as the reference month, and only with a reference.
    if reference and reference.year and reference.month:
        return PartialDate(reference.year, reference.month)
    return UNKNOWN


def parse_date_string(value: str | None) -> PartialDate:
    """A metadata date (front matter, JSON, CSV, HTML meta) in any common shape."""
    if not value:
        return UNKNOWN
    value = str(value).strip()
    if re.fullmatch(r"\d{10}(\d{3})?", value):  # Unix time in seconds or milliseconds
        seconds = int(value[:10])
        stamp = dt.datetime.fromtimestamp(seconds, CHINA_TZ)
        return _plausible(PartialDate(stamp.year, stamp.month, stamp.day)) or UNKNOWN
    try:
        parsed = email.utils.parsedate_to_datetime(value)  # Fri, 22 Jul 2022 13:40:09 GMT
        if parsed.tzinfo:
            parsed = parsed.astimezone(CHINA_TZ)
        return _plausible(PartialDate(parsed.year, parsed.month, parsed.day)) or UNKNOWN
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    iso = re.match(r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$", value)
    if iso:
        try:
            parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(CHINA_TZ)
            return _plausible(PartialDate(parsed.year, parsed.month, parsed.day)) or UNKNOWN
        except (ValueError, OverflowError):
            pass  # 2023-02-30T10:00+08:00: read below at the precision the calendar allows
    mentions = [m for m in find_dates(value) if not m.relative]
    return mentions[0].date if mentions else UNKNOWN


DATELINE = re.compile(r"^.{0,12}?[\u4e00-\u9fff]{2,8}" + _M + "月" + _D + r"日\s*电")
HEAD_SCAN_CHARS = 120


def dateline_date(text: str, head_date_line: str | None = None) -> PartialDate:
    """The publication date a story states about itself at its head: a wire dateline
    (新华网北京5月9日电) or a bare date line above the text (06-21, 2023-09-08)."""
    head = text[:HEAD_SCAN_CHARS]
    match = DATELINE.search(head)
    if match:
        return _plausible(PartialDate(None, int(match.group("m")), int(match.group("d")))) or UNKNOWN
    if head_date_line:
        full = re.match(r"^" + _Y + r"[-/.年]" + _M + r"[-/.月]" + _D, head_date_line)
        if full:
            return _plausible(PartialDate(int(full.group("y")), int(full.group("m")), int(full.group("d")))) or UNKNOWN
        short = re.match(r"^" + _M + r"[-/.月]" + _D, head_date_line)
        if short:
            return _plausible(PartialDate(None, int(short.group("m")), int(short.group("d")))) or UNKNOWN
    return UNKNOWN
