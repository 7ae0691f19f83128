"""`fedgate eval`: pick the fixes and the ordinary commits, build the reintroductions, run
every variant (config x model) over the same sample, and collect the measurements."""
from __future__ import annotations

import os
import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from typing import Callable

from ..config import Config, load_config, with_overrides
from ..diff import parse_diff
from ..gitrange import GitRepo, diff_text
from ..models import DiffRange, FedgateError
from ..policy import Policy
from .history import (
    DEFAULT_FIX_PATTERN, Fix, History, Skipped, compile_pattern, fixes_from_file, fixes_from_log,
    read_fixes_file, sample_ordinary,
)
from .measure import DEFAULT_WINDOW, Measured, measure


@dataclass
class EvalOptions:
    revs: tuple[str, ...] = ()  # what `git log` walks (default HEAD)
    since: str | None = None
    fixes_file: str | None = None
    fix_pattern: str = DEFAULT_FIX_PATTERN
    sample: int = 100
    seed: int = 0
    config_paths: tuple[str | None, ...] = (None,)
    models: tuple[str | None, ...] = (None,)
    api_base: str | None = None
    fail_on: str | None = None
    offline: bool = False  # route only: never call a model, even one the config names
    window: int = DEFAULT_WINDOW
    jobs: int = 2
    progress: Callable[[int, int], None] | None = None


@dataclass(frozen=True)
class Variant:
    name: str
    config_path: str | None
    model: str | None  # the reviewer model of the high tier, after overrides
    config: Config
    calls_model: bool


@dataclass(frozen=True)
class Item:
    kind: str  # "fix" | "ordinary"
    commit: str
    label: str
    subject: str
    base: str  # what the reviewed change is diffed against
    head: str  # the reintroducing commit (fix) or the commit itself (ordinary)
    reverted: tuple[str, ...] = ()  # fix: source paths taken back from the parent


@dataclass
class EvalResult:
    repo: str
    revs: tuple[str, ...]
    since: str | None
    fixes_source: str  # "file:PATH" or "pattern"
    fix_pattern: str | None
    sample: int
    seed: int
    candidates: int  # ordinary commits the sample was drawn from
    variants: list[Variant]
    items: list[Item]
    results: dict[tuple[int, int], Measured] = field(default_factory=dict)  # (variant, item) -> measurement
    skipped: list[Skipped] = field(default_factory=list)
    interrupted: bool = False
    duration_s: float = 0.0
    window: int = DEFAULT_WINDOW


def _variants(repo: GitRepo, opts: EvalOptions) -> list[Variant]:
    out = []
    for path in opts.config_paths or (None,):
        base = load_config(repo.root if repo.root != repo.git_dir else None, path)
        for model in opts.models or (None,):
            config = with_overrides(base, model=model, api_base=opts.api_base, fail_on=opts.fail_on)
            if opts.offline:
                config = replace(config, review=replace(config.review, model=None),
                                 tiers={k: replace(t, model=None) for k, t in config.tiers.items()})
            high = config.model_for("high")
            calls = any(config.model_for(t) for t in config.review.tiers)
            label = os.path.basename(path) if path else (config.source or "built-in")
            name = f"{label} + {high}" if calls and (model or len(opts.models) > 1) else label
            out.append(Variant(name, config.source, high, config, calls))
    names = [v.name for v in out]
    if len(set(names)) != len(names):  # two --config files with one base name
        out = [replace(v, name=f"{i + 1}: {v.name}") for i, v in enumerate(out)]
    return out


def _pick(history: History, opts: EvalOptions) -> tuple[list[Fix], list[Skipped], list, int]:
    pattern = compile_pattern(opts.fix_pattern)
    revs = list(opts.revs) or ["HEAD"]
    log = history.log(revs, since=opts.since)
    if opts.fixes_file:
        fixes, skipped = fixes_from_file(history, read_fixes_file(opts.fixes_file))
        if not fixes and not skipped:
            raise FedgateError(f"{opts.fixes_file} names no commit: one commit id a line, an optional label after it")
        if opts.revs or opts.since:
            # REV... and --since limit the fixes a file names too, as they limit the search.
            inside = {c.sha for c in log}
            limits = " ".join(revs) + (f" --since {opts.since}" if opts.since else "")
            skipped += [Skipped(f.sha, f.label, f"outside the history evaluated ({limits})") for f in fixes if f.sha not in inside]
            fixes = [f for f in fixes if f.sha in inside]
    else:
        fixes, skipped = fixes_from_log(log, pattern)
    if not fixes and not skipped:
        where = f"in {' '.join(revs)}" + (f" since {opts.since}" if opts.since else "")
        raise FedgateError(
            f"no fix commits found {where} by message; name them with --fixes FILE "
            f"(one commit id a line, an optional label after it) or match them with --fix-pattern REGEX"
        )
    ordinary, candidates = sample_ordinary(log, {f.sha for f in fixes}, pattern, opts.sample, opts.seed)
    return fixes, skipped, ordinary, candidates


def _files(repo: GitRepo, item: Item) -> list:
    patch, raw = diff_text(repo, DiffRange(item.base, item.head, f"{item.base[:12]}..{item.head[:12]}"))
    return parse_diff(patch, raw)


def _review_ctx(variant: Variant):
    if not variant.calls_model:
        return None
    from ..review import ReviewContext

    # No answer cache: a cached answer costs nothing, and eval measures what a review costs.
    return ReviewContext(cache_path=None, progress=None)


def run_eval(repo: GitRepo, opts: EvalOptions) -> EvalResult:
    started = time.perf_counter()
    if repo.is_shallow():
        raise FedgateError(
            "this is a shallow clone: eval needs the history; fetch it first: git fetch --unshallow"
        )
    variants = _variants(repo, opts)
    policies = [Policy(v.config) for v in variants]
    history = History(repo)
    try:
        fixes, skipped, ordinary, candidates = _pick(history, opts)
        result = EvalResult(
            repo=repo.root, revs=tuple(opts.revs) or ("HEAD",), since=opts.since,
            fixes_source=f"file:{opts.fixes_file}" if opts.fixes_file else "pattern",
            fix_pattern=None if opts.fixes_file else opts.fix_pattern,
            sample=opts.sample, seed=opts.seed, candidates=candidates, variants=variants, items=[],
            skipped=list(skipped), window=opts.window,
        )
        todo: list[tuple[str, object]] = [("fix", f) for f in fixes] + [("ordinary", c) for c in ordinary]
        total = len(todo)

        def work(kind: str, obj) -> tuple[Item | None, Skipped | None, list[Measured]]:
            try:
                return _work(kind, obj)
            except FedgateError as e:  # one commit git cannot read is skipped, not the whole run
                return None, Skipped(obj.sha, getattr(obj, "label", ""), str(e)), []

        def _work(kind: str, obj) -> tuple[Item | None, Skipped | None, list[Measured]]:
            if kind == "fix":
                commit, reverted, why = history.reintroduce(obj)
                if commit is None:
                    return None, Skipped(obj.sha, obj.label, why or "nothing to reintroduce"), []
                item = Item("fix", obj.sha, obj.label, obj.subject, obj.sha, commit, reverted)
            else:
                item = Item("ordinary", obj.sha, "", obj.subject, obj.parents[0], obj.sha)
            files = _files(repo, item)
            return item, None, [measure(files, v.config, p, _review_ctx(v), opts.window) for v, p in zip(variants, policies)]

        done: dict[int, tuple[Item | None, Skipped | None, list[Measured]]] = {}
        pool = ThreadPoolExecutor(max_workers=max(1, opts.jobs))
        futures = {pool.submit(work, kind, obj): i for i, (kind, obj) in enumerate(todo)}
        try:
            pending = set(futures)
            while pending:
                finished, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
                for fut in finished:
                    done[futures[fut]] = fut.result()
                if opts.progress:
                    opts.progress(len(done), total)
            pool.shutdown(wait=True)
        except KeyboardInterrupt:
            # Keep what finished; the caller prints it and exits 130 without joining the workers.
            result.interrupted = True
            pool.shutdown(wait=False, cancel_futures=True)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        for i in sorted(done):
            item, skip, measured = done[i]
            if skip is not None:
                result.skipped.append(skip)
                continue
            assert item is not None
            index = len(result.items)
            result.items.append(item)
            for v, m in enumerate(measured):
                result.results[(v, index)] = m
        result.duration_s = round(time.perf_counter() - started, 3)
        return result
    finally:
        history.close()
