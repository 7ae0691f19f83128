"""fedgate through LiteLLM's own proxy server (the `proxy` extra), routed to the loopback fake
model: the way a team shares keys and budgets."""
from __future__ import annotations

import json
import sqlite3
import urllib.error
import urllib.request

from conftest import PROXY_MASTER_KEY
from helpers_model import make_repo, run_cli

AUTH = (
    "def login(user, password):\n"
    "    if user.is_admin:\n"
    "        return True\n"
    "    return check_password(user, password)\n"
)
FINDING = {"path": "app/auth.py", "line": 2, "end_line": None, "severity": "high", "category": "security",
           "title": "Admin check skips password", "message": "Any admin logs in without a password."}


def _env(url: str, key: str) -> dict:
    return {"FEDGATE_MODEL": "openai/team-reviewer", "FEDGATE_API_BASE": url, "OPENAI_API_KEY": key}


def test_findings_arrive_through_the_proxy_and_the_ledger_records_its_cost(tmp_path, litellm_proxy):
    url, fake = litellm_proxy
    fake.default = fake.findings([FINDING], prompt_tokens=1000, completion_tokens=50)
    before = len(fake.requests)
    repo = make_repo(tmp_path / "r", {"app/auth.py": AUTH}, config={"review": {"retries": 0, "timeout_s": 30}})
    run = run_cli(repo, "check", "HEAD~1", "--format", "json", env=_env(url, PROXY_MASTER_KEY))
    assert run.code == 1, run.stderr
    doc = json.loads(run.stdout)
    assert any(f["source"].startswith("model:") and f["title"] == FINDING["title"] for f in doc["findings"])
    assert len(fake.requests) > before
    assert fake.requests[-1]["model"] == "fake-model"  # the proxy routed the name to the fake
    conn = sqlite3.connect(repo / ".git" / "fedgate" / "ledger.db")
    calls, cost = conn.execute("SELECT model_calls, cost_usd FROM runs").fetchone()
    conn.close()
    # The proxy's price: 1000 * 0.000002 + 50 * 0.000008 per call; fedgate's price table
    # does not know "team-reviewer", so a non-zero cost can only be the proxy's.
    assert calls >= 1 and abs(cost - calls * (1000 * 0.000002 + 50 * 0.000008)) < 1e-9


def test_a_key_the_proxy_refuses_is_an_unreviewed_batch_with_the_proxys_reason(tmp_path, litellm_proxy):
    url, fake = litellm_proxy
    repo = make_repo(tmp_path / "r", {"app/auth.py": AUTH}, config={"review": {"retries": 0, "timeout_s": 30}})
    run = run_cli(repo, "check", "HEAD~1", "--format", "json", env=_env(url, "sk-not-a-team-key"))
    assert run.code == 3, run.stderr
    assert "Traceback" not in run.stderr and "Traceback" not in run.stdout
    doc = json.loads(run.stdout)
    reasons = " ".join(u["reason"] for u in doc["plan"]["unreviewed"])
    # Without a database the proxy cannot look a virtual key up and refuses it (HTTP 4xx,
    # its own message): that reason is what the unreviewed batch carries.
    assert "the model call failed" in reasons and "(HTTP 4" in reasons, reasons
    assert not fake.requests or all(r.get("model") == "fake-model" for r in fake.requests)
    assert "sk-not-a-team-key" not in run.stdout + run.stderr


def _refused_now(url: str) -> bool:
    """One direct call to the rate-limited name: True when the proxy refuses it (429)."""
    body = json.dumps({"model": "team-limited", "messages": [{"role": "user", "content": "hi"}]}).encode()
    req = urllib.request.Request(f"{url}/chat/completions", data=body, headers={
        "Authorization": f"Bearer {PROXY_MASTER_KEY}", "Content-Type": "application/json"})
    try:
        urllib.request.urlopen(req, timeout=60).read()
    except urllib.error.HTTPError as e:
        return e.code == 429
    return False


def test_the_proxys_rate_limit_is_an_unreviewed_batch_with_its_reason(tmp_path, litellm_proxy):
    url, _ = litellm_proxy
    repo = make_repo(tmp_path / "r", {"app/auth.py": AUTH}, config={"review": {"retries": 0, "timeout_s": 30}})
    env = {**_env(url, PROXY_MASTER_KEY), "FEDGATE_MODEL": "openai/team-limited"}
    # The limit is per minute of the clock: use it up, then check at once; should the minute
    # turn between the two (the check was reviewed), use it up again and check again.
    for _ in range(3):
        while not _refused_now(url):
            pass
        run = run_cli(repo, "check", "HEAD~1", "--format", "json", "--no-ledger", env=env)
        if run.code != 1:
            break
    assert run.code == 3, run.stdout + run.stderr
    assert "Traceback" not in run.stderr and "Traceback" not in run.stdout
    reasons = " ".join(u["reason"] for u in json.loads(run.stdout)["plan"]["unreviewed"])
    assert "HTTP 429" in reasons and "No deployments available" in reasons, reasons
