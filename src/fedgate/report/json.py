"""`--format json`: the stable, versioned document (see README, "JSON output")."""
from __future__ import annotations

import json
from dataclasses import asdict

from ..models import Finding, RunResult

SCHEMA_VERSION = 1


def finding_dict(f: Finding) -> dict:
    d = asdict(f)
    d["blocking"] = None  # filled by document(); kept in key order
    return d


def document(result: RunResult) -> dict:
    blocking = {id(f) for f in result.decision.blocking}
    findings = []
    for f in result.decision.findings:
        d = finding_dict(f)
        d["blocking"] = id(f) in blocking
        findings.append(d)
    plan = result.plan
    usage = result.outcome.usage
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": "fedgate",
        "range": {
            "base": result.range.base,
            "head": result.range.head,
            "spec": result.range.spec,
            "note": result.range.note,
        },
        "config": result.config_path,
        "files": [
            {
                "path": fv.path,
                "old_path": fv.file.old_path,
                "status": fv.file.status,
                "binary": fv.file.binary,
                "tier": fv.tier,
                "trivial": fv.trivial is not None,
                "reason": fv.trivial or fv.reason,
                "score": fv.score,
                "hunks": [
                    {
                        "old_start": hv.hunk.old_start,
                        "new_start": hv.hunk.new_start,
                        "tier": hv.tier,
                        "tokens": hv.tokens,
                        "trivial": hv.trivial is not None,
                        "reason": hv.trivial or hv.reason,
                        "score": hv.score,
                        "reasons": list(hv.reasons),
                    }
                    for hv in fv.hunks
                ],
            }
            for fv in result.files
        ],
        "plan": {
            "model_tiers": list(plan.model_tiers),
            "model_hunks": plan.model_hunks,
            "tokens": plan.tokens,
            "est_cost_usd": plan.est_cost_usd,
            "batches": [
                {"model": b.model, "tier": b.tier, "hunks": len(b.hunks), "tokens": b.tokens, "est_cost_usd": b.est_cost_usd}
                for b in plan.batches
            ],
            "would_review": [
                {"path": p.path, "new_start": p.hunk.new_start, "tier": p.tier, "tokens": p.tokens}
                for p in plan.would_review
            ],
            "unreviewed": [
                {
                    "path": u.path,
                    "tier": u.tier,
                    "new_start": u.new_start,
                    "tokens": u.tokens,
                    "reason": u.reason,
                    "blocking": u.blocking,
                }
                for u in plan.unreviewed + result.outcome.unreviewed
            ],
        },
        "findings": findings,
        "added_suppressions": [asdict(a) for a in result.decision.added_suppressions],
        "dropped_findings": result.outcome.dropped,
        "usage": {
            "prompt_tokens": usage.prompt_tokens,
            "completion_tokens": usage.completion_tokens,
            "cost_usd": usage.cost_usd,
            "model_calls": usage.model_calls,
            "cache_hits": usage.cache_hits,
            "per_model": [asdict(m) for m in usage.per_model],
        },
        "model_configured": result.model_configured,
        "dry_run": result.dry_run,
        "warnings": list(result.warnings),
        "baseline": asdict(result.baseline),
        "decision": {"reasons": list(result.decision.reasons), "blocking": len(result.decision.blocking)},
        "duration_s": result.duration_s,
        "exit_code": result.decision.exit_code,
    }


def render(result: RunResult, color: bool = False) -> str:
    return json.dumps(document(result), indent=2, ensure_ascii=False) + "\n"
