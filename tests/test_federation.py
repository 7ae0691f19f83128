"""Federation: `review.models: {strong, cheap}` sends high-risk hunks to the strong model and
medium-risk hunks to the cheap one, against a real HTTP server serving both names; the ledger
and `fedgate report` then show per model what each was sent, cost and found."""
from __future__ import annotations

import json

import pytest
from gitrepo import run_fedgate
from helpers_model import make_repo, run_inprocess

from fakellm import FakeLLM
from fedgate.config import load_config, with_overrides

AUTH = "def login(user, password):\n    if user.is_admin:\n        return True\n    return check(user, password)\n"
NAMES = "def format_name(first, last):\n    return 'NAMES_MARKER ' + first + last\n"
PRICES = {"openai/strong-model": {"price_per_mtok_in": 3.0, "price_per_mtok_out": 15.0},
          "openai/cheap-model": {"price_per_mtok_in": 0.1, "price_per_mtok_out": 0.4}}
FEDERATED = {"review": {"models": {"strong": "openai/strong-model", "cheap": "openai/cheap-model"},
                        "retries": 1, "timeout_s": 5},
             "models": PRICES}


def answer(llm: FakeLLM):
    """The strong model finds the admin bypass, the cheap one a naming bug; usage differs per model."""
    def respond(body):
        if body["model"] == "strong-model":
            return llm.findings([{"path": "app/auth.py", "line": 2, "end_line": None, "severity": "high",
                                  "category": "security", "title": "Admin skips password",
                                  "message": "Any admin logs in without a password."}],
                                prompt_tokens=1000, completion_tokens=100)
        return llm.findings([{"path": "app/names.py", "line": 2, "end_line": None, "severity": "medium",
                              "category": "bug", "title": "Marker in output", "message": "A marker leaks into names."}],
                            prompt_tokens=400, completion_tokens=40)
    return respond


@pytest.fixture
def llm():
    with FakeLLM() as server:
        server.responder = answer(server)
        yield server


def env(llm: FakeLLM, **extra: str) -> dict[str, str]:
    return {"FEDGATE_API_BASE": llm.url, "OPENAI_API_KEY": "sk-test", **extra}


def test_strong_reviews_high_cheap_reviews_medium_and_report_shows_each(tmp_path, llm, monkeypatch):
    repo = make_repo(tmp_path / "r", {"app/auth.py": AUTH, "app/names.py": NAMES}, config=FEDERATED)
    run = run_inprocess(repo, "check", "HEAD~1", "--format", "json", env=env(llm), monkeypatch=monkeypatch)
    assert run.code == 1, run.stderr  # the strong model's high finding blocks
    by_model = {r["model"]: json.dumps(r["messages"]) for r in llm.requests}
    assert set(by_model) == {"strong-model", "cheap-model"}
    assert "is_admin" in by_model["strong-model"] and "NAMES_MARKER" not in by_model["strong-model"]
    assert "NAMES_MARKER" in by_model["cheap-model"] and "is_admin" not in by_model["cheap-model"]
    assert {(b["model"], b["tier"]) for b in run.doc["plan"]["batches"]} == {
        ("openai/strong-model", "high"), ("openai/cheap-model", "medium")}

    report = run_fedgate(repo, "report", "--format", "json", "--since", "all")
    assert report.returncode == 0, report.stderr
    models = {m["model"]: m for m in json.loads(report.stdout)["models"]}
    strong, cheap = models["openai/strong-model"], models["openai/cheap-model"]
    assert (strong["tiers"], strong["calls"], strong["tokens"], strong["findings"]) == (["high"], 1, 1100, 1)
    assert (cheap["tiers"], cheap["calls"], cheap["tokens"], cheap["findings"]) == (["medium"], 1, 440, 1)
    assert strong["cost_usd"] == pytest.approx((1000 * 3.0 + 100 * 15.0) / 1e6)
    assert cheap["cost_usd"] == pytest.approx((400 * 0.1 + 40 * 0.4) / 1e6)

    text = run_fedgate(repo, "report", "--since", "all").stdout
    block = text.split("Per model", 1)[1].split("\n\n", 1)[0]
    assert "calls" in block.splitlines()[1]
    rows = {ln.split()[0]: ln.split() for ln in block.splitlines()[2:]}
    assert rows["openai/strong-model"][1:4] == ["high", "1", "1"]  # tiers, runs, calls
    assert rows["openai/cheap-model"][1:4] == ["medium", "1", "1"]


def test_model_flag_means_one_model_for_every_reviewed_tier(tmp_path, llm, monkeypatch):
    repo = make_repo(tmp_path / "r", {"app/auth.py": AUTH, "app/names.py": NAMES}, config=FEDERATED)
    run = run_inprocess(repo, "check", "HEAD~1", "--format", "json", "--no-ledger", "--model", "openai/one-model",
                        env=env(llm), monkeypatch=monkeypatch)
    assert run.code in (0, 1), run.stderr
    assert {r["model"] for r in llm.requests} == {"one-model"}
    assert {b["tier"] for b in run.doc["plan"]["batches"]} == {"high", "medium"}


def test_precedence_tier_model_then_federation_then_review_model(tmp_path):
    (tmp_path / ".fedgate.yml").write_text(
        "review:\n  model: openai/plain\n  models: {strong: openai/strong, cheap: openai/cheap}\n"
        "tiers:\n  high:\n    model: openai/pinned-high\n")
    cfg = load_config(str(tmp_path))
    assert (cfg.model_for("high"), cfg.model_for("medium")) == ("openai/pinned-high", "openai/cheap")
    assert set(cfg.review.tiers) == {"high", "medium"}  # a cheap model is there to review medium
    one = with_overrides(cfg, model="openai/one")
    assert (one.model_for("high"), one.model_for("medium")) == ("openai/pinned-high", "openai/one")
    assert set(one.review.tiers) == {"high", "medium"}
    assert load_config(None).review.tiers == ("high",)  # without federation, the default is unchanged


@pytest.mark.parametrize("models,message", [
    ("{cheap: openai/c}", "'review.models': needs strong"),
    ("{cheap: openai/c, strong: openai/s, medium: openai/m}", "unknown key 'medium' (known: cheap, strong)"),
    ("{cheap: '', strong: openai/s}", "'review.models.cheap': expected a non-empty string"),
    ("openai/x", "'review.models': expected a mapping (key: value)"),
])
def test_bad_federation_config_is_one_line_and_exit_2(tmp_path, models, message):
    repo = make_repo(tmp_path / "r", {"a.py": "x = 1\n"})
    (repo / ".fedgate.yml").write_text(f"review:\n  models: {models}\n")
    p = run_fedgate(repo, "check", "--dry-run", "HEAD~1")
    assert p.returncode == 2
    assert p.stderr.count("\n") == 1 and message in p.stderr and "Traceback" not in p.stderr
