"""Noise of the `secret` and `reviewer-directed-text` rules on real history: findings per 1,000
ordinary (non-merge) commits of fetched projects (/work/.mirror), and the cost of redaction.

Each sampled commit goes through the real stages (git diff with fedgate's flags, parse, classify,
run_rules) of the fedgate package on sys.path, so two runs compare two checkouts:

    PYTHONPATH=src python bench/adversarial/noise.py [--per-repo 150] [--show 10]
    PYTHONPATH=/path/to/other/src python bench/adversarial/noise.py ...

Also prints how much redaction changes ordinary code: the share of changed lines of the sampled
commits that redaction alters (a false redaction costs the model a little context), with the
time it takes.
"""
from __future__ import annotations

import argparse
import collections
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "corpus"))
from mirrors import mirror_git_dir  # noqa: E402

from fedgate.config import load_config  # noqa: E402
from fedgate.diff import parse_diff  # noqa: E402
from fedgate.policy import classify  # noqa: E402
from fedgate.review.rules import run_rules  # noqa: E402

REPOS = ("psf/requests", "pallets/flask", "matrix-org/synapse", "gradio-app/gradio", "aio-libs/aiohttp",
         "encode/starlette", "paramiko/paramiko", "jupyter/notebook", "ipython/ipython", "pallets/werkzeug")
COMMON = ["--no-ext-diff", "--no-textconv", "--no-color", "-M", "-C", "--submodule=short", "--ignore-submodules=none"]


def git(git_dir: str, *args: str) -> bytes:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return subprocess.run(["git", "--git-dir", git_dir, *args], capture_output=True, check=True, env=env).stdout


def sample(git_dir: str, n: int) -> list[str]:
    shas = git(git_dir, "rev-list", "--no-merges", "--max-count=6000", "HEAD").decode().split()
    step = max(len(shas) / n, 1)
    return [shas[int(i * step)] for i in range(min(n, len(shas)))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-repo", type=int, default=150)
    ap.add_argument("--show", type=int, default=10, help="findings shown per rule")
    ap.add_argument("--no-redaction", action="store_true")
    ap.add_argument("--show-redacted", type=int, default=0, metavar="N", help="print N lines redaction altered")
    args = ap.parse_args()
    config = load_config(None)
    counts: collections.Counter[str] = collections.Counter()
    shown: dict[str, list[str]] = collections.defaultdict(list)
    commits = 0
    t_rules = 0.0
    red_lines = red_changed = 0
    t_red = 0.0
    used = []
    for repo in REPOS:
        git_dir = mirror_git_dir(repo)
        if git_dir is None:
            continue
        used.append(repo)
        for sha in sample(git_dir, args.per_repo):
            try:
                revs = [f"{sha}^", sha]
                patch = git(git_dir, "diff", *COMMON, "-U3", "--full-index", *revs, "--").decode("utf-8", "replace")
                raw = git(git_dir, "diff", *COMMON, "--raw", "-z", "--no-abbrev", *revs, "--")
            except subprocess.CalledProcessError:
                continue  # a root commit
            if len(patch) > 5_000_000:
                continue
            commits += 1
            files = classify(parse_diff(patch, raw), config)
            t0 = time.perf_counter()
            found = run_rules(files, config)
            t_rules += time.perf_counter() - t0
            for rule in ("secret", "reviewer-directed-text"):
                mine = [f for f in found if f.rule == rule]
                counts[rule] += len(mine)
                counts[rule + " commits"] += bool(mine)
                for f in mine[:2]:
                    shown[rule].append(f"{repo} {sha[:10]} {f.path}:{f.line}: {f.title if rule == 'secret' else f.message[:90]}")
            if not args.no_redaction:
                from fedgate.review.redact import Redactor

                for fv in files:
                    for h in fv.file.hunks:
                        texts = [ln.text for ln in h.lines if ln.kind != " "]
                        if not texts or sum(map(len, texts)) > 200_000:
                            continue
                        t0 = time.perf_counter()
                        out = Redactor().redact_lines(fv.path, texts)
                        t_red += time.perf_counter() - t0
                        red_lines += len(texts)
                        altered = [b for a, b in zip(texts, out) if a != b]
                        red_changed += len(altered)
                        shown["redacted"].extend(f"{fv.path}: {b.strip()[:140]}" for b in altered[:1])
    print(f"noise on real history: {commits} ordinary commits of {', '.join(used)} ({args.per_repo} a project)")
    for rule in ("secret", "reviewer-directed-text"):
        print(f"  {rule:<24} {counts[rule]:>4} findings ({1000 * counts[rule] / max(commits, 1):.1f} per 1,000 commits), "
              f"in {counts[rule + ' commits']} commits ({1000 * counts[rule + ' commits'] / max(commits, 1):.1f} per 1,000)")
    print(f"  run_rules: {t_rules:.2f} s in all")
    if red_lines:
        print(f"  redaction: {red_changed} of {red_lines:,} changed lines altered ({100 * red_changed / red_lines:.2f}%), "
              f"{t_red:.2f} s ({1e6 * t_red / red_lines:.0f} us a line)")
    for rule, items in shown.items():
        for item in items[: args.show_redacted if rule == "redacted" else args.show]:
            print(f"    [{rule}] {item}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
