"""`fedgate eval` on real repositories with planted fixes and ordinary commits."""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
import yaml

from fakellm import FakeLLM, Step
from gitrepo import Repo, fedgate, make_repo, run_git

# The policy under test is spelled out, so the figures do not move when the built-in one does.
POLICY = {
    "default_tier": "medium",
    "tiers": {
        "high": {"paths": ["web/**"], "signals": []},
        "medium": {"paths": [], "signals": []},
        "low": {"paths": ["docs/**"], "signals": []},
    },
    "review": {"tiers": ["high"], "retries": 0, "timeout_s": 10},
    "routing": {"builtin_signals": False},  # globs only: the built-in content signals evolve
    "models": {"openai/fake-model": {"price_per_mtok_in": 1.0, "price_per_mtok_out": 2.0}},
}

VIEWS_BEFORE = 'def render(name):\n    title = "greeting"\n    return f"<p>{name}</p>"\n'
VIEWS_AFTER = 'from html import escape\n\n\ndef render(name):\n    title = "greeting"\n    return f"<p>{escape(name)}</p>"\n'
BUFFER_BEFORE = "int read_chunk(char *buf, int len, int n) {\n    memcpy(out, buf, n);\n    return n;\n}\n"
BUFFER_AFTER = "int read_chunk(char *buf, int len, int n) {\n    if (n > len)\n        return -1;\n    memcpy(out, buf, n);\n    return n;\n}\n"


def build_history(path: Path) -> tuple[Repo, dict[str, str]]:
    repo = make_repo(path, {"README.md": "# project\n", "web/views.py": VIEWS_BEFORE, "lib/buffer.c": BUFFER_BEFORE,
                            "web/layout.py": 'TITLE = "Home"\n', "lib/util.py": "def add(a, b):\n    return a + b\n",
                            "docs/guide.md": "# Guide\n"})
    ids = {}
    repo.write("lib/util.py", "def add(a, b):\n    return a + b\n\n\ndef sub(a, b):\n    return a - b\n")
    ids["helper"] = repo.commit("Add sub helper")
    repo.write("web/views.py", VIEWS_AFTER)
    repo.write("tests/test_views.py", "from web.views import render\n\n\ndef test_escapes():\n    assert '<' not in render('<b>')\n")
    ids["xss"] = repo.commit("Fix XSS in render: escape the name")
    repo.write("docs/guide.md", "# Guide\n\nHow to use it.\n")
    ids["docs"] = repo.commit("Update the guide")
    repo.write("lib/buffer.c", BUFFER_AFTER)
    repo.write("CHANGELOG.md", "- CVE-2099-0001: read_chunk checks its bounds\n")
    ids["cve"] = repo.commit("CVE-2099-0001: check bounds in read_chunk")
    repo.write("docs/security.md", "# Threat model\n")
    ids["sec_docs"] = repo.commit("security: document the threat model")
    repo.write("web/layout.py", 'TITLE = "Welcome"\n')
    ids["title"] = repo.commit("Tweak the page title")
    return repo, ids


def snapshot(repo: Repo) -> dict:
    """Everything eval must leave as it was: work tree, index, refs, objects, config."""
    git_dir = Path(repo.git("rev-parse", "--absolute-git-dir").strip())
    objects = sorted(str(p.relative_to(git_dir)) for p in (git_dir / "objects").rglob("*"))
    return {
        "status": repo.git("status", "--porcelain", "--untracked-files=all", "--ignored"),
        "index": hashlib.sha256((git_dir / "index").read_bytes()).hexdigest(),
        "refs": repo.git("for-each-ref", "--format=%(refname) %(objectname)"),
        "head": (git_dir / "HEAD").read_text(),
        "objects": objects,
        "files": sorted(str(p.relative_to(git_dir)) for p in git_dir.rglob("*") if "fedgate" not in p.parts),
    }


@pytest.fixture
def history(tmp_path):
    repo, ids = build_history(tmp_path / "repo")
    config = tmp_path / "policy.yml"
    config.write_text(yaml.safe_dump(POLICY))
    return repo, ids, config


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    tmp = tmp_path / "tmp"
    tmp.mkdir(exist_ok=True)
    return {"TMPDIR": str(tmp), "FEDGATE_LEDGER": str(tmp_path / "ledger.db"), **extra}


def by_commit(items: list[dict]) -> dict[str, dict]:
    return {i["commit"]: i for i in items}


def test_offline_routing_by_message_pattern(history, tmp_path):
    repo, ids, config = history
    before = snapshot(repo)
    run = fedgate(repo.path, "eval", "--config", str(config), "--format", "json", env=_env(tmp_path))
    assert run.code == 0, run.stderr
    doc = run.doc
    assert doc["schema_version"] == 1 and doc["kind"] == "eval" and not doc["interrupted"]
    assert snapshot(repo) == before
    assert os.listdir(tmp_path / "tmp") == []  # the private object directory is gone

    (v,) = doc["variants"]
    fixes = by_commit(v["fixes"])
    assert set(fixes) == {ids["xss"], ids["cve"]}
    assert doc["skipped"] == [{"commit": ids["sec_docs"], "label": "",
                               "reason": "changes no source file (only tests, docs or changelog): nothing to reintroduce"}]

    xss, cve = fixes[ids["xss"]], fixes[ids["cve"]]
    # Tests and the changelog stay fixed: only the source goes back.
    assert xss["reverted_paths"] == ["web/views.py"] and cve["reverted_paths"] == ["lib/buffer.c"]
    assert cve["label"] == "CVE-2099-0001" and xss["label"] == ""
    assert xss["routed"] is True and xss["miss_reason"] is None
    assert xss["decided_by"]["tier"] == "high" and xss["decided_by"]["kind"] == "glob"
    assert xss["decided_by"]["glob"] == "web/**"
    assert [h["path"] for h in xss["hunks"]] == ["web/views.py"] * len(xss["hunks"])
    assert cve["routed"] is False
    assert cve["miss_reason"] == ("lib/buffer.c: medium tier is not sent to a model (review.tiers: high); "
                                  "no glob matched: default tier medium")
    assert cve["decided_by"]["kind"] == "default" and cve["planned_tokens"] == 0
    assert cve["whole_diff_tokens"] > 0

    ordinary = by_commit(v["ordinary"])
    assert set(ordinary) == {ids["helper"], ids["docs"], ids["title"]}
    assert [c for c, o in ordinary.items() if o["routed"]] == [ids["title"]]
    title = ordinary[ids["title"]]
    assert title["planned_tokens"] == title["whole_diff_tokens"] > 0
    assert ordinary[ids["helper"]]["planned_tokens"] == 0

    s = v["summary"]
    assert (s["fixes"], s["fixes_routed"], s["fixes_routed_pct"]) == (2, 1, 50.0)
    assert (s["ordinary"], s["ordinary_routed"], s["ordinary_routed_pct"]) == (3, 1, 33.3)
    whole = sum(o["whole_diff_tokens"] for o in ordinary.values())
    assert s["ordinary_whole_diff_tokens"] == whole
    assert s["planned_to_whole_ratio"] == round(title["planned_tokens"] / whole, 4)
    assert s["model_calls"] == 0 and s["cost_usd"] == 0.0 and s["usd_per_catch"] is None
    rule_findings = sum(o["rule_findings"] for o in ordinary.values())
    assert s["ordinary_rule_findings"] == rule_findings
    assert s["ordinary_rule_findings_per_1000"] == round(1000 * rule_findings / 3, 1)


def test_fixes_file_with_labels_and_text_report(history, tmp_path):
    repo, ids, config = history
    fixes = tmp_path / "fixes.txt"
    fixes.write_text(f"# planted\n{ids['cve']} buffer overflow\n\n{ids['xss'][:10]}\tXSS 1\n0123456789abcdef nope\n")
    run = fedgate(repo.path, "eval", "--fixes", str(fixes), "--config", str(config), "--format", "json", env=_env(tmp_path))
    assert run.code == 0, run.stderr
    (v,) = run.doc["variants"]
    assert {f["commit"]: f["label"] for f in v["fixes"]} == {ids["cve"]: "buffer overflow", ids["xss"]: "XSS 1"}
    assert run.doc["skipped"] == [{"commit": "0123456789abcdef", "label": "nope", "reason": "not a commit in this repository"}]
    # The fixes are not in the ordinary sample, nor is a commit whose message looks like a fix.
    assert {o["commit"] for o in v["ordinary"]} == {ids["helper"], ids["docs"], ids["title"]}

    text = fedgate(repo.path, "eval", "--fixes", str(fixes), "--config", str(config), env=_env(tmp_path))
    assert text.code == 0
    assert "50.0% (1)" in text.stdout and "33.3% (1)" in text.stdout
    assert f"{ids['cve'][:12]} buffer overflow: lib/buffer.c: medium tier is not sent to a model" in text.stdout


def test_shared_no_checkout_clone_and_bare_git_dir(history, tmp_path):
    repo, ids, config = history
    bare = tmp_path / "mirror.git"
    run_git(tmp_path, "clone", "-q", "--bare", str(repo.path), str(bare))
    (bare / "config").unlink()  # fetched mirrors may carry no config at all
    clone = tmp_path / "clone"
    run_git(tmp_path, "clone", "-q", "--no-checkout", "--shared", str(bare), str(clone))
    mirror_objects = sorted(p.name for p in (bare / "objects").rglob("*"))
    docs = []
    for cwd, args in ((clone, ()), (tmp_path, ("--git-dir", str(bare))), (bare, ())):
        run = fedgate(cwd, "eval", *args, "--config", str(config), "--format", "json", env=_env(tmp_path))
        assert run.code == 0, run.stderr
        docs.append(run.doc["variants"][0]["summary"])
    assert docs[0] == docs[1] == docs[2]
    assert docs[0]["fixes_routed"] == 1 and docs[0]["ordinary_routed"] == 1
    assert sorted(p.name for p in (bare / "objects").rglob("*")) == mirror_objects
    assert run_git(clone, "count-objects").stdout.startswith("0 objects")


def _responder(llm: FakeLLM, flag_title: bool):
    """A finding on the reintroduced unescaped line; for the title commit, a false alarm if asked."""
    def answer(body: dict) -> Step:
        prompt = "\n".join(m.get("content", "") for m in body.get("messages", []) if isinstance(m.get("content"), str))
        items = []
        if "web/views.py" in prompt:
            items.append({"path": "web/views.py", "line": 3, "end_line": None, "severity": "high", "category": "security",
                          "title": "XSS", "message": "name is rendered without escaping"})
        if flag_title and "web/layout.py" in prompt:
            items.append({"path": "web/layout.py", "line": 1, "end_line": None, "severity": "high", "category": "bug",
                          "title": "Title", "message": "the title changed"})
        return FakeLLM.findings(items, prompt_tokens=1000, completion_tokens=100)
    return answer


def test_model_mode_caught_false_alarms_and_dollars(history, tmp_path):
    repo, ids, config = history
    before = snapshot(repo)
    with FakeLLM() as llm:
        llm.responder = _responder(llm, flag_title=True)
        run = fedgate(repo.path, "eval", "--config", str(config), "--model", "openai/fake-model", "--format", "json",
                      env=_env(tmp_path, FEDGATE_API_BASE=llm.url, OPENAI_API_KEY="sk-test"))
    assert run.code == 0, run.stderr
    assert snapshot(repo) == before
    (v,) = run.doc["variants"]
    assert v["calls_model"] is True and v["model"] == "openai/fake-model"
    fixes = by_commit(v["fixes"])
    xss, cve = fixes[ids["xss"]], fixes[ids["cve"]]
    assert xss["caught"] is True and xss["caught_blocking"] is True
    assert xss["model_calls"] == 1 and xss["cost_usd"] == 0.0012
    assert cve["caught"] is False and cve["model_calls"] == 0  # never routed: the model never saw it
    ordinary = by_commit(v["ordinary"])
    assert ordinary[ids["title"]]["false_alarms"] == 1
    assert ordinary[ids["helper"]]["false_alarms"] == 0
    s = v["summary"]
    assert (s["fixes_caught"], s["fixes_caught_pct"], s["fixes_unreviewed"]) == (1, 50.0, 0)
    assert (s["false_alarms"], s["false_alarms_per_100"]) == (1, 33.33)
    assert s["model_calls"] == 2 and s["cost_usd"] == 0.0024
    assert s["usd_per_commit"] == 0.0004 and s["usd_per_catch"] == 0.0024
    assert s["tokens_per_commit"] == round(1100 / 3, 1)


def test_model_error_leaves_the_item_unreviewed_never_a_miss(history, tmp_path):
    repo, ids, config = history
    with FakeLLM() as llm:
        llm.responder = lambda body: FakeLLM.error(500)
        run = fedgate(repo.path, "eval", "--config", str(config), "--model", "openai/fake-model", "--format", "json",
                      env=_env(tmp_path, FEDGATE_API_BASE=llm.url, OPENAI_API_KEY="sk-test"))
    assert run.code == 0, run.stderr
    (v,) = run.doc["variants"]
    fixes, ordinary = by_commit(v["fixes"]), by_commit(v["ordinary"])
    assert fixes[ids["xss"]]["caught"] is None and fixes[ids["xss"]]["unreviewed"]
    assert fixes[ids["xss"]]["routed"] is True  # routing is known offline; only the review failed
    assert fixes[ids["cve"]]["caught"] is False and fixes[ids["cve"]]["unreviewed"] is None
    assert ordinary[ids["title"]]["false_alarms"] is None and ordinary[ids["title"]]["unreviewed"]
    s = v["summary"]
    assert (s["fixes_unreviewed"], s["fixes_caught"], s["fixes_caught_pct"]) == (1, 0, 0.0)  # 0 of the 1 judged
    assert (s["ordinary_unreviewed"], s["false_alarms"], s["false_alarms_per_100"]) == (1, 0, 0.0)
    text = fedgate(repo.path, "eval", "--config", str(config), "--offline", env=_env(tmp_path))
    assert "unreviewed" not in text.stdout  # --offline: no model, nothing to fail


def test_side_by_side_configs_on_one_sample_and_jobs_agree(history, tmp_path):
    repo, ids, config = history
    wider = tmp_path / "wider.yml"
    policy = json.loads(json.dumps(POLICY))
    policy["tiers"]["high"]["paths"] = ["web/**", "lib/**"]
    wider.write_text(yaml.safe_dump(policy))
    args = ("eval", "--config", str(config), "--config", str(wider), "--format", "json", "--sample", "2", "--seed", "7")
    one = fedgate(repo.path, *args, "--jobs", "1", env=_env(tmp_path))
    three = fedgate(repo.path, *args, "--jobs", "3", env=_env(tmp_path))
    assert one.code == three.code == 0, one.stderr + three.stderr
    a, b = one.doc["variants"]
    assert (a["name"], b["name"]) == ("policy.yml", "wider.yml")
    assert [o["commit"] for o in a["ordinary"]] == [o["commit"] for o in b["ordinary"]]  # the same sample
    assert len(a["ordinary"]) == 2
    assert (a["summary"]["fixes_routed_pct"], b["summary"]["fixes_routed_pct"]) == (50.0, 100.0)
    assert [v["summary"] for v in one.doc["variants"]] == [v["summary"] for v in three.doc["variants"]]
    other_seed = fedgate(repo.path, *args[:-1], "3", env=_env(tmp_path)).doc
    assert len(other_seed["variants"][0]["ordinary"]) == 2
    # Stable: naming one sampled commit as a fix takes only that commit out of the sample.
    sampled = [o["commit"] for o in a["ordinary"]]
    fixes = tmp_path / "fixes.txt"
    fixes.write_text(f"{ids['xss']}\n{ids['cve']}\n{sampled[0]}\n")
    fewer = fedgate(repo.path, *args, "--fixes", str(fixes), env=_env(tmp_path)).doc
    assert sampled[1] in [o["commit"] for o in fewer["variants"][0]["ordinary"]]
    md = fedgate(repo.path, *args[:-6], "--format", "markdown", env=_env(tmp_path))
    assert md.code == 0
    assert "| variant | fixes | routed |" in md.stdout
    assert "| wider.yml | 2 | 100.0% (2) |" in md.stdout


def test_merge_fix_is_diffed_against_its_first_parent(history, tmp_path):
    repo, ids, config = history
    repo.write("web/files.py", "def download(name):\n    return open(name)\n")
    repo.commit("Add download")
    repo.git("checkout", "-q", "-b", "fix")
    repo.write("web/files.py", "def download(name):\n    if '..' in name:\n        raise ValueError(name)\n    return open(name)\n")
    repo.commit("harden download")
    repo.git("checkout", "-q", "main")
    repo.write("lib/other.py", "X = 1\n")
    repo.commit("Add other")
    repo.git("merge", "-q", "--no-ff", "fix", "-m", "Merge the path traversal fix")
    merge = repo.head()
    fixes = tmp_path / "fixes.txt"
    fixes.write_text(merge + "\n")
    run = fedgate(repo.path, "eval", "--fixes", str(fixes), "--config", str(config), "--format", "json", env=_env(tmp_path))
    assert run.code == 0, run.stderr
    (fix,) = run.doc["variants"][0]["fixes"]
    assert fix["reverted_paths"] == ["web/files.py"]  # not lib/other.py, which came from the first parent
    assert fix["routed"] is True
    # Merges are never in the ordinary sample: against the first parent they repeat their branch.
    assert merge not in {o["commit"] for o in run.doc["variants"][0]["ordinary"]}


def test_bad_input_is_one_line_exit_2(history, tmp_path):
    repo, ids, config = history
    plain = make_repo(tmp_path / "plain")
    plain.write("a.py", "x = 1\n")
    plain.commit("Add a")
    run = fedgate(plain.path, "eval", env=_env(tmp_path))
    assert run.code == 2 and run.stdout == ""
    assert run.stderr.startswith("fedgate: error: no fix commits found in HEAD by message; name them with --fixes FILE")
    assert len(run.stderr.splitlines()) == 1

    empty = tmp_path / "empty"
    empty.mkdir()
    run_git(empty, "init", "-q")
    run = fedgate(empty, "eval", env=_env(tmp_path))
    assert (run.code, run.stderr) == (2, "fedgate: error: the repository has no commits yet: there is no history to evaluate\n")

    shallow = tmp_path / "shallow"
    run_git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo.path}", str(shallow))
    run = fedgate(shallow, "eval", env=_env(tmp_path))
    assert run.code == 2
    assert run.stderr == "fedgate: error: this is a shallow clone: eval needs the history; fetch it first: git fetch --unshallow\n"

    run = fedgate(repo.path, "eval", "--fix-pattern", "(unclosed", env=_env(tmp_path))
    assert run.code == 2 and run.stderr.startswith("fedgate: error: --fix-pattern: invalid regular expression")
    run = fedgate(repo.path, "eval", "--fixes", str(tmp_path / "missing.txt"), env=_env(tmp_path))
    assert run.code == 2 and "fixes file not found" in run.stderr
    root_only = tmp_path / "root.txt"
    root_only.write_text(repo.git("rev-list", "--max-parents=0", "HEAD").strip() + " first\n")
    run = fedgate(repo.path, "eval", "--fixes", str(root_only), "--format", "json", env=_env(tmp_path))
    assert run.code == 0
    assert run.doc["skipped"][0]["reason"] == "root commit: no parent to take the bug back from"
    assert run.doc["variants"][0]["summary"]["fixes"] == 0


def test_eval_runs_are_recorded_apart_in_the_ledger(history, tmp_path):
    import sqlite3

    repo, ids, config = history
    env = _env(tmp_path)
    assert fedgate(repo.path, "check", "HEAD~1", env=env).code == 0
    run = fedgate(repo.path, "eval", "--config", str(config), env=env)
    assert run.code == 0 and run.stderr == ""
    conn = sqlite3.connect(tmp_path / "ledger.db")
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 3
        kinds = conn.execute("SELECT kind, findings FROM (SELECT kind, (SELECT count(*) FROM run_findings f "
                             "WHERE f.run_id = runs.id) AS findings FROM runs) ORDER BY kind").fetchall()
    finally:
        conn.close()
    assert kinds == [("check", 0), ("eval", 0)]
    card = fedgate(repo.path, "report", "--format", "json", "--since", "all", env=env).doc
    assert card["totals"]["runs"] == 1  # the check; the eval is listed apart
    (ev,) = card["eval_runs"]
    assert ev["result"] == ("eval policy.yml: fixes routed 50.0% (1/2), caught 0.0% (0); "
                            "ordinary routed 33.3% (1/3)")
    text = fedgate(repo.path, "report", "--since", "all", env=env).stdout
    assert "Eval runs (fedgate eval" in text and "fixes routed 50.0% (1/2)" in text
    assert fedgate(repo.path, "eval", "--config", str(config), "--no-ledger", env=env).code == 0
    assert len(fedgate(repo.path, "report", "--format", "json", "--since", "all", env=env).doc["eval_runs"]) == 1


def test_a_schema_1_ledger_is_migrated_and_its_runs_are_checks(history, tmp_path):
    import sqlite3

    repo, ids, config = history
    env = _env(tmp_path)
    assert fedgate(repo.path, "check", "HEAD~1", env=env).code == 0
    conn = sqlite3.connect(tmp_path / "ledger.db")
    # What a schema-1 ledger is: no kind, and none of schema 3's repo/ci_job either.
    conn.execute("DROP INDEX runs_repo_time")
    for column in ("ci_job", "repo", "kind"):
        conn.execute(f"ALTER TABLE runs DROP COLUMN {column}")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    assert fedgate(repo.path, "report", "--format", "json", "--since", "all", env=env).doc["totals"]["runs"] == 1
    assert fedgate(repo.path, "eval", "--config", str(config), env=env).code == 0
    card = fedgate(repo.path, "report", "--format", "json", "--since", "all", env=env).doc
    assert card["totals"]["runs"] == 1 and len(card["eval_runs"]) == 1


def test_ctrl_c_prints_the_partial_result(history, tmp_path):
    import signal
    import subprocess
    import sys
    import time

    from gitrepo import clean_env

    repo, ids, config = history

    def answer(body: dict) -> Step:
        if "web/layout.py" in json.dumps(body):
            return FakeLLM.hang(30)  # the ordinary commit: in flight when Ctrl-C comes
        return _responder(llm, flag_title=False)(body)

    with FakeLLM() as llm:
        llm.responder = answer
        env = clean_env(_env(tmp_path, FEDGATE_API_BASE=llm.url, OPENAI_API_KEY="sk-test"))
        proc = subprocess.Popen([sys.executable, "-m", "fedgate", "eval", "--config", str(config), "--model",
                                 "openai/fake-model", "--format", "json", "--jobs", "1"],
                                cwd=repo.path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while not any("web/layout.py" in r.decode() for r in llm.raw) and time.monotonic() < deadline:
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    doc = json.loads(out)
    assert doc["interrupted"] is True
    (v,) = doc["variants"]
    assert {f["commit"] for f in v["fixes"]} == {ids["xss"], ids["cve"]}
    assert by_commit(v["fixes"])[ids["xss"]]["caught"] is True
    assert ids["title"] not in {o["commit"] for o in v["ordinary"]}
    assert b"interrupted" in err
    assert os.listdir(tmp_path / "tmp") == []


def test_progress_bar_on_a_terminal_only(history, tmp_path):
    import pty
    import subprocess
    import sys

    from gitrepo import clean_env

    repo, ids, config = history
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "fedgate", "eval", "--config", str(config), "--format", "json"],
                            cwd=repo.path, env=clean_env(_env(tmp_path)), stdout=subprocess.PIPE, stderr=slave)
    out, _ = proc.communicate(timeout=60)
    os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    assert proc.returncode == 0
    assert b"fedgate eval [" in shown and b"6/6 commits" in shown  # 3 fixes (one skipped) and 3 ordinary
    assert json.loads(out)["variants"][0]["summary"]["fixes"] == 2  # stdout stays clean JSON
    plain = fedgate(repo.path, "eval", "--config", str(config), env=_env(tmp_path))
    assert "fedgate eval [" not in plain.stderr


def test_hostile_history_text_cannot_drive_the_terminal(history, tmp_path):
    repo, ids, config = history
    repo.write("web/views.py", VIEWS_BEFORE)
    evil = repo.commit("Fix XSS \x1b[2J\x1b]0;pwned\x07 again")
    run = fedgate(repo.path, "eval", "--config", str(config), env=_env(tmp_path))
    assert run.code == 0, run.stderr
    assert "\x1b" not in run.stdout and "\x07" not in run.stdout
    md = fedgate(repo.path, "eval", "--config", str(config), "--format", "markdown", env=_env(tmp_path))
    assert "\x1b" not in md.stdout
    doc = fedgate(repo.path, "eval", "--config", str(config), "--format", "json", env=_env(tmp_path)).doc
    assert any(f["commit"] == evil for f in doc["variants"][0]["fixes"])  # evaluated, shown harmlessly


def test_revision_range_and_since_limit_the_fixes(history, tmp_path):
    repo, ids, config = history
    fixes = tmp_path / "fixes.txt"
    fixes.write_text(f"{ids['xss']}\n{ids['cve']}\n")
    run = fedgate(repo.path, "eval", f"{ids['docs']}..HEAD", "--fixes", str(fixes), "--config", str(config),
                  "--format", "json", env=_env(tmp_path))
    assert run.code == 0, run.stderr
    (v,) = run.doc["variants"]
    assert [f["commit"] for f in v["fixes"]] == [ids["cve"]]
    assert run.doc["skipped"] == [{"commit": ids["xss"], "label": "",
                                   "reason": f"outside the history evaluated ({ids['docs']}..HEAD)"}]
    assert [o["commit"] for o in v["ordinary"]] == [ids["title"]]
    found = fedgate(repo.path, "eval", f"{ids['docs']}..HEAD", "--config", str(config), "--format", "json", env=_env(tmp_path))
    assert [f["commit"] for f in found.doc["variants"][0]["fixes"]] == [ids["cve"]]
    future = fedgate(repo.path, "eval", "--since", "2099-01-01", "--config", str(config), env=_env(tmp_path))
    assert future.code == 2 and "no fix commits found in HEAD since 2099-01-01" in future.stderr


@pytest.mark.parametrize("path, kept", [
    ("tests/test_views.py", "test"), ("src/app/tests/helpers.py", "test"), ("pkg/views_test.go", "test"),
    ("web/app.test.ts", "test"), ("lib/parser.spec.js", "test"), ("spec/models/user_spec.rb", "test"),
    ("src/test/java/org/x/ParserTest.java", "test"), ("conftest.py", "test"), ("testdata/evil.png", "test"),
    ("docs/security.rst", "doc"), ("CHANGELOG.md", "doc"), ("CHANGES", "doc"), ("changelog.d/123.bugfix", "doc"),
    ("newsfragments/42.security", "doc"), ("README.rst", "doc"), ("HISTORY.txt", "doc"),
    ("src/app/views.py", None), ("lib/buffer.c", None), ("requirements.txt", None), ("CMakeLists.txt", None),
    ("src/testing_utils_impl/contest.py", None), ("web/latest.py", None), ("attestation.go", None),
    ("app/templates/page.html", None), ("setup.cfg", None),
])
def test_which_files_stay_fixed(path, kept):
    import sys

    from gitrepo import SRC

    sys.path.insert(0, SRC)
    from fedgate.evaluate.history import stays_fixed

    assert stays_fixed(path) == kept


def test_two_models_side_by_side_on_the_same_sample(history, tmp_path):
    repo, ids, config = history
    policy = json.loads(json.dumps(POLICY))
    policy["models"]["openai/cheap-model"] = {"price_per_mtok_in": 0.1, "price_per_mtok_out": 0.2}
    config.write_text(yaml.safe_dump(policy))

    def answer(body: dict) -> Step:
        if body.get("model") == "cheap-model":  # the cheap one sees nothing
            return FakeLLM.findings([], prompt_tokens=1000, completion_tokens=100)
        return _responder(llm, flag_title=False)(body)

    with FakeLLM() as llm:
        llm.responder = answer
        run = fedgate(repo.path, "eval", "--config", str(config), "--model", "openai/fake-model",
                      "--model", "openai/cheap-model", "--format", "json",
                      env=_env(tmp_path, FEDGATE_API_BASE=llm.url, OPENAI_API_KEY="sk-test"))
    assert run.code == 0, run.stderr
    strong, cheap = run.doc["variants"]
    assert (strong["name"], cheap["name"]) == ("policy.yml + openai/fake-model", "policy.yml + openai/cheap-model")
    assert [o["commit"] for o in strong["ordinary"]] == [o["commit"] for o in cheap["ordinary"]]
    assert (strong["summary"]["fixes_caught"], cheap["summary"]["fixes_caught"]) == (1, 0)
    assert (strong["summary"]["cost_usd"], cheap["summary"]["cost_usd"]) == (0.0024, 0.00024)
    assert strong["summary"]["usd_per_catch"] == 0.0024 and cheap["summary"]["usd_per_catch"] is None
