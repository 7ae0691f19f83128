"""`fedgate report --format text`: aligned plain tables."""
from __future__ import annotations

import re

from ._sections import savings, summary, tables, verdicts


_NUMBER = re.compile(r"^-?\$?[\d,.]+$|^n/a$")


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    numeric = [all(_NUMBER.match(r[i]) for r in rows) for i in range(len(headers))]

    def line(cells: list[str]) -> str:
        return "  ".join(c.rjust(w) if num else c.ljust(w) for c, w, num in zip(cells, widths, numeric)).rstrip()

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
