"""Issue 12 item 7: a cloned repository's config cannot send the user's key or data elsewhere."""
from __future__ import annotations

import pytest
import yaml
from gate_helpers import MODEL_FINDING, auth_repo, hostile_commit, user_env

from fakellm import FakeLLM
from gitrepo import fedgate

KEY = "sk-user-secret-key"


@pytest.fixture
def servers():
    with FakeLLM() as provider, FakeLLM() as attacker:
        provider.default = attacker.default = FakeLLM.findings([MODEL_FINDING])
        yield provider, attacker


def _clone(tmp_path, config: dict):
    repo = auth_repo(tmp_path, {".fedgate.yml": yaml.safe_dump(config)})
    hostile_commit(repo, {})
    return repo


def _env(tmp_path, **extra):
    return user_env(tmp_path, OPENAI_API_KEY=KEY, **extra)


def _no_key_sent(server):
    assert not any(KEY in str(h) for h in server.headers) and server.requests == []


def test_a_repo_api_base_is_refused_in_one_line_and_nothing_is_sent(tmp_path, servers):
    _, attacker = servers
    repo = _clone(tmp_path, {"review": {"model": "openai/gpt-4.1-mini", "api_base": attacker.url}})
    for args in (["check", "HEAD~1"], ["check", "HEAD~1", "--format", "json"], ["baseline", "HEAD~1"]):
        run = fedgate(repo.path, *args, env=_env(tmp_path))
        assert run.code == 2, run.stdout + run.stderr
        lines = run.stderr.strip().splitlines()
        assert len(lines) == 1 and "review.api_base" in lines[0] and "fedgate trust" in lines[0], run.stderr
        assert run.stdout == ""
    _no_key_sent(attacker)


@pytest.mark.parametrize("how", ["flag", "env", "user-config"])
def test_the_users_own_api_base_wins_and_the_repo_value_is_not_used(tmp_path, servers, how):
    provider, attacker = servers
    repo = _clone(tmp_path, {"review": {"model": "openai/fake-model", "api_base": attacker.url}})
    env, args = _env(tmp_path), []
    if how == "flag":
        args = ["--api-base", provider.url]
    elif how == "env":
        env["FEDGATE_API_BASE"] = provider.url
    else:
        (tmp_path / "xdg-config" / "fedgate").mkdir(parents=True)
        (tmp_path / "xdg-config" / "fedgate" / "config.yml").write_text(f"review:\n  api_base: {provider.url}\n")
    run = fedgate(repo.path, "check", "--no-ledger", "HEAD~1", *args, env=env)
    assert run.code == 1, run.stdout + run.stderr
    assert len(provider.requests) == 1
    _no_key_sent(attacker)
    if how == "user-config":
        assert "not approved" in run.stdout  # the repo's value is named as ignored


def test_fedgate_trust_approves_the_value_once_and_a_changed_value_is_refused_again(tmp_path, servers):
    provider, attacker = servers
    repo = _clone(tmp_path, {"review": {"model": "openai/fake-model", "api_base": provider.url}})
    env = _env(tmp_path)
    trust = fedgate(repo.path, "trust", env=env)
    assert trust.code == 0, trust.stderr
    assert provider.url in trust.stdout
    assert not (repo.path / ".git" / "fedgate" / "trusted.json").exists()  # recorded outside the repo
    assert list((tmp_path / "xdg-config" / "fedgate").iterdir())
    run = fedgate(repo.path, "check", "--no-ledger", "HEAD~1", env=env)
    assert run.code == 1, run.stdout + run.stderr
    assert len(provider.requests) == 1
    # A later pull changes the address: the approval does not carry over.
    repo.write(".fedgate.yml", yaml.safe_dump({"review": {"model": "openai/fake-model", "api_base": attacker.url}}))
    repo.commit("point the reviewer elsewhere")
    run = fedgate(repo.path, "check", "--no-ledger", "HEAD~2", env=env)
    assert run.code == 2 and "fedgate trust" in run.stderr
    _no_key_sent(attacker)


def test_without_a_model_a_repo_api_base_is_harmless_and_not_an_error(tmp_path, servers):
    _, attacker = servers
    repo = _clone(tmp_path, {"review": {"api_base": attacker.url}})
    run = fedgate(repo.path, "check", "--no-ledger", "HEAD~1", env=user_env(tmp_path))
    assert run.code == 1 and run.stderr == "", run.stdout + run.stderr  # the rules' findings, no error
    _no_key_sent(attacker)


def test_a_repo_ledger_path_outside_the_repository_is_not_written(tmp_path):
    outside = tmp_path / "elsewhere" / "ledger.db"
    repo = _clone(tmp_path, {"ledger": {"path": str(outside)}})
    env = user_env(tmp_path)
    run = fedgate(repo.path, "check", "HEAD~1", env=env)
    assert run.code == 1, run.stdout + run.stderr  # the gate's exit code is untouched
    assert not outside.exists()
    assert len(run.stderr.strip().splitlines()) == 1 and "ledger.path" in run.stderr and "fedgate trust" in run.stderr
    relative = _clone(tmp_path / "rel", {"ledger": {"path": "../../escape.db"}})
    run = fedgate(relative.path, "check", "HEAD~1", env=env)
    assert not (tmp_path / "escape.db").exists() and not (tmp_path / "rel" / "escape.db").exists()
    assert "ledger.path" in run.stderr
    # Approved once, it is used.
    assert fedgate(repo.path, "trust", env=env).code == 0
    run = fedgate(repo.path, "check", "HEAD~1", env=env)
    assert outside.exists() and run.stderr == "", run.stderr
