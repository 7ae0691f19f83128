"""The built-in routing signals (src/fedgate/signals/*.yml): every signal's own examples, run
through the engine classify uses, and the file format's errors."""
from __future__ import annotations

import re

import pytest

from fedgate.config import load_config
from fedgate.models import ChangedFile, FedgateError, Hunk, Line
from fedgate.policy import Policy, classify
from fedgate.signals import FAMILIES, SIDES, builtin_groups, builtin_signals, parse_group

SIGNALS = builtin_signals()
CONFIG = load_config(None)
POLICY = Policy(CONFIG)  # its compiled pattern sets are reused by every example


def _ext(signal) -> str:
    """A file extension the signal applies to (its examples are written in that language)."""
    if signal.languages is None:
        return "py"
    for preferred in ("py", "js", "c", "rs", "html", "php"):
        if preferred in signal.languages:
            return preferred
    return sorted(signal.languages)[0]


def _hunk(side: str, text: str) -> Hunk:
    lines = text.split("\n")
    kind = {"added": "+", "removed": "-", "context": " "}[side]
    body = [Line(kind, t, i + 1 if kind != "+" else None, i + 1 if kind != "-" else None) for i, t in enumerate(lines)]
    if side == "context":  # context alone is not a change: add a changed line beside it
        body.append(Line("+", "pass", None, len(lines) + 1))
    return Hunk(1, len(lines), 1, len(lines), "", tuple(body))


def _fired(signal, text: str) -> set[str]:
    """The ids the engine finds on the side the signal weighs most."""
    side = max((sw for sw in signal.weights if sw[0] != "modified"), key=lambda sw: sw[1])[0]
    if side == "context":  # read only around a hunk that has a changed-line signal
        return {s.id for s in POLICY._sets(_ext(signal)).fired("context", text)}
    context, windows = POLICY.fired(_hunk(side, text), f"src/example.{_ext(signal)}")
    return set(context) | {sid for w in windows for sid in w}


def test_signal_ids_are_unique_and_every_group_has_a_title():
    ids = [s.id for s in SIGNALS]
    assert len(ids) == len(set(ids))
    assert all(g.title and g.signals for g in builtin_groups())


def test_the_weakness_groups_of_the_issue_are_all_there():
    groups = {g.name for g in builtin_groups()}
    assert groups >= {"html", "redirect", "http", "path", "deserialize", "regex", "exec", "tls", "auth",
                      "limits", "memory", "logs", "files", "ssrf", "guards"}


@pytest.mark.parametrize("signal", SIGNALS, ids=[s.id for s in SIGNALS])
def test_every_signal_is_reviewed_data(signal):
    assert signal.why and len(signal.why) < 160 and "\n" not in signal.why
    assert signal.match and signal.no_match, "each signal carries examples that must and must not match"
    assert all(side in SIDES or side == "modified" for side, _ in signal.weights)


@pytest.mark.parametrize("signal", SIGNALS, ids=[s.id for s in SIGNALS])
def test_every_signal_compiles_in_re2(signal):
    # One linear-time pass per hunk side (RE2 Set): a pattern RE2 rejects would fall back to
    # backtracking `re` on every hunk of a large diff.
    re2 = pytest.importorskip("re2")
    options = re2.Options()
    options.log_errors = False
    re2.compile(signal.pattern, options)


@pytest.mark.parametrize(
    "signal,example",
    [(s, ex) for s in SIGNALS for ex in s.match],
    ids=[f"{s.id}:{i}" for s in SIGNALS for i, _ in enumerate(s.match)],
)
def test_signal_matches_its_positive_examples(signal, example):
    assert re.search(signal.pattern, example, re.MULTILINE)
    if signal.reads == "code":
        assert signal.id in _fired(signal, example)


@pytest.mark.parametrize(
    "signal,example",
    [(s, ex) for s in SIGNALS for ex in s.no_match],
    ids=[f"{s.id}:{i}" for s in SIGNALS for i, _ in enumerate(s.no_match)],
)
def test_signal_ignores_its_negative_examples(signal, example):
    assert not re.search(signal.pattern, example, re.MULTILINE)
    assert signal.id not in _fired(signal, example)


def one(path: str, removed=(), added=(), context=()):
    lines, old, new = [], 10, 10
    for t in context:
        lines.append(Line(" ", t, old, new))
        old, new = old + 1, new + 1
    for t in removed:
        lines.append(Line("-", t, old, None))
        old += 1
    for t in added:
        lines.append(Line("+", t, None, new))
        new += 1
    h = Hunk(10, old - 10, 10, new - 10, "", tuple(lines))
    return classify((ChangedFile(path=path, old_path=None, status="modified", hunks=(h,)),), CONFIG, POLICY)[0].hunks[0]


def test_languages_keep_a_signal_to_its_language():
    # JavaScript's regex.exec( is not a process; Python's exec( is code execution.
    assert "exec-eval" not in " ".join(one("web/app.js", added=["m = regex.exec(text)"]).reasons)
    assert "exec-eval" in " ".join(one("tool/run.py", added=["exec(code, scope)"]).reasons)
    # A word in a README or a Makefile is not the code doing it.
    assert one("Makefile", added=["\tchmod 777 build/../out"]).score == 0


def test_a_removed_guard_weighs_more_than_an_added_one():
    removed = one("app/render.py", removed=["    return escape(value)"], added=["    return value"])
    added = one("app/render.py", removed=["    return value"], added=["    return escape(value)"])
    assert removed.score > added.score
    assert removed.tier == "high" and added.tier == "medium"


def test_a_rewritten_check_is_not_a_removed_one():
    gone = one("app/limits.py", removed=["    if len(body) > self.max_body:", "        raise TooLarge()"])
    rewritten = one("app/limits.py", removed=["    if len(body) > self.max_body:"],
                    added=["    if len(body) >= self.max_body:"])
    assert gone.tier == "high" and rewritten.score < gone.score


def test_a_guard_that_moved_elsewhere_in_the_change_is_not_removed():
    guard = ["    if not request.user.has_perm('app.change'):", "        raise PermissionDenied"]
    a = Hunk(10, 2, 10, 0, "", tuple(Line("-", t, 10 + i, None) for i, t in enumerate(guard)))
    b = Hunk(40, 0, 38, 2, "", tuple(Line("+", t, None, 38 + i) for i, t in enumerate(guard)))
    moved = classify((ChangedFile("app/views.py", None, "modified", (a, b)),), CONFIG)[0]
    assert all(h.tier == "medium" for h in moved.hunks), [h.reasons for h in moved.hunks]
    deleted = classify((ChangedFile("app/views.py", None, "modified", (a,)),), CONFIG)[0]
    assert deleted.hunks[0].tier == "high"


def test_weak_signals_far_apart_in_a_long_hunk_do_not_add_up():
    near = ["x = urlparse(u)", "y = redirect(x)"]
    far = ["x = urlparse(u)"] + [f"v{i} = compute({i})" for i in range(120)] + ["y = redirect(x)"]
    assert one("app/nav.py", added=near).tier == "high"
    assert one("app/nav.py", added=far).tier == "medium"


def test_test_code_counts_a_quarter():
    line = ["    subprocess.run(cmd, shell=True)"]
    assert one("app/run.py", added=line).tier == "high"
    assert one("tests/test_run.py", added=line).tier == "medium"


def test_routing_threshold_and_disable_come_from_the_config(tmp_path):
    cfg = tmp_path / "policy.yml"
    cfg.write_text("routing:\n  threshold: 200\n  disable: [exec]\n")
    config = load_config(None, str(cfg))
    h = Hunk(1, 0, 1, 1, "", (Line("+", "subprocess.run(cmd, shell=True)", None, 1),))
    v = classify((ChangedFile("app/run.py", None, "modified", (h,)),), config)[0].hunks[0]
    assert v.score == 0 and v.tier == "medium"


@pytest.mark.parametrize(
    "text,error",
    [
        ("signals: []\n", "needs 'group'"),
        ("group: g\nsignals: [{id: a, pattern: 'x', weight: 5, why: w, colour: red}]\n", "unknown key"),
        ("group: g\nsignals: [{id: a, pattern: '(', weight: 5, why: w}]\n", "signal 'a'"),
        ("group: g\nsignals: [{id: a, pattern: 'x', weight: {sideways: 5}, why: w}]\n", "weight side"),
        ("group: g\nsignals: [{id: a, pattern: 'x', weight: 5}]\n", "why"),
        ("group: g\nsignals: [{id: a, pattern: 'x', weight: 5, why: w, side: up}]\n", "side must be"),
        ("group: g\nsignals: [{id: a, pattern: 'x', weight: {context: 5, added: 3}, why: w}]\n", "context weight"),
        ("group: g\nsignals: [{id: a, pattern: 'x', weight: {context: 5, modified: 3}, why: w}]\n", "context weight"),
        ("group: g\nsignals: [{id: a, pattern: 'x', weight: {modified: 30}, why: w}]\n", "modified weight goes with"),
        ("group: g\nsignals:\n  - id: a\n    why: a: b: c\n", "invalid YAML"),
    ],
)
def test_a_bad_signals_file_names_the_file_and_the_signal(text, error):
    with pytest.raises(FedgateError) as e:
        parse_group(text, "signals/x.yml")
    assert "signals/x.yml" in str(e.value) and error in str(e.value)


def test_language_families_cover_the_languages_the_issue_names():
    for family in ("python", "javascript", "go", "java", "ruby", "php", "c", "rust"):
        assert FAMILIES[family] <= FAMILIES["code"]


def test_a_modified_weight_is_read_with_the_others():
    (sig,) = parse_group("group: g\nsignals: [{id: a, pattern: 'x', weight: {added: 10, removed: 60, modified: 60}, why: w, "
                         "match: [x], no_match: [y]}]\n", "signals/x.yml").signals
    assert (sig.weight_on("added"), sig.weight_on("removed"), sig.weight_on("modified")) == (10, 60, 60)
    assert sig.weight == 60
