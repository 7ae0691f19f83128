"""User-acceptance regressions: fedgate used as its users do, in real throwaway repositories.

Each test pins a bug found by driving the real CLI: a traceback, a silent skip, a message that
pointed the wrong way, or a contract (exit codes, one stderr line) that did not hold.
"""
from __future__ import annotations

import json
import os
import re
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from gitrepo import Run, clean_env, fedgate, make_repo


def one_error_line(run: Run) -> str:
    """The exit-2 contract: one clear line on stderr, no traceback."""
    assert run.code == 2, (run.code, run.stdout, run.stderr)
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert lines[0].startswith("fedgate: error: "), lines[0]
    return lines[0]


@pytest.fixture
def repo(tmp_path):
    r = make_repo(tmp_path / "repo", {"README.md": "# project\n", "src/app.py": "x = 1\n"})
    r.write("src/app.py", "x = 2\n")
    r.commit("edit")
    return r


# ------------------------------------------------------------------ usage errors


@pytest.mark.parametrize(
    "args",
    [
        ("check", "-x"),
        ("check", "--format", "xml"),
        ("check", "--config", "."),
        ("no-such-command",),
        ("explain",),
    ],
)
def test_usage_errors_are_one_line(repo, args):
    line = one_error_line(fedgate(repo.path, *args))
    assert "--help" in line


# ------------------------------------------------------------------ fedgate ci github


def _ci(repo, tmp_path, name: str, payload) -> Run:
    event = tmp_path / "event.json"
    event.write_text(payload if isinstance(payload, str) else json.dumps(payload), encoding="utf-8")
    return fedgate(repo.path, "ci", "github", env={"GITHUB_EVENT_NAME": name, "GITHUB_EVENT_PATH": str(event)})


@pytest.mark.parametrize(
    "name,payload",
    [
        ("pull_request", {}),  # used to review HEAD~1 and pass
        ("pull_request", {"pull_request": "x"}),
        ("pull_request", {"pull_request": {"base": {"sha": 5}, "head": {"sha": "abc"}}}),  # TypeError traceback
        ("pull_request", {"pull_request": {"number": "x", "base": {"sha": "a"}, "head": {"sha": "b"}}}),  # ValueError
        ("push", {"before": 3, "after": []}),
        ("push", []),  # a payload that is not an object
        ("merge_group", {"merge_group": None}),
    ],
)
def test_ci_github_bad_payload_is_an_error_not_another_range(repo, tmp_path, name, payload):
    line = one_error_line(_ci(repo, tmp_path, name, payload))
    assert "payload" in line or "number" in line


def test_ci_github_push_that_deletes_a_branch_reviews_nothing_and_says_so(repo, tmp_path):
    zero = "0" * 40
    run = _ci(repo, tmp_path, "push", {"before": repo.head(), "after": zero})
    assert run.code == 0, run.stderr  # was: HEAD~1 reviewed as if it had been pushed
    assert "push deletes a branch: nothing to review" in run.stdout and "0 file(s)" in run.stdout


def test_ci_github_says_how_it_chose_the_range_when_the_event_names_none(repo, tmp_path):
    run = _ci(repo, tmp_path, "workflow_dispatch", {"inputs": {}})
    assert run.code == 0, run.stderr
    assert "'workflow_dispatch' event names no range" in run.stdout
    run = fedgate(repo.path, "ci", "github")
    assert run.code == 0 and "GITHUB_EVENT_PATH is not set" in run.stdout


# ------------------------------------------------------------------ the model reviewer


def test_closed_port_fails_closed_fast_with_the_reason(tmp_path):
    r = make_repo(tmp_path / "repo")
    r.write("src/auth.py", "def login(user, password):\n    return check_password(user, password)\n")
    r.commit("auth")
    env = {"FEDGATE_MODEL": "openai/gpt-4o-mini", "FEDGATE_API_BASE": "http://127.0.0.1:9/v1", "OPENAI_API_KEY": "sk-test"}
    started = time.monotonic()
    run = fedgate(r.path, "check", "HEAD~1", "--no-ledger", "--format", "json", env=env)
    elapsed = time.monotonic() - started
    assert run.code == 3, run.stderr
    assert "Traceback" not in run.stderr
    doc = run.json()
    reasons = [u["reason"] for u in doc["plan"]["unreviewed"]]
    assert reasons and "connection refused" in reasons[0] and "127.0.0.1:9" in reasons[0], reasons
    assert doc["usage"]["model_calls"] == 1  # no retries against a port nobody listens on
    assert elapsed < 15  # litellm's import is most of it; four attempts with backoff took ~8 s
    run = fedgate(r.path, "check", "HEAD~1", "--no-ledger", "--fail-open", env=env)
    assert run.code == 0 and "connection refused" in run.stdout


# ------------------------------------------------------------------ report and ledger


def test_report_since_far_past_means_every_run(repo):
    assert fedgate(repo.path, "check", "HEAD~1").code == 0
    run = fedgate(repo.path, "report", "--since", "99999999d", "--format", "json")
    assert run.code == 0, run.stderr  # was an OverflowError traceback
    assert run.json()["totals"]["runs"] == 1


@pytest.mark.parametrize("field,value", [("prompt_tokens", 10**30), ("exit_code", None), ("cost_usd", "free")])
def test_ledger_import_rejects_bad_values_before_touching_the_ledger(repo, tmp_path, field, value):
    assert fedgate(repo.path, "check", "HEAD~1").code == 0
    export = fedgate(repo.path, "ledger", "export")
    record = json.loads(export.stdout.splitlines()[0])
    record.update({field: value, "id": "other-run"})
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(record) + "\n", encoding="utf-8")
    target = tmp_path / "new.db"
    line = one_error_line(fedgate(repo.path, "ledger", "import", str(bad), "--ledger", str(target)))
    assert f"bad '{field}'" in line
    assert not target.exists()  # nothing half-written: no empty ledger left behind


# ------------------------------------------------------------------ ranges


@pytest.mark.parametrize("spec", ["..", "..."])
def test_a_range_naming_no_revision_is_an_error_not_a_pass(repo, spec):
    line = one_error_line(fedgate(repo.path, "check", spec))  # git reads it as HEAD..HEAD: an empty pass
    assert "name at least one revision" in line


@pytest.mark.parametrize(
    "spec,says,never",
    [
        ("HEAD~999", "history is shorter", "git fetch"),
        ("README.md", "is a file, not a revision", "git fetch"),
        ("origin/nope", "git fetch origin nope", "origin/nope)"),
    ],
)
def test_unknown_revision_advice_fits_the_mistake(tmp_path, spec, says, never):
    upstream = make_repo(tmp_path / "upstream")
    upstream.write("a.py", "a = 1\n")
    upstream.commit("second")  # HEAD~N past a root HEAD is the empty tree on purpose
    clone = tmp_path / "clone"
    upstream.git("clone", "-q", str(upstream.path), str(clone))
    line = one_error_line(fedgate(clone, "check", spec))
    assert says in line and never not in line, line


# ------------------------------------------------------------------ baseline


def test_baseline_rewrites_a_corrupt_baseline_instead_of_refusing(repo):
    target = repo.path / ".fedgate-baseline.json"
    target.write_text("{broken", encoding="utf-8")
    line = one_error_line(fedgate(repo.path, "check", "HEAD~1"))
    assert "fedgate baseline" in line  # the way out is named
    run = fedgate(repo.path, "baseline", "HEAD~1")
    assert run.code == 0, run.stderr  # was: exit 2, "cannot read the baseline"
    assert json.loads(target.read_text(encoding="utf-8"))["fingerprints"] == []
    assert fedgate(repo.path, "check", "HEAD~1").code == 0


# ------------------------------------------------------------------ --output


def test_output_file_keeps_a_readable_mode(repo, tmp_path):
    fresh = tmp_path / "report.json"
    old = tmp_path / "old.txt"
    old.write_text("old\n", encoding="utf-8")
    old.chmod(0o644)
    for target in (fresh, old):
        run = fedgate(repo.path, "check", "HEAD~1", "--no-ledger", "--format", "json", "--output", str(target))
        assert run.code == 0, run.stderr
        assert json.loads(target.read_text(encoding="utf-8"))["schema_version"] == 1
        assert stat.S_IMODE(target.stat().st_mode) & 0o044 == 0o044  # was 0600 (mkstemp's mode)
    assert stat.S_IMODE(old.stat().st_mode) == 0o644


@pytest.mark.parametrize("target", [".", "missing-dir/r.json", "README.md/r.json"])
def test_output_to_a_bad_place_is_one_line_and_leaves_nothing(repo, target):
    before = sorted(os.listdir(repo.path))
    one_error_line(fedgate(repo.path, "check", "HEAD~1", "--no-ledger", "--output", target))
    assert sorted(os.listdir(repo.path)) == before


# ------------------------------------------------------------------ explain


def test_explain_reads_paths_relative_to_the_current_directory(tmp_path):
    r = make_repo(tmp_path / "repo")
    (r.path / ".github" / "workflows").mkdir(parents=True)
    inside = r.path / ".github" / "workflows"
    run = fedgate(inside, "explain", "ci.yml", "../../src/auth.py")
    assert run.code == 0, run.stderr
    lines = run.stdout.splitlines()[1:]
    # The policy's globs are repo-root paths: was 'medium ci.yml  no glob matched'.
    assert lines[0].startswith("medium .github/workflows/ci.yml  no glob matched"), lines
    assert lines[1].startswith("high   src/auth.py"), lines
    run = fedgate(r.path, "explain", "src/../docs/guide.md", str(r.path / "src" / "auth.py"))
    assert [ln.split()[1] for ln in run.stdout.splitlines()[1:]] == ["docs/guide.md", "src/auth.py"]
    run = fedgate(r.path, "explain", "")
    assert one_error_line(run) and run.stdout == ""


# ------------------------------------------------------------------ report formats


@pytest.mark.parametrize("fmt", ["markdown", "sarif"])
def test_a_finding_title_is_not_repeated_in_its_message(tmp_path, fmt):
    r = make_repo(tmp_path / "repo")
    r.write("settings.py", 'PASSWORD = "hunter2hunter2xyzzy"\n')
    r.commit("secret")
    run = fedgate(r.path, "check", "HEAD~1", "--no-ledger", "--format", fmt)
    assert run.code == 1, run.stderr
    assert "hunter2hunter2xyzzy" not in run.stdout
    # was "Secret Keyword added: hun***zzy: Secret Keyword added: hun***zzy (shown masked); ..."
    assert len(re.findall(r"hun\*+zzy", run.stdout)) == 1, run.stdout


# ------------------------------------------------------------------ config files


@pytest.mark.parametrize(
    "text,says",
    [
        ("budget:\n  max_cost_usd: .nan\n", "'budget.max_cost_usd': expected a finite number"),  # was accepted
        ("review:\n  timeout_s: .inf\n", "'review.timeout_s': expected a finite number"),
        ("review:\n\tmodel: x\n", "tabs"),
        ("review:\n  model: 123\n", "'review.model'"),
        ("review:\n  fail_on: \xff\n", "cannot read config"),
        ("tiers:\n  high:\n    paths: '*.py'\n", "'tiers.high.paths': expected a list"),
        ("review: {model: a}\nreview: {model: b}\n", "duplicate key 'review'"),
        ("models:\n  openai/x: {price_per_mtok_in: 1}\n", "'models.openai/x': needs price_per_mtok_out"),  # TypeError
        ("a: " + "[" * 60000 + "]" * 60000 + "\n", "nested more than"),  # libyaml segfaulted (exit 139)
    ],
)
def test_malformed_config_is_one_line_naming_file_and_key(repo, text, says):
    (repo.path / ".fedgate.yml").write_bytes(text.encode("latin-1"))
    line = one_error_line(fedgate(repo.path, "check", "HEAD~1"))
    assert ".fedgate.yml" in line and says in line, line


@pytest.mark.parametrize("text", ["", "# only a comment\n", "\ufeffreview:\n  fail_on: high\n"])
def test_empty_commented_or_bom_config_is_the_default(repo, text):
    (repo.path / ".fedgate.yml").write_text(text, encoding="utf-8")
    assert fedgate(repo.path, "check", "HEAD~1", "--no-ledger").code == 0


def test_init_twice_and_into_a_directory(tmp_path):
    r = make_repo(tmp_path / "repo")
    assert fedgate(r.path / ".git", "init").code == 0  # from inside .git it writes at the work tree root
    assert (r.path / ".fedgate.yml").exists()
    assert "already exists" in one_error_line(fedgate(r.path, "init"))
    assert "is a directory" in one_error_line(fedgate(r.path, "init", "--path", "."))
    assert "not a git repository" in one_error_line(fedgate(tmp_path, "init"))


def test_an_empty_rev_range_says_why_it_is_empty(repo):
    run = fedgate(repo.path, "check", "main", "--no-ledger")  # on main: main...HEAD is empty
    assert run.code == 0
    assert "HEAD is already in 'main'" in run.stdout and "fedgate check HEAD~1" in run.stdout


def test_ctrl_c_during_a_model_call_exits_at_once(tmp_path):
    r = make_repo(tmp_path / "repo")
    r.write("src/auth.py", "def login(user, password):\n    return check_password(user, password)\n")
    r.commit("auth")
    silent = socket.socket()  # accepts, never answers: a model call that hangs
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    accepted: list = []
    threading.Thread(target=lambda: accepted.append(silent.accept()), daemon=True).start()
    env = clean_env({"FEDGATE_MODEL": "openai/gpt-4o-mini", "OPENAI_API_KEY": "sk-test",
                "FEDGATE_API_BASE": f"http://127.0.0.1:{silent.getsockname()[1]}/v1"})
    proc = subprocess.Popen([sys.executable, "-m", "fedgate", "check", "HEAD~1", "--no-ledger", "--no-cache"],
                            cwd=r.path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while not accepted and time.monotonic() < deadline:
            time.sleep(0.05)
        assert accepted, "the model call never started"
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=10)  # was: waited out review.timeout_s (60 s) and the retries
    finally:
        proc.kill()
        silent.close()
    assert proc.returncode == 130
    assert "interrupted" in err.decode() and "Traceback" not in err.decode()


@pytest.mark.parametrize("base", ["htp:/bad", "http://", "http://[::1", "http://localhost:99999/v1"])
def test_a_malformed_api_base_is_a_usage_error_not_four_failed_calls(repo, base):
    env = {"FEDGATE_MODEL": "openai/x", "OPENAI_API_KEY": "sk-test", "FEDGATE_API_BASE": base}
    assert "FEDGATE_API_BASE" in one_error_line(fedgate(repo.path, "check", "HEAD~1", env=env))
    (repo.path / ".fedgate.yml").write_text(f"review:\n  api_base: '{base}'\n", encoding="utf-8")
    assert "'review.api_base'" in one_error_line(fedgate(repo.path, "check", "HEAD~1"))


def test_staged_during_a_merge_conflict_names_the_conflict(tmp_path):
    r = make_repo(tmp_path / "repo", {"f.py": "a = 1\n"})
    r.git("checkout", "-q", "-b", "other")
    r.write("f.py", "a = 2\n")
    r.commit("other")
    r.git("checkout", "-q", "main")
    r.write("f.py", "a = 3\n")
    r.commit("main")
    r.git("merge", "other", check=False)
    line = one_error_line(fedgate(r.path, "check", "--staged"))
    assert "unresolved merge conflicts in f.py" in line  # was "git listed 1 changed files but the patch has 0"


def test_deeply_nested_json_inputs_are_one_line_errors(repo, tmp_path):
    deep = "[" * 100000 + "]" * 100000  # json raises RecursionError, which is not a ValueError
    path = tmp_path / "deep.json"
    path.write_text(deep, encoding="utf-8")
    (repo.path / ".fedgate-baseline.json").write_text(deep, encoding="utf-8")
    assert "baseline" in one_error_line(fedgate(repo.path, "check", "HEAD~1"))
    (repo.path / ".fedgate-baseline.json").unlink()
    run = fedgate(repo.path, "ci", "github", env={"GITHUB_EVENT_NAME": "push", "GITHUB_EVENT_PATH": str(path)})
    assert "event payload" in one_error_line(run)
    assert "not JSON" in one_error_line(fedgate(repo.path, "ledger", "import", str(path), "--ledger", str(tmp_path / "l.db")))


def test_ci_github_comment_with_an_unusable_api_url_falls_back_to_annotations(tmp_path):
    r = make_repo(tmp_path / "repo")
    base = r.head()
    r.write("settings.py", 'PASSWORD = "hunter2hunter2xyzzy"\n')
    head = r.commit("secret")
    side = {"repo": {"full_name": "o/r"}}
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"number": 7, "pull_request": {"number": 7, "base": {"sha": base, **side},
                                                               "head": {"sha": head, **side}}}), encoding="utf-8")
    env = {"GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": str(event), "GITHUB_TOKEN": "t",
           "GITHUB_REPOSITORY": "o/r", "GITHUB_API_URL": "not-a-url"}
    run = fedgate(r.path, "ci", "github", "--comment", env=env)
    assert run.code == 1, run.stderr  # the secret blocks; was a ValueError traceback (exit 1 by accident)
    assert "Traceback" not in run.stderr
    assert "GITHUB_API_URL is not usable" in run.stdout and "::error file=settings.py" in run.stdout


def test_fedgates_own_policy_file_does_not_trip_its_rules(tmp_path):
    own = (Path(__file__).resolve().parent.parent / ".fedgate.yml").read_text(encoding="utf-8")
    r = make_repo(tmp_path / "repo")
    r.write(".fedgate.yml", own)
    r.commit("policy")
    run = fedgate(r.path, "check", "HEAD~1", "--no-ledger", "--format", "json")
    # Its comment quoted a steering phrase: every range that added it was blocked.
    assert run.code == 0, [f["message"] for f in run.json()["findings"]]


# ------------------------------------------------------------------ help


def test_every_command_has_help_and_ci_github_names_its_inputs(tmp_path):
    for cmd in [(), ("check",), ("baseline",), ("explain",), ("init",), ("ci",), ("ci", "github"), ("report",),
                ("ledger",), ("ledger", "export"), ("ledger", "import")]:
        run = fedgate(tmp_path, *cmd, "--help")
        assert run.code == 0 and run.stdout.startswith("Usage: fedgate") and not run.stderr, cmd
    assert "GITHUB_EVENT_PATH" in fedgate(tmp_path, "ci", "github", "--help").stdout
    assert "--path FILE" in fedgate(tmp_path, "init", "--help").stdout


def test_baseline_refuses_when_the_model_review_did_not_happen(tmp_path):
    r = make_repo(tmp_path / "repo")
    r.write("src/auth.py", "def login(user, password):\n    return check_password(user, password)\n")
    r.commit("auth")
    r.write(".fedgate.yml", "review:\n  required: true\n")  # high-risk hunks need a model; none is set
    run = fedgate(r.path, "baseline", "HEAD~1")
    assert run.code == 3, run.stderr  # was: exit 0, "wrote 1 fingerprint(s)", the review silently missing
    assert "--rules-only" in run.stderr and "Traceback" not in run.stderr
    assert not (r.path / ".fedgate-baseline.json").exists()
    assert fedgate(r.path, "baseline", "HEAD~1", "--rules-only").code == 0
    assert (r.path / ".fedgate-baseline.json").exists()


def test_baseline_uses_the_model_from_the_environment_like_check(tmp_path):
    r = make_repo(tmp_path / "repo")
    r.write("src/auth.py", "def login(user, password):\n    return check_password(user, password)\n")
    r.commit("auth")
    env = {"FEDGATE_MODEL": "openai/gpt-4o-mini"}  # no OPENAI_API_KEY: fails before any call
    assert fedgate(r.path, "check", "HEAD~1", "--no-ledger", env=env).code == 3
    run = fedgate(r.path, "baseline", "HEAD~1", env=env)
    assert run.code == 3 and "OPENAI_API_KEY" in run.stderr  # was: ignored, a rules-only baseline, exit 0


def test_a_policy_file_that_is_not_a_file_is_not_silently_replaced_by_the_default(repo):
    (repo.path / ".fedgate.yml").symlink_to(repo.path / "policy" / "missing.yml")
    assert "not a readable file" in one_error_line(fedgate(repo.path, "check", "HEAD~1"))  # was: default policy


def test_git_missing_is_one_line(repo):
    for args in (("check", "HEAD~1"), ("init",)):
        assert "git is not installed" in one_error_line(fedgate(repo.path, *args, env={"PATH": "/nonexistent"}))
    run = fedgate(repo.path, "explain", "src/auth.py", env={"PATH": "/nonexistent"})
    assert run.code == 0 and "high" in run.stdout  # explain needs no git: the built-in policy


def test_a_checkout_owned_by_another_user_says_so(repo):
    if os.geteuid() != 0:
        pytest.skip("needs root to hand the checkout to another user")
    for base, dirs, files in os.walk(repo.path):
        for name in [base, *(os.path.join(base, n) for n in dirs + files)]:
            os.lchown(name, 4242, 4242)
    if "dubious ownership" not in subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo.path, env=clean_env(),
                                                 capture_output=True, text=True).stderr:
        pytest.skip("this git trusts every directory (safe.directory=*)")
    line = one_error_line(fedgate(repo.path, "check", "HEAD~1"))
    # was: "the repository has no commits yet" (every git query failed quietly)
    assert "dubious ownership" in line and "safe.directory" in line


def test_report_before_any_run_is_an_empty_scorecard_not_an_error(tmp_path):
    repo = make_repo(tmp_path / "fresh")
    run = fedgate(repo.path, "report")
    assert run.code == 0, run.stderr
    assert "0 run(s)" in run.stdout
    missing = fedgate(repo.path, "report", "--ledger", str(tmp_path / "nope.db"))
    assert missing.code == 2 and "ledger not found" in missing.stderr


def test_a_model_name_without_a_provider_says_how_to_name_it(tmp_path):
    repo = make_repo(tmp_path / "r")
    repo.write("src/auth/login.py", "def login(user, password):\n    return user.check(password)\n")
    repo.commit("auth")
    run = fedgate(repo.path, "check", "HEAD~1", "--model", "nonsense-model", "--no-ledger")
    assert run.code == 3, run.stdout + run.stderr
    assert "litellm does not know which provider serves 'nonsense-model'" in run.stdout
    assert "PROVIDER/MODEL" in run.stdout and "Traceback" not in run.stdout + run.stderr
