"""The eval result as one stable JSON document (`--format json`); text and markdown are
rendered from it, so every format shows the same numbers.

schema_version 1. Added keys may appear in later versions; no key changes meaning.
"""
from __future__ import annotations

from .measure import Measured
from .run import EvalResult, Item, Variant

SCHEMA_VERSION = 1


def _pct(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def _div(a: float, b: float, digits: int = 4) -> float | None:
    return round(a / b, digits) if b else None


def summarize(variant: Variant, pairs: list[tuple[Item, Measured]]) -> dict:
    fixes = [m for it, m in pairs if it.kind == "fix"]
    ordinary = [m for it, m in pairs if it.kind == "ordinary"]
    # A model error leaves an item unreviewed: neither a catch nor a miss.
    fix_unreviewed = [m for m in fixes if m.unreviewed is not None and not m.caught]
    fix_judged = len(fixes) - len(fix_unreviewed)
    caught = sum(1 for m in fixes if m.caught)
    ord_judged = [m for m in ordinary if m.unreviewed is None]
    false_alarms = sum(m.blocking_findings for m in ord_judged)
    planned = sum(m.planned_tokens for m in ordinary)
    whole = sum(m.whole_diff_tokens for m in ordinary)
    cost_all = sum(m.cost_usd for _, m in pairs)
    ord_cost = sum(m.cost_usd for m in ordinary)
    ord_tokens = sum(m.prompt_tokens + m.completion_tokens for m in ordinary)
    return {
        "fixes": len(fixes),
        "fixes_routed": sum(1 for m in fixes if m.routed),
        "fixes_routed_pct": _pct(sum(1 for m in fixes if m.routed), len(fixes)),
        "fixes_caught": caught,
        "fixes_caught_pct": _pct(caught, fix_judged),
        "fixes_caught_blocking": sum(1 for m in fixes if m.caught_blocking),
        "fixes_unreviewed": len(fix_unreviewed),
        "ordinary": len(ordinary),
        "ordinary_routed": sum(1 for m in ordinary if m.routed),
        "ordinary_routed_pct": _pct(sum(1 for m in ordinary if m.routed), len(ordinary)),
        "ordinary_planned_tokens": planned,
        "ordinary_whole_diff_tokens": whole,
        "planned_to_whole_ratio": _div(planned, whole),
        "ordinary_unreviewed": len(ordinary) - len(ord_judged),
        "false_alarms": false_alarms,
        "false_alarms_per_100": _div(100.0 * false_alarms, len(ord_judged), 2),
        "model_calls": sum(m.model_calls for _, m in pairs),
        "model_tokens": sum(m.prompt_tokens + m.completion_tokens for _, m in pairs),
        "cost_usd": round(cost_all, 6),
        "tokens_per_commit": _div(ord_tokens, len(ordinary), 1),
        "usd_per_commit": _div(ord_cost, len(ordinary), 6),
        "usd_per_catch": _div(cost_all, caught, 6) if variant.calls_model else None,
    }


def _item_doc(item: Item, m: Measured) -> dict:
    doc = {
        "commit": item.commit,
        "subject": item.subject,
        "routed": m.routed,
        "decided_by": m.decided_by,
        "miss_reason": m.miss_reason,
        "planned_tokens": m.planned_tokens,
        "whole_diff_tokens": m.whole_diff_tokens,
        "rules_fired": list(m.rules_fired),
        "unreviewed": m.unreviewed,
        "model_calls": m.model_calls,
        "prompt_tokens": m.prompt_tokens,
        "completion_tokens": m.completion_tokens,
        "cost_usd": m.cost_usd,
        "time_s": m.time_s,
    }
    if item.kind == "fix":
        doc.update({
            "label": item.label,
            "reintroduction": item.head,
            "reverted_paths": list(item.reverted),
            "caught": None if (m.unreviewed is not None and not m.caught) else m.caught,
            "caught_blocking": m.caught_blocking,
            "hunks": [
                {"path": h.path, "old_start": h.old_start, "new_start": h.new_start, "tier": h.tier,
                 "reason": h.reason, "trivial": h.trivial, "routed": h.routed, "why_not": h.why_not,
                 "tokens": h.tokens, "score": h.score, "reasons": list(h.reasons) if h.reasons is not None else None}
                for h in m.hunks
            ],
            "findings": list(m.findings),
        })
    else:
        doc.update({
            "false_alarms": m.blocking_findings if m.unreviewed is None else None,
            "routed_hunks": [
                {"path": h.path, "new_start": h.new_start, "tier": h.tier, "reason": h.reason, "tokens": h.tokens,
                 "score": h.score}
                for h in m.hunks if h.routed
            ],
            "findings": [f for f in m.findings if f["blocking"]],
        })
    return doc


def build(result: EvalResult) -> dict:
    variants = []
    for vi, v in enumerate(result.variants):
        pairs = [(it, result.results[(vi, ii)]) for ii, it in enumerate(result.items) if (vi, ii) in result.results]
        variants.append({
            "name": v.name,
            "config": v.config_path,
            "model": v.model,
            "calls_model": v.calls_model,
            "summary": summarize(v, pairs),
            "fixes": [_item_doc(it, m) for it, m in pairs if it.kind == "fix"],
            "ordinary": [_item_doc(it, m) for it, m in pairs if it.kind == "ordinary"],
        })
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": "eval",
        "repository": result.repo,
        "revs": list(result.revs),
        "since": result.since,
        "fixes_source": result.fixes_source,
        "fix_pattern": result.fix_pattern,
        "sample": {"requested": result.sample, "seed": result.seed, "candidates": result.candidates},
        "window_lines": result.window,
        "interrupted": result.interrupted,
        "duration_s": result.duration_s,
        "skipped": [{"commit": s.commit, "label": s.label, "reason": s.reason} for s in result.skipped],
        "variants": variants,
    }


# ------------------------------------------------------------------ shared by text and markdown

def clean(text: str) -> str:
    """Commit subjects, labels and paths are the history's text: no control character (a
    terminal escape in a subject would rewrite the screen) reaches a text or markdown report."""
    return "".join(ch if ch.isprintable() else ("?" if ch not in "\t\n\r" else " ") for ch in text)


TABLE_HEADERS = [
    "variant", "fixes", "routed", "caught", "ordinary", "ord. routed", "planned/whole tok",
    "false alarms/100", "tokens/commit", "$/commit", "$/catch",
]


def _fmt_pct(part: int, pct: float | None) -> str:
    return "n/a" if pct is None else f"{pct:.1f}% ({part})"


def _fmt(value: float | None, spec: str, prefix: str = "") -> str:
    return "n/a" if value is None else prefix + format(value, spec)


def table_rows(doc: dict) -> list[list[str]]:
    rows = []
    for v in doc["variants"]:
        s = v["summary"]
        model = v["calls_model"]
        rows.append([
            clean(v["name"]),
            str(s["fixes"]),
            _fmt_pct(s["fixes_routed"], s["fixes_routed_pct"]),
            _fmt_pct(s["fixes_caught"], s["fixes_caught_pct"]),
            str(s["ordinary"]),
            _fmt_pct(s["ordinary_routed"], s["ordinary_routed_pct"]),
            _fmt(None if s["planned_to_whole_ratio"] is None else 100 * s["planned_to_whole_ratio"], ".1f") + ("%" if s["planned_to_whole_ratio"] is not None else ""),
            _fmt(s["false_alarms_per_100"], ".1f"),
            _fmt(s["tokens_per_commit"], ".0f") if model else "-",
            _fmt(s["usd_per_commit"], ".4f", "$") if model else "-",
            _fmt(s["usd_per_catch"], ".4f", "$") if model else "-",
        ])
    return rows


def misses(variant: dict) -> list[str]:
    """One line per reintroduced fix no hunk of which was routed to a model, with the reason."""
    return [
        clean(f"{f['commit'][:12]} {f['label'] or f['subject'][:50]}: {f['miss_reason']}")
        for f in variant["fixes"] if not f["routed"]
    ]


def notes(doc: dict) -> list[str]:
    out = []
    if doc["interrupted"]:
        out.append("interrupted: partial result (the commits finished before Ctrl-C)")
    for v in doc["variants"]:
        s = v["summary"]
        if s["fixes_unreviewed"] or s["ordinary_unreviewed"]:
            out.append(f"{clean(v['name'])}: {s['fixes_unreviewed']} fix(es) and {s['ordinary_unreviewed']} ordinary commit(s) "
                       f"unreviewed (model error): counted neither as a catch nor as a miss")
    return out
