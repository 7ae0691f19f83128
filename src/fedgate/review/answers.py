"""A model's findings -> validated Findings: only what names a line of the hunks sent.

A reviewer can invent paths, miscount lines or echo the diff back; anything that does not
land on a new-side line of a hunk it was actually shown is dropped (and counted), never
reported against the wrong code.
"""
from __future__ import annotations

import re
from typing import Any

from ..findings import fingerprint
from ..models import CATEGORIES, SEVERITIES, Finding

# Words models use from linters and issue trackers, when no JSON schema holds them to the enum.
SEVERITY_ALIASES = {
    "blocker": "critical",
    "error": "high",
    "major": "high",
    "warning": "medium",
    "moderate": "medium",
    "minor": "low",
    "info": "low",
    "trivial": "low",
}

CATEGORY_ALIASES = {
    "data loss": "data-loss",
    "error handling": "error-handling",
    "errors": "error-handling",
    "missing tests": "missing-test",
    "missing-tests": "missing-test",
    "test": "missing-test",
    "tests": "missing-test",
    "testing": "missing-test",
    "perf": "performance",
    "race": "concurrency",
    "race-condition": "concurrency",
    "vulnerability": "security",
    "correctness": "bug",
    "logic": "bug",
    "nit": "style",
    "nitpick": "style",
    "readability": "style",
    "maintainability": "style",
    "naming": "style",
    "formatting": "style",
    "documentation": "style",
    "docs": "style",
}


def validate(raw: list, lines: dict[str, dict[int, str]], paths: dict[str, str], model: str) -> tuple[list[Finding], int]:
    """Findings that name a path and a new-side line of the hunks sent; the rest are counted.

    `lines` maps each path as sent to {new line number: line text, secrets masked} of its sent hunks;
    `paths` maps a path as sent (redacted) to the real one, which the finding carries.
    """
    kept: list[Finding] = []
    dropped = 0
    for item in raw:
        f = _finding(item, lines, paths, model)
        if f is None:
            dropped += 1
        else:
            kept.append(f)
    return kept, dropped


def _finding(item: Any, lines: dict[str, dict[int, str]], paths: dict[str, str], model: str) -> Finding | None:
    if not isinstance(item, dict):
        return None
    sent = _path(item.get("path"), lines)
    line = _int(item.get("line"))
    if sent is None or line is None or line not in lines[sent]:
        return None
    path = paths[sent]
    severity = _severity(item.get("severity"))
    if severity is None:
        return None
    category = _category(item.get("category"))
    title = " ".join(_text(item.get("title"), 200).split())
    message = _text(item.get("message"), 2000)
    if not title and not message:
        return None
    end_line = _end_line(item.get("end_line"), line, lines[sent])
    rule = f"model/{category}"
    return Finding(
        path=path,
        line=line,
        severity=severity,
        rule=rule,
        source=f"model:{model}",
        message=message or title,
        fingerprint=fingerprint(rule, path, lines[sent][line]),
        title=title or message[:80],
        category=category,
        end_line=end_line,
    )


def _severity(value: Any) -> str | None:
    s = str(value or "").strip().lower()
    s = SEVERITY_ALIASES.get(s, s)
    return s if s in SEVERITIES else None


def _end_line(value: Any, line: int, known: dict[int, str]) -> int | None:
    """A range end only when every line from `line` to it was shown to the model."""
    end = _int(value)
    if end is None or end < line or end - line >= len(known):
        return None
    return end if all(n in known for n in range(line, end + 1)) else None


def _path(value: Any, lines: dict[str, dict[int, str]]) -> str | None:
    if not isinstance(value, str):
        return None
    if value in lines:
        return value
    for prefix in ("b/", "a/", "./", "/"):
        if value.startswith(prefix) and value[len(prefix):] in lines:
            return value[len(prefix):]
    return None


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _category(value: Any) -> str:
    c = str(value or "").strip().lower().replace("_", "-")
    c = CATEGORY_ALIASES.get(c, CATEGORY_ALIASES.get(c.replace("-", " "), c))
    # An unknown label on a concrete finding is treated as a bug, never silently as style.
    return c if c in CATEGORIES else "bug"


# Control characters (C0 but newline and tab, DEL, C1) and bidi controls: the text is the
# model's, which the diff can steer, and it reaches terminals (escape sequences) and reviewers.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _text(value: Any, limit: int) -> str:
    return _UNPRINTABLE.sub("", value).strip()[:limit] if isinstance(value, str) else ""
