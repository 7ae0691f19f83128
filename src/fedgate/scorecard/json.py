"""`fedgate report --format json`: the scorecard document (`scorecard_version` 1)."""
from __future__ import annotations

import json


def render(card: dict) -> str:
    return json.dumps(card, indent=2, ensure_ascii=False) + "\n"
