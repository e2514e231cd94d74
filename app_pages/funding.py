"""Funding: rounds with raw and normalised amounts, totals by year and province, top investors."""

import streamlit as st

from components import auth, charts, metrics, ui
from components.data import current
from components.labels import org_names

view, filters, lang, present = current()
ui.title("融资", "Funding", lang)
ui.stop_if_empty(view.funding, lang, "融资轮次", "funding rounds")

names = org_names(view.all_orgs, lang)
rounds = metrics.funding_with_place(view)
leads = view.investors[view.investors["is_lead"]].groupby("funding_id")["org_id"].apply(lambda ids: "、".join(names.get(i, i) for i in ids))
others = view.investors[~view.investors["is_lead"]].groupby("funding_id")["org_id"].apply(lambda ids: "、".join(names.get(i, i) for i in ids))
table = rounds.assign(recipient=rounds["recipient_org_id"].map(names), lead_investors=rounds["funding_id"].map(leads),
                      other_investors=rounds["funding_id"].map(others),
                      amount_cny_min_yi=rounds["amount_cny_min"] / metrics.YUAN_PER_YI,
                      amount_cny_max_yi=rounds["amount_cny_max"] / metrics.YUAN_PER_YI)
ui.table(table[["date", "recipient", "round", "amount_text", "currency", "amount_cny_min_yi", "amount_cny_max_yi",
                    "qualifier", "lead_investors", "other_investors", "recipient_province"]],
             hide_index=True, width="stretch", column_config={
                 "date": ui.say("日期", "Date", lang), "recipient": ui.say("融资方", "Raised by", lang),
                 "round": ui.say("轮次", "Round", lang), "amount_text": ui.say("原文金额", "Amount as written", lang),
                 "amount_cny_min_yi": st.column_config.NumberColumn(ui.say("下限（亿元）", "Low (100M CNY)", lang), format="%.2f"),
                 "amount_cny_max_yi": st.column_config.NumberColumn(ui.say("上限（亿元）", "High (100M CNY)", lang), format="%.2f"),
                 "qualifier": ui.say("限定", "Qualifier", lang), "lead_investors": ui.say("领投", "Lead", lang),
                 "other_investors": ui.say("其他投资方", "Other investors", lang), "recipient_province": ui.say("省份", "Province", lang)})
st.caption(ui.say("金额取每轮披露的下限（“超7亿”记为7亿）；外币按当年平均汇率折算，原文金额保留。",
                  "Totals use each round's floor (超7亿 counts as 7亿); foreign amounts use the year's average rate, the original is kept.", lang))
auth.correction_link(lang)  # the rounds are on its 融资 tab
ui.downloads({"funding": table, "investors": view.investors.assign(investor=view.investors["org_id"].map(names))}, "funding", lang, present)

left, right = st.columns(2)
with left:
    ui.chart(charts.funding_by(rounds, "year", lang), "funding_by_year", present, lang)
with right:
    ui.chart(charts.funding_by(rounds, "recipient_province", lang), "funding_by_province", present, lang)
ui.chart(charts.top_investors(view.investors, names, lang), "top_investors", present, lang)
st.subheader(ui.say("投资方 → 融资方", "Investor → company", lang))
pairs = view.investors.merge(view.funding[["funding_id", "recipient_org_id", "date"]], on="funding_id")
ui.table(pairs.assign(investor=pairs["org_id"].map(names), company=pairs["recipient_org_id"].map(names))[
    ["investor", "company", "is_lead", "date"]], hide_index=True, width="stretch")
