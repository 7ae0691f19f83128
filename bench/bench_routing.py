"""Routing recall and cost of the built-in policy on the corpus, per split and language.

For every project of bench/corpus/projects.tsv that has a fetched snapshot, runs
`fedgate eval --offline` with the project's fixes (bench/corpus/fixes.tsv) and a seeded sample
of its ordinary commits, then prints side by side, for the tune and the holdout projects:

  fixes routed %        reintroduced vulnerabilities with a hunk routed to a model
  ordinary routed %     ordinary commits with a hunk routed to a model
  planned/whole tok     tokens of the routed hunks of ordinary commits / their whole diffs
  rules/1000            built-in rules fired on ordinary commits, per 1,000 commits
                        (each rule counted once per commit)
  fix coverage          per fix, the share of its non-trivial hunks' tokens that were routed,
                        averaged over the fixes: "fixes routed" counts a fix when any one hunk
                        goes (an import line), this says how much of the change a model saw

and the fixes that were not routed, by weakness group. Goals (issue 13): >= 90% routed,
<= 25% ordinary routed, <= 10% planned/whole tokens, <= 20 rules findings per 1,000.

  python bench/bench_routing.py [--sample 40] [--split tune|holdout|all] [--config FILE]
                                [--corpus DIR] [--fedgate-src DIR] [--misses] [--save DIR]

--fedgate-src runs another checkout's fedgate (its src/ folder), e.g. to measure a baseline.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))


def read_tsv(path: str) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def run_eval(src: str | None, git_dir: str, fixes: list[dict], sample: int, seed: int, config: str | None) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as fh:
        for f in fixes:
            fh.write(f"{f['commit']} {f['advisory']}\n")
        fixes_file = fh.name
    env = dict(os.environ)
    if src:
        env["PYTHONPATH"] = src
    cmd = [sys.executable, "-m", "fedgate", "eval", "--git-dir", git_dir, "--fixes", fixes_file,
           "--sample", str(sample), "--seed", str(seed), "--offline", "--no-ledger", "--format", "json"]
    if config:
        cmd += ["--config", config]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=tempfile.gettempdir())
    finally:
        os.unlink(fixes_file)
    if out.returncode != 0:
        raise RuntimeError(f"fedgate eval failed on {git_dir}: {out.stderr.strip()[-300:]}")
    return json.loads(out.stdout)


class Tally:
    def __init__(self):
        self.fixes = self.fixes_routed = self.ordinary = self.ordinary_routed = 0
        self.planned = self.whole = self.rules = 0
        self.coverage = 0.0

    def add(self, variant: dict):
        for f in variant["fixes"]:
            self.fixes += 1
            self.fixes_routed += bool(f["routed"])
            live = [h for h in f["hunks"] if not h["trivial"]]
            total = sum(h["tokens"] for h in live)
            self.coverage += sum(h["tokens"] for h in live if h["routed"]) / total if total else 0.0
        for o in variant["ordinary"]:
            self.ordinary += 1
            self.ordinary_routed += bool(o["routed"])
            self.planned += o["planned_tokens"]
            self.whole += o["whole_diff_tokens"]
            self.rules += len(o["rules_fired"])

    def cells(self) -> list[str]:
        pct = lambda a, b: f"{100 * a / b:5.1f}% ({a}/{b})" if b else "-"  # noqa: E731
        return [
            pct(self.fixes_routed, self.fixes),
            pct(self.ordinary_routed, self.ordinary),
            f"{100 * self.planned / self.whole:5.1f}%" if self.whole else "-",
            f"{1000 * self.rules / self.ordinary:6.1f}" if self.ordinary else "-",
            f"{100 * self.coverage / self.fixes:5.1f}%" if self.fixes else "-",
        ]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.environ.get("FEDGATE_CORPUS", os.path.join(HERE, "corpus")))
    ap.add_argument("--sample", type=int, default=40, help="ordinary commits per project")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--split", choices=["tune", "holdout", "all"], default="all")
    ap.add_argument("--config", default=None, help="a policy file to measure instead of the built-in one")
    ap.add_argument("--fedgate-src", default=None, help="run the fedgate package of this src/ folder")
    ap.add_argument("--misses", action="store_true", help="list every fix that was not routed")
    ap.add_argument("--save", default=None, metavar="DIR", help="keep each project's eval JSON document here")
    args = ap.parse_args()

    sys.path.insert(0, args.corpus)
    from mirrors import mirror_git_dir  # noqa: E402

    projects = read_tsv(os.path.join(args.corpus, "projects.tsv"))
    fixes = read_tsv(os.path.join(args.corpus, "fixes.tsv"))
    by_repo: dict[str, list[dict]] = defaultdict(list)
    for f in fixes:
        by_repo[f["repo"]].append(f)

    tallies: dict[tuple[str, str], Tally] = defaultdict(Tally)
    misses: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    group_total: dict[tuple[str, str], int] = defaultdict(int)
    group_missed: dict[tuple[str, str], int] = defaultdict(int)
    skipped = []
    for p in projects:
        split = p["split"]
        if args.split != "all" and split != args.split:
            continue
        git_dir = mirror_git_dir(p["repo"])
        if git_dir is None or not by_repo.get(p["repo"]):
            skipped.append(p["repo"])
            continue
        doc = run_eval(args.fedgate_src, git_dir, by_repo[p["repo"]], args.sample, args.seed, args.config)
        if args.save:
            os.makedirs(args.save, exist_ok=True)
            with open(os.path.join(args.save, p["repo"].replace("/", "+") + ".json"), "w") as fh:
                json.dump({"project": p, "eval": doc}, fh)
        variant = doc["variants"][0]
        weakness = {f["commit"]: f["weakness"] for f in by_repo[p["repo"]]}
        for key in ((split, p["language"]), (split, "all")):
            tallies[key].add(variant)
        for f in variant["fixes"]:
            w = weakness.get(f["commit"], "?")
            group_total[(split, w)] += 1
            if not f["routed"]:
                group_missed[(split, w)] += 1
                misses[split].append((p["repo"], f["commit"][:12], f"{f['label']} [{w}]: {f['miss_reason']}"))

    splits = [s for s in ("tune", "holdout") if args.split in (s, "all")]
    languages = sorted({lang for (_, lang) in tallies if lang != "all"}) + ["all"]
    head = ["fixes routed", "ordinary routed", "planned/whole tok", "rules/1000", "fix coverage"]
    print(f"routing on the corpus (offline, {'config ' + args.config if args.config else 'built-in policy'}, "
          f"{args.sample} ordinary commits a project, seed {args.seed})")
    print(f"{'language':<12}" + "".join(f"{s + ': ' + h:>32}" for h in head for s in splits))
    for lang in languages:
        cells = {s: tallies[(s, lang)].cells() if (s, lang) in tallies else ["-"] * len(head) for s in splits}
        print(f"{lang:<12}" + "".join(f"{cells[s][i]:>32}" for i in range(len(head)) for s in splits))
    print("goals: fixes routed >= 90%, ordinary routed <= 25%, planned/whole <= 10%, rules <= 20 per 1,000")
    print()
    print("misses by weakness group (missed/total):")
    for w in sorted({w for (_, w) in group_total}):
        print(f"  {w:<18}" + "".join(f"  {s}: {group_missed[(s, w)]}/{group_total[(s, w)]}" for s in splits))
    if args.misses:
        for s in splits:
            print(f"\nnot routed ({s}):")
            for repo, sha, why in misses[s]:
                print(f"  {repo} {sha} {why}")
    if skipped:
        print(f"\nnot fetched or without fixes, skipped: {', '.join(skipped)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
