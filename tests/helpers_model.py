"""Throwaway git repositories and fedgate runs for the model reviewer tests and the bench."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import yaml

from gitrepo import SRC, Run, run_fedgate, run_git, write_files

if SRC not in sys.path:  # this worktree's fedgate, not another checkout's editable install
    sys.path.insert(0, SRC)


def git(repo: Path, *args: str) -> str:
    return run_git(repo, *args).stdout


def make_repo(root: Path, files: dict[str, str], config: dict | None = None,
              message: str = "change under review") -> Path:
    """A repo whose last commit adds `files` (the first commit holds only a README and the config)."""
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", "main")
    (root / "README.md").write_text("# project\n")
    if config is not None:
        (root / ".fedgate.yml").write_text(yaml.safe_dump(config))
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "initial")
    write_files(root, files)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)
    return root


def model_env(url: str, model: str = "openai/fake-model") -> dict[str, str]:
    return {"FEDGATE_MODEL": model, "FEDGATE_API_BASE": url, "OPENAI_API_KEY": "sk-test"}


def run_cli(repo: Path, *args: str, env: dict[str, str]) -> Run:
    """fedgate as a user runs it: a new process, the real CLI, the real environment."""
    p = run_fedgate(repo, *args, env=env, timeout=60)
    return Run(p.returncode, p.stdout, p.stderr)


def run_inprocess(repo: Path, *args: str, env: dict[str, str], monkeypatch) -> Run:
    """The same click command, in this process: litellm is imported once for the whole file."""
    from click.testing import CliRunner

    from fedgate.cli import cli

    monkeypatch.chdir(repo)
    for k in [k for k in os.environ if k.startswith("FEDGATE_")]:
        monkeypatch.delenv(k)
    result = CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


def python_file(name: str, n_lines: int, marker: str = "") -> str:
    """Plausible code of about `n_lines` lines (a few tokens each)."""
    rows = [f"def {name}(request, session):"]
    for i in range(n_lines - 2):
        rows.append(f"    value_{i} = session.get('{name}_{i}') or request.args.get('k{i}', {i})")
    rows.append(f"    return '{marker}'" if marker else "    return None")
    return "\n".join(rows) + "\n"
