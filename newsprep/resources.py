"""Access to the data files under resources/ (gazetteer, rules, tables). Loaded lazily, once."""

from __future__ import annotations

import csv
import hashlib
import io
import os
from functools import cache
from pathlib import Path

from newsprep.errors import RuleFileError

# NEWSPREP_RESOURCES points at another copy of the rule files (a benchmark's held-out gazetteer);
# nothing ever writes into the package's own folder.
RESOURCE_DIR = Path(os.environ.get("NEWSPREP_RESOURCES") or Path(__file__).parent / "resources")


def resource_path(name: str) -> Path:
    return RESOURCE_DIR / name


def read_text(name: str) -> str:
    try:
        return resource_path(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise RuleFileError(f"the rule file newsprep/resources/{name} cannot be read ({err}).") from err


def read_rows(name: str) -> list[dict[str, str]]:
    """Rows of a CSV resource; lines starting with '#' are its header notes and are skipped."""
    text = read_text(name)
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    rows = []
    for number, row in enumerate(csv.DictReader(io.StringIO(body)), start=2):
        if None in row:  # more fields than the header: an unquoted comma, usually inside a regex
            first = next(iter(row.values()), "")
            raise RuleFileError(f"newsprep/resources/{name}: the row starting '{first}' (data line {number}) has more "
                                "fields than the header; quote fields that contain commas.")
        rows.append({key: (value or "").strip() for key, value in row.items()})
    return rows


def read_words(name: str) -> list[str]:
    """Whitespace-separated words of a text resource, skipping '#' comment lines."""
    words: list[str] = []
    for line in read_text(name).splitlines():
        if not line.startswith("#"):
            words.extend(line.split())
    return words


@cache
def rules_fingerprint() -> str:
    """Hash of every resource file: a change to any rule or gazetteer invalidates cached articles."""
    digest = hashlib.sha256()
    for path in sorted(RESOURCE_DIR.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(RESOURCE_DIR)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
