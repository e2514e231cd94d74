"""Library entry point of a build: inputs → processed articles → tables → atomic snapshot."""

from __future__ import annotations

from pathlib import Path

from newsprep.pipeline import BuildResult, ProgressCallback, pipeline_version, run
from newsprep.store import write_snapshot
from newsprep.tables import build_tables

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ARTICLES = PROJECT_ROOT / "data" / "articles"
DEFAULT_TABLES = PROJECT_ROOT / "data" / "tables"
DEFAULT_CACHE = PROJECT_ROOT / "data" / "cache"


def build_snapshot(paths: list[Path] | None = None, out: Path = DEFAULT_TABLES,
                   cache_dir: Path | None = DEFAULT_CACHE,
                   progress: ProgressCallback | None = None) -> tuple[BuildResult, Path]:
    result = run(paths or [DEFAULT_ARTICLES], cache_dir=cache_dir, progress=progress)
    tables = build_tables(result.articles, result.report)
    meta = {"pipeline_version": pipeline_version(), "inputs": [str(p) for p in (paths or [DEFAULT_ARTICLES])],
            "articles_ok": result.count("ok"), "duplicates": result.count("duplicate"), "failed": result.count("failed")}
    return result, write_snapshot(tables, out, meta)


def snapshot_exists(out: Path = DEFAULT_TABLES) -> bool:
    from newsprep.errors import SnapshotMissing
    from newsprep.store import current_snapshot

    try:
        current_snapshot(out)
        return True
    except SnapshotMissing:
        return False
