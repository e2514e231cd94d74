"""Library entry point of a build: inputs → processed articles → tables → atomic snapshot."""

from __future__ import annotations

import os
from pathlib import Path

from newsprep.curation import Outcome, read_log
from newsprep.errors import NothingBuilt, SnapshotMissing
from newsprep.pipeline import BuildResult, ProgressCallback, pipeline_version, run
from newsprep.stories import with_story_clusters
from newsprep.store import load_base, manifest, write_snapshot
from newsprep.tables import article_tables, landscape

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ARTICLES = PROJECT_ROOT / "data" / "articles"
DEFAULT_TABLES = PROJECT_ROOT / "data" / "tables"
DEFAULT_CACHE = PROJECT_ROOT / "data" / "cache"
DEFAULT_UPLOADS = PROJECT_ROOT / "data" / "uploads"  # what an admin uploads in the app


def uploads_dir() -> Path:
    """Where uploaded articles are kept; tests point NEWSPREP_UPLOADS at a folder of their own."""
    return Path(os.environ.get("NEWSPREP_UPLOADS") or DEFAULT_UPLOADS)


def default_inputs() -> list[Path]:
    """The bundled articles, and the admin's uploads once there are any."""
    return [DEFAULT_ARTICLES] + ([uploads_dir()] if uploads_dir().is_dir() else [])


def build_snapshot(paths: list[Path] | None = None, out: Path = DEFAULT_TABLES,
                   cache_dir: Path | None = DEFAULT_CACHE,
                   progress: ProgressCallback | None = None, allow_empty: bool = False,
                   curation_log: Path | None = None, workers: int = 1) -> tuple[BuildResult, Path]:
    """Build the tables and swap them in. A build that gives no article never replaces the tables
    people are looking at (an empty folder, every input failed): it raises NothingBuilt instead,
    unless `allow_empty` asks for empty tables on purpose. The curation log (data/curation by
    default) is applied to what the articles give."""
    paths = paths or default_inputs()
    result = run(paths, cache_dir=cache_dir, progress=progress, workers=workers)
    if not result.articles and not allow_empty:
        failed = result.count("failed")
        error = NothingBuilt(
            f"no article was built from the inputs ({failed} failed, {result.count('duplicate')} duplicates); "
            "the previous tables were kept.",
            "The lines above say why each input failed." if failed else "Put article files in the folder, then build again.",
        )
        error.result = result  # the command line prints each input's reason before the error
        raise error
    per_article = article_tables(result.articles, result.report)
    # clustered once here and stored with the per-article tables, which corrections start from
    per_article["articles"] = with_story_clusters(per_article["articles"])
    tables, outcome = landscape(per_article, read_log(curation_log))
    result.curation = outcome
    meta = {"pipeline_version": pipeline_version(), "inputs": [str(p) for p in paths],
            "articles_ok": result.count("ok"), "duplicates": result.count("duplicate"), "failed": result.count("failed"),
            "curation": outcome.summary()}
    return result, write_snapshot(tables, out, meta, base=per_article)


def refresh_snapshot(out: Path = DEFAULT_TABLES, curation_log: Path | None = None) -> tuple[Path, Outcome]:
    """Re-derive the tables of the current snapshot from its per-article tables and the curation
    log, and swap them in: what a correction costs without re-reading a single article. One
    refresh at a time (a lock beside the snapshots), so two admins' changes never overwrite each
    other's result."""
    import fcntl

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / ".refresh.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        per_article = load_base(out)
        if per_article is None:
            raise SnapshotMissing("the current tables were built before corrections were kept apart from them.",
                                  "Run: python -m newsprep build")
        tables, outcome = landscape(per_article, read_log(curation_log))
        meta = {k: v for k, v in manifest(out).items() if k not in ("snapshot_id", "built_at", "row_counts")}
        meta["curation"] = outcome.summary()
        return write_snapshot(tables, out, meta, base=per_article), outcome


def snapshot_exists(out: Path = DEFAULT_TABLES) -> bool:
    from newsprep.errors import SnapshotMissing
    from newsprep.store import current_snapshot

    try:
        current_snapshot(out)
        return True
    except SnapshotMissing:
        return False
