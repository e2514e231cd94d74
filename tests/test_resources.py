"""Every rule and word file loads: a broken row (an unquoted comma in a regex) fails here, not on
every article of a build."""

import pytest

from newsprep import clean, events, funding, furniture, gazetteer, government, money, orgs, people, places, relations

LOADERS = [
    clean.boilerplate_markers, events.triggers, relations.relation_patterns, funding.funding_cues,
    funding.money_traps, furniture.furniture_rules, government.generated_bodies, money.fx_table,
    gazetteer.gazetteer, orgs.suffixes, orgs.designation_prefixes, orgs.evaluative_words, orgs.role_words,
    orgs.foreign_places, orgs.generic_words, people._roles, people._surnames, places.place_index,
]


@pytest.mark.parametrize("loader", LOADERS, ids=lambda f: f"{f.__module__}.{f.__name__}")
def test_resource_loads_and_is_not_empty(loader):
    loaded = loader()
    assert len(getattr(loaded, "orgs", loaded)) > 0


@pytest.mark.parametrize("role", ["left_stop", "inner", "follower", "not_follower", "descriptor", "venue_ending"])
def test_every_name_word_list_has_words(role):
    assert len(orgs.name_words(role)) > 0


def test_the_held_out_benchmark_works_on_a_copy_and_never_touches_the_tracked_files(tmp_path):
    import hashlib
    import importlib.util
    import json
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    tracked = ROOT / "newsprep" / "resources" / "organizations.csv"
    before = hashlib.sha256(tracked.read_bytes()).hexdigest()
    spec = importlib.util.spec_from_file_location("heldout", ROOT / "bench" / "heldout_gazetteer.py")
    heldout = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(heldout)
    assert heldout.held_out_copy(tmp_path / "resources", {"之江实验室"}) == 1
    article = tmp_path / "a.txt"
    article.write_text("之江实验室与北京大学签署战略合作协议。", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "newsprep", "extract", str(article)], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, "NEWSPREP_RESOURCES": str(tmp_path / "resources")}, timeout=300)
    [result] = json.loads(done.stdout)
    assert {o["org_id"] for o in result["organizations"]} >= {"uni_pku"}
    assert "lab_zhejiang" not in {o["org_id"] for o in result["organizations"]}  # found by the rules, not the gazetteer
    assert hashlib.sha256(tracked.read_bytes()).hexdigest() == before
