"""The gazetteer files are real data with a fixed shape: every row is checked here."""

import re

import pytest

from newsprep.gazetteer import ORG_TYPES, gazetteer_rows
from newsprep.places import PROVINCES

ROWS = gazetteer_rows()
COLUMNS = ["org_id", "name", "aliases", "english", "type", "city", "province", "source"]


def test_every_row_has_the_columns_a_known_type_and_a_source():
    problems = []
    for file, row in ROWS:
        if list(row) != COLUMNS:
            problems.append(f"{file}: {row.get('org_id')}: columns {list(row)}")
        elif row["type"] not in ORG_TYPES:
            problems.append(f"{file}: {row['org_id']}: type {row['type']!r}")
        elif not row["source"] or not row["name"]:
            problems.append(f"{file}: {row['org_id']}: empty name or source")
        elif row["province"] and row["province"] not in PROVINCES:
            problems.append(f"{file}: {row['org_id']}: province {row['province']!r} is not a short province name")
        elif not re.fullmatch(r"[a-z0-9_]+", row["org_id"]):
            problems.append(f"{file}: {row['org_id']}: org_id must be lower-case ASCII with underscores")
    assert problems == []


def test_ids_and_names_are_unique_across_files():
    seen_ids, seen_names, clashes = {}, {}, []
    for file, row in ROWS:
        if row["org_id"] in seen_ids:
            clashes.append(f"id {row['org_id']} in {seen_ids[row['org_id']]} and {file}")
        seen_ids[row["org_id"]] = file
        if row["name"] in seen_names:
            clashes.append(f"name {row['name']} in {seen_names[row['name']]} and {file}")
        seen_names[row["name"]] = file
    assert clashes == []


def test_no_alias_is_another_rows_name():
    names = {row["name"]: row["org_id"] for _, row in ROWS}
    clashes = [f"{row['org_id']} alias {alias} is the name of {names[alias]}"
               for _, row in ROWS for alias in row["aliases"].split("|")
               if alias and alias in names and names[alias] != row["org_id"]]
    assert clashes == []


@pytest.mark.parametrize("minimum", [1500])
def test_the_gazetteer_covers_the_landscape(minimum):
    assert len(ROWS) >= minimum
