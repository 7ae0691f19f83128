"""Issue 12 item 9: no value that reaches git as a revision can be read by git as an option."""
from __future__ import annotations

import json

import pytest
from gate_helpers import auth_repo, hostile_commit, user_env

from gitrepo import fedgate, run_git


@pytest.fixture
def clone(tmp_path):
    origin = auth_repo(tmp_path)
    hostile_commit(origin, {})
    run_git(tmp_path, "clone", "-q", str(origin.path), "clone")
    return tmp_path / "clone"


def _pwned(tmp_path):
    return tmp_path / "pwned"


def _vectors(tmp_path):
    marker = _pwned(tmp_path)
    return [
        f"--upload-pack=touch {marker}; git-upload-pack",
        f"--upload-pack=touch {marker};git-upload-pack",
        "-oProxyCommand=touch " + str(marker),
        "--output=" + str(marker),
        "-h",
    ]


@pytest.mark.parametrize("which", ["base", "head"])
@pytest.mark.parametrize("i", range(5))
def test_ci_github_refuses_a_revision_that_starts_with_a_dash(tmp_path, clone, which, i):
    value = _vectors(tmp_path)[i]
    args = {"base": ["--base", value, "--head", "HEAD"], "head": ["--base", "HEAD~1", "--head", value]}[which]
    run = fedgate(clone, "ci", "github", *args, env=user_env(tmp_path, GITHUB_STEP_SUMMARY=str(tmp_path / "s.md")))
    assert not _pwned(tmp_path).exists()
    assert run.code == 2, run.stdout + run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "starts with '-'" in lines[0], run.stderr


def test_an_event_payload_sha_that_starts_with_a_dash_is_refused(tmp_path, clone):
    event = tmp_path / "event.json"
    evil = f"--upload-pack=touch {_pwned(tmp_path)}; git-upload-pack"
    event.write_text(json.dumps({"number": 1, "pull_request": {
        "number": 1, "base": {"sha": evil, "repo": {"full_name": "a/b"}},
        "head": {"sha": "HEAD", "repo": {"full_name": "a/b"}}}}))
    run = fedgate(clone, "ci", "github", env=user_env(tmp_path, GITHUB_EVENT_NAME="pull_request",
                                                       GITHUB_EVENT_PATH=str(event)))
    assert not _pwned(tmp_path).exists()
    assert run.code == 2 and len(run.stderr.strip().splitlines()) == 1, run.stderr


# (A range that itself starts with "--" is read by click as an option of fedgate: the user's own flag.)
@pytest.mark.parametrize("spec", ["HEAD~1..--output=/tmp/fedgate-x", "HEAD~1...--output=/tmp/fedgate-x",
                                  "HEAD...--all", "--all..HEAD", "HEAD..-h", "--end-of-options"])
def test_check_ranges_never_become_options(tmp_path, clone, spec):
    run = fedgate(clone, "check", "--no-ledger", "--", spec, env=user_env(tmp_path))
    assert run.code == 2, run.stdout + run.stderr
    assert len(run.stderr.strip().splitlines()) == 1 and "Traceback" not in run.stderr


def test_pre_push_refs_that_start_with_a_dash_are_refused(tmp_path, clone):
    env = user_env(tmp_path, PRE_COMMIT="1", PRE_COMMIT_FROM_REF=f"--upload-pack=touch {_pwned(tmp_path)}",
                   PRE_COMMIT_TO_REF="HEAD")
    run = fedgate(clone, "check", "--no-ledger", env=env)
    assert not _pwned(tmp_path).exists()
    assert run.code == 2 and len(run.stderr.strip().splitlines()) == 1, run.stderr
