"""The one-way pipeline: range -> diff -> classify -> plan -> review -> decide."""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import Callable

from .config import Config, load_config
from .diff import parse_diff
from .findings import BASELINE_NAME, decide, load_baseline, parse_baseline
from .gitrange import GitRepo, diff_text, open_repo, resolve_range
from .models import BaselineInfo, DiffRange, FileVerdict, Plan, ReviewOutcome, RunResult, Unreviewed
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
    # ci github: the policy is the base commit's (or, on push, the branch's own), the same
    # source as the workflow that holds the secrets; a clone's config locally is not.
    trust_repo_config: bool = False
    use_baseline: bool = True  # `fedgate baseline` rewrites the file: it must not need to read it
    baseline_from_base: bool = False  # CI: the base commit's baseline, like its policy


def review_overrides(model=None, api_base=None, fail_on=None, fail_open=False) -> dict:
    """Command-line and environment settings that take precedence over review.* in the file."""
    overrides = {"model": model, "api_base": api_base, "fail_on": fail_on}
    if fail_open:
        overrides["on_error"] = "pass"
    return overrides


def cache_path(repo: GitRepo) -> str:
    return os.path.join(repo.git_dir, "fedgate", "cache.db")


def load(opts: CheckOptions) -> tuple[GitRepo, Config, list[str]]:
    """(repo, config, warnings); only the user's own settings send data anywhere (trust.py)."""
    from dataclasses import replace

    from . import trust
    from .config import with_overrides

    repo = open_repo(opts.cwd)
    config = load_config(repo.root, opts.config_path)
    if opts.trust_repo_config:
        config = replace(config, needs_approval=False)
    overrides = opts.review_overrides
    if opts.skip_model_reason:
        notes: list[str] = []  # no model is called: where it would go does not matter
    else:
        config, notes = trust.apply(config, repo.root, overrides.get("api_base"), overrides.get("model"),
                                    opts.environ if opts.environ is not None else os.environ)
    return repo, with_overrides(config, **overrides), notes


def _dry_run_outcome(plan: Plan, config: Config) -> ReviewOutcome:
    """No call is made; the batches whose every call would fail come back as unreviewed."""
    if not plan.batches:
        return ReviewOutcome()
    from .review.model import preflight

    problems = preflight({b.model for b in plan.batches}, config.review.api_base)
    return ReviewOutcome(unreviewed=tuple(
        Unreviewed(p.path, p.tier, problems[b.model], p.hunk.new_start, p.hunk.old_start, p.tokens, blocking=True)
        for b in plan.batches if b.model in problems for p in b.hunks
    ))


def run_check(opts: CheckOptions) -> tuple[RunResult, GitRepo, Config]:
    started = time.perf_counter()
    repo, config, trust_notes = load(opts)
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
    warnings = trust_notes + list(plan.notes)
    if opts.skip_model_reason:
        warnings.append(opts.skip_model_reason)
    if opts.dry_run:
        outcome = _dry_run_outcome(plan, config)
    else:
        from .review import ReviewContext, review

        ctx = ReviewContext(
            cache_path=cache_path(repo) if (opts.use_cache and config.review.cache) else None,
            progress=opts.progress,
        )
        outcome = review(files, plan, config, ctx)
        warnings.extend(outcome.notes)
    baseline, baseline_info, note = _baseline(repo, rng, files, opts)
    if note:
        warnings.append(note)
    decision = decide(files, plan, outcome, config, baseline)
    if opts.dry_run:
        from dataclasses import replace

        if decision.exit_code == 3:
            # What the real run would hit (no key, an unroutable model): say it now, as it would.
            decision = replace(decision, reasons=("dry run: the real run could not complete the review",) + decision.reasons)
        else:
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
        baseline=baseline_info,
        model_off_reason=opts.skip_model_reason or "no model configured",
    )
    return result, repo, config


def _baseline(repo: GitRepo, rng: DiffRange, files: tuple[FileVerdict, ...],
              opts: CheckOptions) -> tuple[set[str], BaselineInfo, str | None]:
    """(fingerprints, what was applied, a warning). The reviewed change cannot baseline its own
    findings: a baseline it edits (and in CI any baseline) is read from the base commit."""
    if not opts.use_baseline:
        return set(), BaselineInfo("none"), None
    changed = any(BASELINE_NAME in (fv.path, fv.file.old_path) for fv in files)
    note = None
    if changed:
        note = (f"{BASELINE_NAME} is changed in this range: not applied to this range's findings "
                "(the base commit's version is)")
    if not (changed or opts.baseline_from_base):
        prints = load_baseline(os.path.join(repo.root, BASELINE_NAME))
        return prints, BaselineInfo("worktree" if prints else "none", False, len(prints)), None
    text = str(repo.run("cat-file", "-p", "--end-of-options", f"{rng.base}:{BASELINE_NAME}", check=False)) if rng.base else ""
    prints = parse_baseline(text, f"{BASELINE_NAME} of the base commit") if text.strip() else set()
    return prints, BaselineInfo("base", changed, len(prints)), note
