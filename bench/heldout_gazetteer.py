"""How the name rules do on organizations the gazetteer does not know.

    python bench/heldout_gazetteer.py [GOLD.json ARTICLES_DIR]

Scores the extraction twice against gold annotations (default: ../shared/dev): with the full
gazetteer, and with every organization named in the gold removed from it, so only the rules can
find them. The held-out gazetteer is a copy of the rule files in a temporary folder, read through
NEWSPREP_RESOURCES: the tracked files are never touched. Prints the scorer's summary line for each
run and ends with one line of JSON. A measurement, not a test.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "newsprep" / "resources"
DEV = ROOT.parent / "shared" / "dev"


def held_out_copy(target: Path, held_out: set[str]) -> int:
    """Copy the rule files to `target` without the gazetteer rows naming any held-out form."""
    shutil.copytree(RESOURCES, target)
    dropped = 0
    for path in [target / "organizations.csv", *sorted((target / "gazetteer").glob("*.csv"))]:
        lines = path.read_text(encoding="utf-8").splitlines()
        notes = [line for line in lines if line.startswith("#")]
        rows = list(csv.DictReader(io.StringIO("\n".join(line for line in lines if not line.startswith("#")))))
        kept = [r for r in rows if not ({r["name"], r["english"], *r["aliases"].split("|")} & held_out)]
        dropped += len(rows) - len(kept)
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else [], lineterminator="\n")
        writer.writeheader()
        writer.writerows(kept)
        path.write_text("\n".join(notes) + "\n" + out.getvalue(), encoding="utf-8")
    return dropped


def score(gold_path: Path, articles: Path, scorer: Path, env: dict) -> tuple[list[str], dict]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as out:
        subprocess.run([sys.executable, "-m", "newsprep", "extract", str(articles)], stdout=out, check=True, cwd=ROOT, env=env)
    lines = subprocess.run([sys.executable, str(scorer), str(gold_path), out.name],
                           capture_output=True, text=True, check=True).stdout.strip().splitlines()
    figures = json.loads(subprocess.run([sys.executable, str(scorer), str(gold_path), out.name, "--json"],
                                        capture_output=True, text=True, check=True).stdout)
    os.unlink(out.name)
    return [line for line in lines if line.startswith("SUMMARY")], figures


def main() -> None:
    gold_path, articles = (Path(sys.argv[1]), Path(sys.argv[2])) if len(sys.argv) == 3 else (DEV / "gold.json", DEV / "articles")
    scorer = ROOT.parent / "shared" / "tools" / "score_extraction.py"
    if not gold_path.exists() or not scorer.exists():
        print(f"{gold_path} or {scorer} is absent: the gold and the scorer come with the team's shared folder.", file=sys.stderr)
        sys.exit(1)
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    held_out = {form for article in gold for org in article["organizations"]
                for form in [org["name"], *org.get("mentions", []), org.get("english") or ""] if form}
    result = {}
    with tempfile.TemporaryDirectory(prefix="newsprep-heldout-") as tmp:
        dropped = held_out_copy(Path(tmp) / "resources", held_out)
        runs = (("full gazetteer", {**os.environ}),
                (f"gold organizations held out ({dropped} rows)", {**os.environ, "NEWSPREP_RESOURCES": str(Path(tmp) / "resources")}))
        for label, env in runs:
            summary, figures = score(gold_path, articles, scorer, env)
            print(f"{label}:\n   " + "\n   ".join(summary))
            result["full" if "full" in label else "held_out"] = {k: figures[k] for k in ("org_precision", "org_recall_core", "org_f1")}
    result["held_out_rows"] = dropped
    print(json.dumps(result))


if __name__ == "__main__":
    main()
