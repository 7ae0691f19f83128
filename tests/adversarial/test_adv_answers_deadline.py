"""Issue 12 item 10: review.timeout_s is a deadline for the whole call, not a read timeout.

The server answers at once, then sends its body a few bytes at a time: it is never silent long
enough for a read timeout, and the body takes far longer than timeout_s to arrive. The batch is
unreviewed with the reason, and fedgate leaves while the server is still sending.
"""
from __future__ import annotations

from gate_helpers import auth_repo, check_json, hostile_commit, model_env

from fakellm import FakeLLM

BYPASS = "def login(user, password):\n    return True\n"


def _run(tmp_path, retries: int):
    with FakeLLM() as llm:
        # About 350 bytes at 10 bytes every 0.5 s: some 17 s for the whole answer.
        llm.default = FakeLLM.trickle(0.5, nbytes=10)
        repo = auth_repo(tmp_path, {".fedgate.yml": f"review:\n  timeout_s: 2\n  retries: {retries}\n"})
        hostile_commit(repo, {}, auth=BYPASS)
        run, doc = check_json(repo, "HEAD~1", env=model_env(tmp_path, llm.url))
        still_sending = llm.in_flight
        return run, doc, llm, still_sending


def test_a_trickling_server_is_given_up_at_the_deadline(tmp_path):
    run, doc, llm, still_sending = _run(tmp_path, retries=0)
    assert run.code == 3, run.stdout
    [u] = doc["plan"]["unreviewed"]
    assert u["blocking"] and "within review.timeout_s (2 s)" in u["reason"], u
    assert len(llm.requests) == 1
    assert still_sending == 1, "fedgate waited for the trickled body instead of giving up"


def test_each_retry_has_its_own_deadline(tmp_path):
    run, doc, llm, still_sending = _run(tmp_path, retries=1)
    assert run.code == 3, run.stdout
    assert len(llm.requests) == 2
    assert "after 2 attempt(s)" in doc["plan"]["unreviewed"][0]["reason"]
    assert still_sending >= 1
