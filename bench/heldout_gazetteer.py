"""How the name rules do on organizations the gazetteer does not know.

    python bench/heldout_gazetteer.py GOLD.json SEEDS_DIR

Scores the extraction twice against the gold annotations: with the full gazetteer, and with
every organization named in the gold removed from it (so only the rules can find them).
Prints the scorer's summary line for each. A measurement, not a test.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    gold_path, seeds = Path(sys.argv[1]), Path(sys.argv[2])
    scorer = gold_path.parent.parent / "tools" / "score_extraction.py"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    held_out = {form for article in gold for org in article["organizations"]
                for form in [org["name"], *org.get("mentions", []), org.get("english") or ""] if form}
    gazetteer = ROOT / "newsprep" / "resources" / "organizations.csv"
    original = gazetteer.read_text(encoding="utf-8")
    kept, dropped = [], 0
    for line in original.splitlines():
        fields = line.split(",")
        if not line.startswith("#") and len(fields) > 3 and ({fields[1], *fields[2].split("|")} & held_out):
            dropped += 1
            continue
        kept.append(line)
    for label, text in (("full gazetteer", original), (f"gold organizations held out ({dropped} rows)", "\n".join(kept) + "\n")):
        gazetteer.write_text(text, encoding="utf-8")
        try:
            with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as out:
                subprocess.run([sys.executable, "-m", "newsprep", "extract", str(seeds)], stdout=out, check=True, cwd=ROOT)
            summary = subprocess.run([sys.executable, str(scorer), str(gold_path), out.name],
                                     capture_output=True, text=True, check=True).stdout.strip().splitlines()
            print(f"{label}:")
            print("   " + "\n   ".join(line for line in summary if line.startswith(("SUMMARY", "   missed", "   not in gold"))))
        finally:
            gazetteer.write_text(original, encoding="utf-8")


if __name__ == "__main__":
    main()
