"""Real throwaway git repositories and real fedgate runs for the ledger tests."""
from __future__ import annotations

import json
import subprocess
from dataclasses import replace
from pathlib import Path

from gitrepo import run_fedgate, run_git, write_files

from fedgate.config import load_config
from fedgate.findings import decide, fingerprint
from fedgate.models import Batch, Finding, ModelUsage, PlannedHunk, ReviewOutcome, RunResult, Usage
from fedgate.pipeline import CheckOptions, run_check


class Repo:
    def __init__(self, path: Path):
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.email", "dev@example.invalid")
        self.git("config", "user.name", "Dev")
        self.git("config", "commit.gpgsign", "false")

    def git(self, *args: str) -> str:
        return run_git(self.path, *args).stdout

    def commit(self, files: dict[str, str | None], msg: str = "change") -> str:
        write_files(self.path, files)
        self.git("add", "-A")
        self.git("commit", "-q", "-m", msg)
        return self.git("rev-parse", "HEAD").strip()


def fedgate(args: list[str], cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return run_fedgate(cwd, *args, env=env, timeout=60)


def report_json(cwd: Path, *args: str, env: dict | None = None) -> dict:
    r = fedgate(["report", "--format", "json", "--since", "all", *args], cwd, env)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def finding(rule: str, path: str, line: int, line_text: str, source: str = "rules", severity: str = "high") -> Finding:
    return Finding(path=path, line=line, severity=severity, rule=rule, source=source,
                   message=f"{rule} at {path}:{line}", title=rule, fingerprint=fingerprint(rule, path, line_text))


def reviewed_run(
    repo: Repo,
    range_spec: str,
    findings: tuple[Finding, ...] = (),
    model_usage: tuple[ModelUsage, ...] = (),
    model: str | None = None,
) -> tuple[RunResult, object, object]:
    """A real run of the pipeline up to the plan (the model reviewer is another branch's work),
    then a review outcome we state, then the real decide(): suppressions, baseline, exit code.
    With `model`, every reviewable high-tier hunk goes into one batch for that model."""
    result, git_repo, config = run_check(CheckOptions(range_spec=range_spec, dry_run=True, cwd=str(repo.path)))
    plan = result.plan
    if model is not None and not plan.batches:
        hunks = tuple(PlannedHunk(fv.path, hv.tier, hv.hunk, hv.tokens)
                      for fv in result.files for hv in fv.hunks if hv.reviewable and hv.tier == "high")
        plan = replace(plan, batches=(Batch(model, "high", hunks, sum(h.tokens for h in hunks), None),), would_review=())
    outcome = ReviewOutcome(findings=findings, usage=Usage.total(model_usage))
    decision = decide(result.files, plan, outcome, config)
    result = replace(result, plan=plan, outcome=outcome, decision=decision, dry_run=False,
                     model_configured=result.model_configured or model is not None)
    return result, git_repo, config


def config_of(repo: Repo):
    return load_config(str(repo.path))
