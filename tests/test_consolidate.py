"""Consolidation: each merge rule with the pair it must merge and the near pair it must not."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprep.consolidate import consolidate
from newsprep.org_identity import OrgRecord, merge_plan, name_key
from newsprep.stories import story_clusters
from newsprep.tables import SCHEMA, table_frame

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_004 = next((ROOT / "data" / "articles").glob("004_*"))


# ---- organizations -------------------------------------------------------------------------

def org(org_id, name, org_type, english=None, in_gazetteer=False, mentions=1):
    return OrgRecord(org_id, name, english, org_type, in_gazetteer, mentions)


@pytest.mark.parametrize("a, b, reason", [
    (org("x", "山东省科学技术厅", "government"), org("y", "山东省科技厅", "government", mentions=5), "variant rule:sci_tech"),
    (org("x", "国家发展和改革委员会", "government"), org("y", "国家发展改革委", "government", mentions=5), "variant rule:"),
    (org("x", "中共贵州省委员会", "government"), org("y", "中共贵州省委", "government", mentions=5), "variant rule:commission"),
    (org("x", "北京深势科技有限公司", "company"), org("y", "深势科技", "company", mentions=5), "variant rule:company_limited"),
    (org("x", "深势科技（北京）有限公司", "company"), org("y", "深势科技", "company", mentions=5), "variant rule:company_limited"),
    (org("x", "昉擎", "company", english="Fangqing Technology Co., Ltd."),
     org("y", "昉擎科技", "company", english="Fangqing Technology", mentions=3), "alias"),
], ids=["sci-tech-dept", "development-reform-commission", "party-committee", "company-limited", "bracketed-seat", "english-name"])
def test_names_of_one_organization_merge(a, b, reason):
    plan = merge_plan([a, b])  # b is mentioned more often, so its id survives
    assert list(plan) == ["x"] and plan["x"][0] == "y"
    assert plan["x"][1].startswith(reason)


@pytest.mark.parametrize("a, b", [
    (org("x", "北京大学", "university"), org("y", "北京大学人工智能研究院", "research_institute")),
    (org("x", "山东省科技厅", "government"), org("y", "山西省科技厅", "government")),
    (org("x", "上海银行股份有限公司", "company"), org("y", "北京银行股份有限公司", "company")),
    (org("x", "北京深势科技", "company"), org("y", "深势科技", "company")),
    (org("x", "深势科技", "company"), org("y", "深势科技", "investor")),
    (org("x", "科学技术部", "government", in_gazetteer=True), org("y", "科技部", "government", in_gazetteer=True)),
], ids=["parent-child", "other-province", "short-core-after-seat", "seat-without-legal-form", "other-type",
        "two-gazetteer-rows"])
def test_near_names_stay_apart(a, b):
    assert merge_plan([a, b]) == {}


def test_a_name_found_by_rules_joins_its_gazetteer_row():
    plan = merge_plan([org("new_1", "深势", "company"), org("co_dp", "深势科技", "company", in_gazetteer=True)],
                      gazetteer_forms={"深势": "co_dp"})
    assert plan == {"new_1": ("co_dp", "gazetteer")}


def test_the_key_keeps_types_apart_from_variant_rules():
    # 科学技术 → 科技 is a government naming convention; a university's name keeps its own words
    assert name_key("中国科学技术大学", "university")[0] == "中国科学技术大学"
    assert name_key("湖北省科学技术厅", "government")[0] == "湖北省科技厅"


# ---- stories -------------------------------------------------------------------------------

def test_a_trimmed_copy_with_another_frame_is_the_same_story():
    text = SAMPLE_004.read_text(encoding="utf-8")
    paragraphs = [p for p in text.split("\n") if p.strip()]
    copy = "示例网 首页 科创 正文\n" + "\n".join(paragraphs[:len(paragraphs) * 2 // 3]) + "\n免责声明：仅供参考。"
    other = (ROOT / "data" / "articles").glob("00[0-3]_*")
    clusters = story_clusters([("a", text), ("b", copy), *((p.stem, p.read_text(encoding="utf-8")) for p in other)])
    assert clusters["a"] == clusters["b"] == "a"
    assert len(set(clusters.values())) == 5


def test_two_reports_of_one_round_written_separately_are_two_stories():
    one = "深势科技宣布完成超7亿元新一轮融资，投资方包括众源资本、和玉资本、正心谷资本。资金将用于人才引进和产品研发。"
    two = "AI for Science企业深势科技近日获得新一轮融资，金额超过七亿元，多家产业资本参与。公司总部位于北京。"
    assert story_clusters([("a", one), ("b", two)]) == {"a": "a", "b": "b"}


# ---- rounds and events ---------------------------------------------------------------------

def tables_with(articles, funding=(), events=(), participants=()):
    rows = {name: [] for name in SCHEMA}
    rows["articles"] = [{"article_id": a, "text": text, "published": published} for a, text, published in articles]
    rows["funding"] = list(funding)
    rows["events"] = list(events)
    rows["event_participants"] = list(participants)
    rows["evidence"] = [{"evidence_id": f"{r['article_id']}:x{i}", "article_id": r["article_id"], "sentence": r.pop("sentence", "")}
                        for i, r in enumerate([*funding, *events])]
    for i, r in enumerate([*funding, *events]):
        r["evidence_id"] = rows["evidence"][i]["evidence_id"]
    return {name: table_frame(name, rows[name]) for name in SCHEMA}


def round_row(article, n, amount, round_name=None, date=None, recipient="co_dp"):
    return {"funding_id": f"{article}:f{n}", "article_id": article, "recipient_org_id": recipient,
            "amount_cny_min": amount, "round": round_name, "date": date}


DIFFERENT_STORIES = [("a1", "第一篇报道的正文内容，讲述融资事件的经过与背景。" * 3, None),
                     ("a2", "另一家媒体独立撰写的短讯，文字完全不同，只是同一件事。" * 3, None)]


@pytest.mark.parametrize("first, second, rounds", [
    (round_row("a1", 0, 7e8, date="2023-08-21"), round_row("a2", 0, 7.2e8, date="2023-08-23"), 1),
    (round_row("a1", 0, None, "B", "2023-08-21"), round_row("a2", 0, 3e8, "B", "2023-09-30"), 1),
    (round_row("a1", 0, 7e8), round_row("a2", 0, 7e8), 1),
    (round_row("a1", 0, 7e8, date="2021-03-01"), round_row("a2", 0, 7e8, date="2023-08-01"), 2),
    (round_row("a1", 0, 3e8, "A"), round_row("a2", 0, 3e8, "B"), 2),
    (round_row("a1", 0, 7e8), round_row("a2", 0, 8e8), 2),
    (round_row("a1", 0, 7e8), round_row("a2", 0, 7e8, recipient="co_other"), 2),
    (round_row("a1", 0, None, "B"), round_row("a2", 0, None, None), 2),
], ids=["same-amount-within-days", "same-round-name", "same-amount-undated", "same-amount-years-apart",
        "round-names-differ", "amounts-differ", "other-recipient", "nothing-in-common"])
def test_reports_of_one_round(first, second, rounds):
    result, _ = consolidate(tables_with(DIFFERENT_STORIES, funding=[first, second]))
    assert len(result["funding"]) == rounds
    assert len(result["funding_sources"]) == 2
    assert result["funding_sources"]["funding_id"].nunique() == rounds


def test_two_rounds_of_one_article_stay_two():
    result, _ = consolidate(tables_with(DIFFERENT_STORIES, funding=[round_row("a1", 0, 7e8), round_row("a1", 1, 7e8)]))
    assert len(result["funding"]) == 2


def event_row(article, n, date, event_type="partnership", sentence=""):
    return {"event_id": f"{article}:e{n}", "article_id": article, "type": event_type, "date": date, "sentence": sentence}


def taking_part(event_id, *orgs):
    return [{"event_id": event_id, "org_id": o, "role": "participant"} for o in orgs]


@pytest.mark.parametrize("second, second_orgs, events", [
    (event_row("a2", 0, "2024-05-11"), ("u_pku", "co_x"), 1),
    (event_row("a2", 0, "2024-05-20"), ("u_pku", "co_x"), 2),
    (event_row("a2", 0, "2024-05-11", "launch"), ("u_pku", "co_x"), 2),
    (event_row("a2", 0, "2024-05-11"), ("u_pku", "co_y"), 2),
    (event_row("a2", 0, None), ("u_pku", "co_x"), 2),
    (event_row("a2", 0, "2024-05"), ("u_pku", "co_x"), 1),
    (event_row("a2", 0, "2024"), ("u_pku", "co_x"), 2),
], ids=["shared-actors-next-day", "ten-days-later", "other-type", "one-shared-of-two", "undated-other-story",
        "same-month", "year-only"])
def test_reports_of_one_event(second, second_orgs, events):
    first = event_row("a1", 0, "2024-05-10")
    result, _ = consolidate(tables_with(DIFFERENT_STORIES, events=[first, second],
                                     participants=[*taking_part("a1:e0", "u_pku", "co_x"), *taking_part("a2:e0", *second_orgs)]))
    assert len(result["events"]) == events
    assert set(result["event_sources"]["source_event_id"]) == {"a1:e0", "a2:e0"}


@pytest.mark.parametrize("second_date, events", [("2024-05-11", 1), ("2024-05", 2)], ids=["next-day", "same-month"])
def test_one_shared_organization_merges_only_events_dated_to_the_day(second_date, events):
    result, _ = consolidate(tables_with(DIFFERENT_STORIES, events=[event_row("a1", 0, "2024-05-10", "establishment"),
                                                                    event_row("a2", 0, second_date, "establishment")],
                                        participants=[*taking_part("a1:e0", "u_pku"), *taking_part("a2:e0", "u_pku")]))
    assert len(result["events"]) == events


def test_copies_of_one_story_merge_an_undated_event_on_its_sentence():
    text = "两家机构在会上签署合作协议，共建联合实验室，推动人工智能与材料科学交叉研究。" * 4
    articles = [("a1", text, None), ("a2", "转载：" + text, None)]
    sentence = "两家机构在会上签署合作协议"
    result, _ = consolidate(tables_with(articles, events=[event_row("a1", 0, None, sentence=sentence),
                                                       event_row("a2", 0, None, sentence=sentence)]))
    assert len(result["events"]) == 1
    assert result["articles"]["cluster_id"].tolist() == ["a1", "a1"]


# ---- the whole build -----------------------------------------------------------------------

def test_a_round_reported_three_times_is_one_round_and_counted_once(tmp_path):
    """The five samples, a syndicated copy of sample 004 (another site's page, paragraphs trimmed)
    and a separate short report of the same round."""
    from components.filtering import Filters, apply_filters
    from components.metrics import headline
    from newsprep.build import build_snapshot
    from newsprep.store import load_tables

    build_snapshot([ROOT / "data" / "articles", ROOT / "tests" / "fixtures" / "syndication"],
                   out=tmp_path / "tables", cache_dir=None)
    tables = load_tables(tmp_path / "tables")
    articles = tables["articles"]
    sample = articles[articles["source_path"].str.contains("004_")].iloc[0]
    copy = articles[articles["source_path"].str.contains("004_syndicated_copy")].iloc[0]
    assert sample["cluster_id"] == copy["cluster_id"]
    assert articles["cluster_id"].nunique() == 6  # five samples, the copy joins 004, the short report is its own

    rounds = tables["funding"][tables["funding"]["recipient_org_id"] == "co_dp_technology"]
    assert len(rounds) == 1
    assert rounds.iloc[0]["amount_cny_min"] == 7e8
    sources = tables["funding_sources"][tables["funding_sources"]["funding_id"] == rounds.iloc[0]["funding_id"]]
    assert len(sources) == 3 and sources["article_id"].nunique() == 3
    assert headline(apply_filters(tables, Filters()))["disclosed"] == 7.0
