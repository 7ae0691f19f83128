"""`fedgate eval --format markdown`: the same table and lists, for a PR comment or an issue."""
from __future__ import annotations

from .document import TABLE_HEADERS, clean, misses, notes, table_rows


def _cell(text: str) -> str:
    return clean(text).replace("|", "\\|").replace("`", "'")


def render(doc: dict) -> str:
    sample = doc["sample"]
    out = [
        "## fedgate eval",
        "",
        f"Fixes from {doc['fixes_source']}; ordinary commits sampled with seed {sample['seed']} "
        f"from {sample['candidates']}; caught = a finding within {doc['window_lines']} lines of a changed line.",
        "",
        "| " + " | ".join(TABLE_HEADERS) + " |",
        "|" + "|".join(["---"] + ["---:"] * (len(TABLE_HEADERS) - 1)) + "|",
        *("| " + " | ".join(_cell(c) for c in row) + " |" for row in table_rows(doc)),
    ]
    for v in doc["variants"]:
        missed = misses(v)
        if missed:
            out += ["", f"### Not routed to a model ({_cell(v['name'])}): {len(missed)}", "",
                    *(f"- `{m.split(' ', 1)[0]}` {_cell(m.split(' ', 1)[1])}" for m in missed)]
    if doc["skipped"]:
        out += ["", f"### Skipped: {len(doc['skipped'])}", "",
                *(f"- `{s['commit'][:12]}` {_cell(s['label'])}: {_cell(s['reason'])}" for s in doc["skipped"])]
    for n in notes(doc):
        out += ["", f"> {n}"]
    return "\n".join(out) + "\n"
