"""Token caps, the budget, batching and --dry-run."""
from __future__ import annotations

import textwrap
from dataclasses import replace

import pytest

from fedgate import tokens
from fedgate.config import ModelPrice, load_config
from fedgate.models import ChangedFile, Hunk, Line
from fedgate.plan import EXPECTED_OUTPUT_TOKENS, fixed_tokens, make_plan
from fedgate.policy import classify
from fedgate.review.prompt import render_hunk, section_text
from gitrepo import fedgate


def sent_tokens(path: str, hunk: Hunk) -> int:
    """The hunk's tokens as the reviewer's request carries it (FILE header, numbered rows)."""
    return tokens.count(section_text(path, render_hunk(hunk, [ln.text for ln in hunk.lines], hunk.section)))


def code_hunk(n_lines: int, start: int = 1, word: str = "value") -> Hunk:
    lines = tuple(Line("+", f"{word}_{i} = compute({i}, other_{i})", None, start + i) for i in range(n_lines))
    return Hunk(0, 0, start, n_lines, "", lines)


def config_with(**review):
    cfg = load_config(None)
    cfg = replace(cfg, review=replace(cfg.review, **review))
    return replace(cfg, models={"test/model": ModelPrice(price_per_mtok_in=1000.0, price_per_mtok_out=1000.0)})


def files(*specs):
    return tuple(ChangedFile(path=p, old_path=None, status="added", hunks=hs) for p, hs in specs)


def test_highest_risk_first_and_batches_respect_batch_tokens():
    cfg = config_with(model="test/model", tiers=("high", "medium"), batch_tokens=500)
    cfg = replace(cfg, max_cost_usd=None)
    verdicts = classify(
        files(
            ("src/utils/a.py", (code_hunk(30),)),
            ("src/auth/b.py", (code_hunk(30), code_hunk(30, start=100))),
        ),
        cfg,
    )
    plan = make_plan(verdicts, cfg)
    assert plan.unreviewed == ()
    assert [b.tier for b in plan.batches][0] == "high"
    assert plan.batches[-1].tier == "medium"
    # batch_tokens bounds the hunks' tokens; the batch's own figure is the whole request.
    assert all(sum(h.tokens for h in b.hunks) <= 500 or len(b.hunks) == 1 for b in plan.batches)
    assert plan.model_hunks == 3
    assert plan.tokens == len(plan.batches) * fixed_tokens(False) + sum(
        sent_tokens(fv.path, h.hunk) for fv in verdicts for h in fv.hunks)


def test_tier_cap_leaves_hunks_unreviewed_with_the_reason():
    cfg = config_with(model="test/model")
    cfg = replace(cfg, max_cost_usd=None, tiers={**cfg.tiers, "high": replace(cfg.tiers["high"], max_tokens=400)})
    verdicts = classify(files(("src/auth/a.py", (code_hunk(20), code_hunk(20, 200), code_hunk(20, 400)))), cfg)
    per_hunk = sent_tokens("src/auth/a.py", verdicts[0].hunks[0].hunk)  # the plan counts exactly, as sent
    assert 130 < per_hunk <= 400
    plan = make_plan(verdicts, cfg)
    assert plan.model_hunks == 400 // per_hunk
    assert plan.tokens == fixed_tokens(False) + plan.model_hunks * per_hunk
    assert len(plan.unreviewed) == 3 - plan.model_hunks
    assert all("tiers.high.max_tokens: 400" in u.reason and u.blocking for u in plan.unreviewed)


def test_a_closed_cap_leaves_later_hunks_out_without_counting_them():
    cfg = config_with(model="test/model")
    cfg = replace(cfg, max_cost_usd=None, tiers={**cfg.tiers, "high": replace(cfg.tiers["high"], max_tokens=300)})
    # A big first hunk closes the cap; a small later one does not jump the queue.
    verdicts = classify(files(("src/auth/a.py", (code_hunk(40), code_hunk(2, 500)))), cfg)
    plan = make_plan(verdicts, cfg)
    assert plan.model_hunks == 0
    assert [u.new_start for u in plan.unreviewed] == [1, 500]
    assert all("max_tokens: 300" in u.reason for u in plan.unreviewed)


def test_offline_plan_never_loads_the_tokenizer():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from fedgate.config import load_config\n"
        "from fedgate.models import ChangedFile, Hunk, Line\n"
        "from fedgate.plan import make_plan\n"
        "from fedgate.policy import classify\n"
        "h = Hunk(0, 0, 1, 1, '', (Line('+', 'password = check(user)', None, 1),))\n"
        "cfg = load_config(None)\n"
        "plan = make_plan(classify((ChangedFile('src/auth/a.py', None, 'added', (h,)),), cfg), cfg)\n"
        "print(len(plan.would_review), 'tiktoken' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["1", "False"]


def test_budget_stops_planning_before_it_is_exceeded():
    cfg = config_with(model="test/model")  # $1000 per million tokens: $0.001 a token
    cfg = replace(cfg, max_cost_usd=1.5)
    verdicts = classify(files(("src/auth/a.py", tuple(code_hunk(20, 100 * i) for i in range(5)))), cfg)
    plan = make_plan(verdicts, cfg)
    assert 0 < plan.model_hunks < 5
    assert plan.est_cost_usd is not None and plan.est_cost_usd <= 1.5
    # The estimate is the whole request: instructions, the hunks as numbered, the expected answer.
    assert plan.est_cost_usd == pytest.approx((plan.tokens + EXPECTED_OUTPUT_TOKENS * len(plan.batches)) / 1000)
    assert all("budget.max_cost_usd: 1.5" in u.reason for u in plan.unreviewed)
    assert plan.model_hunks + len(plan.unreviewed) == 5


def test_unknown_price_is_noted_not_guessed():
    cfg = config_with(model="openai/some-private-model")
    plan = make_plan(classify(files(("src/auth/a.py", (code_hunk(3),))), cfg), cfg)
    assert plan.model_hunks == 1 and plan.est_cost_usd is None
    assert any("no known price for openai/some-private-model" in n for n in plan.notes)


def test_per_tier_model_routes_medium_to_a_cheaper_model():
    cfg = config_with(model="test/model", tiers=("high", "medium"))
    cfg = replace(cfg, max_cost_usd=None, tiers={**cfg.tiers, "medium": replace(cfg.tiers["medium"], model="cheap/model")})
    plan = make_plan(classify(files(("src/auth/a.py", (code_hunk(3),)), ("src/x.py", (code_hunk(3),))), cfg), cfg)
    assert {(b.tier, b.model) for b in plan.batches} == {("high", "test/model"), ("medium", "cheap/model")}


def test_dry_run_prints_the_plan_and_calls_nothing(repo):
    repo.write(".fedgate.yml", textwrap.dedent("""
        review:
          model: openai/gpt-4.1
    """))
    repo.commit("config")  # the config is itself a high-risk file; keep it out of the range
    repo.write("src/auth/login.py", "def login(user, password):\n    return check(user, password)\n")
    repo.write("docs/a.md", "x\n")
    repo.commit("auth")
    # The address comes from the user (a repository's own api_base needs `fedgate trust`).
    env = {"FEDGATE_API_BASE": "http://127.0.0.1:9/v1", "OPENAI_API_KEY": "sk-test"}
    run = fedgate(repo.path, "check", "HEAD~1", "--dry-run", env=env)
    assert run.code == 0, run.stdout + run.stderr
    assert "would send 1 hunk(s)" in run.stdout
    assert "openai/gpt-4.1 [high] 1 hunk(s)" in run.stdout and "src/auth/login.py" in run.stdout
    assert "est. $0.0" in run.stdout
    doc = fedgate(repo.path, "check", "HEAD~1", "--dry-run", "--format", "json", env=env).json()
    assert doc["dry_run"] is True
    assert doc["plan"]["model_hunks"] == 1 and doc["plan"]["est_cost_usd"] > 0
    assert doc["usage"]["model_calls"] == 0


def test_cap_exceeded_fails_closed_with_exit_3_and_fail_open_passes(repo):
    repo.write(".fedgate.yml", textwrap.dedent("""
        review:
          model: openai/gpt-4.1
        tiers:
          high:
            max_tokens: 5
    """))
    repo.commit("config")
    repo.write("src/auth/login.py", "def login(user, password):\n    return check(user, password)\n")
    repo.commit("auth")
    env = {"FEDGATE_API_BASE": "http://127.0.0.1:9/v1"}
    run = fedgate(repo.path, "check", "HEAD~1", env=env)
    assert run.code == 3, run.stdout + run.stderr
    assert "Not reviewed (1):" in run.stdout and "token cap" in run.stdout
    assert "INCOMPLETE (exit 3)" in run.stdout
    open_run = fedgate(repo.path, "check", "HEAD~1", "--fail-open", env=env)
    assert open_run.code == 0
    assert "allowed by fail-open" in open_run.stdout


def test_dry_run_says_what_the_real_run_will_hit_without_a_network_call(repo):
    from fakellm import FakeLLM

    repo.write("src/auth/login.py", "def login(user, password):\n    return check(user, password)\n")
    repo.commit("auth")
    with FakeLLM() as llm:
        # A missing key variable: the dry run ends as the real run does, INCOMPLETE (exit 3).
        no_key = {"FEDGATE_MODEL": "openai/fake-model", "FEDGATE_API_BASE": llm.url, "OPENAI_API_KEY": ""}
        dry = fedgate(repo.path, "check", "HEAD~1", "--dry-run", env=no_key)
        real = fedgate(repo.path, "check", "HEAD~1", "--no-ledger", env=no_key)
        for run in (dry, real):
            assert run.code == 3, run.stdout + run.stderr
            assert "src/auth/login.py:1  no API key for openai/fake-model: set OPENAI_API_KEY" in run.stdout
        assert "INCOMPLETE (exit 3): dry run: the real run could not complete the review" in dry.stdout
        # A name litellm cannot route to any provider.
        bare = {"FEDGATE_MODEL": "fedgate-no-such-model", "FEDGATE_API_BASE": llm.url, "OPENAI_API_KEY": "sk-test"}
        dry = fedgate(repo.path, "check", "HEAD~1", "--dry-run", "--format", "json", env=bare)
        assert dry.code == 3, dry.stdout + dry.stderr
        [missed] = dry.json()["plan"]["unreviewed"]
        assert missed["path"] == "src/auth/login.py" and missed["blocking"] is True
        assert "litellm does not know which provider serves 'fedgate-no-such-model'" in missed["reason"]
        # A malformed api_base: one line, exit 2, before anything else.
        for url in ("http://local host:8000/v1", "localhost:8000", "http://127.0.0.1:99999/v1"):
            bad = fedgate(repo.path, "check", "HEAD~1", "--dry-run", env={**no_key, "FEDGATE_API_BASE": url})
            assert bad.code == 2 and bad.stderr.startswith("fedgate: error: --api-base / FEDGATE_API_BASE: "), bad.stderr
            assert len(bad.stderr.splitlines()) == 1
        assert llm.requests == []  # nothing was sent, by the dry runs or the real run


def test_a_huge_hunk_over_the_cap_is_counted_only_up_to_the_cap():
    # Counting a 20 MB hunk whole held its every token id in memory (about 400 MB; 1 GB for
    # 50 MB) for a hunk that is over the cap and never sent. Counting stops past the cap.
    import subprocess
    import sys

    code = (
        "import resource, sys\n"
        "from dataclasses import replace\n"
        "from fedgate import tokens\n"
        "from fedgate.config import load_config\n"
        "from fedgate.models import ChangedFile, Hunk, Line\n"
        "from fedgate.plan import make_plan\n"
        "from fedgate.policy import classify\n"
        "n = 200_000\n"
        "row = 'value = compute(alpha, beta, gamma, delta) + other_function_name(epsilon, zeta, eta) # %d'\n"
        "h = Hunk(0, 0, 1, n, '', tuple(Line('+', row % i, None, i + 1) for i in range(n)))\n"
        "cfg = load_config(None)\n"
        "cfg = replace(cfg, review=replace(cfg.review, model='openai/gpt-4.1-mini'))\n"
        "verdicts = classify((ChangedFile('src/auth/big.py', None, 'added', (h,)),), cfg)\n"
        "tokens.count('warm up the encoder')\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "plan = make_plan(verdicts, cfg)\n"
        "grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before\n"
        "[u] = plan.unreviewed\n"
        "print(len(plan.batches), 'max_tokens' in u.reason, grown // 1024)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    batches, over_cap, grown_mb = out.stdout.split()
    assert (batches, over_cap) == ("0", "True")
    assert int(grown_mb) < 64, f"planning grew the process by {grown_mb} MB"
