"""Read input files of every supported format into raw documents.

A file becomes zero or more `RawDocument`s (an export holds many) plus `RecordProblem`s for the
records of it that could not be used. A file that cannot be read at all raises `UnreadableInput`
with one sentence saying why and what to do; the build records it and goes on.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import yaml

from newsprep.errors import InputNotFound, UnreadableInput

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl", ".csv")
SUPPORTED_LIST = ".txt, .md, .html, .json, .jsonl or .csv"

# One article larger than this is not a news story (a dump, a log, a mistake); exports of many
# records may be larger, but each record is held to the same limit.
MAX_ARTICLE_BYTES = 10 * 1024 * 1024
MAX_EXPORT_BYTES = 512 * 1024 * 1024

TEXT_FIELDS = ("text", "content", "body", "article", "正文", "内容", "html", "content_html")
TITLE_FIELDS = ("title", "headline", "标题")
DATE_FIELDS = ("date", "published", "published_at", "publish_time", "pub_date", "pubdate",
               "time", "datetime", "发布时间", "日期")
URL_FIELDS = ("url", "link", "href", "链接")
SOURCE_FIELDS = ("source", "site", "publisher", "media", "author", "来源", "作者")

HTML_HINT = re.compile(r"<\s*(p|div|br|span|article|section|h[1-6]|li|table)\b", re.I)


@dataclass
class RawDocument:
    """One article as read from its file, before cleaning."""

    source_path: str
    body: str
    body_is_html: bool
    encoding: str
    record_index: int | None = None
    title: str | None = None
    date_raw: str | None = None
    url: str | None = None
    source: str | None = None
    categories: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def content_hash(self) -> str:
        """Hash of everything read from the input: the cache key of this document."""
        digest = hashlib.sha256()
        for part in (self.body, self.title, self.date_raw, self.url, self.source):
            digest.update((part or "").encode("utf-8"))
            digest.update(b"\x00")
        return digest.hexdigest()[:24]


@dataclass
class RecordProblem:
    """A record inside an export that could not become an article."""

    source_path: str
    record_index: int
    reason: str


def iter_input_files(paths: list[Path], skipped: list[tuple[str, str]] | None = None) -> Iterator[Path]:
    """Every file under the given files and folders, in a stable order, hidden files skipped.
    Folders that are not read (a link to a folder, which could loop; one that cannot be opened)
    are added to `skipped` as (path, reason), so the ingest report names them."""
    skipped = skipped if skipped is not None else []

    def unreadable(err: OSError) -> None:
        skipped.append((str(err.filename), f"this folder could not be opened ({err.strerror or err}); check its permissions."))

    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise InputNotFound(f"{path} does not exist.", "Check the path, or run without a path to use data/articles/.")
        if path.is_dir():
            for root, dirs, files in os.walk(path, onerror=unreadable):
                for name in sorted(d for d in dirs if (Path(root) / d).is_symlink()):
                    skipped.append((str(Path(root) / name), "a link to a folder is not followed (it could loop); "
                                                            "pass the folder itself to read it."))
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (Path(root) / d).is_symlink())
                for name in sorted(files):
                    if not name.startswith("."):
                        yield Path(root) / name
        else:
            yield path


def read_path(path: Path) -> tuple[list[RawDocument], list[RecordProblem]]:
    """Read one file. Raises UnreadableInput when nothing in it can be used."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnreadableInput(f"unsupported file type '{suffix or '(none)'}'; use {SUPPORTED_LIST}.")
    data = _read_bytes(path, suffix)
    if not data:
        raise UnreadableInput("the file is empty; nothing to read.")
    text, encoding = decode_bytes(data)
    if not text.strip():
        raise UnreadableInput("the file holds only white space; nothing to read.")
    name = str(path)
    if suffix in (".json",):
        return _read_json(name, text, encoding)
    if suffix == ".jsonl":
        return _read_jsonl(name, text, encoding)
    if suffix == ".csv":
        return _read_csv(name, text, encoding)
    if suffix in (".html", ".htm"):
        return [_document_from_html_page(name, text, encoding)], []
    return [_document_from_text(name, text, encoding)], []


def _read_bytes(path: Path, suffix: str) -> bytes:
    try:
        status = path.stat()
    except OSError as err:
        raise UnreadableInput(f"the file could not be opened ({err.strerror or err}); check that it exists and is readable.") from err
    if not stat.S_ISREG(status.st_mode):  # a FIFO would hang the build, /dev/zero would never end
        raise UnreadableInput("this is not a regular file (a pipe, device or socket); only saved files are read.")
    size = status.st_size
    limit = MAX_EXPORT_BYTES if suffix in (".json", ".jsonl", ".csv") else MAX_ARTICLE_BYTES
    if size > limit:
        raise UnreadableInput(
            f"the file is {size / 1024 / 1024:.1f} MB, more than the {limit // 1024 // 1024} MB one "
            f"{'export' if limit == MAX_EXPORT_BYTES else 'article'} may have; split it into smaller files."
        )
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)  # never more than the limit, whatever stat said
    except OSError as err:
        raise UnreadableInput(f"the file could not be read ({err.strerror or err}); check its permissions.") from err
    if len(data) > limit:
        raise UnreadableInput(f"the file grew past the {limit // 1024 // 1024} MB limit while being read; split it into smaller files.")
    return data


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode text whose encoding is unknown: UTF-8 (with or without BOM), UTF-16, GB18030/GBK, Big5."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as err:
            raise UnreadableInput(f"the file is marked UTF-16 but is damaged at byte {err.start}; re-save it as UTF-8.") from err
    if b"\x00" in data[:4096]:
        raise UnreadableInput("this looks like a binary file, not text; export it as UTF-8 text first.")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    import charset_normalizer  # only needed for the rare non-UTF-8 file

    guess = charset_normalizer.from_bytes(
        data[:262_144], cp_isolation=["gb18030", "big5", "big5hkscs", "utf_16", "shift_jis", "euc_jp"]
    ).best()
    if guess is not None and guess.encoding in JAPANESE_ENCODINGS and _has_kana(data, guess.encoding):
        raise UnreadableInput(f"this looks like Japanese text ({guess.encoding}), not Chinese; "
                              "the landscape reads Chinese news — save Chinese articles as UTF-8.")
    candidates = ([guess.encoding] if guess else []) + ["gb18030", "big5"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if _looks_like_language(text):
            return text, encoding
    raise UnreadableInput(
        "the text encoding could not be recognised (tried UTF-8, GB18030/GBK and Big5); save the file as UTF-8."
    )


JAPANESE_ENCODINGS = ("shift_jis", "cp932", "euc_jp")
KANA = re.compile(r"[\u3040-\u30ff]")


def _has_kana(data: bytes, encoding: str) -> bool:
    """Shift-JIS bytes also decode as GB18030 into plausible-looking Chinese; kana decoded with the
    Japanese guess tell them apart."""
    try:
        text = data[:65_536].decode(encoding, errors="ignore")
    except LookupError:
        return False
    return len(KANA.findall(text)) >= 5


def _looks_like_language(text: str) -> bool:
    """Reject decodings that are mostly symbols: a wrong guess yields rare characters and controls."""
    sample = text[:20_000]
    if not sample:
        return False
    readable = sum(1 for ch in sample if ch.isprintable() or ch in "\n\r\t")
    return readable / len(sample) > 0.97


# --- plain text and Markdown -------------------------------------------------------------------

class _StringDateLoader(yaml.SafeLoader):
    """YAML's safe loader without its date resolver: `date: 2023-04-31` stays the text it is, so
    an impossible date is judged by dates.py (and noted), never raised while loading."""


_StringDateLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


FRONT_MATTER = re.compile(r"\A\s*---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)


def _document_from_text(name: str, text: str, encoding: str) -> RawDocument:
    meta: dict = {}
    notes: list[str] = []
    body = text
    match = FRONT_MATTER.match(text)
    if match:
        body = text[match.end():]
        try:
            loaded = yaml.load(match.group(1), Loader=_StringDateLoader)
            if isinstance(loaded, dict):
                meta = loaded
            else:
                notes.append("front matter is not a key: value block; it was ignored and the body kept.")
        except yaml.YAMLError as err:
            where = getattr(err, "problem_mark", None)
            # the mark counts from the block's first line; the file has the opening '---' above it
            line = f" (line {where.line + 2})" if where is not None else ""
            notes.append(f"front matter could not be read{line}; it was ignored and the body kept.")
    elif text.lstrip().startswith("---\n"):
        notes.append("front matter has no closing '---' line; the whole file was read as the body.")
    return RawDocument(
        source_path=name,
        body=body,
        body_is_html=bool(HTML_HINT.search(body)),
        encoding=encoding,
        title=_as_text(meta.get("title")),
        date_raw=_as_text(meta.get("date") or meta.get("published")),
        url=_as_text(meta.get("url") or meta.get("link")),
        source=_as_text(meta.get("source") or meta.get("author")),
        categories=_as_list(meta.get("categories") or meta.get("tags")),
        notes=notes,
    )


def _as_list(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value if v] if isinstance(value, list) else []


def _as_text(value) -> str | None:
    if value is None or value == "":
        return None
    return str(value).strip() or None


# --- HTML pages ----------------------------------------------------------------------------------

def _document_from_html_page(name: str, html: str, encoding: str) -> RawDocument:
    """A whole web page: trafilatura finds the story and its metadata among the site furniture."""
    import trafilatura

    extracted = None
    try:
        extracted = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # trafilatura raises assorted errors on broken markup; fall back below
        extracted = None
    if extracted is not None and (extracted.text or "").strip():
        return RawDocument(
            source_path=name, body=extracted.text, body_is_html=False, encoding=encoding,
            title=extracted.title, date_raw=extracted.date, url=extracted.url,
            source=extracted.sitename or extracted.author,
        )
    # A fragment or a page trafilatura finds no story in: keep all of its text.
    return RawDocument(source_path=name, body=html, body_is_html=True, encoding=encoding,
                       notes=["no main story was found in the page; all of its text was kept."])


# --- exports: JSON, JSON Lines, CSV --------------------------------------------------------------

def _pick(record: dict, names: tuple[str, ...]) -> str | None:
    lowered = {str(k).strip().lower(): v for k, v in record.items()}
    for key in names:
        value = lowered.get(key)
        if value not in (None, ""):
            return str(value)
    return None


def _document_from_record(name: str, index: int | None, record: dict, encoding: str,
                          notes: list[str] | None = None) -> RawDocument | RecordProblem:
    body = _pick(record, TEXT_FIELDS)
    if body is None or not body.strip():
        return RecordProblem(name, index or 0, f"record {index} has no text (looked for: {', '.join(TEXT_FIELDS[:4])}).")
    if len(body.encode("utf-8")) > MAX_ARTICLE_BYTES:
        return RecordProblem(name, index or 0, f"record {index} is larger than {MAX_ARTICLE_BYTES // 1024 // 1024} MB; split it.")
    return RawDocument(
        source_path=name, record_index=index, body=body, body_is_html=bool(HTML_HINT.search(body)),
        encoding=encoding, title=_pick(record, TITLE_FIELDS), date_raw=_pick(record, DATE_FIELDS),
        url=_pick(record, URL_FIELDS), source=_pick(record, SOURCE_FIELDS), notes=list(notes or []),
    )


def _split_results(name, items) -> tuple[list[RawDocument], list[RecordProblem]]:
    documents = [item for item in items if isinstance(item, RawDocument)]
    problems = [item for item in items if isinstance(item, RecordProblem)]
    if not documents:
        reasons = "; ".join(p.reason for p in problems[:3]) or "it holds no records"
        raise UnreadableInput(f"no article could be read from it: {reasons}.")
    return documents, problems


def _read_json(name: str, text: str, encoding: str):
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise UnreadableInput(f"the JSON is not valid (line {err.lineno}, column {err.colno}: {err.msg}); fix or re-export it.") from err
    except RecursionError as err:
        raise UnreadableInput("the JSON is nested too deeply to be an article export; re-export it flat.") from err
    if isinstance(data, dict):
        for key in ("articles", "data", "items", "records", "results"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
    if isinstance(data, dict):
        return _split_results(name, [_document_from_record(name, None, data, encoding)])
    if not isinstance(data, list):
        raise UnreadableInput("the JSON holds neither an article object nor a list of them.")
    items = [
        _document_from_record(name, i, item, encoding) if isinstance(item, dict)
        else RecordProblem(name, i, f"record {i} is not an object.")
        for i, item in enumerate(data)
    ]
    return _split_results(name, items)


def _read_jsonl(name: str, text: str, encoding: str):
    items = []
    for i, line in enumerate(text.splitlines()):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, RecursionError):
            items.append(RecordProblem(name, i, f"line {i + 1} is not valid JSON."))
            continue
        if isinstance(record, dict):
            items.append(_document_from_record(name, i, record, encoding))
        else:
            items.append(RecordProblem(name, i, f"line {i + 1} is not a JSON object."))
    return _split_results(name, items)


def _read_csv(name: str, text: str, encoding: str):
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    csv.field_size_limit(MAX_ARTICLE_BYTES)  # one long article must not fail the whole export
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    columns = [str(c).strip() for c in (reader.fieldnames or [])]
    lowered = {c.lower() for c in columns}
    if not lowered & set(TEXT_FIELDS):
        raise UnreadableInput(
            f"the CSV has no text column (found: {', '.join(columns) or 'none'}); "
            f"name the article text column one of: {', '.join(TEXT_FIELDS[:4])}."
        )
    missing = [label for label, names in (("title", TITLE_FIELDS), ("date", DATE_FIELDS),
                                          ("url", URL_FIELDS), ("source", SOURCE_FIELDS))
               if not lowered & set(names)]
    notes = [f"the CSV has no {', '.join(missing)} column(s); those fields are empty."] if missing else []
    try:
        items = [_document_from_record(name, i, row, encoding, notes) for i, row in enumerate(reader)]
    except csv.Error as err:
        raise UnreadableInput(f"the CSV could not be parsed ({err}); check its quoting.") from err
    return _split_results(name, items)
