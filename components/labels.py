"""Every label the dashboard shows, in 中文 and English. Column names stay ASCII in the data."""

from __future__ import annotations

import pandas as pd

ORG_TYPES = {
    "university": ("高校", "University"),
    "research_institute": ("科研院所", "Research institute"),
    "lab": ("实验室", "Laboratory"),
    "company": ("企业", "Company"),
    "investor": ("投资机构", "Investor"),
    "government": ("政府机构", "Government"),
    "alliance": ("联盟/学会", "Alliance"),
    "media": ("媒体", "Media"),
    "hospital": ("医院", "Hospital"),
    "other": ("其他", "Other"),
}
EVENT_TYPES = {
    "partnership": ("合作", "Partnership"),
    "establishment": ("成立/揭牌", "Establishment"),
    "funding": ("融资", "Funding"),
    "launch": ("发布/启动", "Launch"),
    "award": ("获奖", "Award"),
    "policy": ("政策", "Policy"),
    "conference": ("会议", "Conference"),
    "other": ("其他", "Other"),
}
RELATION_TYPES = {
    "partnership": ("合作", "Partnership"),
    "investment": ("投资", "Investment"),
    "member": ("成员", "Member"),
    "part_of": ("隶属", "Part of"),
    "customer": ("客户", "Customer"),
    "supplier": ("供应", "Supplier"),
    "co_mention": ("同句提及", "Co-mention"),
}
TEXT = {
    "organizations": ("机构", "Organizations"),
    "events": ("事件", "Events"),
    "rounds": ("融资轮次", "Funding rounds"),
    "disclosed": ("已披露融资额（亿元）", "Disclosed funding (100M CNY)"),
    "provinces": ("省份", "Provinces"),
    "articles": ("文章", "Articles"),
    "year": ("年份", "Year"),
    "count": ("数量", "Count"),
    "type": ("类型", "Type"),
    "mentions": ("提及次数", "Mentions"),
    "organization": ("机构", "Organization"),
    "province": ("省份", "Province"),
    "amount": ("金额（亿元）", "Amount (100M CNY)"),
    "investor": ("投资方", "Investor"),
    "rounds_count": ("轮次", "Rounds"),
    "date_unknown_year": ("年份未知", "year unknown"),
    "metric": ("指标", "Metric"),
}
LANGUAGES = {"zh": "中文", "en": "English"}


def label(mapping: dict[str, tuple[str, str]], key: str | None, lang: str) -> str:
    if key is None or (isinstance(key, float) and pd.isna(key)):
        return ""
    pair = mapping.get(key)
    if pair is None:
        return str(key)
    return pair[0] if lang == "zh" else pair[1]


def text(key: str, lang: str) -> str:
    return label(TEXT, key, lang)



def org_names(orgs: pd.DataFrame, lang: str) -> dict[str, str]:
    """org_id → display name."""
    if orgs.empty:
        return {}
    if lang == "en":
        names = orgs["english"].where(orgs["english"].notna() & (orgs["english"] != ""), orgs["name"])
    else:
        names = orgs["name"]
    return dict(zip(orgs["org_id"], names))
