"""Organizations: a searchable directory, and the profile of one organization."""

import pandas as pd
import streamlit as st

from components import auth, charts, ui
from components.data import current
from components.labels import ORG_TYPES, RELATION_TYPES, label, org_names

view, filters, lang, present = current()
ui.title("机构", "Organizations", lang)
ui.stop_if_empty(view.orgs, lang, "机构", "organizations")

names = org_names(view.all_orgs, lang)
directory = view.orgs.assign(type_label=view.orgs["type"].map(lambda t: label(ORG_TYPES, t, lang)))
columns = ["name", "english", "type_label", "province", "city", "mention_count", "article_count", "in_gazetteer"]
ui.table(directory[columns], hide_index=True, width="stretch", height=320, column_config={
    "name": st.column_config.TextColumn(ui.say("名称", "Name", lang)), "english": st.column_config.TextColumn("English"),
    "type_label": st.column_config.TextColumn(ui.say("类型", "Type", lang)),
    "province": st.column_config.TextColumn(ui.say("省份", "Province", lang)), "city": st.column_config.TextColumn(ui.say("城市", "City", lang)),
    "mention_count": st.column_config.ProgressColumn(ui.say("提及", "Mentions", lang), format="%d", min_value=0,
                                                     max_value=int(directory["mention_count"].max())),
    "article_count": st.column_config.NumberColumn(ui.say("文章", "Articles", lang)),
    "in_gazetteer": st.column_config.CheckboxColumn(ui.say("名录内", "In gazetteer", lang))})
ui.downloads({"organizations": view.orgs}, "organizations", lang, present)

org_id = st.selectbox(ui.say("机构档案", "Profile", lang), list(view.orgs["org_id"]), format_func=lambda k: names.get(k, k),
                      key="org", bind="query-params")
org = view.all_orgs.set_index("org_id").loc[org_id]
st.header(ui.plain(names.get(org_id, org["name"])))
auth.correction_link(lang, org=org_id)
facts = st.columns(4)
facts[0].metric(ui.say("类型", "Type", lang), label(ORG_TYPES, org["type"], lang))
facts[1].metric(ui.say("所在地", "Based in", lang), " ".join(p for p in (org["province"], org["city"]) if isinstance(p, str) and p) or "—")
facts[2].metric(ui.say("提及", "Mentions", lang), int(org["mention_count"]))
facts[3].metric(ui.say("文章", "Articles", lang), int(org["article_count"]))
st.caption(ui.say("别名：", "Also written: ", lang) + "、".join(ui.plain(a) for a in org["aliases"]))

own_events = view.events[view.events["event_id"].isin(view.participants.loc[view.participants["org_id"] == org_id, "event_id"])]
sentences = dict(zip(view.evidence["evidence_id"], view.evidence["sentence"]))
if not own_events.empty:
    titles = dict(zip(view.articles["article_id"], view.articles["title"]))
    ui.chart(charts.timeline(own_events, view.participants[view.participants["event_id"].isin(own_events["event_id"])],
                             names, sentences, titles, lang), "org_timeline", present, lang)
ties = view.relations[(view.relations["org_a"] == org_id) | (view.relations["org_b"] == org_id)]
if not ties.empty:
    st.subheader(ui.say("关系", "Relations", lang))
    other = ties["org_b"].where(ties["org_a"] == org_id, ties["org_a"])
    ui.table(pd.DataFrame({"organization": other.map(names), "type": ties["type"].map(lambda t: label(RELATION_TYPES, t, lang)),
                               "weight": ties["weight"]}), hide_index=True, width="stretch")
rounds = view.funding[view.funding["recipient_org_id"] == org_id]
if not rounds.empty:
    st.subheader(ui.say("融资", "Funding", lang))
    investors = view.investors.groupby("funding_id")["org_id"].apply(lambda ids: "、".join(names.get(i, i) for i in ids))
    ui.table(rounds.assign(investors=rounds["funding_id"].map(investors))[["date", "round", "amount_text", "investors"]],
                 hide_index=True, width="stretch")
st.subheader(ui.say("提及它的句子", "Sentences that mention it", lang))
said = view.mentions[view.mentions["org_id"] == org_id].drop_duplicates("evidence_id")
titles = dict(zip(view.articles["article_id"], view.articles["title"]))
for row in said.head(30).itertuples():
    st.markdown(f"- {ui.plain(sentences.get(row.evidence_id, ''))}  \n  *{ui.plain(titles.get(row.article_id, ''))}*")
if said.empty:
    st.caption(ui.say("当前筛选下没有提及它的文章。", "No article in the current filters mentions it.", lang))
