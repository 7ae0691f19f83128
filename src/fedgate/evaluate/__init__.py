"""`fedgate eval`: the gate measured on the repository's own history.

history.py   which commits are fixes and which are ordinary; reintroductions (git plumbing)
measure.py   one change through classify -> plan -> review -> decide, measured
run.py       the variants (config x model) over one shared sample; jobs, progress, Ctrl-C
document.py  the stable JSON document; text.py and markdown.py render it
"""
from __future__ import annotations

FORMATS = ("text", "json", "markdown")


def render(fmt: str, doc: dict) -> str:
    import json

    if fmt == "json":
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        from .markdown import render as md

        return md(doc)
    from .text import render as text

    return text(doc)
