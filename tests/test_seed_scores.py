"""Extraction on the sample articles, scored against the team's gold annotations.

The floors are the bars the project committed to; they are checked on the output of the real
extract command, scored by the shared scorer."""

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

FLOORS = {
    "org_precision": 0.90,
    "org_recall_core": 0.95,
    "org_type_acc": 0.90,
    "org_province_acc": 0.90,
    "published_acc": 1.0,
    "event_recall": 0.80,
    "funding_recall": 1.0,
    "investor_recall": 1.0,
    "people_recall": 0.80,
}
CEILINGS = {"boilerplate_leaks": 0, "invented_dates": 0, "missing_articles": 0}


@pytest.fixture(scope="module")
def summary(shared, scorer):
    done = subprocess.run([sys.executable, "-m", "newsprep", "extract", str(shared / "seeds")],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    gold = json.loads((shared / "gold" / "seeds.json").read_text(encoding="utf-8"))
    totals, _ = scorer.score(gold, json.loads(done.stdout))
    t = totals
    return {
        "org_precision": t["org_pred_ok"] / t["org_pred"], "org_recall_core": t["core_found"] / t["core"],
        "org_type_acc": t["type_ok"] / t["type_n"], "org_province_acc": t["prov_ok"] / t["prov_n"],
        "published_acc": t["pub_ok"] / t["pub_n"], "event_recall": t["ev_found"] / t["ev_gold"],
        "funding_recall": t["fund_found"] / t["fund_gold"], "investor_recall": t["inv_found"] / t["inv_gold"],
        "people_recall": t["ppl_found"] / t["ppl_gold"], "boilerplate_leaks": t["leaks"],
        "invented_dates": t["invented"], "missing_articles": t["missing_articles"],
    }


@pytest.mark.parametrize("metric, floor", FLOORS.items())
def test_metric_reaches_its_floor(summary, metric, floor):
    assert summary[metric] >= floor


@pytest.mark.parametrize("metric, ceiling", CEILINGS.items())
def test_metric_stays_under_its_ceiling(summary, metric, ceiling):
    assert summary[metric] <= ceiling


def test_funding_round_has_the_exact_amount(shared):
    done = subprocess.run([sys.executable, "-m", "newsprep", "extract", str(shared / "seeds" / "004_bd4c11668fb333c7.txt")],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    [article] = json.loads(done.stdout)
    assert [f["amount_cny"] for f in article["funding"]] == [700000000.0]
