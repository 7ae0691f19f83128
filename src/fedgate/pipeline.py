"""The one-way pipeline: range -> diff -> classify -> plan -> review -> decide."""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import Callable

from .config import Config, load_config
from .diff import parse_diff
from .findings import BASELINE_NAME, decide, load_baseline
from .gitrange import GitRepo, diff_text, open_repo, resolve_range
from .models import DiffRange, ReviewOutcome, RunResult
from .plan import make_plan
from .policy import classify


@dataclass
class CheckOptions:
    range_spec: str | None = None
    staged: bool = False
    config_path: str | None = None
    dry_run: bool = False
    use_cache: bool = True
    cwd: str = "."
    review_overrides: dict = field(default_factory=dict)
    progress: Callable[[str], None] | None = None
    environ: dict | None = None
    skip_model_reason: str | None = None  # e.g. a fork pull request without secrets
    use_baseline: bool = True  # `fedgate baseline` rewrites the file: it must not need to read it


def review_overrides(model=None, api_base=None, fail_on=None, fail_open=False) -> dict:
    """Command-line and environment settings that take precedence over review.* in the file."""
    overrides = {"model": model, "api_base": api_base, "fail_on": fail_on}
    if fail_open:
        overrides["on_error"] = "pass"
    return overrides


def cache_path(repo: GitRepo) -> str:
    return os.path.join(repo.git_dir, "fedgate", "cache.db")


def load(opts: CheckOptions) -> tuple[GitRepo, Config]:
    from .config import with_overrides

    repo = open_repo(opts.cwd)
    config = load_config(repo.root, opts.config_path)
    return repo, with_overrides(config, **opts.review_overrides)


def run_check(opts: CheckOptions) -> tuple[RunResult, GitRepo, Config]:
    started = time.perf_counter()
    repo, config = load(opts)
    if opts.skip_model_reason:
        from dataclasses import replace

        config = replace(
            config,
            review=replace(config.review, model=None, strong_model=None, cheap_model=None),
            tiers={k: replace(t, model=None) for k, t in config.tiers.items()},
        )
    rng: DiffRange = resolve_range(repo, opts.range_spec, opts.staged, opts.environ if opts.environ is not None else os.environ)
    if rng.base is not None and rng.base == rng.head:
        files = ()
    else:
        patch, raw = diff_text(repo, rng)
        files = classify(parse_diff(patch, raw), config)
    plan = make_plan(files, config)
    warnings = list(plan.notes)
    if opts.skip_model_reason:
        warnings.append(opts.skip_model_reason)
    if opts.dry_run:
        outcome = ReviewOutcome()
    else:
        from .review import ReviewContext, review

        ctx = ReviewContext(
            cache_path=cache_path(repo) if (opts.use_cache and config.review.cache) else None,
            progress=opts.progress,
        )
        outcome = review(files, plan, config, ctx)
        warnings.extend(outcome.notes)
    baseline = load_baseline(os.path.join(repo.root, BASELINE_NAME)) if opts.use_baseline else set()
    decision = decide(files, plan, outcome, config, baseline)
    if opts.dry_run:
        from dataclasses import replace

        decision = replace(decision, exit_code=0, reasons=("dry run: nothing was reviewed",))
    model_configured = any(config.model_for(t) for t in plan.model_tiers)
    result = RunResult(
        range=rng,
        files=files,
        plan=plan,
        outcome=outcome,
        decision=decision,
        model_configured=model_configured,
        duration_s=round(time.perf_counter() - started, 4),
        warnings=tuple(warnings),
        config_path=config.source,
        dry_run=opts.dry_run,
    )
    return result, repo, config
