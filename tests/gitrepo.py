"""Real throwaway git repositories for tests, and ways to run fedgate against them."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.com",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "FEDGATE_", "PRE_COMMIT"))}
    env.update(GIT_ENV)
    env["HOME"] = env.get("FEDGATE_TEST_HOME", env.get("HOME", "/tmp"))
    if extra:
        env.update(extra)
    return env


@dataclass
class Repo:
    path: Path

    def git(self, *args: str, check: bool = True) -> str:
        out = subprocess.run(
            ["git", *args], cwd=self.path, env=_env(), capture_output=True, check=False
        )
        if check and out.returncode != 0:
            raise RuntimeError(f"git {' '.join(args)} failed: {out.stderr.decode(errors='replace')}")
        return out.stdout.decode("utf-8", errors="replace")

    def write(self, rel: str, content: str | bytes, mode: int | None = None) -> Path:
        p = self.path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode("utf-8")
        p.write_bytes(content)
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


def fedgate(cwd: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 120) -> Run:
    """Run the real CLI in a subprocess, as users and hooks do."""
    out = subprocess.run(
        [sys.executable, "-m", "fedgate", *args],
        cwd=cwd,
        env=_env(env),
        capture_output=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )
    return Run(out.returncode, out.stdout.decode("utf-8", "replace"), out.stderr.decode("utf-8", "replace"))
