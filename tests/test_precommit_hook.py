"""fedgate as a pre-push hook run by the real pre-commit, pushing to a local bare remote."""
from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from helpers_integrations import commit, git, git_env, init_repo

ROOT = Path(__file__).resolve().parents[1]
# Built from pieces so that no scanner flags this test file itself.
AWS_KEY = "AKIA" + "Q3EGH7RT2WXZJ4NP"
AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYzQ8pLm2vT5kE"


def hook_config(verbose: bool = True) -> str:
    # language: system runs THIS checkout's fedgate (PYTHONPATH is set for the push).
    entry = f"{shlex.quote(sys.executable)} -m fedgate check"
    return (
        "repos:\n"
        "  - repo: local\n"
        "    hooks:\n"
        "      - id: fedgate\n"
        "        name: fedgate\n"
        f"        entry: {entry}\n"
        "        language: system\n"
        "        stages: [pre-push, manual]\n"
        "        pass_filenames: false\n"
        "        always_run: true\n"
        "        require_serial: true\n"
        f"        verbose: {'true' if verbose else 'false'}\n"
    )


def make_repo(tmp_path: Path, fedgate_yml: str | None) -> tuple[Path, dict]:
    env = git_env(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"))
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote), env=env)
    work = init_repo(tmp_path / "work")
    files = {".pre-commit-config.yaml": hook_config(), "README.md": "# demo\n", "src/app.py": "x = 1\n"}
    if fedgate_yml:
        files[".fedgate.yml"] = fedgate_yml
    commit(work, files, "initial")
    git(work, "remote", "add", "origin", str(remote), env=env)
    git(work, "push", "-q", "origin", "main", env=env)  # before the hook exists
    proc = subprocess.run([sys.executable, "-m", "pre_commit", "install", "--hook-type", "pre-push"],
                          cwd=work, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (work / ".git" / "hooks" / "pre-push").exists()
    return work, env


def push(work: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "push", "origin", *args], cwd=work, env=env, capture_output=True, text=True)


def remote_sha(work: Path, env: dict, branch: str) -> str:
    out = git(work, "ls-remote", "origin", f"refs/heads/{branch}", env=env)
    return out.split()[0] if out else ""


@pytest.fixture
def required_repo(tmp_path):
    # No model and review.required: a high-risk push cannot be reviewed, so it is refused (exit 3).
    return make_repo(tmp_path, "review:\n  required: true\n")


@pytest.fixture
def default_repo(tmp_path):
    return make_repo(tmp_path, None)


def test_high_risk_push_is_refused_when_review_is_required(required_repo):
    work, env = required_repo
    before = remote_sha(work, env, "main")
    commit(work, {"src/auth/login.py": "def login(user):\n    return user.is_admin\n"}, "login")
    proc = push(work, env, "main")
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0, output
    assert "INCOMPLETE (exit 3)" in output
    assert "no model configured and review.required is true" in output
    assert "src/auth/login.py" in output
    assert remote_sha(work, env, "main") == before  # nothing reached the remote


def test_docs_only_push_goes_through(required_repo):
    work, env = required_repo
    head = commit(work, {"README.md": "# demo\n\nMore words.\n", "docs/guide.md": "# Guide\n"}, "docs")
    proc = push(work, env, "main")
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert "PASS (exit 0)" in output
    assert "pre-push range from pre-commit" in output
    assert remote_sha(work, env, "main") == head


def test_push_with_a_planted_secret_is_refused(default_repo):
    work, env = default_repo
    before = remote_sha(work, env, "main")
    commit(work, {"src/auth/aws.py": f'AWS_ACCESS_KEY_ID = "{AWS_KEY}"\nAWS_SECRET_ACCESS_KEY = "{AWS_SECRET}"\n'}, "aws")
    proc = push(work, env, "main")
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0, output
    assert "FAIL (exit 1)" in output and "[secret]" in output
    assert AWS_SECRET not in output  # the report must not repeat the secret
    assert remote_sha(work, env, "main") == before


def test_new_branch_push_checks_only_the_new_commits(required_repo):
    work, env = required_repo
    main = git(work, "rev-parse", "HEAD", env=env)
    git(work, "checkout", "-q", "-b", "feature", env=env)
    commit(work, {"docs/one.md": "# One\n"}, "one")
    head = commit(work, {"docs/two.md": "# Two\n"}, "two")
    proc = push(work, env, "-u", "feature")
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    # pre-commit names the parent of the first commit the remote lacks: main's tip.
    m = re.search(r"fedgate (\S+): ([0-9a-f]{12}|empty tree)\.\.([0-9a-f]{12}), (\d+) file\(s\)", output)
    assert m, output
    assert m.group(2) == main[:12] and m.group(3) == head[:12]
    assert m.group(4) == "2"
    assert "src/app.py" not in output and ".fedgate.yml" not in output


def test_new_root_branch_push_falls_back_and_says_so(default_repo):
    work, env = default_repo
    # An orphan branch: pre-commit sets no PRE_COMMIT_FROM_REF/TO_REF for it.
    git(work, "checkout", "-q", "--orphan", "pages", env=env)
    git(work, "rm", "-q", "-r", "--cached", "src", "README.md", env=env)
    (work / "src" / "app.py").unlink()
    (work / "README.md").unlink()
    head = commit(work, {"index.md": "# Pages\n"}, "pages root")
    git(work, "checkout", "-q", "main", env=env)  # the pushed ref need not be HEAD
    proc = push(work, env, "pages")
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert "new branch from a root commit: the whole history against the empty tree" in output
    assert f"empty tree..{head[:12]}, 2 file(s)" in output  # .pre-commit-config.yaml and index.md
    assert remote_sha(work, env, "pages") == head


def test_hook_manifest_is_valid_for_pre_commit():
    from pre_commit.clientlib import load_manifest

    hook, staged = load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    assert hook["id"] == "fedgate" and hook["entry"] == "fedgate check" and hook["language"] == "python"
    assert hook["stages"] == ["pre-push", "manual"]
    # The commit stage, which `pre-commit install` installs by default: rules only, offline.
    assert staged["id"] == "fedgate-staged" and staged["entry"] == "fedgate check --staged --rules-only"
    assert staged["stages"] == ["pre-commit", "manual"] and staged["language"] == "python"
    for h in (hook, staged):
        assert h["pass_filenames"] is False and h["always_run"] is True and h["require_serial"] is True
        assert h["minimum_pre_commit_version"] == "3.2.0"


def test_push_from_a_linked_worktree(required_repo, tmp_path):
    work, env = required_repo
    linked = tmp_path / "linked"
    git(work, "worktree", "add", "-q", "-b", "topic", str(linked), env=env)
    head = commit(linked, {"docs/topic.md": "# Topic\n"}, "topic docs")
    proc = subprocess.run(["git", "push", "origin", "topic"], cwd=linked, env=env, capture_output=True, text=True)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert f"..{head[:12]}, 1 file(s)" in output
    assert remote_sha(work, env, "topic") == head


def test_inherited_git_variables_do_not_redirect_fedgate(tmp_path):
    # Git exports GIT_INDEX_FILE (and GIT_DIR in submodules) to hooks; left in place, a
    # staged check would read another repository's index (pre-commit #300, #1849).
    decoy = init_repo(tmp_path / "decoy")
    commit(decoy, {"decoy.txt": "a\n"}, "one")
    real = init_repo(tmp_path / "real")
    commit(real, {"README.md": "x\n"}, "one")
    (real / "docs").mkdir()
    (real / "docs" / "staged.md").write_text("# Staged\n")
    git(real, "add", "docs/staged.md")
    env = git_env(GIT_INDEX_FILE=str(decoy / ".git" / "index"))
    proc = subprocess.run([sys.executable, "-m", "fedgate", "check", "--staged"], cwd=real, env=env,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "docs/staged.md" in proc.stdout and "decoy.txt" not in proc.stdout
