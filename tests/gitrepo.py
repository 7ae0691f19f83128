"""Real throwaway git repositories for tests, and ways to run fedgate against them.

The primitives every test helper builds on: `clean_env` (a fixed git identity, no inherited
GIT_*/FEDGATE_*/PRE_COMMIT* variables, this worktree's src first on PYTHONPATH), `run_git`
(git in a folder with that environment) and `run_fedgate` (the real CLI in a new process).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

SRC = str(Path(__file__).resolve().parents[1] / "src")

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.com",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


def clean_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """This process's environment without GIT_*/FEDGATE_*/PRE_COMMIT*, plus GIT_ENV and `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "FEDGATE_", "PRE_COMMIT"))}
    env.update(GIT_ENV)
    env["HOME"] = env.get("FEDGATE_TEST_HOME", env.get("HOME", "/tmp"))
    env["PYTHONPATH"] = SRC + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    if extra:
        env.update(extra)
    return env


def _run(argv: list[str], **kw) -> subprocess.CompletedProcess[str]:
    """subprocess.run capturing output, decoded as UTF-8 (bad bytes replaced, newlines untouched)."""
    p = subprocess.run(argv, capture_output=True, **kw)
    return subprocess.CompletedProcess(p.args, p.returncode, p.stdout.decode("utf-8", "replace"),
                                       p.stderr.decode("utf-8", "replace"))


class GitError(RuntimeError, AssertionError):
    """A git command that failed (a RuntimeError, and an AssertionError so pytest shows it as one)."""


def run_git(cwd: str | Path, *args: str, env: dict[str, str] | None = None,
            check: bool = True) -> subprocess.CompletedProcess[str]:
    """git in `cwd` with `env` (default: clean_env()); raises GitError if it fails and `check`."""
    proc = _run(["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
                cwd=cwd, env=env or clean_env())
    if check and proc.returncode != 0:
        raise GitError(f"git {' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


def write_files(root: str | Path, files: dict[str, str | bytes | None]) -> None:
    """Write each file under `root` (parents made); None deletes it."""
    for rel, content in files.items():
        p = Path(root) / rel
        if content is None:
            p.unlink()
            continue
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)


def run_fedgate(cwd: str | Path, *args: str, env: dict[str, str] | None = None,
                timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run the real CLI in a subprocess, as users and hooks do, with clean_env(env)."""
    return _run([sys.executable, "-m", "fedgate", *args], cwd=cwd, env=clean_env(env), timeout=timeout,
                stdin=subprocess.DEVNULL)


@dataclass
class Repo:
    path: Path

    def git(self, *args: str, check: bool = True) -> str:
        return run_git(self.path, *args, check=check).stdout

    def write(self, rel: str, content: str | bytes, mode: int | None = None) -> Path:
        write_files(self.path, {rel: content})
        p = self.path / rel
        if mode is not None:
            p.chmod(mode)
        return p

    def commit(self, message: str = "change", *paths: str) -> str:
        self.git("add", "-A", *paths)
        self.git("commit", "-q", "--allow-empty", "-m", message)
        return self.git("rev-parse", "HEAD").strip()

    def head(self) -> str:
        return self.git("rev-parse", "HEAD").strip()


def make_repo(path: Path, initial: dict[str, str] | None = None) -> Repo:
    path.mkdir(parents=True, exist_ok=True)
    repo = Repo(path)
    repo.git("init", "-q", "-b", "main")
    repo.git("config", "commit.gpgsign", "false")
    for rel, content in (initial or {"README.md": "# project\n"}).items():
        repo.write(rel, content)
    repo.commit("initial")
    return repo


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    def json(self) -> dict:
        return json.loads(self.stdout)

    @property
    def doc(self) -> dict:
        return json.loads(self.stdout)


def fedgate(cwd: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 120) -> Run:
    """Run the real CLI in a subprocess, as users and hooks do."""
    out = run_fedgate(cwd, *args, env=env, timeout=timeout)
    return Run(out.returncode, out.stdout, out.stderr)
