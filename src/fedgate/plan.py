"""Classified hunks + caps + budget -> Plan: what goes to which model, and what is left out."""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from . import tokens
from .config import Config
from .models import TIER_RANK, Batch, FileVerdict, Plan, PlannedHunk, Unreviewed
from .pricing import cost, price_of, supports_schema

# The answer we expect back, for the estimate before a call (actual usage is recorded after).
EXPECTED_OUTPUT_TOKENS = 600
# The fixed tokens of one request, at most (instructions, fence, rules, schema, message
# overhead): the "review everything" comparison of the scorecard uses it. The plan itself
# counts the exact figure (fixed_tokens); bench/bench_estimates.py prints it.
PROMPT_OVERHEAD_TOKENS = 500
# Hunks whose estimate is under this are rendered whole and counted in batches; larger ones
# are counted a piece at a time and only up to their tier's cap.
_WHOLE_BELOW = 50_000


@lru_cache(maxsize=2)
def fixed_tokens(schema: bool) -> int:
    """Tokens of one request without its hunks, as the reviewer builds it (review/prompt.py)."""
    from .review.prompt import RESPONSE_FORMAT, build_messages

    return tokens.request_tokens([m["content"] for m in build_messages([], schema)],
                                 RESPONSE_FORMAT if schema else None)


def _pieces(p: PlannedHunk):
    """The hunk as the request carries it: its FILE header and its numbered rows (unredacted:
    a placeholder costs about what the secret it replaces does)."""
    from .review.prompt import one_line, render_rows

    yield f"FILE: {one_line(p.path)}\n"
    for row in render_rows(p.hunk, [ln.text for ln in p.hunk.lines], p.hunk.section):
        yield row + "\n"
    yield "\n"


class _ExactTokens:
    """Exact (tiktoken) counts of the candidates as sent, made in plan order a chunk at a time
    and only as far as planning gets: hunks past a closed cap or budget keep their estimate.
    A count over the tier's cap stops there (None): that hunk is never sent whole."""

    CHUNK = 64

    def __init__(self, candidates: list[PlannedHunk], limits: list[int | None]):
        self._candidates = candidates
        self._limits = limits
        self._counts: dict[int, int | None] = {}

    def __call__(self, i: int) -> int | None:
        if i not in self._counts:
            chunk = range(i, min(i + self.CHUNK, len(self._candidates)))
            small = [j for j in chunk if self._candidates[j].tokens < _WHOLE_BELOW]
            texts = ["".join(_pieces(self._candidates[j])) for j in small]
            self._counts.update(zip(small, tokens.count_many(texts)))
            for j in chunk:
                if j not in self._counts:
                    self._counts[j] = tokens.count_upto(_pieces(self._candidates[j]), self._limits[j])
        return self._counts[i]


def _unreviewable(fv: FileVerdict) -> str | None:
    f = fv.file
    if f.submodule:
        return "not reviewable: a submodule pointer change (review the submodule's own history)"
    if f.binary:
        return "not reviewable: a binary file"
    if f.status == "deleted":
        # A model finding must name a line of the new file (review/answers.py drops the rest),
        # and a deleted file has none: sending it costs tokens and can never yield a finding.
        # What a deletion breaks shows where the file was used, in the hunks that stop using it.
        return "not reviewable: the file is deleted (a model finding must point at a line of the new file)"
    return None


def make_plan(files: tuple[FileVerdict, ...], config: Config) -> Plan:
    model_tiers = tuple(t for t in ("high", "medium", "low") if t in config.review.tiers)
    notes: list[str] = []
    unreviewed: list[Unreviewed] = []
    scored: list[tuple[int, PlannedHunk]] = []
    for fv in files:
        if fv.tier in model_tiers and not fv.trivial:
            why = _unreviewable(fv)
            if why:
                # Reported but not blocking: there is nothing a model could read.
                unreviewed.append(Unreviewed(fv.path, fv.tier, why, blocking=False))
                continue
        for hv in fv.hunks:
            if hv.trivial is None and hv.tier in model_tiers:
                scored.append((hv.score, PlannedHunk(fv.path, hv.tier, hv.hunk, hv.tokens)))
    # Highest risk score first, so a tight cap or budget reviews the riskiest hunks.
    scored.sort(key=lambda sp: (-sp[0], -TIER_RANK[sp[1].tier], sp[1].path, sp[1].hunk.new_start))
    candidates = [p for _, p in scored]

    would_review: list[PlannedHunk] = []
    groups: dict[tuple[str, str], list[list[PlannedHunk]]] = {}
    used_tokens: dict[str, int] = {}
    spent = 0.0
    budget = config.max_cost_usd
    unpriced: set[str] = set()
    exact = _ExactTokens(candidates, [config.tiers[p.tier].max_tokens for p in candidates])
    # Highest risk first; once a hunk does not fit a tier's cap (or the budget), everything
    # after it in that tier (or in the run) is left out too: no lower-risk hunk jumps the queue.
    closed: dict[str, str] = {}  # tier (or "*" for the budget) -> the reason
    for i, p in enumerate(candidates):
        model = config.model_for(p.tier)
        if model is None:
            would_review.append(p)
            if config.review.required:
                unreviewed.append(
                    Unreviewed(p.path, p.tier, "no model configured and review.required is true",
                               p.hunk.new_start, p.hunk.old_start, p.tokens)
                )
            continue
        why = closed.get("*") or closed.get(p.tier)
        if why:
            unreviewed.append(Unreviewed(p.path, p.tier, why, p.hunk.new_start, p.hunk.old_start, p.tokens))
            continue
        counted = exact(i)
        cap = config.tiers[p.tier].max_tokens
        if counted is None or (cap is not None and used_tokens.get(p.tier, 0) + counted > cap):
            closed[p.tier] = f"over the {p.tier} tier's token cap (tiers.{p.tier}.max_tokens: {cap})"
            unreviewed.append(Unreviewed(p.path, p.tier, closed[p.tier], p.hunk.new_start, p.hunk.old_start,
                                         p.tokens if counted is None else counted))
            continue
        p = replace(p, tokens=counted)
        batches = groups.setdefault((model, p.tier), [])
        new_batch = not batches or sum(h.tokens for h in batches[-1]) + p.tokens > config.review.batch_tokens
        price = price_of(model, config)
        if price is None:
            unpriced.add(model)
        elif budget is not None:
            extra = cost(price, p.tokens + (fixed_tokens(supports_schema(model)) if new_batch else 0),
                         EXPECTED_OUTPUT_TOKENS if new_batch else 0) or 0.0
            if spent + extra > budget:
                closed["*"] = f"over the run budget (budget.max_cost_usd: {budget})"
                unreviewed.append(Unreviewed(p.path, p.tier, closed["*"], p.hunk.new_start, p.hunk.old_start, p.tokens))
                continue
            spent += extra
        used_tokens[p.tier] = used_tokens.get(p.tier, 0) + p.tokens
        if new_batch:
            batches.append([p])
        else:
            batches[-1].append(p)

    out_batches = []
    for (model, tier), batches in groups.items():
        price = price_of(model, config)
        fixed = fixed_tokens(supports_schema(model))
        for hunks in batches:
            # The request's whole prompt: what the provider will bill.
            sent = fixed + sum(h.tokens for h in hunks)
            out_batches.append(Batch(model, tier, tuple(hunks), sent, cost(price, sent, EXPECTED_OUTPUT_TOKENS)))
    for model in sorted(unpriced):
        notes.append(
            f"no known price for {model}: cost is not estimated and the budget cannot limit it "
            f"(set models.{model}.price_per_mtok_in and price_per_mtok_out)"
        )
    return Plan(
        batches=tuple(out_batches),
        unreviewed=tuple(unreviewed),
        would_review=tuple(would_review),
        model_tiers=model_tiers,
        notes=tuple(notes),
    )
