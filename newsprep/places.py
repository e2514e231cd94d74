"""Chinese places: names to province, city, adcode and coordinates, from cpca's adcode table."""

from __future__ import annotations

import csv
import importlib.util
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from newsprep.resources import read_rows

PROVINCE_SUFFIX = re.compile(r"(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$")
CITY_SUFFIX = re.compile(r"(?<=^[\u4e00-\u9fff]{2})(?:[\u4e00-\u9fff]{0,6}族)*自治州$|(市|地区|盟)$")
MUNICIPALITIES = {"北京", "上海", "天津", "重庆"}
# The 34 province-level units in the short form every table uses (GB/T 2260).
PROVINCES = frozenset(
    "北京 天津 河北 山西 内蒙古 辽宁 吉林 黑龙江 上海 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 广西 "
    "海南 重庆 四川 贵州 云南 西藏 陕西 甘肃 青海 宁夏 新疆 台湾 香港 澳门".split()
)


@dataclass(frozen=True)
class Place:
    name: str  # full name: 浙江省, 杭州市
    province: str  # short: 浙江
    city: str | None  # short: 杭州; None for a whole province
    adcode: str
    longitude: float | None
    latitude: float | None

    @property
    def level(self) -> str:
        return "city" if self.city else "province"


def _adcode_file() -> Path:
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the cpca package is missing; run the install command from the README")
    return Path(list(spec.submodule_search_locations)[0]) / "resources" / "adcodes.csv"


def _coordinate(value: str) -> float | None:
    return float(value) if value else None


@cache
def place_index() -> dict[str, Place]:
    """Full and short names of every province and city (districts by full name only)."""
    with open(_adcode_file(), encoding="utf-8") as handle:
        rows = sorted(csv.DictReader(handle), key=lambda r: r["adcode"])
    by_code: dict[str, Place] = {}  # 6-digit adcode → place, parents before children
    index: dict[str, Place] = {}
    for row in rows:
        code, name = row["adcode"][:6], row["name"]
        lon, lat = _coordinate(row["longitude"]), _coordinate(row["latitude"])
        if code.endswith("0000"):
            short = PROVINCE_SUFFIX.sub("", name) or name
            by_code[code] = Place(name, short, short if short in MUNICIPALITIES else None, code, lon, lat)
            continue
        province = by_code.get(code[:2] + "0000")
        if province is None:
            continue
        if code.endswith("00"):
            if province.province in MUNICIPALITIES:
                continue  # 市辖区 rows: a municipality is its own city
            short = CITY_SUFFIX.sub("", name) or name
            place = Place(name, province.province, short, code, lon or province.longitude, lat or province.latitude)
            by_code[code] = place
            index.setdefault(name, place)
            if len(short) >= 2:
                index.setdefault(short, place)
        else:
            parent = by_code.get(code[:4] + "00") or province
            place = Place(name, province.province, parent.city, code,
                          lon or parent.longitude, lat or parent.latitude)
            index.setdefault(name, place)
    for place in by_code.values():  # provinces win over a city of the same short name (吉林)
        if place.adcode.endswith("0000"):
            index[place.name] = place
            index[place.province] = place
    for row in read_rows("place_abbreviations.csv"):
        target = index.get(row["place"])
        if target:
            index.setdefault(row["abbreviation"], target)
    return index


def lookup(name: str | None) -> Place | None:
    return place_index().get(name) if name else None


def place_of(city: str | None, province: str | None) -> Place | None:
    """The most precise place known for a city/province pair."""
    return lookup(city) or lookup(province)


def place_prefix(name: str) -> Place | None:
    """The place a name starts with: 北京大学 → 北京, 成都高新区 → 成都 (longest match)."""
    index = place_index()
    for length in range(min(8, len(name) - 1), 1, -1):
        place = index.get(name[:length])
        if place is not None:
            return place
    return None


# 在京举行, 来沪签约: a one-character abbreviation counts only between a verb of place and of action
ABBREVIATION_BEFORE = "在来赴进抵于返离"
ABBREVIATION_AFTER = "举召开出落签"


@cache
def abbreviated_place() -> re.Pattern:
    """The phrase pattern built from resources/place_abbreviations.csv."""
    letters = "".join(re.escape(row["abbreviation"]) for row in read_rows("place_abbreviations.csv"))
    return re.compile(f"[{ABBREVIATION_BEFORE}]([{letters}])(?=[{ABBREVIATION_AFTER}])")


def places_in(text: str, tokens, offset: int = 0) -> list[tuple[int, int, Place]]:
    """Places a sentence names: whole jieba tokens that are place names (so 合作 never reads as
    合作市), plus one-character abbreviations in 在京举行-style phrases. Token offsets are kept as
    they are; `offset` is where `text` starts in the document, so all offsets agree."""
    index = place_index()
    found = [(t.start, t.end, index[t.text]) for t in tokens if len(t.text) >= 2 and t.text in index]
    for match in abbreviated_place().finditer(text):
        place = index.get(match.group(1))
        if place:
            found.append((offset + match.start(1), offset + match.end(1), place))
    return sorted(found, key=lambda item: item[0])
