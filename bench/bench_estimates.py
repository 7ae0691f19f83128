"""Bench the plan's token estimates against what the requests really carry, over real commits.

    PYTHONPATH=src python bench/bench_estimates.py [--repo PATH] [--commits N]

For each of the last N non-merge commits of a real history (default: the repository this bench
lives in, fedgate's own), the real pipeline plans a model review of every non-trivial hunk
(all three tiers, no caps) and sends it through litellm to the loopback server
(tests/fakellm.py) as `openai/gpt-4.1-mini`, so the request is the one a provider that takes a
JSON schema gets. The server counts each request's tokens itself, with tiktoken (cl100k_base):
every message's content plus 3 tokens a message and 3 to prime the reply (OpenAI's published
accounting for current chat models), plus the response schema (compact JSON) when the request
carries one. That count is what the provider is told it used; the plan's figure is printed as a
ratio of it (goal: within 10%).

It also prints the prompt economy of those same requests: the fixed tokens of one request
(instructions, fence, rules, schema) and what numbering the diff lines costs, in tokens a line
(the rendered hunks minus their plain unified-diff text, over their lines).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from fakellm import FakeLLM, Step  # noqa: E402

from fedgate import tokens  # noqa: E402
from fedgate.pipeline import CheckOptions, run_check  # noqa: E402
from fedgate.review.model import _prepare  # noqa: E402

MODEL = "openai/gpt-4.1-mini"
PER_MESSAGE, REPLY_PRIMING = 3, 3
CONFIG = """\
review:
  tiers: [high, medium, low]
  cache: false
tiers:
  high: {max_tokens: 100000000}
  medium: {max_tokens: 100000000}
  low: {max_tokens: 100000000}
budget:
  max_cost_usd: 100000
"""


def server_count(body: dict) -> int:
    """The tokens a request carries, counted from its JSON body alone."""
    n = REPLY_PRIMING
    for m in body.get("messages", []):
        n += PER_MESSAGE + tokens.count(m.get("content") or "")
    fmt = body.get("response_format")
    if isinstance(fmt, dict) and fmt.get("type") == "json_schema":
        n += tokens.count(json.dumps(fmt["json_schema"], separators=(",", ":")))
    return n


def commits(repo: Path, n: int) -> list[str]:
    out = subprocess.run(["git", "rev-list", "--first-parent", "--no-merges", f"--max-count={n}", "HEAD"],
                         cwd=repo, check=True, capture_output=True, text=True).stdout.split()
    return [c for c in out if subprocess.run(["git", "rev-parse", "-q", "--verify", f"{c}~1"], cwd=repo,
                                             capture_output=True).returncode == 0]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repo", default=str(ROOT))
    ap.add_argument("--commits", type=int, default=40)
    args = ap.parse_args()
    repo = Path(args.repo).resolve()
    os.environ["OPENAI_API_KEY"] = "sk-bench"
    config = Path(tempfile.mkdtemp(prefix="fedgate-bench-")) / "bench.yml"
    config.write_text(CONFIG, encoding="utf-8")

    counted: list[int] = []

    def respond(body: dict) -> Step:
        n = server_count(body)
        counted.append(n)
        return Step(content='{"findings": []}', prompt_tokens=n)

    planned = carried = requests = used_commits = lines = 0
    numbering = 0
    with FakeLLM() as llm:
        llm.responder = respond
        for sha in commits(repo, args.commits):
            opts = CheckOptions(range_spec=f"{sha}~1..{sha}", cwd=str(repo), config_path=str(config), use_cache=False,
                                review_overrides={"model": MODEL, "api_base": llm.url})
            before = len(counted)
            result, _, _ = run_check(opts)
            plan = result.plan
            if not plan.batches:
                continue
            assert not result.outcome.unreviewed, result.outcome.unreviewed[0].reason
            used_commits += 1
            requests += len(counted) - before
            planned += plan.tokens
            carried += sum(counted[before:])
            for i, b in enumerate(plan.batches):
                for p, section in zip(b.hunks, _prepare(i, b, None).sections):
                    plain = tokens.count(f"FILE: {p.path}\n{p.hunk.text()}\n")
                    numbering += tokens.count(f"FILE: {section.path}\n{section.text}\n") - plain
                    lines += len(p.hunk.lines)

    if not llm.requests:
        sys.exit(f"no commit of the last {args.commits} in {repo} has model work")
    # The fixed part, from the requests as sent: the last one with the fenced hunks taken out.
    body = llm.requests[-1]
    fmt = body.get("response_format")
    system, user = (m["content"] for m in body["messages"])
    empty_user = re.sub(r"(BEGIN-UNTRUSTED-(\w+)\n).*?(END-UNTRUSTED-\2)", r"\1\3", user, flags=re.S)
    schema = tokens.count(json.dumps(fmt["json_schema"], separators=(",", ":"))) if fmt else 0
    fixed = server_count({"messages": [{"content": system}, {"content": empty_user}], "response_format": fmt})
    print(f"estimates: {used_commits} commits with model work of the last {args.commits} in {repo.name}, "
          f"{requests} request(s): plan {planned:,} tokens, server counted {carried:,} -> "
          f"plan/server {planned / carried:.3f}x (goal 0.90-1.10)")
    print(f"fixed tokens a request: {fixed} (system {tokens.count(system)}, "
          f"user framing {tokens.count(empty_user)}, schema {schema}, message overhead "
          f"{2 * PER_MESSAGE + REPLY_PRIMING}) (goal <= 500)")
    print(f"line numbering: {numbering:,} tokens over {lines:,} lines -> {numbering / max(lines, 1):.2f} tokens a line "
          f"(goal <= 2)")


if __name__ == "__main__":
    main()
