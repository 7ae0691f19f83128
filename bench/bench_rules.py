"""Benchmark the built-in rules: speed on a 100,000-changed-line diff, and findings per 1,000
commits of a real code history.

    PYTHONPATH=src python bench/bench_rules.py [--commits N] [--sample K] [--wide FILES]

Speed: a synthetic repository built from real source lines of installed packages; one commit
replaces half of every file's lines, giving 100,000 changed lines (50,000 removed, 50,000 added).
We time `git diff` producing that diff, then parsing/classifying it, then run_rules, and print
run_rules as a ratio of the git diff time.

Findings: there is no deep git history on this machine (the clones are shallow), so the bench
turns installed packages into one: one commit per source file, added in path order, and then,
for libraries that pip vendors (requests, urllib3, rich, ...), a commit per file replacing pip's
vendored copy with the standalone release, so that there are modified and removed lines too.
Every commit goes through the real pipeline stages (git diff, parse, classify, run_rules).
"""
from __future__ import annotations

import argparse
import collections
import os
import random
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "src"))

from fedgate.config import load_config  # noqa: E402
from fedgate.diff import parse_diff  # noqa: E402
from fedgate.gitrange import GitRepo, diff_text, open_repo, strip_git_env  # noqa: E402
from fedgate.models import DiffRange  # noqa: E402
from fedgate.policy import classify  # noqa: E402
from fedgate.review.rules import run_rules  # noqa: E402

SITE = sysconfig.get_paths()["purelib"]
HISTORY_PACKAGES = ("requests", "urllib3", "click", "git", "yaml", "jsonschema", "pathspec", "unidiff",
                    "detect_secrets", "pre_commit", "httpx", "httpcore", "aiohttp", "pydantic", "jinja2",
                    "tiktoken", "litellm")
VENDORED = ("requests", "urllib3", "idna", "certifi", "packaging", "rich", "platformdirs", "distlib",
            "colorama", "pyparsing")
EXTS = (".py", ".js", ".ts", ".go", ".java", ".rb", ".sh", ".yml", ".yaml", ".toml", ".cfg", ".ini", ".json", ".md", ".txt", ".html")


def git(cwd: str, *args: str, data: bytes | None = None) -> bytes:
    env = dict(os.environ, GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="bench@example.invalid",
               GIT_COMMITTER_NAME="bench", GIT_COMMITTER_EMAIL="bench@example.invalid")
    return subprocess.run(["git", *args], cwd=cwd, env=env, input=data, check=True, capture_output=True).stdout


def source_files(root: str) -> list[str]:
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in sorted(filenames):
            if name.endswith(EXTS):
                out.append(os.path.join(dirpath, name))
    return out


def read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return None
    if b"\0" in data or len(data) > 400_000:
        return None
    return data


def fast_import(repo: str, commits: list[tuple[str, dict[str, bytes]]]) -> None:
    """Write commits (message, {path: content}) onto main with git fast-import (seconds, not minutes)."""
    chunks = []
    for i, (message, files) in enumerate(commits):
        msg = message.encode()
        chunks.append(b"commit refs/heads/main\n")
        chunks.append(b"committer bench <bench@example.invalid> %d +0000\n" % (1_700_000_000 + i))
        chunks.append(b"data %d\n%s\n" % (len(msg), msg))
        for path, data in files.items():
            chunks.append(b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode(), len(data), data))
    git(repo, "fast-import", "--quiet", data=b"".join(chunks))
    git(repo, "checkout", "-q", "-f", "main")


# ------------------------------------------------------------------------------- speed

def real_lines(limit: int) -> list[str]:
    lines: list[str] = []
    for pkg in HISTORY_PACKAGES:
        for path in source_files(os.path.join(SITE, pkg)):
            if not path.endswith(".py"):
                continue
            data = read(path)
            if data is None:
                continue
            lines.extend(ln for ln in data.decode("utf-8", "replace").splitlines() if ln.strip())
            if len(lines) >= limit:
                return lines[:limit]
    return lines


def bench_speed(changed: int = 100_000) -> None:
    per_file = 400
    nfiles = changed // per_file  # each file: 400 lines, 200 replaced -> 400 changed lines
    pool = real_lines(nfiles * per_file + changed // 2)
    rng = random.Random(4)
    tmp = tempfile.mkdtemp(prefix="fedgate-bench-rules-")
    try:
        git(tmp, "init", "-q", "-b", "main")
        before, after = {}, {}
        fresh = iter(pool[nfiles * per_file :])
        for i in range(nfiles):
            base = pool[i * per_file : (i + 1) * per_file]
            new = [next(fresh) if j % 2 == 0 else ln for j, ln in enumerate(base)]
            sub = ("auth", "billing", "core", "api", "utils")[i % 5]
            path = f"src/{sub}/mod_{i:04d}.py"
            before[path] = ("\n".join(base) + "\n").encode()
            after[path] = ("\n".join(new) + "\n").encode()
        rng.shuffle(pool)
        fast_import(tmp, [("base", before), ("change", after)])
        repo = open_repo(tmp)
        head = repo.run("rev-parse", "HEAD").strip()
        base_sha = repo.run("rev-parse", "HEAD~1").strip()
        rng_ = DiffRange(base=base_sha, head=head, spec="HEAD~1")
        config = load_config(tmp)

        t0 = time.perf_counter()
        patch, raw = diff_text(repo, rng_)
        t_git = time.perf_counter() - t0
        t0 = time.perf_counter()
        files = classify(parse_diff(patch, raw), config)
        t_parse = time.perf_counter() - t0
        n_added = sum(f.file.added_lines for f in files)
        n_removed = sum(f.file.removed_lines for f in files)
        t0 = time.perf_counter()
        findings = run_rules(files, config)
        t_rules = time.perf_counter() - t0
        # The first call also imports detect-secrets and compiles its patterns (once per process).
        t0 = time.perf_counter()
        run_rules(files, config)
        t_warm = time.perf_counter() - t0
        print(f"speed: {len(files)} files, {n_added + n_removed:,} changed lines ({n_added:,} added, {n_removed:,} removed)")
        print(f"  git diff (patch + raw):  {t_git:.3f} s")
        print(f"  parse + classify:        {t_parse:.3f} s")
        print(f"  run_rules:               {t_rules:.3f} s  ({len(findings)} findings)")
        print(f"  run_rules again (warm):  {t_warm:.3f} s")
        print(f"  run_rules / git diff:    {t_rules / t_git:.2f}x (first call), {t_warm / t_git:.2f}x (warm)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# ----------------------------------------------------------------------------- history

def history_commits(max_commits: int) -> list[tuple[str, dict[str, bytes]]]:
    adds: list[tuple[str, dict[str, bytes]]] = []
    for pkg in HISTORY_PACKAGES:
        root = os.path.join(SITE, pkg)
        for path in source_files(root):
            data = read(path)
            if data is not None:
                rel = os.path.relpath(path, SITE)
                adds.append((f"add {rel}", {rel: data}))
    mods: list[tuple[str, dict[str, bytes]]] = []
    vendor_root = os.path.join(SITE, "pip", "_vendor")
    for pkg in VENDORED:
        for path in source_files(os.path.join(vendor_root, pkg)):
            rel = os.path.relpath(path, vendor_root)
            old, new = read(path), read(os.path.join(SITE, rel))
            if old is not None and new is not None and old != new:
                target = f"upgraded/{rel}"
                adds.append((f"add pip's vendored {rel}", {target: old}))
                mods.append((f"upgrade {rel} to the standalone release", {target: new}))
    # Keep every modification; sample additions evenly to fit the budget.
    room = max(max_commits - len(mods), 0)
    if len(adds) > room:
        step = len(adds) / room
        keep = {int(i * step) for i in range(room)}
        vendored = {c[0] for c in adds if c[0].startswith("add pip's vendored")}
        adds = [c for i, c in enumerate(adds) if i in keep or c[0] in vendored]
    return adds + mods


def bench_history(max_commits: int, sample: int) -> None:
    tmp = tempfile.mkdtemp(prefix="fedgate-bench-history-")
    try:
        git(tmp, "init", "-q", "-b", "main")
        commits = history_commits(max_commits)
        fast_import(tmp, commits)
        repo: GitRepo = open_repo(tmp)
        shas = repo.run("rev-list", "--reverse", "HEAD").split()
        config = load_config(tmp)
        per_rule: collections.Counter[str] = collections.Counter()
        all_findings = []
        changed = 0
        t0 = time.perf_counter()
        t_rules = 0.0
        parent = None
        for sha in shas:
            patch, raw = diff_text(repo, DiffRange(base=parent, head=sha, spec=sha))
            files = classify(parse_diff(patch, raw), config)
            changed += sum(f.file.added_lines + f.file.removed_lines for f in files)
            t1 = time.perf_counter()
            found = run_rules(files, config)
            t_rules += time.perf_counter() - t1
            texts = {(fv.path, ln.new_no): ln.text for fv in files for h in fv.file.hunks for ln in h.lines if ln.new_no}
            for f in found:
                per_rule[f.rule] += 1
                all_findings.append((sha, f, texts.get((f.path, f.line), "")))
            parent = sha
        elapsed = time.perf_counter() - t0
        n = len(shas)
        print(f"history: {n} commits ({sum(1 for m, _ in commits if m.startswith('upgrade'))} modifying), "
              f"{changed:,} changed lines, from {', '.join(HISTORY_PACKAGES)} + pip-vendored upgrades")
        print(f"  pipeline {elapsed:.1f} s, of which run_rules {t_rules:.2f} s")
        print(f"  findings: {len(all_findings)} total, {1000 * len(all_findings) / n:.1f} per 1,000 commits")
        commits_with = len({sha for sha, _, _ in all_findings})
        print(f"  commits with at least one finding: {commits_with} ({100 * commits_with / n:.1f}%)")
        from fedgate.review.rules import RULES

        for rid in RULES:
            print(f"    {rid:<24} {per_rule[rid]:>5}  ({1000 * per_rule[rid] / n:.1f} per 1,000 commits)")
        risky = [f for _, f, _ in all_findings if f.rule == "risky-without-tests"]
        by_signal = sum(1 for f in risky if "signal" in f.message)
        print(f"  risky-without-tests: {len(risky) - by_signal} on files high by path, {by_signal} high by a content signal")
        rng = random.Random(7)
        print(f"  sample of findings (up to {sample} per rule):")
        for rid in RULES:
            mine = [(f, text) for _, f, text in all_findings if f.rule == rid]
            for f, text in sorted(rng.sample(mine, min(sample, len(mine))), key=lambda p: (p[0].path, p[0].line)):
                # A secret is shown only in its masked form, as every fedgate output shows it.
                shown = f.title if rid == "secret" else text.strip()
                print(f"    [{rid}] {f.path}:{f.line}: {shown[:110]}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def bench_wide(max_files: int, sample: int) -> None:
    """Every line of installed packages' source read as if it were added: the widest look at
    what the added-line rules fire on in code nobody wrote to trip them."""
    from fedgate.models import ChangedFile, FileVerdict, Hunk, HunkVerdict, Line

    config = load_config(None)
    exts = (".py", ".js", ".sh", ".yml", ".yaml", ".toml", ".cfg", ".go", ".rb", ".ts")
    paths = [p for p in source_files(SITE) if p.endswith(exts) and "/litellm/" not in p and "/openai/" not in p]
    random.Random(3).shuffle(paths)
    per_rule: collections.Counter[str] = collections.Counter()
    shown: dict[str, list[str]] = collections.defaultdict(list)
    nlines = 0
    t0 = time.perf_counter()
    for path in paths[:max_files]:
        data = read(path)
        if data is None:
            continue
        texts = data.decode("utf-8", "replace").splitlines()
        nlines += len(texts)
        rel = os.path.relpath(path, SITE)
        lines = tuple(Line("+", t, None, i) for i, t in enumerate(texts, 1))
        hunk = Hunk(0, 0, 1, len(lines), "", lines)
        fv = FileVerdict(file=ChangedFile(rel, None, "added", (hunk,)), tier="medium", reason="bench", trivial=None,
                         hunks=(HunkVerdict(hunk, "medium", "bench", None, 0, False),))
        for f in run_rules((fv,), config):
            per_rule[f.rule] += 1
            text = f.title if f.rule == "secret" else texts[f.line - 1].strip()
            shown[f.rule].append(f"{rel}:{f.line}: {text[:110]}")
    print(f"wide: {min(max_files, len(paths))} files, {nlines:,} lines of installed packages read as added "
          f"(litellm and openai left out), {time.perf_counter() - t0:.1f} s")
    from fedgate.review.rules import RULES

    for rid in RULES:
        if rid != "risky-without-tests":
            print(f"    {rid:<24} {per_rule[rid]:>5}  ({100_000 * per_rule[rid] / max(nlines, 1):.2f} per 100,000 lines)")
    rng = random.Random(7)
    for rid, items in shown.items():
        for item in sorted(rng.sample(items, min(sample, len(items)))):
            print(f"    [{rid}] {item}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--commits", type=int, default=3000, help="history length (default 3000)")
    ap.add_argument("--sample", type=int, default=8, help="findings shown per rule (default 8)")
    ap.add_argument("--skip-history", action="store_true")
    ap.add_argument("--wide", type=int, default=0, metavar="FILES",
                    help="also read FILES source files of installed packages as added lines (e.g. 6000)")
    args = ap.parse_args()
    strip_git_env()
    bench_speed()
    if not args.skip_history:
        bench_history(args.commits, args.sample)
    if args.wide:
        bench_wide(args.wide, args.sample)


if __name__ == "__main__":
    main()
