"""Time of the cross-article step (story clustering + consolidation) at N articles, on a SYNTHETIC corpus.

    python bench/bench_consolidate.py --articles 10000 100000 [--profile]

Extracting 100k articles takes too long, so a seed set (--seed-articles, default 500) of the
marked synthetic articles of bench_build.py (【合成测试数据】, written to a temporary folder and
deleted afterwards, never into the repository) is run once through `pipeline.run` and
`tables.article_tables`; its per-article tables are then scaled up to N articles by replicating
seed articles under new article ids (article, event, funding, evidence and person id prefixes
rewritten together in every table):

  * ~15% of the articles are syndicated copies of an earlier article: its text with another first
    line and the last paragraph trimmed, and its facts as they are. They must cluster.
  * the others are distinct replicas of a seed: sentences shuffled, every CJK character shifted by a
    per-copy offset (so no 5-gram is shared with the seed: only inserting a line every ~200 chars
    leaves a Jaccard similarity near 0.9, which clusters), a unique token line every ~200 chars.
    Their recipients (and half of their other organizations) are drawn from a pool of
    --recipient-pool synthetic organization ids; their rounds get amounts and dates that keep two
    rounds of one recipient apart (amount steps of 25%, or 200 days); their event dates are moved.
  * ~10% of the funding rows of distinct replicas re-report a round of another article: the same
    recipient, an amount within 4%, a date within 4 days. They must merge.

For each N it times `story_clusters` (clustering) and `tables.landscape(...)` (with cluster_id already set)
(consolidation, what `build_snapshot` does), prints the figures and, last, one line of JSON. Each
N gets --timeout seconds (default 600) for both together; a size that runs out is stopped and
reported with the phase it was in. --profile adds one cProfile pass at --profile-at articles
(default 10000) and prints its top cumulative lines; timings come from the unprofiled pass.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gc
import hashlib
import io
import json
import pstats
import random
import resource
import signal
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_build import MARK, synthetic_corpus  # noqa: E402

import newsprep.consolidate as consolidate_module  # noqa: E402
import newsprep.tables as tables_module  # noqa: E402
from newsprep.stories import story_clusters  # noqa: E402
from newsprep.tables import SCHEMA, table_frame  # noqa: E402

SYNDICATED_SHARE = 0.15
REREPORT_SHARE = 0.10
OTHER_ORG_REMAP_SHARE = 0.5  # share of a distinct replica's non-recipient organizations moved to the pool
AMOUNT_STEP = 1.25           # rounds of one recipient: amounts 25% apart (tolerance is 10%) ...
AMOUNT_LEVELS = 16
DATE_BLOCK_DAYS = 200        # ... or 200 days apart (window is 120)
CJK_FIRST, CJK_SIZE = 0x4E00, 0x9FFF - 0x4E00 + 1
DAY0, DAY1 = dt.date(2016, 1, 1).toordinal(), dt.date(2025, 12, 31).toordinal()

# table -> columns holding "<article id>:<suffix>" ids; org columns remapped in distinct replicas
ID_COLUMNS = {"evidence": ["evidence_id"], "org_mentions": ["evidence_id"], "people": ["person_id", "evidence_id"],
              "events": ["event_id", "evidence_id"], "event_participants": ["event_id"],
              "funding": ["funding_id", "evidence_id"], "funding_investors": ["funding_id"],
              "_relations": ["evidence_id"]}
ORG_COLUMNS = {"org_mentions": ["org_id"], "people": ["org_id"], "event_participants": ["org_id"],
               "funding": ["recipient_org_id"], "funding_investors": ["org_id"], "_relations": ["org_a", "org_b"]}
AID = 16  # article ids are 16 hex digits (pipeline.article_id_for)


# ---- instrumentation -------------------------------------------------------------------------

class Timeout(Exception):
    pass


PHASES: dict[str, float] = defaultdict(float)
CURRENT: list[str] = []
TIMED_OUT: list[str] = []
STASH: dict[str, pd.DataFrame] = {}
BEST = defaultdict(lambda: [0, 0])  # match function → [reports placed, candidates compared]


def _timed(name, function):
    def wrapper(*args, **kwargs):
        CURRENT.append(name)
        start = time.perf_counter()
        try:
            result = function(*args, **kwargs)
            if name in ("_merge_rounds", "_merge_events"):
                STASH[name] = result[0]  # the merged table, known even if a later phase runs out of time
            return result
        except Timeout:
            TIMED_OUT.append(name)  # the innermost phase comes first
            raise
        finally:
            PHASES[name] += time.perf_counter() - start
            CURRENT.pop()
    wrapper.__name__ = wrapper.__qualname__ = f"timed[{name}]"
    return wrapper


def _instrument() -> None:
    """Time consolidate()'s phases and count _best's candidate scans, without touching the files."""
    for name in ("without_articles", "_org_plan", "curated_merges", "_rename_orgs", "_merge_rounds",
                 "_merge_events", "final_edits"):
        setattr(consolidate_module, name, _timed(name, getattr(consolidate_module, name)))
    tables_module.table_frame = _timed("table_frame (landscape)", tables_module.table_frame)
    best = consolidate_module._best

    def counted_best(candidates, report, match):
        entry = BEST[match.__name__]
        entry[0] += 1
        entry[1] += len(candidates)
        return best(candidates, report, match)
    consolidate_module._best = counted_best


def _alarm(signum, frame):
    raise Timeout()


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


# ---- seed ---------------------------------------------------------------------------------------

def seed_tables(count: int) -> dict[str, pd.DataFrame]:
    from newsprep.pipeline import run
    from newsprep.tables import article_tables

    with tempfile.TemporaryDirectory(prefix="newsprep-consolidate-") as tmp:
        folder = Path(tmp) / "synthetic"
        folder.mkdir()
        synthetic_corpus(folder, count)
        result = run([folder], cache_dir=None)
        return article_tables(result.articles, result.report)


# ---- scaling ------------------------------------------------------------------------------------

def _article_id(index: int) -> str:
    return hashlib.sha1(f"synthetic-replica-{index}".encode()).hexdigest()[:AID]


def _iso(ordinal: int) -> str:
    return dt.date.fromordinal(ordinal).isoformat()


def _shift_table(copy: int) -> dict[int, int]:
    shift = (copy * 7919) % CJK_SIZE or 1
    return {CJK_FIRST + i: CJK_FIRST + (i + shift) % CJK_SIZE for i in range(CJK_SIZE)}


def _distinct_text(text: str, shift: dict, new_id: str, rng: random.Random) -> str:
    lines = [line for line in text.split("\n") if line.strip()]
    head, body = ([lines[0]], lines[1:]) if lines and lines[0] == MARK else ([MARK], lines)
    rng.shuffle(body)
    out, since, n = [], 0, 0
    for line in body:
        out.append(line.translate(shift))
        since += len(line)
        if since >= 200:
            out.append(f"〔{new_id}-{n}〕")
            since, n = 0, n + 1
    return "\n".join(head + out) + "\n"


def _syndicated_text(text: str, site: int) -> str:
    lines = [line for line in text.split("\n") if line.strip()]
    return "\n".join([f"{MARK}转载自合成站点{site}"] + lines[1:-1]) + "\n"


def _replicate(frame: pd.DataFrame, table: str, plan: pd.DataFrame) -> pd.DataFrame:
    """The rows of plan._src articles again under plan._new (ids rewritten), with plan's extra columns."""
    key = frame["article_id"] if "article_id" in frame.columns else frame[ID_COLUMNS[table][0]].str.slice(0, AID)
    rep = frame.assign(_src=key.to_numpy(dtype=object)).merge(plan, on="_src", how="inner")
    for column in ID_COLUMNS.get(table, []):
        rep[column] = rep["_new"] + rep[column].str.slice(AID)
    if "article_id" in rep.columns:
        rep["article_id"] = rep["_new"]
    return rep


def _remap_orgs(rep: pd.DataFrame, table: str, org_map: pd.DataFrame) -> pd.DataFrame:
    for column in ORG_COLUMNS.get(table, []):
        rep = rep.merge(org_map.rename(columns={"_org": column}), on=["_new", column], how="left")
        rep[column] = rep["_mapped"].where(rep["_mapped"].notna(), rep[column])
        rep = rep.drop(columns="_mapped")
    return rep


def _shift_event_dates(events: pd.DataFrame) -> pd.DataFrame:
    dates, years, months, days = [], [], [], []
    for precision, year, month, day, date, offset in zip(events["date_precision"], events["year"], events["month"],
                                                         events["day"], events["date"], events["_shift"]):
        if precision == "day":
            moved = dt.date(int(year), int(month), int(day)) + dt.timedelta(days=int(offset))
            date, year, month, day = moved.isoformat(), moved.year, moved.month, moved.day
        elif precision == "month":
            year, month = divmod(int(year) * 12 + int(month) - 1 + round(offset / 30), 12)
            month += 1
            date = f"{year:04d}-{month:02d}"
        elif precision == "year":
            year = int(year) + round(offset / 365)
            date = f"{year:04d}"
        dates.append(date), years.append(year), months.append(month), days.append(day)
    return events.assign(date=dates, year=years, month=months, day=days)


def scale(seed: dict[str, pd.DataFrame], n: int, pool_size: int, seed_value: int = 11):
    """Per-article tables for n articles built from the seed's, and what was planted in them."""
    rng = random.Random(seed_value)
    nprng = np.random.default_rng(seed_value)
    obj = {t: f.astype({c: object for c, d in f.dtypes.items() if str(d) == "string"}) for t, f in seed.items()}
    seed_articles = obj["articles"].reset_index(drop=True)
    seed_ids = list(seed_articles["article_id"])
    s = len(seed_ids)
    relations = obj["relations"].explode("evidence_ids").dropna(subset=["evidence_ids"])
    obj["_relations"] = (relations[["org_a", "org_b", "type", "evidence_ids"]]
                         .rename(columns={"evidence_ids": "evidence_id"}))
    for table, columns in ID_COLUMNS.items():  # every id must start with its article's id
        key = obj[table]["article_id"] if "article_id" in obj[table].columns else None
        for column in columns:
            ids = obj[table][column].dropna()
            assert ids.str.slice(AID, AID + 1).eq(":").all(), (table, column)
            if key is not None:
                assert (ids.str.slice(0, AID) == key[ids.index]).all(), (table, column)

    # plan: which article each of the n is
    plan = []  # (index, new id, kind, source id, copy number)
    originals: list[str] = []
    for i in range(n):
        if i < s:
            plan.append((i, seed_ids[i], "seed", seed_ids[i], 0))
        elif rng.random() < SYNDICATED_SHARE:
            plan.append((i, _article_id(i), "copy", rng.choice(originals), 0))
        else:
            plan.append((i, _article_id(i), "distinct", seed_ids[i % s], i // s))
        if plan[-1][2] != "copy":
            originals.append(plan[-1][1])
    plan_frame = pd.DataFrame(plan, columns=["_i", "_new", "_kind", "_src", "_c"])
    distinct = plan_frame[plan_frame["_kind"] == "distinct"].copy()
    distinct["_shift"] = nprng.integers(-1500, 1501, len(distinct))
    copies = plan_frame[plan_frame["_kind"] == "copy"]
    kept_seed = set(seed_ids[:min(n, s)])

    # organizations of distinct replicas: recipients always, others half the time, to pool ids
    pool = [f"syn_pool_{k:04d}" for k in range(pool_size)]
    recipients = set(zip(obj["funding"]["article_id"], obj["funding"]["recipient_org_id"].dropna()))
    pairs = []
    for table, columns in ORG_COLUMNS.items():
        frame = obj[table]
        key = frame["article_id"] if "article_id" in frame.columns else frame[ID_COLUMNS[table][0]].str.slice(0, AID)
        for column in columns:
            pairs.append(pd.DataFrame({"_src": key.to_numpy(dtype=object),
                                       "_org": frame[column].to_numpy(dtype=object)}))
    seed_orgs = pd.concat(pairs).dropna().drop_duplicates().sort_values(["_src", "_org"])
    seed_orgs["_j"] = seed_orgs.groupby("_src").cumcount()
    seed_orgs["_recipient"] = [(a, o) in recipients for a, o in zip(seed_orgs["_src"], seed_orgs["_org"])]
    org_map = distinct[["_new", "_src"]].merge(seed_orgs, on="_src")
    start = dict(zip(distinct["_new"], nprng.integers(0, pool_size, len(distinct))))
    moved = org_map["_recipient"].to_numpy() | (nprng.random(len(org_map)) < OTHER_ORG_REMAP_SHARE)
    slot = ((org_map["_new"].map(start).to_numpy(dtype=np.int64, na_value=0)
             + org_map["_j"].to_numpy(dtype=np.int64) * 7919) % pool_size)
    org_map["_mapped"] = np.where(moved, np.array(pool, dtype=object)[slot], None)
    org_map = org_map.loc[moved, ["_new", "_org", "_mapped"]]

    # per-article tables of seeds and distinct replicas
    base: dict[str, pd.DataFrame] = {}
    seed_plan = pd.DataFrame({"_src": sorted(kept_seed), "_new": sorted(kept_seed)})
    for table in ID_COLUMNS:
        seeds_part = _replicate(obj[table], table, seed_plan)
        rep = _replicate(obj[table], table, distinct[["_src", "_new", "_c", "_i", "_shift"]])
        rep = _remap_orgs(rep, table, org_map)
        if table == "events":
            rep = _shift_event_dates(rep)
        if table == "evidence":
            sentences = rep["sentence"].to_numpy(dtype=object).copy()
            copies_of = rep["_c"].to_numpy()
            for c in np.unique(copies_of):
                shift = _shift_table(int(c))
                where = np.flatnonzero(copies_of == c)
                sentences[where] = [x.translate(shift) if isinstance(x, str) else x for x in sentences[where]]
            rep["sentence"] = sentences
        base[table] = pd.concat([seeds_part, rep], ignore_index=True)

    # funding rounds of distinct replicas: distinct amounts/dates per recipient, ~10% re-reports
    funding = base["funding"]
    order = funding.assign(_rep=funding["_c"].notna()).sort_values(["_i", "funding_id"], na_position="first")
    base_amount = {p: 10 ** rng.uniform(6.5, 8.5) for p in pool}
    origin = {p: rng.randint(DAY0, DAY1 - 900) for p in pool}
    made = Counter()
    rounds: list[tuple] = []  # (article, recipient, amount, ordinal, round label)
    rereports = 0
    updates = {}
    for index, rep_row, article, recipient, label in zip(order.index, order["_rep"], order["article_id"],
                                                        order["recipient_org_id"], order["round"]):
        if not rep_row:
            continue
        label = label if isinstance(label, str) else None
        if rounds and rng.random() < REREPORT_SHARE:
            r_article, recipient, amount, day, label = rounds[rng.randrange(len(rounds))]
            if r_article != article:
                rereports += 1
                updates[index] = (recipient, amount * rng.uniform(0.96, 1.04), day + rng.randint(-4, 4), label)
                continue
        if not isinstance(recipient, str) or not recipient.startswith("syn_pool_"):
            recipient = pool[rng.randrange(pool_size)]
        k = made[recipient]
        made[recipient] += 1
        amount = base_amount[recipient] * AMOUNT_STEP ** (k % AMOUNT_LEVELS)
        day = origin[recipient] + (k // AMOUNT_LEVELS) * DATE_BLOCK_DAYS + rng.randint(0, 30)
        rounds.append((article, recipient, amount, day, label))
        updates[index] = (recipient, amount, day, label)
    if updates:
        idx = list(updates)
        values = list(updates.values())
        amounts = [round(v[1], -4) for v in values]
        funding.loc[idx, "recipient_org_id"] = [v[0] for v in values]
        funding.loc[idx, "round"] = [v[3] for v in values]
        for column in ("amount_min", "amount_max", "amount_cny_min", "amount_cny_max"):
            funding.loc[idx, column] = amounts
        funding.loc[idx, "amount_text"] = [f"{a / 1e4:.0f}万元" for a in amounts]
        funding.loc[idx, "currency"] = "CNY"
        funding.loc[idx, "qualifier"] = None
        funding.loc[idx, "date"] = [_iso(v[2]) for v in values]
        funding.loc[idx, "year"] = [dt.date.fromordinal(v[2]).year for v in values]

    # syndicated copies: an earlier article's facts under a new id
    tables: dict[str, pd.DataFrame] = {}
    for table in ID_COLUMNS:
        part = base[table]
        copied = _replicate(part.drop(columns=[c for c in part.columns if c.startswith("_")]), table,
                            copies[["_src", "_new"]])
        tables[table] = pd.concat([part, copied], ignore_index=True)
        tables[table] = tables[table].drop(columns=[c for c in tables[table].columns if c.startswith("_")])

    # articles: texts, published dates (copies a day or two after their source)
    seed_row = {r["article_id"]: r for r in seed_articles.to_dict("records")}
    published: dict[str, int] = {}
    text_of: dict[str, str] = {}
    rows, rows_by_id = [], {}
    shift_cache: dict[int, dict] = {}
    for i, new_id, kind, source, copy in plan:
        if kind == "copy":
            row = dict(rows_by_id[source])
            text = _syndicated_text(text_of[source], i % 97)
            day = published[source] + rng.randint(0, 2)
            row["source"] = f"合成站点{i % 97}"
        else:
            row = dict(seed_row[source])
            if kind == "distinct":
                if copy not in shift_cache:
                    shift_cache.clear()
                    shift_cache[copy] = _shift_table(copy)
                text = _distinct_text(row["text"], shift_cache[copy], new_id, rng)
            else:
                text = row["text"]
            day = rng.randint(DAY0, DAY1)
        date = dt.date.fromordinal(day)
        row.update(article_id=new_id, text=text, n_chars=len(text), title=text.split("\n", 1)[0],
                   published=date.isoformat(), published_precision="day", published_year=date.year,
                   published_month=date.month, published_day=date.day, published_from="metadata",
                   source_path=f"synthetic://{kind}/{i}", record_index=None)
        published[new_id], text_of[new_id] = day, text
        rows.append(row)
        rows_by_id[new_id] = row
    tables["articles"] = pd.DataFrame(rows)
    tables["ingest_report"] = pd.DataFrame({"input_path": [r["source_path"] for r in rows], "record_index": None,
                                            "status": "ok", "reason": "", "article_id": [r["article_id"] for r in rows],
                                            "notes": ""})

    # relations: per evidence rows aggregated again as article_tables does
    rel = tables.pop("_relations")
    rel = rel[rel["org_a"] != rel["org_b"]]
    swap = rel["type"].isin(["partnership", "co_mention"]) & (rel["org_b"] < rel["org_a"])
    rel.loc[swap, ["org_a", "org_b"]] = rel.loc[swap, ["org_b", "org_a"]].to_numpy()
    rel = (rel.assign(_article=rel["evidence_id"].str.slice(0, AID))
           .drop_duplicates(["org_a", "org_b", "type", "evidence_id"]))
    tables["relations"] = (rel.groupby(["org_a", "org_b", "type"], sort=False)
                           .agg(evidence_ids=("evidence_id", list), weight=("evidence_id", "size"),
                                article_count=("_article", "nunique")).reset_index())

    # organizations: seed rows for seed ids, synthetic rows for pool ids, counts recomputed
    mentions = tables["org_mentions"]
    counts = mentions.groupby("org_id").agg(mention_count=("article_id", "size"),
                                            article_count=("article_id", "nunique"))
    referenced = set(counts.index)
    for table, columns in ORG_COLUMNS.items():
        if table != "_relations":
            for column in columns:
                referenced |= set(tables[table][column].dropna())
    for column in ("org_a", "org_b"):
        referenced |= set(tables["relations"][column])
    seed_orgs_rows = {r["org_id"]: r for r in obj["organizations"].to_dict("records")}
    org_rows = []
    for org_id in referenced:
        if org_id in seed_orgs_rows:
            row = dict(seed_orgs_rows[org_id])
        else:
            number = int(org_id.rsplit("_", 1)[1])
            name = f"合成{number:04d}号科技有限公司"
            row = {"org_id": org_id, "name": name, "aliases": [name], "english": None, "type": "company", "city": None,
                   "province": None, "adcode": None, "longitude": None, "latitude": None, "place_source": None,
                   "in_gazetteer": False}
        row["mention_count"] = int(counts["mention_count"].get(org_id, 0))
        row["article_count"] = int(counts["article_count"].get(org_id, 0))
        org_rows.append(row)
    tables["organizations"] = pd.DataFrame(org_rows).sort_values(["mention_count", "name"], ascending=[False, True])

    per_article = {table: table_frame(table, tables.get(table, [])) for table in SCHEMA}
    funding = per_article["funding"]
    events = per_article["events"]
    planted = {
        "syndicated_copies": len(copies), "distinct_replicas": len(distinct), "seeds": len(kept_seed),
        "rereports": rereports, "copied_funding_rows": int(funding["article_id"].isin(set(copies["_new"])).sum()),
        "max_rows_per_recipient": int(funding["recipient_org_id"].value_counts().max()) if len(funding) else 0,
        "max_events_per_type": int(events["type"].value_counts().max()) if len(events) else 0,
        "events_per_type": events["type"].value_counts().to_dict(),
    }
    return per_article, planted


# ---- measuring -------------------------------------------------------------------------------

def measure(per_article: dict[str, pd.DataFrame], budget: float, profiler: cProfile.Profile | None = None) -> dict:
    PHASES.clear()
    BEST.clear()
    CURRENT.clear()
    TIMED_OUT.clear()
    STASH.clear()
    out = {"status": "ok", "cluster_s": None, "consolidate_s": None}
    tables = dict(per_article)
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, budget)
    begin = time.perf_counter()
    stage = "clustering"
    if profiler:
        profiler.enable()
    try:
        articles = tables["articles"]
        start = time.perf_counter()
        clusters = story_clusters(zip(articles["article_id"], articles["text"].fillna("")))
        out["cluster_s"] = time.perf_counter() - start
        tables["articles"] = (articles.assign(cluster_id=articles["article_id"].map(clusters))
                              .astype({"cluster_id": "string"}))
        stage = "consolidate"
        start = time.perf_counter()
        result, _ = tables_module.landscape(tables, ())  # cluster_id already set: not clustered again
        out["consolidate_s"] = time.perf_counter() - start
    except Timeout:
        phase = TIMED_OUT[0] if TIMED_OUT else stage
        out["status"] = f"timeout after {time.perf_counter() - begin:.0f} s in {phase}"
        out["timed_out_in"] = phase
        result = None
    finally:
        if profiler:
            profiler.disable()
        signal.setitimer(signal.ITIMER_REAL, 0)
    out["elapsed_s"] = time.perf_counter() - begin
    out["phases"] = dict(PHASES)
    out["best"] = {k: list(v) for k, v in BEST.items()}
    placed = BEST["_event_match"][0] if "_event_match" in BEST else 0
    if out.get("timed_out_in") == "_merge_events" and placed:
        # each report is compared with every merged event of its type so far: time grows with the square
        out["events_placed"] = placed
        out["projected_merge_events_s"] = PHASES["_merge_events"] * (len(per_article["events"]) / placed) ** 2
    if out["cluster_s"] is not None:
        sizes = Counter(clusters.values())
        out["clusters"] = len(sizes)
        out["multi_clusters"] = sum(1 for v in sizes.values() if v > 1)
        out["articles_in_multi"] = sum(v for v in sizes.values() if v > 1)
        out["largest_cluster"] = max(sizes.values())
    funding = result["funding"] if result is not None else STASH.get("_merge_rounds")
    events = result["events"] if result is not None else STASH.get("_merge_events")
    if funding is not None:  # no curation here, so final_edits drops no round: _merge_rounds' table is the outcome
        out["rounds_out"] = len(funding)
        per_recipient = funding["recipient_org_id"].value_counts()
        out["max_rounds_per_recipient_out"] = int(per_recipient.max()) if len(per_recipient) else 0
    if events is not None:
        out["events_out"] = len(events)
    if result is not None:
        out["orgs_out"] = len(result["organizations"])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[10000])
    parser.add_argument("--seed-articles", type=int, default=500, help="synthetic articles extracted for real")
    parser.add_argument("--recipient-pool", type=int, default=3000,
                        help="synthetic organization ids recipients are drawn from")
    parser.add_argument("--timeout", type=float, default=600, help="seconds per size for clustering + consolidation")
    parser.add_argument("--profile", action="store_true", help="one extra cProfile pass at --profile-at articles")
    parser.add_argument("--profile-at", type=int, default=10000)
    args = parser.parse_args()

    _instrument()
    start = time.perf_counter()
    seed = seed_tables(args.seed_articles)
    print(f"seed: {args.seed_articles} synthetic articles extracted in {time.perf_counter() - start:.0f} s: "
          f"{len(seed['funding'])} funding rows, {len(seed['events'])} events, {len(seed['evidence'])} evidence rows, "
          f"{len(seed['organizations'])} organizations")
    sys.stdout.flush()

    results, profile_text = [], None
    for n in args.articles:
        gc.collect()
        start = time.perf_counter()
        per_article, planted = scale(seed, n, args.recipient_pool)
        scale_s = time.perf_counter() - start
        print(f"\n== {n} articles (scaled in {scale_s:.0f} s; {planted['seeds']} seeds, "
              f"{planted['distinct_replicas']} distinct replicas, {planted['syndicated_copies']} syndicated copies)")
        sys.stdout.flush()
        row = {"articles": n, "rounds_in": len(per_article["funding"]), "events_in": len(per_article["events"]),
               "evidence_rows": len(per_article["evidence"]), "orgs_in": len(per_article["organizations"]), **planted,
               **measure(per_article, args.timeout)}
        row["peak_rss_mb"] = peak_rss_mb()
        results.append(row)
        report(row)
        if args.profile and n == args.profile_at:
            profile_text = profile(per_article, args.timeout)
        del per_article
    if args.profile and args.profile_at not in args.articles:
        per_article, _ = scale(seed, args.profile_at, args.recipient_pool)
        profile_text = profile(per_article, args.timeout)
    if profile_text:
        print(profile_text)

    print(json.dumps({
        "corpus": "synthetic (scaled)", "seed_articles": args.seed_articles, "recipient_pool": args.recipient_pool,
        "articles": [r["articles"] for r in results],
        "status": [r["status"] for r in results],
        "cluster_s": [_round(r["cluster_s"]) for r in results],
        "consolidate_s": [_round(r["consolidate_s"]) for r in results],
        "elapsed_s": [_round(r["elapsed_s"]) for r in results],
        "clusters": [r.get("clusters") for r in results],
        "multi_article_clusters": [r.get("multi_clusters") for r in results],
        "syndicated_copies": [r["syndicated_copies"] for r in results],
        "rounds_in": [r["rounds_in"] for r in results], "rounds_out": [r.get("rounds_out") for r in results],
        "rereports_planted": [r["rereports"] for r in results],
        "events_in": [r["events_in"] for r in results], "events_out": [r.get("events_out") for r in results],
        "max_rounds_per_recipient_in": [r["max_rows_per_recipient"] for r in results],
        "max_rounds_per_recipient_out": [r.get("max_rounds_per_recipient_out") for r in results],
        "max_events_per_type": [r["max_events_per_type"] for r in results],
        "projected_merge_events_s": [_round(r.get("projected_merge_events_s")) for r in results],
        "phase_s": [{k: round(v, 2) for k, v in r["phases"].items()} for r in results],
        "peak_rss_mb_after": [round(r["peak_rss_mb"]) for r in results],
        "peak_rss_mb": round(peak_rss_mb()),
    }, ensure_ascii=False))


def _round(value):
    return None if value is None else round(value, 2)


def report(row: dict) -> None:
    n = row["articles"]
    print(f"status: {row['status']}")
    if row.get("clusters") is not None:
        print(f"clustering: {row['cluster_s']:.1f} s — {row['clusters']} story clusters, "
              f"{row['multi_clusters']} with "
              f"2+ articles ({row['articles_in_multi']} articles, largest {row['largest_cluster']}); "
              f"articles - clusters = {n - row['clusters']} (planted copies: {row['syndicated_copies']})")
    if row["consolidate_s"] is not None:
        print(f"consolidate (landscape): {row['consolidate_s']:.1f} s")
    print("  phases: " + ", ".join(f"{k} {v:.1f} s" for k, v in row["phases"].items()))
    for match, (placed, compared) in row["best"].items():
        print(f"  _best({match}): {placed} reports placed, {compared} candidate comparisons "
              f"({compared / max(placed, 1):.0f} per report)")
    if row.get("projected_merge_events_s"):
        print(f"  stopped in _merge_events after placing {row['events_placed']} of {row['events_in']} event reports; "
              f"at the observed quadratic rate the whole phase would take ~{row['projected_merge_events_s']:.0f} s")
    print(f"rounds: {row['rounds_in']} in -> {row.get('rounds_out', '—')} out "
          f"(planted re-reports {row['rereports']}, "
          f"rows in syndicated copies {row['copied_funding_rows']}); max reports per recipient "
          f"{row['max_rows_per_recipient']} in, max rounds per recipient "
          f"{row.get('max_rounds_per_recipient_out', '—')} out")
    print(f"events: {row['events_in']} in -> {row.get('events_out', '—')} out; per type (one candidate list each): "
          + ", ".join(f"{k} {v}" for k, v in row["events_per_type"].items()))
    print(f"organizations: {row['orgs_in']} in -> {row.get('orgs_out', '—')} out; "
          f"evidence rows {row['evidence_rows']}")
    print(f"peak RSS so far: {row['peak_rss_mb']:.0f} MB")
    sys.stdout.flush()


def profile(per_article: dict[str, pd.DataFrame], budget: float) -> str:
    profiler = cProfile.Profile()
    out = measure(per_article, budget, profiler)
    stream = io.StringIO()
    stats = pstats.Stats(profiler, stream=stream)
    stream.write(f"\n== cProfile at {len(per_article['articles'])} articles ({out['status']}, "
                 f"{out['elapsed_s']:.0f} s under the profiler): top 15 cumulative\n")
    stats.sort_stats("cumulative").print_stats(15)
    stream.write("top 10 by own time\n")
    stats.sort_stats("tottime").print_stats(10)
    return stream.getvalue()


if __name__ == "__main__":
    main()
