"""Snapshots of the tables as Parquet, swapped in atomically, read back with DuckDB.

Layout under the tables root:
    snapshots/<snapshot_id>/<table>.parquet   one folder per build, written completely first
    snapshots/<snapshot_id>/manifest.json     row counts, pipeline version, build time
    snapshots/<snapshot_id>/base/<table>.parquet  each article's facts before the cross-article
                                              merges and the curation log (a correction re-derives
                                              the tables from them without re-reading articles)
    CURRENT                                   the id of the snapshot readers use

A build writes a new snapshot folder, then replaces CURRENT with one atomic rename, so a reader
sees either the old snapshot or the new one, never a half-written one. Older snapshots beyond
the last few are removed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import uuid
from pathlib import Path

import pandas as pd

from newsprep.errors import SnapshotMissing

KEEP_SNAPSHOTS = 2


def write_snapshot(tables: dict[str, pd.DataFrame], root: Path, meta: dict | None = None,
                   base: dict[str, pd.DataFrame] | None = None) -> Path:
    root = Path(root)
    snapshots = root / "snapshots"
    snapshots.mkdir(parents=True, exist_ok=True)
    snapshot_id = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%f") + "-" + uuid.uuid4().hex[:6]
    staging = snapshots / f".{snapshot_id}.partial"
    staging.mkdir()
    try:
        for name, frame in tables.items():
            frame.to_parquet(staging / f"{name}.parquet", index=False)
        if base:
            (staging / "base").mkdir()
            for name, frame in base.items():
                frame.to_parquet(staging / "base" / f"{name}.parquet", index=False)
        manifest = {"snapshot_id": snapshot_id,
                    "built_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                    "row_counts": {name: len(frame) for name, frame in tables.items()}, **(meta or {})}
        (staging / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    final = snapshots / snapshot_id
    staging.rename(final)
    pointer_tmp = root / f".CURRENT.{snapshot_id}"
    pointer_tmp.write_text(snapshot_id, encoding="utf-8")
    os.replace(pointer_tmp, root / "CURRENT")
    _prune(snapshots, keep={snapshot_id})
    return final


def _prune(snapshots: Path, keep: set[str]) -> None:
    """Remove old snapshots beyond the last few, and staging folders that killed builds left behind.
    The newest snapshot that had articles is never removed, whatever came after it."""
    for partial in snapshots.glob(".*.partial"):
        if partial.name not in {f".{k}.partial" for k in keep}:
            shutil.rmtree(partial, ignore_errors=True)
    done = sorted((p for p in snapshots.iterdir() if p.is_dir() and not p.name.startswith(".")), key=lambda p: p.name)
    with_articles = [p for p in done if _article_count(p) > 0]
    if with_articles:
        keep = keep | {with_articles[-1].name}
    for old in done[:-KEEP_SNAPSHOTS]:
        if old.name not in keep:
            shutil.rmtree(old, ignore_errors=True)


def _article_count(snapshot: Path) -> int:
    try:
        counts = json.loads((snapshot / "manifest.json").read_text(encoding="utf-8")).get("row_counts", {})
    except (OSError, ValueError):
        return 0
    return int(counts.get("articles", 0))


def current_snapshot(root: Path) -> Path:
    pointer = Path(root) / "CURRENT"
    try:
        snapshot_id = pointer.read_text(encoding="utf-8").strip()
    except OSError:
        raise SnapshotMissing(f"no tables have been built in {root} yet.",
                              "Run: python -m newsprep build") from None
    path = Path(root) / "snapshots" / snapshot_id
    if not path.is_dir():
        raise SnapshotMissing(f"the snapshot {snapshot_id} named by {pointer} is missing.",
                              "Run: python -m newsprep build")
    return path


def manifest(root: Path) -> dict:
    return json.loads((current_snapshot(root) / "manifest.json").read_text(encoding="utf-8"))


def connect(root: Path):
    """A DuckDB connection with one view per table of the current snapshot."""
    import duckdb

    snapshot = current_snapshot(root)
    connection = duckdb.connect()
    for path in sorted(snapshot.glob("*.parquet")):
        if not path.stem.isidentifier():
            continue  # only the tables the build writes (their names are identifiers) become views
        # the path is bound as a value, never pasted into SQL text (a quote in --out must not break it)
        table = connection.read_parquet(path.as_posix())
        table.create_view(path.stem)
    return connection


def load_base(root: Path) -> dict[str, pd.DataFrame] | None:
    """The per-article tables of the current snapshot, or None for a snapshot written without them."""
    folder = current_snapshot(root) / "base"
    if not folder.is_dir():
        return None
    return {path.stem: pd.read_parquet(path) for path in sorted(folder.glob("*.parquet"))}


def load_tables(root: Path) -> dict[str, pd.DataFrame]:
    connection = connect(root)
    try:
        names = [row[0] for row in connection.execute("SELECT table_name FROM information_schema.tables").fetchall()]
        return {name: connection.execute(f"SELECT * FROM {name}").df() for name in names}
    finally:
        connection.close()
