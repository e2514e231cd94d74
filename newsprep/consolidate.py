"""One landscape from many articles: every real story, organization, event and funding round once.

`tables.article_tables` gives each article's facts; `consolidate` then
  * puts copies of one story into a cluster (articles.cluster_id, see stories.py);
  * merges the ids of one organization (org_aliases, see org_identity.py) and rewrites every
    table to the surviving id;
  * merges the reports of one funding round and of one event into one row each, keeping every
    report in funding_sources / event_sources;
  * recounts what counts articles (organizations.article_count, relations.article_count) in
    stories, so a story syndicated to five sites counts once.

The rules, in one place:
  * rounds: the same recipient, no two different round labels, no two amounts more than
    AMOUNT_TOLERANCE apart, dates (the round's, else its article's) within ROUND_WINDOW_DAYS, and
    either the same label or the same amount — or both reports are copies of one story;
  * events: the same type, dates known to the day or the month and within EVENT_WINDOW_DAYS,
    and a shared participant (two when both have two or more, or when a date is only a month) —
    or both reports are copies of one story (the same sentence or the same participants). Events
    without a day or month merge only inside one story cluster;
  * two facts of one article are never merged (the article already told them apart).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pandas as pd

from newsprep.corrections import curated_merges, final_edits, without_articles
from newsprep.curation import Outcome
from newsprep.facts import SYMMETRIC_RELATIONS
from newsprep.org_identity import OrgRecord, merge_plan
from newsprep.stories import with_story_clusters

AMOUNT_TOLERANCE = 0.10  # 7亿 and 7.2亿 are one amount as reported by two outlets; 7亿 and 8亿 are not
ROUND_WINDOW_DAYS = 120  # a round is announced, then covered for weeks; two rounds a season apart are rare
EVENT_WINDOW_DAYS = 3    # an opening or a signing is reported on its day or the next few


def consolidate(tables: dict[str, pd.DataFrame], curation: list[dict] = ()) -> tuple[dict[str, pd.DataFrame], Outcome]:
    """The landscape from the per-article tables, with the curation log applied (corrections.py).
    Stories are clustered over every article, hidden ones included, so hiding one copy never
    reshapes the others' clusters."""
    outcome = Outcome()
    tables = dict(tables)
    tables["articles"] = with_story_clusters(tables["articles"])
    tables = without_articles(tables, list(curation), outcome)
    articles = tables["articles"]
    cluster_of = dict(zip(articles["article_id"], articles["cluster_id"]))

    plan = curated_merges(list(curation), set(tables["organizations"]["org_id"]),
                          _org_plan(tables["organizations"]), outcome)
    tables = _rename_orgs(tables, plan, cluster_of)
    tables["funding"], tables["funding_sources"], tables["funding_investors"] = _merge_rounds(
        tables["funding"], tables["funding_investors"], articles, cluster_of)
    tables["events"], tables["event_sources"], tables["event_participants"] = _merge_events(
        tables["events"], tables["event_participants"], tables["evidence"], cluster_of)
    return final_edits(tables, list(curation), plan, outcome), outcome


# ---- organizations -------------------------------------------------------------------------

def _org_plan(orgs: pd.DataFrame) -> dict[str, tuple[str, str]]:
    from newsprep.gazetteer import gazetteer

    records = [OrgRecord(r.org_id, r.name or "", r.english if isinstance(r.english, str) else None,
                         r.type if isinstance(r.type, str) else None, bool(r.in_gazetteer), int(r.mention_count or 0))
               for r in orgs.itertuples()]
    forms = {form: org.org_id for form, org in gazetteer().by_form.items()}
    return merge_plan(records, forms)


def _rename_orgs(tables: dict[str, pd.DataFrame], plan: dict[str, tuple[str, str]],
                 cluster_of: dict[str, str]) -> dict[str, pd.DataFrame]:
    def canonical(org_id):
        return plan[org_id][0] if isinstance(org_id, str) and org_id in plan else org_id

    orgs = tables["organizations"]
    names = dict(zip(orgs["org_id"], orgs["name"]))
    tables["org_aliases"] = pd.DataFrame(
        [{"alias_org_id": alias, "org_id": target, "alias_name": names.get(alias), "reason": reason}
         for alias, (target, reason) in sorted(plan.items())],
        columns=["alias_org_id", "org_id", "alias_name", "reason"])
    targets = {alias: target for alias, (target, _) in plan.items()}
    for table, columns in {"org_mentions": ["org_id"], "people": ["org_id"], "event_participants": ["org_id"],
                           "funding": ["recipient_org_id"], "funding_investors": ["org_id"]}.items():
        frame = tables[table].copy()
        for column in columns:
            if targets:  # most builds merge nothing across articles
                values = frame[column].astype(object)
                frame[column] = values.where(~values.isin(targets.keys()), values.map(targets)).astype(frame[column].dtype)
        tables[table] = frame
    tables["organizations"] = _merge_org_rows(orgs, canonical, tables["org_mentions"], cluster_of)
    relations = tables["relations"]
    tables["relations"] = _like(relations, aggregate_relations(
        ((r.org_a, r.org_b, r.type, r.evidence_ids) for r in relations.itertuples()), canonical, cluster_of.get))
    return tables


def _merge_org_rows(orgs: pd.DataFrame, canonical, mentions: pd.DataFrame, cluster_of: dict[str, str]) -> pd.DataFrame:
    orgs = orgs.assign(_target=orgs["org_id"].map(canonical))
    stories = mentions.assign(_story=mentions["article_id"].map(cluster_of)).groupby("org_id")["_story"].nunique()
    sizes = orgs["_target"].map(orgs["_target"].value_counts())
    alone = orgs[(sizes == 1) & (orgs["_target"] == orgs["org_id"])]
    rows = alone.drop(columns=["_target"]).assign(
        article_count=alone["org_id"].map(stories).fillna(0).astype(int),
        aliases=[list(dict.fromkeys([*(list(a) if a is not None else []), *([n] if isinstance(n, str) else [])]))
                 for a, n in zip(alone["aliases"], alone["name"])]).to_dict("records")
    for target, group in orgs[~orgs.index.isin(alone.index)].groupby("_target", sort=False):
        head = group[group["org_id"] == target]
        head = head.iloc[0] if len(head) else group.sort_values("mention_count", ascending=False).iloc[0]
        row = head.drop(labels=["_target"]).to_dict()
        row["org_id"] = target
        for column in ("english", "type", "city", "province", "adcode", "longitude", "latitude", "place_source"):
            if pd.isna(row[column]):
                filled = group[column].dropna()
                row[column] = filled.iloc[0] if len(filled) else row[column]
        surfaces = [form for value in group["aliases"] for form in (list(value) if value is not None else [])]
        row["aliases"] = list(dict.fromkeys([*surfaces, *[n for n in group["name"] if isinstance(n, str)]]))
        row["in_gazetteer"] = bool(group["in_gazetteer"].any())
        row["mention_count"] = int(group["mention_count"].sum())
        row["article_count"] = int(stories.get(target, 0))
        rows.append(row)
    merged = pd.DataFrame(rows, columns=[c for c in orgs.columns if c != "_target"])
    for column in merged.columns:
        merged[column] = merged[column].astype(orgs[column].dtype)
    return merged.sort_values(["mention_count", "name"], ascending=[False, True], ignore_index=True)


def aggregate_relations(relations, canonical=lambda org_id: org_id, story_of=lambda article_id: article_id) -> list[dict]:
    """One row per pair and type from (org_a, org_b, type, evidence ids): weight counts sentences,
    article_count the stories they come from. Used on one build's per-article relations (ids and
    stories as they are) and again across articles (ids merged, copies of a story counted once)."""
    grouped: dict[tuple, dict] = {}
    for org_a, org_b, relation_type, evidence_ids in relations:
        a, b = canonical(org_a), canonical(org_b)
        if a == b:
            continue  # two names of one organization are not a relation
        if relation_type in SYMMETRIC_RELATIONS and b < a:
            a, b = b, a
        entry = grouped.setdefault((a, b, relation_type), {"org_a": a, "org_b": b, "type": relation_type, "evidence_ids": {}})
        entry["evidence_ids"].update(dict.fromkeys(evidence_ids if evidence_ids is not None else []))
    rows = []
    for entry in grouped.values():
        # an evidence id is "<article id>:<number>": its article needs no lookup in the evidence table
        stories = {story_of(e.rsplit(":", 1)[0]) for e in entry["evidence_ids"]} - {None}
        rows.append({**entry, "evidence_ids": list(entry["evidence_ids"]), "weight": len(entry["evidence_ids"]),
                     "article_count": len(stories)})
    return rows


# ---- dates ---------------------------------------------------------------------------------

def _day_span(iso) -> tuple[int, int] | None:
    """(day number, slack in days) for a date at its precision; None when the year is unknown."""
    if not isinstance(iso, str) or not iso:
        return None
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return dt.date(*parts).toordinal(), 0
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], 15).toordinal(), 16
    return dt.date(parts[0], 7, 1).toordinal(), 183


def _dates_close(a, b, window: int) -> bool | None:
    """True/False when both dates are known, None when one is not."""
    if a is None or b is None:
        return None
    return abs(a[0] - b[0]) <= window + a[1] + b[1]


# ---- funding rounds ------------------------------------------------------------------------

def _amount(row) -> float | None:
    value = row["amount_cny_min"] if pd.notna(row["amount_cny_min"]) else row["amount_cny_max"]
    return float(value) if pd.notna(value) else None


def _round_match(a: dict, b: dict) -> tuple | None:
    """How well report b fits merged round a (higher is better), or None when they differ."""
    if a["articles"] & b["articles"]:
        return None
    same_story = bool(a["stories"] & b["stories"])
    conflicting_round = a["round"] and b["round"] and a["round"] != b["round"]
    amounts_known = a["amount"] is not None and b["amount"] is not None
    same_amount = amounts_known and abs(a["amount"] - b["amount"]) <= AMOUNT_TOLERANCE * max(a["amount"], b["amount"])
    same_round = bool(a["round"] and a["round"] == b["round"])
    score = (same_story, bool(same_amount), same_round)
    if same_story and not conflicting_round:
        return score  # copies of one story report one round (a trim may have cut its amount)
    if conflicting_round or (amounts_known and not same_amount):
        return None
    if _dates_close(a["when"], b["when"], ROUND_WINDOW_DAYS) is False:
        return None
    return score if same_amount or same_round else None


def _round_richness(row) -> tuple:
    """Which report of a round describes it best: an exact figure, a stated round, a day date."""
    return (pd.isna(row["qualifier"]) or row["qualifier"] == "", pd.notna(row["round"]),
            isinstance(row["date"], str) and len(row["date"]) == 10, pd.notna(row["amount_cny_min"]))


def _merge_rounds(funding: pd.DataFrame, investors: pd.DataFrame, articles: pd.DataFrame,
                  cluster_of: dict[str, str]):
    published = dict(zip(articles["article_id"], articles["published"]))
    groups: dict[str, list[dict]] = defaultdict(list)  # recipient → merged rounds so far
    order = funding.assign(_when=[d if isinstance(d, str) and d else published.get(a) for d, a in
                                  zip(funding["date"], funding["article_id"])])
    order = order.sort_values(["_when", "funding_id"], na_position="last")
    for row in order.to_dict("records"):  # plain dicts: a pandas row per report costs more than the matching
        report = {"rows": [row], "articles": {row["article_id"]}, "stories": {cluster_of.get(row["article_id"])},
                  "round": row["round"] if pd.notna(row["round"]) else None, "amount": _amount(row),
                  "when": _day_span(row["_when"])}
        key = row["recipient_org_id"] if pd.notna(row["recipient_org_id"]) else f"?{row['funding_id']}"
        target = _best(groups[key], report, _round_match)
        if target is None:
            groups[key].append(report)
        else:
            target["rows"].append(row)
            target["articles"] |= report["articles"]
            target["stories"] |= report["stories"]
            target["round"] = target["round"] or report["round"]
            target["amount"] = target["amount"] if target["amount"] is not None else report["amount"]
            target["when"] = target["when"] or report["when"]

    rows, sources, id_of = [], [], {}
    for rounds in groups.values():
        for merged in rounds:
            reports = merged["rows"]
            best = max(reports, key=_round_richness)
            funding_id = reports[0]["funding_id"]  # the earliest report names the round
            out = {k: v for k, v in best.items() if k != "_when"}
            out["funding_id"] = funding_id
            out["article_id"], out["evidence_id"] = reports[0]["article_id"], reports[0]["evidence_id"]
            for column in ("round", "date", "year"):
                if pd.isna(out[column]):
                    known = [r[column] for r in reports if pd.notna(r[column])]
                    out[column] = known[0] if known else out[column]
            rows.append(out)
            for report in reports:
                id_of[report["funding_id"]] = funding_id
                sources.append({"funding_id": funding_id, "article_id": report["article_id"],
                                "evidence_id": report["evidence_id"], "source_funding_id": report["funding_id"]})
    merged_funding = _like(funding, rows)
    merged_investors = investors.assign(funding_id=investors["funding_id"].map(id_of).fillna(investors["funding_id"]))
    merged_investors = (merged_investors.groupby(["funding_id", "org_id"], as_index=False, sort=False)["is_lead"].any()
                        if len(merged_investors) else merged_investors)
    return merged_funding, _sources_frame(sources, "funding_id", "source_funding_id"), _like(investors, merged_investors.to_dict("records"))


# ---- events --------------------------------------------------------------------------------

def _event_match(a: dict, b: dict) -> tuple | None:
    """How well report b fits merged event a (higher is better), or None when they differ."""
    if a["articles"] & b["articles"] or a["type"] != b["type"]:
        return None
    shared = len(a["participants"] & b["participants"])
    same_sentence = bool(a["sentences"] & b["sentences"])
    needed = 2 if min(len(a["participants"]), len(b["participants"])) >= 2 else 1
    if a["stories"] & b["stories"]:  # copies of one story: the same sentence, or the same actors
        return (same_sentence, shared) if same_sentence or shared >= needed else None
    if not (_precise(a["when"]) and _precise(b["when"]) and _dates_close(a["when"], b["when"], EVENT_WINDOW_DAYS)):
        return None
    if a["when"][1] or b["when"][1]:
        # a month is a wide net: one shared organization (北京大学 set up two institutes in May) is
        # not enough to call two stories' events one; two shared organizations are
        needed = 2
    return (same_sentence, shared) if shared >= needed else None


def _precise(when) -> bool:
    """A day or a month: a year alone cannot tell two events of one organization apart."""
    return when is not None and when[1] <= MONTH_SLACK


MONTH_SLACK = 16
# Two events can only merge across stories when their dates lie within the window plus both
# slacks (at most a month each); day numbers bucketed this wide put them in neighbouring buckets.
DATE_BUCKET_DAYS = EVENT_WINDOW_DAYS + 2 * MONTH_SLACK + 1


class _EventIndex:
    """Where a report's possible matches are: merged events of its type that share a story, or
    share a participant with a date in a neighbouring bucket. Checking only those keeps the merge
    near-linear (comparing with every earlier event of the type grew with the square of the corpus)."""

    def __init__(self):
        self.merged: list[dict] = []
        self.by_story: dict[tuple, list[int]] = defaultdict(list)
        self.by_participant: dict[tuple, list[int]] = defaultdict(list)

    def candidates(self, report: dict) -> list[int]:
        found = set()
        for story in report["stories"]:
            found.update(self.by_story.get((report["type"], story), ()))
        if _precise(report["when"]):
            bucket = report["when"][0] // DATE_BUCKET_DAYS
            for org in report["participants"]:
                for near in (bucket - 1, bucket, bucket + 1):
                    found.update(self.by_participant.get((report["type"], org, near), ()))
        return sorted(found)  # creation order, so ties go to the earliest event as before

    def add(self, index: int, stories, participants) -> None:
        merged = self.merged[index]
        for story in stories:
            self.by_story[(merged["type"], story)].append(index)
        if _precise(merged["when"]):
            bucket = merged["when"][0] // DATE_BUCKET_DAYS
            for org in participants:
                self.by_participant[(merged["type"], org, bucket)].append(index)


def _merge_events(events: pd.DataFrame, participants: pd.DataFrame, evidence: pd.DataFrame, cluster_of: dict[str, str]):
    sentence_of = dict(zip(evidence["evidence_id"], evidence["sentence"].fillna("").str.replace(r"[\W_]+", "", regex=True)))
    people_of = participants.groupby("event_id")["org_id"].agg(set).to_dict()
    index = _EventIndex()
    ordered = events.sort_values(["date", "event_id"], na_position="last")
    for row in ordered.to_dict("records"):
        report = {"rows": [row], "articles": {row["article_id"]}, "stories": {cluster_of.get(row["article_id"])},
                  "type": row["type"], "participants": set(people_of.get(row["event_id"], set())),
                  "sentences": {sentence_of.get(row["evidence_id"])} - {None, ""},
                  "when": _day_span(row["date"])}
        scored = [(score, -i) for i in index.candidates(report) if (score := _event_match(index.merged[i], report)) is not None]
        if not scored:
            index.merged.append(report)
            index.add(len(index.merged) - 1, report["stories"], report["participants"])
            continue
        position = -max(scored)[1]
        target = index.merged[position]
        new_stories = report["stories"] - target["stories"]
        gained_date = target["when"] is None and report["when"] is not None
        new_participants = report["participants"] - target["participants"]
        target["rows"].append(row)
        for key in ("articles", "stories", "participants", "sentences"):
            target[key] |= report[key]
        target["when"] = target["when"] or report["when"]
        index.add(position, new_stories, target["participants"] if gained_date else new_participants)

    rows, sources, id_of = [], [], {}
    for merged in index.merged:
        reports = merged["rows"]
        best = max(reports, key=lambda r: (r["date_precision"] == "day", pd.notna(r["city"]), pd.notna(r["province"])))
        event_id = reports[0]["event_id"]
        out = dict(best)
        out["event_id"], out["article_id"], out["evidence_id"] = event_id, reports[0]["article_id"], reports[0]["evidence_id"]
        rows.append(out)
        for report in reports:
            id_of[report["event_id"]] = event_id
            sources.append({"event_id": event_id, "article_id": report["article_id"],
                            "evidence_id": report["evidence_id"], "source_event_id": report["event_id"]})
    merged_participants = participants.assign(event_id=participants["event_id"].map(id_of).fillna(participants["event_id"]))
    merged_participants = merged_participants.drop_duplicates(["event_id", "org_id"])
    return _like(events, rows), _sources_frame(sources, "event_id", "source_event_id"), _like(participants, merged_participants.to_dict("records"))


# ---- helpers -------------------------------------------------------------------------------

def _best(candidates: list[dict], report: dict, match) -> dict | None:
    """The merged fact the report fits best, or None when it fits none (a new fact)."""
    scored = [(score, index) for index, candidate in enumerate(candidates)
              if (score := match(candidate, report)) is not None]
    return candidates[max(scored, key=lambda pair: (pair[0], -pair[1]))[1]] if scored else None


def _like(template: pd.DataFrame, rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(template.columns))
    for column in frame.columns:
        frame[column] = frame[column].astype(template[column].dtype)
    return frame.reset_index(drop=True)


def _sources_frame(rows: list[dict], id_column: str, source_column: str) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=[id_column, "article_id", "evidence_id", source_column])
