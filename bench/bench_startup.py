"""A docs-only commit: `fedgate check HEAD~1` against `python -c "import litellm"`, same run.

Goal (issue 2): fedgate's wall time is at most 1/10 of importing litellm.
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from _repo import ENV, commit_all, new_repo  # noqa: E402


def wall(cmd, cwd, env, runs):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, env=env, check=False, capture_output=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    repo = new_repo()
    try:
        (repo / "src").mkdir()
        (repo / "src" / "app.py").write_text("print('hi')\n")
        (repo / "README.md").write_text("# project\n")
        commit_all(repo, "initial")
        (repo / "README.md").write_text("# project\n\nA sentence more.\n")
        (repo / "docs").mkdir()
        (repo / "docs" / "guide.md").write_text("How to use it.\n")
        commit_all(repo, "docs only")
        env = {**ENV, "LITELLM_LOCAL_MODEL_COST_MAP": "True"}
        fed = wall([sys.executable, "-m", "fedgate", "check", "HEAD~1", "--no-ledger"], repo, env, 9)
        lit = wall([sys.executable, "-c", "import litellm"], repo, env, 3)
        base = wall([sys.executable, "-c", "pass"], repo, env, 9)
        print(f"python -c pass                  : {base:.3f} s (median of 9)")
        print(f"fedgate check HEAD~1 (docs only) : {fed:.3f} s (median of 9)")
        print(f"python -c 'import litellm'      : {lit:.3f} s (median of 3)")
        ratio = fed / lit
        print(f"ratio fedgate / import litellm  : {ratio:.3f}  (goal <= 0.100: {'met' if ratio <= 0.1 else 'NOT met'})")
    finally:
        shutil.rmtree(repo, ignore_errors=True)


if __name__ == "__main__":
    main()
