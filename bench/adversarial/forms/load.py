"""Read one of the forms corpora; secrets.jsonl is generated on first use (it is not committed).

    from load import load   # with bench/adversarial/forms on sys.path
    secrets = load("secrets.jsonl")
"""
from __future__ import annotations

import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
NAMES = ("secrets.jsonl", "benign.jsonl", "injections.jsonl", "benign_prose.jsonl")


def load(name: str) -> list[dict]:
    if name not in NAMES:
        raise ValueError(f"no forms corpus {name!r}; one of {', '.join(NAMES)}")
    path = os.path.join(HERE, name)
    if not os.path.exists(path):
        import make_forms  # deterministic (seeded): the same bytes on every machine

        make_forms.main(["--out", HERE])
    with open(path, encoding="ascii") as fh:
        return [json.loads(line) for line in fh if line.strip()]
