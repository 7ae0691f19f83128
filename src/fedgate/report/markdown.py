"""`--format markdown`: the job summary (GITHUB_STEP_SUMMARY) or a PR comment body."""
from __future__ import annotations

from ..models import RunResult

MAX_ROWS = 200  # GitHub caps a step summary at 1 MiB; a table this long is already unreadable
_VERDICT = {0: "✅ PASS", 1: "❌ FAIL", 3: "⚠️ INCOMPLETE"}


def cell(text: str) -> str:
    """Table-cell safe: one line, pipes escaped, no raw HTML."""
    text = " ".join(str(text).split())
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def _code(text: str) -> str:
    text = " ".join(str(text).split()).replace("|", "\\|")
    fence = "``" if "`" in text else "`"
    return f"{fence}{text}{fence}" if text else ""


def _short(sha: str | None) -> str:
    return sha[:12] if sha else "empty tree"


def _money(x: float | None) -> str:
    return "unknown" if x is None else f"${x:.4f}"


def render(result: RunResult, color: bool = False) -> str:
    out: list[str] = []
    code = result.decision.exit_code
    rng = result.range
    out.append(f"## fedgate: {_VERDICT.get(code, f'exit {code}')} (exit {code})")
    out.append("")
    out.append(cell("; ".join(result.decision.reasons)))
    out.append("")
    head = _short(rng.head) if rng.head else "index"
    out.append(f"Range {_code(rng.spec)}: `{_short(rng.base)}..{head}`" + (f" ({cell(rng.note)})" if rng.note else ""))
    out.append("")

    tiers = {t: [fv for fv in result.files if fv.tier == t] for t in ("high", "medium", "low")}
    trivial = sum(1 for fv in result.files if fv.trivial)
    out.append(
        f"**Files**: {len(result.files)} changed: {len(tiers['high'])} high, {len(tiers['medium'])} medium, "
        f"{len(tiers['low'])} low risk; {trivial} trivial (skipped)."
    )
    out.append("")

    plan = result.plan
    out.append("### Plan")
    out.append("")
    if plan.batches:
        out.append("| model | tier | hunks | tokens | est. cost |")
        out.append("| --- | --- | ---: | ---: | ---: |")
        for b in plan.batches:
            out.append(f"| {cell(b.model)} | {b.tier} | {len(b.hunks)} | {b.tokens:,} | {_money(b.est_cost_usd)} |")
        out.append(f"| **total** | | {plan.model_hunks} | {plan.tokens:,} | {_money(plan.est_cost_usd)} |")
    elif plan.would_review:
        toks = sum(p.tokens for p in plan.would_review)
        out.append(
            f"Model review is off ({cell(result.model_off_reason)}). It would review {len(plan.would_review)} "
            f"{'/'.join(plan.model_tiers)}-risk hunk(s), {toks:,} tokens."
        )
    else:
        out.append("Nothing needs a model review.")
    out.append("")

    unreviewed = plan.unreviewed + result.outcome.unreviewed
    if unreviewed:
        out.append(f"### Not reviewed ({len(unreviewed)})")
        out.append("")
        for u in unreviewed[:MAX_ROWS]:
            where = f"{u.path}:{u.new_start}" if u.new_start else u.path
            out.append(f"- {_code(where)}: {cell(u.reason)}")
        if len(unreviewed) > MAX_ROWS:
            out.append(f"- ... and {len(unreviewed) - MAX_ROWS} more (`--format json` lists them all)")
        out.append("")

    findings = result.decision.findings
    blocking = {id(f) for f in result.decision.blocking}
    out.append(f"### Findings ({len(findings)}, {len(blocking)} blocking)")
    out.append("")
    if findings:
        out.append("| severity | location | rule | finding | |")
        out.append("| --- | --- | --- | --- | --- |")
        for f in findings[:MAX_ROWS]:
            # Rules often write the title as the start of the message: say it once.
            text = f.title + ": " + f.message if f.title and f.message and not f.message.startswith(f.title) else (f.message or f.title)
            if f.hint:
                text += f" Fix: {f.hint}"
            status = "**blocking**" if id(f) in blocking else (f"suppressed ({cell(f.suppression)})" if f.suppressed else "")
            out.append(f"| {f.severity} | {_code(f'{f.path}:{f.line}')} | {_code(f.rule)} | {cell(text)} | {status} |")
        if len(findings) > MAX_ROWS:
            out.append(f"\n... and {len(findings) - MAX_ROWS} more (`--format json` or `--format sarif` list them all)")
    else:
        out.append("No findings.")
    added = result.decision.added_suppressions
    if added:
        out.append("")
        out.append(f"**Suppressions added by this change ({len(added)}):**")
        out.append("")
        for a in added[:MAX_ROWS]:
            what = ([f"silences {', '.join(a.silenced)}"] if a.silenced else []) + (
                [f"cannot silence {', '.join(a.refused)}"] if a.refused else [])
            out.append(f"- {_code(f'{a.path}:{a.line}')} `ignore[{cell(a.rules)}]` {cell(a.reason) or '(no reason)'}"
                       f"{'; ' + '; '.join(what) if what else ''}")
    if result.outcome.dropped:
        out.append("")
        out.append(f"{result.outcome.dropped} model finding(s) dropped: outside the reviewed hunks or not matching the answer contract.")
    out.append("")

    u = result.outcome.usage
    out.append("### Usage")
    out.append("")
    out.append(
        f"{u.model_calls} model call(s), {u.prompt_tokens:,} prompt + {u.completion_tokens:,} completion tokens, "
        f"cost ${u.cost_usd:.4f}, {u.cache_hits} cache hit(s); {result.duration_s:.2f}s."
    )
    if len(u.per_model) > 1:
        out.append("")
        out.append("| model | calls | prompt | completion | cost |")
        out.append("| --- | ---: | ---: | ---: | ---: |")
        for m in u.per_model:
            out.append(f"| {cell(m.model)} | {m.calls} | {m.prompt_tokens:,} | {m.completion_tokens:,} | ${m.cost_usd:.4f} |")
    if result.warnings:
        out.append("")
        out.append("### Notes")
        out.append("")
        out.extend(f"- {cell(w)}" for w in result.warnings)
    return "\n".join(out) + "\n"
