"""The dashboard's one door to the tables: build them on first start, then load them once per snapshot."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from newsprep.build import DEFAULT_TABLES, build_snapshot, snapshot_exists
from newsprep.store import current_snapshot, load_tables


def tables_root() -> Path:
    """Where the tables live; tests point NEWSPREP_TABLES at a folder of their own."""
    import os

    return Path(os.environ.get("NEWSPREP_TABLES", DEFAULT_TABLES))


def ensure_tables() -> None:
    """Build the snapshot from the bundled articles the first time the app starts."""
    root = tables_root()
    if snapshot_exists(root):
        return
    bar = st.progress(0.0, text="Building the tables from the bundled articles…")

    def progress(done: int, total: int, label: str) -> None:
        bar.progress(done / max(total, 1), text=f"Reading article {done} of {total}: {label}")

    build_snapshot(out=root, progress=progress)
    bar.empty()


@st.cache_data(show_spinner="Loading tables…")
def _load(snapshot_path: str) -> dict[str, pd.DataFrame]:
    return load_tables(Path(snapshot_path).parent.parent)


def tables() -> dict[str, pd.DataFrame]:
    """All tables of the current snapshot; cached per snapshot, so a rebuild is picked up."""
    ensure_tables()
    return _load(str(current_snapshot(tables_root())))
