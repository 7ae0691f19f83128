"""Config errors, init, explain, output files, and the exit codes."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from gitrepo import fedgate, make_repo


def write_config(repo, text):
    repo.write(".fedgate.yml", textwrap.dedent(text))


@pytest.mark.parametrize(
    "text,expected",
    [
        ("tiers:\n  high:\n    pathz: ['x']\n", ".fedgate.yml:3: 'tiers.high': unknown key 'pathz'"),
        ("review:\n  timeout_s: soon\n", ".fedgate.yml:2: 'review.timeout_s': expected a number"),
        ("tiers:\n  high:\n    paths: ['src/[z-a].py']\n", ".fedgate.yml:3: 'tiers.high.paths': invalid glob"),
        ("tiers:\n  high:\n    signals: ['(unclosed']\n", ".fedgate.yml:3: 'tiers.high.signals': invalid regular expression"),
        ("review:\n  fail_on: severe\n", "must be one of critical, high, medium, low"),
        ("review: [1, 2\n", ".fedgate.yml:2: invalid YAML"),
        ("tiers:\n  urgent: {}\n", "unknown key 'urgent'"),
        ("rules:\n  no-such-rule: {enabled: false}\n", "unknown rule 'no-such-rule'"),
        ("budget:\n  max_cost_usd: -1\n", "must be at least 0"),
        ("- just\n- a list\n", "expected a mapping"),
    ],
)
def test_config_errors_are_one_clear_line(repo, text, expected):
    write_config(repo, text)
    run = fedgate(repo.path, "check", "HEAD~1")
    assert run.code == 2, run.stdout
    assert expected in run.stderr, run.stderr
    assert run.stderr.count("\n") == 1
    assert "Traceback" not in run.stderr
    assert run.stdout == ""


def test_missing_config_path(repo):
    run = fedgate(repo.path, "check", "HEAD~1", "--config", "nope.yml")
    assert run.code == 2 and "config file not found: nope.yml" in run.stderr


def test_user_config_overlays_the_default(repo):
    write_config(repo, """
        tiers:
          high:
            paths: ["core/**"]
        review:
          required: true
    """)
    repo.write("core/engine.py", "run = 1\n")
    repo.write("src/auth/login.py", "ok = 1\n")  # high by default, not by this config
    repo.commit("x")
    run = fedgate(repo.path, "check", "HEAD~1", "--format", "json")
    doc = run.json()
    tiers = {f["path"]: f["tier"] for f in doc["files"]}
    assert tiers["core/engine.py"] == "high"
    assert tiers["src/auth/login.py"] == "medium"
    assert doc["config"] == ".fedgate.yml"
    # required review, no model: the gate fails closed with exit 3 and says why.
    assert run.code == 3
    assert [u["path"] for u in doc["plan"]["unreviewed"]] == ["core/engine.py"]
    assert "review.required" in doc["plan"]["unreviewed"][0]["reason"]


def test_init_writes_a_valid_starter_and_never_overwrites(repo):
    first = fedgate(repo.path, "init")
    assert first.code == 0, first.stderr
    text = (repo.path / ".fedgate.yml").read_text()
    assert text.startswith("# fedgate configuration")
    # The starter is itself a valid config.
    run = fedgate(repo.path, "check", "HEAD~1")
    assert run.code == 0, run.stderr
    (repo.path / ".fedgate.yml").write_text("# mine\n")
    again = fedgate(repo.path, "init")
    assert again.code == 2 and "already exists" in again.stderr
    assert (repo.path / ".fedgate.yml").read_text() == "# mine\n"


def test_explain(repo):
    run = fedgate(repo.path, "explain", "src/auth/login.py", "README.md", "src/app.py")
    assert run.code == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == "policy: built-in default policy"
    assert lines[1].startswith("high   src/auth/login.py  path matches high glob")
    assert "model review (no model configured)" in lines[1]
    assert lines[2].startswith("low    README.md  path matches low glob '*.md'")
    assert lines[3].startswith("medium src/app.py  no glob matched") and "rules only" in lines[3]
    dotted = fedgate(repo.path, "explain", "./.circleci/config.yml")
    assert dotted.stdout.splitlines()[1].startswith("high   .circleci/config.yml  path matches high glob '.circleci/**'")


def test_docs_only_commit_is_a_few_lines_and_passes(repo):
    repo.write("README.md", "# project\n\nMore words.\n")
    repo.commit("docs")
    run = fedgate(repo.path, "check", "HEAD~1")
    assert run.code == 0
    assert "skip: documentation only" in run.stdout
    assert "nothing needs a model review" in run.stdout
    assert len(run.stdout.splitlines()) <= 5


def test_offline_report_says_what_a_model_would_review(repo):
    repo.write("src/auth/session.py", "def login(u):\n    return u.password == 'x'\n")
    repo.commit("auth")
    run = fedgate(repo.path, "check", "HEAD~1")
    assert run.code == 0
    assert "Model review: off" in run.stdout
    assert "1 high-risk hunk(s) in 1 file(s)" in run.stdout
    assert "FEDGATE_MODEL" in run.stdout
    doc = fedgate(repo.path, "check", "HEAD~1", "--format", "json").json()
    assert doc["model_configured"] is False
    assert [w["path"] for w in doc["plan"]["would_review"]] == ["src/auth/session.py"]


def test_json_document_shape(repo):
    repo.write("src/auth/session.py", "def load(blob):\n    return pickle.loads(blob)\n")
    repo.write("docs/x.md", "words\n")
    repo.commit("x")
    doc = fedgate(repo.path, "check", "HEAD~1", "--format", "json").json()
    assert doc["schema_version"] == 1
    assert set(doc["range"]) >= {"base", "head"}
    f = next(f for f in doc["files"] if f["path"] == "src/auth/session.py")
    assert set(f) >= {"path", "old_path", "status", "tier", "trivial", "reason", "hunks"}
    assert set(f["hunks"][0]) >= {"old_start", "new_start", "tier", "tokens", "reason", "score", "reasons"}
    # high by path (50) and an unsafe loader (50): the score and what made it
    assert f["score"] == f["hunks"][0]["score"] == 100
    assert any("unsafe-deserialize" in r for r in f["hunks"][0]["reasons"])
    assert set(doc["plan"]) >= {"model_hunks", "tokens", "est_cost_usd", "unreviewed"}
    assert set(doc["usage"]) >= {"prompt_tokens", "completion_tokens", "cost_usd", "model_calls", "cache_hits"}
    assert doc["exit_code"] == 0
    # High-risk code without a test change is reported, below the default fail_on.
    [finding] = doc["findings"]
    assert finding["rule"] == "risky-without-tests" and finding["blocking"] is False


def test_output_file_and_unwritable_output(repo, tmp_path):
    out = tmp_path / "report.json"
    run = fedgate(repo.path, "check", "HEAD~1", "--format", "json", "--output", str(out))
    assert run.code == 0 and run.stdout == ""
    assert out.read_text().startswith("{")
    bad = fedgate(repo.path, "check", "HEAD~1", "--output", str(tmp_path / "no" / "dir" / "r.txt"))
    assert bad.code == 2 and "cannot write" in bad.stderr


def test_help_and_version(repo):
    run = fedgate(repo.path, "check", "--help")
    assert run.code == 0 and "Exit codes" in run.stdout and "A...B" in run.stdout
    assert fedgate(repo.path, "--version").code == 0
    usage = fedgate(repo.path, "check", "--format", "yaml")
    assert usage.code == 2


def test_docs_only_run_never_imports_litellm_or_tiktoken(repo):
    repo.write("README.md", "# changed\n")
    repo.commit("docs")
    code = (
        "import sys\n"
        "from fedgate.pipeline import CheckOptions, run_check\n"
        "from fedgate.report import render\n"
        "res, _, _ = run_check(CheckOptions(range_spec='HEAD~1'))\n"
        "render('text', res)\n"
        "print(sorted(m for m in ('litellm', 'tiktoken', 'openai', 'detect_secrets') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=repo.path, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_main_module_entry_point(repo):
    out = subprocess.run([sys.executable, "-m", "fedgate", "--help"], cwd=repo.path, capture_output=True, text=True)
    assert out.returncode == 0 and "fedgate" in out.stdout


def test_bare_repository_is_a_clear_error(tmp_path):
    make_repo(tmp_path / "src")
    subprocess.run(["git", "clone", "-q", "--bare", str(tmp_path / "src"), str(tmp_path / "bare.git")], check=True)
    run = fedgate(tmp_path / "bare.git", "check", "HEAD~1")
    assert run.code == 2 and "bare repository" in run.stderr


def test_builtin_defaults_are_valid_and_load_the_same_as_validated():
    import yaml

    from fedgate.config import _parse, default_text

    validated = _parse(default_text(), "<built-in defaults>")
    plain = yaml.safe_load(default_text())

    def norm(v):
        if isinstance(v, dict):
            return {k: norm(x) for k, x in v.items()}
        if isinstance(v, (list, tuple)):
            return [norm(x) for x in v]
        return v

    assert norm(validated) == norm(plain)
