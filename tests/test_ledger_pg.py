"""The ledger on a real PostgreSQL server (tests/pgserver.py): concurrent writers, a database
that goes away and comes back, import/export, every report view, and a password that never leaks."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from gitrepo import clean_env
from helpers_ledger import Repo, fedgate, report_json
from pgserver import PASSWORD

pytest.importorskip("psycopg")


def _repo(tmp_path, name="r", remote="https://ci-bot:tok3n@github.com/team/app.git") -> Repo:
    repo = Repo(tmp_path / name)
    repo.git("remote", "add", "origin", remote)
    repo.commit({"app.py": "x = 1\n"})
    repo.commit({"app.py": "x = 2\n"})
    return repo


def _env(tmp_path, url: str | None, **extra) -> dict:
    env = {"XDG_CONFIG_HOME": str(tmp_path / "xdg"), **extra}
    if url:
        env["FEDGATE_LEDGER_URL"] = url
    return env


def _no_secret(*texts: str) -> None:
    for t in texts:
        assert PASSWORD not in t


def _count(url: str) -> tuple[int, int]:
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute("SELECT count(*), count(DISTINCT id) FROM runs").fetchone()


def test_twenty_concurrent_checks_write_twenty_runs(tmp_path, pg_url):
    repo = _repo(tmp_path)
    env = clean_env(_env(tmp_path, pg_url))
    procs = [subprocess.Popen([sys.executable, "-m", "fedgate", "check", "HEAD~1"], cwd=repo.path, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
             for _ in range(20)]
    outs = [p.communicate(timeout=110) for p in procs]
    for p, (_out, err) in zip(procs, outs):
        assert p.returncode == 0, err.decode()
        assert b"warning" not in err, err.decode()  # none spooled: all reached the database
        _no_secret(err.decode())
    assert _count(pg_url) == (20, 20)
    spool = repo.path / ".git" / "fedgate" / "spool"
    assert not spool.exists() or not list(spool.iterdir())
    card = report_json(repo.path, env=_env(tmp_path, pg_url))
    assert card["totals"]["runs"] == 20
    assert card["repositories"] == [{**card["repositories"][0], "repo": "github.com/team/app", "runs": 20}]


def test_database_stopped_mid_suite_spools_and_delivers(tmp_path, pg_server, pg_url):
    repo = _repo(tmp_path)
    env = _env(tmp_path, pg_url)
    assert fedgate(["check", "HEAD~1"], repo.path, env).returncode == 0
    spool = repo.path / ".git" / "fedgate" / "spool"
    pg_server.stop()
    try:
        for _ in range(2):
            r = fedgate(["check", "HEAD~1"], repo.path, env)
            assert r.returncode == 0  # the gate's exit code, unchanged
            lines = [ln for ln in r.stderr.splitlines() if "warning" in ln]
            assert len(lines) == 1 and "spooled" in lines[0], r.stderr
            _no_secret(r.stdout, r.stderr)
        files = sorted(spool.iterdir())
        assert len(files) == 2 and all(f.suffix == ".json" for f in files)
        for f in files:
            rec = json.loads(f.read_text())
            assert f.name == f"{rec['id']}.json"
            _no_secret(f.read_text())
        r = fedgate(["report", "--since", "all"], repo.path, env)
        assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1, r.stderr
        _no_secret(r.stdout, r.stderr)
    finally:
        pg_server.start()
    r = fedgate(["check", "HEAD~1"], repo.path, env)
    assert r.returncode == 0 and "warning" not in r.stderr, r.stderr
    assert list(spool.iterdir()) == []
    assert _count(pg_url) == (4, 4)  # nothing lost, nothing doubled
    assert report_json(repo.path, env=env)["totals"]["runs"] == 4


def test_import_of_a_sqlite_export_is_idempotent_and_every_view_works(tmp_path, pg_url):
    repo = _repo(tmp_path)
    local = _env(tmp_path, None)
    for _ in range(2):
        assert fedgate(["check", "HEAD~1"], repo.path, local).returncode == 0
    export = tmp_path / "runs.jsonl"
    assert fedgate(["ledger", "export", "-o", str(export)], repo.path, local).returncode == 0
    for added, present in ((2, 0), (0, 2)):
        r = fedgate(["ledger", "import", str(export), "--ledger", pg_url], repo.path, local)
        assert r.returncode == 0, r.stderr
        assert f"imported {added} run(s) into postgresql://fedgate@127.0.0.1" in r.stdout
        assert f"{present} already present" in r.stdout
        _no_secret(r.stdout, r.stderr)
    assert _count(pg_url) == (2, 2)
    pg = _env(tmp_path, pg_url)
    # The same runs, field for field, read back from PostgreSQL.
    back = fedgate(["ledger", "export"], repo.path, pg)
    assert back.returncode == 0
    assert [json.loads(x) for x in back.stdout.splitlines()] == [json.loads(x) for x in export.read_text().splitlines()]
    for fmt in ("text", "json", "markdown", "html"):
        r = fedgate(["report", "--since", "all", "--format", fmt], repo.path, pg)
        assert r.returncode == 0, r.stderr
        assert "github.com/team/app" in r.stdout
        _no_secret(r.stdout, r.stderr)
    assert report_json(repo.path, "--repo", "github.com/team/app", env=pg)["totals"]["runs"] == 2
    assert report_json(repo.path, "--repo", "github.com/other/x", env=pg)["totals"]["runs"] == 0
    assert report_json(repo.path, "--branch", "main", "--until", "2000-01-01", env=pg)["totals"]["runs"] == 0
    assert "tok3n" not in back.stdout


def test_runs_of_two_repositories_and_a_ci_job_aggregate(tmp_path, pg_url):
    a = _repo(tmp_path, "a", "git@github.com:team/a.git")
    b = _repo(tmp_path, "b")
    b_env = _env(tmp_path, pg_url, GITHUB_REPOSITORY="team/app", GITHUB_RUN_ID="99", GITHUB_JOB="gate")
    assert fedgate(["check", "HEAD~1"], a.path, _env(tmp_path, pg_url)).returncode == 0
    assert fedgate(["check", "HEAD~1"], b.path, b_env).returncode == 0
    card = report_json(a.path, env=_env(tmp_path, pg_url))
    rows = {r["repo"]: r for r in card["repositories"]}
    assert set(rows) == {"github.com/team/a", "github.com/team/app"}
    assert rows["github.com/team/app"]["ci_runs"] == 1 and rows["github.com/team/a"]["ci_runs"] == 0


def test_a_wrong_password_is_one_line_without_the_password(tmp_path, pg_server):
    repo = _repo(tmp_path)
    bad = pg_server.url().replace(PASSWORD, PASSWORD + "-wrong")
    r = fedgate(["check", "HEAD~1"], repo.path, _env(tmp_path, bad))
    assert r.returncode == 0 and "spooled" in r.stderr
    assert PASSWORD not in r.stderr and "postgresql://fedgate@127.0.0.1" in r.stderr
    r = fedgate(["report", "--ledger", bad], repo.path, _env(tmp_path, None))
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and PASSWORD not in r.stderr, r.stderr


def test_a_repository_ledger_url_needs_approval(tmp_path, pg_url):
    repo = _repo(tmp_path)
    (repo.path / ".fedgate.yml").write_text(f"ledger:\n  url: {pg_url}\n")
    repo.commit({".fedgate.yml": f"ledger:\n  url: {pg_url}\n"}, "config")
    repo.commit({"app.py": "x = 3\n"})
    env = _env(tmp_path, None)
    r = fedgate(["check", "HEAD~1"], repo.path, env)
    assert r.returncode == 0 and "not used until you approve it" in r.stderr, r.stderr
    _no_secret(r.stderr)
    import psycopg

    with psycopg.connect(pg_url) as conn:  # nothing written: not even the schema
        assert conn.execute("SELECT to_regclass('runs')").fetchone()[0] is None
    t = fedgate(["trust"], repo.path, env)
    assert t.returncode == 0 and "ledger.url" in t.stdout, t.stderr
    _no_secret(t.stdout, t.stderr, (tmp_path / "xdg" / "fedgate" / "trusted.json").read_text())
    r = fedgate(["check", "HEAD~1"], repo.path, env)
    assert r.returncode == 0 and "warning" not in r.stderr, r.stderr
    assert _count(pg_url) == (1, 1)


def test_without_psycopg_a_postgresql_ledger_is_one_line_and_exit_2(tmp_path):
    repo = _repo(tmp_path)
    shadow = tmp_path / "shadow" / "psycopg"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError('psycopg hidden by the test')\n")
    from gitrepo import SRC

    env = _env(tmp_path, f"postgresql://u:{PASSWORD}@127.0.0.1:1/db", PYTHONPATH=f"{SRC}{os.pathsep}{shadow.parent}")
    for args in (["check", "HEAD~1"], ["report"]):
        r = fedgate(args, repo.path, env)
        assert r.returncode == 2, (args, r.stderr)
        assert r.stderr.strip().count("\n") == 0 and "pip install 'fedgate[postgres]'" in r.stderr
        _no_secret(r.stdout, r.stderr)
