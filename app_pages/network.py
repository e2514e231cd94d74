"""Network: organizations linked by typed relations; a node cap and an ego view keep it readable."""

from pathlib import Path

import streamlit as st

from components import network, ui
from components.data import current
from components.labels import RELATION_TYPES, label, org_names

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"  # served at /app/static

view, filters, lang, present = current()
ui.title("机构关系网络", "Network of organizations", lang)
ui.stop_if_empty(view.relations, lang, "机构关系", "relations")

names = org_names(view.all_orgs, lang)
present_types = [t for t in RELATION_TYPES if t in set(view.relations["type"])]
left, middle, right = st.columns([3, 1, 2])
kinds = left.pills(ui.say("关系类型", "Relation types", lang), present_types, selection_mode="multi",
                   default=[t for t in present_types if t != "co_mention"] or present_types,
                   format_func=lambda t: label(RELATION_TYPES, t, lang), key="relations", bind="query-params")
cap = middle.number_input(ui.say("最多节点", "Max nodes", lang), 10, 1000, network.DEFAULT_NODE_CAP, step=10, key="cap",
                          bind="query-params")
ego = right.selectbox(ui.say("以某机构为中心", "Centre on an organization", lang), sorted(view.orgs["org_id"], key=lambda k: names.get(k, k)),
                      index=None, format_func=lambda k: names.get(k, k), key="ego", bind="query-params",
                      placeholder=ui.say("全部机构", "All organizations", lang))
nodes, edges = network.select_graph(view.orgs, view.relations, kinds or [], cap=int(cap), ego=ego)
ui.stop_if_empty(nodes, lang, "符合条件的关系", "relations of these types")
st.caption(ui.say(f"显示 {len(nodes)} 个机构、{len(edges)} 条关系；节点大小表示提及与关系强度，颜色表示机构类型。",
                  f"{len(nodes)} organizations and {len(edges)} relations; size shows mentions and ties, colour the type.", lang))
network.publish_vis_assets(STATIC_DIR)
st.iframe(network.network_html(nodes, edges, names, lang, height_px=720 if present else 620, ego=ego, served_assets=True),
          height=740 if present else 640)
edge_table = edges.assign(org_a=edges["org_a"].map(names), org_b=edges["org_b"].map(names),
                          type=edges["type"].map(lambda t: label(RELATION_TYPES, t, lang)))
ui.downloads({"relations": edge_table.drop(columns=["evidence_ids"])}, "relations", lang, present)
