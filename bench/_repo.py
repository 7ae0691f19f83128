"""Shared set-up for the bench scripts: throwaway git repositories."""
from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

ENV = {
    **{k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "FEDGATE_"))},
    "GIT_AUTHOR_NAME": "bench",
    "GIT_AUTHOR_EMAIL": "bench@example.com",
    "GIT_COMMITTER_NAME": "bench",
    "GIT_COMMITTER_EMAIL": "bench@example.com",
}


def git(path: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=path, env=ENV, check=True, capture_output=True, text=True).stdout


def new_repo() -> Path:
    path = Path(tempfile.mkdtemp(prefix="fedgate-bench-"))
    git(path, "init", "-q", "-b", "main")
    return path


def commit_all(path: Path, message: str) -> None:
    git(path, "add", "-A")
    git(path, "commit", "-q", "-m", message)
