"""Shared fixtures: the bundled sample articles, and the team's gold annotations beside the repo."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "articles"
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True, scope="session")
def _own_curation_log(tmp_path_factory):
    """Tests never read or write the curation log or the uploads of the clone they run in (an
    admin's real corrections and articles under data/); tests that curate or upload point at
    folders of their own."""
    import os

    os.environ["NEWSPREP_CURATION"] = str(tmp_path_factory.mktemp("curation") / "log.jsonl")
    os.environ["NEWSPREP_UPLOADS"] = str(tmp_path_factory.mktemp("uploads") / "inbox")
    yield


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES


def require(path: Path, what: str) -> Path:
    """`path`, or skip the test naming it: ../shared is the team's folder beside the clone.

    CI places it there; a newcomer's clone has none, and its tests that need it skip rather than fail."""
    if not path.exists():
        pytest.skip(f"{path} is absent ({what}); it comes with the team's ../shared folder beside the clone")
    return path


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared with the team's gold annotations of the samples (gold/seeds.json) and the samples (seeds/)."""
    require(SHARED / "gold" / "seeds.json", "the team's gold annotations of the sample articles")
    require(SHARED / "seeds", "the sample articles the team's gold annotates")
    return SHARED


@pytest.fixture(scope="session")
def shared_dev() -> Path:
    """../shared/dev: 60 real articles (articles/) with gold annotations (gold.json)."""
    require(SHARED / "dev" / "gold.json", "the gold annotations of the development corpus")
    require(SHARED / "dev" / "articles", "the development corpus")
    return SHARED / "dev"


@pytest.fixture(scope="session")
def scorer():
    """The team's official scorer, ../shared/tools/score_extraction.py, imported from its file."""
    path = require(SHARED / "tools" / "score_extraction.py", "the team's official scorer")
    spec = importlib.util.spec_from_file_location("score_extraction", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write(path: Path, data: str | bytes, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode(encoding)
    path.write_bytes(data)
    return path
