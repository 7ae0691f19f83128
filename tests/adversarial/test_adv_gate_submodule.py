"""Issue 12 item 19: a submodule bump in a model tier is "not reviewable", never a quiet skip."""
from __future__ import annotations

from gate_helpers import auth_repo, check_json, user_env

from gitrepo import fedgate

PATH = "src/auth/vendor"


def _gitlink(repo, sha: str) -> None:
    repo.git("update-index", "--add", "--cacheinfo", f"160000,{sha},{PATH}")


def test_a_high_tier_submodule_bump_is_not_reviewable(tmp_path):
    repo = auth_repo(tmp_path)
    _gitlink(repo, "1" * 40)
    repo.git("commit", "-q", "-m", "add the submodule")
    _gitlink(repo, "2" * 40)
    repo.git("commit", "-q", "-m", "bump it")
    run, doc = check_json(repo, "HEAD~1", env=user_env(tmp_path, FEDGATE_MODEL="openai/gpt-4.1-mini",
                                                         OPENAI_API_KEY="sk-x", OPENAI_BASE_URL="http://127.0.0.1:9/v1"))
    [sub] = [f for f in doc["files"] if f["path"] == PATH]
    assert sub["tier"] == "high" and sub["trivial"] is False, sub
    [u] = [u for u in doc["plan"]["unreviewed"] if u["path"] == PATH]
    assert "not reviewable" in u["reason"] and u["blocking"] is False
    assert doc["usage"]["model_calls"] == 0 and run.code == 0
    text = fedgate(repo.path, "check", "--no-ledger", "HEAD~1", env=user_env(tmp_path)).stdout
    line = next(ln for ln in text.splitlines() if PATH in ln and "high" in ln)
    assert "not reviewable" in line and "skip" not in line, text
