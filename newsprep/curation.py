"""Corrections by the people who know better, kept apart from the snapshot and re-applied by every build.

Every change is one line appended to a JSON Lines log (data/curation/log.jsonl by default), with
who made it, when and why. The log is never rewritten: undoing a change appends an `undo` line
that cancels it. A build (and every refresh after a change) applies the whole log to the tables
the articles gave, so a correction survives deleting the tables and the cache.

Operations (`op`):
    merge    org_id, other          `other` is the same organization as `org_id`
    rename   org_id, name           the organization's display name
    set      org_id, field, value   type, city or province
    hide     kind, id               an organization, event, round, relation or article is wrong
    restore  kind, id               take a hide back
    undo     target                 cancel an earlier operation

An operation that no longer finds what it names (the organization is gone after a rebuild) is
reported as stale, never silently dropped.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import getpass
import json
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from newsprep.errors import CurationError

OPERATIONS = ("merge", "rename", "set", "hide", "restore", "undo")
HIDE_KINDS = ("organization", "event", "round", "relation", "article")
SETTABLE_FIELDS = ("type", "city", "province")
MAX_TEXT = 200  # a name, a value or a reason longer than this is a paste gone wrong


def default_log_path() -> Path:
    """data/curation/log.jsonl beside the tables; tests and other deployments point
    NEWSPREP_CURATION elsewhere."""
    from newsprep.build import PROJECT_ROOT

    return Path(os.environ.get("NEWSPREP_CURATION") or PROJECT_ROOT / "data" / "curation" / "log.jsonl")


def read_log(path: Path | None = None) -> list[dict]:
    """Every entry of the log, oldest first. A line that is not a valid entry (a hand edit gone
    wrong) is kept out and reported by `check_log`, never fatal."""
    entries, _ = _read(path or default_log_path())
    return entries


def check_log(path: Path | None = None) -> list[str]:
    """One sentence per line of the log that could not be read."""
    return _read(path or default_log_path())[1]


def _read(path: Path) -> tuple[list[dict], list[str]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return [], []
    except (OSError, UnicodeDecodeError) as err:
        return [], [f"the curation log {path} cannot be read ({err})."]
    entries, problems = [], []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
            validate(entry)
        except (ValueError, CurationError) as err:
            problems.append(f"line {number} of {path} is not a curation entry ({err}); it is ignored.")
            continue
        entries.append(entry)
    return entries, problems


def validate(entry: dict) -> None:
    if not isinstance(entry, dict):
        raise CurationError("an entry must be a JSON object.")
    op = entry.get("op")
    if op not in OPERATIONS:
        raise CurationError(f"unknown operation {op!r}; use one of {', '.join(OPERATIONS)}.")
    required = {"merge": ("org_id", "other"), "rename": ("org_id", "name"), "set": ("org_id", "field", "value"),
                "hide": ("kind", "id"), "restore": ("kind", "id"), "undo": ("target",)}[op]
    for key in (*required, "op_id", "who", "at"):
        value = entry.get(key)
        if not isinstance(value, str) or not value.strip() or len(value) > MAX_TEXT:
            raise CurationError(f"'{key}' must be a non-empty text of at most {MAX_TEXT} characters.")
    if op == "merge" and entry["org_id"] == entry["other"]:
        raise CurationError("an organization cannot be merged with itself.")
    if op == "set" and entry["field"] not in SETTABLE_FIELDS:
        raise CurationError(f"only {', '.join(SETTABLE_FIELDS)} can be set, not {entry['field']!r}.")
    if op in ("hide", "restore") and entry["kind"] not in HIDE_KINDS:
        raise CurationError(f"only {', '.join(HIDE_KINDS)} can be hidden, not {entry['kind']!r}.")


def record(op: str, who: str | None = None, why: str = "", path: Path | None = None, check=None, **args: str) -> dict:
    """Append one operation to the log (under a lock, so two admins never interleave a line).
    `check(entry)` may refuse it first with one sentence (an id the tables do not hold)."""
    if not why or not why.strip():
        raise CurationError("say why (a short reason) so the next person understands the change.")
    entry = {"op_id": uuid.uuid4().hex[:12], "op": op, **{k: str(v).strip() for k, v in args.items()},
             "who": (who or _user()).strip(), "why": why.strip()[:MAX_TEXT],
             "at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}
    if op == "set" and entry.get("field") == "type":
        from newsprep.gazetteer import ORG_TYPES

        if entry["value"] not in ORG_TYPES:
            raise CurationError(f"unknown type {entry['value']!r}; use one of {', '.join(ORG_TYPES)}.")
    if op == "set" and entry.get("field") in ("city", "province"):
        from newsprep import places

        if places.lookup(entry["value"]) is None:
            raise CurationError(f"{entry['value']!r} is not a known {entry['field']}; use its short name (杭州, 浙江).")
    validate(entry)
    problem = check(entry) if check else None
    if problem:
        raise CurationError(problem)
    path = path or default_log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as log:
        fcntl.flock(log, fcntl.LOCK_EX)
        log.write(json.dumps(entry, ensure_ascii=False) + "\n")
        log.flush()
        os.fsync(log.fileno())
    return entry


def undo_last(who: str | None = None, why: str = "undo", path: Path | None = None) -> dict:
    """Cancel the newest operation that is still in effect."""
    live = effective(read_log(path))
    if not live:
        raise CurationError("there is no change to undo.")
    return record("undo", who, why, path, target=live[-1]["op_id"])


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def effective(entries: list[dict]) -> list[dict]:
    """The operations still in effect, oldest first: undo lines and what they cancel removed."""
    undone = {e["target"] for e in entries if e["op"] == "undo"}
    return [e for e in entries if e["op"] != "undo" and e["op_id"] not in undone]


@dataclass
class Outcome:
    """What applying the log did: each operation's status (applied, stale, undone) and why."""

    status: dict[str, tuple[str, str]] = field(default_factory=dict)  # op_id → (status, reason)

    def applied(self, entry: dict) -> None:
        self.status[entry["op_id"]] = ("applied", "")

    def stale(self, entry: dict, reason: str) -> None:
        self.status[entry["op_id"]] = ("stale", reason)

    def restored(self, entry: dict) -> None:
        self.status[entry["op_id"]] = ("restored", "")

    @property
    def stale_count(self) -> int:
        return sum(1 for status, _ in self.status.values() if status == "stale")

    def summary(self) -> dict:
        return {"applied": sum(1 for s, _ in self.status.values() if s == "applied"), "stale": self.stale_count}


def describe(entry: dict) -> str:
    """One line for people: what the operation does."""
    op = entry["op"]
    if op == "merge":
        return f"merge {entry['other']} into {entry['org_id']}"
    if op == "rename":
        return f"rename {entry['org_id']} to {entry['name']}"
    if op == "set":
        return f"set {entry['field']} of {entry['org_id']} to {entry['value']}"
    if op in ("hide", "restore"):
        return f"{op} {entry['kind']} {entry['id']}"
    return f"undo {entry['target']}"
