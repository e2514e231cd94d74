"""Overview: headline figures, events per year, top organizations, a small map, the meeting pack."""

import streamlit as st

from components import charts, exports, maps, metrics, ui
from components.data import current, data_date
from components.labels import org_names, text

view, filters, lang, present = current()
ui.title("中国 AI for Science 创新图谱", "China's AI for Science landscape", lang)
st.caption(" · ".join(filters.describe()) + f" · {ui.say('数据日期', 'Data as of', lang)} {data_date()}")

numbers = metrics.headline(view)
for column, key in zip(st.columns(5), ["organizations", "events", "rounds", "disclosed", "provinces"]):
    column.metric(text(key, lang), numbers[key])

if view.orgs.empty and view.events.empty:
    ui.empty(lang)
    st.stop()

names = org_names(view.all_orgs, lang)
per_year = charts.events_per_year(view.events, lang)
top = charts.top_organizations(view.orgs[view.orgs["type"] != "media"], names, lang)  # outlets report, they are not actors
left, right = st.columns(2)
with left:
    ui.chart(per_year, "events_per_year", present, lang)
    undated = int(view.events["year"].isna().sum())
    if undated:
        st.caption(ui.say(f"另有 {undated} 个事件年份未知，未画入图中。", f"{undated} more events have no known year and are not drawn.", lang))
with right:
    ui.chart(top, "top_organizations", present, lang)

provinces, cities = metrics.by_place(view, "organizations")
small_map = maps.china_map(provinces, cities, text("organizations", lang), projector=present)
ui.chart(small_map, "overview_map", present, lang, height=420)



def meeting_pack() -> bytes:
    """Built only when the button is clicked: one slide per chart of the current view."""
    pack = [(ui.say("各年事件", "Events per year", lang), charts.style(per_year)),
            (ui.say("提及最多的机构", "Most mentioned organizations", lang), charts.style(top)),
            (ui.say("机构分布", "Where organizations are", lang), small_map),
            (ui.say("各年融资", "Funding per year", lang), charts.style(charts.funding_by(view.funding, "year", lang)))]
    return exports.meeting_pack(pack, ui.say("中国 AI for Science 创新图谱", "China AI for Science landscape", lang),
                                filters.describe(), data_date())


if not present:
    st.download_button(ui.say("下载会议材料（PPTX）", "Download meeting pack (PPTX)", lang), type="primary", data=meeting_pack,
                       file_name="ai4s_meeting_pack.pptx", icon=":material/slideshow:",
                       mime="application/vnd.openxmlformats-officedocument.presentationml.presentation")
