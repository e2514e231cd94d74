"""From input paths to processed articles: read, clean, date, extract — cached per article."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Callable

from newsprep import __version__
from newsprep.clean import clean, to_simplified
from newsprep.dates import dateline_date, parse_date_string
from newsprep.errors import UnreadableInput
from newsprep.extract import extract
from newsprep.readers import RawDocument, iter_input_files, read_path
from newsprep.resources import rules_fingerprint
from newsprep.rule_files import check_rule_files

# Bump when code changes what an article turns into. The package's code and its resources are
# hashed in as well, so a forgotten bump never leaves stale cached extractions behind.
EXTRACTOR_REVISION = "4"

ProgressCallback = Callable[[int, int, str], None]


def pipeline_version() -> str:
    return f"{__version__}-{EXTRACTOR_REVISION}-{rules_fingerprint()}-{code_fingerprint()}"


@cache
def code_fingerprint() -> str:
    """Hash of the package's Python files."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@dataclass
class ReportRow:
    input_path: str
    record_index: int | None
    status: str  # ok / duplicate / failed
    reason: str = ""
    article_id: str | None = None
    notes: str = ""
    from_cache: bool = False


@dataclass
class BuildResult:
    articles: list[dict] = field(default_factory=list)
    report: list[ReportRow] = field(default_factory=list)
    curation: object = None  # curation.Outcome of the log applied to this build

    def count(self, status: str) -> int:
        return sum(1 for row in self.report if row.status == status)


def article_id_for(text: str) -> str:
    """Identity from the cleaned story alone (white space and punctuation ignored), so the same
    story saved twice, in two encodings or two scripts, is one article."""
    core = re.sub(r"[\W_]+", "", text)
    return hashlib.sha1(core.encode("utf-8")).hexdigest()[:16]


def process_document(raw: RawDocument) -> dict:
    """One raw document → one article record (JSON-serialisable; what the cache stores)."""
    cleaned = clean(raw.body, raw.body_is_html)
    if not re.search(r"[\u4e00-\u9fffA-Za-z]{2}", cleaned.text):
        raise UnreadableInput("no story text is left after removing markup and boilerplate; check that the file holds an article.")
    article_id = article_id_for(cleaned.text)
    title = to_simplified(raw.title)[0].strip() if raw.title else None
    text = cleaned.text
    if title and title not in text[: len(title) + 80]:
        text = f"{title}\n{text}"
    furniture = cleaned.furniture
    published, published_from = parse_date_string(raw.date_raw), "metadata"
    if published.precision == "unknown" and furniture.published_rule:
        published, published_from = furniture.published, f"furniture:{furniture.published_rule}"
    if published.precision == "unknown":
        published, published_from = dateline_date(cleaned.text, cleaned.head_date_line), "dateline"
    if published.precision == "unknown":
        published_from = None
    outlet = furniture.outlet if furniture.outlet_is_media else None
    facts = extract(article_id, text, published, outlet)
    return {
        "article_id": article_id,
        "source_path": raw.source_path,
        "record_index": raw.record_index,
        "title": title or _first_line_title(cleaned.text),
        "published": asdict(published),
        "published_from": published_from,
        "url": raw.url,
        "source": raw.source or furniture.outlet,
        "encoding": raw.encoding,
        "script": cleaned.script,
        "categories": raw.categories,
        "notes": raw.notes,
        "boilerplate_removed": [marker for marker, _ in cleaned.removed],
        "text": text,
        "facts": facts.to_dict(),
    }


def _first_line_title(text: str) -> str:
    first = text.split("\n", 1)[0]
    return first if len(first) <= 80 else first[:78] + "…"


class ArticleCache:
    """Processed articles on disk, keyed by input content hash under the pipeline version."""

    def __init__(self, root: Path | None):
        self.dir = root / pipeline_version() if root else None

    def get(self, key: str) -> dict | None:
        if self.dir is None:
            return None
        path = self.dir / f"{key}.json"
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def put(self, key: str, record: dict) -> None:
        if self.dir is None:
            return
        self.dir.mkdir(parents=True, exist_ok=True)
        tmp = self.dir / f".{key}.tmp"
        tmp.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        tmp.replace(self.dir / f"{key}.json")


# Below this many articles to process, starting worker processes costs more than it saves.
MIN_ARTICLES_PER_WORKER = 8


def _process_safely(raw: RawDocument) -> tuple[str, object]:
    """process_document in a worker: an exception comes back as a value, so one bad article
    never stops the pool (the parent turns it into the input's report row)."""
    try:
        return "ok", process_document(raw)
    except UnreadableInput as err:
        return "unreadable", str(err)
    except Exception as err:  # noqa: BLE001 - reported per input, with the reason
        return "error", f"processing failed ({type(err).__name__}: {err}); please report this file."


def _outcomes(documents: list[RawDocument], cache: ArticleCache, workers: int):
    """(outcome, from_cache) per document, in input order. Cached articles are read here; the rest
    are processed by `workers` processes (forked, so each starts with the rule files and the
    gazetteer already loaded by the parent's check)."""
    cached = [cache.get(raw.content_hash) for raw in documents]
    todo = [raw for raw, record in zip(documents, cached) if record is None]
    workers = min(workers, max(1, len(todo) // MIN_ARTICLES_PER_WORKER))
    if workers > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
        fresh = pool.map(_process_safely, todo, chunksize=4)
    else:
        pool, fresh = None, map(_process_safely, todo)
    try:
        for record in cached:
            yield (("ok", record), True) if record is not None else (next(fresh), False)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def run(paths: list[Path], cache_dir: Path | None = None, progress: ProgressCallback | None = None,
        keep_duplicates: bool = False, workers: int = 1) -> BuildResult:
    """Read every input, process each article (or take it from the cache), report every input.
    `workers` > 1 processes articles in that many processes; the result is the same as with one."""
    check_rule_files()  # a damaged rule file stops the run before any article is processed
    result = BuildResult()
    documents: list[RawDocument] = []
    skipped: list[tuple[str, str]] = []
    for path in iter_input_files(paths, skipped):
        try:
            docs, problems = read_path(path)
        except UnreadableInput as err:
            result.report.append(ReportRow(str(path), None, "failed", str(err)))
            continue
        except Exception as err:  # one odd file never costs the others; the report says which and why
            result.report.append(ReportRow(str(path), None, "failed",
                                           f"the file could not be read ({type(err).__name__}: {err}); please report this file."))
            continue
        documents.extend(docs)
        result.report.extend(ReportRow(p.source_path, p.record_index, "failed", p.reason) for p in problems)

    result.report.extend(ReportRow(path, None, "failed", reason) for path, reason in skipped)
    cache = ArticleCache(cache_dir)
    seen: dict[str, str] = {}
    for done, (raw, ((status, value), from_cache)) in enumerate(zip(documents, _outcomes(documents, cache, workers)), start=1):
        label = Path(raw.source_path).name + (f"#{raw.record_index}" if raw.record_index is not None else "")
        if progress:
            progress(done, len(documents), label)
        if status != "ok":  # one bad article must not stop the build; the report says which and why
            result.report.append(ReportRow(raw.source_path, raw.record_index, "failed", value))
            continue
        record = value
        if not from_cache:
            cache.put(raw.content_hash, record)
        record = {**record, "source_path": raw.source_path, "record_index": raw.record_index}
        notes = "; ".join(record.get("notes") or [])
        first = seen.get(record["article_id"])
        if first is not None and not keep_duplicates:
            result.report.append(ReportRow(raw.source_path, raw.record_index, "duplicate",
                                           f"same story as {first}", record["article_id"], notes, from_cache))
            continue
        seen.setdefault(record["article_id"], label if raw.record_index is not None else raw.source_path)
        result.articles.append(record)
        result.report.append(ReportRow(raw.source_path, raw.record_index, "ok", "", record["article_id"], notes, from_cache))
    return result

