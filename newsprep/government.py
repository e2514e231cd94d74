"""Local government and Party bodies, generated from one table instead of listed by hand.

Every province-level unit and prefecture-level city has the same families of departments
(科学技术厅, 发展和改革委员会, 委组织部 …), named by a fixed pattern: the place's full name, then
the department's name (湖北省科学技术厅), with short forms in common use (湖北省科技厅). The table
resources/government_departments.csv lists the departments per level; the places come from the
national adcode table (places.py). Bodies whose names do not follow the pattern belong in the
hand-compiled gazetteer (gazetteer/central_government.csv and organizations.csv).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from newsprep import places
from newsprep.resources import read_rows

PARTY_PREFIX = "中共"
REGIONS_WITHOUT_MAINLAND_DEPARTMENTS = frozenset({"香港", "澳门", "台湾"})


@dataclass(frozen=True)
class Department:
    dept_id: str
    levels: tuple[str, ...]  # province, municipality, city
    only_in: frozenset[str]  # for municipality rows that apply to some municipalities only
    full: str
    short_forms: tuple[str, ...]
    type: str
    source: str


@dataclass(frozen=True)
class GeneratedBody:
    org_id: str
    name: str
    aliases: tuple[str, ...]
    type: str
    city: str | None
    province: str
    source: str


@cache
def departments() -> tuple[Department, ...]:
    items = []
    for row in read_rows("government_departments.csv"):
        level, _, only = row["level"].partition(":")
        items.append(Department(row["dept_id"], (level,), frozenset(p for p in only.split("|") if p),
                                row["full"], tuple(f for f in row["short_forms"].split("|") if f),
                                row["type"], row["source"]))
    return tuple(items)


def _level_of(place: places.Place) -> str:
    if place.adcode.endswith("0000"):
        return "municipality" if place.province in places.MUNICIPALITIES else "province"
    return "city"


def _governed_places() -> list[places.Place]:
    """Province-level units and prefecture-level cities, once each (not districts or counties)."""
    unique = {p.adcode: p for p in places.place_index().values() if p.adcode.endswith("00")}
    return [p for p in sorted(unique.values(), key=lambda p: p.adcode)
            if p.province not in REGIONS_WITHOUT_MAINLAND_DEPARTMENTS]


def _forms(place: places.Place, dept: Department) -> tuple[str, tuple[str, ...]]:
    """Canonical name and aliases of one department of one place. Party bodies (委组织部) are
    written with and without 中共 (中共湖北省委组织部, 湖北省委组织部)."""
    name = place.name + dept.full
    aliases = [place.name + short for short in dept.short_forms]
    if dept.full.startswith("委"):
        name, aliases = PARTY_PREFIX + name, [name, *aliases, *(PARTY_PREFIX + a for a in aliases)]
        if place.name.endswith("自治区"):  # an autonomous region's committee is its 党委: 广西壮族自治区党委组织部
            aliases += [place.name + "党" + form[len(PARTY_PREFIX + place.name):] for form in [name]]
            aliases += [place.name + "党" + short for short in dept.short_forms]
    return name, tuple(dict.fromkeys(a for a in aliases if a != name))


@cache
def generated_bodies() -> tuple[GeneratedBody, ...]:
    bodies = []
    for place in _governed_places():
        level = _level_of(place)
        city = place.city if level != "province" else None
        committee = f"{PARTY_PREFIX}{place.name}委员会"
        committee_aliases = [f"{PARTY_PREFIX}{place.name}委", f"{place.name}委"]
        if place.name.endswith("自治区"):
            committee_aliases.append(f"{place.name}党委")
        bodies.append(GeneratedBody(f"gov_{place.adcode}_party_committee", committee, tuple(committee_aliases), "government",
                                    city, place.province, "CPC local committee naming (中国共产党地方组织工作条例)"))
        for dept in departments():
            if level not in dept.levels or (dept.only_in and place.province not in dept.only_in):
                continue
            name, aliases = _forms(place, dept)
            bodies.append(GeneratedBody(f"gov_{place.adcode}_{dept.dept_id}", name, aliases, dept.type,
                                        city, place.province, dept.source))
    return tuple(bodies)


@cache
def level_forms() -> dict[str, dict[str, str]]:
    """For each level, every department form (full or short) → its full form: 科技厅 → 科学技术厅."""
    forms: dict[str, dict[str, str]] = {}
    for dept in departments():
        for level in dept.levels:
            table = forms.setdefault(level, {})
            for form in (dept.full, *dept.short_forms):
                table.setdefault(form.removeprefix("委") if dept.full.startswith("委") else form, dept.full)
    return forms


def contextual_name(level_word: str, form: str, place: "places.Place") -> str | None:
    """The full name meant by 省科技厅 or 市委 in a story about `place`: 湖北省科学技术厅."""
    if level_word == "市" and place.province in places.MUNICIPALITIES:
        level = "municipality"
    elif level_word == "市":
        level = "city"
    else:
        level = "province"
    if form in ("委", "党委"):
        return f"{PARTY_PREFIX}{place.name}委员会"
    full = level_forms().get(level, {}).get(form)
    if full is None:
        return None
    name = place.name + full
    return PARTY_PREFIX + name if full.startswith("委") else name
