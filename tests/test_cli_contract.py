"""The CLI's failure contract: a crash is one line and exit 2 (never 1, never a traceback on
screen), and a failed write leaves nothing half-written behind."""
from __future__ import annotations

import json
import re
import resource
import subprocess
import sys
from pathlib import Path

from gitrepo import clean_env, fedgate, make_repo

# A fault our own code cannot be made to produce on demand: run_check raises, as a bug would.
INJECT = """
import sys
import fedgate.pipeline as pipeline

def run_check(opts):
    raise ZeroDivisionError("injected fault")

pipeline.run_check = run_check
from fedgate.cli import main
main(sys.argv[1:])
"""


def crash(repo: Path, tmp: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", INJECT, "check", "HEAD~1"], cwd=repo, capture_output=True, text=True,
                          env=clean_env({"TMPDIR": str(tmp), **env}), stdin=subprocess.DEVNULL, timeout=60)


def test_an_internal_error_is_one_line_exit_2_and_the_traceback_goes_to_a_file(repo, tmp_path):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    proc = crash(repo.path, tmp)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    m = re.fullmatch(r"fedgate: internal error: ZeroDivisionError: injected fault \(traceback in (\S+); please report it\)",
                     lines[0])
    assert m, lines[0]
    saved = Path(m.group(1))
    assert saved.parent == tmp
    text = saved.read_text(encoding="utf-8")
    assert text.startswith("Traceback (most recent call last):") and "in run_check" in text
    assert text.rstrip().endswith("ZeroDivisionError: injected fault")
    assert proc.stdout == ""


def test_fedgate_debug_prints_the_traceback_and_still_exits_2(repo, tmp_path):
    proc = crash(repo.path, tmp_path, FEDGATE_DEBUG="1")
    assert proc.returncode == 2
    assert proc.stderr.startswith("Traceback (most recent call last):"), proc.stderr
    assert "ZeroDivisionError: injected fault" in proc.stderr
    assert proc.stderr.strip().splitlines()[-1].startswith("fedgate: internal error: ZeroDivisionError: injected fault")


def test_a_crash_quoting_the_ledger_url_shows_and_saves_no_password(repo, tmp_path):
    url = "postgresql://team:pa55-w0rd-xyz@db.internal:5432/fedgate"
    script = INJECT.replace('raise ZeroDivisionError("injected fault")',
                            'raise RuntimeError("connect to " + os.environ["FEDGATE_LEDGER_URL"] + " failed; pw pa55-w0rd-xyz")')
    script = "import os\n" + script
    for debug in ("0", "1"):
        tmp = tmp_path / f"tmp{debug}"
        tmp.mkdir()
        proc = subprocess.run([sys.executable, "-c", script, "check", "HEAD~1"], cwd=repo.path, capture_output=True,
                              text=True, stdin=subprocess.DEVNULL, timeout=60,
                              env=clean_env({"TMPDIR": str(tmp), "FEDGATE_LEDGER_URL": url, "FEDGATE_DEBUG": debug}))
        assert proc.returncode == 2, proc.stderr
        saved = [p.read_text(encoding="utf-8") for p in tmp.iterdir()]
        assert saved and "RuntimeError: connect to postgresql://team:***@db.internal:5432/fedgate" in saved[0]
        for text in [proc.stderr, *saved]:
            assert "pa55-w0rd-xyz" not in text, text


def no_file_writes() -> None:
    # Every write to a file fails with EFBIG (Python ignores SIGXFSZ): a full disk, a quota.
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))


def run_limited(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "fedgate", *args], cwd=cwd, capture_output=True, text=True,
                          env=clean_env(), stdin=subprocess.DEVNULL, timeout=60, preexec_fn=no_file_writes)


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".fedgate-") and p.name.endswith(".tmp"))


def test_a_failed_init_leaves_nothing_behind_and_the_retry_works(repo):
    failed = run_limited(repo.path, "init")
    assert failed.returncode == 2, failed.stderr
    assert failed.stderr.startswith("fedgate: error: cannot write ") and len(failed.stderr.splitlines()) == 1
    assert not (repo.path / ".fedgate.yml").exists()
    assert leftovers(repo.path) == []
    retry = fedgate(repo.path, "init")
    assert retry.code == 0, retry.stderr
    assert "tiers:" in (repo.path / ".fedgate.yml").read_text(encoding="utf-8")
    again = fedgate(repo.path, "init")  # still never overwrites
    assert again.code == 2 and "already exists" in again.stderr


def test_a_failed_report_or_baseline_keeps_the_old_file_whole(repo):
    repo.write("src/app.py", "x = 1\n")
    repo.commit("code")
    report = repo.path / "report.json"
    report.write_text('{"old": true}\n', encoding="utf-8")
    failed = run_limited(repo.path, "check", "HEAD~1", "--format", "json", "-o", "report.json", "--no-ledger")
    assert failed.returncode == 2 and "cannot write report.json" in failed.stderr, failed.stderr
    assert json.loads(report.read_text(encoding="utf-8")) == {"old": True}

    baseline = repo.path / ".fedgate-baseline.json"
    baseline.write_text('{"fingerprints": []}\n', encoding="utf-8")
    failed = run_limited(repo.path, "baseline", "HEAD~1")
    assert failed.returncode == 2 and "cannot write" in failed.stderr, failed.stderr
    assert baseline.read_text(encoding="utf-8") == '{"fingerprints": []}\n'
    assert leftovers(repo.path) == []

    ok = fedgate(repo.path, "check", "HEAD~1", "--format", "json", "-o", "report.json")
    assert ok.code == 0 and json.loads(report.read_text(encoding="utf-8"))["schema_version"]


def test_rules_only_calls_no_model_and_owes_no_review(repo):
    from fakellm import FakeLLM

    repo.write(".fedgate.yml", "review:\n  required: true\n")
    repo.commit("config")
    repo.write("src/auth/login.py", "def login(user):\n    return user.ok\n")
    repo.git("add", "-A")
    with FakeLLM() as llm:
        env = {"FEDGATE_MODEL": "openai/fake-model", "FEDGATE_API_BASE": llm.url, "OPENAI_API_KEY": "sk-test"}
        run = fedgate(repo.path, "check", "--staged", "--rules-only", "--format", "json", env=env)
        assert llm.requests == []
    assert run.code == 0, run.stdout + run.stderr
    doc = run.json()
    assert doc["plan"]["unreviewed"] == [] and any("--rules-only" in w for w in doc["warnings"])
    with FakeLLM() as llm:
        text = fedgate(repo.path, "check", "--staged", "--rules-only", env={**env, "FEDGATE_API_BASE": llm.url})
        assert llm.requests == []
    # A model is configured: the report says the run skipped it, not that none is configured.
    assert "Model review: off (rules only (--rules-only)" in text.stdout, text.stdout
    assert "no model configured" not in text.stdout and "To enable it" not in text.stdout
    # The same change with a secret still fails on the rules.
    repo.write("src/auth/keys.py", 'KEY = "AKIA' + 'Q3EGH7RT2WXZJ4NP"\n')
    repo.git("add", "-A")
    assert fedgate(repo.path, "check", "--staged", "--rules-only").code == 1
