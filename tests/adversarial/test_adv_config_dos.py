"""Issue 12 item 14: a config cannot hang fedgate, exhaust its memory or crash it.

A signal only a backtracking engine runs is refused with one line naming it and where it is; a
signal RE2 takes is never re-run by `re`; a tier of thousands of globs routes as written; a
config file that never ends (/dev/zero) or is too large is refused before it is read.
"""
from __future__ import annotations

import resource
import subprocess
import sys

from gate_helpers import HIGH, auth_repo, check_json, hostile_commit, user_env

from gitrepo import clean_env, fedgate


def _signal_repo(tmp_path, pattern: str, line: str):
    repo = auth_repo(tmp_path, {".fedgate.yml": f"tiers:\n  high:\n    signals: ['{pattern}']\n"})
    repo.write("src/app.py", f"x = '{line}'\n")
    repo.commit("change")
    return repo


def test_a_signal_re2_rejects_is_refused_with_its_name_and_place(tmp_path):
    repo = _signal_repo(tmp_path, "(?=a)(a+)+$", "a" * 40 + "b")
    run = fedgate(repo.path, "check", "--no-ledger", "HEAD~1", env=user_env(tmp_path), timeout=60)
    assert run.code == 2, run.stderr
    [line] = run.stderr.strip().splitlines()
    assert ".fedgate.yml:3" in line and "tiers.high.signals" in line and "(?=a)(a+)+$" in line and "RE2" in line


def test_a_signal_that_fires_is_not_re_read_by_a_backtracking_engine(tmp_path):
    # RE2 takes it; before, the "which signal fired" step ran it again in `re` (exponential here).
    repo = _signal_repo(tmp_path, "(a+)+$|zz", "a" * 40 + "b zz")
    run, doc = check_json(repo, "HEAD~1", env=user_env(tmp_path))
    [app] = [f for f in doc["files"] if f["path"] == "src/app.py"]
    assert app["tier"] == "high", app


def test_thousands_of_globs_in_one_tier_route_as_written(tmp_path):
    globs = [f"src/mod{i}/**/*.py" for i in range(4500)] + ["src/auth/**", "!src/auth/ok.py"]
    config = "tiers:\n  high:\n    paths:\n" + "".join(f"      - '{g}'\n" for g in globs)
    repo = auth_repo(tmp_path, {".fedgate.yml": config, "src/auth/ok.py": "x = 1\n", "src/mod4321/a/b.py": "y = 1\n"})
    repo.write("src/mod4321/a/b.py", "y = 2\n")
    repo.write("src/auth/ok.py", "x = 2\n")
    hostile_commit(repo, {})
    run, doc = check_json(repo, "HEAD~1", env=user_env(tmp_path))
    tiers = {f["path"]: f["tier"] for f in doc["files"]}
    assert tiers["src/mod4321/a/b.py"] == "high" and tiers[HIGH] == "high", tiers
    assert tiers["src/auth/ok.py"] != "high", tiers  # the negation, 4,500 globs later, still applies
    assert run.code == 1


def _limited(*args: str, cwd, env) -> subprocess.CompletedProcess:
    # 1.5 GB of address space: a config read to the end of /dev/zero fails here, not on the machine.
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (3 << 29, 3 << 29))
    return subprocess.run([sys.executable, "-m", "fedgate", *args], cwd=cwd, env=clean_env(env), capture_output=True,
                          text=True, timeout=60, preexec_fn=limit, stdin=subprocess.DEVNULL)


def test_a_config_that_never_ends_is_refused_in_one_line(tmp_path):
    repo = auth_repo(tmp_path)
    hostile_commit(repo, {})
    run = _limited("check", "--no-ledger", "--config", "/dev/zero", "HEAD~1", cwd=repo.path, env=user_env(tmp_path))
    assert run.returncode == 2, run.stderr
    [line] = run.stderr.strip().splitlines()
    assert "/dev/zero" in line and "MiB" in line and "MemoryError" not in line


def test_an_oversized_config_file_is_refused(tmp_path):
    repo = auth_repo(tmp_path)
    hostile_commit(repo, {})
    big = tmp_path / "big.yml"
    big.write_text("# padding\n" * 200_000 + "review:\n  fail_on: high\n")
    run = fedgate(repo.path, "check", "--no-ledger", "--config", str(big), "HEAD~1", env=user_env(tmp_path))
    assert run.code == 2, run.stdout
    assert "over 1 MiB" in run.stderr and len(run.stderr.strip().splitlines()) == 1


def test_a_glob_valid_only_as_written_is_refused_as_config_not_a_crash(tmp_path):
    # Tier globs match lowercased paths with lowercased globs: "[Z-a]" becomes the bad range "[z-a]".
    repo = auth_repo(tmp_path, {".fedgate.yml": "tiers:\n  high:\n    paths: ['[Z-a]x']\n"})
    hostile_commit(repo, {})
    run = fedgate(repo.path, "check", "--no-ledger", "HEAD~1", env=user_env(tmp_path))
    assert run.code == 2
    [line] = run.stderr.strip().splitlines()
    assert ".fedgate.yml:3" in line and "[Z-a]x" in line and "internal error" not in line


def test_a_baseline_that_never_ends_is_refused_in_one_line(tmp_path):
    # A symlink the repository committed: the file fedgate reads is /dev/zero.
    repo = auth_repo(tmp_path)
    (repo.path / ".fedgate-baseline.json").symlink_to("/dev/zero")
    repo.commit("baseline")
    hostile_commit(repo, {})
    run = _limited("check", "--no-ledger", "HEAD~1", cwd=repo.path, env=user_env(tmp_path))
    assert run.returncode == 2, run.stderr
    [line] = run.stderr.strip().splitlines()
    assert "baseline" in line and "MiB" in line and "MemoryError" not in line
