"""Pure figure builders: DataFrames in, plotly Figures out. No Streamlit here."""

from __future__ import annotations

import html

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from components.labels import EVENT_TYPES, ORG_TYPES, label, text

FONT_FAMILY = "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
BASE_FONT_SIZE = 13
PROJECTOR_FONT_SIZE = 20
TOP_N = 15
TIMELINE_ROWS = 30  # organizations (rows) a readable timeline can hold
YUAN_PER_YI = 1e8  # amounts are shown in 亿元 (100 million yuan)
TYPE_COLORS = {  # one colour per organization or event type, the same on every chart
    "university": "#1f77b4", "research_institute": "#17becf", "lab": "#2ca02c", "company": "#ff7f0e",
    "investor": "#d62728", "government": "#9467bd", "alliance": "#8c564b", "media": "#7f7f7f",
    "hospital": "#e377c2", "other": "#bcbd22",
    "partnership": "#1f77b4", "establishment": "#2ca02c", "funding": "#d62728", "launch": "#ff7f0e",
    "award": "#9467bd", "policy": "#8c564b", "conference": "#17becf",
}


def style(figure: go.Figure, projector: bool = False, height: int | None = None) -> go.Figure:
    """The house style; projector mode enlarges every text for a meeting room."""
    size = PROJECTOR_FONT_SIZE if projector else BASE_FONT_SIZE
    figure.update_layout(font={"family": FONT_FAMILY, "size": size}, margin={"l": 10, "r": 10, "t": 50, "b": 10},
                         legend={"title": None}, template="plotly_white", hoverlabel={"font_size": size})
    if height:
        figure.update_layout(height=height)
    return figure


def empty_figure(message: str) -> go.Figure:
    figure = go.Figure()
    figure.add_annotation(text=message, showarrow=False, font={"size": 16}, x=0.5, y=0.5, xref="paper", yref="paper")
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    return figure


def events_per_year(events: pd.DataFrame, lang: str = "zh") -> go.Figure:
    """Stacked bars of events per year by type; events without a known year are left out (the
    caller says how many)."""
    dated = events.dropna(subset=["year"])
    if dated.empty:
        return empty_figure("—")
    counts = dated.groupby(["year", "type"]).size().reset_index(name="count")
    counts["type_label"] = counts["type"].map(lambda t: label(EVENT_TYPES, t, lang))
    counts["year"] = counts["year"].astype(int).astype(str)
    figure = px.bar(counts, x="year", y="count", color="type_label",
                    color_discrete_map={label(EVENT_TYPES, t, lang): c for t, c in TYPE_COLORS.items()},
                    labels={"year": text("year", lang), "count": text("count", lang), "type_label": text("type", lang)},
                    category_orders={"year": sorted(counts["year"].unique())})
    figure.update_layout(title=text("events", lang) + (" / 年" if lang == "zh" else " per year"))
    return figure


def top_organizations(orgs: pd.DataFrame, names: dict[str, str], lang: str = "zh", n: int = TOP_N) -> go.Figure:
    if orgs.empty:
        return empty_figure("—")
    top = orgs.nlargest(n, "mention_count").copy()
    top["label"] = top["org_id"].map(names)
    top["type_label"] = top["type"].map(lambda t: label(ORG_TYPES, t, lang))
    figure = px.bar(top.iloc[::-1], x="mention_count", y="label", color="type_label", orientation="h",
                    color_discrete_map={label(ORG_TYPES, t, lang): c for t, c in TYPE_COLORS.items()},
                    labels={"mention_count": text("mentions", lang), "label": "", "type_label": text("type", lang)})
    figure.update_layout(title=("提及最多的机构" if lang == "zh" else "Most mentioned organizations"),
                         yaxis={"categoryorder": "total ascending"})
    return figure


def _span(row) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The stretch of time a date at its precision covers: a day, a month or a whole year, so a
    year-only event is drawn across its year, never as 1 January."""
    year, month, day = int(row["year"]), row["month"], row["day"]
    if pd.notna(month) and pd.notna(day):
        start = pd.Timestamp(year, int(month), int(day))
        return start, start + pd.Timedelta(days=1)
    if pd.notna(month):
        start = pd.Timestamp(year, int(month), 1)
        return start, start + pd.offsets.MonthBegin(1)
    return pd.Timestamp(year, 1, 1), pd.Timestamp(year + 1, 1, 1)


def timeline(events: pd.DataFrame, participants: pd.DataFrame, names: dict[str, str],
             sentences: dict[str, str], titles: dict[str, str], lang: str = "zh") -> go.Figure:
    """Each dated event as a bar over the time its date covers, one row per lead organization
    (the TIMELINE_ROWS most active ones), coloured by type; hover shows the evidence sentence and
    the article."""
    dated = events.dropna(subset=["year"]).copy()
    if dated.empty:
        return empty_figure("—")
    lead = participants.drop_duplicates("event_id").set_index("event_id")["org_id"]
    busiest = dated["event_id"].map(lead).value_counts().head(TIMELINE_ROWS).index
    dated = dated[dated["event_id"].map(lead).isin(busiest)]
    spans = dated.apply(_span, axis=1, result_type="expand")
    dated["start"], dated["end"] = spans[0], spans[1]
    dated["organization"] = dated["event_id"].map(lead).map(names).fillna("—")
    dated["type_label"] = dated["type"].map(lambda t: label(EVENT_TYPES, t, lang))
    dated["when"] = dated.apply(lambda r: f"{r['date']} ({r['date_precision']})", axis=1)
    dated["sentence"] = dated["evidence_id"].map(sentences).map(lambda s: _wrap(_escaped(s)))
    dated["article"] = dated["article_id"].map(titles).map(_escaped)
    figure = px.timeline(dated, x_start="start", x_end="end", y="organization", color="type_label",
                         color_discrete_map={label(EVENT_TYPES, t, lang): c for t, c in TYPE_COLORS.items()},
                         custom_data=["when", "sentence", "article", "event_id"],
                         labels={"organization": "", "type_label": text("type", lang)})
    hover = "<b>%{y}</b><br>%{customdata[0]}<br>%{customdata[1]}<br><i>%{customdata[2]}</i><extra></extra>"
    figure.update_traces(hovertemplate=hover)
    exact = dated[dated["date_precision"] == "day"]
    if not exact.empty:  # a one-day bar is a hairline: mark exact days with a point as well
        figure.add_trace(go.Scatter(
            x=exact["start"], y=exact["organization"], mode="markers", showlegend=False, hovertemplate=hover,
            customdata=exact[["when", "sentence", "article", "event_id"]].values,
            marker={"symbol": "diamond", "size": 12, "color": exact["type"].map(TYPE_COLORS).fillna("#7f7f7f"),
                    "line": {"color": "#ffffff", "width": 1}}))
    figure.update_layout(title=("事件时间线" if lang == "zh" else "Timeline of events"),
                         height=max(300, 28 * dated["organization"].nunique() + 120))
    return figure


def _escaped(value) -> str:
    """Hover text is HTML to plotly: escape what came from articles; missing values are blank."""
    return html.escape(value) if isinstance(value, str) else ""


def _wrap(sentence: str, width: int = 40) -> str:
    return "<br>".join(sentence[i:i + width] for i in range(0, len(sentence), width))


def funding_by(funding: pd.DataFrame, column: str, lang: str = "zh") -> go.Figure:
    """Disclosed funding (floor of each round, in 亿元) and round counts grouped by a column."""
    known = funding.dropna(subset=[column])
    if known.empty:
        return empty_figure("—")
    amount = known["amount_cny_min"].fillna(known["amount_cny_max"])
    grouped = known.assign(amount=amount / YUAN_PER_YI).groupby(column).agg(
        amount=("amount", "sum"), rounds=("funding_id", "count")).reset_index()
    grouped[column] = grouped[column].map(lambda v: str(int(v)) if isinstance(v, float) else str(v))
    figure = px.bar(grouped, x=column, y="amount", text="rounds",
                    labels={column: text(column if column != "recipient_province" else "province", lang),
                            "amount": text("amount", lang)})
    figure.update_traces(texttemplate=("%{text} 轮" if lang == "zh" else "%{text} rounds"), marker_color=TYPE_COLORS["funding"])
    figure.update_layout(title=("已披露融资额" if lang == "zh" else "Disclosed funding") + f" · {text(column if column != 'recipient_province' else 'province', lang)}")
    return figure


def top_investors(investors: pd.DataFrame, names: dict[str, str], lang: str = "zh", n: int = TOP_N) -> go.Figure:
    if investors.empty:
        return empty_figure("—")
    counts = investors.groupby("org_id").agg(rounds=("funding_id", "nunique"), leads=("is_lead", "sum")).reset_index()
    counts["label"] = counts["org_id"].map(names)
    top = counts.nlargest(n, "rounds").iloc[::-1]
    figure = px.bar(top, x="rounds", y="label", orientation="h", hover_data={"leads": True},
                    labels={"rounds": text("rounds_count", lang), "label": "", "leads": "领投" if lang == "zh" else "Led"})
    figure.update_traces(marker_color=TYPE_COLORS["investor"])
    figure.update_layout(title=("最活跃的投资方" if lang == "zh" else "Most active investors"))
    return figure
