"""User-acceptance regressions: fedgate used as its users do, in real throwaway repositories.

Each test pins a bug found by driving the real CLI: a traceback, a silent skip, a message that
pointed the wrong way, or a contract (exit codes, one stderr line) that did not hold.
"""
from __future__ import annotations

import json
import os
import stat
import time
from pathlib import Path

import pytest

from gitrepo import Run, fedgate, make_repo


def one_error_line(run: Run) -> str:
    """The exit-2 contract: one clear line on stderr, no traceback."""
    assert run.code == 2, (run.code, run.stdout, run.stderr)
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert lines[0].startswith("fedgate: error: "), lines[0]
    return lines[0]


@pytest.fixture
def repo(tmp_path):
    r = make_repo(tmp_path / "repo", {"README.md": "# project\n", "src/app.py": "x = 1\n"})
    r.write("src/app.py", "x = 2\n")
    r.commit("edit")
    return r


# ------------------------------------------------------------------ usage errors


@pytest.mark.parametrize(
    "args",
    [
        ("check", "-x"),
        ("check", "--format", "xml"),
        ("check", "--config", "."),
        ("no-such-command",),
        ("explain",),
    ],
)
def test_usage_errors_are_one_line(repo, args):
    line = one_error_line(fedgate(repo.path, *args))
    assert "--help" in line
