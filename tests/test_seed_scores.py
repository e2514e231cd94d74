"""Extraction on the five sample articles, scored against gold annotations, on the output of the real
extract command.

Two golds, the same floors:
  * the project's own annotation, tests/fixtures/sample_gold.json, scored by tests/sample_scoring.py:
    runs everywhere, a newcomer's clone included;
  * the team's annotation, ../shared/gold/seeds.json, scored by the official
    ../shared/tools/score_extraction.py: runs where ../shared sits beside the clone, skipped elsewhere.
"""

import json
import subprocess
import sys

import pytest

from tests import sample_scoring
from tests.conftest import ROOT

SAMPLE_GOLD = ROOT / "tests" / "fixtures" / "sample_gold.json"

# The bars the project committed to; they only ever go up.
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


def extract(path) -> list[dict]:
    done = subprocess.run([sys.executable, "-m", "newsprep", "extract", str(path)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def official_summary(totals: dict) -> dict:
    """The official scorer's figures from its totals (its summary is built in its main())."""
    t = totals
    return {
        "org_precision": t["org_pred_ok"] / t["org_pred"], "org_recall_core": t["core_found"] / t["core"],
        "org_type_acc": t["type_ok"] / t["type_n"], "org_province_acc": t["prov_ok"] / t["prov_n"],
        "published_acc": t["pub_ok"] / t["pub_n"], "event_recall": t["ev_found"] / t["ev_gold"],
        "funding_recall": t["fund_found"] / t["fund_gold"], "investor_recall": t["inv_found"] / t["inv_gold"],
        "funding_precision": t["fund_pred_ok"] / t["fund_pred"] if t["fund_pred"] else float("nan"),
        "people_recall": t["ppl_found"] / t["ppl_gold"], "boilerplate_leaks": t["leaks"],
        "invented_dates": t["invented"], "missing_articles": t["missing_articles"],
    }


@pytest.fixture(scope="module")
def sample_predictions(samples):
    return extract(samples)


@pytest.fixture(scope="module")
def project_score(sample_predictions):
    gold = json.loads(SAMPLE_GOLD.read_text(encoding="utf-8"))
    return sample_scoring.score(gold, sample_predictions)


@pytest.fixture(scope="module")
def team_predictions(shared):
    return extract(shared / "seeds")


@pytest.fixture(scope="module")
def team_gold(shared):
    return json.loads((shared / "gold" / "seeds.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def team_summary(team_gold, team_predictions, scorer):
    totals, _ = scorer.score(team_gold, team_predictions)
    return official_summary(totals)


def test_the_project_gold_annotates_every_sample(samples):
    gold = json.loads(SAMPLE_GOLD.read_text(encoding="utf-8"))
    assert sorted(a["file"] for a in gold) == sorted(p.name for p in samples.iterdir() if p.is_file())


@pytest.mark.parametrize("metric, floor", FLOORS.items())
def test_samples_reach_the_floor_on_the_project_gold(project_score, metric, floor):
    summary, details = project_score
    assert summary[metric] >= floor, f"{metric} {summary[metric]} < {floor}\n{sample_scoring.report(details)}"


@pytest.mark.parametrize("metric, ceiling", CEILINGS.items())
def test_samples_stay_under_the_ceiling_on_the_project_gold(project_score, metric, ceiling):
    summary, details = project_score
    assert summary[metric] <= ceiling, f"{metric} {summary[metric]} > {ceiling}\n{sample_scoring.report(details)}"


@pytest.mark.parametrize("metric, floor", FLOORS.items())
def test_samples_reach_the_floor_on_the_team_gold(team_summary, metric, floor):
    assert team_summary[metric] >= floor


@pytest.mark.parametrize("metric, ceiling", CEILINGS.items())
def test_samples_stay_under_the_ceiling_on_the_team_gold(team_summary, metric, ceiling):
    assert team_summary[metric] <= ceiling


def test_the_project_scorer_agrees_with_the_official_one(team_gold, team_predictions, team_summary):
    ours, _ = sample_scoring.score(team_gold, team_predictions)
    assert {k: ours[k] for k in team_summary} == pytest.approx(team_summary, nan_ok=True)


def test_funding_round_has_the_exact_amount(sample_predictions):
    [article] = [a for a in sample_predictions if a["file"] == "004_bd4c11668fb333c7.txt"]
    assert [f["amount_cny"] for f in article["funding"]] == [700000000.0]
