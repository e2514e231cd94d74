"""Library entry point of a build: inputs → processed articles → tables → atomic snapshot."""

from __future__ import annotations

from pathlib import Path

from newsprep.errors import NothingBuilt
from newsprep.pipeline import BuildResult, ProgressCallback, pipeline_version, run
from newsprep.store import write_snapshot
from newsprep.tables import build_tables

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ARTICLES = PROJECT_ROOT / "data" / "articles"
DEFAULT_TABLES = PROJECT_ROOT / "data" / "tables"
DEFAULT_CACHE = PROJECT_ROOT / "data" / "cache"


def build_snapshot(paths: list[Path] | None = None, out: Path = DEFAULT_TABLES,
                   cache_dir: Path | None = DEFAULT_CACHE,
                   progress: ProgressCallback | None = None, allow_empty: bool = False) -> tuple[BuildResult, Path]:
    """Build the tables and swap them in. A build that gives no article never replaces the tables
    people are looking at (an empty folder, every input failed): it raises NothingBuilt instead,
    unless `allow_empty` asks for empty tables on purpose."""
    result = run(paths or [DEFAULT_ARTICLES], cache_dir=cache_dir, progress=progress)
    if not result.articles and not allow_empty:
        failed = result.count("failed")
        error = NothingBuilt(
            f"no article was built from the inputs ({failed} failed, {result.count('duplicate')} duplicates); "
            "the previous tables were kept.",
            "The lines above say why each input failed." if failed else "Put article files in the folder, then build again.",
        )
        error.result = result  # the command line prints each input's reason before the error
        raise error
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
