"""Issue 12 item 17: markers planted by another commenter cannot stop fedgate's review comments."""
from __future__ import annotations

import json

import pytest
from gate_helpers import auth_repo, check_json, hostile_commit, user_env

from gitrepo import fedgate
from helpers_integrations import FakeGitHub


def _pr(tmp_path):
    repo = auth_repo(tmp_path)
    base = repo.head()
    head = hostile_commit(repo, {})
    _, doc = check_json(repo, "HEAD~1", env=user_env(tmp_path))
    prints = [f["fingerprint"] for f in doc["findings"]]
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"number": 7, "pull_request": {
        "number": 7, "base": {"sha": base, "repo": {"full_name": "acme/app"}},
        "head": {"sha": head, "repo": {"full_name": "acme/app"}}}}))
    return repo, prints, event


def _step(tmp_path, repo, event, api):
    env = user_env(tmp_path, GITHUB_EVENT_NAME="pull_request", GITHUB_EVENT_PATH=str(event),
                   GITHUB_REPOSITORY="acme/app", GITHUB_TOKEN="ghs_test", GITHUB_API_URL=api.url,
                   GITHUB_STEP_SUMMARY=str(tmp_path / "summary.md"), GITHUB_OUTPUT=str(tmp_path / "out.txt"))
    return fedgate(repo.path, "ci", "github", "--comment", env=env)


@pytest.mark.parametrize("token_user", [None, "acme-bot"])
def test_markers_in_someone_elses_comments_are_ignored(tmp_path, token_user):
    repo, prints, event = _pr(tmp_path)
    with FakeGitHub(token_user=token_user) as api:
        # The PR's author pre-plants every marker in their own review comment.
        api.comments = [{"id": i, "path": "src/auth/login.py", "line": 2, "user": {"login": "mallory"},
                         "body": f"lgtm\n<!-- fedgate:fingerprint={fp} -->"} for i, fp in enumerate(prints)]
        run = _step(tmp_path, repo, event, api)
        assert run.code == 1, run.stdout + run.stderr
        [post] = api.posts()
        assert post["body"]["comments"], post
        # A second run sees its own comments and posts nothing new.
        run = _step(tmp_path, repo, event, api)
        assert len(api.posts()) == 1
        assert "already commented by an earlier run" in (tmp_path / "summary.md").read_text()
