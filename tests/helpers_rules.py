"""Builders for the rules tests: in-memory diffs for the pure rules, real git repos for the CLI."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from fedgate.config import load_config
from fedgate.models import ChangedFile, FileVerdict, Hunk, HunkVerdict, Line


def file_verdict(path: str, body: list[str], tier: str = "medium", trivial: str | None = None,
                 status: str = "modified", start: int = 10, path_tier: str | None = None) -> FileVerdict:
    """One file with one hunk; `body` lines start with '+', '-' or ' ' as in a unified diff."""
    old_no, new_no = start, start
    lines = []
    for raw in body:
        kind, text = raw[0], raw[1:]
        if kind == "+":
            lines.append(Line("+", text, None, new_no))
            new_no += 1
        elif kind == "-":
            lines.append(Line("-", text, old_no, None))
            old_no += 1
        else:
            lines.append(Line(" ", text, old_no, new_no))
            old_no += 1
            new_no += 1
    hunk = Hunk(start, old_no - start, start, new_no - start, "", tuple(lines))
    cf = ChangedFile(path=path, old_path=None, status=status, hunks=(hunk,))
    hv = HunkVerdict(hunk=hunk, tier=tier, reason="test", trivial=trivial, tokens=0, tokens_exact=False)
    return FileVerdict(file=cf, tier=tier, reason="test", trivial=trivial, hunks=(hv,),
                       path_tier=path_tier or tier)


def added(path: str, *texts: str, **kw) -> FileVerdict:
    return file_verdict(path, ["+" + t for t in texts], **kw)


def default_config():
    return load_config(None)


def git(cwd: str, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.invalid",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.invalid")
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def make_repo(root: str, files: dict[str, str]) -> str:
    os.makedirs(root, exist_ok=True)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "commit.gpgsign", "false")
    commit(root, files, "base")
    return root


def commit(root: str, files: dict[str, str], message: str) -> None:
    for rel, text in files.items():
        full = os.path.join(root, rel)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8") as fh:
            fh.write(text)
    git(root, "add", "-A")
    git(root, "commit", "-q", "--allow-empty", "-m", message)


def fedgate(root: str, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    src = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "src")
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-m", "fedgate", *args], cwd=root, env=env,
                          capture_output=True, text=True, timeout=60)


def check_json(root: str, *args: str) -> tuple[int, dict]:
    proc = fedgate(root, "check", "--format", "json", "--no-ledger", *args)
    assert proc.returncode in (0, 1, 3), proc.stderr
    return proc.returncode, json.loads(proc.stdout)
