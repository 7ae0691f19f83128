"""Fast "does this line contain any of these words" tests for the rules' prefilters.

Python's `re` tries every branch of an alternation at every position; a pattern factored into a
prefix tree (p(?:ass|db|ry)) lets it reject most positions on the first character. On real code
this is 3-4x faster than the flat alternation and ~10x faster than any(w in line for w in words).
"""
from __future__ import annotations

import re


def _trie_pattern(words: list[str]) -> str:
    if "" in words:
        rest = [w for w in words if w]
        return f"(?:{_trie_pattern(rest)})?" if rest else ""
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[0], []).append(w[1:])
    branches = []
    for first, tails in sorted(groups.items()):
        branches.append(re.escape(first) + _trie_pattern(sorted(set(tails))))
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def literal_gate(words) -> re.Pattern[str]:
    """A compiled pattern that matches where any of `words` occurs (case-sensitive)."""
    unique = sorted({w for w in words if w})
    # A word that contains a shorter one is redundant for an "any of" test.
    minimal = [w for w in unique if not any(o != w and o in w for o in unique)]
    return re.compile(_trie_pattern(minimal))
