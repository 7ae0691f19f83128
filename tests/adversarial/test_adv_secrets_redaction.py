"""Issue 12 item 5: no secret reaches the model. Each form is planted in a high-risk file, the
real CLI runs with tests/fakellm.py as the model, and the assertions are on what the server got
(one run for all the forms, then one test per form)."""
from __future__ import annotations

import re

import pytest
from gate_helpers import check_json, model_env
from secret_forms import KEY, KEY_BODY, KEY_CHANGED, NEW_KEY_LINE, REDACTION_FORMS

from fakellm import FakeLLM
from gitrepo import make_repo

# Every path is high tier: each form's hunk is sent, so each could leak.
CONFIG = 'tiers:\n  high:\n    paths: ["**"]\nreview:\n  retries: 0\n  timeout_s: 60\n'
KEY_PATH = "deploy/auth/id_rsa.pem"


@pytest.fixture(scope="module")
def sent(tmp_path_factory) -> str:
    tmp = tmp_path_factory.mktemp("redaction")
    repo = make_repo(tmp / "repo", {".fedgate.yml": CONFIG, "README.md": "# r\n", KEY_PATH: KEY})
    for form in REDACTION_FORMS:
        repo.write(form.path, form.text)
    # One middle line of a 26-line key changes: the hunk starts inside the key (its BEGIN line is
    # outside the hunk), and git's section header, the line before the hunk, is a key line.
    repo.write(KEY_PATH, KEY_CHANGED)
    repo.commit("change")
    with FakeLLM() as llm:
        check_json(repo, "HEAD~1", env=model_env(tmp, llm.url))
        return "\n".join(llm.user_prompts())


@pytest.mark.parametrize("form", REDACTION_FORMS, ids=lambda f: f.id)
def test_listed_form_never_reaches_the_model(sent, form):
    assert f"FILE: {form.path}\n" in sent  # the hunk was sent: redacted, not skipped
    for value in form.secrets:
        assert value not in sent, form.id


def _hunk(sent: str, path: str) -> list[str]:
    block = sent.split(f"FILE: {path}\n", 1)[1]
    return block.split("\n\n", 1)[0].split("\n")


def test_a_hunk_inside_a_private_key_sends_no_key_line(sent):
    rows = _hunk(sent, KEY_PATH)
    assert [line for line in KEY_BODY + [NEW_KEY_LINE] if line in sent] == []
    # The hunk still goes with its context (three lines each side of the change), each row redacted.
    diff_rows = [r for r in rows[1:] if re.match(r"\d+:[+ ]|-", r)]
    assert len(diff_rows) >= 7 and all("[REDACTED-SECRET-" in r for r in diff_rows), rows
    # git's section header (after the second @@) is redacted like a line.
    header = rows[0]
    assert header.startswith("@@ ") and "[REDACTED-SECRET-" in header.split("@@")[2], header
