"""Classified hunks + caps + budget -> Plan: what goes to which model, and what is left out."""
from __future__ import annotations

from dataclasses import replace

from . import tokens
from .config import Config
from .models import TIER_RANK, Batch, FileVerdict, Plan, PlannedHunk, Unreviewed
from .pricing import cost, price_of

# Tokens of instructions and framing around the hunks in one request, and the answer we
# expect back; used only for the estimate before a call (actual usage is recorded after).
PROMPT_OVERHEAD_TOKENS = 900
EXPECTED_OUTPUT_TOKENS = 600
# A hunk is sent with every line numbered ("   12|+...", review/prompt.py) under a "FILE: path"
# header: about 4 tokens a line (measured with tiktoken on this repository's code) that the
# hunk's own count, of its unified-diff text, leaves out; paths run about 3 characters a token.
NUMBERING_TOKENS_PER_LINE = 4


def request_tokens(p: PlannedHunk) -> int:
    """The hunk's tokens as the reviewer sends it: what the cost estimate must cover."""
    return p.tokens + NUMBERING_TOKENS_PER_LINE * len(p.hunk.lines) + len(p.path) // 3 + 4


class _ExactTokens:
    """Exact (tiktoken) counts of the candidates, made in plan order a chunk at a time and only
    as far as planning gets: hunks past a closed cap or budget keep their estimate."""

    CHUNK = 64

    def __init__(self, candidates: list[PlannedHunk]):
        self._candidates = candidates
        self._counts: dict[int, int] = {}

    def __call__(self, i: int) -> int:
        if i not in self._counts:
            chunk = range(i, min(i + self.CHUNK, len(self._candidates)))
            texts = [self._candidates[j].hunk.text() for j in chunk]
            self._counts.update(zip(chunk, tokens.count_many(texts)))
        return self._counts[i]


def _unreviewable(fv: FileVerdict) -> str | None:
    f = fv.file
    if f.submodule:
        return "submodule pointer change: a model cannot review it; review the submodule's own history"
    if f.binary:
        return "binary file: a model cannot review it"
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
    exact = _ExactTokens(candidates)
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
        p = replace(p, tokens=exact(i))
        cap = config.tiers[p.tier].max_tokens
        if cap is not None and used_tokens.get(p.tier, 0) + p.tokens > cap:
            closed[p.tier] = f"over the {p.tier} tier's token cap (tiers.{p.tier}.max_tokens: {cap})"
            unreviewed.append(Unreviewed(p.path, p.tier, closed[p.tier], p.hunk.new_start, p.hunk.old_start, p.tokens))
            continue
        batches = groups.setdefault((model, p.tier), [])
        new_batch = not batches or sum(h.tokens for h in batches[-1]) + p.tokens > config.review.batch_tokens
        price = price_of(model, config)
        if price is None:
            unpriced.add(model)
        elif budget is not None:
            extra = cost(price, request_tokens(p) + (PROMPT_OVERHEAD_TOKENS if new_batch else 0),
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
        for hunks in batches:
            sent = sum(request_tokens(h) for h in hunks) + PROMPT_OVERHEAD_TOKENS
            out_batches.append(
                Batch(model, tier, tuple(hunks), sum(h.tokens for h in hunks), cost(price, sent, EXPECTED_OUTPUT_TOKENS))
            )
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
