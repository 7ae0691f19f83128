"""Risk per hunk: a tier from the path (globs), a score from what the code does (signals).

A hunk's score is the sum of what applies to it: a path in the high tier scores the routing
threshold by itself; each built-in content signal (signals/*.yml) that matches the hunk's
added lines, its removed lines or the code around it adds its weight once. A hunk whose
score reaches `routing.threshold` is high risk. Every addition is kept as a reason, so
`fedgate explain --range` can say why a hunk scored what it did.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from . import tokens
from .config import Config, compile_globs
from .models import TIER_RANK, TIERS, ChangedFile, FileVerdict, Hunk, HunkVerdict
from .trivial import file_trivial, hunk_trivial, is_code, kind_of, language_of, strip_comments

_GLOBAL_FLAGS = re.compile(r"^\(\?([aiLmsux]+)\)")
# The code around a hunk raises its score, but never routes it alone.
CONTEXT_CAP = 20
# Changed lines read together: signals farther apart than this do not add up.
WINDOW = 40
# Content signals in routing.quiet_paths (tests, examples, scripts: code that is not shipped)
# count this much less.
QUIET_DIVISOR = 4
# A line this long (stripped) that is removed in one place and added in another has moved.
MOVED_MIN_CHARS = 12
# Two shapes of a removed guard that one side's regular expressions cannot see, because they
# compare the two sides of a hunk.
# A hunk that only deletes a few lines, one of them a guard (a removed-side guard signal
# fired): nothing was put in its place
# (a rewritten or moved condition is ambiguous, a deleted one is not).
DELETED_GUARD_WEIGHT = 15
DELETED_GUARD_MAX_LINES = WINDOW // 2
# A removed condition whose block stays, dedented: the code it guarded now runs for every
# input (guards.yml guard-condition-removed says so of a removed `if`; this is the proof).
UNWRAPPED_WEIGHT = 15
# A condition rewritten with fewer clauses (`if (len == 0 || *p != 4)` -> `if (*p != 4)`): a
# clause of a guard removed, and nothing else about the change says so (it routes alone).
NARROWED_WEIGHT = 50
# A condition rewritten only in its comparison (`<` -> `<=`) or by one (`len - 1` -> `len + 1`):
# a bound moved, the off-by-one of a buffer or a loop; with a guard signal on the line it routes.
BOUND_WEIGHT = 25
# A regular expression rewritten looser (a repeat added, a possessive repeat made backtracking,
# a class widened to `.*`): a reintroduced ReDoS. Routes alone.
LOOSENED_WEIGHT = 50
# A line put back with one call taken off a value (`escape(url)` -> `url`, `clean(unescape(p))`
# -> `unescape(p)`): what the call did (escape, normalise, copy, filter) no longer happens.
# Routes alone: fixes wrap values, ordinary commits rarely unwrap one (on the corpus: 14 more
# fixes for 1 more ordinary commit, most of them in the holdout projects).
CALL_TAKEN_OFF_WEIGHT = 50
# Lines longer than this are not read by the two shapes above (minified code, data).
SHAPE_MAX_LINE = 500
# Code taken out: a hunk of code (not tests) that removes at most REMOVED_CODE_MAX_LINES lines of
# code and adds none (comments, blank lines, imports and lines that moved elsewhere in the
# change do not count), or that removes a condition and puts back fewer lines than it took.
# Behaviour is gone and nothing says what replaced it: the shape of a reverted fix (a check,
# a cleanup, an escape, an argument), whatever words the lines use. Both route alone. On the
# corpus (bench/bench_routing.py) they are the two shapes that separate the reintroduced
# vulnerabilities no signal sees from ordinary commits best (removed-only hunks: 82 of 276
# such fixes, 172 of 2508 ordinary commits of the tune split).
REMOVED_CODE_WEIGHT = 50
SHRUNK_CONDITION_WEIGHT = 50
REMOVED_CODE_MAX_LINES = 10
_IMPORT = re.compile(
    r"^\s*(?:import\b|from\s+\S+\s+import\b|#\s*include\b|#\s*import\b|require(?:_relative)?\b|use\s|using\s"
    r"|package\s|extern\s+crate\b|(?:const|let|var)\s+\w+\s*=\s*require\()")
# A line of a Go import block: `"net/http"`, `kt "k8s.io/kubelet/pkg/types"`, `_ "embed"`.
_GO_IMPORT_SPEC = re.compile(r'^\s*(?:[\w.]+\s+)?"[^"\s]+"\s*$')
_ANY_CONDITION = re.compile(
    r"^\s*(?:\}\s*)?(?:else\s+)?(?:if|elif|elsif|unless|while|guard|switch|case|when)\b|&&|\|\||\band\b|\bor\b")
_COMPARISON = re.compile(r"<=|>=|<|>")
_OFF_BY_ONE = re.compile(r"[-+]1(?![\w.])")
_CONDITION = re.compile(r"^\s*(?:\}\s*)?(?:if|elif|else\s+if|unless|while)\b(.*)$")
_CLAUSE = re.compile(r"&&|\|\||\band\b|\bor\b")
# Whole-file skips that name a kind of file; they never beat a high tier.
_KIND_SKIPS = ("documentation only", "lockfile only", "generated or vendored only")


def _scoped(pattern: str) -> str:
    """`(?i)abc` -> `(?i:abc)`: global flags are only allowed at the start of a whole regex."""
    m = _GLOBAL_FLAGS.match(pattern)
    if m:
        return f"(?{m.group(1)}:{pattern[m.end():]})"
    return pattern


def _re2_options():
    import re2

    options = re2.Options()
    options.log_errors = False  # RE2 would print every rejected pattern to stderr
    options.never_capture = True
    return options


def _fast_matchers(patterns: list[str]) -> list:
    """One RE2 alternation for every pattern RE2 accepts (linear time: ~100x faster than `re`
    on a large diff), plus plain `re` for those it rejects (lookarounds, backreferences)."""
    try:
        import re2
    except ImportError:  # the wheel is missing on this platform: correct, only slower
        return [re.compile("|".join(f"(?:{_scoped(p)})" for p in patterns), re.MULTILINE)]
    options = _re2_options()
    accepted, rest = [], []
    for p in patterns:
        try:
            re2.compile(p, options)
            accepted.append(p)
        except Exception:  # re2.error; RE2 raises it for syntax it does not support
            rest.append(p)
    matchers: list = [re.compile(p, re.MULTILINE) for p in rest]
    if accepted:
        combined = "(?m)" + "|".join(f"(?:{_scoped(p)})" for p in accepted)
        try:
            matchers.insert(0, re2.compile(combined, options))
        except Exception:  # re2.error: too large for RE2's memory budget as one alternation
            matchers[:0] = [re2.compile("(?m)" + _scoped(p), options) for p in accepted]
    return matchers


def _one_matcher(pattern: str):
    """One config signal, for saying which one fired: RE2 when it takes it (the config refuses
    a signal RE2 rejects), so a hit found in linear time is not re-read by a backtracking `re`."""
    try:
        import re2

        return re2.compile("(?m)" + _scoped(pattern), _re2_options())
    except Exception:  # no wheel on this platform, or a pattern RE2 rejects
        return re.compile(pattern, re.MULTILINE)


class _PatternSet:
    """Which of several patterns match a text, in one linear-time pass (RE2's Set); plain
    `re` for a pattern RE2 rejects (none of the built-in ones: a test checks it)."""

    def __init__(self, patterns: list[str]):
        self._set = None
        self._ids: list[int] = []  # Set index -> pattern index
        self._rest: list[tuple[int, re.Pattern[str]]] = []
        try:
            import re2
        except ImportError:  # the wheel is missing on this platform: correct, only slower
            self._rest = [(i, re.compile(p, re.MULTILINE)) for i, p in enumerate(patterns)]
            return
        options = _re2_options()
        s = re2.Set.SearchSet(options)
        for i, p in enumerate(patterns):
            try:
                re2.compile(p, options)
                s.Add("(?m)" + _scoped(p))
                self._ids.append(i)
            except Exception:  # re2.error
                self._rest.append((i, re.compile(p, re.MULTILINE)))
        if self._ids:
            s.Compile()
            self._set = s

    def matches(self, text: str) -> list[int]:
        out = [self._ids[j] for j in (self._set.Match(text) or ())] if self._set is not None else []
        out.extend(i for i, rx in self._rest if rx.search(text))
        return out


class _SignalSets:
    """The built-in signals of one language: one pattern set per side of a hunk."""

    def __init__(self, signals):
        self.sides = {}
        for side in ("added", "removed", "context"):
            if side == "context":
                chosen = [s for s in signals if s.weight_on("context") is not None]
            else:
                # A changed-line signal is tried on both sides even when it weighs on one
                # only: a guard removed here and added back changed (a rewritten bounds
                # check) is a modified guard, not a removed one, and scores between the two.
                chosen = [s for s in signals if s.weight_on("context") is None]
            self.sides[side] = (_PatternSet([s.pattern for s in chosen]) if chosen else None, chosen)

    def fired(self, side: str, text: str):
        matcher, chosen = self.sides[side]
        if matcher is None or not text:
            return []
        return [chosen[i] for i in sorted(matcher.matches(text))]


@lru_cache(maxsize=32)
def _signal_sets(signals: tuple) -> _SignalSets:
    # Compiled once per process for a set of signals (~40 ms a language), not per Policy.
    return _SignalSets(signals)


@dataclass(frozen=True)
class TierMatch:
    tier: str
    reason: str


@dataclass(frozen=True)
class HunkScore:
    score: int
    reasons: tuple[str, ...]
    signals: tuple[str, ...]  # ids of the content signals that fired


def _lower(patterns) -> list[str]:
    # Globs match case-insensitively: `Auth/Provider.php` is as risky as `auth/provider.php`.
    return [p.lower() for p in patterns]


class Policy:
    """Compiled tier globs and signals of one Config."""

    def __init__(self, config: Config):
        self.config = config
        self._by_lang: dict[str, _SignalSets] = {}

    @cached_property
    def _specs(self):
        return {t: compile_globs(_lower(self.config.tiers[t].paths)) for t in TIERS}

    @cached_property
    def _quiet(self):
        return compile_globs(_lower(self.config.routing.quiet_paths))

    @cached_property
    def _signals(self) -> dict[str, tuple[list, list[tuple[str, re.Pattern[str]]]]]:
        """Per tier: fast matchers that tell whether any of the config's own signals fires."""
        out = {}
        for tier in TIERS:
            patterns = list(self.config.tiers[tier].signals)
            if patterns:
                out[tier] = (_fast_matchers(patterns), [(p, _one_matcher(p)) for p in patterns])
        return out

    @cached_property
    def builtin(self):
        """The built-in content signals in use (read only when a hunk needs a score)."""
        routing = self.config.routing
        if not routing.builtin_signals:
            return ()
        from .signals import builtin_signals

        off = set(routing.disable)
        return tuple(s for s in builtin_signals() if s.id not in off and s.group not in off)

    @cached_property
    def _shapes_on(self) -> bool:
        """Whether code taken out (_taken_out) is scored: a built-in signal of the guards group,
        named `code-taken-out` in routing.disable."""
        routing = self.config.routing
        return routing.builtin_signals and not ({"code-taken-out", "guards"} & set(routing.disable))

    def _sets(self, lang: str) -> _SignalSets:
        sets = self._by_lang.get(lang)
        if sets is None:
            sets = self._by_lang[lang] = _signal_sets(tuple(s for s in self.builtin if s.applies_to(lang)))
        return sets

    def tier_of_path(self, path: str) -> TierMatch:
        lowered = path.lower()
        for tier in TIERS:
            result = self._specs[tier].check_file(lowered)
            if result.include:
                glob = self.config.tiers[tier].paths[result.index]
                if tier == "low" and is_code(path) and kind_of(path, self.config.trivial) is None:
                    # A code edit is never low risk because of the folder it sits in (a .py
                    # under docs/); generated and vendored code is low because of what it is.
                    continue
                return TierMatch(tier, f"path matches {tier} glob '{glob}'")
        return TierMatch(self.config.default_tier, f"no glob matched: default tier {self.config.default_tier}")

    def quiet(self, path: str) -> bool:
        return self._quiet.match_file(path.lower())

    def signal_in(self, hunk: Hunk, above: str) -> TierMatch | None:
        """The strongest of the config's own signals on a changed line that would raise a
        hunk above tier `above`."""
        if not self._signals:
            return None
        changed = "\n".join(ln.text for ln in hunk.lines if ln.kind != " ")
        if not changed:
            return None
        for tier in TIERS:  # highest first: the first tier that fires is the strongest
            if TIER_RANK[tier] <= TIER_RANK[above] or tier not in self._signals:
                continue
            fast, signals = self._signals[tier]
            if not any(m.search(changed) for m in fast):
                continue
            for pattern, rx in signals:  # which one: only on a hit
                if rx.search(changed):
                    short = pattern if len(pattern) <= 60 else pattern[:57] + "..."
                    return TierMatch(tier, f"changed line matches {tier} signal '{short}'")
        return None

    def fired(self, hunk: Hunk, path: str, moved=frozenset()) -> tuple[dict[str, list[str]], list[dict[str, list[str]]]]:
        """The built-in signals that match: around the hunk ({id: ["context"]}) and in each
        window of its changed lines ([{id: sides}]). A hunk of up to WINDOW changed lines is
        one window; a longer one is read in overlapping windows, so weak signals add up only
        where they sit together (a 500-line new module is not a targeted risky change).
        Comment lines are read only by the signals that read comments, and lines in `moved`
        (removed in one place of the change and added in another; a set, or a callable that
        makes it) are not read: a guard that moved is not a removed guard, nor a sink that
        moved a new one. Windows and filters are worked out only for a side where something
        matched at all (most hunks match nothing): a large diff costs one RE2 pass a side."""
        if not self.builtin:
            return {}, [{}]
        lang = language_of(path)
        sets = self._sets(lang)
        changed = [ln for ln in hunk.lines if ln.kind != " "]
        # Both sides are tried with the same patterns: one pass tells whether either matters.
        if not sets.fired("added", "\n".join(ln.text for ln in changed)):
            return {}, [{}]  # the code around a change raises a signal's hunk, never routes one
        around = "\n".join([hunk.section] + [ln.text for ln in hunk.lines if ln.kind == " "])
        context = {s.id: ["context"] for s in sets.fired("context", around)}
        starts = range(0, max(len(changed) - WINDOW // 2, 1), WINDOW // 2)
        windows: list[dict[str, list[str]]] = [{} for _ in starts]
        for side, kind in (("added", "+"), ("removed", "-")):
            if not sets.fired(side, "\n".join(ln.text for ln in changed if ln.kind == kind)):
                continue
            gone = moved() if callable(moved) else moved
            for found, start in zip(windows, starts):
                lines = [ln.text for ln in changed[start:start + WINDOW] if ln.kind == kind]
                if gone:
                    lines = [x for x in lines if x.strip() not in gone]
                text = "\n".join(lines)
                code = strip_comments(text, lang)
                hits = {s.id for s in sets.fired(side, code) if s.reads == "code"}
                hits |= {s.id for s in sets.fired(side, text) if s.reads == "comments"}
                for sid in sorted(hits):
                    found.setdefault(sid, []).append(side)
        return context, windows

    def score(self, hunk: Hunk, path: str, path_match: TierMatch, quiet=False, moved=frozenset()) -> HunkScore:
        """The hunk's risk score and what made it, strongest first: the path, the signals of
        its strongest window of changed lines, and the code around it (capped)."""
        threshold = self.config.routing.threshold
        parts: list[tuple[int, str, str | None]] = []  # (weight, why, signal id)
        if path_match.tier == "high":
            parts.append((threshold, path_match.reason, None))
        context, windows = self.fired(hunk, path, moved)
        # Shapes: what comparing the two sides shows, whatever words the lines use.
        pairs = _rewritten_pairs(hunk)
        shapes = [(w, why) for w, why in ((NARROWED_WEIGHT, _narrowed(hunk)), (LOOSENED_WEIGHT, _regex_loosened(pairs)),
                                          (CALL_TAKEN_OFF_WEIGHT, _unwrapped_call(pairs))) if why]
        if self._shapes_on:
            shapes += [t for t in (_taken_out(hunk, path, moved),) if t]
        if not (context or any(windows) or shapes):
            return _hunk_score(parts)
        by_id = {s.id: s for s in self.builtin}
        quiet = quiet() if callable(quiet) else quiet  # a path match: only for a hunk with signals or shapes
        half = f" (test, example or script code: 1/{QUIET_DIVISOR})" if quiet else ""

        def scaled(w: int) -> int:
            return w // QUIET_DIVISOR if quiet else w

        def weight(sid: str, sides: list[str]) -> int:
            # Matched on both sides (a modified line): its modified weight, else between its
            # removed and added weights.
            if len(sides) > 1 and by_id[sid].weight_on("modified") is not None:
                return scaled(by_id[sid].weight_on("modified"))
            ws = [by_id[sid].weight_on(side) or 0 for side in sides]
            return scaled(sum(ws) // len(ws))

        best = max(windows, key=lambda found: sum(weight(sid, sides) for sid, sides in found.items()), default={})
        for sid, sides in best.items():
            where = " and ".join(f"{side} line" for side in sides)
            parts.append((weight(sid, sides), f"{where}: {sid} ({by_id[sid].group}){half}", sid))
        parts += [(scaled(w), why + half, None) for w, why in shapes]
        if any(by_id[sid].group in _GUARD_GROUPS and "removed" in sides for sid, sides in best.items()):
            for w, why in ((BOUND_WEIGHT, _bound_moved(hunk)), (UNWRAPPED_WEIGHT, _unwrapped(hunk)),
                           (DELETED_GUARD_WEIGHT, _deleted_guard(hunk))):
                if why:
                    parts.append((scaled(w), why + half, None))
        left = CONTEXT_CAP
        for sid in context:
            w = min(weight(sid, ["context"]), left)
            left -= w
            parts.append((w, f"code around the change: {sid} ({by_id[sid].group}){half}", sid))
        return _hunk_score(parts)


def _hunk_score(parts: list[tuple[int, str, str | None]]) -> HunkScore:
    """(weight, why, signal id) parts -> the score, its reasons strongest first, the signals."""
    parts = sorted((p for p in parts if p[0]), key=lambda p: -p[0])
    return HunkScore(
        score=sum(w for w, _, _ in parts),
        reasons=tuple(f"{w:+d} {why}" for w, why, _ in parts),
        signals=tuple(sid for _, _, sid in parts if sid),
    )


_GUARD_GROUPS = frozenset({"guards", "limits", "memory", "auth", "path", "html", "redirect", "http"})


def _bare(condition: str) -> str:
    """`(a || b) {` -> `a||b`: a condition without spacing, parentheses and its block opener."""
    return re.sub(r"[\s()]+|[:{]$|\bthen$", "", condition.strip().removesuffix("{").removesuffix(":").strip())


def _clauses(condition: str) -> int:
    return len(_CLAUSE.findall(condition)) + 1


def _deleted_guard(hunk: Hunk) -> str | None:
    """A hunk with a removed guard that adds nothing (see DELETED_GUARD_WEIGHT)."""
    if any(ln.kind == "+" and ln.text.strip() for ln in hunk.lines):
        return None
    removed = sum(1 for ln in hunk.lines if ln.kind == "-")
    if removed > DELETED_GUARD_MAX_LINES:
        return None
    return f"removed lines only ({removed}): a deleted guard, nothing in its place"


def _taken_out(hunk: Hunk, path: str, moved=frozenset()) -> tuple[int, str] | None:
    """Code taken out with nothing (or less) in its place (see REMOVED_CODE_WEIGHT): (weight,
    why), or None. Only for a program's source: a removed line of docs or config is not
    behaviour gone."""
    if not is_code(path):
        return None
    lang = language_of(path)
    removed = [ln.text for ln in hunk.lines if ln.kind == "-"]
    if not removed:
        return None
    code = [t for t in strip_comments("\n".join(removed), lang).split("\n") if len(t.strip()) > 2]
    code = [t for t in code if not _IMPORT.match(t) and not (lang == "go" and _GO_IMPORT_SPEC.match(t))]
    if not code or len(code) > REMOVED_CODE_MAX_LINES:
        return None
    gone = moved() if callable(moved) else moved
    if gone:
        code = [t for t in code if t.strip() not in gone]
        if not code:
            return None
    added = [t for t in strip_comments("\n".join(ln.text for ln in hunk.lines if ln.kind == "+"), lang).split("\n")
             if t.strip() and t.strip() not in gone]
    if not added:
        return REMOVED_CODE_WEIGHT, f"removed code only ({len(code)} lines): behaviour taken out, nothing in its place"
    if len(added) < len(code) and any(_ANY_CONDITION.search(t) for t in code):
        return SHRUNK_CONDITION_WEIGHT, "a condition removed and fewer lines put back: part of a check taken out"
    return None


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def _unwrapped(hunk: Hunk) -> str | None:
    """A removed `if` whose body lines come back with less indentation: the guard is gone and
    what it guarded stays."""
    lines = hunk.lines
    added = {}
    for ln in lines:
        if ln.kind == "+" and len(ln.text.strip()) >= 8:
            added.setdefault(ln.text.strip(), _indent(ln.text))
    if not added:
        return None
    for i, ln in enumerate(lines):
        if ln.kind != "-" or not _CONDITION.match(ln.text):
            continue
        depth = _indent(ln.text)
        for body in lines[i + 1:]:
            if body.kind != "-" or not body.text.strip():
                continue
            if _indent(body.text) <= depth:
                break
            now = added.get(body.text.strip())
            if now is not None and now < _indent(body.text):
                return "a removed condition's block stays, dedented: it now runs for every input"
    return None


def _bound_key(condition: str) -> str:
    return _OFF_BY_ONE.sub("", _COMPARISON.sub("<", condition))


def _bound_moved(hunk: Hunk) -> str | None:
    """A removed condition and an added one that differ only in a comparison or by one."""
    removed = [m.group(1) for ln in hunk.lines if ln.kind == "-" and ("<" in ln.text or ">" in ln.text)
               for m in (_CONDITION.match(ln.text),) if m]
    if not removed:
        return None
    added = {_bound_key(_bare(m.group(1))): _bare(m.group(1)) for ln in hunk.lines if ln.kind == "+"
             for m in (_CONDITION.match(ln.text),) if m}
    for r in removed:
        was = _bare(r)
        now = added.get(_bound_key(was))
        if now is not None and now != was:
            return "a bound moved: a condition rewritten only in its comparison or by one"
    return None


# A line that holds a regular expression: a /literal/ after `=`, `(`, `,`, `when`, `=~`, a
# %r{...}, a raw string handed to a regex constructor.
_REGEX_LINE = re.compile(r"(?:=~?|[(,]|\bwhen|\breturn)\s*/[^/*\s]|%r[{(\[|!/]|\b(?:re\.\w+|Regexp(?:\.new)?|"
                         r"Pattern\.compile|new\s+RegExp|regexp\.(?:Must)?Compile|preg_\w+)\s*\(")
_REGEX_HINT = re.compile(r"/|%r|re\.|Reg[Ee]xp|Pattern|preg_")
_QUANTIFIER = re.compile(r"(?<!\\)(?:[*+]|\{\d*,\d*\})")
_POSSESSIVE = re.compile(r"(?<!\\)[*+?}]\+|\(\?>")
_WILDCARD = re.compile(r"(?<!\\)\.[*+]")


def _rewritten_pairs(hunk: Hunk) -> list[tuple[str, str]]:
    """(removed, added) line pairs of a hunk that removes and adds as many lines, paired in
    order (each line a rewrite of the other), without lines over SHAPE_MAX_LINE; else []."""
    removed = [ln.text for ln in hunk.lines if ln.kind == "-"]
    added = [ln.text for ln in hunk.lines if ln.kind == "+"]
    if not removed or len(removed) != len(added):
        return []
    return [(r, a) for r, a in zip(removed, added) if len(r) <= SHAPE_MAX_LINE]


def _regex_loosened(pairs: list[tuple[str, str]]) -> str | None:
    """A regular expression rewritten with a repeat added, a possessive or atomic repeat made
    backtracking, or a class widened to `.*` (`[^:]*;` -> `.*;`): the shape of a reintroduced
    ReDoS, whatever else the line says."""
    for r, a in pairs:
        if (not _REGEX_HINT.search(r) or r.strip() == a.strip()
                or not (_REGEX_LINE.search(r) and _REGEX_LINE.search(a))):
            continue
        if (len(_QUANTIFIER.findall(a)) > len(_QUANTIFIER.findall(r))
                or len(_POSSESSIVE.findall(a)) < len(_POSSESSIVE.findall(r))
                or len(_WILDCARD.findall(a)) > len(_WILDCARD.findall(r))):
            return "a regular expression loosened: a repeat added or made backtracking"
    return None


_CALL = re.compile(r"([A-Za-z_][\w.:]*(?:->\w+)?)\(\s*([^(),]*(?:\([^()]*\)[^(),]*)*)\s*\)")


def _unwrapped_call(pairs: list[tuple[str, str]]) -> str | None:
    """A line put back with one call taken off its value (`clean(unescape(p))` ->
    `unescape(p)`, `filter(name)` -> `name`): the value is now used without what that call
    did (a normalisation, an escape, a filter)."""
    for r, a in pairs:
        # Cheap tests first: an unwrapped line has a call to lose and is shorter without spaces.
        if "(" not in r:
            continue
        want = "".join(a.split())
        if len(want) < 6 or len(want) >= len("".join(r.split())):
            continue
        for m in _CALL.finditer(r):
            inner = m.group(2).strip()
            if not inner:
                continue
            if "".join((r[:m.start()] + inner + r[m.end():]).split()) == want:
                return f"a call taken off a value: {m.group(1).split('.')[-1]}() no longer applied"
    return None


def _narrowed(hunk: Hunk) -> str | None:
    """A removed condition whose rewrite keeps some of its clauses and drops others
    (`if a || b` -> `if a`): see NARROWED_WEIGHT. Plain string tests first: most hunks have
    no removed line with two clauses."""
    removed = [ln.text for ln in hunk.lines if ln.kind == "-" and ("&&" in ln.text or "||" in ln.text
                                                                    or " and " in ln.text or " or " in ln.text)]
    if not removed:
        return None
    added = [ln.text for ln in hunk.lines if ln.kind == "+"]
    was = [(_bare(m.group(1)), _clauses(m.group(1))) for m in map(_CONDITION.match, removed) if m]
    if not was:
        return _clause_dropped(removed, added)
    now = [(_bare(m.group(1)), _clauses(m.group(1))) for m in map(_CONDITION.match, added) if m]
    if any(len(b) >= 3 and b in a and n > k for a, n in was for b, k in now):
        return "a condition rewritten with fewer clauses: part of a guard removed"
    return _clause_dropped(removed, added)


_COMMENT_LINE = re.compile(r"^\s*(#|//|/?\*|--\s)")


def _clause_set(text: str) -> list[str]:
    """The clauses of one line of a condition, without spacing and parentheses; a part with no
    word in it (a line-continuation backslash, a brace) is no clause."""
    if _COMMENT_LINE.match(text):
        return []
    return [c for c in (re.sub(r"[\s()]+", "", part) for part in _CLAUSE.split(text)) if re.search(r"\w", c)]


def _clause_dropped(removed: list[str], added: list[str]) -> str | None:
    """A line of a condition (its first line or a continuation, `&& (a >= 3 && b)`) put back
    with a clause gone, the others kept as they were, and the clause on no other added line
    (a condition re-wrapped over two lines keeps all its clauses)."""
    new = [_clause_set(t) for t in added if "&&" in t or "||" in t or " and " in t or " or " in t
           or _CONDITION.match(t)]
    if not new:
        return None
    everywhere = {c for t in added for c in _clause_set(t)}
    for r in removed:
        old = _clause_set(r)
        if len(old) < 2:
            continue
        for kept in new:
            if (kept and len(kept) < len(old) and all(c in old for c in kept) and sum(len(c) for c in kept) >= 3
                    and any(c not in everywhere for c in old)):
                return "a condition rewritten with fewer clauses: part of a guard removed"
    return None


def _max_tier(a: TierMatch, b: TierMatch) -> TierMatch:
    return b if TIER_RANK[b.tier] > TIER_RANK[a.tier] else a


def _path_tier(f: ChangedFile, policy: Policy) -> TierMatch:
    match = policy.tier_of_path(f.path)
    if f.old_path and f.old_path != f.path:
        # Moving a file out of a risky place is as risky as the place it left.
        old = policy.tier_of_path(f.old_path)
        if TIER_RANK[old.tier] > TIER_RANK[match.tier]:
            match = TierMatch(old.tier, f"old path {old.reason.removeprefix('path ')}")
    return match


def _file_skip(f: ChangedFile, match: TierMatch, config: Config) -> str | None:
    skip = file_trivial(f, config.trivial)
    if skip and match.tier == "high" and (skip in _KIND_SKIPS or skip.startswith("generated file")):
        # A skip glob or a marker line never beats the high tier: both are too easy to reach
        # (a file moved under docs/, a "generated" comment pasted into a risky file).
        return None
    if skip is None and f.binary and not f.submodule and match.tier == "low":
        return "binary asset"
    return skip


def _summary(s: HunkScore, threshold: int) -> str:
    named = ", ".join(s.signals[:4]) + (", ..." if len(s.signals) > 4 else "")
    return f"risk score {s.score} (threshold {threshold}) from signals: {named}"


def moved_lines(files) -> frozenset[str]:
    """Lines (stripped, long enough to mean something) that the change removes in one place
    and adds in another: code that moved, or was only re-indented."""
    n = MOVED_MIN_CHARS
    lines = [ln for f in files for h in f.hunks for ln in h.lines if ln.kind != " " and len(ln.text) >= n]
    added = {s for ln in lines if ln.kind == "+" for s in (ln.text.strip(),) if len(s) >= n}
    removed = {s for ln in lines if ln.kind == "-" for s in (ln.text.strip(),) if len(s) >= n}
    return frozenset(added & removed)


class _Lazy:
    """A value made on first use: most diffs never need the moved lines."""

    def __init__(self, make):
        self._make = make
        self._value = None

    def __call__(self):
        if self._value is None:
            self._value = self._make()
        return self._value


def _new_dependency(f: ChangedFile, h: Hunk, removed) -> str | None:
    """The first dependency a manifest hunk adds (one not removed elsewhere in the change):
    a new package is where a typosquat comes in, and a model can tell `reqeusts` from
    `requests`. Bumps never get here (they are trivial), nor metadata or tool settings."""
    from .manifests import family

    if family(f.path) is None:
        return None
    from .review.supply import dependency_added

    hits = dependency_added(f.path, f.status, (h,), removed())
    return hits[0].message.split(":", 1)[0] if hits else None


def _hunk_verdicts(f: ChangedFile, match: TierMatch, skip: str | None, policy: Policy, config: Config,
                   moved=frozenset(), removed_deps=frozenset):
    threshold = config.routing.threshold
    quiet = _Lazy(lambda: policy.quiet(f.path) or bool(f.old_path and policy.quiet(f.old_path)))
    entries = []
    for h in f.hunks:
        if f.submodule:
            # In a model tier it is "not reviewable" (the plan says so), never a quiet skip.
            triv = skip or (None if match.tier in config.review.tiers else "submodule pointer")
        else:
            triv = skip or hunk_trivial(h, f.path)
        if triv is not None:
            entries.append(HunkVerdict(h, match.tier, match.reason, triv, tokens.estimate_hunk(h)))
            continue
        s = policy.score(h, f.path, match, quiet, moved)
        own = policy.signal_in(h, match.tier)
        score, reasons = s.score, s.reasons
        if own is not None and own.tier == "high" and score < threshold:
            reasons = (f"{threshold - score:+d} {own.reason}",) + reasons
            score = threshold
        dep = None
        if score < threshold and match.tier != "high":
            dep = _new_dependency(f, h, removed_deps)
            if dep is not None:
                reasons = (f"{threshold - score:+d} manifest: {dep}",) + reasons
                score = threshold
        if match.tier == "high":
            tm = match
        elif dep is not None:
            tm = TierMatch("high", f"manifest: {dep}")
        elif score >= threshold:
            tm = TierMatch("high", _summary(s, threshold) if own is None or own.tier != "high" else own.reason)
        else:
            tm = _max_tier(match, own) if own is not None else match
        entries.append(HunkVerdict(h, tm.tier, tm.reason, None, tokens.estimate_hunk(h), score, reasons))
    changed = sum(1 for h in f.hunks for ln in h.lines if ln.kind != " ")
    if (
        skip is None
        and match.tier == "low"
        and all(v.tier == "low" for v in entries)
        and changed <= config.trivial.small_edit_lines
    ):
        small = f"small edit in a low-risk file ({changed} changed lines)"
        from dataclasses import replace

        entries = [v if v.trivial else replace(v, trivial=small) for v in entries]
    return tuple(entries)


def _file_verdict(f: ChangedFile, match: TierMatch, skip: str | None, hunks: tuple[HunkVerdict, ...]) -> FileVerdict:
    path_tier = match.tier
    score = 0
    for v in hunks:
        if v.trivial is None:
            match = _max_tier(match, TierMatch(v.tier, v.reason))
            score = max(score, v.score)
    if skip is None and hunks and all(v.trivial for v in hunks):
        skip = "; ".join(sorted({v.trivial for v in hunks if v.trivial}))
    return FileVerdict(file=f, tier=match.tier, reason=match.reason, trivial=skip, hunks=hunks,
                       path_tier=path_tier, score=score)


def classify(files, config: Config, policy: Policy | None = None) -> tuple[FileVerdict, ...]:
    """ChangedFile[] -> FileVerdict[]: a tier, a score and the reasons per file and per hunk.
    Token counts are estimates: the plan counts exactly (tiktoken) the hunks it may send."""
    policy = policy or Policy(config)
    files = list(files)
    moved = _Lazy(lambda: moved_lines(files))

    def removed_dependencies() -> set[str]:
        from .review.supply import removed_dependencies

        return removed_dependencies((f.path, f.hunks) for f in files)

    removed_deps = _Lazy(removed_dependencies)
    out = []
    for f in files:
        match = _path_tier(f, policy)
        skip = _file_skip(f, match, config)
        out.append(_file_verdict(f, match, skip, _hunk_verdicts(f, match, skip, policy, config, moved, removed_deps)))
    return tuple(out)
