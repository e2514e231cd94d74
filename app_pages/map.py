"""Map: a province choropleth of a chosen metric with city bubbles; clicking a province filters."""

import streamlit as st

from components import maps, metrics, ui
from components.data import current
from components.labels import text
from components.sidebar import KEYS

view, filters, lang, present = current()
ui.title("地图", "Map", lang)
metric = st.segmented_control(ui.say("指标", "Metric", lang), list(metrics.MAP_METRICS), default="organizations",
                              format_func=lambda m: text({"funding": "disclosed"}.get(m, m), lang), key="metric",
                              bind="query-params") or "organizations"
provinces, cities = metrics.by_place(view, metric)
if provinces.empty and cities.empty:
    ui.empty(lang)
    st.stop()

codes = metrics.adcode_to_province()


def filter_by_clicked_province() -> None:
    clicked = maps.province_of_selection(st.session_state.get("china_map"), codes)
    if clicked:
        st.session_state[KEYS["province"]] = clicked


figure = maps.china_map(provinces, cities, text({"funding": "disclosed"}.get(metric, metric), lang), projector=present)
ui.chart(figure, "china_map", present, lang, on_select=filter_by_clicked_province, selection_mode="points")
st.caption(ui.say("点击省份即可按该省筛选；地图数据随应用打包，离线可用。",
                  "Click a province to filter by it. The map data ships with the app and works offline.", lang))
left, right = st.columns(2)
left.dataframe(provinces.sort_values("value", ascending=False)[["province", "value"]], hide_index=True, width="stretch",
               column_config={"province": text("province", lang), "value": text({"funding": "disclosed"}.get(metric, metric), lang)})
right.dataframe(cities.sort_values("value", ascending=False)[["city", "value"]], hide_index=True, width="stretch",
                column_config={"city": ui.say("城市", "City", lang), "value": text({"funding": "disclosed"}.get(metric, metric), lang)})
ui.downloads({"provinces": provinces, "cities": cities}, f"map_{metric}", lang, present)
