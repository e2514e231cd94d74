"""Every page in AppTest: no exception, its elements, and filters that change its numbers."""

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

# every viewer page app.py registers, read from app.py itself, so a new page is tested without editing
# this list (the admin pages have tests of their own: test_admin_app.py)
PAGES = re.findall(r'st\.Page\("(app_pages/(?!admin_)[a-z_]+\.py)"', (ROOT / "app.py").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def tables_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("app_tables")


@pytest.fixture
def app(tables_dir, monkeypatch):
    monkeypatch.setenv("NEWSPREP_TABLES", str(tables_dir))
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_first_start_builds_the_tables_and_shows_the_overview(app, tables_dir):
    app.run()
    assert not app.exception
    assert (tables_dir / "CURRENT").exists()
    numbers = metrics(app)
    assert list(numbers) == ["机构", "事件", "融资轮次", "已披露融资额（亿元）", "省份"]
    assert int(numbers["机构"]) > 20 and numbers["融资轮次"] == "1" and float(numbers["已披露融资额（亿元）"]) == 7.0


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_an_error(app, page):
    app.run()
    app.switch_page(page).run()
    assert not app.exception, page
    assert not app.error, page
    assert app.title[0].value


@pytest.mark.parametrize("page, marker", [
    ("app_pages/overview.py", "plotly_chart"), ("app_pages/timeline.py", "plotly_chart"), ("app_pages/map.py", "plotly_chart"),
    ("app_pages/funding.py", "plotly_chart"), ("app_pages/organizations.py", "dataframe"),
    ("app_pages/articles.py", "html"), ("app_pages/methods.py", "dataframe"),
])
def test_pages_show_their_main_element(app, page, marker):
    app.run()
    app.switch_page(page).run()
    shown = app.dataframe if marker == "dataframe" else app.get(marker)
    assert len(shown) > 0, f"{page} shows no {marker}"


def test_a_province_filter_changes_the_overview_numbers(app):
    app.run()
    before = metrics(app)
    app.sidebar.multiselect(key="province").set_value(["北京"]).run()
    after = metrics(app)
    assert not app.exception
    assert int(after["机构"]) < int(before["机构"])
    assert after["省份"] == "1"


def test_a_year_range_and_event_type_narrow_the_events(app):
    app.run()
    before = int(metrics(app)["事件"])
    app.sidebar.slider(key="years").set_value((2020, 2023)).run()
    in_range = int(metrics(app)["事件"])
    app.sidebar.multiselect(key="event_type").set_value(["launch"]).run()
    launches = int(metrics(app)["事件"])
    assert before > in_range > launches > 0


def test_a_search_with_no_match_shows_a_friendly_empty_state(app):
    app.run()
    app.sidebar.text_input(key="q").set_value("不存在的机构名称").run()
    assert not app.exception
    assert metrics(app)["机构"] == "0"
    assert "当前筛选条件下没有" in app.info[0].value
    for page in PAGES[1:7]:
        app.switch_page(page).run()
        assert not app.exception, page
        assert app.info, f"{page} has no empty state"


def test_reset_clears_the_filters(app):
    app.run()
    full = metrics(app)
    app.sidebar.multiselect(key="province").set_value(["北京"]).run()
    app.sidebar.button[0].click().run()
    assert metrics(app) == full


def test_english_labels(app):
    app.run()
    app.sidebar.segmented_control(key="lang").set_value("en").run()
    assert not app.exception
    assert list(metrics(app))[0] == "Organizations"
    app.switch_page("app_pages/organizations.py").run()
    assert "Peking University" in app.dataframe[0].value["english"].tolist()


def test_presentation_mode_hides_the_chrome_and_keeps_the_numbers(app):
    app.run()
    full = metrics(app)
    app.sidebar.toggle(key="present").set_value(True).run()
    assert not app.exception
    assert metrics(app) == full
    assert any("stSidebar" in h.proto.body for h in app.get("html"))


def test_network_cap_and_ego_view(app):
    app.run()
    app.switch_page("app_pages/network.py").run()
    full = app.caption[0].value
    app.number_input(key="cap").set_value(10).run()
    assert "10 个机构" in app.caption[0].value and app.caption[0].value != full
    app.number_input(key="cap").set_value(150).run()
    app.selectbox(key="ego").set_value("co_dp_technology").run()
    assert not app.exception
    assert app.caption[0].value != full


def _signature(at) -> tuple:
    """What a page shows, in numbers: metrics, table sizes, chart trace lengths, captions."""
    charts = tuple(len(json.loads(c.proto.spec)["data"]) for c in at.get("plotly_chart"))
    tables = tuple(len(d.value) for d in at.dataframe)
    return (tuple(m.value for m in at.metric), charts, tables, tuple(c.value for c in at.caption), len(at.info))


@pytest.mark.parametrize("page, key, value", [
    ("app_pages/overview.py", "province", ["四川"]),
    ("app_pages/timeline.py", "event_type", ["establishment"]),
    ("app_pages/map.py", "org_type", ["investor"]),
    ("app_pages/network.py", "province", ["北京"]),
    ("app_pages/organizations.py", "org_type", ["university"]),
    ("app_pages/funding.py", "province", ["四川"]),
    ("app_pages/articles.py", "province", ["浙江"]),
])
def test_a_filter_changes_what_each_page_shows(app, page, key, value):
    app.run()
    app.switch_page(page).run()
    before = _signature(app)
    app.sidebar.multiselect(key=key).set_value(value).run()
    assert not app.exception
    assert _signature(app) != before


def test_media_outlets_are_not_ranked_among_the_top_organizations(app):
    app.run()
    top = json.loads(app.get("plotly_chart")[1].proto.spec)["data"]
    ranked = {name for trace in top for name in trace["y"]}
    assert "深势科技" in ranked and "第一财经" not in ranked and "新华网" not in ranked


def test_every_page_is_friendly_with_no_articles_at_all(tmp_path, monkeypatch):
    from newsprep.build import build_snapshot

    (tmp_path / "none").mkdir()
    build_snapshot([tmp_path / "none"], out=tmp_path / "tables", cache_dir=None, allow_empty=True)
    monkeypatch.setenv("NEWSPREP_TABLES", str(tmp_path / "tables"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    assert not at.exception and metrics(at)["机构"] == "0"
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, page
        assert not at.error, page
        if page != "app_pages/methods.py":
            assert at.info, f"{page} shows no empty state"


def test_text_from_articles_is_shown_as_plain_text_and_the_path_as_a_file_name(tmp_path, monkeypatch):
    from newsprep.build import build_snapshot

    hostile = "![t](http://198.51.100.7/x.png) **粗体** :red[红字] $x$"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.md").write_text(
        f"---\ntitle: \"{hostile}\"\nsource: \"![s](http://198.51.100.7/s.png)\"\n---\n"
        "之江实验室与北京大学签署战略合作协议，双方将共建智能计算联合研究中心。", encoding="utf-8")
    build_snapshot([tmp_path / "in"], out=tmp_path / "tables", cache_dir=None)
    monkeypatch.setenv("NEWSPREP_TABLES", str(tmp_path / "tables"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    at.switch_page("app_pages/articles.py").run()
    assert not at.exception
    headers = [h.value for h in at.header]
    assert r"\!\[t\]\(http\://198\.51\.100\.7/x\.png\) \*\*粗体\*\* \:red\[红字\] \$x\$" in headers
    assert not any("![t]" in h for h in headers)
    caption = " ".join(c.value for c in at.caption)
    assert r"a\.md" in caption and "in" + "/" not in caption and "![s]" not in caption  # the file's name, no folder


def test_the_page_list_is_read_from_app_py():
    assert len(PAGES) == 8 and all((ROOT / page).is_file() for page in PAGES)


def test_a_shared_link_keeps_its_filters_in_the_other_language(app):
    app.query_params["org_type"] = ["university"]
    app.query_params["event_type"] = ["establishment"]
    app.query_params["lang"] = "en"
    app.run()
    assert not app.exception and not app.warning
    assert app.sidebar.multiselect(key="org_type").value == ["university"]
    assert app.sidebar.multiselect(key="event_type").value == ["establishment"]
    assert list(metrics(app))[:3] == ["Organizations", "Events", "Funding rounds"]
    # the URL keeps ids, never the labels of the language on screen
    assert _url(app, "org_type") == ["university"] and _url(app, "lang") == ["en"]
    app.sidebar.segmented_control(key="lang").set_value("zh").run()
    assert app.sidebar.multiselect(key="org_type").value == ["university"]
    assert _url(app, "lang") == [] and _url(app, "org_type") == ["university"]


def _url(at, key) -> list[str]:
    value = at.query_params.get(key)
    return [] if value is None else value if isinstance(value, list) else [value]
