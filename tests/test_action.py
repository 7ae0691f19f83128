"""action.yml: a composite action whose inputs reach scripts only through env, run as a runner
runs it (tests/actionrunner.py): its own steps, bash, a fresh venv, the real install."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from actionrunner import parse_annotations, parse_env_file, run_action, setup_python
from fakellm import FakeLLM
from helpers_integrations import commit, git, init_repo
from venvs import copy_tree, fresh_venv

# Builds and installs as users do: on a fresh machine the first one downloads the build
# backend (and, for pre-commit, every dependency) from the package registry.
pytestmark = pytest.mark.timeout(900)

ROOT = Path(__file__).resolve().parents[1]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
INPUTS = {"config", "model", "api-base", "fail-on", "fail-open", "base", "head", "sarif-file", "comment",
          "github-token", "python-version", "ledger-url"}
OUTPUTS = {"exit-code", "findings", "blocking", "prompt-tokens", "completion-tokens", "cost-usd", "sarif-file"}
# Built from pieces so that no scanner flags this test file itself.
AWS_KEY = "AKIA" + "Q3EGH7RT2WXZJ4NP"


def test_inputs_and_outputs():
    assert set(ACTION["inputs"]) == INPUTS
    # Installing "fedgate==X" from PyPI would install whatever owns that unclaimed name.
    assert "fedgate-version" not in ACTION["inputs"]
    assert set(ACTION["outputs"]) == OUTPUTS
    for name, out in ACTION["outputs"].items():
        assert out["value"] == f"${{{{ steps.fedgate.outputs.{name} }}}}"


def test_composite_steps_use_bash_and_no_expression_in_scripts():
    assert ACTION["runs"]["using"] == "composite"
    run_steps = [s for s in ACTION["runs"]["steps"] if "run" in s]
    assert run_steps
    for step in run_steps:
        assert step["shell"] == "bash"
        # Script injection: an expression in `run:` is pasted into the script text.
        assert "${{" not in step["run"], step["run"]
    review = next(s for s in run_steps if s.get("id") == "fedgate")
    assert review["run"].strip() == "fedgate ci github"
    # Every input the review needs arrives as an environment variable.
    used = set(re.findall(r"inputs\.([a-z-]+)", " ".join(map(str, review["env"].values()))))
    assert {"config", "model", "api-base", "fail-on", "fail-open", "base", "head", "sarif-file", "comment"} <= used
    install = next(s for s in run_steps if "pip install" in s["run"])
    assert install["env"] == {"FEDGATE_ACTION_PATH": "${{ github.action_path }}"}
    assert " -e " not in install["run"] and "--editable" not in install["run"]


# ------------------------------------------------------------- run as a runner runs it


@pytest.fixture(scope="session")
def action_checkout(tmp_path_factory):
    """The action as a workflow's `uses:` checks it out: this repository's files, no .git."""
    return copy_tree(tmp_path_factory.mktemp("action") / "fedgate")


def pull_request(tmp_path: Path, files: dict[str, str]) -> tuple[Path, dict]:
    repo = init_repo(tmp_path / "workspace")
    commit(repo, {"README.md": "# app\n", "src/app.py": "x = 1\n"}, "initial")
    base = git(repo, "rev-parse", "HEAD")
    git(repo, "checkout", "-q", "-b", "feature")
    head = commit(repo, files, "the change")
    payload = {
        "action": "synchronize",
        "number": 7,
        "pull_request": {
            "number": 7,
            "base": {"sha": base, "ref": "main", "repo": {"full_name": "acme/app"}},
            "head": {"sha": head, "ref": "feature", "repo": {"full_name": "acme/app"}},
        },
        "repository": {"full_name": "acme/app", "default_branch": "main"},
    }
    return repo, payload


def run_pr(tmp_path: Path, action: Path, files: dict[str, str], job_env: dict[str, str] | None = None, **inputs: str):
    repo, payload = pull_request(tmp_path, files)
    venv = fresh_venv(tmp_path / "runner-python")  # no fedgate: the action's step installs it
    run = run_action(action, workspace=repo, inputs=inputs, event_name="pull_request", event=payload,
                     env=venv.env(job_env), runner_temp=tmp_path / "runner-temp", github={"sha": "f" * 40},
                     uses={"actions/setup-python": setup_python(venv.bin),
                           "actions/cache": FakeCache(tmp_path / "cache-store").handler})  # a first run: empty
    install = run.step("Install fedgate")
    assert install.outcome == "success", install.stdout + install.stderr
    where = venv.imported_from()
    assert str(where).startswith(str(venv.root)) and "site-packages" in where.parts, where
    return repo, run


def test_the_action_blocks_a_planted_secret_with_outputs_summary_and_annotations(tmp_path, action_checkout):
    login = "def login(user, password):\n    return True\n"
    files = {"src/auth/aws.py": f'AWS_ACCESS_KEY_ID = "{AWS_KEY}"\n', "src/auth/login.py": login}
    finding = {"path": "src/auth/login.py", "line": 2, "end_line": None, "severity": "high", "category": "security",
               "title": "login accepts any password", "message": "the password is never checked"}
    with FakeLLM() as llm:
        llm.default = llm.findings([finding])
        # The job's env: (a workflow passes the key from its secrets).
        repo, run = run_pr(tmp_path, action_checkout, files, {"OPENAI_API_KEY": "sk-test"}, **{
            "model": "openai/fake-model", "api-base": llm.url, "sarif-file": "fedgate.sarif"})
    review = run.step("fedgate")
    assert review.outcome == "failure" and review.returncode == 1, run.log
    assert len(llm.requests) >= 1 and AWS_KEY not in llm.bodies_text()
    out = run.outputs
    assert out["exit-code"] == "1"
    assert int(out["blocking"]) >= 2 and int(out["findings"]) >= int(out["blocking"])
    assert int(out["prompt-tokens"]) > 0 and int(out["completion-tokens"]) > 0
    assert out["sarif-file"].endswith("fedgate.sarif")
    sarif = json.loads((repo / "fedgate.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"]
    assert "login accepts any password" in run.summary and "FAIL" in run.summary
    errors = [a for a in run.annotations if a.level == "error"]
    assert {(a.props.get("file"), a.props.get("line")) for a in errors} >= {("src/auth/aws.py", "1"),
                                                                            ("src/auth/login.py", "2")}
    assert AWS_KEY not in run.log and AWS_KEY not in run.summary


def test_the_action_passes_a_docs_only_pull_request(tmp_path, action_checkout):
    repo, run = run_pr(tmp_path, action_checkout, {"docs/guide.md": "# Guide\n", "README.md": "# app\n\nMore.\n"})
    assert not run.failed, run.log
    assert run.step("Set up Python").outcome == "success"
    assert run.outputs["exit-code"] == "0" and run.outputs["blocking"] == "0" and run.outputs["sarif-file"] == ""
    assert "PASS" in run.summary
    assert [a for a in run.annotations if a.level == "error"] == []


def test_harness_reads_runner_files_and_workflow_commands():
    assert parse_env_file("a=1\nb<<EOF\nx\ny\nEOF\nc=\n") == {"a": "1", "b": "x\ny", "c": ""}
    log = "::error file=a.py,line=3::bad%0Athing\n::stop-commands::tok\n::error::hidden\n::tok::\n::warning::w\n"
    got = [(a.level, a.props, a.message) for a in parse_annotations(log)]
    assert got == [("error", {"file": "a.py", "line": "3"}, "bad\nthing"), ("warning", {}, "w")]


class FakeCache:
    """Stands in for actions/cache across two jobs: restore (exact key, else the newest entry
    under each restore-key prefix in order) when the step runs; save() is the post-job step."""

    def __init__(self, store: Path):
        self.store = store
        self.pending: list[tuple[str, str, Path]] = []
        self.hits: list[str] = []

    def handler(self, with_: dict[str, str], runner) -> dict[str, str]:
        key, rel = with_["key"], with_["path"]
        entries = sorted(self.store.iterdir(), key=lambda p: p.stat().st_mtime_ns, reverse=True) if self.store.exists() else []
        names = {e: (e / "key").read_text() for e in entries}
        found = next((e for e in entries if names[e] == key), None)
        for prefix in [k.strip() for k in with_.get("restore-keys", "").splitlines() if k.strip()]:
            found = found or next((e for e in entries if names[e].startswith(prefix)), None)
        if found:
            target = runner.workspace / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(found / "data", target)
            self.hits.append(names[found])
        self.pending.append((key, rel, runner.workspace))
        return {"cache-hit": str(bool(found and names[found] == key)).lower()}

    def save(self) -> None:
        for key, rel, workspace in self.pending:
            entry = self.store / key.replace("/", "%2F")
            if (workspace / rel).exists() and not entry.exists():  # entries are immutable
                entry.mkdir(parents=True)
                (entry / "key").write_text(key)
                shutil.copy(workspace / rel, entry / "data")
        self.pending.clear()


def test_the_action_keeps_the_sqlite_ledger_across_runs_and_writes_to_postgresql_with_a_url(
        tmp_path, action_checkout, pg_url):
    venv = fresh_venv(tmp_path / "runner-python")
    cache = FakeCache(tmp_path / "cache-store")

    def job(n: int, **inputs: str):
        repo, payload = pull_request(tmp_path / f"job{n}", {"docs/guide.md": f"# Guide {n}\n"})
        run = run_action(action_checkout, workspace=repo, inputs=inputs, event_name="pull_request", event=payload,
                         env=venv.env(), uses={"actions/setup-python": setup_python(venv.bin), "actions/cache": cache.handler},
                         runner_temp=tmp_path / f"temp{n}",
                         github={"sha": "f" * 40, "head_ref": "feature", "run_id": str(100 + n), "job": "gate"})
        assert not run.failed, run.log
        cache.save()
        return repo, run

    job(1)
    repo2, run2 = job(2)
    assert cache.hits == ["fedgate-ledger-acme/app-feature-101-1"]  # job 2 restored job 1's ledger
    r = subprocess.run([sys.executable, "-m", "fedgate", "report", "--format", "json", "--since", "all", "--ledger",
                        str(repo2 / ".git" / "fedgate" / "ledger.db")], capture_output=True, text=True, cwd=repo2)
    assert r.returncode == 0, r.stderr
    card = json.loads(r.stdout)
    assert card["totals"]["runs"] == 2
    assert [(row["repo"], row["runs"], row["ci_runs"]) for row in card["repositories"]] == [("github.com/acme/app", 2, 2)]

    repo3, run3 = job(3, **{"ledger-url": pg_url})
    assert run3.step("Restore the ledger").outcome == "skipped"
    assert not (repo3 / ".git" / "fedgate" / "ledger.db").exists()
    import psycopg

    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT count(*), min(ci_job) FROM runs").fetchone() == (1, "acme/app run 103.1 job gate")
    assert pg_url.split(":")[2].split("@")[0] not in run3.log  # the password
