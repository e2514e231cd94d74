"""Command line: a thin shell over the library. Errors become one sentence and a hint."""

from __future__ import annotations

import argparse
import json
import os
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
    build.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                       help="processes that extract articles in parallel (default: every core); the tables are the same with 1")

    extract = commands.add_parser("extract", help="print what is extracted from articles, as JSON",
                                  description="Print one JSON object per article (file, published, organizations, "
                                              "provinces, events, funding, people, relations); the shape the "
                                              "extraction scorer reads.")
    extract.add_argument("paths", nargs="+", type=Path, help="files or folders")

    curate = commands.add_parser(
        "curate", help="correct the landscape: merge, rename, set, hide, restore, undo, list",
        description="Record a correction in the curation log (data/curation/log.jsonl: append-only, with who, when "
                    "and why) and apply it to the current tables at once. Every build re-applies the whole log.")
    curate.add_argument("--tables", type=Path, default=DEFAULT_TABLES, help="folder of the tables snapshot (default: data/tables)")
    curate.add_argument("--log", type=Path, default=None, help="curation log (default: data/curation/log.jsonl)")
    actions = curate.add_subparsers(dest="action", metavar="ACTION", required=True)

    def action(name: str, help_text: str, *positionals: tuple[str, str]):
        sub = actions.add_parser(name, help=help_text, description=help_text)
        for arg, arg_help in positionals:
            sub.add_argument(arg, help=arg_help)
        if name != "list":
            sub.add_argument("--why", required=name != "undo", default="undo", help="why the change is right (kept in the log)")
            sub.add_argument("--who", default=None, help="who makes it (default: the login name)")
        return sub

    action("merge", "merge two organizations into one: OTHER becomes an alias of ORG_ID",
           ("org_id", "the organization that stays"), ("other", "the organization merged into it"))
    action("rename", "give an organization another display name (the old one stays an alias)",
           ("org_id", "organization id"), ("name", "the new name"))
    action("set", "set an organization's type, city or province",
           ("org_id", "organization id"), ("field", "type, city or province"), ("value", "the value (a type id, or a short place name: 杭州, 浙江)"))
    action("hide", "hide a wrong fact: an organization, event, round, relation (A|B|type) or article",
           ("kind", "organization, event, round, relation or article"), ("id", "its id"))
    action("restore", "take a hide back", ("kind", "organization, event, round, relation or article"), ("id", "its id"))
    action("undo", "cancel the newest change that is still in effect")
    listing = action("list", "every change in the log with its status: applied, stale (with the reason) or undone")
    listing.add_argument("--stale", action="store_true", help="only the changes that no longer apply")

    commands.add_parser("admin-password", help="hash a new admin password for the dashboard's admin login",
                        description="Hash a new admin password (argon2) and print the lines to paste into "
                                    ".streamlit/secrets.toml. The password itself is never stored.")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return {"build": _build, "extract": _extract, "curate": _curate,
                "admin-password": lambda _: _admin_password()}[args.command](args)
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
                                          cache_dir=None if args.no_cache else args.cache, progress=progress,
                                          workers=max(1, args.workers))
    except NothingBuilt as err:
        if bar is not None:
            bar.close()
        _print_report(err.result)
        raise
    if bar is not None:
        bar.close()
    _print_report(result)
    if result.curation is not None and result.curation.stale_count:
        print(f"corrections: {result.curation.summary()['applied']} applied, {result.curation.stale_count} no longer "
              "apply (see: python -m newsprep curate list --stale)")
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


def _admin_password() -> int:
    from newsprep.admin_auth import main_hash

    return main_hash([])


def _curate(args) -> int:
    from newsprep import curation
    from newsprep.build import refresh_snapshot, snapshot_exists

    for problem in curation.check_log(args.log):
        print(f"warning: {problem}", file=sys.stderr)
    if args.action == "list":
        return _curate_list(args)
    if args.action == "undo":
        entry = curation.undo_last(args.who, args.why, args.log)
    else:
        fields = {"merge": ("org_id", "other"), "rename": ("org_id", "name"), "set": ("org_id", "field", "value"),
                  "hide": ("kind", "id"), "restore": ("kind", "id")}[args.action]
        entry = curation.record(args.action, args.who, args.why, args.log, check=_target_check(args.tables),
                                **{f: getattr(args, f) for f in fields})
    print(f"recorded {entry['op_id']}: {curation.describe(entry)}")
    if not snapshot_exists(args.tables):
        print("no tables are built yet; the next build applies it.")
        return 0
    _, outcome = refresh_snapshot(args.tables, args.log)
    if args.action == "undo":
        print("undone; the tables are updated.")
        return 0
    status, reason = outcome.status.get(entry["op_id"], ("applied", ""))
    if status == "stale":
        print(f"stale: {reason} The change is kept in the log and applies again if it matches after a rebuild.")
        return 1
    print("applied; the tables are updated.")
    return 0


def _target_check(tables_root: Path):
    """Refuse a change that names nothing in the current tables (when there are tables)."""
    from newsprep.build import snapshot_exists
    from newsprep.corrections import unknown_target
    from newsprep.store import load_base, load_tables

    if not snapshot_exists(tables_root):
        return None
    tables, base = load_tables(tables_root), load_base(tables_root)
    return lambda entry: unknown_target(entry, tables, base)


def _curate_list(args) -> int:
    from newsprep import curation
    from newsprep.build import snapshot_exists
    from newsprep.store import load_base
    from newsprep.tables import landscape

    entries = curation.read_log(args.log)
    if not entries:
        print("no corrections yet.")
        return 0
    outcome = curation.Outcome()
    if snapshot_exists(args.tables):
        base = load_base(args.tables)
        if base is not None:
            _, outcome = landscape(base, entries)
    undone = {e["target"] for e in entries if e["op"] == "undo"}
    for entry in entries:
        if entry["op"] == "undo":
            status, reason = "undo", ""
        elif entry["op_id"] in undone:
            status, reason = "undone", ""
        else:
            status, reason = outcome.status.get(entry["op_id"], ("not applied yet", ""))
        if args.stale and status != "stale":
            continue
        print(f"{entry['at']}  {entry['op_id']}  {status:<8} {curation.describe(entry)}  "
              f"({entry['who']}: {entry.get('why', '')})" + (f"  — {reason}" if reason else ""))
    return 0


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
