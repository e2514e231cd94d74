"""The shared sidebar: filters bound to the URL (a copied link reopens the same view, on any page),
the language, presentation mode and a reset. Rendered by app.py before navigation runs."""

from __future__ import annotations

from functools import cache

import pandas as pd
import streamlit as st

from components.filtering import Filters, year_bounds
from components.labels import EVENT_TYPES, LANGUAGES, ORG_TYPES, label
from newsprep.places import place_index

# widget key = URL query parameter
KEYS = {"province": "province", "city": "city", "years": "years", "org_type": "org_type",
        "event_type": "event_type", "text": "q", "lang": "lang", "present": "present"}
PROJECTOR_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] {display: none !important;}
html, body, [data-testid="stAppViewContainer"] {font-size: 22px;}
h1 {font-size: 2.6rem !important;} h2, h3 {font-size: 1.9rem !important;}
[data-testid="stMetricValue"] {font-size: 3rem !important;}
.block-container {padding-top: 1.2rem; max-width: 100%;}
</style>
"""


def _options(tables: dict[str, pd.DataFrame]) -> tuple[list[str], list[str]]:
    """Every province-level unit (those with data first), so that a province clicked on the map
    or named in a shared link is always a valid choice; cities that occur in the data."""
    orgs, events = tables["organizations"], tables["events"]
    with_data = sorted(set(orgs["province"].dropna()) | set(events["province"].dropna()))
    provinces = with_data + sorted(set(all_provinces()) - set(with_data))
    cities = sorted(set(orgs["city"].dropna()) | set(events["city"].dropna()))
    return provinces, cities


@cache
def all_provinces() -> list[str]:
    return sorted({place.province for place in place_index().values() if place.adcode.endswith("0000")})


def _reset(bounds) -> None:
    for key in ("province", "city", "org_type", "event_type"):
        st.session_state[KEYS[key]] = []
    st.session_state[KEYS["text"]] = ""
    if bounds:
        st.session_state[KEYS["years"]] = bounds


# Widgets whose labels depend on the language keep their stable ids in the URL by hand
# (org_type=university, lang=en), so a link shared from the Chinese view keeps its filters in English.
ID_KEYS = {"lang": tuple(LANGUAGES), "org_type": tuple(ORG_TYPES), "event_type": tuple(EVENT_TYPES)}


def _ids_from_url() -> None:
    """Before the widgets exist: a URL's ids become their starting values (unknown ids are dropped)."""
    for key, valid in ID_KEYS.items():
        if key in st.session_state or key not in st.query_params:
            continue
        ids = [v for v in st.query_params.get_all(key) if v in valid]
        st.session_state[key] = (ids[0] if ids else None) if key == "lang" else ids


def _ids_to_url() -> None:
    """After the widgets: their values, as ids, are what the URL says (empty ones leave it)."""
    for key in ID_KEYS:
        value = st.session_state.get(key)
        ids = [value] if isinstance(value, str) else list(value or [])
        if key == "lang" and ids == ["zh"]:
            ids = []  # the default language needs no parameter
        if st.query_params.get_all(key) != ids:
            if ids:
                st.query_params[key] = ids
            elif key in st.query_params:
                del st.query_params[key]


def render(tables: dict[str, pd.DataFrame]) -> tuple[Filters, str, bool]:
    """Draw the sidebar; return the filters, the language and whether presentation mode is on."""
    provinces, cities = _options(tables)
    bounds = year_bounds(tables)
    _ids_from_url()
    with st.sidebar:
        lang = st.segmented_control("语言 Language", list(LANGUAGES), format_func=LANGUAGES.get,
                                    default=None if KEYS["lang"] in st.session_state else "zh", key=KEYS["lang"]) or "zh"
        zh = lang == "zh"
        st.header("筛选" if zh else "Filters")
        chosen_provinces = st.multiselect("省份" if zh else "Province", provinces, key=KEYS["province"], bind="query-params")
        chosen_cities = st.multiselect("城市" if zh else "City", cities, key=KEYS["city"], bind="query-params")
        years = None
        if bounds and bounds[0] < bounds[1]:
            picked = st.slider("年份" if zh else "Years", bounds[0], bounds[1], bounds, key=KEYS["years"], bind="query-params")
            years = tuple(picked) if tuple(picked) != tuple(bounds) else None
        org_types = st.multiselect("机构类型" if zh else "Organization type", list(ORG_TYPES),
                                   format_func=lambda t: label(ORG_TYPES, t, lang), key=KEYS["org_type"])
        event_types = st.multiselect("事件类型" if zh else "Event type", list(EVENT_TYPES),
                                     format_func=lambda t: label(EVENT_TYPES, t, lang), key=KEYS["event_type"])
        query = st.text_input("搜索" if zh else "Search", key=KEYS["text"], bind="query-params",
                              placeholder="机构、句子、文章" if zh else "organization, sentence, article")
        st.button("重置筛选" if zh else "Reset filters", on_click=_reset, args=(bounds,), width="stretch")
        present = st.toggle("演示模式" if zh else "Presentation mode", key=KEYS["present"], bind="query-params")
        st.caption("复制地址栏链接即可分享当前视图。" if zh else "Copy the address bar to share this view.")
    if present:
        st.html(PROJECTOR_CSS)
        st.button("退出演示模式" if zh else "Leave presentation mode", key="leave_presentation", type="tertiary",
                  on_click=lambda: st.session_state.update({KEYS["present"]: False}))
    _ids_to_url()
    filters = Filters(tuple(chosen_provinces), tuple(chosen_cities), years, tuple(org_types), tuple(event_types),
                      (query or "").strip())
    st.session_state["_filters"], st.session_state["_lang"], st.session_state["_present"] = filters, lang, present
    return filters, lang, present
