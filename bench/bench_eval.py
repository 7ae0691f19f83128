"""`fedgate eval` on real projects: routed and caught against the cost on ordinary commits.

Runs the real CLI once per project of the corpus (bench/corpus/fixes.tsv, projects.tsv), in a
`git clone --no-checkout --shared` of the fetched mirror (bench/corpus/mirrors.py), with the
project's fixes given as a file of ids, and prints one table per split (tune, holdout) and
overall, with the wall time. Routed % and ordinary routed % are always printed side by side.

    python bench/bench_eval.py                       # offline, built-in policy, every fix
    python bench/bench_eval.py --max-fixes 100 --ordinary 300   # the 5-minute goal
    python bench/bench_eval.py --config a.yml --config b.yml    # policies side by side
    python bench/bench_eval.py --json out.json       # every project's eval document too

Only commit ids and labels live in the repository; the fetched source stays in the mirrors.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
GOAL_S = 300.0  # 100 fixes and 300 ordinary commits on a 2-core machine


def _read_tsv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def _mirror_lookup(corpus: Path):
    sys.path.insert(0, str(corpus))
    try:
        from mirrors import mirror_git_dir  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    return mirror_git_dir


def _pick_fixes(fixes: list[dict[str, str]], limit: int) -> list[dict[str, str]]:
    """Up to `limit` fixes, taken round-robin over the projects so that no project dominates."""
    if not limit or limit >= len(fixes):
        return fixes
    by_repo: dict[str, list[dict[str, str]]] = defaultdict(list)
    for f in fixes:
        by_repo[f["repo"]].append(f)
    out: list[dict[str, str]] = []
    queues = [list(v) for _, v in sorted(by_repo.items())]
    while len(out) < limit and any(queues):
        for q in queues:
            if q and len(out) < limit:
                out.append(q.pop(0))
    return out


def _env() -> dict[str, str]:
    # The model's address and keys pass through; a ledger or config from the environment does not.
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GIT_", "FEDGATE_")) or k in ("FEDGATE_API_BASE", "FEDGATE_MODEL")}
    env["PYTHONPATH"] = str(SRC) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def _run_project(repo: str, git_dir: str, fixes: list[dict[str, str]], sample: int, args, work: Path) -> dict:
    clone = work / repo.replace("/", "+")
    subprocess.run(["git", "clone", "-q", "--no-checkout", "--shared", git_dir, str(clone)], check=True,
                   capture_output=True, env=_env())
    fixes_file = work / (repo.replace("/", "+") + ".fixes")
    fixes_file.write_text("".join(f"{f['commit']} {f['advisory']}\n" for f in fixes), encoding="utf-8")
    cmd = [sys.executable, "-m", "fedgate", "eval", "--fixes", str(fixes_file), "--sample", str(sample),
           "--seed", str(args.seed), "--format", "json", "--no-ledger", "--jobs", str(args.jobs)]
    for c in args.config:
        cmd += ["--config", os.path.abspath(c)]
    for m in args.model:
        cmd += ["--model", m]
    if not args.model:
        cmd.append("--offline")
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=clone, capture_output=True, text=True, env=_env())
    took = time.perf_counter() - started
    if proc.returncode != 0:
        return {"repo": repo, "error": proc.stderr.strip().splitlines()[-1:] or [f"exit {proc.returncode}"], "time_s": took}
    return {"repo": repo, "doc": json.loads(proc.stdout), "time_s": took}


def _empty() -> dict:
    return Counter()


def _add(acc: Counter, variant: dict, split_of_fix: dict[str, str], split: str | None) -> None:
    for f in variant["fixes"]:
        if split and split_of_fix.get(f["commit"]) != split:
            continue
        acc["fixes"] += 1
        acc["routed"] += f["routed"]
        if f["caught"] is None:
            acc["fix_unreviewed"] += 1
        else:
            acc["judged"] += 1
            acc["caught"] += f["caught"]
        acc["cost"] += f["cost_usd"]
    for o in variant["ordinary"]:
        if split and variant["_split"] != split:
            continue
        acc["ordinary"] += 1
        acc["ord_routed"] += o["routed"]
        acc["planned"] += o["planned_tokens"]
        acc["whole"] += o["whole_diff_tokens"]
        acc["model_tokens"] += o["prompt_tokens"] + o["completion_tokens"]
        acc["ord_cost"] += o["cost_usd"]
        acc["cost"] += o["cost_usd"]
        if o["false_alarms"] is not None:
            acc["ord_judged"] += 1
            acc["false_alarms"] += o["false_alarms"]


def _pct(a: float, b: float) -> str:
    return f"{100 * a / b:.1f}% ({int(a)})" if b else "n/a"


def _row(name: str, acc: Counter, model: bool) -> list[str]:
    per = lambda a, b, spec: format(a / b, spec) if b else "n/a"  # noqa: E731
    return [
        name, str(acc["fixes"]), _pct(acc["routed"], acc["fixes"]), _pct(acc["caught"], acc["judged"]),
        str(acc["ordinary"]), _pct(acc["ord_routed"], acc["ordinary"]),
        (f"{100 * acc['planned'] / acc['whole']:.1f}%" if acc["whole"] else "n/a"),
        per(100 * acc["false_alarms"], acc["ord_judged"], ".1f"),
        per(acc["model_tokens"], acc["ordinary"], ".0f") if model else "-",
        ("$" + per(acc["ord_cost"], acc["ordinary"], ".4f")) if model else "-",
        ("$" + per(acc["cost"], acc["caught"], ".4f")) if model else "-",
    ]


HEADERS = ["variant", "fixes", "routed", "caught", "ordinary", "ord. routed", "planned/whole tok",
           "false alarms/100", "tokens/commit", "$/commit", "$/catch"]


def _table(rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in [HEADERS, *rows]) for i in range(len(HEADERS))]
    return ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))).rstrip()
            for r in [HEADERS, *rows]]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(HERE / "corpus"), help="folder with fixes.tsv, projects.tsv, mirrors.py")
    ap.add_argument("--max-fixes", type=int, default=0, help="at most this many fixes, round-robin over projects (0: all)")
    ap.add_argument("--ordinary", type=int, default=300, help="ordinary commits in all, shared over the projects")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--split", choices=["tune", "holdout", "all"], default="all")
    ap.add_argument("--config", action="append", default=[], help="a policy to evaluate (repeat: side by side)")
    ap.add_argument("--model", action="append", default=[], help="a reviewer model (repeat: side by side); default offline")
    ap.add_argument("--jobs", type=int, default=1, help="--jobs of each fedgate eval")
    ap.add_argument("--parallel", type=int, default=2, help="projects evaluated at once")
    ap.add_argument("--json", help="write every project's eval document here")
    args = ap.parse_args()

    corpus = Path(args.corpus)
    fixes = [f for f in _read_tsv(corpus / "fixes.tsv") if args.split == "all" or f["split"] == args.split]
    # A project's ordinary commits count in its split (projects.tsv; else its fixes' split).
    split_of_repo = {f["repo"]: f["split"] for f in _read_tsv(corpus / "fixes.tsv")}
    if (corpus / "projects.tsv").exists():
        split_of_repo.update({p["repo"]: p["split"] for p in _read_tsv(corpus / "projects.tsv")})
    mirror_git_dir = _mirror_lookup(corpus)
    started = time.perf_counter()

    missing = sorted({f["repo"] for f in fixes if mirror_git_dir(f["repo"]) is None})
    fixes = _pick_fixes([f for f in fixes if f["repo"] not in missing], args.max_fixes)
    by_repo: dict[str, list[dict[str, str]]] = defaultdict(list)
    for f in fixes:
        by_repo[f["repo"]].append(f)
    repos = sorted(by_repo)
    share = {r: args.ordinary // len(repos) + (1 if i < args.ordinary % len(repos) else 0) for i, r in enumerate(repos)} if repos else {}
    split_of_fix = {f["commit"]: f["split"] for f in fixes}

    with tempfile.TemporaryDirectory(prefix="fedgate-bench-eval-") as tmp:
        with ThreadPoolExecutor(max_workers=max(1, args.parallel)) as pool:
            results = list(pool.map(
                lambda r: _run_project(r, mirror_git_dir(r), by_repo[r], share[r], args, Path(tmp)), repos))
    wall = time.perf_counter() - started

    errors = [r for r in results if "error" in r]
    docs = [r for r in results if "doc" in r]
    names: list[str] = []
    for r in docs:
        for v in r["doc"]["variants"]:
            v["_split"] = split_of_repo.get(r["repo"], "")
            if v["name"] not in names:
                names.append(v["name"])
    calls_model = {v["name"]: v["calls_model"] for r in docs for v in r["doc"]["variants"]}
    evaluated = sum(len(v["fixes"]) for r in docs for v in r["doc"]["variants"][:1])
    ordinary = sum(len(v["ordinary"]) for r in docs for v in r["doc"]["variants"][:1])
    skipped = [(r["repo"], s) for r in docs for s in r["doc"]["skipped"]]

    print(f"fedgate eval bench: {len(repos)} project(s), {len(fixes)} fix(es) asked, {evaluated} evaluated, "
          f"{ordinary} ordinary commit(s), seed {args.seed}, {'offline' if not args.model else ', '.join(args.model)}")
    for split in (["tune", "holdout", None] if args.split == "all" else [args.split]):
        rows = []
        for name in names:
            acc = _empty()
            for r in docs:
                for v in r["doc"]["variants"]:
                    if v["name"] == name:
                        _add(acc, v, split_of_fix, split)
            rows.append(_row(name, acc, calls_model[name]))
        print(f"\n{split or 'overall'}:")
        print("\n".join("  " + ln for ln in _table(rows)))

    for name in names:
        why = Counter()
        for r in docs:
            for v in r["doc"]["variants"]:
                if v["name"] != name:
                    continue
                for f in v["fixes"]:
                    if not f["routed"] and f["decided_by"]:
                        d = f["decided_by"]
                        why[f"{d['tier']} by {d['kind']}" + (f" ({d['trivial']})" if d["trivial"] else "")] += 1
                    elif not f["routed"]:
                        why["no text hunk"] += 1
        if why:
            print(f"\nmisses of {name}, by what decided them: " + "; ".join(f"{k}: {n}" for k, n in why.most_common()))
    if skipped:
        reasons = Counter(s["reason"] for _, s in skipped)
        print(f"\nskipped fixes: {len(skipped)} (" + "; ".join(f"{k}: {n}" for k, n in reasons.most_common()) + ")")
    if missing:
        print(f"not fetched (left out): {', '.join(missing)}")
    for r in errors:
        print(f"error in {r['repo']}: {r['error'][0]}")
    print(f"\nwall time {wall:.1f} s for {evaluated} fixes and {ordinary} ordinary commits on {os.cpu_count()} cores "
          f"(goal: 100 fixes and 300 ordinary commits under {GOAL_S:.0f} s on 2 cores)")
    if args.json:
        Path(args.json).write_text(json.dumps([{k: v for k, v in r.items()} for r in results], indent=1) + "\n")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
