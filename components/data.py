"""The dashboard's one door to the tables: build them on first start, load them once per
snapshot, and hand pages the view the shared filters select.

Article texts are large and read one at a time, so they stay in the snapshot and are fetched with
DuckDB (one article for the reader, matching ids for a text search)."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import streamlit as st

from components.filtering import Filters, View, apply_filters
from newsprep.build import DEFAULT_TABLES, build_snapshot, snapshot_exists
from newsprep.store import connect, current_snapshot, manifest


def tables_root() -> Path:
    """Where the tables live; tests point NEWSPREP_TABLES at a folder of their own."""
    return Path(os.environ.get("NEWSPREP_TABLES", DEFAULT_TABLES))


def ensure_tables() -> None:
    """Build the snapshot from the bundled articles the first time the app starts."""
    root = tables_root()
    if snapshot_exists(root):
        return
    bar = st.progress(0.0, text="首次启动：正在从示例文章生成数据表… Building the tables from the bundled articles…")

    def progress(done: int, total: int, label: str) -> None:
        bar.progress(done / max(total, 1), text=f"{done}/{total} · {label}")

    build_snapshot(out=root, progress=progress)
    bar.empty()


def snapshot_path() -> str:
    ensure_tables()
    return str(current_snapshot(tables_root()))


# The snapshot is read-only and shared by every session: cache_resource hands out the same frames
# instead of unpickling a copy of every table on every rerun (cache_data), which made each click
# pay for the whole corpus. Pages never modify these frames (they derive new ones with assign).
@st.cache_resource(show_spinner="Loading tables…", max_entries=2)
def _load(snapshot: str) -> dict[str, pd.DataFrame]:
    connection = connect(Path(snapshot).parent.parent)
    try:
        names = [row[0] for row in connection.execute("SELECT table_name FROM information_schema.tables").fetchall()]
        return {name: connection.execute(f"SELECT * EXCLUDE (text) FROM {name}" if name == "articles" else f"SELECT * FROM {name}").df()
                for name in names}
    finally:
        connection.close()


def tables() -> dict[str, pd.DataFrame]:
    """All tables of the current snapshot (articles without their text); cached per snapshot."""
    return _load(snapshot_path())


@st.cache_data(max_entries=64)
def _text_hits(snapshot: str, needle: str) -> frozenset[str]:
    connection = connect(Path(snapshot).parent.parent)
    try:
        rows = connection.execute("SELECT article_id FROM articles WHERE text ILIKE ? OR title ILIKE ?",
                                  [f"%{needle}%", f"%{needle}%"]).fetchall()
        return frozenset(r[0] for r in rows)
    finally:
        connection.close()


@st.cache_data(max_entries=256)
def article_text(snapshot: str, article_id: str) -> str:
    connection = connect(Path(snapshot).parent.parent)
    try:
        row = connection.execute("SELECT text FROM articles WHERE article_id = ?", [article_id]).fetchone()
        return row[0] if row else ""
    finally:
        connection.close()


@st.cache_resource(max_entries=32, show_spinner=False)
def _view(snapshot: str, filters: Filters) -> View:
    hits = _text_hits(snapshot, filters.text) if filters.text else None
    return apply_filters(_load(snapshot), filters, article_text_hits=hits)


def current() -> tuple[View, Filters, str, bool]:
    """(view, filters, language, presentation) for the page being drawn."""
    filters = st.session_state.get("_filters", Filters())
    return (_view(snapshot_path(), filters), filters, st.session_state.get("_lang", "zh"),
            st.session_state.get("_present", False))


def data_date() -> str:
    """When the tables were built, and the latest publication date they hold."""
    return _data_date(snapshot_path())


@st.cache_data(max_entries=2)
def _data_date(snapshot: str) -> str:
    built = manifest(Path(snapshot).parent.parent).get("built_at", "")[:10]
    published = _load(snapshot)["articles"]["published"].dropna()
    latest = max(published) if not published.empty else "—"
    return f"{built} (latest article {latest})"
