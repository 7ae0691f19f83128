"""Bench the model reviewer against the loopback server (no network, no key).

1. Tokens sent by fedgate vs tokens of the whole diff, for a synthetic multi-file commit
   (a few risky files among docs, tests, a lockfile, generated code and ordinary code).
2. Wall time of 16 slow batches at review.max_concurrency 4 vs 1 (sequential).

    PYTHONPATH=src python bench/bench_model.py
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from fakellm import FakeLLM  # noqa: E402
from helpers_model import git, make_repo, python_file  # noqa: E402

from fedgate import tokens  # noqa: E402
from fedgate.pipeline import CheckOptions, run_check  # noqa: E402
from fedgate.review.model import _import_litellm  # noqa: E402

SLOW_S = 0.5
BATCHES = 16


def synthetic_commit(root: Path) -> Path:
    files: dict[str, str] = {
        "app/auth/session.py": python_file("refresh_session", 60),
        "app/billing/invoice.py": python_file("issue_invoice", 50),
        "migrations/0042_add_plan.sql": "".join(f"ALTER TABLE plans ADD COLUMN c{i} INT;\n" for i in range(30)),
        ".github/workflows/ci.yml": "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
        + "".join(f"      - run: make step{i}\n" for i in range(20)),
        "package-lock.json": "{\n" + "".join(f'  "dep{i}": {{"version": "1.{i}.0", "integrity": "sha512-{"x" * 60}"}},\n' for i in range(200)) + "}\n",
        "app/generated_pb2.py": "".join(f"_D{i} = b'{'ab' * 30}'\n" for i in range(150)),
    }
    for i in range(8):
        files[f"docs/chapter{i}.md"] = "".join(f"Paragraph {j} of chapter {i} explains a feature at length.\n" for j in range(40))
        files[f"tests/test_feature{i}.py"] = python_file(f"test_feature{i}", 40)
        files[f"app/views/view{i}.py"] = python_file(f"view{i}", 40)
    return make_repo(root, files)


def run(repo: Path, url: str, **review: object) -> float:
    opts = CheckOptions(range_spec="HEAD~1", cwd=str(repo), use_cache=False,
                        review_overrides={"model": "openai/fake-model", "api_base": url, **review})
    started = time.monotonic()
    run_check(opts)
    return time.monotonic() - started


def main() -> None:
    os.environ.setdefault("OPENAI_API_KEY", "sk-bench")
    tmp = Path(tempfile.mkdtemp(prefix="fedgate-bench-"))

    repo = synthetic_commit(tmp / "tokens")
    whole = tokens.count(git(repo, "diff", "--no-ext-diff", "HEAD~1", "HEAD"))
    with FakeLLM() as llm:
        run(repo, llm.url)
        sent = sum(tokens.count(m["content"]) for body in llm.requests for m in body["messages"])
        calls = len(llm.requests)

    many = {f"app/auth_{i}.py": python_file(f"auth_{i}", 40) for i in range(BATCHES)}
    slow = make_repo(tmp / "slow", many, config={"review": {"batch_tokens": 500}, "tiers": {"high": {"max_tokens": 1000000}}})
    with FakeLLM(default=FakeLLM.findings([], delay_s=SLOW_S)) as llm:
        _import_litellm()  # time the review, not the one-off ~3 s import
        seq = run(slow, llm.url, max_concurrency=1)
        assert len(llm.requests) == BATCHES, len(llm.requests)
        conc = run(slow, llm.url, max_concurrency=4)

    print(f"tokens: whole diff {whole}, sent by fedgate {sent} in {calls} request(s) "
          f"(instructions included) -> {sent / whole:.3f} of the diff ({whole / sent:.1f}x fewer)")
    print(f"wall time, {BATCHES} batches answering after {SLOW_S} s each: sequential {seq:.2f} s, "
          f"concurrency 4 {conc:.2f} s -> {seq / conc:.2f}x faster")


if __name__ == "__main__":
    main()
