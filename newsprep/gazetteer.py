"""The gazetteer: real organizations read from resources/organizations.csv and the family files
under resources/gazetteer/, plus the local government bodies generated from the department table.
Every surface form (name, aliases, English name) is matched in one Aho–Corasick pass.

It depends only on the resource files (and the place table behind the generated bodies), so the
tokenizer (nlp.py) and the name rules (orgs.py) can both use it without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from newsprep.government import generated_bodies
from newsprep.errors import RuleFileError
from newsprep.resources import RESOURCE_DIR, read_rows

ORG_TYPES = ("university", "research_institute", "lab", "company", "investor", "government",
             "alliance", "media", "hospital", "other")
GAZETTEER_FILES = ("organizations.csv", "gazetteer/*.csv")


@dataclass(frozen=True)
class KnownOrg:
    org_id: str
    name: str
    aliases: tuple[str, ...]
    english: str | None
    type: str
    city: str | None
    province: str | None
    source: str

    @property
    def surface_forms(self) -> tuple[str, ...]:
        forms = [self.name, *self.aliases]
        if self.english:
            forms.append(self.english)
        return tuple(dict.fromkeys(f for f in forms if f))


@dataclass
class Gazetteer:
    orgs: list[KnownOrg]  # hand-compiled rows (the generated government bodies are only matched)
    by_form: dict[str, KnownOrg]
    automaton: object  # ahocorasick.Automaton over every surface form


def gazetteer_rows() -> list[tuple[str, dict[str, str]]]:
    """(file name, row) for every hand-compiled gazetteer row: organizations.csv first, then the
    family files under gazetteer/ (universities, institutes, companies …) in name order."""
    rows = []
    for pattern in GAZETTEER_FILES:
        for path in sorted(RESOURCE_DIR.glob(pattern)):
            name = str(path.relative_to(RESOURCE_DIR))
            rows.extend((name, row) for row in read_rows(name))
    return rows


@cache
def gazetteer() -> Gazetteer:
    import ahocorasick

    orgs = []
    for name, row in gazetteer_rows():
        if row["type"] not in ORG_TYPES:
            raise RuleFileError(f"newsprep/resources/{name}: the row {row['org_id']} has the unknown type {row['type']!r}; "
                                f"use one of {', '.join(ORG_TYPES)}.")
        orgs.append(KnownOrg(
            org_id=row["org_id"], name=row["name"],
            aliases=tuple(a.strip() for a in row["aliases"].split("|") if a.strip()),
            english=row["english"] or None, type=row["type"], city=row["city"] or None,
            province=row["province"] or None, source=row["source"],
        ))
    generated = [KnownOrg(b.org_id, b.name, b.aliases, None, b.type, b.city, b.province, b.source)
                 for b in generated_bodies()]
    by_form: dict[str, KnownOrg] = {}
    # a form claimed by two rows keeps the first: hand-compiled rows (in file order) before generated ones
    for org in [*orgs, *generated]:
        for form in org.surface_forms:
            by_form.setdefault(form, org)
            if " " in form:  # MIT 科技评论 is also written MIT科技评论
                by_form.setdefault(form.replace(" ", ""), org)
    automaton = ahocorasick.Automaton()
    for form in by_form:
        automaton.add_word(form, form)
    automaton.make_automaton()
    return Gazetteer(orgs, by_form, automaton)
