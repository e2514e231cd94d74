"""The shared filters and what they select. Pure functions: no Streamlit here.

Semantics, in one place:
  * place (provinces, cities): organizations based there; events that happen there; rounds whose
    recipient is based there; articles whose story is placed there.
  * rounds also need a selected organization among their recipient or investors.
  * years: events and rounds dated inside the range (an event with no known year is left out
    once the range is narrowed); articles published inside it.
  * organization types: organizations of those types, and the events, rounds and relations they
    take part in.
  * event types: events of those types.
  * text: organizations whose name, alias or English name contains it; events and articles
    whose sentence or text contains it.
Relations are kept when both ends are selected organizations.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True)
class Filters:
    provinces: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    years: tuple[int, int] | None = None  # inclusive; None = every year, undated included
    org_types: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    text: str = ""

    @property
    def active(self) -> bool:
        return bool(self.provinces or self.cities or self.years or self.org_types or self.event_types or self.text)

    def describe(self) -> list[str]:
        """One line per active filter, for slide titles and captions."""
        lines = []
        if self.provinces:
            lines.append("省份 Provinces: " + "、".join(self.provinces))
        if self.cities:
            lines.append("城市 Cities: " + "、".join(self.cities))
        if self.years:
            lines.append(f"年份 Years: {self.years[0]}–{self.years[1]}")
        if self.org_types:
            lines.append("机构类型 Organization types: " + ", ".join(self.org_types))
        if self.event_types:
            lines.append("事件类型 Event types: " + ", ".join(self.event_types))
        if self.text:
            lines.append(f"搜索 Search: {self.text}")
        return lines or ["全部数据 All data"]


@dataclass
class View:
    """The tables as the current filters see them."""

    orgs: pd.DataFrame
    events: pd.DataFrame
    participants: pd.DataFrame
    funding: pd.DataFrame
    investors: pd.DataFrame
    relations: pd.DataFrame
    articles: pd.DataFrame
    mentions: pd.DataFrame
    people: pd.DataFrame
    evidence: pd.DataFrame
    all_orgs: pd.DataFrame = field(repr=False, default=None)
    all_articles: pd.DataFrame = field(repr=False, default=None)  # every article, for a story's copies
    event_sources: pd.DataFrame = field(repr=False, default=None)  # every report of each event
    funding_sources: pd.DataFrame = field(repr=False, default=None)  # every report of each round


def _contains(series: pd.Series, needle: str) -> pd.Series:
    return series.fillna("").astype(str).str.contains(needle, case=False, regex=False)


def _in_place(frame: pd.DataFrame, filters: Filters) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    if filters.provinces:
        mask &= frame["province"].isin(filters.provinces)
    if filters.cities:
        mask &= frame["city"].isin(filters.cities)
    return mask


def _in_years(years: pd.Series, filters: Filters) -> pd.Series:
    if not filters.years:
        return pd.Series(True, index=years.index)
    low, high = filters.years
    return years.notna() & (years >= low) & (years <= high)


def apply_filters(tables: dict[str, pd.DataFrame], filters: Filters,
                  article_text_hits: frozenset[str] | set[str] | None = None) -> View:
    """The view the filters select. `article_text_hits` are the ids of articles whose text holds
    the search text (looked up in the store, where the texts are); without it the articles'
    `text` column is searched."""
    orgs = tables["organizations"]
    events = tables["events"]
    participants = tables["event_participants"]
    evidence = tables["evidence"]

    org_mask = _in_place(orgs, filters)
    if filters.org_types:
        org_mask &= orgs["type"].isin(filters.org_types)
    if filters.text:
        aliases = orgs["aliases"].map(lambda values: " ".join(values) if values is not None else "")
        org_mask &= _contains(orgs["name"], filters.text) | _contains(orgs["english"], filters.text) | _contains(aliases, filters.text)
    selected_orgs = orgs[org_mask]
    org_ids = set(selected_orgs["org_id"])
    org_filtered = bool(filters.org_types or filters.text or filters.provinces or filters.cities)

    event_mask = _in_years(events["year"], filters)
    if filters.event_types:
        event_mask &= events["type"].isin(filters.event_types)
    if filters.provinces or filters.cities:
        event_mask &= _in_place(events, filters)
    if filters.org_types or filters.text:
        with_selected = set(participants.loc[participants["org_id"].isin(org_ids), "event_id"])
        sentence = events["evidence_id"].map(dict(zip(evidence["evidence_id"], evidence["sentence"])))
        text_hit = _contains(sentence, filters.text) if filters.text else pd.Series(False, index=events.index)
        event_mask &= events["event_id"].isin(with_selected) | (text_hit & (not filters.org_types))
    selected_events = events[event_mask]
    selected_participants = participants[participants["event_id"].isin(selected_events["event_id"])]

    funding = tables["funding"]
    investors = tables["funding_investors"]
    funding_mask = _in_years(funding["year"], filters)
    if filters.provinces or filters.cities:  # a round happens where its recipient is based
        funding_mask &= funding["recipient_org_id"].isin(set(orgs.loc[_in_place(orgs, filters), "org_id"]))
    if org_filtered:  # ... and involves a selected organization, raising or investing
        invested = set(investors.loc[investors["org_id"].isin(org_ids), "funding_id"])
        funding_mask &= funding["recipient_org_id"].isin(org_ids) | funding["funding_id"].isin(invested)
    if filters.event_types and "funding" not in filters.event_types:
        funding_mask &= False
    selected_funding = funding[funding_mask]
    selected_investors = investors[investors["funding_id"].isin(selected_funding["funding_id"])]

    relations = tables["relations"]
    selected_relations = relations[relations["org_a"].isin(org_ids) & relations["org_b"].isin(org_ids)]

    articles = tables["articles"]
    article_mask = _in_years(articles["published_year"], filters) if filters.years else pd.Series(True, index=articles.index)
    if filters.provinces:
        article_mask &= articles["provinces"].map(lambda values: bool(set(values if values is not None else []) & set(filters.provinces)))
    mentions = tables["org_mentions"]
    if filters.org_types or filters.cities:
        article_mask &= articles["article_id"].isin(mentions.loc[mentions["org_id"].isin(org_ids), "article_id"])
    if filters.text:
        if article_text_hits is not None:
            article_mask &= articles["article_id"].isin(article_text_hits)
        else:
            article_mask &= _contains(articles["title"], filters.text) | _contains(articles["text"], filters.text)
    selected_articles = articles[article_mask]

    if filters.years:
        # an organization is in a year range when it is active in it: an event, or an article
        active = set(selected_participants["org_id"]) | set(
            mentions.loc[mentions["article_id"].isin(selected_articles["article_id"]), "org_id"])
        selected_orgs = selected_orgs[selected_orgs["org_id"].isin(active)]
        org_ids = set(selected_orgs["org_id"])
        selected_relations = selected_relations[selected_relations["org_a"].isin(org_ids) & selected_relations["org_b"].isin(org_ids)]

    return View(
        orgs=selected_orgs, events=selected_events, participants=selected_participants,
        funding=selected_funding, investors=selected_investors, relations=selected_relations,
        articles=selected_articles,
        mentions=mentions[mentions["article_id"].isin(selected_articles["article_id"]) & mentions["org_id"].isin(org_ids)],
        people=tables["people"][tables["people"]["article_id"].isin(selected_articles["article_id"])],
        evidence=evidence, all_orgs=orgs, all_articles=articles,
        event_sources=tables["event_sources"], funding_sources=tables["funding_sources"],
    )


def year_bounds(tables: dict[str, pd.DataFrame]) -> tuple[int, int] | None:
    years = pd.concat([tables["events"]["year"], tables["funding"]["year"], tables["articles"]["published_year"]]).dropna()
    if years.empty:
        return None
    return int(years.min()), int(years.max())
