"""`fedgate report --format markdown`: for a PR comment or a job summary."""
from __future__ import annotations

from ._sections import savings, summary, tables, verdicts


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(card: dict) -> str:
    out = ["## fedgate scorecard", "", *(f"- {s}" for s in summary(card)), ""]
    for title, headers, rows in tables(card):
        if not rows:
            continue
        out += [f"### {title}", "", "| " + " | ".join(headers) + " |", "|" + "|".join(["---"] + ["---:"] * (len(headers) - 1)) + "|"]
        out += ["| " + " | ".join(_cell(c) for c in r) + " |" for r in rows]
        out.append("")
    out += ["### Savings (estimate)", "", *(f"- {s}" for s in savings(card)), ""]
    v = verdicts(card)
    out += ["### Verdicts", "", *(f"- {_cell(s)}" for s in (v or ["no model review step in these runs"]))]
    return "\n".join(out) + "\n"
