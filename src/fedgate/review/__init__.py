"""The review stage: built-in rules (always, offline) and the model reviewer (only when the
plan has model work). Plan -> findings + usage."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..config import Config
from ..models import FileVerdict, Plan, ReviewOutcome, Usage


@dataclass(frozen=True)
class ReviewContext:
    """What the reviewers may touch besides the plan: where to cache, how to report progress."""

    cache_path: str | None = None  # None disables the model cache
    progress: Callable[[str], None] | None = None


def review(files: tuple[FileVerdict, ...], plan: Plan, config: Config, ctx: ReviewContext) -> ReviewOutcome:
    from .rules import run_rules

    rule_findings = run_rules(files, config)
    if not plan.batches:
        return ReviewOutcome(findings=rule_findings, usage=Usage())
    # Imported only here: the model path pulls in litellm (~3 s).
    from .model import review_plan

    model = review_plan(plan, config, ctx)
    return ReviewOutcome(
        findings=rule_findings + model.findings,
        usage=model.usage,
        unreviewed=model.unreviewed,
        dropped=model.dropped,
        notes=model.notes,
    )
