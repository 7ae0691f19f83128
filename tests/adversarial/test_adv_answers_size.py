"""Issue 12 item 11: an answer's size cannot buy unbounded parsing.

An answer over MAX_ANSWER_CHARS is not parsed: the batch is unreviewed with a reason naming the
cap, with no repair request. Below the cap the parse is linear: prose full of brackets and
nesting deeper than Python's recursion limit no longer crashes it, and the real object is found.
"""
from __future__ import annotations

from gate_helpers import REAL, run_with_answers

from fedgate.review.prompt import MAX_ANSWER_CHARS


def test_an_answer_over_the_cap_is_unreviewed_without_a_repair(tmp_path):
    prose = ("The change is interesting { see below } and " * (MAX_ANSWER_CHARS // 40))[:MAX_ANSWER_CHARS]
    run, doc, llm = run_with_answers(tmp_path, prose + REAL)
    assert run.code == 3, run.stdout
    assert len(llm.requests) == 1
    [u] = doc["plan"]["unreviewed"]
    assert f"over the {MAX_ANSWER_CHARS:,}" in u["reason"], u


def test_deep_nesting_and_bracket_prose_before_the_answer_are_read_through(tmp_path):
    junk = '{"a": ' * 5000 + "} ] { " * 20000 + '{"note": "x {\\"y\\": 1}"} '
    run, doc, llm = run_with_answers(tmp_path, junk + "\nMy answer:\n" + REAL)
    assert len(llm.requests) == 1
    assert [f["title"] for f in doc["findings"] if f["source"].startswith("model:")] == ["Authentication bypass"]
    assert run.code == 1, run.stdout
