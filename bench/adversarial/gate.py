"""Adversarial bench, the gate's rows: bypasses tried / succeeded, bad inputs tried / tracebacks.

Every bypass is a change (or a cloned repository) that tries to switch the gate off, run in a
real repository through the real CLI, with tests/fakellm.py as the model (and as the attacker's
server where a key could leak). A bypass succeeds when the gate lets it through: exit 0 where the
change must block, a finding silenced by the change itself, a request or a file where nothing
may arrive. A bad input is a hostile value given to the CLI, the config, the baseline, the event
payload or the user's files; it must end in one line and a documented exit code, never a
traceback.

    python bench/adversarial/gate.py          (or bench/bench_adversarial.py for the whole table)
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[2]
for p in (ROOT / "tests", ROOT / "tests" / "adversarial"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from gate_helpers import (HIGH, INJECTION_LINE, MODEL_FINDING, SECRET_LINE, auth_repo,  # noqa: E402
                          check_json, hostile_commit, model_env, unsuppressed, user_env)

from fakellm import FakeLLM  # noqa: E402
from gitrepo import SRC, fedgate, make_repo, run_git  # noqa: E402
from helpers_integrations import FakeGitHub  # noqa: E402

Attack = Callable[[Path], bool]  # -> True when the gate held


# ------------------------------------------------------------------ bypasses

def _blocks_all(doc: dict, run) -> bool:
    rules = {f["rule"] for f in unsuppressed(doc)}
    model = any(f["source"].startswith("model:") for f in unsuppressed(doc))
    return run.code == 1 and {"secret", "reviewer-directed-text"} <= rules and model


def self_baseline_local(tmp: Path) -> bool:
    with FakeLLM(FakeLLM.findings([MODEL_FINDING])) as llm:
        repo = auth_repo(tmp)
        hostile_commit(repo, {})
        env = model_env(tmp, llm.url)
        fedgate(repo.path, "baseline", "HEAD~1", env=env)
        repo.git("add", "-A")
        repo.git("commit", "-q", "--amend", "--no-edit")
        run, doc = check_json(repo, "HEAD~1", env=env)
        return _blocks_all(doc, run)


def self_baseline_ci(tmp: Path) -> bool:
    with FakeLLM(FakeLLM.findings([MODEL_FINDING])) as llm:
        repo = auth_repo(tmp)
        base = repo.head()
        hostile_commit(repo, {})
        env = model_env(tmp, llm.url)
        fedgate(repo.path, "baseline", "HEAD~1", env=env)
        repo.git("add", "-A")
        repo.git("commit", "-q", "--amend", "--no-edit")
        run = fedgate(repo.path, "ci", "github", env={**env, **_pr_env(tmp, base, repo.head())})
        return run.code == 1


def _pr_env(tmp: Path, base: str, head: str, fork: bool = False) -> dict[str, str]:
    event = tmp / "event.json"
    event.write_text(json.dumps({"number": 7, "pull_request": {
        "number": 7, "base": {"sha": base, "repo": {"full_name": "acme/app"}},
        "head": {"sha": head, "repo": {"full_name": "someone/app" if fork else "acme/app"}}}}))
    return {"GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": str(event),
            "GITHUB_STEP_SUMMARY": str(tmp / "summary.md"), "GITHUB_OUTPUT": str(tmp / "out.txt")}


def attributes(spec: str, where: str = "change") -> Attack:
    def attack(tmp: Path) -> bool:
        with FakeLLM(FakeLLM.findings([MODEL_FINDING])) as llm:
            repo = auth_repo(tmp, {".gitattributes": spec} if where == "base" else None)
            env = model_env(tmp, llm.url)
            if where == "staged":
                repo.write(HIGH, hostile_text())
                repo.write(".gitattributes", spec)
                repo.git("add", "-A")
                run, doc = check_json(repo, "--staged", env=env)
            else:
                hostile_commit(repo, {".gitattributes": spec} if where == "change" else {})
                run, doc = check_json(repo, "HEAD~1", env=env)
            return _blocks_all(doc, run)
    attack.__name__ = f"gitattributes {spec.strip()!r} ({where})"
    return attack


def hostile_text() -> str:
    from gate_helpers import AUTH_AFTER
    return AUTH_AFTER


def repo_api_base(tmp: Path) -> bool:
    import yaml
    with FakeLLM() as attacker:
        repo = auth_repo(tmp, {".fedgate.yml": yaml.safe_dump({"review": {"model": "openai/gpt-4.1-mini",
                                                                          "api_base": attacker.url}})})
        hostile_commit(repo, {})
        run = fedgate(repo.path, "check", "--no-ledger", "HEAD~1", env=user_env(tmp, OPENAI_API_KEY="sk-user"))
        return not attacker.requests and run.code == 2


def repo_ledger_outside(tmp: Path) -> bool:
    import yaml
    outside = tmp / "elsewhere" / "ledger.db"
    repo = auth_repo(tmp, {".fedgate.yml": yaml.safe_dump({"ledger": {"path": str(outside)}})})
    hostile_commit(repo, {})
    fedgate(repo.path, "check", "HEAD~1", env=user_env(tmp))
    return not outside.exists()


def committed_dotenv(tmp: Path) -> bool:
    import importlib.util
    with FakeLLM(FakeLLM.findings([MODEL_FINDING])) as provider, FakeLLM() as attacker:
        repo = auth_repo(tmp)
        hostile_commit(repo, {".env": f"OPENAI_BASE_URL={attacker.url}\n"})
        real = importlib.util.find_spec("litellm").submodule_search_locations[0]
        site = repo.path / ".venv" / "lib" / "site-packages"
        site.mkdir(parents=True)
        (site / "litellm").symlink_to(real, target_is_directory=True)
        env = user_env(tmp, FEDGATE_MODEL="openai/fake-model", OPENAI_API_BASE=provider.url,
                       OPENAI_API_KEY="sk-user", PYTHONPATH=os.pathsep.join([SRC, str(site)]))
        run, _ = check_json(repo, "HEAD~1", env=env)
        return not attacker.requests and run.code == 1


def git_option(which: str) -> Attack:
    def attack(tmp: Path) -> bool:
        origin = auth_repo(tmp)
        hostile_commit(origin, {})
        run_git(tmp, "clone", "-q", str(origin.path), "clone")
        marker = tmp / "pwned"
        evil = f"--upload-pack=touch {marker}; git-upload-pack"
        env = user_env(tmp)
        if which == "payload":
            env.update(_pr_env(tmp, evil, "HEAD"))
            run = fedgate(tmp / "clone", "ci", "github", env=env)
        else:
            args = ["--base", evil, "--head", "HEAD"] if which == "base" else ["--base", "HEAD~1", "--head", evil]
            run = fedgate(tmp / "clone", "ci", "github", *args, env=env)
        return not marker.exists() and run.code == 2
    attack.__name__ = f"--upload-pack as {which}"
    return attack


def self_suppression(rule: str) -> Attack:
    def attack(tmp: Path) -> bool:
        repo = auth_repo(tmp)
        line = SECRET_LINE if rule == "secret" else INJECTION_LINE.lstrip("# ")
        hostile_commit(repo, {}, auth=f"def login(user, password):\n    x = 1  # {line}  fedgate: ignore[*] fine\n"
                       if rule != "secret" else f"def login(user, password):\n    {line}  # fedgate: ignore[*] fine\n")
        run, doc = check_json(repo, "HEAD~1", env=user_env(tmp))
        return bool(unsuppressed(doc, rule)) and run.code == 1
    attack.__name__ = f"inline ignore[*] on its own {rule}"
    return attack


def control_chars_in_name(tmp: Path) -> bool:
    repo = auth_repo(tmp)
    repo.write("src/auth/b\n::error::x.py", f"{SECRET_LINE}\n")
    repo.commit("name")
    run = fedgate(repo.path, "check", "--no-ledger", "HEAD~1", env=user_env(tmp))
    return not any(ln.startswith("::") for ln in run.stdout.split("\n")) and "\x1b" not in run.stdout


def planted_markers(tmp: Path) -> bool:
    repo = auth_repo(tmp)
    base = repo.head()
    hostile_commit(repo, {})
    _, doc = check_json(repo, "HEAD~1", env=user_env(tmp))
    with FakeGitHub() as api:
        api.comments = [{"id": i, "path": HIGH, "line": 2, "user": {"login": "mallory"},
                         "body": f"<!-- fedgate:fingerprint={f['fingerprint']} -->"} for i, f in enumerate(doc["findings"])]
        env = user_env(tmp, GITHUB_REPOSITORY="acme/app", GITHUB_TOKEN="ghs_x", GITHUB_API_URL=api.url,
                       **_pr_env(tmp, base, repo.head()))
        fedgate(repo.path, "ci", "github", "--comment", env=env)
        return bool(api.posts())


def empty_key_in_ci(tmp: Path) -> bool:
    repo = auth_repo(tmp)
    base = repo.head()
    hostile_commit(repo, {}, auth="def login(user, password):\n    return True\n")
    env = user_env(tmp, FEDGATE_MODEL="openai/gpt-4.1-mini", OPENAI_API_KEY="", OPENAI_BASE_URL="http://127.0.0.1:9/v1",
                   **_pr_env(tmp, base, repo.head()))
    return fedgate(repo.path, "ci", "github", env=env).code == 3


def submodule_in_high_tier(tmp: Path) -> bool:
    repo = auth_repo(tmp)
    for sha in ("1" * 40, "2" * 40):
        repo.git("update-index", "--add", "--cacheinfo", f"160000,{sha},src/auth/vendor")
        repo.git("commit", "-q", "-m", "gitlink")
    _, doc = check_json(repo, "HEAD~1", env=user_env(tmp))
    [sub] = [f for f in doc["files"] if f["path"] == "src/auth/vendor"]
    return not sub["trivial"] and any("not reviewable" in u["reason"] for u in doc["plan"]["unreviewed"])


BYPASSES: list[Attack] = [
    self_baseline_local, self_baseline_ci,
    attributes("*.py -diff\n"), attributes("*.py binary\n"), attributes("* -diff -text\n"),
    attributes("src/** diff=nope -diff\n"), attributes("*.py -diff\n", "base"), attributes("*.py -diff\n", "staged"),
    repo_api_base, repo_ledger_outside, committed_dotenv,
    git_option("base"), git_option("head"), git_option("payload"),
    self_suppression("secret"), self_suppression("reviewer-directed-text"),
    control_chars_in_name, planted_markers, empty_key_in_ci, submodule_in_high_tier,
]


# ------------------------------------------------------------------ bad inputs

def _bad_inputs(tmp: Path) -> list[tuple[str, Path, list[str], dict[str, str], dict[str, str | bytes]]]:
    """(label, cwd, argv, env, files to write first) for each hostile input."""
    repo = auth_repo(tmp / "r")
    hostile_commit(repo, {})
    r = repo.path
    out = []
    for spec in ["", " ", "..", "...", "HEAD~999", "HEAD^^^^^^^^^", "A..B..C", "HEAD...nope", "@{-1}", "HEAD@{99}",
                 ":/nothing", "HEAD:README.md", "\u202eHEAD", "x" * 5000, "HEAD~1..--all", "--all..HEAD",
                 "0" * 40, "0" * 40 + "..HEAD", "HEAD.." + "0" * 40, "refs/heads/../../x", "HEAD~-1", "HEAD~99999999999999999999"]:
        out.append((f"range {spec[:30]!r}", r, ["check", "--no-ledger", "--", spec], {}, {}))
    for cfg in ["review: [", "review:\n  model: 1\n", "tiers:\n  high:\n    paths: ['[']\n", "tiers: 7\n",
                "review:\n  timeout_s: .nan\n", "review:\n  api_base: 'ftp://x'\n", "review:\n  api_base: 'http://[::1'\n",
                "a: " + "[" * 5000, "\t- x\n", "review:\n  batch_tokens: 1e999\n", "budget:\n  max_cost_usd: -1\n",
                "rules:\n  nope: {}\n", "ledger:\n  path: 7\n", "models:\n  x: 1\n", "--- !!python/object:os.system ls\n",
                "review: &a\n  model: *a\n", "tiers:\n  high:\n    signals: ['(']\n"]:
        out.append((f"config {cfg[:30]!r}", r, ["check", "--no-ledger", "HEAD~1"], {}, {".fedgate.yml": cfg}))
    for bl in ["", "[]", "{", '{"fingerprints": 7}', "[" * 100000, '{"fingerprints": [' + "1," * 100000 + "1]}", "\xff\xfe"]:
        out.append((f"baseline {bl[:20]!r}", r, ["check", "--no-ledger", "HEAD~1"], {}, {".fedgate-baseline.json": bl}))
    for payload in ["", "[]", "{", '{"pull_request": 7}', '{"pull_request": {"base": {"sha": 7}, "head": {"sha": []}}}',
                    '{"number": true, "pull_request": {"base": {"sha": "HEAD~1"}, "head": {"sha": "HEAD"}}}',
                    '{"pull_request": {"number": "x", "base": {"sha": "HEAD~1"}, "head": {"sha": "HEAD"}}}',
                    "[" * 100000, '{"before": "-x", "after": "HEAD"}', '{"after": 5}']:
        event = tmp / f"event-{len(out)}.json"
        event.write_text(payload)
        out.append((f"event {payload[:30]!r}", r, ["ci", "github"],
                    {"GITHUB_EVENT_NAME": "pull_request" if "pull" in payload else "push", "GITHUB_EVENT_PATH": str(event)}, {}))
    for user_cfg in ["review: [", "review:\n  api_base: 7\n", "review:\n  api_base: nope\n", "\xff"]:
        out.append((f"user config.yml {user_cfg[:20]!r}", r, ["check", "--no-ledger", "HEAD~1"], {},
                    {"../xdg/fedgate/config.yml": user_cfg, ".fedgate.yml": "review:\n  model: openai/x\n  api_base: http://127.0.0.1:9\n"}))
    for approvals in ["{", "[]", '{"approved": 7}']:
        out.append((f"trusted.json {approvals!r}", r, ["trust"], {},
                    {"../xdg/fedgate/trusted.json": approvals, ".fedgate.yml": "review:\n  api_base: http://127.0.0.1:9\n"}))
    for value in ["nope", "http://", "http://[::1", "ftp://x", "http://x:99999"]:
        out.append((f"FEDGATE_API_BASE {value!r}", r, ["check", "--no-ledger", "HEAD~1"],
                    {"FEDGATE_API_BASE": value, "FEDGATE_MODEL": "openai/x"}, {}))
    for base in ["-x", "--upload-pack=x", "", "nope", "0" * 40]:
        out.append((f"--base {base!r}", r, ["ci", "github", "--base", base, "--head", "HEAD"], {}, {}))
    empty = tmp / "empty"
    empty.mkdir()
    out.append(("not a repository", empty, ["check", "HEAD~1"], {}, {}))
    fresh = tmp / "fresh"
    run_git(tmp, "init", "-q", str(fresh))
    out.append(("no commits", fresh, ["check"], {}, {}))
    out.append(("trust outside a repository", empty, ["trust"], {}, {}))
    return out


def bad_inputs(tmp: Path) -> tuple[int, int, list[str]]:
    tried = tracebacks = 0
    bad: list[str] = []
    for label, cwd, argv, env, files in _bad_inputs(tmp):
        for rel, content in files.items():
            p = (cwd / rel).resolve()
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(content.encode("utf-8", "surrogateescape") if isinstance(content, str) else content)
        run = fedgate(cwd, *argv, env={"XDG_CONFIG_HOME": str(cwd.parent / "xdg"), **env})
        tried += 1
        if "Traceback" in run.stderr or "Traceback" in run.stdout or run.code not in (0, 1, 2, 3):
            tracebacks += 1
            bad.append(f"{label}: exit {run.code}: {run.stderr.strip().splitlines()[-1:] }")
        for rel in files:
            (cwd / rel).resolve().unlink(missing_ok=True)
    return tried, tracebacks, bad


# ------------------------------------------------------------------ the rows

def rows(verbose: bool = False) -> list[tuple[str, int, int]]:
    """[(label, tried, failed)]: the figures bench_adversarial.py prints."""
    tmp = Path(tempfile.mkdtemp(prefix="fedgate-adv-gate-"))
    try:
        held = 0
        failed: list[str] = []
        for i, attack in enumerate(BYPASSES):
            where = tmp / f"b{i}"
            where.mkdir()
            try:
                ok = attack(where)
            except Exception as e:  # noqa: BLE001 - a crash of an attack is a bypass not shown to hold
                ok, failed = False, failed + [f"{attack.__name__}: {type(e).__name__}: {e}"]
            held += ok
            if not ok:
                failed.append(attack.__name__)
        (tmp / "bad").mkdir()
        tried, tracebacks, bad = bad_inputs(tmp / "bad")
        if verbose:
            for name in failed:
                print(f"  bypass succeeded: {name}", file=sys.stderr)
            for line in bad:
                print(f"  traceback: {line}", file=sys.stderr)
        return [("bypasses tried / succeeded", len(BYPASSES), len(BYPASSES) - held),
                ("bad inputs tried / tracebacks", tried, tracebacks)]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    started = time.perf_counter()
    if sys.argv[1:] == ["--bad-inputs"]:  # the quick half alone
        tmp = Path(tempfile.mkdtemp(prefix="fedgate-adv-gate-"))
        tried, tracebacks, bad = bad_inputs(tmp)
        print("\n".join(bad))
        print(f"{'bad inputs tried / tracebacks':<40} {tried:>5} / {tracebacks}")
        shutil.rmtree(tmp, ignore_errors=True)
        return
    for label, tried, failed in rows(verbose=True):
        print(f"{label:<40} {tried:>5} / {failed}")
    print(f"({time.perf_counter() - started:.0f}s)")


if __name__ == "__main__":
    main()
