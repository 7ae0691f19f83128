"""Print counts of the corpus per language, split and weakness (a cheap sanity check).

Usage: python bench/corpus/stats.py [DIR]   (DIR defaults to this script's directory)
"""
from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path


def read(path: Path) -> list[dict[str, str]]:
    with open(path, newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def table(title: str, counts: Counter, keys: list[str], cols: list[str]) -> None:
    print(f"\n{title}")
    print(f"  {'':18}" + "".join(f"{c:>9}" for c in cols) + f"{'total':>9}")
    for k in keys:
        row = [counts[(k, c)] for c in cols]
        print(f"  {k:18}" + "".join(f"{n:>9}" for n in row) + f"{sum(row):>9}")
    tot = [sum(counts[(k, c)] for k in keys) for c in cols]
    print(f"  {'total':18}" + "".join(f"{n:>9}" for n in tot) + f"{sum(tot):>9}")


def main() -> int:
    here = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    projects = read(here / "projects.tsv")
    fixes = read(here / "fixes.tsv")
    splits = ["tune", "holdout"]
    langs = sorted({p["language"] for p in projects})
    table("projects per language and split", Counter((p["language"], p["split"]) for p in projects), langs, splits)
    table("fixes per language and split", Counter((f["language"], f["split"]) for f in fixes), langs, splits)
    weak = sorted({f["weakness"] for f in fixes})
    table("fixes per weakness and split", Counter((f["weakness"], f["split"]) for f in fixes), weak, splits)
    merges = here / "merges.tsv"
    n_merges = len(read(merges)) if merges.is_file() else 0
    dup = len(fixes) - len({(f["repo"], f["commit"]) for f in fixes})
    print(f"\n{len(projects)} projects, {len(fixes)} fixes, {n_merges} merge commits, {dup} duplicate rows")
    listed = Counter(f["repo"] for f in fixes)
    bad = [p["repo"] for p in projects if int(p["fixes"]) != listed[p["repo"]]]
    if bad:
        print("fix counts in projects.tsv disagree with fixes.tsv for: " + ", ".join(bad))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
