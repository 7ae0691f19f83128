"""Command line: parse, call the pipeline, print, exit. Nothing else lives here."""
from __future__ import annotations

import os
import sys

import click

from .models import FedgateError

EXIT_HELP = """
\b
Exit codes:
  0  pass (including "nothing to review")
  1  blocking findings
  2  usage, config or git error
  3  a review was required but could not be completed (fail-closed)
"""


def _write_output(text: str, path: str | None) -> None:
    if path is None or path == "-":
        click.echo(text, nl=False)
        return
    from .files import write_text

    # Beside the target and renamed: a reader never sees half a report.
    write_text(path, text)


def _progress_printer():
    if not sys.stderr.isatty():
        return None

    def show(message: str) -> None:
        sys.stderr.write("\r\033[K" + message)
        if message.endswith("\n"):
            return
        sys.stderr.flush()

    return show


def _use_color(fmt: str, output: str | None) -> bool:
    # no-color.org: NO_COLOR counts only when set to a non-empty value.
    return fmt == "text" and output in (None, "-") and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


class _Group(click.Group):
    """Turns FedgateError raised inside any command into one line on stderr and its exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except FedgateError as e:
            click.echo(f"fedgate: error: {e}", err=True)
            ctx.exit(e.exit_code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="fedgate")
def cli() -> None:
    """fedgate: risk-based review gate for a git diff.

    Skips trivial edits, sends only high-risk hunks to a reviewer model, and fails only on
    concrete findings. Start with `fedgate check HEAD~1`.
    """


@cli.command(epilog=EXIT_HELP)
@click.argument("range_spec", metavar="[RANGE]", required=False)
@click.option("--staged", is_flag=True, help="Check the staged changes (the index) instead of a range.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file (default: .fedgate.yml at the repo root).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "github", "markdown"]), default="text", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, allow_dash=True), help="Write the report to FILE instead of stdout.")
@click.option("--dry-run", is_flag=True, help="Print the plan (what would go to which model, tokens, cost) and call nothing.")
@click.option("--model", envvar="FEDGATE_MODEL", help="Reviewer model, any litellm name (env: FEDGATE_MODEL).")
@click.option("--api-base", envvar="FEDGATE_API_BASE", help="Base URL of the model API (env: FEDGATE_API_BASE).")
@click.option("--fail-on", type=click.Choice(["critical", "high", "medium", "low"]), help="Lowest severity that blocks (default: review.fail_on, high).")
@click.option("--fail-open", is_flag=True, help="Pass (exit 0, with a warning) when a planned review cannot be completed.")
@click.option("--no-cache", is_flag=True, help="Do not read or write the model answer cache.")
@click.option("--no-ledger", is_flag=True, help="Do not record this run in the ledger.")
@click.option("--rules-only", is_flag=True, help="Only the built-in rules (offline, fast); the model review is left to a later stage (pre-push, CI).")
def check(range_spec, staged, config_path, fmt, output, dry_run, model, api_base, fail_on, fail_open, no_cache, no_ledger,
          rules_only):
    """Review the changes in RANGE and exit 0, 1, 2 or 3.

    \b
    RANGE forms:
      REV      changes from the merge base of REV and HEAD up to HEAD
               (HEAD~1: the last commit; main: this branch's changes)
      A..B     changes from A to B
      A...B    changes from the merge base of A and B to B
      (none)   the pre-push range from pre-commit, else the upstream
               branch's merge base, else HEAD~1
    """
    from .pipeline import CheckOptions, review_overrides, run_check
    from .report import render

    opts = CheckOptions(
        range_spec=range_spec,
        staged=staged,
        config_path=config_path,
        dry_run=dry_run,
        use_cache=not no_cache,
        review_overrides=review_overrides(model, api_base, fail_on, fail_open)
        # Rules only is a stage, not a failure: the model review is not owed by this run.
        | ({"required": False} if rules_only else {}),
        progress=_progress_printer(),
        skip_model_reason="rules only (--rules-only): no model review in this run" if rules_only else None,
    )
    result, repo, config = run_check(opts)
    if not (no_ledger or dry_run) and config.ledger_enabled:
        from .ledger import ledger_target, need_driver

        try:
            need_driver(ledger_target(repo, config))
        except FedgateError as e:
            if "psycopg" in str(e):  # a misconfigured install, not a ledger hiccup: exit 2
                raise
    _write_output(render(fmt, result, color=_use_color(fmt, output)), output)
    if not (no_ledger or dry_run):
        from .ledger import record_run

        warning = record_run(result, repo, config)
        if warning:
            click.echo(f"fedgate: warning: {warning}", err=True)
    sys.exit(result.decision.exit_code)


@cli.command()
@click.argument("range_spec", metavar="[RANGE]", required=False)
@click.option("--staged", is_flag=True, help="Take the findings of the staged changes instead of a range.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file (default: .fedgate.yml at the repo root).")
@click.option("--rules-only", is_flag=True, help="Do not call the reviewer model; baseline the built-in rules' findings only.")
@click.option("--model", envvar="FEDGATE_MODEL", help="Reviewer model, as for check (env: FEDGATE_MODEL).")
@click.option("--api-base", envvar="FEDGATE_API_BASE", help="Base URL of the model API (env: FEDGATE_API_BASE).")
def baseline(range_spec, staged, config_path, rules_only, model, api_base):
    """Write .fedgate-baseline.json: the fingerprints of the findings in RANGE (as for check).

    Later runs report baselined findings as suppressed and do not block on them, so a team
    adopting fedgate is blocked only by new findings. Inline-suppressed findings are left out.
    """
    import json

    from .findings import BASELINE_NAME, baseline_document
    from .pipeline import CheckOptions, review_overrides, run_check

    opts = CheckOptions(
        range_spec=range_spec,
        staged=staged,
        config_path=config_path,
        progress=_progress_printer(),
        skip_model_reason="baseline --rules-only: the model was not called" if rules_only else None,
        use_baseline=False,
        # The same model as check, or the baseline would lack the findings check then blocks on.
        review_overrides=review_overrides(model, api_base),
    )
    result, repo, _ = run_check(opts)
    missed = [u for u in result.plan.unreviewed + result.outcome.unreviewed if u.blocking]
    if missed and not rules_only:
        # A baseline without the model's findings would let them block later, unexplained.
        click.echo(
            f"fedgate: error: {len(missed)} hunk(s) needed a model review and did not get it "
            f"({missed[0].reason}); nothing written. Fix the model access, or run baseline --rules-only",
            err=True,
        )
        sys.exit(3)
    kept = tuple(f for f in result.decision.findings if not f.suppression.startswith("inline"))
    target = os.path.join(repo.root, BASELINE_NAME)
    document = baseline_document(kept)
    _write_output(json.dumps(document, indent=2) + "\n", target)
    click.echo(f"wrote {len(document['fingerprints'])} fingerprint(s) from {result.range.spec} to {target}")


def _progress_bar():
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        width = 30
        filled = width * done // total if total else width
        sys.stderr.write(f"\r\033[Kfedgate eval [{'#' * filled}{'.' * (width - filled)}] {done}/{total} commits")
        if done == total:
            sys.stderr.write("\r\033[K")
        sys.stderr.flush()

    return show


@cli.command("eval")
@click.argument("revs", nargs=-1, metavar="[REV...]")
@click.option("--fixes", "fixes_file", type=click.Path(dir_okay=False), help="File of fix commit ids, one a line, an optional label after each (default: find them by message).")
@click.option("--fix-pattern", default=None, metavar="REGEX", help="Regular expression that marks a commit message as a fix (default: CVE/GHSA ids, security, XSS, injection, ...).")
@click.option("--since", default=None, help="Only commits since this date (git log --since: 2024-01-01, '2 years ago').")
@click.option("--sample", default=100, show_default=True, type=click.IntRange(0), help="Ordinary (non-fix) commits to sample as the cost side.")
@click.option("--seed", default=0, show_default=True, type=int, help="Seed of the ordinary-commit sample (same seed, same sample).")
@click.option("--config", "config_paths", multiple=True, type=click.Path(dir_okay=False), help="Config file to evaluate; repeat to compare several side by side.")
@click.option("--model", "models", multiple=True, help="Reviewer model (any litellm name); repeat to compare several side by side (env: FEDGATE_MODEL).")
@click.option("--api-base", envvar="FEDGATE_API_BASE", help="Base URL of the model API (env: FEDGATE_API_BASE).")
@click.option("--fail-on", type=click.Choice(["critical", "high", "medium", "low"]), help="Lowest severity that blocks (default: review.fail_on).")
@click.option("--offline", is_flag=True, help="Measure routing only: call no model, even one the config names.")
@click.option("--window", default=3, show_default=True, type=click.IntRange(0), help="A finding this many lines from a changed line counts as a catch.")
@click.option("--jobs", "-j", default=2, show_default=True, type=click.IntRange(1), help="Commits evaluated in parallel.")
@click.option("--git-dir", default=None, type=click.Path(file_okay=False), help="Evaluate this git directory (a bare repository or a mirror) instead of the current checkout.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, allow_dash=True), help="Write the result to FILE instead of stdout.")
@click.option("--no-ledger", is_flag=True, help="Do not record this eval in the ledger.")
def eval_cmd(revs, fixes_file, fix_pattern, since, sample, seed, config_paths, models, api_base, fail_on, offline,
             window, jobs, git_dir, fmt, output, no_ledger):
    """Measure the gate on this repository's history: would it have caught the fixes?

    Each fix is reintroduced (its source files taken back from its parent; tests, docs and
    changelog stay fixed) and run through the gate, next to a seeded sample of ordinary
    commits: routed and caught rates against the cost on everyday commits, side by side
    for every --config and --model. REV... limits the history (default HEAD; A..B works).
    """
    from .evaluate import render
    from .evaluate.document import build
    from .evaluate.history import DEFAULT_FIX_PATTERN, open_repository
    from .evaluate.run import EvalOptions, run_eval

    if not models and os.environ.get("FEDGATE_MODEL"):
        models = (os.environ["FEDGATE_MODEL"],)
    repo = open_repository(".", git_dir)
    opts = EvalOptions(
        revs=tuple(revs), since=since, fixes_file=fixes_file, fix_pattern=fix_pattern or DEFAULT_FIX_PATTERN,
        sample=sample, seed=seed, config_paths=tuple(config_paths) or (None,), models=tuple(models) or (None,),
        api_base=api_base, fail_on=fail_on, offline=offline, window=window, jobs=jobs, progress=_progress_bar(),
    )
    result = run_eval(repo, opts)
    doc = build(result)
    _write_output(render(fmt, doc), output)
    if not no_ledger and result.variants:
        from .evaluate.record import record_eval

        warning = record_eval(doc, repo, result.variants[0].config)
        if warning:
            click.echo(f"fedgate: warning: {warning}", err=True)
    if result.interrupted:
        click.echo("fedgate: interrupted: the result above is partial", err=True)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(130)  # as main(): do not join a worker whose model call is in flight


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file (default: .fedgate.yml at the repo root).")
@click.option("--range", "range_spec", default=None, metavar="RANGE", help="Explain every hunk of this range (HEAD~1, A..B): its risk score and what made it.")
@click.option("--staged", is_flag=True, help="Explain the hunks of the staged changes.")
def explain(paths, config_path, range_spec, staged):
    """Show which tier each PATH gets and which glob decided it; with --range (or --staged),
    the risk score of every hunk of the range and the reasons, limited to PATHs if given."""
    from .config import load_config
    from .gitrange import open_repo
    from .policy import Policy

    if any(not p.strip() for p in paths):
        raise FedgateError("explain: an empty PATH")
    if range_spec is not None or staged:
        _explain_range(paths, config_path, range_spec, staged)
        return
    if not paths:
        raise click.UsageError("give one or more PATHs, or --range RANGE")
    root = None
    try:
        root = open_repo(".").root
    except FedgateError:
        if config_path is None:
            root = os.getcwd()
    config = load_config(root, config_path)
    policy = Policy(config)
    source = config.source or "built-in default policy"
    click.echo(f"policy: {source}")
    for path in paths:
        rel, note = _repo_path(path, root)
        m = policy.tier_of_path(rel)
        model = config.model_for(m.tier) if m.tier in config.review.tiers else None
        route = f"model review by {model}" if model else ("model review (no model configured)" if m.tier in config.review.tiers else "rules only")
        click.echo(f"{m.tier:<6} {rel}  {m.reason}; {route}{note}")


def _explain_range(paths, config_path, range_spec, staged) -> None:
    from .diff import parse_diff
    from .gitrange import diff_text, resolve_range
    from .pipeline import CheckOptions, load
    from .plan import make_plan
    from .policy import classify

    repo, config, _ = load(CheckOptions(range_spec=range_spec, staged=staged, config_path=config_path))
    rng = resolve_range(repo, range_spec, staged, os.environ)
    files = () if rng.base is not None and rng.base == rng.head else classify(parse_diff(*diff_text(repo, rng)), config)
    wanted = [_repo_path(p, repo.root)[0] for p in paths]
    if wanted:
        files = tuple(fv for fv in files if any(
            fv.path == w or fv.path.startswith(w.rstrip("/") + "/") or (fv.file.old_path or "") == w for w in wanted))
    plan = make_plan(files, config)
    planned = {(p.path, p.hunk.old_start, p.hunk.new_start) for b in plan.batches for p in b.hunks}
    planned |= {(p.path, p.hunk.old_start, p.hunk.new_start) for p in plan.would_review}
    threshold = config.routing.threshold
    click.echo(f"policy: {config.source or 'built-in default policy'}; routing threshold {threshold}")
    click.echo(f"range: {rng.spec}{'  (' + rng.note + ')' if rng.note else ''}")
    if not files:
        click.echo("no changed files")
    for fv in files:
        shown = _printable(fv.path)
        if fv.file.old_path and fv.file.old_path != fv.path:
            shown = f"{_printable(fv.file.old_path)} -> {shown}"
        if fv.trivial is not None:
            click.echo(f"skip   {shown}  {fv.trivial}")
            continue
        click.echo(f"{fv.tier:<6} {shown}  {fv.reason}")
        for hv in fv.hunks:
            h = hv.hunk
            where = f"-{h.old_start},{h.old_len} +{h.new_start},{h.new_len}"
            if hv.trivial is not None:
                click.echo(f"  {where}  skip: {hv.trivial}")
                continue
            if (fv.path, h.old_start, h.new_start) in planned:
                model = config.model_for(hv.tier)
                route = f"model review by {model}" if model else "model review (no model configured)"
            elif hv.tier in plan.model_tiers:
                route = "not reviewed (see check)"
            else:
                route = "rules only"
            click.echo(f"  {where}  score {hv.score} ({hv.tier}): {route}")
            for r in hv.reasons:
                click.echo(f"      {r}")


def _printable(text: str) -> str:
    """A path as one visible line: control characters shown escaped."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _repo_path(path: str, root: str | None) -> tuple[str, str]:
    """PATH as the policy sees it: relative to the repository root, '/'-separated.

    Globs are matched against repo-root paths, so `explain auth.py` typed inside src/ must
    ask about src/auth.py.
    """
    is_dir = path.endswith(("/", os.sep)) or os.path.isdir(path)
    full = os.path.normpath(os.path.join(os.getcwd(), path))
    note = ""
    if root is not None:
        rel = os.path.relpath(full, os.path.realpath(root))
        if rel == os.curdir or rel.startswith(os.pardir + os.sep) or rel == os.pardir:
            rel, note = os.path.normpath(path), "  (outside the repository: matched as given)"
    else:
        rel = os.path.normpath(path)
    rel = rel.replace(os.sep, "/").lstrip("/")
    return (rel + "/" if is_dir and rel else rel), note


@cli.command()
@click.option("--path", "target", default=None, metavar="FILE", help="Where to write (default: .fedgate.yml at the repo root).")
def init(target):
    """Write a commented starter .fedgate.yml (never overwrites one)."""
    from .config import CONFIG_NAME, default_text
    from .gitrange import open_repo

    from .files import write_text

    if target is None:
        target = os.path.join(open_repo(".").root, CONFIG_NAME)
    # Exclusive and atomic: never overwrites a config, and a failed write leaves no empty
    # .fedgate.yml that would refuse the retry.
    write_text(target, default_text(), exclusive=True)
    click.echo(f"wrote {target}; try: fedgate explain PATH, fedgate check --dry-run HEAD~1")


@cli.command()
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file (default: .fedgate.yml at the repo root).")
def trust(config_path):
    """Approve this repository's review.api_base and ledger.path outside it, as they are now.

    A repository's config cannot send your API key or write outside the repository until you
    approve the exact value; the approval is kept in your config directory, not the repository.
    """
    from . import trust as trust_mod
    from .config import load_config
    from .gitrange import open_repo

    repo = open_repo(".")
    config = load_config(repo.root, config_path)
    items = trust_mod.needing_approval(config, repo.root)
    if not items:
        click.echo(f"nothing to approve: {config.source or 'the built-in policy'} sets no review.api_base "
                   "and no ledger.path outside the repository")
        return
    path = trust_mod.approve(items, os.path.join(repo.root, config.source or ""))
    from .ledger import display

    for setting, value in items:
        click.echo(f"approved {setting}: {display(value)}")
    click.echo(f"recorded in {path}; a different value will be asked about again")


@cli.group()
def ci() -> None:
    """Run fedgate as a CI step (range, outputs and comments from the CI system)."""


@ci.command("github", epilog=EXIT_HELP)
@click.option("--config", "config_path", envvar="FEDGATE_CONFIG", type=click.Path(dir_okay=False), help="Config file (env: FEDGATE_CONFIG).")
@click.option("--model", envvar="FEDGATE_MODEL", help="Reviewer model, any litellm name (env: FEDGATE_MODEL).")
@click.option("--api-base", envvar="FEDGATE_API_BASE", help="Base URL of the model API (env: FEDGATE_API_BASE).")
@click.option("--fail-on", envvar="FEDGATE_FAIL_ON", type=click.Choice(["critical", "high", "medium", "low"]), help="Lowest severity that blocks (env: FEDGATE_FAIL_ON).")
@click.option("--fail-open", envvar="FEDGATE_FAIL_OPEN", is_flag=True, help="Pass when a planned review cannot be completed (env: FEDGATE_FAIL_OPEN).")
@click.option("--base", envvar="FEDGATE_BASE", help="Base revision (default: from the event: pull_request.base.sha, push before).")
@click.option("--head", envvar="FEDGATE_HEAD", help="Head revision (default: from the event: pull_request.head.sha, push after).")
@click.option("--sarif-file", envvar="FEDGATE_SARIF_FILE", type=click.Path(dir_okay=False), help="Also write SARIF 2.1.0 here (env: FEDGATE_SARIF_FILE).")
@click.option("--comment", envvar="FEDGATE_COMMENT", is_flag=True, help="Post findings as one pull-request review (env: FEDGATE_COMMENT; needs GITHUB_TOKEN).")
def ci_github(config_path, model, api_base, fail_on, fail_open, base, head, sarif_file, comment):
    """Review a GitHub Actions pull_request, push or merge_group event.

    The range comes from the event (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH), or --base/--head.
    Writes annotations, the job summary (GITHUB_STEP_SUMMARY) and step outputs (GITHUB_OUTPUT).
    """
    from .ci.github import GithubOptions, run

    opts = GithubOptions(config_path=config_path, model=model, api_base=api_base, fail_on=fail_on,
                         fail_open=fail_open, base=base, head=head, sarif_file=sarif_file, comment=comment)
    sys.exit(run(opts))


def _ledger_paths(paths: tuple[str, ...]) -> list[str]:
    """The --ledger paths given, else this repository's ledger."""
    if paths:
        return list(paths)
    from .config import load_config
    from .gitrange import open_repo
    from .ledger import ledger_target, need_driver

    repo = open_repo(".")
    target = ledger_target(repo, load_config(repo.root))
    need_driver(target)
    return [target]


def _report_config():
    """Prices for the savings estimate: this repository's config, else the built-in default."""
    from .config import load_config
    from .gitrange import open_repo

    try:
        root = open_repo(".").root
    except FedgateError:
        root = None
    return load_config(root)


@cli.command()
@click.option("--since", default="14d", show_default=True, help="Runs since: 14d, 12h, 2w, a date (2026-11-01) or 'all'.")
@click.option("--until", default=None, help="Runs before this date (2026-11-30) or duration ago (7d).")
@click.option("--branch", default=None, help="Only runs on this branch.")
@click.option("--repo", "repo_name", default=None, help="Only runs of this repository (github.com/owner/name, as recorded).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown", "html"]), default="text", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, allow_dash=True), help="Write the report to FILE instead of stdout.")
@click.option("--ledger", "ledgers", multiple=True, help="Ledger file or postgresql:// URL to read (repeat to combine; default: this repository's).")
def report(since, until, branch, repo_name, fmt, output, ledgers):
    """Scorecard from the ledger: what each tier and model cost, found, and got fixed."""
    from datetime import datetime, timezone

    from . import scorecard
    from .ledger import display, is_url, need_driver, read_records

    now = datetime.now(timezone.utc)
    start = scorecard.parse_since(since, now)
    end = scorecard.parse_since(until, now, option="--until") if until else None
    for p in ledgers:
        need_driver(p)
    paths = _ledger_paths(ledgers)
    # This repository's own ledger not existing yet just means no run was recorded; a
    # --ledger path that does not exist is a mistake and stays an error.
    records = scorecard.combine([read_records(p) if ledgers or is_url(p) or os.path.exists(p) else [] for p in paths])
    card = scorecard.build(records, _report_config(), since=start, branch=branch, now=now,
                           sources=tuple(display(p) for p in paths), until=end, repo=repo_name)
    _write_output(scorecard.render(fmt, card), output)


@cli.group()
def ledger():
    """Move run records between ledgers (JSON Lines export and import)."""


@ledger.command("export")
@click.option("--output", "-o", type=click.Path(dir_okay=False, allow_dash=True), help="Write to FILE instead of stdout.")
@click.option("--ledger", "ledger_file", help="Ledger file or postgresql:// URL to export (default: this repository's).")
def ledger_export(output, ledger_file):
    """Write every run in the ledger as JSON Lines (one run a line)."""
    from .ledger import export_lines, need_driver

    if ledger_file:
        need_driver(ledger_file)
    _write_output(export_lines(_ledger_paths((ledger_file,) if ledger_file else ())[0]), output)


@ledger.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--ledger", "ledger_file", help="Ledger file or postgresql:// URL to add to (default: this repository's).")
def ledger_import(files, ledger_file):
    """Add the runs in JSON Lines exports to the ledger; runs already there are skipped."""
    from .ledger import display, import_files, need_driver

    if ledger_file:
        need_driver(ledger_file)
    target = _ledger_paths((ledger_file,) if ledger_file else ())[0]
    added, skipped = import_files(target, list(files))
    click.echo(f"imported {added} run(s) into {display(target)}; {skipped} already present")


def _internal_error(e: Exception) -> None:
    """A crash is exit 2 with one line naming the traceback file, never exit 1 (which a hook
    or CI reads as "blocking findings") and never a traceback on screen (FEDGATE_DEBUG=1 shows it)."""
    import traceback

    text = "".join(traceback.format_exception(type(e), e, e.__traceback__))
    what = " ".join(f"{type(e).__name__}: {e}".split())[:300]
    try:  # an exception's text may quote a key (a URL, a header): nothing key-shaped on screen
        from .review.secrets import scrub

        what = scrub(what)
    except Exception:  # noqa: BLE001 - the crash report must not crash
        pass
    text, what = _without_ledger_password(text), _without_ledger_password(what)
    if os.environ.get("FEDGATE_DEBUG", "") not in ("", "0"):
        sys.stderr.write(text)
    where = _save_traceback(text)
    saved = f"traceback in {where}" if where else "the traceback could not be saved; FEDGATE_DEBUG=1 prints it"
    click.echo(f"fedgate: internal error: {what} ({saved}; please report it)", err=True)
    sys.exit(2)


def _without_ledger_password(text: str) -> str:
    """A team ledger's password in no traceback file and on no screen: any postgresql:// URL's
    password, and the configured URL's password wherever it is quoted on its own."""
    import re

    text = re.sub(r"(postgres(?:ql)?://[^:/@\s]*:)[^@\s]*@", r"\1***@", text)
    url = os.environ.get("FEDGATE_LEDGER_URL", "")
    try:
        from .ledger import _secrets_of

        for secret in sorted(_secrets_of(url) if url else [], key=len, reverse=True):
            text = text.replace(secret, "***")
    except Exception:  # noqa: BLE001 - the crash report must not crash
        pass
    return text


def _save_traceback(text: str) -> str | None:
    import tempfile
    import time

    try:
        fd, path = tempfile.mkstemp(prefix=f"fedgate-crash-{time.strftime('%Y%m%dT%H%M%S')}-", suffix=".txt")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        return path
    except OSError:
        return None


def main(argv: list[str] | None = None) -> None:
    try:
        from .gitrange import strip_git_env

        strip_git_env()
        # standalone_mode=False: click's own handler prints usage errors as four lines
        # ("Usage: ... Try ... Error: ..."); the exit-2 contract is one line on stderr.
        code = cli.main(args=argv, prog_name="fedgate", standalone_mode=False)
    except click.UsageError as e:
        if type(e).__name__ == "NoArgsIsHelpError":  # bare `fedgate` / `fedgate ledger`: show the help
            click.echo(e.format_message(), err=True)
            sys.exit(2)
        where = f" (see '{e.ctx.command_path} --help')" if e.ctx is not None else ""
        click.echo(f"fedgate: error: {e.format_message()}{where}", err=True)
        sys.exit(2)
    except click.ClickException as e:
        click.echo(f"fedgate: error: {e.format_message()}", err=True)
        sys.exit(e.exit_code)
    except click.Abort:  # Ctrl-C (click turns KeyboardInterrupt into Abort)
        click.echo("fedgate: interrupted", err=True)
        sys.stdout.flush()
        sys.stderr.flush()
        # Not sys.exit: interpreter shutdown joins the reviewer's worker threads, and a model
        # call in flight holds it for up to review.timeout_s.
        os._exit(130)
    except FedgateError as e:  # raised outside a command (option callbacks, the git environment)
        click.echo(f"fedgate: error: {e}", err=True)
        sys.exit(e.exit_code)
    except Exception as e:  # noqa: BLE001 - a bug of ours: one line, exit 2, the traceback to a file
        _internal_error(e)
    sys.exit(code if isinstance(code, int) else 0)
