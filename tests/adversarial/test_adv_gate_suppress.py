"""Issue 12 item 13: the change cannot silence its own secret or reviewer-directed text inline."""
from __future__ import annotations

from gate_helpers import HIGH, INJECTION_LINE, SECRET_LINE, auth_repo, check_json, hostile_commit, unsuppressed, user_env

from gitrepo import fedgate

SELF_SUPPRESSED = (
    "def login(user, password):\n"
    f"    {SECRET_LINE}  # fedgate: ignore[*] fine\n"
    "    # fedgate: ignore[reviewer-directed-text] just a comment\n"
    f"    {INJECTION_LINE}\n"
    "    breakpoint()  # fedgate: ignore[debug-left] kept for the tutorial\n"
    "    return check_password(user, password)\n"
)


def test_added_suppressions_cannot_silence_secret_or_injection_and_are_listed(tmp_path):
    repo = auth_repo(tmp_path)
    hostile_commit(repo, {}, auth=SELF_SUPPRESSED)
    run, doc = check_json(repo, "HEAD~1", env=user_env(tmp_path))
    assert run.code == 1, run.stdout
    assert unsuppressed(doc, "secret") and unsuppressed(doc, "reviewer-directed-text")
    debug = [f for f in doc["findings"] if f["rule"] == "debug-left"]
    assert debug and all(f["suppressed"] for f in debug)  # other rules: the author may say why
    added = {s["line"]: s for s in doc["added_suppressions"]}
    assert sorted(added) == [2, 3, 5]
    assert added[2]["refused"] == ["secret"] and "secret" not in added[2]["silenced"]
    assert added[3]["refused"] == ["reviewer-directed-text"] and added[3]["silenced"] == []
    assert added[5]["silenced"] == ["debug-left"] and added[5]["refused"] == []
    text = fedgate(repo.path, "check", "--no-ledger", "HEAD~1", env=user_env(tmp_path)).stdout
    assert "Suppressions added by this change (3):" in text
    assert f"{HIGH}:2" in text and "cannot silence secret" in text
    md = fedgate(repo.path, "check", "--no-ledger", "--format", "markdown", "HEAD~1", env=user_env(tmp_path)).stdout
    assert "Suppressions added by this change (3):" in md and "cannot silence secret" in md


def test_a_suppression_already_in_the_base_still_applies(tmp_path):
    # Written and merged before this change: the base's word, not the author's.
    repo = auth_repo(tmp_path, {"tests/fixtures.py": "# fedgate: ignore[secret] a revoked test key\nKEY = None\n"})
    repo.write("tests/fixtures.py", f"# fedgate: ignore[secret] a revoked test key\n{SECRET_LINE}\n")
    repo.commit("fixture key")
    run, doc = check_json(repo, "HEAD~1", env=user_env(tmp_path))
    sec = [f for f in doc["findings"] if f["rule"] == "secret"]
    assert sec and all(f["suppressed"] for f in sec), doc["findings"]
    assert doc["added_suppressions"] == []
    assert run.code == 0
