"""Curation: corrections recorded once, re-applied by every build, refused or reported when wrong."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsprep.build import build_snapshot
from newsprep.cli import main
from newsprep.curation import read_log
from newsprep.store import load_tables

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "articles"
SYNDICATION = ROOT / "tests" / "fixtures" / "syndication"


@pytest.fixture(scope="module")
def article_cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture
def landscape(tmp_path, article_cache, monkeypatch):
    """A clone's data folder of its own: tables, cache and curation log under tmp_path."""
    log = tmp_path / "curation" / "log.jsonl"
    monkeypatch.setenv("NEWSPREP_CURATION", str(log))
    tables = tmp_path / "tables"
    build_snapshot([SAMPLES, SYNDICATION], out=tables, cache_dir=article_cache)
    return tables, log


def curate(tables: Path, *args: str) -> int:
    return main(["curate", "--tables", str(tables), *args])


def org_row(tables: Path, org_id: str):
    orgs = load_tables(tables)["organizations"].set_index("org_id")
    return orgs.loc[org_id] if org_id in orgs.index else None


def test_every_operation_survives_deleting_the_tables_and_the_cache(landscape, tmp_path, article_cache):
    tables, log = landscape
    orgs = load_tables(tables)["organizations"]
    investors = orgs[orgs["type"] == "investor"]["org_id"].tolist()
    assert curate(tables, "rename", "co_dp_technology", "深势科技 DP Technology", "--why", "show both names") == 0
    assert curate(tables, "set", "co_dp_technology", "province", "上海", "--why", "moved") == 0
    assert curate(tables, "merge", investors[0], investors[1], "--why", "one fund family") == 0
    assert curate(tables, "hide", "round", load_tables(tables)["funding"]["funding_id"].iloc[0], "--why", "not a round") == 0
    expected = load_tables(tables)

    shutil.rmtree(tables)
    shutil.rmtree(article_cache)
    build_snapshot([SAMPLES, SYNDICATION], out=tables, cache_dir=article_cache)
    rebuilt = load_tables(tables)
    dp = rebuilt["organizations"].set_index("org_id").loc["co_dp_technology"]
    assert (dp["name"], dp["province"], dp["place_source"]) == ("深势科技 DP Technology", "上海", "curation")
    assert investors[1] not in set(rebuilt["organizations"]["org_id"])
    merged = rebuilt["org_aliases"].set_index("alias_org_id").loc[investors[1]]
    assert (merged["org_id"], merged["reason"]) == (investors[0], "curation")
    assert rebuilt["funding"].empty
    for name in ("organizations", "funding", "org_aliases", "events"):
        assert len(rebuilt[name]) == len(expected[name]), name


def test_undo_cancels_the_newest_change_and_the_log_keeps_both(landscape):
    tables, log = landscape
    before = org_row(tables, "co_dp_technology")["name"]
    assert curate(tables, "rename", "co_dp_technology", "别名", "--why", "try") == 0
    assert org_row(tables, "co_dp_technology")["name"] == "别名"
    assert curate(tables, "undo") == 0
    assert org_row(tables, "co_dp_technology")["name"] == before
    assert [e["op"] for e in read_log(log)] == ["rename", "undo"]


def test_hide_and_restore(landscape, capsys):
    tables, _ = landscape
    assert curate(tables, "hide", "organization", "co_dp_technology", "--why", "test") == 0
    hidden = load_tables(tables)
    assert "co_dp_technology" not in set(hidden["organizations"]["org_id"])
    assert "co_dp_technology" not in set(hidden["org_mentions"]["org_id"])
    assert "co_dp_technology" not in set(hidden["funding"]["recipient_org_id"])
    assert curate(tables, "restore", "organization", "co_dp_technology", "--why", "was right") == 0
    assert org_row(tables, "co_dp_technology") is not None
    capsys.readouterr()
    assert curate(tables, "list") == 0
    assert [line.split()[2] for line in capsys.readouterr().out.splitlines()] == ["restored", "applied"]


def test_hiding_an_article_takes_its_facts_and_leaves_its_copies(landscape):
    tables, _ = landscape
    articles = load_tables(tables)["articles"]
    short_report = articles[articles["source_path"].str.contains("short_report")]["article_id"].iloc[0]
    assert curate(tables, "hide", "article", short_report, "--why", "duplicate press release") == 0
    after = load_tables(tables)
    assert short_report not in set(after["articles"]["article_id"])
    assert short_report not in set(after["funding_sources"]["article_id"])
    assert len(after["funding_sources"]) == 2  # the sample and its syndicated copy still report the round


@pytest.mark.parametrize("args, message", [
    (["merge", "co_dp_technology", "new_missing", "--why", "x"], "no organization new_missing"),
    (["merge", "co_dp_technology", "co_dp_technology", "--why", "x"], "cannot be merged with itself"),
    (["set", "co_dp_technology", "type", "startup", "--why", "x"], "unknown type 'startup'"),
    (["set", "co_dp_technology", "city", "火星", "--why", "x"], "'火星' is not a known city"),
    (["set", "co_dp_technology", "english", "DP", "--why", "x"], "only type, city, province can be set"),
    (["hide", "planet", "x", "--why", "x"], "only organization, event, round, relation, article can be hidden"),
    (["hide", "relation", "a|b", "--why", "x"], "a relation is named ORG_A|ORG_B|TYPE"),
    (["rename", "co_dp_technology", "新名", "--why", " "], "say why"),
], ids=["unknown-id", "self-merge", "unknown-type", "unknown-place", "unsettable-field", "unknown-kind",
        "bad-relation-id", "no-reason"])
def test_a_wrong_change_is_refused_in_one_sentence_and_not_logged(landscape, capsys, args, message):
    tables, log = landscape
    assert curate(tables, *args) == 1
    error = capsys.readouterr().err.strip()
    assert message in error and error.count("\n") == 0
    assert read_log(log) == []


def test_a_change_that_no_longer_applies_is_listed_as_stale(landscape, tmp_path, article_cache, capsys):
    tables, _ = landscape
    assert curate(tables, "rename", "co_dp_technology", "深势", "--why", "short name") == 0
    build_snapshot([next(SAMPLES.glob("000_*"))], out=tables, cache_dir=article_cache)  # 深势科技 is not in it
    capsys.readouterr()
    assert curate(tables, "list", "--stale") == 0
    listed = capsys.readouterr().out
    assert "stale" in listed and "no organization co_dp_technology is in the tables" in listed


def test_a_damaged_log_line_is_reported_and_the_rest_still_apply(landscape, capsys):
    tables, log = landscape
    assert curate(tables, "rename", "co_dp_technology", "深势", "--why", "short name") == 0
    with open(log, "a", encoding="utf-8") as handle:
        handle.write('{"op": "explode"}\n')
    capsys.readouterr()
    assert curate(tables, "list") == 0
    captured = capsys.readouterr()
    assert "line 2" in captured.err and "is ignored" in captured.err
    assert "applied" in captured.out
