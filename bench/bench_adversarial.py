"""The adversarial suite's figures in one table (issue 12): each row is tried / failed.

Rows come from bench/adversarial/*.py modules that define `rows() -> [(label, tried, failed)]`:
gate.py (bypasses, bad inputs), faults.py (faults, bad answers and configs) and, when present,
secrets.py (secrets, injection). Rows of the same label from several modules add up.
Goal: 0 in every "failed" column (leaked, missed, unbounded, tracebacks, bypasses).

    python bench/bench_adversarial.py
"""
from __future__ import annotations

import importlib.util
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PARTS = ("secrets", "gate", "faults")


def _load(name: str):
    # By file and under a private name: a module called `secrets` on sys.path would shadow the
    # standard library's for everything imported after it.
    spec = importlib.util.spec_from_file_location(f"fedgate_bench_adversarial_{name}", HERE / "adversarial" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    started = time.perf_counter()
    table: list[tuple[str, int, int]] = []
    modules = []
    for name in PARTS:
        if not (HERE / "adversarial" / f"{name}.py").exists():
            continue
        modules.append(_load(name))
        for label, tried, failed in modules[-1].rows():
            at = next((i for i, row in enumerate(table) if row[0] == label), None)
            if at is None:
                table.append((label, tried, failed))
            else:
                table[at] = (label, table[at][1] + tried, table[at][2] + failed)
    width = max((len(label) for label, _, _ in table), default=10)
    print(f"{'figure':<{width}}  {'tried':>6}  {'failed':>6}")
    for label, tried, failed in table:
        print(f"{label:<{width}}  {tried:>6}  {failed:>6}")
    _details(modules)
    print(f"({time.perf_counter() - started:.0f}s)")


def _details(modules) -> None:
    """Each part's own side-by-side table and failing items, when it has one (secrets.py: the
    development and held-out corpora, gitleaks-like counts, benign false positives)."""
    for module in modules:
        if hasattr(module, "details"):
            print()
            print(module.details())


if __name__ == "__main__":
    main()
