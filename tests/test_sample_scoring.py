"""The project's scorer (tests/sample_scoring.py) on small hand-made cases."""

import math

import pytest

from tests.sample_scoring import date_matches, normalize, score

GOLD = [{
    "id": "a1", "file": "a1.txt", "published": "2023-04",
    "organizations": [
        {"name": "深势科技", "mentions": ["深势科技", "深势"], "english": "DP Technology", "type": "company",
         "province": "北京", "salience": "core"},
        {"name": "和玉资本", "mentions": ["和玉资本"], "english": "MSA Capital", "type": "investor",
         "province": "北京", "salience": "core"},
        {"name": "新华网", "mentions": ["新华网"], "type": "media", "province": "北京", "salience": "minor"},
    ],
    "must_not_extract": ["网易号"],
    "provinces": ["北京"],
    "events": [{"type": "alliance", "date": "2023", "participants": ["深势科技"]}],
    "funding": [{"recipient": "深势科技", "amount_cny": 700000000, "investors": ["和玉资本", "众源资本"]}],
    "people": [{"name": "孙伟杰", "org": "深势科技", "role": "CEO"}],
}]


@pytest.mark.parametrize("text, expected", [
    ("  Ｄｅｅｐ Tech ", "deeptech"),
    ("深势 科技", "深势科技"),
    (None, ""),
])
def test_normalize(text, expected):
    assert normalize(text) == expected


@pytest.mark.parametrize("gold, predicted, expected", [
    ("2023-04", "2023-04-17", True),
    ("2023-04", "2023-04", True),
    ("2023-04", "2023", False),
    ("2023", "2023-12-31", True),
    ("2023-04-17", "2023-04-18", False),
    ("2023-1", "2023-12", False),
    (None, "2020", True),
    ("2023", None, False),
])
def test_a_date_matches_at_the_gold_precision(gold, predicted, expected):
    assert date_matches(gold, predicted) is expected


def test_a_perfect_prediction_scores_one_everywhere():
    prediction = [{
        "file": "some/folder/a1.txt", "published": "2023-04-17",
        "organizations": [{"name": "DP Technology", "type": "company", "province": "北京"},
                          {"name": "MSA capital", "type": "investor", "province": "北京"}],
        "provinces": ["北京"],
        "events": [{"type": "establishment", "date": "2023-05", "participants": ["深势"]}],
        "funding": [{"recipient": "深势", "amount_cny": 701000000, "investors": ["和玉资本", "众源资本"]}],
        "people": [{"name": "孙伟杰"}],
    }]
    summary, _ = score(GOLD, prediction)
    for metric in ("org_precision", "org_recall_core", "org_f1", "org_type_acc", "org_province_acc",
                   "article_province_f1", "published_acc", "event_recall", "funding_recall",
                   "funding_precision", "investor_recall", "people_recall"):
        assert summary[metric] == 1.0, metric
    assert (summary["boilerplate_leaks"], summary["invented_dates"], summary["missing_articles"]) == (0, 0, 0)


def test_errors_are_counted_where_they_belong():
    prediction = [{
        "file": "a1.txt", "published": "2023-05",
        "organizations": [{"name": "深势科技", "type": "investor", "province": "上海"},
                          "网易号新闻", "某某公司"],
        "provinces": ["北京", "上海"],
        "events": [{"type": "establishment", "date": "2022", "participants": ["深势科技"]}],
        "funding": [{"recipient": "深势科技", "amount_cny": 720000000},
                    {"recipient": "和玉资本", "amount_cny": 1e8}],
        "people": [{"name": "孙伟"}],
    }]
    summary, details = score(GOLD, prediction)
    assert summary["org_precision"] == pytest.approx(1 / 3)
    assert summary["org_recall_core"] == 0.5
    assert (summary["org_type_acc"], summary["org_province_acc"]) == (0.0, 0.0)
    assert summary["article_province_f1"] == pytest.approx(2 / 3)
    assert summary["boilerplate_leaks"] == 1 and details[0]["leaks"] == ["网易号新闻"]
    assert summary["published_acc"] == 0.0
    assert summary["event_recall"] == 0.0
    assert (summary["funding_recall"], summary["funding_precision"]) == (0.0, 0.0)
    assert summary["investor_recall"] == 0.0  # no round found, so no investor counted
    assert summary["people_recall"] == 0.0


def test_a_date_where_the_gold_has_none_is_invented_unless_accepted():
    gold = [dict(GOLD[0], published=None, published_ok=["2023"])]
    assert score(gold, [{"file": "a1.txt", "published": "2023"}])[0]["invented_dates"] == 0
    assert score(gold, [{"file": "a1.txt", "published": "2023-04"}])[0]["invented_dates"] == 1
    assert score(gold, [{"file": "a1.txt", "published": None}])[0]["invented_dates"] == 0


def test_an_article_without_prediction_is_missing_and_finds_nothing():
    summary, _ = score(GOLD, [])
    assert summary["missing_articles"] == 1
    assert (summary["org_recall_core"], summary["event_recall"], summary["people_recall"]) == (0.0, 0.0, 0.0)
    assert math.isnan(summary["org_precision"])
