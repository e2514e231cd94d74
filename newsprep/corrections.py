"""Apply the curation log (curation.py) to the tables, at the three points where it belongs:

  * hidden articles leave before anything is merged (their facts must not shape the merges);
  * merges of organizations join the automatic ones, before rounds and events are merged (two
    reports of one round by two names of one company must become one round);
  * renames, places, types and hidden facts last, on the consolidated rows.

Ids in the log may be ones the consolidation has since merged away (an alias id, the id of a
round as one article gave it): they are resolved to the surviving row. An operation that still
finds nothing is stale, with the reason.
"""

from __future__ import annotations

import pandas as pd

from newsprep import places
from newsprep.curation import Outcome, effective
from newsprep.facts import SYMMETRIC_RELATIONS


def hidden_set(entries: list[dict], outcome: Outcome) -> dict[str, set[str]]:
    """kind → ids hidden at the end of the log (hide, then restore, in order)."""
    hidden: dict[str, set[str]] = {}
    for entry in effective(entries):
        if entry["op"] == "hide":
            hidden.setdefault(entry["kind"], set()).add(entry["id"])
        elif entry["op"] == "restore":
            if entry["id"] in hidden.get(entry["kind"], set()):
                hidden[entry["kind"]].discard(entry["id"])
                outcome.applied(entry)
            else:
                outcome.stale(entry, f"the {entry['kind']} {entry['id']} is not hidden.")
    return hidden


def without_articles(tables: dict[str, pd.DataFrame], entries: list[dict], outcome: Outcome) -> dict[str, pd.DataFrame]:
    """The per-article tables without the articles an admin hid."""
    hides = [e for e in effective(entries) if e["op"] == "hide" and e["kind"] == "article"]
    hidden = hidden_set(entries, Outcome()).get("article", set())
    known = set(tables["articles"]["article_id"])
    for entry in hides:
        if entry["id"] not in known:
            outcome.stale(entry, f"no article {entry['id']} is in the tables.")
        elif entry["id"] in hidden:
            outcome.applied(entry)
        else:
            outcome.restored(entry)
    if not hidden & known:
        return tables
    tables = dict(tables)
    evidence_article = dict(zip(tables["evidence"]["evidence_id"], tables["evidence"]["article_id"]))
    for name, frame in tables.items():
        if "article_id" in frame.columns and name != "ingest_report":
            tables[name] = frame[~frame["article_id"].isin(hidden)].reset_index(drop=True)
    kept_events = set(tables["events"]["event_id"])
    tables["event_participants"] = tables["event_participants"][tables["event_participants"]["event_id"].isin(kept_events)]
    kept_rounds = set(tables["funding"]["funding_id"])
    tables["funding_investors"] = tables["funding_investors"][tables["funding_investors"]["funding_id"].isin(kept_rounds)]
    relations = tables["relations"].copy()
    relations["evidence_ids"] = relations["evidence_ids"].map(
        lambda ids: [e for e in (ids if ids is not None else []) if evidence_article.get(e) not in hidden])
    tables["relations"] = relations[relations["evidence_ids"].map(len) > 0].reset_index(drop=True)
    mentioned = set(tables["org_mentions"]["org_id"])
    tables["organizations"] = tables["organizations"][tables["organizations"]["org_id"].isin(mentioned)].reset_index(drop=True)
    return tables


def curated_merges(entries: list[dict], org_ids: set[str], automatic: dict[str, tuple[str, str]],
                   outcome: Outcome) -> dict[str, tuple[str, str]]:
    """The automatic merge plan with the admins' merges added (reason `curation`)."""
    plan = dict(automatic)

    def resolve(org_id: str) -> str:
        seen = set()
        while org_id in plan and org_id not in seen:
            seen.add(org_id)
            org_id = plan[org_id][0]
        return org_id

    for entry in effective(entries):
        if entry["op"] != "merge":
            continue
        missing = [i for i in (entry["org_id"], entry["other"]) if i not in org_ids and i not in plan]
        if missing:
            outcome.stale(entry, f"no organization {missing[0]} is in the tables.")
            continue
        keep, other = resolve(entry["org_id"]), resolve(entry["other"])
        if keep != other:
            plan[other] = (keep, "curation")
            for alias, (target, reason) in list(plan.items()):
                if target == other:
                    plan[alias] = (keep, reason)
        outcome.applied(entry)
    return plan


def final_edits(tables: dict[str, pd.DataFrame], entries: list[dict], plan: dict[str, tuple[str, str]],
                outcome: Outcome) -> dict[str, pd.DataFrame]:
    """Renames, places and types, then hidden organizations, events, rounds and relations."""
    tables = dict(tables)
    orgs = tables["organizations"].copy()
    row_of = {org_id: index for index, org_id in zip(orgs.index, orgs["org_id"])}

    def resolve_org(org_id: str) -> str | None:
        org_id = plan[org_id][0] if org_id in plan else org_id
        return org_id if org_id in row_of else None

    for entry in effective(entries):
        if entry["op"] not in ("rename", "set"):
            continue
        org_id = resolve_org(entry["org_id"])
        if org_id is None:
            outcome.stale(entry, f"no organization {entry['org_id']} is in the tables.")
            continue
        index = row_of[org_id]
        if entry["op"] == "rename":
            old = orgs.at[index, "name"]
            orgs.at[index, "name"] = entry["name"]
            aliases = list(orgs.at[index, "aliases"]) if orgs.at[index, "aliases"] is not None else []
            orgs.at[index, "aliases"] = list(dict.fromkeys([*aliases, old]))
        elif entry["field"] == "type":
            orgs.at[index, "type"] = entry["value"]
        else:
            _set_place(orgs, index, entry["field"], entry["value"])
        outcome.applied(entry)
    tables["organizations"] = orgs

    hidden = hidden_set(entries, outcome)  # the restores' statuses are recorded here, once
    hides = [e for e in effective(entries) if e["op"] == "hide" and e["kind"] != "article"]
    found = {kind: set() for kind in ("organization", "event", "round", "relation")}
    event_of = dict(zip(tables["event_sources"]["source_event_id"], tables["event_sources"]["event_id"]))
    round_of = dict(zip(tables["funding_sources"]["source_funding_id"], tables["funding_sources"]["funding_id"]))
    event_ids, round_ids = set(tables["events"]["event_id"]), set(tables["funding"]["funding_id"])
    for kind, ids in hidden.items():
        for hidden_id in ids:
            if kind == "organization" and resolve_org(hidden_id):
                found[kind].add(resolve_org(hidden_id))
            elif kind == "event" and event_of.get(hidden_id, hidden_id) in event_ids:
                found[kind].add(event_of.get(hidden_id, hidden_id))
            elif kind == "round" and round_of.get(hidden_id, hidden_id) in round_ids:
                found[kind].add(round_of.get(hidden_id, hidden_id))
            elif kind == "relation":
                key = _relation_key(hidden_id, resolve_org)
                if key:
                    found[kind].add(key)
    for entry in hides:
        if entry["id"] not in hidden.get(entry["kind"], set()):
            outcome.restored(entry)
            continue
        resolved = {"organization": lambda i: resolve_org(i), "event": lambda i: event_of.get(i, i),
                    "round": lambda i: round_of.get(i, i),
                    "relation": lambda i: _relation_key(i, resolve_org)}[entry["kind"]](entry["id"])
        if resolved in found[entry["kind"]]:
            outcome.applied(entry)
        else:
            outcome.stale(entry, f"no {entry['kind']} {entry['id']} is in the tables.")
    return _drop_hidden(tables, found)


def _set_place(orgs: pd.DataFrame, index, field: str, value: str) -> None:
    place = places.lookup(value)
    if field == "city":
        orgs.at[index, "city"] = value
        if place is not None and place.province:
            orgs.at[index, "province"] = place.province
    else:
        orgs.at[index, "province"] = value
        city = orgs.at[index, "city"]
        if isinstance(city, str) and (places.lookup(city) is None or places.lookup(city).province != value):
            orgs.at[index, "city"] = None  # a city of another province no longer holds
    located = places.place_of(orgs.at[index, "city"] if isinstance(orgs.at[index, "city"], str) else None, orgs.at[index, "province"])
    orgs.at[index, "adcode"] = located.adcode if located else None
    orgs.at[index, "longitude"] = located.longitude if located else None
    orgs.at[index, "latitude"] = located.latitude if located else None
    orgs.at[index, "place_source"] = "curation"


def _relation_key(relation_id: str, resolve_org) -> str | None:
    parts = relation_id.split("|")
    if len(parts) != 3:
        return None
    a, b = resolve_org(parts[0]), resolve_org(parts[1])
    if a and b and parts[2] in SYMMETRIC_RELATIONS and b < a:
        a, b = b, a  # stored with the smaller id first
    return f"{a}|{b}|{parts[2]}" if a and b else None


def relation_id(org_a: str, org_b: str, relation_type: str) -> str:
    """The id a relation is hidden by: both ends and the type."""
    return f"{org_a}|{org_b}|{relation_type}"


def _drop_hidden(tables: dict[str, pd.DataFrame], found: dict[str, set[str]]) -> dict[str, pd.DataFrame]:
    orgs, events, rounds, relations = found["organization"], found["event"], found["round"], found["relation"]
    if not any(found.values()):
        return tables

    def keep(name: str, mask) -> None:
        tables[name] = tables[name][mask].reset_index(drop=True)

    keep("organizations", ~tables["organizations"]["org_id"].isin(orgs))
    keep("org_mentions", ~tables["org_mentions"]["org_id"].isin(orgs))
    keep("org_aliases", ~tables["org_aliases"]["org_id"].isin(orgs))
    people = tables["people"].copy()
    people.loc[people["org_id"].isin(orgs), "org_id"] = None
    tables["people"] = people
    keep("event_participants", ~tables["event_participants"]["org_id"].isin(orgs)
         & ~tables["event_participants"]["event_id"].isin(events))
    keep("events", ~tables["events"]["event_id"].isin(events))
    keep("event_sources", ~tables["event_sources"]["event_id"].isin(events))
    rounds = rounds | set(tables["funding"].loc[tables["funding"]["recipient_org_id"].isin(orgs), "funding_id"])
    keep("funding", ~tables["funding"]["funding_id"].isin(rounds))
    keep("funding_sources", ~tables["funding_sources"]["funding_id"].isin(rounds))
    keep("funding_investors", ~tables["funding_investors"]["funding_id"].isin(rounds)
         & ~tables["funding_investors"]["org_id"].isin(orgs))
    rel = tables["relations"]
    ids = rel["org_a"] + "|" + rel["org_b"] + "|" + rel["type"]
    keep("relations", ~ids.isin(relations) & ~rel["org_a"].isin(orgs) & ~rel["org_b"].isin(orgs))
    return tables


def unknown_target(entry: dict, tables: dict[str, pd.DataFrame], base: dict[str, pd.DataFrame] | None) -> str | None:
    """Why an operation names nothing in the current tables (one sentence), or None when it does.
    Checked before a change is recorded, so a mistyped id is refused rather than logged stale."""
    org_ids = set(tables["organizations"]["org_id"]) | set(tables["org_aliases"]["alias_org_id"])
    op, kind = entry["op"], entry.get("kind")
    wanted: list[tuple[str, str, set]] = []
    if op == "merge":
        wanted = [("organization", entry["org_id"], org_ids), ("organization", entry["other"], org_ids)]
    elif op in ("rename", "set"):
        wanted = [("organization", entry["org_id"], org_ids)]
    elif op == "hide" and kind == "organization":
        wanted = [("organization", entry["id"], org_ids)]
    elif op == "hide" and kind == "event":
        wanted = [("event", entry["id"], set(tables["event_sources"]["source_event_id"]) | set(tables["events"]["event_id"]))]
    elif op == "hide" and kind == "round":
        wanted = [("round", entry["id"], set(tables["funding_sources"]["source_funding_id"]) | set(tables["funding"]["funding_id"]))]
    elif op == "hide" and kind == "article":
        articles = base["articles"] if base is not None else tables["articles"]
        wanted = [("article", entry["id"], set(articles["article_id"]))]
    elif op == "hide" and kind == "relation":
        parts = entry["id"].split("|")
        if len(parts) != 3:
            return "a relation is named ORG_A|ORG_B|TYPE."
        wanted = [("organization", parts[0], org_ids), ("organization", parts[1], org_ids)]
    for what, value, known in wanted:
        if value not in known:
            return f"no {what} {value} is in the current tables; check the id."
    return None
