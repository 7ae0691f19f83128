"""`fedgate report --format text`: aligned plain tables."""
from __future__ import annotations

from ._sections import savings, summary, tables, verdicts


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths))).rstrip()
    return [line(headers)] + [line(r) for r in rows]


def render(card: dict) -> str:
    out = ["fedgate scorecard", *("  " + s for s in summary(card)), ""]
    for title, headers, rows in tables(card):
        if not rows:
            continue
        out += [title, *("  " + ln for ln in _table(headers, rows)), ""]
    out += ["Savings (estimate)", *("  " + s for s in savings(card)), ""]
    v = verdicts(card)
    out += ["Verdicts", *("  " + s for s in (v or ["no model review step in these runs"]))]
    return "\n".join(out) + "\n"
