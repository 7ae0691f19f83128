"""Issue 12 item 18: in CI an empty model key fails closed like `check` does (exit 3)."""
from __future__ import annotations

import json

import pytest
from gate_helpers import auth_repo, hostile_commit, user_env

from gitrepo import fedgate


def _pr(tmp_path, fork: bool):
    repo = auth_repo(tmp_path)
    base = repo.head()
    # No secret and no injection: the only thing that can block is the missing model review.
    head = hostile_commit(repo, {}, auth="def login(user, password):\n    return True\n")
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"number": 7, "pull_request": {
        "number": 7, "base": {"sha": base, "repo": {"full_name": "acme/app"}},
        "head": {"sha": head, "repo": {"full_name": "someone/app" if fork else "acme/app"}}}}))
    env = user_env(tmp_path, FEDGATE_MODEL="openai/gpt-4.1-mini", OPENAI_API_KEY="",
                   GITHUB_EVENT_NAME="pull_request", GITHUB_EVENT_PATH=str(event),
                   GITHUB_STEP_SUMMARY=str(tmp_path / "summary.md"), GITHUB_OUTPUT=str(tmp_path / "out.txt"),
                   # Safety net: a call that should not happen goes nowhere, not to the internet.
                   OPENAI_BASE_URL="http://127.0.0.1:9/v1")
    return repo, env


def test_an_empty_key_in_ci_is_incomplete_like_check(tmp_path):
    repo, env = _pr(tmp_path, fork=False)
    local = fedgate(repo.path, "check", "--no-ledger", "HEAD~1", env=env)
    assert local.code == 3, local.stdout + local.stderr
    ci = fedgate(repo.path, "ci", "github", env=env)
    assert ci.code == local.code, ci.stdout + ci.stderr
    summary = (tmp_path / "summary.md").read_text()
    assert "no API key for openai/gpt-4.1-mini: set OPENAI_API_KEY" in summary


def test_a_fork_pull_request_still_runs_the_rules_and_says_why_the_model_did_not(tmp_path):
    # GitHub gives workflows from forks no secrets: failing them all would block every outside
    # contribution, so the model is skipped there, loudly (review.required: true fails them).
    repo, env = _pr(tmp_path, fork=True)
    ci = fedgate(repo.path, "ci", "github", env=env)
    assert ci.code == 0, ci.stdout + ci.stderr
    assert "fork pull request: GitHub gives workflows from forks no secrets" in (tmp_path / "summary.md").read_text()
