"""Issue 12 item 16: file names and model text cannot write raw control characters into the report."""
from __future__ import annotations

import pytest
from gate_helpers import SECRET_LINE, auth_repo, model_env

from fakellm import FakeLLM
from gitrepo import fedgate

from fedgate.review.prompt import one_line

EVIL = "src/auth/b\n::error::x\r\x1b[2J\x07.py"


@pytest.fixture
def llm():
    with FakeLLM() as server:
        yield server


def _clean(stdout: str) -> None:
    for line in stdout.split("\n"):
        assert not line.startswith("::"), repr(line)
    assert not any(c in stdout for c in "\r\x1b\x07\x0b\x0c\x85\u2028\u2029"), repr(stdout)


def test_control_characters_in_file_names_and_model_text_are_escaped(tmp_path, llm):
    repo = auth_repo(tmp_path)
    repo.write(EVIL, f"def login(user):\n    {SECRET_LINE}\n    return True\n")
    repo.commit("hostile names")
    llm.default = FakeLLM.findings([{
        # The path as it was sent (one line, breaks escaped).
        "path": one_line(EVIL), "line": 3, "severity": "high", "category": "security",
        "title": "Bypass\n::error::title\x1b[31m", "message": "always true\r\n::warning::msg\u2028::error::u2028",
    }])
    run = fedgate(repo.path, "check", "--no-ledger", "HEAD~1", env=model_env(tmp_path, llm.url))
    assert run.code == 1, run.stdout + run.stderr
    _clean(run.stdout)
    assert "b\\n::error::x\\r\\x1b[2J\\x07.py" in run.stdout  # shown, escaped
    assert len(llm.requests) == 1
    assert "Bypass" in run.stdout, run.stdout  # the model finding is shown, on one line
    assert "::warning::msg\\u2028::error::u2028" in run.stdout


def test_a_control_character_in_a_range_note_or_warning_is_escaped(tmp_path):
    repo = auth_repo(tmp_path)
    repo.write("docs/x\n::error::doc.md", "# hi\n")
    repo.commit("doc")
    run = fedgate(repo.path, "check", "--no-ledger", "HEAD~1", env=model_env(tmp_path, "http://127.0.0.1:9/v1"))
    _clean(run.stdout)
