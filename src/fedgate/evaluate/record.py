"""eval runs in the ledger: one record per variant, kind 'eval', so `fedgate report` keeps
them apart from the gate's own runs (their commits are reintroductions and samples, not pushes)."""
from __future__ import annotations

import os
import uuid
from datetime import datetime, timezone

from ..config import Config
from ..gitrange import GitRepo
from ..ledger import RECORD_FORMAT, _head_and_branch, ci_job, deliver, ledger_target, repo_identity
from ..models import FedgateError


def summary_line(name: str, s: dict) -> str:
    """The variant's result in one line: routed and caught next to the ordinary routed rate."""
    def pct(v):
        return "n/a" if v is None else f"{v:.1f}%"

    return (f"eval {name}: fixes routed {pct(s['fixes_routed_pct'])} ({s['fixes_routed']}/{s['fixes']}), "
            f"caught {pct(s['fixes_caught_pct'])} ({s['fixes_caught']}); ordinary routed "
            f"{pct(s['ordinary_routed_pct'])} ({s['ordinary_routed']}/{s['ordinary']})")


def eval_records(doc: dict, repo: GitRepo, environ=os.environ, now: datetime | None = None,
                 config: Config | None = None) -> list[dict]:
    from .. import __version__

    commit, branch = _head_and_branch(repo, environ)
    when = (now or datetime.now(timezone.utc)).isoformat(timespec="microseconds")
    out = []
    for v in doc["variants"]:
        s = v["summary"]
        items = v["fixes"] + v["ordinary"]
        out.append({
            "format": RECORD_FORMAT,
            "id": str(uuid.uuid4()),
            "time": when,
            "branch": branch,
            "range_spec": summary_line(v["name"], s),
            "base_sha": None,
            "head_sha": commit,
            "commit_sha": commit,
            "duration_s": round(sum(i["time_s"] for i in items), 4),
            "exit_code": 130 if doc["interrupted"] else 0,
            "model_configured": bool(v["calls_model"]),
            "high_model": v["model"],
            "prompt_tokens": sum(i["prompt_tokens"] for i in items),
            "completion_tokens": sum(i["completion_tokens"] for i in items),
            "cost_usd": s["cost_usd"],
            "model_calls": s["model_calls"],
            "cache_hits": 0,
            "tokens_all": sum(i["whole_diff_tokens"] for i in items),
            "tokens_trivial": 0,
            "tokens_planned": sum(i["planned_tokens"] for i in items),
            "batches": s["model_calls"],
            "unreviewed": s["fixes_unreviewed"] + s["ordinary_unreviewed"],
            "fedgate_version": __version__,
            "kind": "eval",
            "repo": repo_identity(repo, config, environ) if config else None,
            "ci_job": ci_job(environ),
            # Findings on reintroductions are not the branch's findings: none is recorded, so
            # no eval run opens, resolves or dismisses one.
            "tiers": [], "trivial": [], "models": [], "findings": [], "coverage": [], "unreviewed_hunks": [],
        })
    return out


def record_eval(doc: dict, repo: GitRepo, config: Config, environ=os.environ) -> str | None:
    """Append the eval's variants to the ledger; a warning instead of an error, as for check."""
    if not config.ledger_enabled:
        return None
    try:
        target = ledger_target(repo, config, environ)
    except FedgateError as e:
        return f"eval not recorded in the ledger: {e}"
    return deliver(target, eval_records(doc, repo, environ, config=config), repo, what="eval")
