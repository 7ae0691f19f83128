"""Human text: a few lines for a trivial change, more only where there is something to say."""
from __future__ import annotations

import re

import click

from ..models import RunResult

# C0/C1 controls, line and paragraph separators, bidi overrides: from a file name or a model's
# answer they could start a CI log line with `::error::`, clear the terminal or reorder text.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _esc(c: str) -> str:
    return _NAMED.get(c) or (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")


def safe(text: object) -> str:
    """`text` on one line with every control character shown escaped (\\n, \\x1b, \\u2028)."""
    text = str(text)
    return _UNSAFE.sub(lambda m: _esc(m.group()), text) if _UNSAFE.search(text) else text

_TIER_COLOUR = {"high": "red", "medium": "yellow", "low": "green"}
_SEV_COLOUR = {"critical": "red", "high": "red", "medium": "yellow", "low": "cyan"}
MAX_FILES_SHOWN = 40


def _short(sha: str | None) -> str:
    return sha[:12] if sha else "empty tree"


def render(result: RunResult, color: bool = False) -> str:
    def s(text: str, **kw) -> str:
        return click.style(text, **kw) if color else text

    out: list[str] = []
    rng = result.range
    head = _short(rng.head) if rng.head else "index"
    nhunks = sum(len(fv.hunks) for fv in result.files)
    out.append(
        f"{s('fedgate', bold=True)} {safe(rng.spec)}: {_short(rng.base)}..{head}, "
        f"{len(result.files)} file(s), {nhunks} hunk(s)"
    )
    if rng.note:
        out.append(f"  note: {safe(rng.note)}")
    if not result.files:
        out.append("  nothing changed in this range")

    # Files: risky ones first; trivial ones summarised when there are many.
    unreviewable = {u.path: u.reason for u in result.plan.unreviewed
                    if not u.blocking and u.reason.startswith("not reviewable")}
    ordered = sorted(result.files, key=lambda fv: (fv.trivial is not None, -{"high": 3, "medium": 2, "low": 1}[fv.tier], fv.path))
    width = min(max((len(safe(fv.path)) for fv in ordered), default=0), 50)
    for i, fv in enumerate(ordered):
        if i == MAX_FILES_SHOWN:
            rest = len(ordered) - MAX_FILES_SHOWN
            out.append(f"  ... and {rest} more file(s) (--format json lists them all)")
            break
        tier = s(f"{fv.tier:<6}", fg=_TIER_COLOUR[fv.tier])
        path = safe(fv.path) if fv.file.old_path is None else f"{safe(fv.file.old_path)} -> {safe(fv.path)}"
        if fv.trivial:
            detail = s(f"skip: {safe(fv.trivial)}", dim=True)
        elif fv.path in unreviewable:
            detail = s(unreviewable[fv.path], fg="yellow")
        else:
            reviewable = [hv for hv in fv.hunks if hv.trivial is None]
            to_model = sum(1 for hv in reviewable if hv.tier in result.plan.model_tiers)
            if to_model == len(reviewable):
                route = "for model review"
            else:
                route = f"{to_model} for model review" if to_model else "rules only"
            detail = f"{len(reviewable)} hunk(s), {route}; {safe(fv.reason)}"
        out.append(f"  {tier} {path:<{width}}  {detail}")

    plan = result.plan
    if plan.batches:
        models = sorted({safe(b.model) for b in plan.batches})
        cost = f"est. ${plan.est_cost_usd:.4f}" if plan.est_cost_usd is not None else "cost unknown"
        verb = "would send " if result.dry_run else "model review of "
        out.append(
            f"{s('Plan', bold=True)}: {verb}{plan.model_hunks} hunk(s), {plan.tokens:,} tokens, "
            f"in {len(plan.batches)} request(s) to {', '.join(models)} ({cost})"
        )
        if result.dry_run:
            for b in plan.batches:
                paths = sorted({safe(h.path) for h in b.hunks})
                out.append(f"    {safe(b.model)} [{b.tier}] {len(b.hunks)} hunk(s), {b.tokens:,} tokens: {', '.join(paths)}")
    elif plan.would_review:
        toks = sum(p.tokens for p in plan.would_review)
        nfiles = len({p.path for p in plan.would_review})
        out.append(
            f"{s('Model review: off', bold=True)} ({safe(result.model_off_reason)}). It would review "
            f"{len(plan.would_review)} {'/'.join(plan.model_tiers)}-risk hunk(s) in {nfiles} file(s), {toks:,} tokens."
        )
        if result.model_off_reason == "no model configured":  # not when told to skip the model
            out.append("  To enable it: set review.model in .fedgate.yml (fedgate init), or FEDGATE_MODEL / --model.")
    else:
        out.append(f"{s('Plan', bold=True)}: nothing needs a model review")

    unreviewed = plan.unreviewed + result.outcome.unreviewed
    if unreviewed:
        out.append(s(f"Not reviewed ({len(unreviewed)}):", bold=True, fg="yellow"))
        for u in unreviewed[:20]:
            where = f"{safe(u.path)}:{u.new_start}" if u.new_start else safe(u.path)
            out.append(f"  {where}  {safe(u.reason)}")
        if len(unreviewed) > 20:
            out.append(f"  ... and {len(unreviewed) - 20} more")

    findings = result.decision.findings
    if findings:
        blocking = {id(f) for f in result.decision.blocking}
        out.append(s(f"Findings ({len(findings)}, {len(blocking)} blocking):", bold=True))
        for f in findings:
            sev = s(f"{f.severity.upper():<8}", fg=_SEV_COLOUR[f.severity], bold=id(f) in blocking)
            mark = "" if not f.suppressed else s(f" (suppressed: {safe(f.suppression)})", dim=True)
            # Rules often write the title as the start of the message: show it once.
            headline, detail = f.title or f.message, f.message
            if detail.startswith(headline):
                headline, detail = detail, ""
            out.append(f"  {sev} {safe(f.path)}:{f.line}  [{safe(f.rule)}] {safe(headline)}{mark}")
            if detail:
                out.append(f"           {safe(detail)}")
            if f.hint:
                out.append(s(f"           fix: {safe(f.hint)}", dim=True))
    added = result.decision.added_suppressions
    if added:
        out.append(s(f"Suppressions added by this change ({len(added)}):", bold=True))
        for a in added:
            what = []
            if a.silenced:
                what.append(f"silences {', '.join(a.silenced)}")
            if a.refused:
                what.append(f"cannot silence {', '.join(a.refused)} (only a suppression or baseline in the base can)")
            reason = f" '{safe(a.reason)}'" if a.reason else " (no reason)"
            out.append(f"  {safe(a.path)}:{a.line}  ignore[{safe(a.rules)}]{reason}{'; ' + '; '.join(what) if what else ''}")
    if result.outcome.dropped:
        out.append(f"  ({result.outcome.dropped} model finding(s) dropped: outside the reviewed hunks or not matching the answer contract)")

    u = result.outcome.usage
    if u.model_calls or u.cache_hits:
        out.append(
            f"Usage: {u.model_calls} call(s), {u.prompt_tokens:,} prompt + {u.completion_tokens:,} completion tokens, "
            f"${u.cost_usd:.4f}, {u.cache_hits} cache hit(s)"
        )
    for w in result.warnings:
        out.append(s(f"warning: {safe(w)}", fg="yellow"))

    code = result.decision.exit_code
    verdict = {0: s("PASS", fg="green", bold=True), 1: s("FAIL", fg="red", bold=True), 3: s("INCOMPLETE", fg="red", bold=True)}[code]
    out.append(f"{verdict} (exit {code}): {safe('; '.join(result.decision.reasons))}  [{result.duration_s:.2f}s]")
    return "\n".join(out) + "\n"
