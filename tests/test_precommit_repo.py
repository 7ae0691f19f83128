"""fedgate's hooks as pre-commit users consume them: `repo:` a clone of this project at a sha,
the hooks of .pre-commit-hooks.yaml unchanged (`language: python`: pre-commit builds its own
virtualenv and pip-installs fedgate with its dependencies from the package registry).

The environment is built once per session in an isolated PRE_COMMIT_HOME; the tests then run
the real `pre-commit install`, `git commit` and `git push` and check what the user sees.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from helpers_integrations import commit, git, git_env, init_repo
from venvs import copy_tree

# Builds and installs as users do: on a fresh machine the first one downloads the build
# backend (and, for pre-commit, every dependency) from the package registry.
pytestmark = pytest.mark.timeout(900)

# Built from pieces so that no scanner flags this test file itself.
AWS_KEY = "AKIA" + "Q3EGH7RT2WXZJ4NP"
AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYzQ8pLm2vT5kE"
PUSH_HOOK = "fedgate (risk-based review of the pushed commits)"
COMMIT_HOOK = "fedgate (built-in rules on the staged change)"


def hook_env(home: Path) -> dict[str, str]:
    env = git_env(PRE_COMMIT_HOME=str(home), PIP_DISABLE_PIP_VERSION_CHECK="1")
    env.pop("PYTHONPATH", None)  # the hooks must run the fedgate pre-commit installed, not this checkout's src/
    return env


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory) -> tuple[str, str]:
    """(repo, rev): this checkout's files committed into a throwaway repository, as a clone at
    a sha holds them (uncommitted edits included, so the test sees the code under test)."""
    path = copy_tree(tmp_path_factory.mktemp("hook-repo") / "fedgate")
    env = git_env()
    git(path, "init", "-q", "-b", "main", env=env)
    git(path, "add", "-A", env=env)
    git(path, "commit", "-q", "-m", "fedgate under test", env=env)
    return str(path), git(path, "rev-parse", "HEAD", env=env)


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory, hook_repo) -> Path:
    """An isolated PRE_COMMIT_HOME in which pre-commit has installed the hooks' environment once."""
    home = tmp_path_factory.mktemp("pre-commit-home")
    work = init_repo(tmp_path_factory.mktemp("warm") / "work")
    commit(work, {".pre-commit-config.yaml": config(*hook_repo)}, "config")
    proc = subprocess.run([sys.executable, "-m", "pre_commit", "install-hooks"], cwd=work, env=hook_env(home),
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return home


def config(repo: str, rev: str) -> str:
    return (
        "default_install_hook_types: [pre-commit, pre-push]\n"
        "repos:\n"
        f"  - repo: {repo}\n"
        f"    rev: {rev}\n"
        "    hooks:\n"
        "      - id: fedgate\n"
        "      - id: fedgate-staged\n"
    )


@pytest.fixture
def user_repo(tmp_path, hook_repo, pre_commit_home) -> tuple[Path, dict]:
    env = hook_env(pre_commit_home)
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote), env=env)
    work = init_repo(tmp_path / "work")
    commit(work, {".pre-commit-config.yaml": config(*hook_repo), "README.md": "# demo\n", "src/app.py": "x = 1\n"},
           "initial")
    git(work, "remote", "add", "origin", str(remote), env=env)
    git(work, "push", "-q", "origin", "main", env=env)  # before the hooks exist
    # No --hook-type: default_install_hook_types decides, as the README shows.
    proc = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=work, env=env,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (work / ".git" / "hooks" / "pre-commit").exists() and (work / ".git" / "hooks" / "pre-push").exists()
    return work, env


def run(work: Path, env: dict, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=work, env=env, capture_output=True, text=True, timeout=300)


def remote_sha(work: Path, env: dict) -> str:
    out = git(work, "ls-remote", "origin", "refs/heads/main", env=env)
    return out.split()[0] if out else ""


def stage(work: Path, env: dict, files: dict[str, str]) -> None:
    for rel, text in files.items():
        p = work / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    git(work, "add", "-A", env=env)


def test_docs_only_commit_and_push_pass(user_repo):
    work, env = user_repo
    stage(work, env, {"docs/guide.md": "# Guide\n", "README.md": "# demo\n\nMore words.\n"})
    made = run(work, env, "commit", "-m", "docs")
    assert made.returncode == 0, made.stdout + made.stderr
    line = next(ln for ln in (made.stdout + made.stderr).splitlines() if ln.startswith(COMMIT_HOOK))
    assert line.endswith("Passed"), line
    head = git(work, "rev-parse", "HEAD", env=env)
    pushed = run(work, env, "push", "origin", "main")
    assert pushed.returncode == 0, pushed.stdout + pushed.stderr
    line = next(ln for ln in (pushed.stdout + pushed.stderr).splitlines() if ln.startswith(PUSH_HOOK))
    assert line.endswith("Passed"), line
    assert remote_sha(work, env) == head


def test_a_planted_secret_is_refused_at_commit_and_at_push(user_repo):
    work, env = user_repo
    before = git(work, "rev-parse", "HEAD", env=env)
    stage(work, env, {"src/auth/aws.py": f'AWS_ACCESS_KEY_ID = "{AWS_KEY}"\nAWS_SECRET_ACCESS_KEY = "{AWS_SECRET}"\n'})
    refused = run(work, env, "commit", "-m", "aws")
    seen = refused.stdout + refused.stderr
    assert refused.returncode != 0, seen
    assert f"{COMMIT_HOOK}" in seen and "Failed" in seen and "- exit code: 1" in seen
    assert "[secret] AWS Access Key added" in seen and "FAIL (exit 1)" in seen
    assert AWS_SECRET not in seen  # the report never repeats the secret
    assert git(work, "rev-parse", "HEAD", env=env) == before  # no commit was made

    # Past the commit hook (--no-verify), the pre-push hook still refuses it.
    forced = run(work, env, "commit", "--no-verify", "-m", "aws")
    assert forced.returncode == 0, forced.stderr
    pushed = run(work, env, "push", "origin", "main")
    seen = pushed.stdout + pushed.stderr
    assert pushed.returncode != 0, seen
    assert f"{PUSH_HOOK}" in seen and "Failed" in seen and "[secret]" in seen and "FAIL (exit 1)" in seen
    assert AWS_SECRET not in seen
    assert remote_sha(work, env) == before  # nothing reached the remote
