"""Command line: parse, call the pipeline, print, exit. Nothing else lives here."""
from __future__ import annotations

import os
import sys
import tempfile

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
    directory = os.path.dirname(os.path.abspath(path))
    try:
        # Write beside the target and rename: a reader never sees half a report.
        fd, tmp = tempfile.mkstemp(prefix=".fedgate-", dir=directory)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError as e:
        raise FedgateError(f"cannot write {path}: {e.strerror or e}") from None


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
    return fmt == "text" and output in (None, "-") and sys.stdout.isatty() and "NO_COLOR" not in os.environ


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
def check(range_spec, staged, config_path, fmt, output, dry_run, model, api_base, fail_on, fail_open, no_cache, no_ledger):
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
    from .pipeline import CheckOptions, run_check
    from .report import render

    overrides = {"model": model, "api_base": api_base, "fail_on": fail_on}
    if fail_open:
        overrides["on_error"] = "pass"
    opts = CheckOptions(
        range_spec=range_spec,
        staged=staged,
        config_path=config_path,
        dry_run=dry_run,
        use_cache=not no_cache,
        review_overrides=overrides,
        progress=_progress_printer(),
    )
    result, repo, config = run_check(opts)
    _write_output(render(fmt, result, color=_use_color(fmt, output)), output)
    sys.exit(result.decision.exit_code)


@cli.command()
@click.argument("range_spec", metavar="[RANGE]", required=False)
@click.option("--staged", is_flag=True, help="Take the findings of the staged changes instead of a range.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file (default: .fedgate.yml at the repo root).")
@click.option("--rules-only", is_flag=True, help="Do not call the reviewer model; baseline the built-in rules' findings only.")
def baseline(range_spec, staged, config_path, rules_only):
    """Write .fedgate-baseline.json: the fingerprints of the findings in RANGE (as for check).

    Later runs report baselined findings as suppressed and do not block on them, so a team
    adopting fedgate is blocked only by new findings. Inline-suppressed findings are left out.
    """
    import json

    from .findings import BASELINE_NAME, baseline_document
    from .pipeline import CheckOptions, run_check

    opts = CheckOptions(
        range_spec=range_spec,
        staged=staged,
        config_path=config_path,
        progress=_progress_printer(),
        skip_model_reason="baseline --rules-only: the model was not called" if rules_only else None,
    )
    result, repo, _ = run_check(opts)
    kept = tuple(f for f in result.decision.findings if not f.suppression.startswith("inline"))
    target = os.path.join(repo.root, BASELINE_NAME)
    _write_output(json.dumps(baseline_document(kept), indent=2) + "\n", target)
    click.echo(f"wrote {len(baseline_document(kept)['fingerprints'])} fingerprint(s) from {result.range.spec} to {target}")


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file (default: .fedgate.yml at the repo root).")
def explain(paths, config_path):
    """Show which tier each PATH gets and which glob decided it."""
    from .config import load_config
    from .gitrange import open_repo
    from .policy import Policy

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
        m = policy.tier_of_path(path.replace(os.sep, "/").lstrip("./") if path.startswith("./") else path)
        model = config.model_for(m.tier) if m.tier in config.review.tiers else None
        route = f"model review by {model}" if model else ("model review (no model configured)" if m.tier in config.review.tiers else "rules only")
        click.echo(f"{m.tier:<6} {path}  {m.reason}; {route}")


@cli.command()
@click.option("--path", "target", default=None, help="Where to write (default: .fedgate.yml at the repo root).")
def init(target):
    """Write a commented starter .fedgate.yml (never overwrites one)."""
    from .config import CONFIG_NAME, default_text
    from .gitrange import open_repo

    if target is None:
        target = os.path.join(open_repo(".").root, CONFIG_NAME)
    try:
        with open(target, "x", encoding="utf-8") as fh:
            fh.write(default_text())
    except FileExistsError:
        raise FedgateError(f"{target} already exists; edit it, or remove it first") from None
    except OSError as e:
        raise FedgateError(f"cannot write {target}: {e.strerror or e}") from None
    click.echo(f"wrote {target}; try: fedgate explain PATH, fedgate check --dry-run HEAD~1")


def main(argv: list[str] | None = None) -> None:
    from .gitrange import strip_git_env

    strip_git_env()
    cli.main(args=argv, prog_name="fedgate")
