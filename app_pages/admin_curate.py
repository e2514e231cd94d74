"""Admin: correct the landscape. Every change goes to the curation log (who, when, why), is
applied to the tables at once, and is re-applied by every later build."""

import pandas as pd
import streamlit as st

from components import auth, ui
from components.data import current, tables, tables_root
from components.labels import ORG_TYPES, label, org_names
from components.sidebar import all_provinces
from newsprep import curation
from newsprep.build import refresh_snapshot
from newsprep.corrections import hidden_set, relation_id, unknown_target
from newsprep.errors import NewsprepError
from newsprep.store import load_base

auth.require_admin()
view, filters, lang, present = current()
ui.title("更正数据", "Correct the data", lang)
data = tables()
names = org_names(data["organizations"], lang)


def apply(op: str, why: str, **args: str) -> None:
    """Record the change, re-derive the tables, and show the result."""
    try:
        base = load_base(tables_root())
        entry = curation.record(op, auth.admin_name(), why, check=lambda e: unknown_target(e, data, base), **args)
        _, outcome = refresh_snapshot(tables_root())
    except NewsprepError as err:
        st.error(f"{err} {err.hint}".strip())
        return
    status, reason = outcome.status.get(entry["op_id"], ("applied", ""))
    st.session_state["_curation_message"] = (status, curation.describe(entry), reason)
    st.rerun()


def reason_box(key: str) -> str:
    return st.text_input(ui.say("原因（必填，记入日志）", "Why (required, kept in the log)", lang), key=f"why_{key}")


message = st.session_state.pop("_curation_message", None)
if message:
    status, what, reason = message
    (st.success if status == "applied" else st.warning)(f"{status}: {what}" + (f" — {reason}" if reason else ""))

org_tab, round_tab, event_tab, article_tab, log_tab = st.tabs([
    ui.say("机构", "Organizations", lang), ui.say("融资", "Funding rounds", lang), ui.say("事件", "Events", lang),
    ui.say("文章", "Articles", lang), ui.say("更正日志", "Log", lang)])

with org_tab:
    org_ids = list(data["organizations"]["org_id"])
    wanted = st.query_params.get("org")
    org_id = st.selectbox(ui.say("机构", "Organization", lang), org_ids, format_func=lambda k: f"{names.get(k, k)} ({k})",
                          index=org_ids.index(wanted) if wanted in org_ids else 0, key="curate_org")
    org = data["organizations"].set_index("org_id").loc[org_id]
    st.caption(f"{label(ORG_TYPES, org['type'], lang)} · {org['province'] or '—'} {org['city'] or ''}")
    with st.form("rename"):
        new_name = st.text_input(ui.say("新名称", "New name", lang), value=str(org["name"]))
        why = reason_box("rename")
        if st.form_submit_button(ui.say("改名", "Rename", lang)):
            apply("rename", why, org_id=org_id, name=new_name)
    with st.form("set"):
        field = st.radio(ui.say("更正", "Correct", lang), ["type", "province", "city"], horizontal=True,
                         format_func=lambda f: {"type": ui.say("类型", "Type", lang), "province": ui.say("省份", "Province", lang),
                                                "city": ui.say("城市", "City", lang)}[f])
        type_value = st.selectbox(ui.say("类型", "Type", lang), list(ORG_TYPES), format_func=lambda t: label(ORG_TYPES, t, lang))
        province_value = st.selectbox(ui.say("省份", "Province", lang), all_provinces())
        city_value = st.text_input(ui.say("城市（简称，如 杭州）", "City (short name, e.g. 杭州)", lang))
        why = reason_box("set")
        if st.form_submit_button(ui.say("保存", "Save", lang)):
            apply("set", why, org_id=org_id, field=field,
                  value={"type": type_value, "province": province_value, "city": city_value}[field])
    with st.form("merge"):
        others = [k for k in org_ids if k != org_id]
        other = st.selectbox(ui.say("与此机构相同（并入当前机构）", "Is the same as this one (merged into it)", lang), others,
                             format_func=lambda k: f"{names.get(k, k)} ({k})")
        why = reason_box("merge")
        if st.form_submit_button(ui.say("合并", "Merge", lang)):
            apply("merge", why, org_id=org_id, other=other)
    with st.form("hide_org"):
        why = reason_box("hide_org")
        if st.form_submit_button(ui.say("隐藏此机构（不是机构或抽取错误）", "Hide this organization (not one, or extracted wrongly)", lang)):
            apply("hide", why, kind="organization", id=org_id)


def hide_form(kind: str, options: list[str], describe, key: str) -> None:
    if not options:
        ui.empty(lang)
        return
    wanted = st.query_params.get(kind)  # a "correct this" link names the fact it came from
    with st.form(key):
        chosen = st.selectbox(ui.say("选择", "Choose", lang), options, format_func=describe,
                              index=options.index(wanted) if wanted in options else 0)
        why = reason_box(key)
        if st.form_submit_button(ui.say("隐藏", "Hide", lang)):
            apply("hide", why, kind=kind, id=chosen)


with round_tab:
    funding = data["funding"].set_index("funding_id")
    hide_form("round", list(funding.index), lambda f: f"{names.get(funding.at[f, 'recipient_org_id'], '?')} · "
              f"{funding.at[f, 'amount_text'] or '—'} · {funding.at[f, 'round'] or ''} ({f})", "hide_round")
with event_tab:
    events = data["events"].set_index("event_id")
    sentences = dict(zip(data["evidence"]["evidence_id"], data["evidence"]["sentence"]))
    hide_form("event", list(events.index), lambda e: f"{events.at[e, 'type']} · {events.at[e, 'date'] or '—'} · "
              f"{str(sentences.get(events.at[e, 'evidence_id'], ''))[:60]}", "hide_event")
with article_tab:
    articles = data["articles"].set_index("article_id")
    hide_form("article", list(articles.index), lambda a: f"{articles.at[a, 'title']} ({a})", "hide_article")
    relations = data["relations"]
    relation_ids = [relation_id(r.org_a, r.org_b, r.type) for r in relations.itertuples()]
    st.caption(ui.say("关系", "Relations", lang))
    hide_form("relation", relation_ids, lambda r: " — ".join([names.get(p, p) for p in r.split("|")[:2]] + [r.split("|")[2]]),
              "hide_relation")

with log_tab:
    entries = curation.read_log()
    if not entries:
        st.info(ui.say("还没有更正。", "No corrections yet.", lang))
    else:
        undone = {e["target"] for e in entries if e["op"] == "undo"}
        ui.table(pd.DataFrame([{"at": e["at"], "who": e["who"], "change": curation.describe(e), "why": e.get("why", ""),
                                "status": "undo" if e["op"] == "undo" else "undone" if e["op_id"] in undone else "in effect"}
                               for e in reversed(entries)]), hide_index=True, width="stretch")
        if st.button(ui.say("撤销最近一次更正", "Undo the last change", lang), icon=":material/undo:"):
            try:
                entry = curation.undo_last(auth.admin_name(), "undo in the app")
                refresh_snapshot(tables_root())
                st.session_state["_curation_message"] = ("applied", curation.describe(entry), "")
            except NewsprepError as err:
                st.session_state["_curation_message"] = ("stale", "undo", str(err))
            st.rerun()
        restorable = sorted((kind, hidden_id) for kind, ids in hidden_set(entries, curation.Outcome()).items()
                            for hidden_id in ids)
        if restorable:
            with st.form("restore"):
                chosen = st.selectbox(ui.say("恢复被隐藏的", "Restore a hidden", lang), restorable, format_func=lambda p: f"{p[0]} {p[1]}")
                why = reason_box("restore")
                if st.form_submit_button(ui.say("恢复", "Restore", lang)):
                    apply("restore", why, kind=chosen[0], id=chosen[1])
