"""The scorecard: ledger records -> what each tier and model review step cost and caught.

`build(records, ...)` returns one plain, JSON-ready dict; the formats in this package only
print it (text, json, markdown, html).

A finding's fate, per branch and fingerprint, follows the runs on that branch in time order:
- reported suppressed (inline or baseline) -> dismissed;
- reported unsuppressed -> open;
- a later run that read the finding's path with the same source (the built-in rules read
  every changed path; a model reads the paths of the hunks it was sent) and did not report
  it -> resolved (an open finding only; dismissed stays dismissed).
A later run whose range no longer includes the path says nothing (it did not look), so the
finding stays open: `fedgate check HEAD~1` on an unrelated commit never "resolves" anything.
"""
from __future__ import annotations

import math
import re
from datetime import datetime, timedelta, timezone

from ..config import Config
from ..models import TIERS, FedgateError
from ..plan import EXPECTED_OUTPUT_TOKENS, PROMPT_OVERHEAD_TOKENS
from ..pricing import cost, price_of

FORMATS = ("text", "json", "markdown", "html")
SCORECARD_VERSION = 1
MIN_RUNS_FOR_VERDICT = 5
_SINCE_RE = re.compile(r"^(\d+)\s*([hdw])$")
_UNITS = {"h": "hours", "d": "days", "w": "weeks"}


def parse_since(text: str | None, now: datetime, option: str = "--since") -> datetime | None:
    """'14d', '12h', '2w', a date '2026-11-01' (UTC), or 'all' -> the earliest time shown."""
    if text is None or text.strip().lower() == "all":
        return None
    value = text.strip().lower()
    m = _SINCE_RE.match(value)
    if m:
        try:
            return now - timedelta(**{_UNITS[m.group(2)]: int(m.group(1))})
        except OverflowError:  # further back than datetime reaches: every run
            return None
    try:
        when = datetime.fromisoformat(text.strip())
    except ValueError:
        raise FedgateError(
            f"{option}: expected a duration like 14d, 12h or 2w, a date like 2026-11-01, or 'all' (got {text!r})"
        ) from None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def _time(record: dict) -> datetime:
    return datetime.fromisoformat(record["time"])


def combine(ledgers: list[list[dict]]) -> list[dict]:
    """Runs of several ledgers, once each (an imported run keeps its id), oldest first."""
    seen: dict[str, dict] = {}
    for records in ledgers:
        for r in records:
            seen.setdefault(r["id"], r)
    return sorted(seen.values(), key=lambda r: (r["time"], r["id"]))


# ------------------------------------------------------------------ finding fates


def finding_fates(records: list[dict]) -> dict[tuple[str, str], str]:
    """(branch, fingerprint) -> 'open' | 'resolved' | 'dismissed', from ALL runs (oldest first)."""
    state: dict[tuple[str, str], str] = {}
    open_by_branch: dict[str, dict[str, tuple[str, str]]] = {}  # fingerprint -> (source, path)
    for run in records:
        branch = run["branch"]
        still_open = open_by_branch.setdefault(branch, {})
        reported = set()
        for f in run["findings"]:
            fp = f["fingerprint"]
            reported.add(fp)
            state[(branch, fp)] = "dismissed" if f["suppressed"] else "open"
            if f["suppressed"]:
                still_open.pop(fp, None)
            else:
                still_open[fp] = (f["source"], f["path"])
        covered = {(c["source"], c["path"]) for c in run["coverage"]}
        for fp, where in list(still_open.items()):
            if fp not in reported and where in covered:
                state[(branch, fp)] = "resolved"
                del still_open[fp]
    return state


# ------------------------------------------------------------------ aggregation


def _step_of(source: str) -> str:
    return source.split(":", 1)[1] if source.startswith("model:") else source


def _per(num: float, den: int) -> float | None:
    return round(num / den, 6) if den else None


def _empty(**keys) -> dict:
    return {"runs": 0, "reviewed_hunks": 0, "prompt_tokens": 0, "completion_tokens": 0, "tokens": 0,
            "cost_usd": 0.0, "calls": 0, "cache_hits": 0, "findings": 0, "resolved": 0, "dismissed": 0,
            "open": 0, **keys}


def _add_findings(row: dict, fates: list[str]) -> None:
    row["findings"] += len(fates)
    for fate in fates:
        row[fate] += 1


def _finish(row: dict) -> dict:
    row["cost_usd"] = round(row["cost_usd"], 6)
    row["tokens"] = row["prompt_tokens"] + row["completion_tokens"]
    row["cost_per_resolved_usd"] = _per(row["cost_usd"], row["resolved"])
    return row


def _latest_findings(runs: list[dict]) -> dict[tuple[str, str], dict]:
    """Distinct findings reported in the shown runs, each as last reported."""
    out: dict[tuple[str, str], dict] = {}
    for run in runs:
        for f in run["findings"]:
            out[(run["branch"], f["fingerprint"])] = f
    return out


def _verdict(row: dict) -> dict:
    n = row["runs"]
    if n < MIN_RUNS_FOR_VERDICT:
        return {"verdict": "too-few-runs", "text": f"too early to judge: {n} run(s), judged after {MIN_RUNS_FOR_VERDICT}"}
    if row["resolved"]:
        per = row["cost_per_resolved_usd"]
        return {"verdict": "earns-its-cost",
                "text": f"earns its cost: {row['resolved']} finding(s) fixed over {n} runs, ${per:.4f} per fixed finding"}
    if row["open"]:
        return {"verdict": "undecided",
                "text": f"no finding fixed yet over {n} runs; {row['open']} still open"}
    return {"verdict": "nothing-actionable",
            "text": f"found nothing actionable over {n} runs: consider dropping or downgrading it"}


def _steps(runs: list[dict], findings: dict, fates: dict) -> list[dict]:
    rows: dict[tuple[str, str], dict] = {}
    for run in runs:
        for t in run["tiers"]:
            row = rows.setdefault((t["tier"], "rules"), _empty(tier=t["tier"], step="rules", kind="rules"))
            row["runs"] += 1
            row["reviewed_hunks"] += t["hunks"]
        for m in run["models"]:
            row = rows.setdefault((m["tier"], m["model"]), _empty(tier=m["tier"], step=m["model"], kind="model"))
            row["runs"] += 1
            row["reviewed_hunks"] += m["reviewed_hunks"]
            for k in ("prompt_tokens", "completion_tokens", "cost_usd", "calls", "cache_hits"):
                row[k] += m[k]
    for key, f in findings.items():
        step = _step_of(f["source"])
        kind = "model" if f["source"].startswith("model:") else "rules"
        row = rows.setdefault((f["tier"], step), _empty(tier=f["tier"], step=step, kind=kind))
        _add_findings(row, [fates.get(key, "open")])
    order = {t: i for i, t in enumerate(TIERS)}
    out = []
    for (tier, step), row in sorted(rows.items(), key=lambda kv: (order.get(kv[0][0], 9), kv[0][1] != "rules", kv[0][1])):
        _finish(row)
        if row["kind"] == "model":
            row.update(_verdict(row))
        out.append(row)
    return out


def _tiers(runs: list[dict], findings: dict, fates: dict) -> list[dict]:
    rows = {t: _empty(tier=t, files=0, hunks=0, trivial_hunks=0) for t in TIERS}
    for run in runs:
        for t in run["tiers"]:
            row = rows.setdefault(t["tier"], _empty(tier=t["tier"], files=0, hunks=0, trivial_hunks=0))
            row["runs"] += 1
            for k in ("files", "hunks", "trivial_hunks"):
                row[k] += t[k]
        for m in run["models"]:
            row = rows.setdefault(m["tier"], _empty(tier=m["tier"], files=0, hunks=0, trivial_hunks=0))
            row["reviewed_hunks"] += m["reviewed_hunks"]
            for k in ("prompt_tokens", "completion_tokens", "cost_usd", "calls", "cache_hits"):
                row[k] += m[k]
    for key, f in findings.items():
        row = rows.setdefault(f["tier"], _empty(tier=f["tier"], files=0, hunks=0, trivial_hunks=0))
        _add_findings(row, [fates.get(key, "open")])
    return [_finish(r) for r in rows.values() if r["runs"] or r["findings"]]


def _models(steps: list[dict]) -> list[dict]:
    rows: dict[str, dict] = {}
    for s in steps:
        if s["kind"] != "model":
            continue
        row = rows.setdefault(s["step"], _empty(model=s["step"], tiers=[]))
        row["tiers"].append(s["tier"])
        for k in ("reviewed_hunks", "prompt_tokens", "completion_tokens", "cost_usd", "calls", "cache_hits",
                  "findings", "resolved", "dismissed", "open"):
            row[k] += s[k]
    return [_finish(r) for _, r in sorted(rows.items())]


def _model_runs(runs: list[dict], models: list[dict]) -> None:
    for row in models:
        row["runs"] = sum(1 for run in runs if any(m["model"] == row["model"] for m in run["models"]))


def _rules(findings: dict, fates: dict) -> list[dict]:
    rows: dict[str, dict] = {}
    for key, f in findings.items():
        row = rows.setdefault(f["rule"], {"rule": f["rule"], "sources": [], "findings": 0, "resolved": 0,
                                          "dismissed": 0, "open": 0})
        if _step_of(f["source"]) not in row["sources"]:
            row["sources"].append(_step_of(f["source"]))
        _add_findings(row, [fates.get(key, "open")])
    return sorted(rows.values(), key=lambda r: (-r["findings"], r["rule"]))


def _batches(tokens: int, batch_tokens: int) -> int:
    return math.ceil(tokens / batch_tokens) if tokens > 0 else 0


def _savings(runs: list[dict], config: Config) -> dict:
    """Against sending every changed hunk, whole, to the high tier's model. An estimate."""
    priced = [r for r in runs if r["model_configured"]]
    out = {
        "estimate": True,
        "basis": "every changed hunk (trivial ones included) sent to the high tier's model, "
                 f"in batches of {config.review.batch_tokens} tokens, priced with today's price list",
        "runs": len(priced),
        "tokens_all": sum(r["tokens_all"] for r in priced),
        "tokens_sent": sum(r["tokens_planned"] for r in priced),
        "tokens_saved_trivial": sum(r["tokens_trivial"] for r in priced),
        "tokens_saved_routing": sum(r["tokens_all"] - r["tokens_trivial"] - r["tokens_planned"] for r in priced),
        "baseline_usd": None,
        "actual_usd": round(sum(r["cost_usd"] for r in priced), 6),
        "saved_usd": None,
        "saved_trivial_usd": None,
        "saved_routing_usd": None,
        "unpriced_models": [],
    }
    out["tokens_saved"] = out["tokens_saved_trivial"] + out["tokens_saved_routing"]
    baseline = trivial = 0.0
    unpriced: set[str] = set()
    for r in priced:
        model = r["high_model"] or config.model_for("high")
        price = price_of(model, config) if model else None
        if price is None:
            unpriced.add(model or "(no high-tier model)")
            continue
        n = _batches(r["tokens_all"], config.review.batch_tokens)
        baseline += cost(price, r["tokens_all"] + n * PROMPT_OVERHEAD_TOKENS, n * EXPECTED_OUTPUT_TOKENS) or 0.0
        trivial += cost(price, r["tokens_trivial"], 0) or 0.0
    out["unpriced_models"] = sorted(unpriced)
    if priced and not unpriced:
        out["baseline_usd"] = round(baseline, 6)
        out["saved_usd"] = round(baseline - out["actual_usd"], 6)
        out["saved_trivial_usd"] = round(trivial, 6)
        out["saved_routing_usd"] = round(out["saved_usd"] - trivial, 6)
    return out


def _weekly(runs: list[dict], findings_first_seen: dict[tuple[str, str], str]) -> list[dict]:
    new_in_run: dict[str, int] = {}
    for rid in findings_first_seen.values():
        new_in_run[rid] = new_in_run.get(rid, 0) + 1
    weeks: dict[str, dict] = {}
    for run in runs:
        t = _time(run)
        monday = (t - timedelta(days=t.weekday())).date().isoformat()
        w = weeks.setdefault(monday, {"week": monday, "runs": 0, "cost_usd": 0.0, "findings": 0})
        w["runs"] += 1
        w["cost_usd"] += run["cost_usd"]
        w["findings"] += new_in_run.get(run["id"], 0)
    for w in weeks.values():
        w["cost_usd"] = round(w["cost_usd"], 6)
    return [weeks[k] for k in sorted(weeks)]


def _repositories(runs: list[dict]) -> list[dict]:
    """One row per repository (as recorded: normalised remote URL or ledger.repo_name)."""
    rows: dict[str, dict] = {}
    for r in runs:
        name = r.get("repo") or "(unknown)"
        row = rows.setdefault(name, {"repo": name, "runs": 0, "branches": set(), "ci_runs": 0, "cost_usd": 0.0,
                                     "model_calls": 0, "findings": 0, "blocking_runs": 0, "last_run": None})
        row["runs"] += 1
        row["branches"].add(r["branch"])
        row["ci_runs"] += 1 if r.get("ci_job") else 0
        row["cost_usd"] += r["cost_usd"]
        row["model_calls"] += r["model_calls"]
        row["findings"] += sum(1 for f in r["findings"] if not f["suppressed"])
        row["blocking_runs"] += 1 if r["exit_code"] == 1 else 0
        row["last_run"] = r["time"]
    return [{**row, "branches": len(row["branches"]), "cost_usd": round(row["cost_usd"], 6)}
            for row in sorted(rows.values(), key=lambda x: x["repo"])]


def build(
    records: list[dict],
    config: Config,
    since: datetime | None = None,
    branch: str | None = None,
    now: datetime | None = None,
    sources: tuple[str, ...] = (),
    until: datetime | None = None,
    repo: str | None = None,
) -> dict:
    """The scorecard of the runs since `since` and before `until` (on `branch`, of `repo`),
    findings' fates from all runs."""
    now = now or datetime.now(timezone.utc)
    if repo is not None:
        records = [r for r in records if r.get("repo") == repo]
    fates = finding_fates(records)
    runs = [r for r in records if (since is None or _time(r) >= since) and (until is None or _time(r) < until)
            and (branch is None or r["branch"] == branch)]
    # eval runs measured reintroduced fixes and sampled commits, not this branch's changes:
    # listed apart, counted in none of the totals below.
    evals = [r for r in runs if r.get("kind") == "eval"]
    runs = [r for r in runs if r.get("kind") != "eval"]
    findings = _latest_findings(runs)
    first_seen: dict[tuple[str, str], str] = {}
    for run in runs:
        for f in run["findings"]:
            first_seen.setdefault((run["branch"], f["fingerprint"]), run["id"])
    steps = _steps(runs, findings, fates)
    models = _models(steps)
    _model_runs(runs, models)
    for m in models:
        m.update(_verdict(m))
    fate_counts = {k: sum(1 for key in findings if fates.get(key, "open") == k) for k in ("open", "resolved", "dismissed")}
    exit_codes: dict[str, int] = {}
    for r in runs:
        exit_codes[str(r["exit_code"])] = exit_codes.get(str(r["exit_code"]), 0) + 1
    trivial: dict[str, dict] = {}
    for r in runs:
        for t in r["trivial"]:
            row = trivial.setdefault(t["reason"], {"reason": t["reason"], "hunks": 0, "tokens": 0})
            row["hunks"] += t["hunks"]
            row["tokens"] += t["tokens"]
    return {
        "scorecard_version": SCORECARD_VERSION,
        "tool": "fedgate",
        "generated": now.isoformat(timespec="seconds"),
        "since": since.isoformat(timespec="seconds") if since else None,
        "until": until.isoformat(timespec="seconds") if until else None,
        "branch": branch,
        "repo": repo,
        "ledgers": list(sources),
        "totals": {
            "runs": len(runs),
            "first_run": runs[0]["time"] if runs else None,
            "last_run": runs[-1]["time"] if runs else None,
            "branches": sorted({r["branch"] for r in runs}),
            "duration_s": round(sum(r["duration_s"] for r in runs), 3),
            "prompt_tokens": sum(r["prompt_tokens"] for r in runs),
            "completion_tokens": sum(r["completion_tokens"] for r in runs),
            "cost_usd": round(sum(r["cost_usd"] for r in runs), 6),
            "model_calls": sum(r["model_calls"] for r in runs),
            "cache_hits": sum(r["cache_hits"] for r in runs),
            "unreviewed_hunks": sum(r["unreviewed"] for r in runs),
            "exit_codes": dict(sorted(exit_codes.items())),
            "findings": len(findings),
            **fate_counts,
        },
        "repositories": _repositories(runs),
        "tiers": _tiers(runs, findings, fates),
        "steps": steps,
        "models": models,
        "rules": _rules(findings, fates),
        "trivial": sorted(trivial.values(), key=lambda r: (-r["hunks"], r["reason"])),
        "savings": _savings(runs, config),
        "weekly": _weekly(runs, first_seen),
        "min_runs_for_verdict": MIN_RUNS_FOR_VERDICT,
        "eval_runs": [
            {"time": r["time"], "result": r["range_spec"], "model": r["high_model"], "commit": r["commit_sha"],
             "model_calls": r["model_calls"], "tokens": r["prompt_tokens"] + r["completion_tokens"],
             "cost_usd": r["cost_usd"], "duration_s": r["duration_s"], "interrupted": r["exit_code"] == 130}
            for r in evals
        ],
    }


def render(fmt: str, card: dict) -> str:
    import importlib

    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    return importlib.import_module(f".{fmt}", __name__).render(card)
