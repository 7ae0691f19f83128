"""Routing signals: what a hunk's code does, as reviewed data (one YAML file per weakness group).

Each signal is a regular expression tried on one side of a hunk (its added lines, its removed
lines, or the unchanged code around them), with a weight that adds to the hunk's risk score,
the languages it applies to, a one-line rationale and examples that must and must not match
(tests/test_signals.py runs them all). The files are read only when a hunk needs a score, so
a docs-only check never parses them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from ..models import FedgateError

SIDES = ("added", "removed", "either", "context")

# Language families a signal can name, by the file extension (trivial.language_of).
FAMILIES: dict[str, frozenset[str]] = {
    "python": frozenset({"py", "pyi", "pyx", "pxd"}),
    "javascript": frozenset({"js", "jsx", "mjs", "cjs", "ts", "tsx", "mts", "cts", "vue", "svelte"}),
    "go": frozenset({"go"}),
    "java": frozenset({"java", "kt", "kts", "scala", "groovy"}),
    "ruby": frozenset({"rb", "rake", "erb", "haml", "slim"}),
    "php": frozenset({"php", "phtml", "inc"}),
    "c": frozenset({"c", "h", "cc", "cpp", "cxx", "hpp", "hh", "hxx", "m", "mm", "inl"}),
    "rust": frozenset({"rs"}),
    "csharp": frozenset({"cs", "cshtml", "razor"}),
    "shell": frozenset({"sh", "bash", "zsh", "ksh"}),
    "perl": frozenset({"pl", "pm"}),
    "lua": frozenset({"lua"}),
    "templates": frozenset({
        "html", "htm", "xhtml", "jinja", "jinja2", "j2", "erb", "ejs", "hbs", "handlebars", "mustache",
        "twig", "tmpl", "tpl", "liquid", "njk", "vue", "svelte", "phtml", "cshtml", "razor", "haml",
        "slim", "jsp", "gohtml", "djhtml",
    }),
}
# Every language a program is written in (not config, data or docs).
CODE = frozenset().union(*(v for k, v in FAMILIES.items() if k != "templates")) | {
    "swift", "dart", "ex", "exs", "erl", "hs", "clj", "cljs", "ps1", "r", "jl", "nim", "cr", "zig", "sol",
    "fs", "ml", "coffee", "elm", "asm", "s",
}
FAMILIES["code"] = CODE
# Config and data formats, for the few signals that mean something there (TLS settings).
FAMILIES["config"] = frozenset({"yml", "yaml", "toml", "ini", "cfg", "conf", "json", "env", "properties", "xml"})
# Where a signal applies when it names no language: what runs or renders. A word in a
# README, a Makefile or a CI file is not the code doing it (CI files are high by path).
CODE_AND_TEMPLATES = CODE | FAMILIES["templates"]


@dataclass(frozen=True)
class Signal:
    id: str
    group: str
    pattern: str
    # What a match adds to a hunk's score, per side it matched: "added" lines, "removed"
    # lines, or the unchanged "context" around them. A guard (an escape call, a bounds check)
    # weighs most when removed; a sink (eval, innerHTML) when added. Matched on both sides (a
    # rewritten line) it weighs "modified" when the signal names it, else between the two.
    weights: tuple[tuple[str, int], ...]
    why: str
    languages: frozenset[str] | None = None  # extensions; None: code and templates (CODE_AND_TEMPLATES)
    match: tuple[str, ...] = ()
    no_match: tuple[str, ...] = ()
    # Which changed lines it reads: "code" (comment lines left out: a word in a comment is
    # not the code doing it) or "comments" (only comment lines).
    reads: str = "code"

    def applies_to(self, lang: str) -> bool:
        return lang in (self.languages if self.languages is not None else CODE_AND_TEMPLATES)

    def weight_on(self, side: str) -> int | None:
        return dict(self.weights).get(side)

    @property
    def sides(self) -> tuple[str, ...]:
        return tuple(s for s, _ in self.weights)

    @property
    def weight(self) -> int:
        """The largest weight it can add (for a reader; scoring uses weight_on)."""
        return max(w for _, w in self.weights)


@dataclass(frozen=True)
class Group:
    name: str
    title: str
    signals: tuple[Signal, ...]


def _languages(names, where: str) -> frozenset[str] | None:
    if names is None:
        return None
    out: set[str] = set()
    for n in names:
        n = str(n).lower()
        out |= FAMILIES.get(n, {n})
    return frozenset(out)


def _weights(item: dict) -> tuple[tuple[str, int], ...]:
    """`weight: {added: 20, removed: 80, modified: 80}`, or `side: S` with `weight: N` (either:
    both sides)."""
    weight = item["weight"]
    if isinstance(weight, dict):
        if "side" in item:
            raise ValueError("give 'side' only with a single weight")
        pairs = list(weight.items())
    else:
        side = item.get("side", "added")
        if side not in SIDES:
            raise ValueError(f"side must be one of {', '.join(SIDES)}")
        pairs = [("added", weight), ("removed", weight)] if side == "either" else [(side, weight)]
    for side, w in pairs:
        if side not in ("added", "removed", "modified", "context"):
            raise ValueError(f"weight side must be added, removed, modified or context (got {side!r})")
        if not isinstance(w, int) or isinstance(w, bool):
            raise ValueError("weight must be a whole number")
    if not pairs or ("context" in dict(pairs) and len(pairs) > 1):
        raise ValueError("a context weight stands alone")
    if dict(pairs).keys() == {"modified"}:
        raise ValueError("a modified weight goes with an added or a removed one")
    return tuple(pairs)


def parse_group(text: str, source: str) -> Group:
    """One signals file -> Group; any mistake in it names the file and the signal."""
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    except yaml.YAMLError as e:
        raise FedgateError(f"{source}: invalid YAML: {str(e).splitlines()[0]}") from None
    name = data.get("group") if isinstance(data, dict) else None
    if not isinstance(name, str) or not isinstance(data.get("signals"), list):
        raise FedgateError(f"{source}: needs 'group' and a list of 'signals'")
    out = []
    for item in data["signals"]:
        where = f"{source}: signal {item.get('id', '?')!r}" if isinstance(item, dict) else source
        if not isinstance(item, dict):
            raise FedgateError(f"{where}: expected a mapping")
        unknown = set(item) - {"id", "pattern", "side", "weight", "why", "languages", "match", "no_match", "reads"}
        if unknown:
            raise FedgateError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
        try:
            re.compile(item["pattern"])
            weights = _weights(item)
            reads = item.get("reads", "code")
            if reads not in ("code", "comments"):
                raise ValueError("reads must be code or comments")
            if not str(item.get("why", "")).strip():
                raise ValueError("needs a one-line 'why'")
            out.append(Signal(
                id=str(item["id"]), group=name, pattern=item["pattern"], weights=weights,
                why=str(item["why"]).strip(), languages=_languages(item.get("languages"), where),
                match=tuple(item.get("match") or ()), no_match=tuple(item.get("no_match") or ()),
                reads=reads,
            ))
        except (KeyError, ValueError, TypeError, re.error) as e:
            raise FedgateError(f"{where}: {e}") from None
    return Group(name=name, title=str(data.get("title", name)), signals=tuple(out))


@lru_cache(maxsize=1)
def builtin_groups() -> tuple[Group, ...]:
    folder = resources.files(__name__)
    files = sorted((p for p in folder.iterdir() if p.name.endswith(".yml")), key=lambda p: p.name)
    return tuple(parse_group(p.read_text(encoding="utf-8"), f"signals/{p.name}") for p in files)


def builtin_signals() -> tuple[Signal, ...]:
    return tuple(s for g in builtin_groups() for s in g.signals)
