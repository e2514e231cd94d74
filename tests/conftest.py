"""Shared fixtures: the bundled sample articles, and the team's gold annotations beside the repo."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "articles"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared holds the gold annotations and the scorer; CI places it beside the clone."""
    if not (SHARED / "gold" / "seeds.json").exists():
        pytest.fail(f"{SHARED} with gold/seeds.json is needed beside the repository (CI provides it)")
    return SHARED


@pytest.fixture(scope="session")
def scorer(shared):
    sys.path.insert(0, str(shared / "tools"))
    import score_extraction

    return score_extraction


def write(path: Path, data: str | bytes, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode(encoding)
    path.write_bytes(data)
    return path
