"""One commit through the gate, measured: classify -> plan -> review -> decide, and what
that means for a reintroduced fix (routed? caught?) or an ordinary commit (cost, false alarms).

Pure but for the model call inside `review`; git was read before this stage.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass

from ..config import Config
from ..findings import decide
from ..models import TIER_RANK, ChangedFile, FileVerdict, Finding, HunkVerdict, Plan
from ..plan import make_plan
from ..policy import Policy, classify
from ..tokens import estimate_hunk

# A finding this many lines from a line the reintroduction changes counts as catching it.
DEFAULT_WINDOW = 3
# Findings about the shape of a change, not its code, never count as a catch: a reintroduction
# keeps the fix's tests, so "changed without tests" fires on every one of them by construction.
NOT_A_CATCH = frozenset({"missing-test", "style"})

_SIGNAL = re.compile(r"\b(high|medium|low) signal '(.*)'$")
_GLOB = re.compile(r"\b(high|medium|low) glob '(.*)'$")


@dataclass(frozen=True)
class HunkRoute:
    """One hunk of the reviewed change and what the router made of it."""

    path: str
    old_start: int
    new_start: int
    tier: str
    reason: str
    trivial: str | None
    routed: bool
    tokens: int
    why_not: str | None  # why a model does not see it (None when routed)
    score: float | None = None  # HunkVerdict.score, where the policy gives one
    reasons: tuple[str, ...] | None = None  # HunkVerdict.reasons, where the policy gives them


@dataclass(frozen=True)
class Measured:
    routed: bool
    hunks: tuple[HunkRoute, ...]
    decided_by: dict | None  # the hunk that decided it: routed's strongest, or a miss's best
    miss_reason: str | None
    planned_tokens: int
    whole_diff_tokens: int
    rules_fired: tuple[str, ...]
    findings: tuple[dict, ...]  # every finding, with `near` (within the window of a change)
    caught: bool  # a finding within the window of a changed line
    caught_blocking: bool
    blocking_findings: int  # on an ordinary commit: false alarms
    unreviewed: str | None  # a planned model review that did not complete (model error)
    model_calls: int
    prompt_tokens: int
    completion_tokens: int
    cost_usd: float
    time_s: float


def describe_reason(reason: str) -> dict:
    """What decided a tier: a content signal, a path glob, or the default tier."""
    m = _SIGNAL.search(reason)
    if m:
        return {"kind": "signal", "signal": m.group(2), "glob": None}
    m = _GLOB.search(reason)
    if m:
        return {"kind": "glob", "signal": None, "glob": m.group(2)}
    if reason.startswith("no glob matched"):
        return {"kind": "default", "signal": None, "glob": None}
    return {"kind": "other", "signal": None, "glob": None}


def _key(path: str, old_start: int, new_start: int) -> tuple[str, int, int]:
    return (path, old_start, new_start)


def _why_not(fv: FileVerdict, hv: HunkVerdict, plan: Plan, capped: dict, config: Config) -> str:
    if hv.trivial is not None:
        return f"trivial: {hv.trivial}"
    got = capped.get(_key(fv.path, hv.hunk.old_start, hv.hunk.new_start))
    if got:
        return got
    if hv.tier not in plan.model_tiers:
        tiers = ", ".join(plan.model_tiers) or "none"
        return f"{hv.tier} tier is not sent to a model (review.tiers: {tiers})"
    for u in plan.unreviewed:
        if u.path == fv.path and u.new_start is None:
            return u.reason
    return "not planned"


def _changed_positions(f: ChangedFile) -> set[int]:
    """New-side line numbers a reviewer would point at for each changed line: an added line
    itself, a removed line where it used to be (the next new-side line, and the one before)."""
    out: set[int] = set()
    for h in f.hunks:
        cursor = h.new_start if h.new_len else h.new_start + 1
        for ln in h.lines:
            if ln.kind == "+":
                out.add(ln.new_no)  # type: ignore[arg-type]
                cursor = (ln.new_no or cursor) + 1
            elif ln.kind == "-":
                out.update((cursor, max(cursor - 1, 1)))
            else:
                cursor = (ln.new_no or cursor) + 1
    return out


def _near(f: Finding, positions: dict[str, set[int]], window: int) -> bool:
    lines = positions.get(f.path)
    if not lines:
        return False
    lo, hi = f.line - window, (f.end_line or f.line) + window
    return any(lo <= p <= hi for p in lines)


def _decider(routes: list[HunkRoute], routed: bool) -> HunkRoute | None:
    pool = [r for r in routes if r.routed] if routed else [r for r in routes if r.trivial is None] or routes
    if not pool:
        return None
    # The strongest: the policy's score where it gives one, else the tier.
    return max(pool, key=lambda r: (r.score if r.score is not None else 0.0, TIER_RANK.get(r.tier, 0)))


def measure(files: list[ChangedFile], config: Config, policy: Policy, review_ctx=None,
            window: int = DEFAULT_WINDOW) -> Measured:
    """Run the gate over one change and measure it. `review_ctx` None: offline (rules only)."""
    started = time.perf_counter()
    verdicts = classify(files, config, policy)
    plan = make_plan(verdicts, config)
    routed_keys = {_key(p.path, p.hunk.old_start, p.hunk.new_start) for b in plan.batches for p in b.hunks}
    routed_keys |= {_key(p.path, p.hunk.old_start, p.hunk.new_start) for p in plan.would_review}
    capped = {_key(u.path, u.old_start or 0, u.new_start or 0): u.reason for u in plan.unreviewed if u.new_start is not None}
    routes: list[HunkRoute] = []
    for fv in verdicts:
        for hv in fv.hunks:
            key = _key(fv.path, hv.hunk.old_start, hv.hunk.new_start)
            is_routed = key in routed_keys
            score = getattr(hv, "score", None)
            reasons = getattr(hv, "reasons", None)
            routes.append(HunkRoute(
                path=fv.path, old_start=hv.hunk.old_start, new_start=hv.hunk.new_start, tier=hv.tier,
                reason=hv.reason, trivial=hv.trivial, routed=is_routed,
                # The same estimate on both sides of the planned/whole-diff ratio.
                tokens=estimate_hunk(hv.hunk),
                why_not=None if is_routed else _why_not(fv, hv, plan, capped, config),
                score=float(score) if isinstance(score, (int, float)) else None,
                reasons=tuple(str(r) for r in reasons) if isinstance(reasons, (list, tuple)) else None,
            ))
    routed = any(r.routed for r in routes)

    from ..models import ReviewOutcome
    from ..review import ReviewContext, review

    if review_ctx is None:
        # Offline: the built-in rules only; the plan's model batches (none without a model) are not sent.
        outcome = review(verdicts, Plan(batches=(), unreviewed=(), model_tiers=plan.model_tiers), config, ReviewContext())
    else:
        outcome = review(verdicts, plan, config, review_ctx)
    if not isinstance(outcome, ReviewOutcome):  # pragma: no cover - review's contract
        raise TypeError("review returned no outcome")
    decision = decide(verdicts, plan, outcome, config, set())
    blocking_ids = {id(f) for f in decision.blocking}
    positions = {f.path: _changed_positions(f) for f in files}
    findings = []
    caught = caught_blocking = False
    for f in decision.findings:
        if f.suppressed:
            continue
        near = f.category not in NOT_A_CATCH and _near(f, positions, window)
        caught = caught or near
        caught_blocking = caught_blocking or (near and id(f) in blocking_ids)
        findings.append({"path": f.path, "line": f.line, "end_line": f.end_line, "severity": f.severity,
                         "rule": f.rule, "source": f.source, "title": f.title, "blocking": id(f) in blocking_ids,
                         "near": near})
    unreviewed = next((u.reason for u in outcome.unreviewed), None)
    decider = _decider(routes, routed)
    decided_by = None
    if decider is not None:
        decided_by = {"path": decider.path, "tier": decider.tier, "reason": decider.reason,
                      **describe_reason(decider.reason), "trivial": decider.trivial,
                      "score": decider.score, "reasons": list(decider.reasons) if decider.reasons is not None else None}
    miss_reason = None
    if not routed:
        if decider is None:
            miss_reason = "no text hunk to review (binary, mode or submodule change only)"
        else:
            miss_reason = f"{decider.path}: {decider.why_not}; {decider.reason}"
    usage = outcome.usage
    return Measured(
        routed=routed,
        hunks=tuple(routes),
        decided_by=decided_by,
        miss_reason=miss_reason,
        planned_tokens=sum(r.tokens for r in routes if r.routed),
        whole_diff_tokens=sum(r.tokens for r in routes),
        rules_fired=tuple(sorted({f.rule for f in decision.findings if f.source == "rules" and not f.suppressed})),
        findings=tuple(findings),
        caught=caught,
        caught_blocking=caught_blocking,
        blocking_findings=len(decision.blocking),
        unreviewed=unreviewed,
        model_calls=usage.model_calls,
        prompt_tokens=usage.prompt_tokens,
        completion_tokens=usage.completion_tokens,
        cost_usd=usage.cost_usd,
        time_s=round(time.perf_counter() - started, 4),
    )
