"""Dependency and CI churn on real histories: what the built-in policy routes, and what the
built-in rules report, over the last commits of real repositories.

    python bench/bench_supply.py [--commits N] REPO_GIT_DIR...

For each repository (a clone or a bare mirror, e.g. /work/.mirror/encode+django-rest-framework/repo)
it walks the last N non-merge commits on the first-parent line, diffs each against its parent
and runs the real stages (parse, classify, plan offline, run_rules), then prints:
- routed: commits with a hunk the plan would send to a model (built-in policy, no model);
- routed only by manifests/CI: routed commits whose every routed hunk is in a dependency
  manifest, a workflow, a pre-commit config or a Dockerfile (the bot churn issue 13 measured);
- version-only: commits whose every manifest/CI hunk is trivial as "version-only bump";
- findings per 1,000 commits per rule.

Run it with another checkout's src first on PYTHONPATH to compare (the "before" figures):
    PYTHONPATH=/work/main/src python bench/bench_supply.py ...
"""
from __future__ import annotations

import argparse
import collections
import fnmatch
import os
import subprocess
import sys

if not os.environ.get("PYTHONPATH"):
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "src"))

from fedgate.config import load_config  # noqa: E402
from fedgate.diff import parse_diff  # noqa: E402
from fedgate.plan import make_plan  # noqa: E402
from fedgate.policy import classify  # noqa: E402
from fedgate.review.rules import RULES, run_rules  # noqa: E402

# Our own list, independent of the code under test (it must mean the same before and after).
_MANIFEST = ("requirements*.txt", "requirements*.in", "constraints*.txt", "pyproject.toml", "setup.cfg", "setup.py",
             "Pipfile", "package.json", "composer.json", "go.mod", "Cargo.toml", "Gemfile", "*.gemspec", "pom.xml",
             "build.gradle", "build.gradle.kts", ".pre-commit-config.yaml", "Dockerfile*", "action.yml", "action.yaml",
             ".gitlab-ci.yml", "tox.ini", "noxfile.py")


def is_supply_path(path: str) -> bool:
    base = os.path.basename(path)
    return (path.startswith((".github/workflows/", ".github/actions/", ".circleci/", "requirements/"))
            or any(fnmatch.fnmatch(base, p) for p in _MANIFEST))


def git(repo: str, *args: str) -> bytes:
    return subprocess.run(["git", "--git-dir", repo, *args], check=True, capture_output=True).stdout


def commits(repo: str, n: int) -> list[tuple[str, str]]:
    out = git(repo, "rev-list", "--first-parent", "--no-merges", "--parents", f"--max-count={n}", "HEAD").decode().split("\n")
    pairs = []
    for line in out:
        parts = line.split()
        if len(parts) == 2:
            pairs.append((parts[1], parts[0]))
    return pairs


def diff(repo: str, base: str, head: str) -> tuple[str, bytes]:
    common = ["diff", "--no-ext-diff", "--no-textconv", "-M", "--no-color", "--ignore-submodules=none"]
    patch = git(repo, *common, base, head).decode("utf-8", "replace")
    raw = git(repo, *common, "--raw", "-z", "--no-abbrev", base, head)
    return patch, raw


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("repos", nargs="+")
    ap.add_argument("--commits", type=int, default=300)
    ap.add_argument("--show-routed", action="store_true", help="print the changed lines of manifest/CI hunks that still route")
    ap.add_argument("--show", action="append", default=[], metavar="RULE", help="print every finding of RULE")
    args = ap.parse_args()
    config = load_config(None)
    import fedgate

    print(f"fedgate from {os.path.dirname(fedgate.__file__)}")
    total = collections.Counter()
    per_rule_all: collections.Counter[str] = collections.Counter()
    for repo in args.repos:
        c = collections.Counter()
        per_rule: collections.Counter[str] = collections.Counter()
        for base, head in commits(repo, args.commits):
            patch, raw = diff(repo, base, head)
            files = classify(parse_diff(patch, raw), config)
            plan = make_plan(files, config)
            c["commits"] += 1
            routed = [p.path for p in plan.would_review]
            if routed:
                c["routed"] += 1
                if all(is_supply_path(p) for p in routed):
                    c["routed only by manifests/CI"] += 1
                    if args.show_routed:
                        p = plan.would_review[0]
                        changed = [f"{ln.kind}{ln.text.strip()[:70]}" for ln in p.hunk.lines if ln.kind != " "]
                        print(f"    routed {head[:10]} {p.path}: {' | '.join(changed[:6])[:300]}")
            supply_hunks = [hv for fv in files if is_supply_path(fv.path) for hv in fv.hunks]
            if supply_hunks:
                c["touch manifests/CI"] += 1
                if all(hv.trivial == "version-only bump" for hv in supply_hunks):
                    c["version-only"] += 1
            texts = {(fv.path, ln.new_no): ln.text for fv in files for h in fv.file.hunks for ln in h.lines if ln.new_no}
            for f in run_rules(files, config):
                per_rule[f.rule] += 1
                if f.rule in args.show:
                    shown = f.title if f.rule == "secret" else texts.get((f.path, f.line), "").strip()
                    print(f"    [{f.rule}] {head[:10]} {f.path}:{f.line}: {shown[:100]}  -- {f.message[:80]}")
        n = c["commits"]
        name = repo.rstrip("/").removesuffix("/repo").rsplit("/", 1)[-1]
        print(f"{name}: {n} commits; routed {c['routed']} ({100 * c['routed'] / n:.1f}%), "
              f"routed only by manifests/CI {c['routed only by manifests/CI']}; "
              f"touching manifests/CI {c['touch manifests/CI']}, of which version-only {c['version-only']}; "
              f"findings {sum(per_rule.values())} ({1000 * sum(per_rule.values()) / n:.1f} per 1,000 commits)")
        total.update(c)
        per_rule_all.update(per_rule)
    n = total["commits"]
    print(f"all: {n} commits; routed {total['routed']} ({100 * total['routed'] / n:.1f}%), "
          f"routed only by manifests/CI {total['routed only by manifests/CI']} ({100 * total['routed only by manifests/CI'] / n:.1f}%); "
          f"touching manifests/CI {total['touch manifests/CI']}, of which version-only {total['version-only']}")
    print(f"  findings: {sum(per_rule_all.values())} ({1000 * sum(per_rule_all.values()) / n:.1f} per 1,000 commits)")
    for rid in RULES:
        print(f"    {rid:<24} {per_rule_all[rid]:>5}  ({1000 * per_rule_all[rid] / n:.1f} per 1,000 commits)")


if __name__ == "__main__":
    main()
