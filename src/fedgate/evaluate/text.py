"""`fedgate eval --format text`: the side-by-side table, then the misses and the skipped fixes."""
from __future__ import annotations

from .document import TABLE_HEADERS, clean, misses, notes, table_rows


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]
    return ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths))).rstrip()
            for cells in [headers, *rows]]


def render(doc: dict) -> str:
    sample = doc["sample"]
    out = [
        f"fedgate eval: {clean(doc['repository'])} ({clean(' '.join(doc['revs']))}"
        + (f", since {doc['since']}" if doc["since"] else "") + ")",
        f"  fixes from {doc['fixes_source']}; ordinary commits sampled with seed {sample['seed']} "
        f"from {sample['candidates']}; caught = a finding within "
        f"{doc['window_lines']} lines of a changed line; {doc['duration_s']:.1f} s",
        "",
        *("  " + ln for ln in _table(TABLE_HEADERS, table_rows(doc))),
    ]
    for v in doc["variants"]:
        missed = misses(v)
        if missed:
            out += ["", f"Not routed to a model ({clean(v['name'])}): {len(missed)}", *("  " + m for m in missed)]
    if doc["skipped"]:
        out += ["", f"Skipped: {len(doc['skipped'])}",
                *(clean(f"  {s['commit'][:12]}{' ' + s['label'] if s['label'] else ''}: {s['reason']}") for s in doc["skipped"])]
    extra = notes(doc)
    if extra:
        out += ["", *extra]
    return "\n".join(out) + "\n"
