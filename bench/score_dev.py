"""Extraction on the development corpus, scored by the team's official scorer.

    python bench/score_dev.py [--dev DIR] [--scorer FILE]

Runs `python -m newsprep extract DIR/articles` (DIR defaults to ../shared/dev beside the clone),
scores the output against DIR/gold.json with ../shared/tools/score_extraction.py, prints the
scorer's lines (one per article, then the summary), and ends with one line of JSON: every summary
figure plus `extract_seconds`, the wall-clock time of the extract command. A measurement, not a test
(tests/test_dev_scores.py holds the floors).
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def fail(message: str) -> None:
    print(message, file=sys.stderr)
    sys.exit(1)


def run(command: list, what: str) -> str:
    done = subprocess.run([str(part) for part in command], capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        fail(f"{what} failed (exit {done.returncode}): {last}")
    return done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dev", type=Path, default=SHARED / "dev",
                        help="folder holding articles/ and gold.json (default: ../shared/dev)")
    parser.add_argument("--scorer", type=Path, default=SHARED / "tools" / "score_extraction.py",
                        help="the official scorer (default: ../shared/tools/score_extraction.py)")
    args = parser.parse_args()
    if not args.dev.is_dir():
        fail(f"{args.dev} does not exist: the development corpus comes with the team's shared folder "
             "beside the clone (or pass --dev DIR).")
    articles, gold = args.dev / "articles", args.dev / "gold.json"
    for path, what in ((articles, "the development articles"), (gold, "their gold annotations"),
                       (args.scorer, "the official scorer")):
        if not path.exists():
            fail(f"{path} is missing ({what}): put the team's shared folder beside the clone, "
                 "or pass --dev DIR / --scorer FILE.")

    started = time.perf_counter()
    predictions = run([sys.executable, "-m", "newsprep", "extract", articles], "the extract command")
    seconds = time.perf_counter() - started

    with tempfile.TemporaryDirectory() as tmp:
        pred_path = Path(tmp) / "pred.json"
        pred_path.write_text(predictions, encoding="utf-8")
        print(run([sys.executable, args.scorer, gold, pred_path], "the scorer"), end="")
        summary = json.loads(run([sys.executable, args.scorer, gold, pred_path, "--json"], "the scorer"))

    summary = {k: None if isinstance(v, float) and math.isnan(v) else v for k, v in summary.items()}
    summary["extract_seconds"] = round(seconds, 2)
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
