"""Issue 12 item 1: a change cannot ship the baseline that suppresses its own findings."""
from __future__ import annotations

import json

import pytest
from gate_helpers import (HIGH, MODEL_FINDING, SECRET_LINE, auth_repo, check_json, hostile_commit, model_env,
                          unsuppressed, user_env)

from fakellm import FakeLLM
from gitrepo import fedgate, run_git
from helpers_integrations import read_outputs


@pytest.fixture
def llm():
    with FakeLLM() as server:
        server.default = FakeLLM.findings([MODEL_FINDING])
        yield server


def _self_baselined(tmp_path, llm):
    """The attack: run `fedgate baseline` on the hostile commit itself and amend the file in."""
    repo = auth_repo(tmp_path)
    hostile_commit(repo, {})
    env = model_env(tmp_path, llm.url)
    out = fedgate(repo.path, "baseline", "HEAD~1", env=env)
    assert out.code == 0, out.stderr
    assert len(json.loads((repo.path / ".fedgate-baseline.json").read_text())["fingerprints"]) >= 3
    repo.git("add", "-A")
    repo.git("commit", "-q", "--amend", "--no-edit")
    return repo, env


def test_a_baseline_added_by_the_reviewed_commit_does_not_suppress_its_findings(tmp_path, llm):
    repo, env = _self_baselined(tmp_path, llm)
    run, doc = check_json(repo, "HEAD~1", env=env)
    assert run.code == 1, run.stdout
    rules = {f["rule"] for f in unsuppressed(doc)}
    assert {"secret", "reviewer-directed-text"} <= rules
    assert any(f["source"].startswith("model:") and f["line"] == 4 for f in unsuppressed(doc))
    assert doc["baseline"]["changed_in_range"] is True
    assert doc["baseline"]["applied"] == "base"
    assert any(".fedgate-baseline.json is changed in this range" in w for w in doc["warnings"])


def test_the_text_report_says_the_baseline_was_not_applied(tmp_path, llm):
    repo, env = _self_baselined(tmp_path, llm)
    run = fedgate(repo.path, "check", "--no-ledger", "HEAD~1", env=env)
    assert run.code == 1
    assert "warning: .fedgate-baseline.json is changed in this range" in run.stdout


def test_a_baseline_from_the_base_commit_still_suppresses(tmp_path):
    # Adopting fedgate: the secret predates it and is baselined in an earlier commit.
    repo = auth_repo(tmp_path)
    repo.write("src/auth/keys.py", f"{SECRET_LINE}\n")
    repo.commit("old code")
    env = user_env(tmp_path)
    out = fedgate(repo.path, "baseline", "HEAD~1", "--rules-only", env=env)
    assert out.code == 0, out.stderr
    repo.commit("adopt fedgate")
    # The next change re-indents the old line: same fingerprint, the baseline from the base applies.
    repo.write("src/auth/keys.py", f"if True:\n    {SECRET_LINE}\n")
    repo.commit("move")
    run, doc = check_json(repo, "HEAD~1", env=env)
    assert run.code == 0, run.stdout
    sec = [f for f in doc["findings"] if f["rule"] == "secret"]
    assert sec and all(f["suppressed"] and f["suppression"] == "baseline" for f in sec)
    assert doc["baseline"]["changed_in_range"] is False


def _ci_env(tmp_path, base: str, head: str, url: str) -> dict[str, str]:
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"number": 3, "pull_request": {
        "number": 3,
        "base": {"sha": base, "repo": {"full_name": "acme/app"}},
        "head": {"sha": head, "repo": {"full_name": "acme/app"}}}}))
    return model_env(tmp_path, url, GITHUB_EVENT_NAME="pull_request", GITHUB_EVENT_PATH=str(event),
                     GITHUB_OUTPUT=str(tmp_path / "out.txt"), GITHUB_STEP_SUMMARY=str(tmp_path / "summary.md"))


def test_in_ci_the_baseline_comes_from_the_base_commit(tmp_path, llm):
    repo, env = _self_baselined(tmp_path, llm)
    base = repo.git("rev-parse", "HEAD~1").strip()
    head = repo.head()
    run = fedgate(repo.path, "ci", "github", env=_ci_env(tmp_path, base, head, llm.url))
    assert "Traceback" not in run.stderr, run.stderr
    assert run.code == 1, run.stdout + run.stderr
    assert int(read_outputs(tmp_path / "out.txt")["blocking"]) >= 3
    assert ".fedgate-baseline.json is changed in this range" in (tmp_path / "summary.md").read_text()
