"""`fedgate ci github`: event payloads, shallow clones, outputs, summary, review comments."""
from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import fedgate.review.rules as rules_module
from fedgate.ci.github import DEEPEN_STEPS, GithubOptions, run
from fedgate.findings import fingerprint
from fedgate.models import FedgateError, Finding

from helpers_integrations import FakeGitHub, commit, git, git_env, init_repo, read_outputs

PLANT = "PLANTED_CREDENTIAL"


def planted_rule(files, config):
    """Stands in for the built-in rules of issue 4 (on another branch): one high finding per
    added line carrying PLANT, plus one finding on a line outside every hunk."""
    out = []
    for fv in files:
        for hv in fv.hunks:
            for ln in hv.hunk.added:
                if PLANT in ln.text:
                    out.append(Finding(fv.path, ln.new_no, "high", "secret", "rules", "credential added",
                                       fingerprint("secret", fv.path, ln.text), title="Secret in the diff"))
                    out.append(Finding(fv.path, 500, "medium", "risky-without-tests", "rules", "no test changed",
                                       fingerprint("risky-without-tests", fv.path, ""), category="missing-test"))
    return tuple(out)


@pytest.fixture
def planted(monkeypatch):
    monkeypatch.setattr(rules_module, "run_rules", planted_rule)


@pytest.fixture
def pr_repo(tmp_path) -> dict:
    root = init_repo(tmp_path / "repo")
    commit(root, {"README.md": "hello\n", "src/app.py": "x = 1\n"}, "initial")
    base = commit(root, {"src/util.py": "def f():\n    return 1\n"}, "main moves on")
    git(root, "checkout", "-q", "-b", "feature", "HEAD~1")
    head = commit(root, {"src/auth/login.py": "import os\n\nKEY = 'PLANTED_CREDENTIAL'\n\n\ndef login():\n    return KEY\n"}, "login")
    mb = git(root, "merge-base", base, head)
    return {"root": root, "base": base, "head": head, "merge_base": mb}


def event(tmp_path: Path, base: str, head: str, fork: bool = False, number: int = 7) -> Path:
    payload = {
        "action": "synchronize",
        "number": number,
        "pull_request": {
            "number": number,
            "base": {"sha": base, "ref": "main", "repo": {"full_name": "acme/app"}},
            "head": {"sha": head, "ref": "feature", "repo": {"full_name": "someone/app" if fork else "acme/app"}},
        },
        "repository": {"full_name": "acme/app", "default_branch": "main"},
    }
    path = tmp_path / "event.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    return path


def gh_env(tmp_path: Path, event_path: Path, api: str | None = None, name: str = "pull_request", **extra) -> dict:
    env = {
        "GITHUB_ACTIONS": "true",
        "GITHUB_EVENT_NAME": name,
        "GITHUB_EVENT_PATH": str(event_path),
        "GITHUB_OUTPUT": str(tmp_path / "output.txt"),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
        "GITHUB_REPOSITORY": "acme/app",
        "GITHUB_TOKEN": "ghs_test_token",
        # The SHA of GitHub's synthetic merge commit: must never be used as the range.
        "GITHUB_SHA": "f" * 40,
    }
    if api:
        env["GITHUB_API_URL"] = api
    env.update(extra)
    return env


def run_step(root: Path, env: dict, **opts) -> tuple[int, str]:
    out = io.StringIO()
    code = run(GithubOptions(cwd=str(root), **opts), environ=env, out=out)
    return code, out.getvalue()


def test_pull_request_review_is_posted_once(tmp_path, pr_repo, planted):
    root = pr_repo["root"]
    env_path = event(tmp_path, pr_repo["base"], pr_repo["head"])
    with FakeGitHub() as api:
        env = gh_env(tmp_path, env_path, api.url)
        code, out = run_step(root, env, comment=True, sarif_file=str(tmp_path / "fedgate.sarif"))
        assert code == 1
        [post] = api.posts()
        assert post["path"] == "/repos/acme/app/pulls/7/reviews"
        assert post["headers"]["Authorization"] == "Bearer ghs_test_token"
        body = post["body"]
        assert body["commit_id"] == pr_repo["head"] and body["event"] == "COMMENT"
        # Only the finding on a diff line becomes a comment; line 500 is outside every hunk.
        [c] = body["comments"]
        assert (c["path"], c["line"], c["side"]) == ("src/auth/login.py", 3, "RIGHT")
        fp = fingerprint("secret", "src/auth/login.py", "KEY = 'PLANTED_CREDENTIAL'")
        assert f"<!-- fedgate:fingerprint={fp} -->" in c["body"] and "Secret in the diff" in c["body"]
        # The commented finding is not annotated again; the other one is.
        assert "::error file=src/auth/login.py,line=3" not in out
        assert "::warning file=src/auth/login.py,line=500" in out
        assert "posted 1 review comment(s) on pull request #7" in out

        outputs = read_outputs(tmp_path / "output.txt")
        assert outputs["exit-code"] == "1" and outputs["findings"] == "2" and outputs["blocking"] == "1"
        assert outputs["prompt-tokens"] == "0" and outputs["cost-usd"] == "0.000000"
        assert outputs["sarif-file"] == str(tmp_path / "fedgate.sarif")
        sarif = json.loads((tmp_path / "fedgate.sarif").read_text())
        assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["secret", "risky-without-tests"]
        summary = (tmp_path / "summary.md").read_text()
        assert "## fedgate: ❌ FAIL (exit 1)" in summary
        # The range is base...head from the payload (merge base to PR head), not GITHUB_SHA.
        assert f"`{pr_repo['merge_base'][:12]}..{pr_repo['head'][:12]}`" in summary
        assert "src/util.py" not in out  # a change on main after the fork point is not the PR's

        # A second run of the same commit lists the earlier comments and posts nothing new.
        (tmp_path / "summary.md").unlink()
        code2, out2 = run_step(root, env, comment=True)
        assert code2 == 1
        assert len(api.posts()) == 1
        gets = [r for r in api.requests if r["method"] == "GET"]
        assert gets and gets[-1]["path"] == "/repos/acme/app/pulls/7/comments"
        assert "already commented by an earlier run" in (tmp_path / "summary.md").read_text()


def test_token_without_write_access_falls_back_to_annotations(tmp_path, pr_repo, planted):
    with FakeGitHub(post_status=403) as api:
        env = gh_env(tmp_path, event(tmp_path, pr_repo["base"], pr_repo["head"]), api.url)
        code, out = run_step(pr_repo["root"], env, comment=True)
        assert code == 1  # the exit code is the gate's, not the comment's
        assert len(api.posts()) == 1
    assert "::error file=src/auth/login.py,line=3," in out
    summary = (tmp_path / "summary.md").read_text()
    assert "could not post review comments (HTTP 403 Resource not accessible by integration)" in summary
    assert "pull-requests: write" in summary and "annotations instead" in summary


def test_fork_pull_request_skips_model_and_comments_but_runs_rules(tmp_path, pr_repo, planted, monkeypatch):
    # Safety net: should the skip fail, litellm would go here, not to the internet.
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("OPENAI_API_BASE", "http://127.0.0.1:9/v1")
    with FakeGitHub() as api:
        env = gh_env(tmp_path, event(tmp_path, pr_repo["base"], pr_repo["head"], fork=True), api.url, OPENAI_API_KEY="")
        code, out = run_step(pr_repo["root"], env, comment=True, model="openai/gpt-4.1-mini")
        assert api.requests == []  # a fork's token is read-only: not even tried
    assert code == 1  # the built-in rules' finding still blocks
    assert "::error file=src/auth/login.py,line=3," in out
    summary = (tmp_path / "summary.md").read_text()
    assert "fork pull request: GitHub gives workflows from forks no secrets" in summary
    assert "fork pull request: the GITHUB_TOKEN cannot write to it" in summary
    outputs = read_outputs(tmp_path / "output.txt")
    assert outputs["prompt-tokens"] == "0"


def test_missing_model_key_is_incomplete_as_for_check(tmp_path, pr_repo, monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("OPENAI_API_BASE", "http://127.0.0.1:9/v1")
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)  # the model reviewer reads the process's own
    env = gh_env(tmp_path, event(tmp_path, pr_repo["base"], pr_repo["head"]))
    code, out = run_step(pr_repo["root"], env, model="openai/gpt-4.1-mini")
    assert code == 3  # was 0: a same-repository PR without the key passed unreviewed
    assert "no API key for openai/gpt-4.1-mini: set OPENAI_API_KEY" in (tmp_path / "summary.md").read_text()


def _policy_on_main(pr_repo: dict, text: str) -> str:
    root = pr_repo["root"]
    git(root, "checkout", "-q", "main")
    base = commit(root, {".fedgate.yml": text}, "policy")
    git(root, "checkout", "-q", "feature")
    return base


def test_fork_with_required_review_is_incomplete(tmp_path, pr_repo):
    base = _policy_on_main(pr_repo, "review:\n  model: openai/gpt-4.1-mini\n  required: true\n")
    env = gh_env(tmp_path, event(tmp_path, base, pr_repo["head"], fork=True), OPENAI_API_KEY="sk-x")
    code, _ = run_step(pr_repo["root"], env)
    assert code == 3  # policy says a high-risk change needs the model: fail closed
    assert read_outputs(tmp_path / "output.txt")["exit-code"] == "3"


def test_pull_request_cannot_weaken_its_own_policy(tmp_path, pr_repo):
    base = _policy_on_main(pr_repo, "review:\n  required: true\n")
    # The pull request rewrites the policy so that nothing is high risk any more.
    head = commit(pr_repo["root"], {".fedgate.yml": "review:\n  required: false\ntiers:\n  high:\n    paths: []\n"}, "relax")
    env = gh_env(tmp_path, event(tmp_path, base, head))
    code, out = run_step(pr_repo["root"], env)
    assert code == 3
    assert "the policy is .fedgate.yml of the base commit" in out
    # An explicit --config is the operator's choice and is used as given.
    code, _ = run_step(pr_repo["root"], env, config_path=str(pr_repo["root"] / ".fedgate.yml"))
    assert code == 0


def _long_history(tmp_path: Path, commits: int) -> dict:
    src = init_repo(tmp_path / "origin")
    commit(src, {"README.md": "hello\n", "src/app.py": "x = 1\n"}, "initial")
    fork_point = git(src, "rev-parse", "HEAD")
    base = commit(src, {"src/util.py": "y = 2\n"}, "main moves on")
    git(src, "checkout", "-q", "-b", "feature", fork_point)
    commit(src, {"src/feature.py": "z = 3\n"}, "feature")
    for i in range(commits):
        git(src, "commit", "-q", "--allow-empty", "-m", f"empty {i}")
    head = git(src, "rev-parse", "HEAD")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", "--branch", "feature", f"file://{src}", str(clone))
    assert git(clone, "rev-parse", "--is-shallow-repository") == "true"
    return {"src": src, "clone": clone, "base": base, "head": head, "fork_point": fork_point}


def test_shallow_clone_is_deepened_until_the_merge_base_exists(tmp_path):
    h = _long_history(tmp_path, DEEPEN_STEPS[0] + 10)  # one step is not enough
    env = gh_env(tmp_path, event(tmp_path, h["base"], h["head"]))
    code, out = run_step(h["clone"], env)
    assert code == 0
    assert f"fetched up to {DEEPEN_STEPS[1]} commits of history to find the merge base" in out
    summary = (tmp_path / "summary.md").read_text()
    assert f"`{h['fork_point'][:12]}..{h['head'][:12]}`" in summary
    assert "**Files**: 1 changed" in summary  # src/feature.py only


def test_unrelated_base_fails_with_exit_2_and_outputs(tmp_path):
    h = _long_history(tmp_path, 2)
    git(h["src"], "checkout", "-q", "--orphan", "other")
    other = commit(h["src"], {"x.txt": "x\n"}, "unrelated root")
    env = gh_env(tmp_path, event(tmp_path, other, h["head"]))
    with pytest.raises(FedgateError, match="no common history"):
        run_step(h["clone"], env)
    assert read_outputs(tmp_path / "output.txt")["exit-code"] == "2"
    assert "## fedgate: error (exit 2)" in (tmp_path / "summary.md").read_text()


def test_shallow_clone_without_the_base_names_the_fix(tmp_path):
    h = _long_history(tmp_path, 1)
    env = gh_env(tmp_path, event(tmp_path, "1234567" * 5 + "89abc", h["head"]))
    with pytest.raises(FedgateError, match="fetch-depth: 0"):
        run_step(h["clone"], env)


def test_push_event_uses_before_and_after(tmp_path, pr_repo):
    root = pr_repo["root"]
    before = pr_repo["head"]
    after = commit(root, {"docs/guide.md": "# Guide\n"}, "docs")
    path = tmp_path / "push.json"
    path.write_text(json.dumps({"before": before, "after": after, "ref": "refs/heads/feature"}))
    code, out = run_step(root, gh_env(tmp_path, path, name="push"))
    assert code == 0
    assert f"{before}..{after}: {before[:12]}..{after[:12]}, 1 file(s)" in out


def test_cli_subprocess_writes_outputs(tmp_path, pr_repo):
    env = git_env(**gh_env(tmp_path, event(tmp_path, pr_repo["base"], pr_repo["head"])))
    env.update({"FEDGATE_COMMENT": "false", "FEDGATE_FAIL_ON": "", "FEDGATE_SARIF_FILE": ""})
    proc = subprocess.run([sys.executable, "-m", "fedgate", "ci", "github"], cwd=pr_repo["root"], env=env,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("::stop-commands::")
    assert read_outputs(tmp_path / "output.txt")["exit-code"] == "0"
    env["GITHUB_EVENT_PATH"] = str(tmp_path / "missing.json")
    proc = subprocess.run([sys.executable, "-m", "fedgate", "ci", "github"], cwd=pr_repo["root"], env=env,
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.startswith("fedgate: error: cannot read the event payload") and "Traceback" not in proc.stderr


def test_push_of_a_new_branch_in_a_shallow_clone_reviews_the_pushed_commit(tmp_path):
    h = _long_history(tmp_path, 0)
    path = tmp_path / "push.json"
    path.write_text(json.dumps({"before": "0" * 40, "after": h["head"], "ref": "refs/heads/feature", "created": True}))
    code, out = run_step(h["clone"], gh_env(tmp_path, path, name="push"), comment=True)
    assert code == 0
    assert "fetched the parent of the pushed commit" in out
    assert f"{h['fork_point'][:12]}..{h['head'][:12]}, 1 file(s)" in out
    assert "comment: true needs a pull_request event (this is 'push')" in out


def test_merge_group_event_uses_its_base_and_head(tmp_path, pr_repo):
    path = tmp_path / "mg.json"
    path.write_text(json.dumps({"merge_group": {"base_sha": pr_repo["base"], "head_sha": pr_repo["head"]}}))
    code, out = run_step(pr_repo["root"], gh_env(tmp_path, path, name="merge_group"))
    assert code == 0
    assert f"{pr_repo['merge_base'][:12]}..{pr_repo['head'][:12]}, 1 file(s)" in out


def test_earlier_comments_are_found_on_later_pages(tmp_path, pr_repo, planted):
    fp = fingerprint("secret", "src/auth/login.py", "KEY = 'PLANTED_CREDENTIAL'")
    with FakeGitHub() as api:
        api.comments = [{"id": i, "path": "x", "line": 1, "body": f"someone else #{i}"} for i in range(150)]
        api.comments[120]["body"] = f"old fedgate comment\n<!-- fedgate:fingerprint={fp} -->"
        api.comments[120]["user"] = {"login": FakeGitHub.BOT}  # posted by an earlier run's token
        env = gh_env(tmp_path, event(tmp_path, pr_repo["base"], pr_repo["head"]), api.url)
        code, out = run_step(pr_repo["root"], env, comment=True)
        pages = [r["query"]["page"] for r in api.requests if r["method"] == "GET" and r["path"] != "/user"]
        assert pages == [["1"], ["2"]]
        assert api.posts() == []
    assert code == 1
    assert "posted 0 review comment(s) on pull request #7; 1 already commented by an earlier run" in out
