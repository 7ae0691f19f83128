"""Builders for the rules tests: in-memory diffs for the pure rules, real git repos for the CLI."""
from __future__ import annotations

import json
import os
import subprocess

from gitrepo import run_fedgate, run_git, write_files

from fedgate.config import load_config
from fedgate.models import ChangedFile, FileVerdict, Hunk, HunkVerdict, Line


def file_verdict(path: str, body: list[str], tier: str = "medium", trivial: str | None = None,
                 status: str = "modified", start: int = 10, path_tier: str | None = None,
                 score: int = 0) -> FileVerdict:
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
    hv = HunkVerdict(hunk=hunk, tier=tier, reason="test", trivial=trivial, tokens=0, score=score)
    return FileVerdict(file=cf, tier=tier, reason="test", trivial=trivial, hunks=(hv,),
                       path_tier=path_tier or tier, score=score)


def added(path: str, *texts: str, **kw) -> FileVerdict:
    return file_verdict(path, ["+" + t for t in texts], **kw)


def default_config():
    return load_config(None)


def git(cwd: str, *args: str) -> str:
    return run_git(cwd, *args).stdout


def make_repo(root: str, files: dict[str, str]) -> str:
    os.makedirs(root, exist_ok=True)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "commit.gpgsign", "false")
    commit(root, files, "base")
    return root


def commit(root: str, files: dict[str, str], message: str) -> None:
    write_files(root, files)
    git(root, "add", "-A")
    git(root, "commit", "-q", "--allow-empty", "-m", message)


def fedgate(root: str, *args: str) -> subprocess.CompletedProcess:
    return run_fedgate(root, *args, timeout=60)


def check_json(root: str, *args: str) -> tuple[int, dict]:
    proc = fedgate(root, "check", "--format", "json", "--no-ledger", *args)
    assert proc.returncode in (0, 1, 3), proc.stderr
    return proc.returncode, json.loads(proc.stdout)
