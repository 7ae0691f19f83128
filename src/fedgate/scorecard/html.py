"""`fedgate report --format html`: one self-contained file (inline CSS and SVG, no script,
no external resource), viewable offline and safe to attach as a CI artifact."""
from __future__ import annotations

from html import escape

from ._sections import money, savings, summary, tables, verdicts

_CSS = """
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222;max-width:1100px}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em}
table{border-collapse:collapse;margin:.5em 0}
th,td{padding:.25em .7em;border-bottom:1px solid #ddd;text-align:right}
th:first-child,td:first-child{text-align:left}
th{background:#f4f4f4}
.note{color:#666}
svg text{font:11px system-ui,sans-serif;fill:#444}
"""

W, H, PAD_L, PAD_R, PAD_T, PAD_B = 720, 240, 60, 60, 20, 40


def chart(weekly: list[dict]) -> str:
    """Bars: weekly cost (left axis); line with dots: new findings (right axis)."""
    if not weekly:
        return '<p class="note">no runs to chart</p>'
    max_cost = max(w["cost_usd"] for w in weekly) or 1.0
    max_find = max(w["findings"] for w in weekly) or 1
    plot_w, plot_h = W - PAD_L - PAD_R, H - PAD_T - PAD_B
    slot = plot_w / len(weekly)
    parts = [
        f'<svg width="{W}" height="{H}" viewBox="0 0 {W} {H}" role="img" '
        'aria-label="weekly cost and findings">',
        f'<line x1="{PAD_L}" y1="{PAD_T + plot_h}" x2="{W - PAD_R}" y2="{PAD_T + plot_h}" stroke="#999"/>',
        f'<text x="{PAD_L - 6}" y="{PAD_T + 4}" text-anchor="end">{escape(money(max_cost))}</text>',
        f'<text x="{PAD_L - 6}" y="{PAD_T + plot_h}" text-anchor="end">$0</text>',
        f'<text x="{W - PAD_R + 6}" y="{PAD_T + 4}">{max_find} findings</text>',
        f'<text x="{W - PAD_R + 6}" y="{PAD_T + plot_h}">0</text>',
    ]
    points = []
    for i, w in enumerate(weekly):
        x = PAD_L + i * slot
        bar_h = plot_h * w["cost_usd"] / max_cost
        parts.append(
            f'<rect x="{x + slot * 0.15:.1f}" y="{PAD_T + plot_h - bar_h:.1f}" width="{slot * 0.7:.1f}" '
            f'height="{bar_h:.1f}" fill="#7aa6d8"><title>week of {escape(w["week"])}: {escape(money(w["cost_usd"]))}, '
            f'{w["runs"]} run(s), {w["findings"]} new finding(s)</title></rect>'
        )
        parts.append(f'<text x="{x + slot / 2:.1f}" y="{H - PAD_B + 16}" text-anchor="middle">{escape(w["week"][5:])}</text>')
        points.append((x + slot / 2, PAD_T + plot_h - plot_h * w["findings"] / max_find))
    parts.append('<polyline fill="none" stroke="#d8733a" stroke-width="2" points="'
                 + " ".join(f"{x:.1f},{y:.1f}" for x, y in points) + '"/>')
    parts += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#d8733a"/>' for x, y in points]
    parts.append(f'<text x="{PAD_L}" y="{H - 6}">bars: cost per week (left) · line: new findings per week (right)</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def render(card: dict) -> str:
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<title>fedgate scorecard</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>fedgate scorecard</h1>",
        "<ul>" + "".join(f"<li>{escape(s)}</li>" for s in summary(card)) + "</ul>",
        "<h2>Weekly cost and findings</h2>",
        chart(card["weekly"]),
    ]
    for title, headers, rows in tables(card):
        if rows:
            out += [f"<h2>{escape(title)}</h2>", _table(headers, rows)]
    out += ["<h2>Savings (estimate)</h2>", "<ul>" + "".join(f"<li>{escape(s)}</li>" for s in savings(card)) + "</ul>"]
    v = verdicts(card) or ["no model review step in these runs"]
    out += ["<h2>Verdicts</h2>", "<ul>" + "".join(f"<li>{escape(s)}</li>" for s in v) + "</ul>"]
    out.append(f'<p class="note">generated {escape(card["generated"])} by fedgate</p>')
    out.append("</body></html>")
    return "\n".join(out) + "\n"
