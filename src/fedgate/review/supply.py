"""Supply-chain rules: what a dependency manifest, lockfile, workflow or Dockerfile change pulls in.

A hunk that only moves versions or pinned SHAs is not sent to a model (trivial.py: "version-only
bump"); these rules are what reads it instead, offline:
- sha-pin-dropped: an action, hook or image pinned by a full SHA now follows a movable tag or
  branch (tj-actions/changed-files, March 2025, retagged every release to a malicious commit);
- action-unpinned: a third-party action used at a branch or with no ref at all;
- dependency-added: a dependency that was not there before (informational);
- known-bad-release: a release known to be malicious, pinned or allowed by a range.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..manifests import (declared, family, in_dependency_list, is_full_sha, is_lockfile, is_release_ref, lock_ecosystem,
                         locked, normalize, ref_of)
from ..models import Hunk
from .gates import literal_gate


@dataclass(frozen=True)
class SupplyHit:
    line: int
    text: str
    message: str


def _new_no(hunk: Hunk, index: int) -> int:
    for ln in hunk.lines[index:]:
        if ln.new_no is not None:
            return ln.new_no
    return max(hunk.new_start, 1)


def _pairs(hunk: Hunk):
    return [(ln.kind, ln.text) for ln in hunk.lines]


# ------------------------------------------------------------------ sha-pin-dropped


def sha_pin_dropped(path: str, hunks: tuple[Hunk, ...]) -> list[SupplyHit]:
    fam = family(path)
    if fam not in ("ci", "pre-commit", "docker"):
        return []
    hits = []
    for hunk in hunks:
        # Pair by the action or image named on the line (a hook's `rev:` pairs in order).
        pinned: dict[str, list[str]] = {}
        for ln in hunk.lines:
            if ln.kind == "-":
                r = ref_of(fam, ln.text)
                if r and is_full_sha(r.ref):
                    pinned.setdefault(r.name, []).append(r.ref)
        if not pinned:
            continue
        for i, ln in enumerate(hunk.lines):
            if ln.kind != "+":
                continue
            r = ref_of(fam, ln.text)
            if r is None or r.name not in pinned or not pinned[r.name] or is_full_sha(r.ref):
                continue
            pinned[r.name].pop(0)
            what = {"action": "action", "hook": "pre-commit hook", "image": "image"}[r.what]
            now = f"`{r.ref}`" if r.ref else "no ref"
            name = "" if r.what == "hook" else f" {r.name}"
            hits.append(SupplyHit(_new_no(hunk, i), ln.text,
                                  f"{what}{name} was pinned to a full SHA and now follows {now}, which its owner can move"))
    return hits


# ------------------------------------------------------------------ action-unpinned

_FIRST_PARTY = ("actions/", "github/")


def action_unpinned(path: str, hunks: tuple[Hunk, ...]) -> list[SupplyHit]:
    if family(path) != "ci":
        return []
    found: dict[tuple[str, str | None], list[tuple[int, str]]] = {}
    for hunk in hunks:
        for i, ln in enumerate(hunk.lines):
            if ln.kind != "+" or "uses" not in ln.text:
                continue
            r = ref_of("ci", ln.text)
            if r is None or r.what != "action" or r.name.startswith(("./", "docker://", ".")):
                continue
            if r.name.startswith(_FIRST_PARTY) or "/" not in r.name or "${{" in ln.text:
                continue
            if r.ref is None or (not is_full_sha(r.ref) and not is_release_ref(r.ref)
                                 and not re.fullmatch(r"[0-9a-f]{7,39}", r.ref)):
                found.setdefault((r.name, r.ref), []).append((_new_no(hunk, i), ln.text))
    hits = []
    # One finding per action and ref in a file (a workflow uses the same action in many jobs).
    for (name, ref), where in found.items():
        also = f" (also line{'s' if len(where) > 2 else ''} {', '.join(str(n) for n, _ in where[1:])})" if len(where) > 1 else ""
        if ref is None:
            message = f"third-party action {name} is used with no ref{also}"
        else:
            message = f"third-party action {name} is used at branch `{ref}`{also}: every run takes whatever was last pushed there"
        hits.append(SupplyHit(where[0][0], where[0][1], message))
    return hits


# ------------------------------------------------------------------ dependency-added


def _names_in(fam: str, hunk: Hunk, kinds: str) -> list[tuple[int, str, str]]:
    """(line, text, name) of the dependencies declared on the lines of `kinds` in one hunk."""
    lines = _pairs(hunk)
    out = []
    for i, ln in enumerate(hunk.lines):
        if ln.kind in kinds:
            out.extend((_new_no(hunk, i), ln.text, p.name) for p in declared(fam, ln.text, in_dependency_list(lines, i)))
    return out


def removed_dependencies(files) -> set[str]:
    """Names of the dependencies the change removes anywhere: moving a dependency from
    requirements.txt to pyproject.toml (or setup.py to setup.cfg) adds nothing new."""
    out: set[str] = set()
    for path, hunks in files:
        fam = family(path)
        if fam is not None:
            out.update(name for hunk in hunks for _, _, name in _names_in(fam, hunk, "-"))
    return out


def dependency_added(path: str, status: str, hunks: tuple[Hunk, ...], removed_elsewhere: set[str]) -> list[SupplyHit]:
    fam = family(path)
    if fam is None:
        return []
    if fam == "requirements" and any("# via" in ln.text for h in hunks for ln in h.lines):
        # pip-compile output pins the transitive closure: its .in file is where a dependency is added.
        return []
    # Declared before: on a removed line anywhere in the change, or on a context line here.
    before = set(removed_elsewhere)
    before.update(name for hunk in hunks for _, _, name in _names_in(fam, hunk, " "))
    new: list[tuple[int, str, str]] = []
    seen: set[str] = set()
    for hunk in hunks:
        for line, text, name in _names_in(fam, hunk, "+"):
            if name not in before and name not in seen:
                seen.add(name)
                new.append((line, text, name))
    if not new:
        return []
    # One finding per manifest, at the first new dependency, naming them all: a new project
    # or a new dependency group is one thing to look at, not one per line.
    names = ", ".join(f"`{n}` (line {line})" for line, _, n in new[:8]) + (f" and {len(new) - 8} more" if len(new) > 8 else "")
    count = f"{len(new)} dependenc{'y' if len(new) == 1 else 'ies'}"
    what = f"new manifest declares {count}:" if status == "added" else (
        "new dependency" if len(new) == 1 else f"{len(new)} new dependencies:")
    return [SupplyHit(new[0][0], new[0][1], f"{what} {names}: check who publishes "
                                            f"{'it' if len(new) == 1 else 'each'}, that the name is the one you meant "
                                            f"(typosquats), and that it is maintained")]


# ------------------------------------------------------------------ known-bad-release


@lru_cache(maxsize=1)
def known_bad() -> dict[tuple[str, str], tuple[tuple[str, ...], str]]:
    """(ecosystem, normalised name) -> (bad versions, why), from the shipped known_bad.yml."""
    from importlib import resources

    import yaml

    text = resources.files("fedgate.review").joinpath("known_bad.yml").read_text(encoding="utf-8")
    out = {}
    for entry in yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or []:
        out[(entry["ecosystem"], normalize(entry["name"]))] = (tuple(str(v) for v in entry["versions"]), entry["why"])
    return out


@lru_cache(maxsize=1)
def _bad_names() -> frozenset[str]:
    return frozenset(name for _, name in known_bad())


def _key(version: str) -> tuple:
    m = re.match(r"v?(\d+(?:\.\d+)*)(.*)", version.strip())
    if not m:
        return ((), version)
    nums = tuple(int(x) for x in m.group(1).split("."))
    while len(nums) > 1 and nums[-1] == 0:
        nums = nums[:-1]
    # A pre-release (1.2.0rc1, 1.2.0-beta) sorts before its release.
    return (nums, 0 if m.group(2) and not m.group(2).startswith(("+", ".post", "post")) else 1)


def _cmp(a: str, b: str) -> int:
    ka, kb = _key(a), _key(b)
    return (ka > kb) - (ka < kb)


def _clause_allows(op: str, bound: str, v: str) -> bool:
    bound = bound.strip()
    if bound in ("*", "x", "X", ""):
        return True
    if bound.endswith((".*", ".x", ".X")):
        prefix = bound[:-2]
        inside = v == prefix or v.startswith(prefix + ".")
        return not inside if op == "!=" else inside
    c = _cmp(v, bound)
    return {"==": c == 0, "===": v == bound, "=": c == 0, "": c == 0, "!=": c != 0, ">=": c >= 0, "<=": c <= 0,
            ">": c > 0, "<": c < 0}.get(op, False)


def _caret_upper(bound: str) -> str:
    nums = [int(x) for x in re.findall(r"\d+", bound)[:3]] + [0, 0, 0]
    for i, n in enumerate(nums[:3]):
        if n != 0 or i == 2:
            return ".".join(str(x) for x in nums[:i] + [n + 1])
    return "1"


def _tilde_upper(bound: str, ruby: bool) -> str:
    nums = [int(x) for x in re.findall(r"\d+", bound)[:3]]
    if ruby and len(nums) >= 2:
        nums = nums[:-1]  # ~> 1.2.3 means >= 1.2.3, < 1.3
    if len(nums) >= 2:
        return f"{nums[0]}.{nums[1] + 1}"
    return f"{nums[0] + 1}" if nums else "1"


def allows(spec: str, version: str, ecosystem: str) -> bool:
    """Whether the version specifier `spec` (as written in the manifest) admits `version`.
    An empty specifier admits every release."""
    spec = spec.strip().strip("()")
    if not spec or spec in ("*", "latest"):
        return True
    if ecosystem == "npm" and ("||" in spec):
        return any(allows(part, version, ecosystem) for part in spec.split("||"))
    if ecosystem == "npm" and re.fullmatch(r"\S+\s+-\s+\S+", spec):
        lo, hi = re.split(r"\s+-\s+", spec)
        return _cmp(version, lo) >= 0 and _cmp(version, hi) <= 0
    clauses = [c for c in re.split(r"\s*,\s*|\s+(?=[<>=!~^])", spec) if c]
    for clause in clauses:
        m = re.match(r"(===|==|>=|<=|~=|!=|~>|>|<|\^|~|=)?\s*(.+)", clause.strip())
        if not m:
            return False
        op, bound = m.group(1) or "", m.group(2).strip()
        if op in ("^",) or (op == "" and ecosystem == "cargo"):
            ok = _cmp(version, bound) >= 0 and _cmp(version, _caret_upper(bound)) < 0
        elif op in ("~", "~>") or (op == "~=" and ecosystem != "pypi"):
            ok = _cmp(version, bound) >= 0 and _cmp(version, _tilde_upper(bound, op == "~>")) < 0
        elif op == "~=":
            ok = _cmp(version, bound) >= 0 and _cmp(version, _tilde_upper(bound, True)) < 0
        elif op == "" and ecosystem == "npm" and re.fullmatch(r"\d+(?:\.\d+)?", bound):
            ok = version == bound or version.startswith(bound + ".")  # "1.2" means 1.2.x
        else:
            ok = _clause_allows(op, bound, version)
        if not ok:
            return False
    return True


# Where a lockfile, not the manifest's range, decides what is installed (and this rule reads the
# lockfile): a manifest's range is reported only when it pins the bad release exactly. The
# whole npm ecosystem has `"debug": "^4.x"`; blocking it would block every package.json edit.
_LOCKED_ECOSYSTEMS = {"npm", "packagist", "cargo", "rubygems"}


def known_bad_release(path: str, hunks: tuple[Hunk, ...]) -> list[SupplyHit]:
    fam = family(path)
    lock = is_lockfile(path)
    if fam is None and not lock:
        return []
    gate = _name_gate()
    hits = []
    for hunk in hunks:
        if not any(ln.kind == "+" for ln in hunk.lines) or not any(
                gate.search(_SEPARATORS.sub("", ln.text.lower())) for ln in hunk.lines if ln.kind != "-"):
            continue  # no listed name in the new side of the hunk: nothing to look up
        lines = _pairs(hunk)
        table = known_bad()
        if lock:
            eco = lock_ecosystem(path)
            for i, name, version in locked(path, lines):
                entry = table.get((eco, normalize(name)))
                if entry and version.lstrip("v=") in entry[0]:
                    hits.append(SupplyHit(_new_no(hunk, i), hunk.lines[i].text,
                                          f"lockfile pins {name} {version}, a known-malicious release ({entry[1]})"))
            continue
        for i, ln in enumerate(hunk.lines):
            if ln.kind != "+":
                continue
            for pin in declared(fam, ln.text, True):
                eco = pin.ecosystem
                entry = table.get((eco, pin.name))
                if entry is None:
                    continue
                allowed = [v for v in entry[0] if allows(pin.spec, v, eco)]
                exact = len(allowed) == 1 and re.fullmatch(r"(?:===|==|=)?\s*v?" + re.escape(allowed[0]), pin.spec.strip())
                if not allowed or (eco in _LOCKED_ECOSYSTEMS and not exact):
                    continue
                what = f"pins {pin.name} {allowed[0]}" if exact else \
                    f"allows {pin.name} {', '.join(allowed)} (`{pin.spec or 'any version'}`)"
                hits.append(SupplyHit(_new_no(hunk, i), ln.text, f"{what}: known-malicious release ({entry[1]})"))
    return hits


_SEPARATORS = re.compile(r"[-_.]")


@lru_cache(maxsize=1)
def _name_gate() -> re.Pattern[str]:
    """Matches a line (lower case, separators dropped) that may name a listed package: the rule
    reads nothing else, so a large lockfile costs one pass of this pattern."""
    return literal_gate(_SEPARATORS.sub("", name.split("/")[-1]) for name in _bad_names())
