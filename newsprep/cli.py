"""Command line: a thin shell over the library. Errors become one sentence and a hint."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from newsprep import __version__
from newsprep.errors import NewsprepError, NothingBuilt, RuleFileError


def _parser() -> argparse.ArgumentParser:
    from newsprep.build import DEFAULT_ARTICLES, DEFAULT_CACHE, DEFAULT_TABLES

    parser = argparse.ArgumentParser(
        prog="python -m newsprep",
        description="Turn Chinese news articles into evidence-linked tables of China's AI-for-Science landscape.",
    )
    parser.add_argument("--version", action="version", version=f"newsprep {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    build = commands.add_parser("build", help="build the tables snapshot from articles",
                                description="Read articles (.txt .md .html .json .jsonl .csv; files or folders), "
                                            "extract organizations, people, events, funding and relations, and write "
                                            "a Parquet snapshot the dashboard reads. Unchanged articles come from the cache.")
    build.add_argument("paths", nargs="*", type=Path, help=f"files or folders (default: {DEFAULT_ARTICLES.relative_to(Path.cwd()) if DEFAULT_ARTICLES.is_relative_to(Path.cwd()) else DEFAULT_ARTICLES})")
    build.add_argument("--out", type=Path, default=DEFAULT_TABLES, help="folder of the tables snapshot (default: data/tables)")
    build.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="folder of the per-article cache (default: data/cache)")
    build.add_argument("--no-cache", action="store_true", help="process every article again")
    build.add_argument("--quiet", action="store_true", help="no progress bar")

    extract = commands.add_parser("extract", help="print what is extracted from articles, as JSON",
                                  description="Print one JSON object per article (file, published, organizations, "
                                              "provinces, events, funding, people, relations); the shape the "
                                              "extraction scorer reads.")
    extract.add_argument("paths", nargs="+", type=Path, help="files or folders")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return {"build": _build, "extract": _extract}[args.command](args)
    except RuleFileError as err:
        print(f"error: {err}" + (f" {err.hint}" if err.hint else ""), file=sys.stderr)
        return 2
    except NewsprepError as err:
        print(f"error: {err}" + (f" {err.hint}" if err.hint else ""), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted; the previous tables snapshot is unchanged.", file=sys.stderr)
        return 130


def _build(args) -> int:
    from tqdm import tqdm

    from newsprep.build import build_snapshot

    bar = None

    def progress(done: int, total: int, label: str) -> None:
        nonlocal bar
        if args.quiet:
            return
        if bar is None:
            bar = tqdm(total=total, unit="article", desc="building", file=sys.stderr)
        bar.set_postfix_str(label[-40:], refresh=False)
        bar.update(1)

    try:
        result, snapshot = build_snapshot(args.paths or None, out=args.out,
                                          cache_dir=None if args.no_cache else args.cache, progress=progress)
    except NothingBuilt as err:
        if bar is not None:
            bar.close()
        _print_report(err.result)
        raise
    if bar is not None:
        bar.close()
    _print_report(result)
    print(f"tables written to {snapshot}")
    return 0


def _print_report(result) -> None:
    cached = sum(1 for r in result.report if r.status == "ok" and r.from_cache)
    print(f"articles ok: {result.count('ok')} ({cached} from cache) | duplicates: {result.count('duplicate')} "
          f"| failed: {result.count('failed')}")
    for row in result.report:
        if row.status != "ok":
            where = row.input_path + (f" #{row.record_index}" if row.record_index is not None else "")
            print(f"  {row.status}: {where}: {row.reason}")
        elif row.notes:
            print(f"  note: {row.input_path}: {row.notes}")


def _extract(args) -> int:
    from newsprep.export import article_json
    from newsprep.pipeline import run

    result = run(args.paths, cache_dir=None, keep_duplicates=True)
    for row in result.report:
        if row.status == "failed":
            print(f"skipped {row.input_path}: {row.reason}", file=sys.stderr)
    articles = []
    for record in result.articles:  # one article that cannot be written out never costs the others
        try:
            articles.append(article_json(record))
        except Exception as err:  # noqa: BLE001 - reported with its reason, the rest still come out
            print(f"skipped {record['source_path']}: its facts could not be written out "
                  f"({type(err).__name__}: {err}); please report this file.", file=sys.stderr)
    json.dump(articles, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0
