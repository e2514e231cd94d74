"""The dashboard's pure parts: filtering, figure builders, map, network, reader, exports."""

import io

import pandas as pd
import pytest

from components import charts, exports, highlight, maps, network
from components.filtering import Filters, apply_filters, year_bounds
from newsprep.build import build_snapshot
from newsprep.store import load_tables


@pytest.fixture(scope="module")
def tables(tmp_path_factory, samples):
    out = tmp_path_factory.mktemp("component_tables")
    build_snapshot([samples], out=out, cache_dir=None)
    return load_tables(out)


def test_no_filter_selects_everything(tables):
    view = apply_filters(tables, Filters())
    assert (len(view.orgs), len(view.events), len(view.funding), len(view.articles)) == (
        len(tables["organizations"]), len(tables["events"]), len(tables["funding"]), len(tables["articles"]))


@pytest.mark.parametrize("filters, check", [
    # exact counts on the five samples, so an empty selection can never pass for a right one
    (Filters(provinces=("北京",)), lambda v: set(v.orgs["province"]) == {"北京"} and set(v.events["province"]) == {"北京"}
     and (len(v.orgs), len(v.events), len(v.funding), len(v.articles)) == (15, 10, 1, 4)),
    (Filters(cities=("成都",)), lambda v: set(v.orgs["city"]) == {"成都"} and v.funding.empty
     and (len(v.orgs), len(v.events), len(v.articles)) == (5, 5, 1)),
    (Filters(years=(2020, 2023)), lambda v: v.events["year"].between(2020, 2023).all() and len(v.events) == 6),
    (Filters(org_types=("investor",)), lambda v: set(v.orgs["type"]) == {"investor"} and len(v.orgs) == 4 and len(v.funding) == 1),
    (Filters(event_types=("establishment",)), lambda v: set(v.events["type"]) == {"establishment"} and len(v.events) == 12
     and v.funding.empty),
    (Filters(text="深势"), lambda v: "深势科技" in set(v.orgs["name"]) and len(v.funding) == 1),
    (Filters(text="没有这个词"), lambda v: v.orgs.empty and v.events.empty and v.articles.empty and v.relations.empty),
])
def test_filters(tables, filters, check):
    assert check(apply_filters(tables, filters))


def test_relations_keep_both_ends_inside_the_selection(tables):
    view = apply_filters(tables, Filters(provinces=("北京",)))
    ids = set(view.orgs["org_id"])
    assert len(view.relations) == 8
    assert set(view.relations["org_a"]) <= ids and set(view.relations["org_b"]) <= ids


def test_year_bounds(tables):
    assert year_bounds(tables) == (2010, 2023)


@pytest.mark.parametrize("year, month, day, start, end", [
    (2020, 8, 31, "2020-08-31", "2020-09-01"),
    (2023, 4, None, "2023-04-01", "2023-05-01"),
    (2017, None, None, "2017-01-01", "2018-01-01"),  # a whole year, never drawn as 1 January alone
])
def test_partial_dates_cover_their_whole_span(year, month, day, start, end):
    row = pd.Series({"year": year, "month": month if month else pd.NA, "day": day if day else pd.NA})
    assert charts._span(row) == (pd.Timestamp(start), pd.Timestamp(end))


def test_timeline_and_bar_charts_from_the_samples(tables):
    names = dict(zip(tables["organizations"]["org_id"], tables["organizations"]["name"]))
    sentences = dict(zip(tables["evidence"]["evidence_id"], tables["evidence"]["sentence"]))
    figure = charts.timeline(tables["events"], tables["event_participants"], names, sentences, {}, "zh")
    bars = [trace for trace in figure.data if trace.type == "bar"]
    assert sum(len(trace.y) for trace in bars) == tables["events"]["year"].notna().sum()
    [points] = [trace for trace in figure.data if trace.type == "scatter"]
    assert len(points.x) == (tables["events"]["date_precision"] == "day").sum()
    per_year = charts.events_per_year(tables["events"], "en")
    assert sum(sum(trace.y) for trace in per_year.data) == tables["events"]["year"].notna().sum()
    assert charts.events_per_year(tables["events"].iloc[0:0]).layout.annotations[0].text == "—"


def test_map_draws_every_province_and_needs_nothing_from_the_internet():
    geojson, lines = maps.province_shapes()
    codes = {f["properties"]["adcode"] for f in geojson["features"]}
    assert len(codes) == 34 and {"710000", "810000", "820000", "460000"} <= codes  # Taiwan, HK, Macau, Hainan
    assert lines  # national boundary lines, the South China Sea ones among them
    figure = maps.china_map(pd.DataFrame({"adcode": ["110000"], "province": ["北京"], "value": [3]}),
                            pd.DataFrame({"city": ["北京"], "longitude": [116.4], "latitude": [39.9], "value": [3]}), "机构")
    first = figure.data[0]
    assert first.type == "scattergeo" and first.locationmode is None  # no CDN topojson request
    assert figure.layout.geo.visible is False
    choropleth = figure.data[1]
    assert len(choropleth.locations) == 34 and dict(zip(choropleth.locations, choropleth.z))["110000"] == 3


def test_a_clicked_province_becomes_a_filter():
    selection = {"selection": {"points": [{"location": "330000"}, {"location": "330000"}, {"location": "999999"}]}}
    assert maps.province_of_selection(selection, {"330000": "浙江"}) == ["浙江"]
    assert maps.province_of_selection(None, {}) == []


def test_network_cap_ego_and_safe_html(tables):
    orgs, relations = tables["organizations"], tables["relations"]
    nodes, edges = network.select_graph(orgs, relations, ["investment"], cap=3)
    assert len(nodes) == 3 and set(edges["type"]) <= {"investment"}
    nodes, _ = network.select_graph(orgs, relations, ["investment"], ego="co_dp_technology")
    assert nodes.iloc[0]["org_id"] == "co_dp_technology" and len(nodes) == 5
    evil = nodes.copy()
    evil.loc[evil.index[0], "name"] = "</script><img src=x onerror=alert(1)>"
    page = network.network_html(evil, relations[relations["type"] == "investment"], {}, "zh")
    # escaped by us, then JSON-encoded HTML-safely by pyvis's template
    assert "</script><img" not in page and "\\u0026lt;/script\\u0026gt;" in page
    assert "https://" not in "".join(line for line in page.splitlines() if "<link" in line or "<script src" in line)


def test_reader_marks_and_escapes():
    text = "深势科技完成超7亿元融资<script>x</script>，2023年在北京发布。"
    mentions = pd.DataFrame({"start": [0], "end": [4], "org_id": ["co_dp_technology"], "surface": ["深势科技"]})
    page = highlight.highlighted_html(text, mentions)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert [kind for _, _, kind in highlight.spans(text, mentions)] == ["org", "money", "date", "place"]


def test_csv_and_excel_exports(tables):
    frame = tables["organizations"].head(3)
    csv = exports.csv_bytes(frame)
    assert csv.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(csv), encoding="utf-8-sig")
    assert list(back.columns) == list(frame.columns)
    assert back["aliases"].tolist() == ["、".join(list(a)) for a in frame["aliases"]]  # lists flattened to text
    workbook = pd.read_excel(io.BytesIO(exports.excel_bytes({"orgs": frame, "events": tables["events"]})), sheet_name=None)
    assert set(workbook) == {"orgs", "events"} and len(workbook["orgs"]) == 3


def test_png_and_meeting_pack(tables):
    from pptx import Presentation

    figure = charts.style(charts.events_per_year(tables["events"]))
    [png] = exports.png_bytes([figure])
    assert png.startswith(b"\x89PNG")
    deck = exports.meeting_pack([("各年事件", figure), ("地图", maps.china_map(pd.DataFrame(columns=["adcode", "province", "value"]),
                                                                           pd.DataFrame(), "机构"))],
                                "中国 AI for Science 创新图谱", ["省份 Provinces: 北京"], "2026-11-22")
    slides = Presentation(io.BytesIO(deck)).slides
    assert len(slides) == 3
    cover = "\n".join(shape.text_frame.text for shape in slides[0].shapes if shape.has_text_frame)
    assert "省份 Provinces: 北京" in cover and "2026-11-22" in cover


def test_served_network_page_references_local_assets_instead_of_inlining_them(tables, tmp_path):
    nodes, edges = network.select_graph(tables["organizations"], tables["relations"], ["investment"])
    inline = network.network_html(nodes, edges, {}, "zh")
    served = network.network_html(nodes, edges, {}, "zh", served_assets=True)
    assert len(served) < len(inline) / 3
    assert '<script src="/app/static/vis-network.min.js"></script>' in served
    network.publish_vis_assets(tmp_path / "static")
    assert sorted(p.name for p in (tmp_path / "static").iterdir()) == ["vis-network.css", "vis-network.min.js"]


def test_the_network_keeps_only_each_nodes_strongest_ties(tables):
    nodes, edges = network.select_graph(tables["organizations"], tables["relations"], ["co_mention"], cap=5)
    assert len(edges) <= network.EDGES_PER_NODE * len(nodes)


def test_network_layout_is_deterministic_and_keeps_nodes_apart(tables):
    nodes, edges = network.select_graph(tables["organizations"], tables["relations"],
                                        ["partnership", "investment", "member", "part_of", "customer"])
    first, again = network.layout(nodes, edges), network.layout(nodes, edges)
    assert first == again and set(first) == set(nodes["org_id"])
    points = list(first.values())
    closest = min(((ax - bx) ** 2 + (ay - by) ** 2) ** 0.5 for i, (ax, ay) in enumerate(points) for bx, by in points[i + 1:])
    assert closest > 20  # pixels: no node sits on another


def test_exports_never_hand_a_spreadsheet_a_formula():
    import io

    import openpyxl

    from components.exports import csv_bytes, excel_bytes

    frame = pd.DataFrame({"title": ['=HYPERLINK("http://198.51.100.7","x")', "+1", "-2", "@SUM(A1)", "正常标题"],
                          "amount": [1, 2, 3, 4, 5]})
    text = csv_bytes(frame).decode("utf-8-sig")
    assert "\n=HYPERLINK" not in text and "'=HYPERLINK" in text
    sheet = openpyxl.load_workbook(io.BytesIO(excel_bytes({"t": frame}))).active
    cells = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert cells == ["'=HYPERLINK(\"http://198.51.100.7\",\"x\")", "'+1", "'-2", "'@SUM(A1)", "正常标题"]
    assert all(row[0].data_type == "s" for row in sheet.iter_rows(min_row=2))


def test_tables_show_missing_text_as_a_dash_not_none(monkeypatch):
    import streamlit as st

    from components import ui

    shown = {}
    monkeypatch.setattr(st, "dataframe", lambda frame, **kwargs: shown.setdefault("frame", frame))
    ui.table(pd.DataFrame({"source": ["新华社", None, float("nan")], "amount": [1.0, None, 3.0]}))
    assert list(shown["frame"]["source"]) == ["新华社", "—", "—"]
    assert shown["frame"]["amount"].isna().tolist() == [False, True, False]  # numbers stay numbers


def test_the_network_keeps_the_strongest_nodes_and_their_heaviest_ties():
    orgs = pd.DataFrame({"org_id": list("abcde"), "name": list("ABCDE"), "mention_count": [9, 1, 5, 1, 0]})
    relations = pd.DataFrame({"org_a": ["a", "a", "c", "b", "d"], "org_b": ["c", "b", "b", "d", "e"],
                              "type": ["partnership"] * 5, "weight": [4, 1, 3, 2, 1]})
    nodes, edges = network.select_graph(orgs, relations, ["partnership"], cap=3)
    # strength = mentions + weighted degree: a 14, c 12, b 7, d 4, e 1
    assert list(nodes["org_id"]) == ["a", "c", "b"]
    assert sorted(zip(edges["org_a"], edges["org_b"], edges["weight"])) == [("a", "b", 1), ("a", "c", 4), ("c", "b", 3)]
    _, heaviest = network.select_graph(orgs, relations, ["partnership"], cap=5)
    assert list(heaviest["weight"]) == sorted(heaviest["weight"], reverse=True) and len(heaviest) == 5
