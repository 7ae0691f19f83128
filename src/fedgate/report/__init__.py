"""Reporters: each format is one module with `render(result, color=False) -> str`.

Reporters only format a RunResult; they compute nothing."""
from __future__ import annotations

import importlib

from ..models import RunResult

FORMATS = ("text", "json", "sarif", "github", "markdown")


def render(fmt: str, result: RunResult, color: bool = False) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    module = importlib.import_module(f".{fmt}", __name__)
    return module.render(result, color=color)
