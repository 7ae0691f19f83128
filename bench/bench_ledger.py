"""What the ledger adds to a `fedgate check` run.

Builds a throwaway repository with a realistic change (40 files, ~120 hunks over all three
tiers, docs and a lockfile), takes the real pipeline's RunResult for it, gives it a model
plan, usage and a dozen findings, and times `record_run` (branch lookup through git, one
SQLite transaction) into a ledger that already holds 1,000 runs. Compares that with a whole
`fedgate check` of the same range, in-process and as a command.

    PYTHONPATH=src python bench/bench_ledger.py
"""
from __future__ import annotations

import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace

from fedgate.findings import decide, fingerprint
from fedgate.ledger import record_run, run_record, write_records
from fedgate.models import Batch, Finding, ModelUsage, PlannedHunk, ReviewOutcome, Usage
from fedgate.pipeline import CheckOptions, run_check

RUNS = 60
LEDGER_SIZE = 1000


def git(cwd: str, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def write(root: str, name: str, text: str) -> None:
    path = os.path.join(root, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)


def make_repo(root: str) -> None:
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "bench@example.invalid")
    git(root, "config", "user.name", "bench")
    names = [f"src/app/module_{i}.py" for i in range(25)] + [f"src/auth/session_{i}.py" for i in range(8)]
    names += [f"docs/page_{i}.md" for i in range(5)] + ["poetry.lock", "src/billing/invoice.py"]
    for n in names:
        write(root, n, "".join(f"def f{j}(x):\n    return x + {j}\n\n\n" for j in range(60)))
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    for n in names:
        lines = open(os.path.join(root, n), encoding="utf-8").read().splitlines(keepends=True)
        for at in (10, 100, 200):
            lines[at] = f"    return x * {at}  # changed\n"
        write(root, n, "".join(lines))
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "change")


def realistic_result(root: str):
    result, repo, config = run_check(CheckOptions(range_spec="HEAD~1", dry_run=True, cwd=root))
    high = tuple(PlannedHunk(fv.path, hv.tier, hv.hunk, hv.tokens) for fv in result.files for hv in fv.hunks
                 if hv.reviewable and hv.tier == "high")
    plan = replace(result.plan, batches=(Batch("openai/gpt-4.1-mini", "high", high, sum(h.tokens for h in high), 0.01),))
    findings = tuple(
        Finding(path=p.path, line=p.hunk.new_start + 3, severity="high", rule="auth-bypass", source="model:openai/gpt-4.1-mini",
                message="the session check returns early for every user", title="Session check bypassed",
                fingerprint=fingerprint("auth-bypass", p.path, str(i)))
        for i, p in enumerate(high[:12])
    )
    usage = Usage.total((ModelUsage("openai/gpt-4.1-mini", prompt_tokens=plan.tokens + 900, completion_tokens=600,
                                    cost_usd=0.0021, calls=1),))
    outcome = ReviewOutcome(findings=findings, usage=usage)
    decision = decide(result.files, plan, outcome, config)
    return replace(result, plan=plan, outcome=outcome, decision=decision, dry_run=False, model_configured=True), repo, config


def median_ms(fn, n: int) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def sqlite_floor_ms(directory: str) -> float:
    """One row in a fresh WAL connection (open, commit, close) on the same disk: the fsyncs
    SQLite itself needs (WAL header, checkpoint on close) that no ledger design avoids."""
    path = os.path.join(directory, "floor.db")
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE t (x)")
    conn.close()

    def once() -> None:
        c = sqlite3.connect(path, isolation_level=None)
        c.execute("PRAGMA synchronous = NORMAL")
        c.execute("BEGIN IMMEDIATE")
        c.execute("INSERT INTO t VALUES (1)")
        c.execute("COMMIT")
        c.close()

    return median_ms(once, RUNS)


def main() -> None:
    with tempfile.TemporaryDirectory() as root:
        make_repo(root)
        ledger = os.path.join(root, "bench-ledger.db")
        os.environ["FEDGATE_LEDGER"] = ledger
        result, repo, config = realistic_result(root)
        hunks = sum(len(fv.hunks) for fv in result.files)
        write_records(ledger, [run_record(result, repo, config) for _ in range(LEDGER_SIZE)])
        record_run(result, repo, config)  # the first write after the bulk load checkpoints it

        # Interleaved, so both see the same machine load.
        wall, cpu, check = [], [], []
        for _ in range(RUNS):
            t, c = time.perf_counter(), time.process_time()
            warning = record_run(result, repo, config)
            wall.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
            assert warning is None, warning
            t = time.perf_counter()
            run_check(CheckOptions(range_spec="HEAD~1", cwd=root))
            check.append((time.perf_counter() - t) * 1000)
        record_ms, record_cpu_ms, check_ms = (statistics.median(x) for x in (wall, cpu, check))
        floor_ms = sqlite_floor_ms(root)
        env = dict(os.environ)
        cmd_ms = median_ms(lambda: subprocess.run([sys.executable, "-m", "fedgate", "check", "HEAD~1", "--no-ledger"],
                                                  cwd=root, env=env, capture_output=True, check=False), 5)
        report_ms = median_ms(lambda: subprocess.run([sys.executable, "-m", "fedgate", "report", "--since", "all",
                                                      "--ledger", ledger], cwd=root, env=env, capture_output=True,
                                                     check=True), 3)

        print(f"change: {len(result.files)} files, {hunks} hunks, {len(result.decision.findings)} findings; "
              f"ledger already holds {LEDGER_SIZE} runs")
        print(f"record_run, median of {RUNS}: {record_ms:.2f} ms wall (fastest {min(wall):.2f} ms), {record_cpu_ms:.2f} ms CPU "
              f"(SQLite's own floor on this disk, one row open/commit/close: {floor_ms:.2f} ms)")
        print(f"run_check in-process, median of {RUNS}: {check_ms:.2f} ms (fastest {min(check):.2f} ms)   ledger/check = {record_ms / check_ms:.3f}")
        print(f"`fedgate check` command, median of 5: {cmd_ms:.2f} ms   ledger/command = {record_ms / cmd_ms:.3f}")
        print(f"`fedgate report` over {LEDGER_SIZE + RUNS + 1} runs, median of 3: {report_ms:.2f} ms")
        print(f"ledger under 10 ms per run: {'yes' if record_ms < 10 else 'NO'}")


if __name__ == "__main__":
    main()
