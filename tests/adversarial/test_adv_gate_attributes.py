"""Issue 12 item 2: attributes the change sets cannot turn its code into "binary"."""
from __future__ import annotations

import pytest
from gate_helpers import AUTH_AFTER, HIGH, MODEL_FINDING, SECRET_KEY, auth_repo, check_json, hostile_commit, model_env, unsuppressed

from fakellm import FakeLLM


@pytest.fixture
def llm():
    with FakeLLM() as server:
        server.default = FakeLLM.findings([MODEL_FINDING])
        yield server


@pytest.mark.parametrize("attributes", ["*.py -diff\n", "*.py binary\n", "* -diff -text\n", "src/** diff=nope -diff\n"])
def test_gitattributes_in_the_change_cannot_hide_code(tmp_path, llm, attributes):
    repo = auth_repo(tmp_path)
    hostile_commit(repo, {".gitattributes": attributes})
    run, doc = check_json(repo, "HEAD~1", env=model_env(tmp_path, llm.url))
    assert run.code == 1, run.stdout
    login = next(f for f in doc["files"] if f["path"] == HIGH)
    assert login["binary"] is False and login["hunks"]
    assert {"secret", "reviewer-directed-text"} <= {f["rule"] for f in unsuppressed(doc)}
    assert any(f["source"].startswith("model:") for f in unsuppressed(doc))
    assert "return True" in llm.bodies_text()
    assert SECRET_KEY not in llm.bodies_text()  # still redacted before it leaves


def test_attributes_already_in_the_base_cannot_hide_code_either(tmp_path, llm):
    # A .gitattributes committed earlier is read by git from the work tree for every diff.
    repo = auth_repo(tmp_path, {".gitattributes": "*.py -diff\n"})
    hostile_commit(repo, {})
    run, doc = check_json(repo, "HEAD~1", env=model_env(tmp_path, llm.url))
    assert run.code == 1, run.stdout
    assert "return True" in llm.bodies_text()


def test_the_staged_check_ignores_a_staged_gitattributes(tmp_path, llm):
    repo = auth_repo(tmp_path)
    repo.write(HIGH, AUTH_AFTER)
    repo.write(".gitattributes", "*.py -diff\n")
    repo.git("add", "-A")
    run, doc = check_json(repo, "--staged", env=model_env(tmp_path, llm.url))
    assert run.code == 1, run.stdout
    assert "return True" in llm.bodies_text()


def test_a_real_binary_file_stays_binary(tmp_path, llm):
    repo = auth_repo(tmp_path)
    repo.write("src/auth/session.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    repo.write(".gitattributes", "*.bin diff\n")  # asks git to show it as text
    repo.commit("logo")
    run, doc = check_json(repo, "HEAD~1", env=model_env(tmp_path, llm.url))
    logo = next(f for f in doc["files"] if f["path"] == "src/auth/session.bin")
    assert logo["binary"] is True and logo["hunks"] == []
    assert any(u["path"] == "src/auth/session.bin" and not u["blocking"] for u in doc["plan"]["unreviewed"])
    assert run.code == 0, run.stdout
