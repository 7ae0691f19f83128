"""A synthetic range of 2,000 files / 100,000 changed lines.

Goal (issue 2): parse + classify + plan take at most 3x the time `git diff` takes to produce
the diff, and memory stays proportional to the diff. Both printed as ratios from one run.
"""
from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
import time
import tracemalloc

sys.path.insert(0, os.path.dirname(__file__))
from _repo import ENV, commit_all, git, new_repo  # noqa: E402

from fedgate.config import load_config, with_overrides  # noqa: E402
from fedgate.diff import parse_diff  # noqa: E402
from fedgate.gitrange import DiffRange, diff_text, open_repo  # noqa: E402
from fedgate.plan import make_plan  # noqa: E402
from fedgate.policy import classify  # noqa: E402

DIRS = ["src/auth", "src/billing", "src/utils", "web/components", "docs", "db/migrations", "lib", "tests"]
EXTS = [".py", ".ts", ".go", ".md", ".sql", ".py", ".js", ".py"]


def build(files: int, lines_per_file: int):
    repo = new_repo()
    for i in range(files):
        d, ext = DIRS[i % len(DIRS)], EXTS[i % len(EXTS)]
        os.makedirs(repo / d, exist_ok=True)
        body = "".join(f"value_{i}_{j} = compute({j})\n" for j in range(lines_per_file))
        (repo / d / f"f{i}{ext}").write_text(body)
    commit_all(repo, "base")
    for i in range(files):
        d, ext = DIRS[i % len(DIRS)], EXTS[i % len(EXTS)]
        body = "".join(
            (f"value_{i}_{j} = compute({j} + 1)  # changed\n" if j % 2 == 0 else f"value_{i}_{j} = compute({j})\n")
            for j in range(lines_per_file)
        )
        (repo / d / f"f{i}{ext}").write_text(body)
    commit_all(repo, "change")
    return repo


def best_of(fn, runs=3):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


def measure(files: int, per_file: int, model: str | None = None, uncapped: bool = False) -> dict:
    repo = build(files, per_file)
    try:
        cmd = ["git", "diff", "--no-ext-diff", "--no-textconv", "-M", "HEAD~1", "HEAD"]
        git_s, out = best_of(lambda: subprocess.run(cmd, cwd=repo, env=ENV, capture_output=True, check=True).stdout)
        changed = sum(1 for ln in out.splitlines() if ln[:1] in (b"+", b"-") and not ln.startswith((b"+++", b"---")))
        r = open_repo(str(repo))
        rng = DiffRange(git(repo, "rev-parse", "HEAD~1").strip(), git(repo, "rev-parse", "HEAD").strip(), "HEAD~1")
        ours_git_s, (patch, raw) = best_of(lambda: diff_text(r, rng))
        config = load_config(None)
        if model:
            config = with_overrides(config, model=model)
        if uncapped:  # every high-risk hunk fits: the plan counts all of them exactly
            high = dataclasses.replace(config.tiers["high"], max_tokens=None)
            config = dataclasses.replace(config, max_cost_usd=None, tiers={**config.tiers, "high": high})

        def analyse():
            return make_plan(classify(parse_diff(patch, raw), config), config)

        analyse()  # warm: tokenizer files and regexes load once per process
        ana_s, plan = best_of(analyse)
        tracemalloc.start()
        analyse()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return {"files": files, "changed": changed, "bytes": len(out), "git_s": git_s, "ours_git_s": ours_git_s,
                "ana_s": ana_s, "peak": peak, "model_hunks": len(plan.would_review) + plan.model_hunks + len(plan.unreviewed)}
    finally:
        shutil.rmtree(repo, ignore_errors=True)


def main() -> None:
    # 25 changed lines a file, each a '-' and a '+': 2,000 files -> 100,000 changed lines.
    big = measure(2000, 50)
    half = measure(1000, 50)
    priced = measure(2000, 50, model="openai/gpt-4.1")
    uncapped = measure(2000, 50, model="openai/gpt-4.1", uncapped=True)
    print(f"diff: {big['files']} files, {big['changed']:,} changed lines, {big['bytes'] / 1e6:.1f} MB of patch text")
    cases = (
        ("offline (no model)", big),
        ("model configured, default caps and budget", priced),
        ("model configured, no cap or budget (every high-risk hunk counted exactly)", uncapped),
    )
    for label, m in cases:
        ratio = m["ana_s"] / m["git_s"]
        print(f"{label}:")
        print(f"  git diff (one call)           : {m['git_s']:.3f} s   (fedgate's two git calls: {m['ours_git_s']:.3f} s)")
        print(f"  parse + classify + plan       : {m['ana_s']:.3f} s  ({m['model_hunks']} high-risk hunks)")
        print(f"  ratio analysis / git diff     : {ratio:.2f}  (goal <= 3.00: {'met' if ratio <= 3 else 'NOT met'})")
    for m in (half, big):
        print(
            f"peak Python memory, {m['changed']:>7,} changed lines: {m['peak'] / 1e6:6.1f} MB "
            f"= {m['peak'] / m['bytes']:.1f}x the patch size"
        )
    growth = (big["peak"] / half["peak"]) / (big["bytes"] / half["bytes"])
    print(f"memory growth / diff growth     : {growth:.2f}  (1.00 = proportional)")


if __name__ == "__main__":
    main()
