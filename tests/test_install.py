"""fedgate installed as users install it (a wheel, an sdist; never editable) works.

The whole suite otherwise runs this checkout's src/ on PYTHONPATH, which is how a package-data
file missing from the wheel went unseen: installed from a wheel every command crashed.
"""
from __future__ import annotations

import json
import tarfile
import zipfile
from pathlib import Path

import pytest

from fakellm import FakeLLM
from gitrepo import make_repo

# Builds and installs as users do: on a fresh machine the first one downloads the build
# backend (and, for pre-commit, every dependency) from the package registry.
pytestmark = pytest.mark.timeout(900)

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "fedgate"
# Built from pieces so that no scanner flags this test file itself.
AWS_KEY = "AKIA" + "Q3EGH7RT2WXZJ4NP"
AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYzQ8pLm2vT5kE"


def runtime_files() -> list[str]:
    """Every file of the package that is not Python source: what package data must carry."""
    return sorted(
        p.relative_to(PACKAGE).as_posix()
        for p in PACKAGE.rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts
    )


def test_wheel_and_sdist_carry_every_runtime_file_and_the_license(dists):
    wheel, sdist = dists
    files = runtime_files()
    assert "defaults.yml" in files
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
        meta = zf.read(metadata).decode()
        license_name = next(n for n in names if n.endswith(".dist-info/licenses/LICENSE"))
        assert zf.read(license_name) == (ROOT / "LICENSE").read_bytes()
    assert [f for f in files if f"fedgate/{f}" not in names] == []
    assert "License-Expression: MIT" in meta
    with tarfile.open(sdist) as tf:
        members = {m.name.split("/", 1)[1] for m in tf.getmembers() if "/" in m.name}
    assert "LICENSE" in members
    assert [f for f in files if f"src/fedgate/{f}" not in members] == []
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", ["wheel", "sdist"])
def test_every_command_works_when_installed(kind, installed, tmp_path):
    venv = installed(kind)
    version = venv.fedgate(tmp_path, "--version")
    assert version.returncode == 0 and "version 0.1.0" in version.stdout, version.stderr

    repo = make_repo(tmp_path / "repo", {"README.md": "# demo\n", "src/app.py": "x = 1\n"})
    repo.write("docs/guide.md", "# Guide\n")
    repo.commit("docs")
    docs = venv.fedgate(repo.path, "check", "HEAD~1")
    assert docs.returncode == 0, docs.stdout + docs.stderr
    assert "PASS (exit 0)" in docs.stdout and "docs/guide.md" in docs.stdout and docs.stderr == ""

    repo.write("src/auth/aws.py", f'AWS_ACCESS_KEY_ID = "{AWS_KEY}"\nAWS_SECRET_ACCESS_KEY = "{AWS_SECRET}"\n')
    repo.commit("aws")
    secret = venv.fedgate(repo.path, "check", "HEAD~1")
    assert secret.returncode == 1, secret.stdout + secret.stderr
    assert "FAIL (exit 1)" in secret.stdout and "[secret]" in secret.stdout and AWS_SECRET not in secret.stdout

    explain = venv.fedgate(repo.path, "explain", "src/auth/login.py", "docs/x.md")
    assert explain.returncode == 0, explain.stderr
    rows = explain.stdout.splitlines()
    assert rows[0] == "policy: built-in default policy"
    assert rows[1].startswith("high   src/auth/login.py") and rows[2].startswith("low    docs/x.md")

    init = venv.fedgate(repo.path, "init")
    assert init.returncode == 0, init.stderr
    assert (repo.path / ".fedgate.yml").read_text(encoding="utf-8") == (PACKAGE / "defaults.yml").read_text(encoding="utf-8")
    with_config = venv.fedgate(repo.path, "check", "HEAD~1", "--format", "json")
    assert with_config.returncode == 1, with_config.stderr
    assert json.loads(with_config.stdout)["config"].endswith(".fedgate.yml")

    baseline = venv.fedgate(repo.path, "baseline", "HEAD~1")
    assert baseline.returncode == 0, baseline.stderr
    doc = json.loads((repo.path / ".fedgate-baseline.json").read_text(encoding="utf-8"))
    assert len(doc["fingerprints"]) >= 2 and "wrote" in baseline.stdout

    report = venv.fedgate(repo.path, "report", "--format", "json")
    assert report.returncode == 0, report.stderr
    card = json.loads(report.stdout)
    assert card["totals"]["runs"] == 3  # the three checks above; baseline is not recorded

    # The model reviewer from the installed package: litellm imported, prompt sent, answer parsed.
    repo.write("src/auth/login.py", "def login(user, password):\n    return True\n")
    repo.commit("login")
    finding = {"path": "src/auth/login.py", "line": 2, "end_line": None, "severity": "high", "category": "security",
               "title": "login accepts any password", "message": "the password is never checked"}
    with FakeLLM() as llm:
        llm.script(llm.findings([finding]))
        env = {"FEDGATE_MODEL": "openai/fake-model", "FEDGATE_API_BASE": llm.url, "OPENAI_API_KEY": "sk-test"}
        reviewed = venv.fedgate(repo.path, "check", "HEAD~1", "--no-cache", env=env)
    assert reviewed.returncode == 1, reviewed.stdout + reviewed.stderr
    assert "login accepts any password" in reviewed.stdout and len(llm.requests) == 1
