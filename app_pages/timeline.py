"""Timeline: dated events over the time their dates cover; undated ones listed apart; click through."""

import pandas as pd
import streamlit as st

from components import charts, ui
from components.data import current
from components.labels import EVENT_TYPES, label, org_names

view, filters, lang, present = current()
ui.title("事件时间线", "Timeline", lang)
ui.stop_if_empty(view.events, lang, "事件", "events")

names = org_names(view.all_orgs, lang)
sentences = dict(zip(view.evidence["evidence_id"], view.evidence["sentence"]))
titles = dict(zip(view.articles["article_id"], view.articles["title"]))
figure = charts.timeline(view.events, view.participants, names, sentences, titles, lang)
state = ui.chart(figure, "timeline", present, lang, on_select="rerun", selection_mode="points")
lead_count = view.participants.drop_duplicates("event_id")["org_id"].nunique()
if lead_count > charts.TIMELINE_ROWS:
    st.caption(ui.say(f"显示事件最多的 {charts.TIMELINE_ROWS} 个机构（共 {lead_count} 个）；用侧栏筛选查看其他机构。",
                      f"Showing the {charts.TIMELINE_ROWS} most active of {lead_count} organizations; filter to see others.", lang))
st.caption(ui.say("日期只精确到年或月的事件画成覆盖整年或整月的条形，而不是画在1月1日。点击事件查看原文。",
                  "Events dated only to a year or month span that whole year or month, never 1 January. Click an event to read its source.", lang))

picked = [p["customdata"][3] for p in (state.selection.points if state and state.selection else []) if p.get("customdata")]
if picked:
    event = view.events.set_index("event_id").loc[picked[0]]
    st.subheader(label(EVENT_TYPES, event["type"], lang) + f" · {event['date'] or ''}")
    st.markdown(f"> {ui.plain(sentences.get(event['evidence_id'], ''))}")
    st.page_link("app_pages/articles.py", label=ui.say("在阅读器中打开原文", "Open the article in the reader", lang),
                 query_params={"article": event["article_id"]}, icon=":material/article:")

undated = view.events[view.events["year"].isna()]
if not undated.empty:
    st.subheader(ui.say(f"年份未知的事件（{len(undated)}）", f"Events without a known year ({len(undated)})", lang))
    lead = view.participants.drop_duplicates("event_id").set_index("event_id")["org_id"].map(names)
    table = pd.DataFrame({
        "type": undated["type"].map(lambda t: label(EVENT_TYPES, t, lang)),
        "date": undated.apply(lambda r: f"{int(r['month'])}月{int(r['day'])}日" if pd.notna(r["month"]) and pd.notna(r["day"])
                              else (f"{int(r['month'])}月" if pd.notna(r["month"]) else "—"), axis=1),
        "organization": undated["event_id"].map(lead),
        "sentence": undated["evidence_id"].map(sentences),
    })
    ui.table(table, hide_index=True, width="stretch")
ui.downloads({"events": view.events}, "events", lang, present)
