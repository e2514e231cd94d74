"""The table contract the dashboard reads: every table, every column, what it means.

`SCHEMA` is the single source of truth: `build_tables` produces exactly these columns in this
order (empty tables included), and the README's table reference is generated from it.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import pandas as pd

from newsprep import places
from newsprep.consolidate import aggregate_relations, consolidate
from newsprep.gazetteer import gazetteer

# table -> [(column, pandas dtype, description)]
SCHEMA: dict[str, list[tuple[str, str, str]]] = {
    "articles": [
        ("article_id", "string", "hash of the cleaned story text; the same story in two files is one article"),
        ("title", "string", "title from metadata, else the first line"),
        ("published", "string", "publication date at its precision: YYYY-MM-DD, YYYY-MM or YYYY; empty when the year is unknown"),
        ("published_precision", "string", "day, month, year, year_unknown (month/day known, year not) or unknown"),
        ("published_year", "Int64", "year of publication, when known"),
        ("published_month", "Int64", "month of publication, when known (also without a year)"),
        ("published_day", "Int64", "day of publication, when known (also without a year)"),
        ("published_from", "string", "metadata (front matter, JSON/CSV field, HTML meta) or dateline (the text's own head)"),
        ("source", "string", "publisher or author from metadata"),
        ("url", "string", "original address from metadata"),
        ("source_path", "string", "input file the article was read from"),
        ("record_index", "Int64", "record number inside an export file (JSON list, JSONL, CSV)"),
        ("encoding", "string", "detected text encoding of the input"),
        ("script", "string", "simplified or traditional: the script of the original (text is stored in Simplified)"),
        ("provinces", "object", "provinces where the story's events happen or its actors are based (short names)"),
        ("n_chars", "Int64", "length of the cleaned text"),
        ("text", "string", "cleaned story text in Simplified Chinese; every offset in other tables points into it"),
        ("cluster_id", "string", "story cluster: copies of one story on several sites (near-duplicate texts) share it; counts count a story once"),
    ],
    "organizations": [
        ("org_id", "string", "gazetteer id, or new_<hash> for organizations found by name rules"),
        ("name", "string", "canonical name (Simplified Chinese)"),
        ("aliases", "object", "surface forms seen in the articles"),
        ("english", "string", "English name, where known"),
        ("type", "string", "university, research_institute, lab, company, investor, government, alliance, media, hospital or other"),
        ("city", "string", "city of the headquarters (short name: 杭州)"),
        ("province", "string", "province-level unit (short name: 浙江, 北京, 香港)"),
        ("adcode", "string", "administrative code of the city (or province) from the national table"),
        ("longitude", "float64", "longitude of the city (or province) seat"),
        ("latitude", "float64", "latitude of the city (or province) seat"),
        ("place_source", "string", "where its place comes from: gazetteer, name (北京大学 → 北京), parent, event, or article (the province that dominates the article)"),
        ("in_gazetteer", "bool", "true when the organization is in the curated gazetteer"),
        ("mention_count", "Int64", "number of mentions across articles"),
        ("article_count", "Int64", "number of stories that mention it (copies of one story count once)"),
    ],
    "org_mentions": [
        ("article_id", "string", "article"),
        ("org_id", "string", "organization"),
        ("surface", "string", "the text as written"),
        ("sentence_index", "Int64", "sentence number in the article"),
        ("start", "Int64", "start offset in the article text"),
        ("end", "Int64", "end offset (exclusive)"),
        ("rule_id", "string", "gazetteer:<org_id> or name_rule:<suffix_id> that found it"),
        ("evidence_id", "string", "row in evidence"),
    ],
    "org_aliases": [
        ("alias_org_id", "string", "an id under which the organization was found in some article"),
        ("org_id", "string", "the organization it was merged into (the row in organizations)"),
        ("alias_name", "string", "the name found under the alias id"),
        ("reason", "string", "why they are one: gazetteer, alias (same English name), variant rule:<name_variants.csv id>, or curation"),
    ],
    "people": [
        ("person_id", "string", "article id and name"),
        ("article_id", "string", "article"),
        ("name", "string", "person's name"),
        ("role", "string", "role or title as written (主任、党委书记)"),
        ("org_id", "string", "affiliation, where the text gives one"),
        ("evidence_id", "string", "row in evidence"),
    ],
    "events": [
        ("event_id", "string", "article id and event number of its first report"),
        ("article_id", "string", "article of its first report (every report: event_sources)"),
        ("type", "string", "partnership, establishment, funding, launch, award, policy, conference or other"),
        ("date", "string", "YYYY-MM-DD, YYYY-MM or YYYY at the known precision; empty when the year is unknown"),
        ("date_precision", "string", "day, month, year, year_unknown or unknown"),
        ("year", "Int64", "year, when known"),
        ("month", "Int64", "month, when known"),
        ("day", "Int64", "day, when known"),
        ("city", "string", "city where it happened"),
        ("province", "string", "province where it happened"),
        ("adcode", "string", "administrative code of the place"),
        ("longitude", "float64", "longitude of the place"),
        ("latitude", "float64", "latitude of the place"),
        ("place_source", "string", "sentence (the text names the place) or participant (a participant's base)"),
        ("trigger_id", "string", "rule (event_triggers.csv) that typed it"),
        ("evidence_id", "string", "row in evidence"),
    ],
    "event_sources": [
        ("event_id", "string", "event (one row per real event, however many articles report it)"),
        ("article_id", "string", "an article that reports it"),
        ("evidence_id", "string", "the sentence of that article"),
        ("source_event_id", "string", "the event as that article alone gave it"),
    ],
    "event_participants": [
        ("event_id", "string", "event"),
        ("org_id", "string", "organization taking part"),
        ("role", "string", "participant, recipient, lead_investor, investor or founding_member"),
    ],
    "funding": [
        ("funding_id", "string", "article id and round number of its first report"),
        ("article_id", "string", "article of its first report (every report: funding_sources)"),
        ("recipient_org_id", "string", "organization that raised the money"),
        ("amount_text", "string", "amount as written (超 7 亿人民币)"),
        ("currency", "string", "CNY, USD, HKD or EUR as written"),
        ("amount_min", "float64", "lower bound in the original currency (empty for 近…: 'nearly')"),
        ("amount_max", "float64", "upper bound in the original currency (empty for 超…: 'over')"),
        ("amount_cny_min", "float64", "lower bound in yuan (foreign amounts at the year's average rate)"),
        ("amount_cny_max", "float64", "upper bound in yuan"),
        ("qualifier", "string", "over, nearly, about, several, or empty for an exact figure"),
        ("round", "string", "Angel, Seed, A, B+, C, Pre-IPO, Strategic …, where stated"),
        ("date", "string", "date at its precision; empty when the year is unknown"),
        ("year", "Int64", "year of the round (or of the article), when known"),
        ("evidence_id", "string", "row in evidence"),
    ],
    "funding_sources": [
        ("funding_id", "string", "round (one row per real round, however many articles report it)"),
        ("article_id", "string", "an article that reports it"),
        ("evidence_id", "string", "the sentence of that article"),
        ("source_funding_id", "string", "the round as that article alone gave it"),
    ],
    "funding_investors": [
        ("funding_id", "string", "round"),
        ("org_id", "string", "investor"),
        ("is_lead", "bool", "true when the text says it led the round"),
    ],
    "relations": [
        ("org_a", "string", "organization (investment: the investor; part_of/member: the part; customer: the client; supplier: the supplier)"),
        ("org_b", "string", "organization (investment: the recipient; part_of/member: the whole; customer/supplier: the other side)"),
        ("type", "string", "partnership, investment, member, part_of, customer, supplier or co_mention"),
        ("weight", "Int64", "number of sentences that support it"),
        ("article_count", "Int64", "number of stories that support it (copies of one story count once)"),
        ("evidence_ids", "object", "rows in evidence"),
    ],
    "evidence": [
        ("evidence_id", "string", "article id and number"),
        ("article_id", "string", "article"),
        ("sentence_index", "Int64", "sentence number in the article"),
        ("start", "Int64", "start offset of the matched text in the article text"),
        ("end", "Int64", "end offset (exclusive)"),
        ("sentence", "string", "the whole sentence"),
        ("rule_id", "string", "rule that produced the fact"),
    ],
    "ingest_report": [
        ("input_path", "string", "file as given"),
        ("record_index", "Int64", "record inside an export file, if any"),
        ("status", "string", "ok, duplicate or failed"),
        ("reason", "string", "why it failed or which article it duplicates"),
        ("article_id", "string", "article it became"),
        ("notes", "string", "warnings that did not stop it (missing columns, unreadable front matter …)"),
    ],
}


def schema_markdown() -> str:
    """The table reference in the README, generated from SCHEMA (a test keeps them equal)."""
    parts = []
    for table, columns in SCHEMA.items():
        parts.append(f"#### `{table}`\n\n| column | type | meaning |\n|---|---|---|")
        parts.extend(f"| `{column}` | {dtype.lower().replace('object', 'list')} | {meaning} |" for column, dtype, meaning in columns)
        parts.append("")
    return "\n".join(parts).rstrip() + "\n"


def table_frame(table: str, rows: list[dict] | pd.DataFrame) -> pd.DataFrame:
    """The table with exactly its SCHEMA columns, in order, with their dtypes."""
    columns = SCHEMA[table]
    frame = (rows.reindex(columns=[c for c, _, _ in columns]) if isinstance(rows, pd.DataFrame)
             else pd.DataFrame(rows, columns=[c for c, _, _ in columns]))
    for column, dtype, _ in columns:
        if dtype != "object":
            frame[column] = frame[column].astype(dtype)
    return frame


def _date_fields(date: dict) -> dict:
    from newsprep.dates import PartialDate

    value = PartialDate(**date)
    return {"date": value.iso(), "date_precision": value.precision, "year": value.year,
            "month": value.month, "day": value.day}


def _place_fields(city: str | None, province: str | None) -> dict:
    place = places.place_of(city, province)
    if place is None:
        return {"adcode": None, "longitude": None, "latitude": None}
    return {"adcode": place.adcode, "longitude": place.longitude, "latitude": place.latitude}


def build_tables(articles: list[dict], report: list, curation: list[dict] = ()) -> dict[str, pd.DataFrame]:
    """The landscape: the articles' own tables, consolidated, with the curation log applied."""
    return landscape(article_tables(articles, report), curation)[0]


def landscape(per_article: dict[str, pd.DataFrame], curation: list[dict] = ()):
    """(tables, curation outcome) from the per-article tables."""
    consolidated, outcome = consolidate(per_article, curation)
    return {table: table_frame(table, consolidated[table]) for table in SCHEMA}, outcome


def article_tables(articles: list[dict], report: list) -> dict[str, pd.DataFrame]:
    """Each article's facts as it gave them, before anything is merged across articles."""
    rows: dict[str, list[dict]] = defaultdict(list)
    org_facts: dict[str, list[dict]] = defaultdict(list)
    for record in articles:
        aid = record["article_id"]
        facts = record["facts"]
        published = _date_fields(record["published"])
        rows["articles"].append({
            "article_id": aid, "title": record["title"], "published": published["date"],
            "published_precision": published["date_precision"], "published_year": published["year"],
            "published_month": published["month"], "published_day": published["day"],
            "published_from": record["published_from"], "source": record["source"], "url": record["url"],
            "source_path": record["source_path"], "record_index": record["record_index"],
            "encoding": record["encoding"], "script": record["script"], "provinces": facts["provinces"],
            "n_chars": len(record["text"]), "text": record["text"],
        })
        for evidence in facts["evidence"]:
            rows["evidence"].append({**{k: evidence[k] for k in ("evidence_id", "sentence_index", "start", "end", "sentence", "rule_id")},
                                     "article_id": aid})
        for key, org in facts["orgs"].items():
            org_facts[key].append({**org, "article_id": aid})
            for mention in org["mentions"]:
                rows["org_mentions"].append({"article_id": aid, "org_id": key, **{
                    k: mention[k] for k in ("surface", "sentence_index", "start", "end", "rule_id", "evidence_id")}})
        for person in facts["people"]:
            rows["people"].append({"person_id": f"{aid}:{person['name']}", "article_id": aid, "name": person["name"],
                                   "role": person["role"], "org_id": person["org"], "evidence_id": person["evidence_id"]})
        for event in facts["events"]:
            rows["events"].append({"event_id": event["event_id"], "article_id": aid, "type": event["type"],
                                   **_date_fields(event["date"]), "city": event["city"], "province": event["province"],
                                   **_place_fields(event["city"], event["province"]),
                                   "place_source": event["place_source"], "trigger_id": event["trigger_id"],
                                   "evidence_id": event["evidence_id"]})
            for key, role in event["participants"]:
                rows["event_participants"].append({"event_id": event["event_id"], "org_id": key, "role": role})
        for fund in facts["funding"]:
            date = _date_fields(fund["date"])
            rows["funding"].append({
                "funding_id": fund["funding_id"], "article_id": aid, "recipient_org_id": fund["recipient"],
                **{k: fund[k] for k in ("amount_text", "currency", "amount_min", "amount_max", "amount_cny_min",
                                        "amount_cny_max", "qualifier", "round")},
                "date": date["date"], "year": date["year"] or published["year"], "evidence_id": fund["evidence_id"]})
            for key, is_lead in fund["investors"]:
                rows["funding_investors"].append({"funding_id": fund["funding_id"], "org_id": key, "is_lead": is_lead})
        for relation in facts["relations"]:
            rows["_relations"].append({**relation, "article_id": aid})
    rows["organizations"] = _organizations(org_facts)
    rows["relations"] = aggregate_relations((r["a"], r["b"], r["type"], [r["evidence_id"]])
                                            for r in rows.pop("_relations", []))
    rows["ingest_report"] = [{"input_path": r.input_path, "record_index": r.record_index, "status": r.status,
                              "reason": r.reason, "article_id": r.article_id, "notes": r.notes} for r in report]
    return {table: table_frame(table, rows.get(table, [])) for table in SCHEMA}


def _most_common(values):
    values = [v for v in values if v]
    return Counter(values).most_common(1)[0][0] if values else None


def _organizations(org_facts: dict[str, list[dict]]) -> list[dict]:
    known = {o.org_id: o for o in gazetteer().orgs}
    result = []
    for key, seen in org_facts.items():
        entry = known.get(key)
        city = entry.city if entry else _most_common(o["city"] for o in seen)
        province = entry.province if entry else _most_common(o["province"] for o in seen)
        surfaces = list(dict.fromkeys(m["surface"] for o in seen for m in o["mentions"]))
        result.append({
            "org_id": key, "name": entry.name if entry else _most_common(o["name"] for o in seen),
            "aliases": surfaces, "english": entry.english if entry else _most_common(o["english"] for o in seen),
            "type": entry.type if entry else _most_common(o["type"] for o in seen),
            "city": city, "province": province, **_place_fields(city, province),
            "place_source": "gazetteer" if entry and province else _most_common(o.get("place_source") for o in seen),
            "in_gazetteer": entry is not None,
            "mention_count": sum(len(o["mentions"]) for o in seen), "article_count": len({o["article_id"] for o in seen}),
        })
    return sorted(result, key=lambda r: (-r["mention_count"], r["name"]))


