"""The ledger and `fedgate report`: real repositories, real `fedgate check` runs, real SQLite."""
from __future__ import annotations

import json
import math
import os
import re
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from fedgate import scorecard
from fedgate.gitrange import open_repo
from fedgate.ledger import ledger_path, read_records, record_run, trivial_reason_key
from fedgate.models import ModelUsage
from fedgate.plan import EXPECTED_OUTPUT_TOKENS, PROMPT_OVERHEAD_TOKENS

from helpers_ledger import Repo, config_of, fedgate, finding, report_json, reviewed_run

def _ledger(repo: Repo) -> Path:
    return repo.path / ".git" / "fedgate" / "ledger.db"


def _tier_counts(check_docs: list[dict]) -> dict[str, dict[str, int]]:
    """What the check reports showed, per tier, as the ledger should have summed it."""
    out: dict[str, dict[str, int]] = {}
    for doc in check_docs:
        seen = set()
        for f in doc["files"]:
            row = out.setdefault(f["tier"], {"runs": 0, "files": 0, "hunks": 0, "trivial_hunks": 0})
            row["files"] += 1
            seen.add(f["tier"])
            for h in f["hunks"]:
                hrow = out.setdefault(h["tier"], {"runs": 0, "files": 0, "hunks": 0, "trivial_hunks": 0})
                hrow["hunks"] += 1
                hrow["trivial_hunks"] += h["trivial"]
                seen.add(h["tier"])
        for t in seen:
            out[t]["runs"] += 1
    return out


# ------------------------------------------------------------------ check -> ledger -> report


def test_each_check_appends_one_run_and_the_report_sums_them(tmp_path):
    repo = Repo(tmp_path / "r")
    repo.commit({"app.py": "x = 1\n"})
    repo.commit({"app.py": "x = 1\ny = 2\n", "README.md": "# hello\n\nSome words.\n"})
    repo.commit({"auth/login.py": "def login(user):\n    return user.ok\n", "app.py": "x = 1\ny = 3\n"})
    docs = []
    for spec in ("HEAD~1", "HEAD~2", "HEAD~1"):
        r = fedgate(["check", spec, "--format", "json"], repo.path)
        assert r.returncode == 0, r.stderr
        assert r.stderr == ""
        docs.append(json.loads(r.stdout))
    assert _ledger(repo).is_file()

    card = report_json(repo.path)
    assert card["totals"]["runs"] == 3
    assert card["totals"]["exit_codes"] == {"0": 3}
    assert card["totals"]["branches"] == ["main"]
    got = {t["tier"]: {k: t[k] for k in ("runs", "files", "hunks", "trivial_hunks")} for t in card["tiers"]}
    assert got == _tier_counts(docs)

    trivial: dict[str, list[int]] = {}
    for doc in docs:
        for f in doc["files"]:
            for h in f["hunks"]:
                if h["trivial"]:
                    row = trivial.setdefault(trivial_reason_key(h["reason"]), [0, 0])
                    row[0] += 1
                    row[1] += h["tokens"]
    assert trivial, "the README edit is a trivial skip"
    assert {r["reason"]: [r["hunks"], r["tokens"]] for r in card["trivial"]} == trivial

    records = read_records(str(_ledger(repo)))
    head = repo.git("rev-parse", "HEAD").strip()
    for doc, rec in zip(docs, records):
        assert rec["base_sha"] == doc["range"]["base"]
        assert rec["head_sha"] == doc["range"]["head"] == head
        assert rec["commit_sha"] == head
        assert rec["branch"] == "main"
        assert rec["exit_code"] == doc["exit_code"]
        assert rec["tokens_all"] == sum(h["tokens"] for f in doc["files"] for h in f["hunks"])
        assert rec["tokens_planned"] == doc["plan"]["tokens"] == 0
        assert rec["duration_s"] == doc["duration_s"] > 0
    assert len({r["id"] for r in records}) == 3

    text = fedgate(["report", "--since", "all"], repo.path)
    assert text.returncode == 0, text.stderr
    assert "3 run(s), all time" in text.stdout
    assert "Skipped as trivial" in text.stdout


def test_no_ledger_dry_run_and_disabled_config_record_nothing(tmp_path):
    repo = Repo(tmp_path / "r")
    repo.commit({"app.py": "x = 1\n"})
    repo.commit({"app.py": "x = 2\n"})
    assert fedgate(["check", "HEAD~1", "--no-ledger"], repo.path).returncode == 0
    assert fedgate(["check", "HEAD~1", "--dry-run"], repo.path).returncode == 0
    assert not _ledger(repo).exists()
    (repo.path / ".fedgate.yml").write_text("ledger:\n  enabled: false\n")
    assert fedgate(["check", "HEAD~1"], repo.path).returncode == 0
    assert not _ledger(repo).exists()
    (repo.path / ".fedgate.yml").unlink()
    assert fedgate(["check", "HEAD~1"], repo.path).returncode == 0
    assert len(read_records(str(_ledger(repo)))) == 1


def test_ledger_location_env_then_config_then_git_dir(tmp_path):
    repo = Repo(tmp_path / "r")
    repo.commit({"app.py": "x = 1\n"})
    repo.commit({"app.py": "x = 2\n"})
    elsewhere = tmp_path / "shared" / "runs.db"
    assert fedgate(["check", "HEAD~1"], repo.path, {"FEDGATE_LEDGER": str(elsewhere)}).returncode == 0
    assert len(read_records(str(elsewhere))) == 1
    assert not _ledger(repo).exists()

    (repo.path / ".fedgate.yml").write_text("ledger:\n  path: logs/fedgate.db\n")
    assert fedgate(["check", "HEAD~1"], repo.path).returncode == 0
    assert len(read_records(str(repo.path / "logs" / "fedgate.db"))) == 1
    # `fedgate report` without --ledger reads the same place check wrote
    assert report_json(repo.path)["totals"]["runs"] == 1
    assert report_json(repo.path, env={"FEDGATE_LEDGER": str(elsewhere)})["ledgers"] == [str(elsewhere)]

    # A linked worktree has its own git dir, so its own ledger.
    (repo.path / ".fedgate.yml").unlink()
    repo.git("worktree", "add", "-q", str(tmp_path / "wt"), "-b", "side")
    wt = open_repo(str(tmp_path / "wt"))
    assert ledger_path(wt, config_of(repo), {}) == os.path.join(wt.git_dir, "fedgate", "ledger.db")
    assert wt.git_dir != str(repo.path / ".git")


def test_schema_is_versioned_and_in_wal_mode(tmp_path):
    repo = Repo(tmp_path / "r")
    repo.commit({"app.py": "x = 1\n"})
    repo.commit({"app.py": "x = 2\n"})
    assert fedgate(["check", "HEAD~1"], repo.path).returncode == 0
    conn = sqlite3.connect(_ledger(repo))
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 3
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT count(*) FROM runs").fetchone()[0] == 1
    finally:
        conn.close()


def test_hunk_text_never_reaches_the_ledger(tmp_path):
    repo = Repo(tmp_path / "r")
    repo.commit({"settings.py": "DEBUG = False\n"})
    secret = "sk-live-Zq8TUNIQUEvalue0123456789abcdef"
    repo.commit({"settings.py": f'DEBUG = False\nAPI_KEY = "{secret}"\n'})
    assert fedgate(["check", "HEAD~1"], repo.path).returncode in (0, 1)
    blobs = b"".join(p.read_bytes() for p in _ledger(repo).parent.iterdir() if p.name.startswith("ledger.db"))
    assert b"settings.py" in blobs  # the path is recorded ...
    assert secret.encode() not in blobs  # ... the changed text is not
    assert b"API_KEY" not in blobs


# ------------------------------------------------------------------ findings' fate


def test_fixed_finding_is_resolved_and_suppressed_one_dismissed(tmp_path):
    repo = Repo(tmp_path / "r")
    repo.commit({"app.py": "def f():\n    return 1\n", "tool.py": "def g(x):\n    return x\n"})
    repo.git("checkout", "-q", "-b", "feature")
    leak_line = "    print(password)"
    repo.commit({
        "app.py": f"def f(password):\n{leak_line}\n    return 1\n",
        "tool.py": "def g(x):\n    breakpoint()  # fedgate: ignore[debug-left] the REPL needs it\n    return x\n",
    })
    leak = finding("sensitive-logged", "app.py", 2, leak_line)
    debug = finding("debug-left", "tool.py", 2, "    breakpoint()", severity="medium")

    # run 1: both reported; the real decide() applies the inline suppression
    result, git_repo, config = reviewed_run(repo, "main", (leak, debug))
    by_rule = {f.rule: f for f in result.decision.findings}
    assert by_rule["debug-left"].suppressed and not by_rule["sensitive-logged"].suppressed
    assert result.decision.exit_code == 1
    assert record_run(result, git_repo, config) is None

    # run 2: the last commit does not touch app.py; the missing finding proves nothing
    repo.commit({"notes.txt": "todo\n"})
    result, git_repo, config = reviewed_run(repo, "HEAD~1", ())
    assert record_run(result, git_repo, config) is None
    # ... and a run on another branch that reads app.py without the finding resolves nothing
    repo.git("checkout", "-q", "main")
    repo.git("checkout", "-q", "-b", "other")
    repo.commit({"app.py": "def f():\n    return 2\n"})
    result, git_repo, config = reviewed_run(repo, "HEAD~1", ())
    assert record_run(result, git_repo, config) is None
    card = report_json(repo.path)
    assert (card["totals"]["open"], card["totals"]["dismissed"], card["totals"]["resolved"]) == (1, 1, 0)

    # run 3: the fix; the branch's range still covers app.py and the finding is gone
    repo.git("checkout", "-q", "feature")
    repo.commit({"app.py": "def f(password):\n    return 1\n"})
    result, git_repo, config = reviewed_run(repo, "main", (debug,))
    assert result.decision.exit_code == 0
    assert record_run(result, git_repo, config) is None

    card = report_json(repo.path)
    t = card["totals"]
    assert (t["runs"], t["findings"], t["resolved"], t["dismissed"], t["open"]) == (4, 2, 1, 1, 0)
    rules = {r["rule"]: r for r in card["rules"]}
    assert (rules["sensitive-logged"]["findings"], rules["sensitive-logged"]["resolved"]) == (1, 1)
    assert (rules["debug-left"]["findings"], rules["debug-left"]["dismissed"], rules["debug-left"]["resolved"]) == (1, 1, 0)
    rules_step = [s for s in card["steps"] if s["step"] == "rules" and s["findings"]]
    assert sum(s["resolved"] for s in rules_step) == 1
    # --branch narrows the runs, fates still come from the whole history
    feature = report_json(repo.path, "--branch", "feature")
    assert feature["totals"]["runs"] == 3 and feature["totals"]["resolved"] == 1
    assert report_json(repo.path, "--branch", "other")["totals"]["findings"] == 0


def test_model_steps_cost_per_fixed_finding_verdicts_and_savings(tmp_path):
    repo = Repo(tmp_path / "r")
    (repo.path / ".fedgate.yml").write_text(textwrap.dedent("""\
        review:
          model: openai/cheap-model
          tiers: [high, medium]
        tiers:
          medium:
            model: openai/mid-model
        models:
          openai/cheap-model: {price_per_mtok_in: 1.0, price_per_mtok_out: 2.0}
          openai/mid-model: {price_per_mtok_in: 0.5, price_per_mtok_out: 1.0}
        """))
    repo.commit({"auth/session.py": "def check(s):\n    return s.valid\n", "app.py": "x = 0\n", "README.md": "# app\n"})
    repo.git("checkout", "-q", "-b", "feature")
    bad = "    return True"
    spent = {"openai/cheap-model": 0.0, "openai/mid-model": 0.0}
    tokens_all = tokens_trivial = tokens_sent = 0
    baseline = 0.0
    run_totals: list[float] = []
    batch_tokens = config_of(repo).review.batch_tokens
    for i in range(5):
        session = "def check(s):\n" + (f"{bad}\n" if i == 0 else f"    return s.valid and s.n > {i}\n")
        repo.commit({"auth/session.py": session, "app.py": f"x = {i + 1}\n", "README.md": f"# app\n\nv{i}\n"})
        planned = {}
        result, _, _ = reviewed_run(repo, "main")
        for b in result.plan.batches:
            planned[b.model] = planned.get(b.model, 0) + b.tokens
        assert set(planned) == set(spent), "high goes to cheap-model, medium to mid-model"
        usage = []
        for model, toks in planned.items():
            price_in, price_out = (1.0, 2.0) if model == "openai/cheap-model" else (0.5, 1.0)
            c = ((toks + 300) * price_in + 80 * price_out) / 1e6
            spent[model] += c
            usage.append(ModelUsage(model, prompt_tokens=toks + 300, completion_tokens=80, cost_usd=c, calls=1))
        run_totals.append(round(sum(u.cost_usd for u in usage), 6))  # a run's cost, as Usage.total rounds it
        found = (finding("auth-bypass", "auth/session.py", 2, bad, source="model:openai/cheap-model"),) if i == 0 else ()
        result, git_repo, config = reviewed_run(repo, "main", found, tuple(usage))
        assert record_run(result, git_repo, config) is None
        all_toks = sum(hv.tokens for fv in result.files for hv in fv.hunks)
        tokens_all += all_toks
        tokens_trivial += sum(hv.tokens for fv in result.files for hv in fv.hunks if hv.trivial)
        tokens_sent += result.plan.tokens
        n = math.ceil(all_toks / batch_tokens)
        baseline += ((all_toks + n * PROMPT_OVERHEAD_TOKENS) * 1.0 + n * EXPECTED_OUTPUT_TOKENS * 2.0) / 1e6

    card = report_json(repo.path)
    models = {m["model"]: m for m in card["models"]}
    cheap, mid = models["openai/cheap-model"], models["openai/mid-model"]
    assert cheap["runs"] == mid["runs"] == 5
    assert cheap["cost_usd"] == pytest.approx(spent["openai/cheap-model"], abs=1e-6)
    assert (cheap["findings"], cheap["resolved"]) == (1, 1)
    assert cheap["cost_per_resolved_usd"] == pytest.approx(spent["openai/cheap-model"], abs=1e-6)
    assert cheap["verdict"] == "earns-its-cost"
    assert mid["findings"] == 0 and mid["verdict"] == "nothing-actionable"
    assert "found nothing actionable over 5 runs" in mid["text"] and "consider dropping or downgrading it" in mid["text"]
    steps = {(s["tier"], s["step"]): s for s in card["steps"]}
    assert steps[("high", "openai/cheap-model")]["reviewed_hunks"] == 5
    assert steps[("medium", "openai/mid-model")]["calls"] == 5
    tiers = {t["tier"]: t for t in card["tiers"]}
    assert tiers["high"]["resolved"] == 1
    assert tiers["high"]["cost_usd"] == pytest.approx(spent["openai/cheap-model"], abs=1e-6)

    s = card["savings"]
    assert s["estimate"] is True and s["runs"] == 5
    assert (s["tokens_all"], s["tokens_sent"], s["tokens_saved_trivial"]) == (tokens_all, tokens_sent, tokens_trivial)
    assert s["tokens_saved"] == tokens_all - tokens_sent
    assert s["baseline_usd"] == pytest.approx(baseline, abs=1e-6)
    assert s["actual_usd"] == pytest.approx(sum(run_totals), abs=1e-9)
    assert s["actual_usd"] == pytest.approx(sum(spent.values()), abs=5 * 5e-7)
    assert s["saved_usd"] == pytest.approx(baseline - sum(run_totals), abs=1e-6)
    assert s["saved_trivial_usd"] == pytest.approx(tokens_trivial / 1e6, abs=1e-9)

    md = fedgate(["report", "--since", "all", "--format", "markdown"], repo.path)
    assert md.returncode == 0, md.stderr
    assert "### Savings (estimate)" in md.stdout and "ESTIMATE over 5 run(s)" in md.stdout
    assert "openai/mid-model on medium: found nothing actionable over 5 runs" in md.stdout


# ------------------------------------------------------------------ concurrency and failures


WRITER = """
import os, sys, time
from fedgate.ledger import record_run
from fedgate.pipeline import CheckOptions, run_check
result, repo, config = run_check(CheckOptions(range_spec="HEAD~1", cwd=sys.argv[1]))
open(sys.argv[3] + ".ready", "w").close()
while not os.path.exists(sys.argv[3] + ".go"):  # start together: both are ready to write
    time.sleep(0.001)
start = time.time()
failed = [w for w in (record_run(result, repo, config) for _ in range(int(sys.argv[2]))) if w]
print(start, time.time(), len(failed), failed[:1])
"""


def test_two_concurrent_writers_lose_nothing(tmp_path):
    repo = Repo(tmp_path / "r")
    repo.commit({"app.py": "x = 1\n"})
    repo.commit({"app.py": "x = 2\n", "auth/token.py": "T = 1\n"})
    n = 150
    signals = [tmp_path / f"writer{i}" for i in range(2)]
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(repo.path), str(n), str(sig)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for sig in signals]
    deadline = time.monotonic() + 60
    while not all(Path(f"{sig}.ready").exists() for sig in signals) and time.monotonic() < deadline:
        time.sleep(0.005)
    for sig in signals:
        Path(f"{sig}.go").touch()
    outs = [p.communicate(timeout=90) for p in procs]
    spans = []
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0, err
        start, end, failed, first = out.split(maxsplit=3)
        assert int(failed) == 0, first
        spans.append((float(start), float(end)))
    assert spans[0][0] < spans[1][1] and spans[1][0] < spans[0][1], "the writers overlapped in time"
    conn = sqlite3.connect(_ledger(repo))
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*), count(DISTINCT id) FROM runs").fetchone() == (2 * n, 2 * n)
        # every run is whole: its tier rows and coverage rows arrived with it
        assert conn.execute("SELECT count(*) FROM run_tiers").fetchone()[0] == 2 * n * 2
        assert conn.execute("SELECT count(*) FROM run_coverage").fetchone()[0] == 2 * n * 2
    finally:
        conn.close()


def test_unwritable_ledger_warns_and_keeps_the_exit_code(tmp_path):
    repo = Repo(tmp_path / "r")
    repo.commit({"app.py": "x = 1\n"})
    repo.commit({"app.py": "x = 2\n"})
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory\n")
    r = fedgate(["check", "HEAD~1"], repo.path, {"FEDGATE_LEDGER": str(blocker / "ledger.db")})
    assert r.returncode == 0
    assert r.stderr.startswith("fedgate: warning: run not recorded in the ledger")
    assert len(r.stderr.strip().splitlines()) == 1

    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"this is not sqlite at all" * 100)
    r = fedgate(["check", "HEAD~1"], repo.path, {"FEDGATE_LEDGER": str(corrupt)})
    assert r.returncode == 0 and "fedgate: warning:" in r.stderr
    assert corrupt.read_bytes() == b"this is not sqlite at all" * 100

    # exit 3 (review required, no model) stays 3 with a broken ledger
    (repo.path / ".fedgate.yml").write_text("review:\n  required: true\n")
    repo.commit({"auth/login.py": "def login():\n    return 1\n"})
    plain = fedgate(["check", "HEAD~1", "--no-ledger"], repo.path)
    broken = fedgate(["check", "HEAD~1"], repo.path, {"FEDGATE_LEDGER": str(blocker / "ledger.db")})
    assert plain.returncode == broken.returncode == 3
    assert "fedgate: warning: run not recorded in the ledger" in broken.stderr
    timing = re.compile(r"\[\d+\.\d+s\]")
    assert timing.sub("", plain.stdout) == timing.sub("", broken.stdout)


def test_report_rejects_bad_input_with_one_line_and_exit_2(tmp_path):
    repo = Repo(tmp_path / "r")
    repo.commit({"app.py": "x = 1\n"})
    repo.commit({"app.py": "x = 2\n"})
    assert fedgate(["check", "HEAD~1"], repo.path).returncode == 0
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"\x00garbage" * 512)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    not_a_run = tmp_path / "not-a-run.jsonl"
    not_a_run.write_text('{"format": 1, "id": "x"}\n')
    cases = [
        (["report", "--since", "fortnight"], "--since"),
        (["report", "--ledger", str(tmp_path / "missing.db")], "ledger not found"),
        (["report", "--ledger", str(corrupt)], "not a readable fedgate ledger"),
        (["report", "--ledger", str(other)], "not a fedgate ledger"),
        (["ledger", "import", str(corrupt)], "not JSON"),
        (["ledger", "import", str(tmp_path / "nope.jsonl")], "cannot read"),
        (["ledger", "import", str(not_a_run)], "ledger record lacks"),
    ]
    for args, expected in cases:
        r = fedgate(args, repo.path)
        assert r.returncode == 2, (args, r.stdout, r.stderr)
        assert r.stderr.startswith("fedgate: error:") and expected in r.stderr, r.stderr
        assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert not (tmp_path / "missing.db").exists(), "reading never creates a ledger"
    for since in ("2d", "12h", "1w", "2020-01-01", "all"):
        assert fedgate(["report", "--since", since], repo.path).returncode == 0


# ------------------------------------------------------------------ combining ledgers


def test_export_import_round_trip_is_idempotent_and_ledgers_combine(tmp_path):
    a, b = Repo(tmp_path / "a"), Repo(tmp_path / "b")
    for repo, n in ((a, 3), (b, 2)):
        repo.commit({"app.py": "x = 0\n"})
        for i in range(n):
            repo.commit({"app.py": f"x = {i + 1}\n", "README.md": f"v{i}\n"})
            assert fedgate(["check", "HEAD~1"], repo.path).returncode == 0
    export = tmp_path / "a.jsonl"
    assert fedgate(["ledger", "export", "--output", str(export)], a.path).returncode == 0
    lines = export.read_text().splitlines()
    assert len(lines) == 3 and all(json.loads(ln)["format"] == 1 for ln in lines)

    first = fedgate(["ledger", "import", str(export)], b.path)
    assert first.returncode == 0 and "imported 3 run(s)" in first.stdout
    again = fedgate(["ledger", "import", str(export), str(export)], b.path)
    assert again.returncode == 0 and "imported 0 run(s)" in again.stdout and "6 already present" in again.stdout
    assert report_json(b.path)["totals"]["runs"] == 5

    # the imported runs come back out exactly as they went in
    b_export = fedgate(["ledger", "export"], b.path).stdout.splitlines()
    assert set(lines) <= set(b_export) and len(b_export) == 5

    # --ledger twice: the same run in two ledgers counts once
    card = report_json(tmp_path, "--ledger", str(_ledger(a)), "--ledger", str(_ledger(b)))
    assert card["totals"]["runs"] == 5
    card = report_json(tmp_path, "--ledger", str(_ledger(a)))
    assert card["totals"]["runs"] == 3


def test_html_report_is_one_self_contained_file(tmp_path):
    repo = Repo(tmp_path / "r")
    repo.commit({"app.py": "x = 0\n"})
    for i in range(3):
        repo.commit({"app.py": f"x = {i + 1}\n", "auth/login.py": f"LIMIT = {i}\n"})
        assert fedgate(["check", "HEAD~1"], repo.path).returncode == 0
    out = tmp_path / "report.html"
    r = fedgate(["report", "--format", "html", "--output", str(out)], repo.path)
    assert r.returncode == 0, r.stderr
    html = out.read_text()
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert "<svg" in html and "<rect" in html and "<polyline" in html
    assert "<script" not in html.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I)
    assert not re.search(r"https?://", html)
    assert not re.search(r"<link\b|@import|url\(", html, re.I)


def test_scorecard_since_filter_counts_only_recent_runs(tmp_path):
    from datetime import datetime, timedelta, timezone

    repo = Repo(tmp_path / "r")
    repo.commit({"app.py": "x = 0\n"})
    repo.commit({"app.py": "x = 1\n"})
    assert fedgate(["check", "HEAD~1"], repo.path).returncode == 0
    records = read_records(str(_ledger(repo)))
    now = datetime.fromisoformat(records[0]["time"])
    config = config_of(repo)
    assert scorecard.build(records, config, since=scorecard.parse_since("1h", now))["totals"]["runs"] == 1
    later = now + timedelta(days=3)
    assert scorecard.build(records, config, since=scorecard.parse_since("2d", later))["totals"]["runs"] == 0
    assert scorecard.parse_since("2026-11-01", now) == datetime(2026, 11, 1, tzinfo=timezone.utc)


def test_a_run_without_the_model_does_not_resolve_the_models_finding(tmp_path):
    repo = Repo(tmp_path / "r")
    config_text = "review:\n  model: openai/m\nmodels:\n  openai/m: {price_per_mtok_in: 1.0, price_per_mtok_out: 1.0}\n"
    repo.commit({"auth/acl.py": "ALLOW = []\n"})
    repo.git("checkout", "-q", "-b", "feature")
    repo.commit({"auth/acl.py": "ALLOW = ['*']\n"})
    found = finding("wildcard-acl", "auth/acl.py", 1, "ALLOW = ['*']", source="model:openai/m")
    (repo.path / ".fedgate.yml").write_text(config_text)
    result, git_repo, config = reviewed_run(repo, "main", (found,), (ModelUsage("openai/m", 100, 20, 0.00012, 1),))
    assert [b.model for b in result.plan.batches] == ["openai/m"]
    assert record_run(result, git_repo, config) is None

    # offline run (no model): the rules read auth/acl.py, the model did not
    (repo.path / ".fedgate.yml").unlink()
    result, git_repo, config = reviewed_run(repo, "main")
    assert not result.plan.batches
    assert record_run(result, git_repo, config) is None
    assert report_json(repo.path)["totals"]["open"] == 1

    (repo.path / ".fedgate.yml").write_text(config_text)
    repo.commit({"auth/acl.py": "ALLOW = ['admin']\n"})
    result, git_repo, config = reviewed_run(repo, "main", (), (ModelUsage("openai/m", 100, 20, 0.00012, 1),))
    assert record_run(result, git_repo, config) is None
    card = report_json(repo.path)
    assert (card["totals"]["open"], card["totals"]["resolved"]) == (0, 1)
    model = card["models"][0]
    assert (model["model"], model["runs"], model["resolved"]) == ("openai/m", 2, 1)
    assert model["cost_per_resolved_usd"] == pytest.approx(0.00024)
    assert model["verdict"] == "too-few-runs"


def test_a_schema_2_ledger_is_upgraded_to_3_and_keeps_its_runs(tmp_path):
    """A v2 ledger (kind column, no repo/ci_job) written by the previous fedgate: the next run
    migrates it in place, the old run keeps its fields, the new one carries its repository."""
    from fedgate.ledger import MIGRATIONS, _render

    repo = Repo(tmp_path / "r")
    repo.git("remote", "add", "origin", "https://bot:s3cret@git.example.com/team/app.git")
    repo.commit({"app.py": "x = 1\n"})
    repo.commit({"app.py": "x = 2\n"})
    path = _ledger(repo)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    for stmt in _render(MIGRATIONS[0], "sqlite") + _render(MIGRATIONS[1], "sqlite"):
        conn.execute(stmt)
    conn.execute("PRAGMA user_version = 2")
    conn.execute(
        "INSERT INTO runs (id, time, branch, range_spec, duration_s, exit_code, model_configured, prompt_tokens, "
        "completion_tokens, cost_usd, model_calls, cache_hits, tokens_all, tokens_trivial, tokens_planned, batches, "
        "unreviewed, fedgate_version, kind) VALUES ('old-run', '2026-11-01T00:00:00+00:00', 'main', 'HEAD~1', 0.5, 0, "
        "0, 0, 0, 0.0, 0, 0, 3, 0, 0, 0, 0, '0.0.9', 'check')")
    conn.commit()
    conn.close()
    assert fedgate(["check", "HEAD~1"], repo.path).returncode == 0
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 3
        rows = conn.execute("SELECT id, kind, repo FROM runs ORDER BY time").fetchall()
    finally:
        conn.close()
    assert rows[0] == ("old-run", "check", None)
    assert rows[1][2] == "git.example.com/team/app"  # no scheme, no credentials, no .git
    card = report_json(repo.path)
    assert card["totals"]["runs"] == 2
    assert {r["repo"] for r in card["repositories"]} == {"(unknown)", "git.example.com/team/app"}
    assert "s3cret" not in Path(path).read_bytes().decode("latin-1")
