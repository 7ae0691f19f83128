"""The scorecard as titled tables of strings: text, markdown and html print the same content."""
from __future__ import annotations


def money(v: float | None) -> str:
    if v is None:
        return "n/a"
    if 0 < abs(v) < 0.001:
        return f"${v:.6f}"
    return f"${v:,.4f}" if abs(v) < 100 else f"${v:,.2f}"


def num(v: int | float | None) -> str:
    return "n/a" if v is None else f"{v:,}"


def summary(card: dict) -> list[str]:
    t = card["totals"]
    scope = f"since {card['since'][:10]}" if card["since"] else "all time"
    if card.get("until"):
        scope += f" until {card['until'][:10]}"
    if card.get("repo"):
        scope += f", repository {card['repo']}"
    branch = f"branch {card['branch']}" if card["branch"] else f"{len(t['branches'])} branch(es)"
    codes = ", ".join(f"exit {k}: {v}" for k, v in t["exit_codes"].items()) or "none"
    return [
        f"{t['runs']} run(s), {scope}, {branch}",
        f"cost {money(t['cost_usd'])}; tokens {num(t['prompt_tokens'])} in, {num(t['completion_tokens'])} out; "
        f"{num(t['model_calls'])} model call(s), {num(t['cache_hits'])} cache hit(s)",
        f"findings {t['findings']}: {t['resolved']} resolved, {t['dismissed']} dismissed, {t['open']} open; "
        f"unreviewed hunks {t['unreviewed_hunks']}; {codes}",
    ]


def tables(card: dict) -> list[tuple[str, list[str], list[list[str]]]]:
    out = []
    out.append((
        "Per repository",
        ["repository", "runs", "branches", "CI runs", "model calls", "cost", "findings", "blocking runs", "last run"],
        [[r["repo"], num(r["runs"]), num(r["branches"]), num(r["ci_runs"]), num(r["model_calls"]), money(r["cost_usd"]),
          num(r["findings"]), num(r["blocking_runs"]), (r["last_run"] or "")[:16]]
         for r in card.get("repositories", [])],
    ))
    out.append((
        "Per tier",
        ["tier", "runs", "files", "hunks", "trivial", "model-reviewed", "model tokens", "cost", "findings", "resolved", "cost/resolved"],
        [[r["tier"], num(r["runs"]), num(r["files"]), num(r["hunks"]), num(r["trivial_hunks"]), num(r["reviewed_hunks"]),
          num(r["tokens"]), money(r["cost_usd"]), num(r["findings"]), num(r["resolved"]), money(r["cost_per_resolved_usd"])]
         for r in card["tiers"]],
    ))
    out.append((
        "Per model",
        ["model", "tiers", "runs", "calls", "reviewed hunks", "tokens", "cost", "findings", "resolved", "cost/resolved"],
        [[r["model"], ",".join(r["tiers"]), num(r["runs"]), num(r["calls"]), num(r["reviewed_hunks"]), num(r["tokens"]),
          money(r["cost_usd"]), num(r["findings"]), num(r["resolved"]), money(r["cost_per_resolved_usd"])]
         for r in card["models"]],
    ))
    out.append((
        "Per review step (tier x reviewer)",
        ["tier", "reviewer", "runs", "reviewed hunks", "tokens", "cost", "findings", "resolved", "dismissed", "cost/resolved"],
        [[r["tier"], r["step"], num(r["runs"]), num(r["reviewed_hunks"]), num(r["tokens"]), money(r["cost_usd"]),
          num(r["findings"]), num(r["resolved"]), num(r["dismissed"]), money(r["cost_per_resolved_usd"])]
         for r in card["steps"]],
    ))
    out.append((
        "Per rule",
        ["rule", "source", "findings", "resolved", "dismissed", "open"],
        [[r["rule"], ",".join(r["sources"]), num(r["findings"]), num(r["resolved"]), num(r["dismissed"]), num(r["open"])]
         for r in card["rules"]],
    ))
    out.append((
        "Skipped as trivial",
        ["reason", "hunks", "tokens (estimated)"],
        [[r["reason"], num(r["hunks"]), num(r["tokens"])] for r in card["trivial"]],
    ))
    out.append((
        "Eval runs (fedgate eval: reintroduced fixes and sampled commits; not in the figures above)",
        ["time", "result", "model", "calls", "tokens", "cost"],
        [[r["time"][:19], r["result"] + (" (interrupted)" if r["interrupted"] else ""), r["model"] or "none",
          num(r["model_calls"]), num(r["tokens"]), money(r["cost_usd"])]
         for r in card.get("eval_runs", [])],
    ))
    return out


def savings(card: dict) -> list[str]:
    s = card["savings"]
    if not s["runs"]:
        return ["no run with a model configured: nothing to compare"]
    lines = [
        f"ESTIMATE over {s['runs']} run(s) with a model: against {s['basis']}",
        f"tokens: {num(s['tokens_all'])} if sent whole, {num(s['tokens_sent'])} sent; saved {num(s['tokens_saved'])} "
        f"({num(s['tokens_saved_trivial'])} by trivial skips, {num(s['tokens_saved_routing'])} by risk routing)",
    ]
    if s["saved_usd"] is None:
        lines.append("money: not estimated, no known price for " + ", ".join(s["unpriced_models"]))
    else:
        lines.append(
            f"money: {money(s['baseline_usd'])} if sent whole, {money(s['actual_usd'])} spent; saved {money(s['saved_usd'])} "
            f"({money(s['saved_trivial_usd'])} by trivial skips, the rest, {money(s['saved_routing_usd'])}, by risk routing)"
        )
    return lines


def verdicts(card: dict) -> list[str]:
    return [f"{r['step']} on {r['tier']}: {r['text']}" for r in card["steps"] if r["kind"] == "model"]
