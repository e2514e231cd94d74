"""Articles: the list, and a reader with organizations, places, dates and money marked."""

from pathlib import Path

import pandas as pd
import streamlit as st

from components import auth, highlight, ui
from components.data import article_text, current, snapshot_path
from components.labels import EVENT_TYPES, ORG_TYPES, label, org_names

view, filters, lang, present = current()
ui.title("文章", "Articles", lang)
ui.stop_if_empty(view.articles, lang, "文章", "articles")

listing = view.articles[["title", "published", "published_precision", "source", "script"]]
ui.table(listing, hide_index=True, width="stretch", height=240, column_config={
    "title": ui.say("标题", "Title", lang), "published": ui.say("发布日期", "Published", lang),
    "published_precision": ui.say("日期精度", "Date precision", lang), "source": ui.say("来源", "Source", lang),
    "script": ui.say("原文字体", "Original script", lang)})
ui.downloads({"articles": view.articles}, "articles", lang, present)

titles = dict(zip(view.articles["article_id"], view.articles["title"]))
# The URL carries the article's id (a link from the timeline says ?article=<id>), never its title:
# it is read when the page opens, and written only when the reader picks another article (a write
# on every run would race with a click on the next page).
article_ids = list(view.articles["article_id"])
wanted = st.query_params.get("article")
article_id = st.selectbox(ui.say("阅读", "Read", lang), article_ids, format_func=lambda a: titles.get(a, a),
                          index=article_ids.index(wanted) if wanted in article_ids else 0, key="article",
                          on_change=lambda: st.query_params.update(article=st.session_state["article"]))
article = view.articles.set_index("article_id").loc[article_id]
st.header(ui.plain(article["title"]))
auth.correction_link(lang, article=article_id)
published = article["published"] if isinstance(article["published"], str) else ui.say("发布日期未知", "publication date unknown", lang)
# the file's name only: the server's folders are nobody's business
file_name = Path(str(article["source_path"])).name
st.caption(" · ".join(ui.plain(part) for part in (published, article["source"], file_name) if isinstance(part, str) and part))

copies = view.all_articles[(view.all_articles["cluster_id"] == article["cluster_id"])
                           & (view.all_articles["article_id"] != article_id)]
if not copies.empty:
    st.caption(ui.say(f"同一报道的其他 {len(copies)} 个版本（统计时只计一次）：",
                      f"{len(copies)} other copies of this story (counted once):", lang))
    ui.table(copies[["title", "source", "url", "published"]], hide_index=True, width="stretch", column_config={
        "title": ui.say("标题", "Title", lang), "source": ui.say("来源", "Source", lang),
        "url": ui.say("网址", "URL", lang), "published": ui.say("发布日期", "Published", lang)})

names = org_names(view.all_orgs, lang)
mentions = view.mentions[view.mentions["article_id"] == article_id]
reader, facts = st.columns([3, 2])
with reader:
    st.html(highlight.legend_html(lang))
    titles_by_span = {(int(m.start), int(m.end)): names.get(m.org_id, m.surface) for m in mentions.itertuples()}
    st.html(highlight.highlighted_html(article_text(snapshot_path(), article_id), mentions, titles_by_span))
with facts:
    st.subheader(ui.say("抽取结果", "Extracted", lang))
    orgs = view.all_orgs[view.all_orgs["org_id"].isin(mentions["org_id"])]
    ui.table(pd.DataFrame({"organization": orgs["org_id"].map(names), "type": orgs["type"].map(lambda t: label(ORG_TYPES, t, lang)),
                               "province": orgs["province"]}), hide_index=True, width="stretch")
    # an event reported by several articles is one row; this article may be any of its reports
    reported_here = view.event_sources.loc[view.event_sources["article_id"] == article_id, "event_id"]
    events = view.events[view.events["event_id"].isin(reported_here)]
    sentences = dict(zip(view.evidence["evidence_id"], view.evidence["sentence"]))
    for event in events.itertuples():
        st.markdown(f"**{label(EVENT_TYPES, event.type, lang)}** · {event.date or '—'}  \n{ui.plain(sentences.get(event.evidence_id, ''))}")
    people = view.people[view.people["article_id"] == article_id]
    if not people.empty:
        ui.table(people.assign(org=people["org_id"].map(names))[["name", "role", "org"]], hide_index=True, width="stretch")
