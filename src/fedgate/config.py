"""Load and validate `.fedgate.yml`; the built-in default is `defaults.yml` in this package."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from .models import SEVERITIES, TIERS, FedgateError

CONFIG_NAME = ".fedgate.yml"
RULE_IDS = (
    "secret",
    "reviewer-directed-text",
    "sensitive-logged",
    "tls-verify-off",
    "access-check-removed",
    "debug-left",
    "risky-without-tests",
    "known-bad-release",
    "sha-pin-dropped",
    "action-unpinned",
    "dependency-added",
)
# Globs in one RE2 set: sets of 1,000 compile in 0.15 s; one of 4,500 exceeds RE2's budget.
_GLOBS_PER_SET = 1000
# A glob list longer than this is not a policy (each glob costs about 0.35 ms to check and
# compile), nor a config with more than MAX_GLOBS_IN_ALL in all its lists.
MAX_GLOBS = 10_000
MAX_GLOBS_IN_ALL = 20_000


@dataclass(frozen=True)
class TierConfig:
    name: str
    paths: tuple[str, ...]
    signals: tuple[str, ...]
    max_tokens: int | None
    model: str | None = None


@dataclass(frozen=True)
class ReviewConfig:
    model: str | None = None
    # Federation (review.models): the strong model reviews high-tier hunks, the cheap one
    # medium (and low, when reviewed). tiers.<t>.model still wins over both.
    strong_model: str | None = None
    cheap_model: str | None = None
    api_base: str | None = None
    tiers: tuple[str, ...] = ("high",)
    timeout_s: float = 60.0
    max_concurrency: int = 4
    retries: int = 3
    batch_tokens: int = 12000
    fail_on: str = "high"
    on_error: str = "fail"
    required: bool = False
    cache: bool = True


@dataclass(frozen=True)
class ModelPrice:
    price_per_mtok_in: float
    price_per_mtok_out: float


@dataclass(frozen=True)
class RuleConfig:
    enabled: bool = True
    severity: str | None = None
    paths: tuple[str, ...] = ()


@dataclass(frozen=True)
class TrivialConfig:
    small_edit_lines: int
    docs: tuple[str, ...]
    lockfiles: tuple[str, ...]
    generated: tuple[str, ...]


@dataclass(frozen=True)
class RoutingConfig:
    # A hunk whose risk score reaches this is high risk. A path in the high tier scores this
    # much by itself; content signals (src/fedgate/signals/*.yml) add their weights.
    threshold: int = 50
    builtin_signals: bool = True
    disable: tuple[str, ...] = ()  # built-in signal ids or group names switched off
    # Paths where content signals count half (tests, examples): code that is not shipped.
    quiet_paths: tuple[str, ...] = ()


@dataclass(frozen=True)
class Config:
    tiers: dict[str, TierConfig]
    default_tier: str
    trivial: TrivialConfig
    review: ReviewConfig
    max_cost_usd: float | None
    routing: RoutingConfig = field(default_factory=RoutingConfig)
    models: dict[str, ModelPrice] = field(default_factory=dict)
    rules: dict[str, RuleConfig] = field(default_factory=dict)
    ledger_enabled: bool = True
    ledger_path: str | None = None
    ledger_url: str | None = None  # a postgresql:// URL; from a repository's file only once approved
    ledger_repo_name: str | None = None
    source: str | None = None  # the file it came from; None for the built-in default
    # The file is part of the repository (a clone's author wrote it): settings that send data
    # or write elsewhere need the user's approval (trust.py).
    needs_approval: bool = False

    def model_for(self, tier: str) -> str | None:
        federated = self.review.strong_model if tier == "high" else self.review.cheap_model
        return self.tiers[tier].model or federated or self.review.model

    def rule(self, rule_id: str) -> RuleConfig:
        return self.rules.get(rule_id, RuleConfig())


# ------------------------------------------------------------------ the schema
# Each leaf is a checker: (node, where) -> python value, raising _Invalid with a message.


class _Invalid(Exception):
    def __init__(self, node: yaml.Node | None, msg: str):
        super().__init__(msg)
        self.node = node
        self.msg = msg


def _scalar(node: yaml.Node, what: str) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        raise _Invalid(node, f"expected {what}")
    # The composer already resolved the tag (int, float, bool, null, str): construct in place.
    return yaml.constructor.SafeConstructor().construct_object(node)


def _str(node, nullable=False):
    v = _scalar(node, "a string")
    if v is None and nullable:
        return None
    if not isinstance(v, str) or not v:
        raise _Invalid(node, "expected a non-empty string")
    return v


def _opt_str(node):
    return _str(node, nullable=True)


def _bool(node):
    v = _scalar(node, "true or false")
    if not isinstance(v, bool):
        raise _Invalid(node, "expected true or false")
    return v


def _number(minimum: float = 0, integer: bool = False, nullable: bool = False):
    def check(node):
        v = _scalar(node, "a number")
        if v is None and nullable:
            return None
        ok = isinstance(v, int) if integer else isinstance(v, (int, float))
        if isinstance(v, bool) or not ok:
            raise _Invalid(node, f"expected {'a whole number' if integer else 'a number'}")
        if v != v or v in (float("inf"), float("-inf")):
            # .nan compares false with everything: a NaN budget would never stop a call.
            raise _Invalid(node, "expected a finite number (leave the key out for the default)")
        if v < minimum:
            raise _Invalid(node, f"must be at least {minimum}")
        return v

    return check


def _enum(*choices: str):
    def check(node):
        v = _scalar(node, "one of " + ", ".join(choices))
        if v not in choices:
            raise _Invalid(node, f"must be one of {', '.join(choices)} (got {v!r})")
        return v

    return check


def _list(item, limit: int | None = None, noun: str = "items"):
    def check(node):
        if isinstance(node, yaml.ScalarNode) and node.value in ("", "null", "~") and node.tag.endswith("null"):
            return ()
        if not isinstance(node, yaml.SequenceNode):
            raise _Invalid(node, "expected a list")
        if limit is not None and len(node.value) > limit:
            raise _Invalid(node, f"{len(node.value):,} {noun}: at most {limit:,} in one list")
        return tuple(item(n) for n in node.value)

    return check


def url_problem(value: str) -> str | None:
    """Why `value` is not an http(s) base URL, or None. A bad one would fail every call,
    retried, as a vague "Connection error" from the provider library."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(value)
        parts.port  # raises on a port out of range
    except ValueError as e:
        return f"not a URL ({e})"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "expected an http:// or https:// URL with a host"
    # urlsplit accepts anything as a host: a space or a stray character fails every call later.
    host = parts.hostname
    if any(c.isspace() for c in value) or not (re.fullmatch(r"[a-z0-9._~-]+", host) or _is_ipv6(host)):
        return f"{host!r} is not a host name or an IP address"
    return None


def _is_ipv6(host: str) -> bool:
    import ipaddress

    try:
        return ipaddress.ip_address(host).version == 6
    except ValueError:
        return False


def _url(node):
    value = _opt_str(node)
    problem = url_problem(value) if value is not None else None
    if problem:
        raise _Invalid(node, f"{problem} (got {value!r})")
    return value


def _glob(node):
    pattern = _str(node)
    try:
        compile_globs([pattern])
        if pattern.lower() != pattern:  # tiers and trivial globs match lowercased ("[Z-a]" -> "[z-a]")
            compile_globs([pattern.lower()])
    except Exception as e:  # pathspec raises several types for bad patterns
        raise _Invalid(node, f"invalid glob {shorten(pattern)!r}: {shorten(str(e), 200)}") from None
    return pattern


# Each config signal is tried on every changed line of a hunk that could rise to its tier.
MAX_SIGNALS = 1000


def _regex(node):
    pattern = _str(node)
    try:
        re.compile(pattern)
    except (re.error, RecursionError, OverflowError) as e:
        raise _Invalid(node, f"invalid regular expression {shorten(pattern)!r}: {e}") from None
    problem = re2_problem(pattern)
    if problem:
        # A pattern only `re` runs can backtrack for minutes on one line of a diff
        # ("(?=a)(a+)+$"): signals run in RE2, in time linear in the text, or not at all.
        raise _Invalid(node, f"regular expression {shorten(pattern)!r} is not supported: RE2 rejects it ({problem}); "
                             "signals run in linear time, without lookarounds or backreferences") from None
    return pattern


def re2_options():
    import re2

    options = re2.Options()
    options.log_errors = False  # RE2 would print every rejected pattern to stderr
    options.never_capture = True
    return options


def re2_problem(pattern: str) -> str | None:
    """Why RE2 cannot compile `pattern` (a lookaround, a backreference, too large), or None."""
    try:
        import re2
    except ImportError:  # the wheel is missing on this platform: `re` it is
        return None
    try:
        re2.compile(pattern, re2_options())
    except Exception as e:  # re2.error, with the reason as bytes
        reason = e.args[0] if e.args else e
        return (reason.decode("utf-8", "replace") if isinstance(reason, bytes) else str(reason)) or type(e).__name__
    return None


def shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _tier_name(node):
    return _enum(*TIERS)(node)


def _mapping(schema: dict[str, Any] | None = None, *, each=None, allowed=None, noun: str = "key", required=()):
    """A mapping checker: fixed keys (`schema`), or any key / `allowed` keys checked by `each`."""
    names = schema.keys() if schema is not None else allowed

    def check(node):
        if isinstance(node, yaml.ScalarNode) and node.tag.endswith("null"):
            return {}
        if not isinstance(node, yaml.MappingNode):
            raise _Invalid(node, "expected a mapping (key: value)")
        out = {}
        for knode, vnode in node.value:
            key = _str(knode)
            if names is not None and key not in names:
                raise _Invalid(knode, f"unknown {noun} '{key}' (known: {', '.join(sorted(names))})")
            if key in out:
                raise _Invalid(knode, f"duplicate key '{key}'")
            try:
                out[key] = (schema[key] if schema is not None else each)(vnode)
            except _Invalid as e:
                # Nested errors carry their key path: 'tiers.high.paths': ...
                e.msg = f"'{key}.{e.msg[1:]}" if e.msg.startswith("'") else f"'{key}': {e.msg}"
                raise
        missing = [k for k in required if k not in out]
        if missing:
            raise _Invalid(node, f"needs {' and '.join(missing)}")
        return out

    return check


_TIER = _mapping(
    {
        "paths": _list(_glob, MAX_GLOBS, "globs"),
        "signals": _list(_regex, MAX_SIGNALS, "signals"),
        "max_tokens": _number(0, integer=True, nullable=True),
        "model": _opt_str,
    }
)
_RULE = _mapping({"enabled": _bool, "severity": _enum(*SEVERITIES), "paths": _list(_glob, MAX_GLOBS, "globs")})
_SCHEMA = _mapping(
    {
        "default_tier": _tier_name,
        "tiers": _mapping({t: _TIER for t in TIERS}),
        "trivial": _mapping(
            {
                "small_edit_lines": _number(0, integer=True),
                "docs": _list(_glob, MAX_GLOBS, "globs"),
                "lockfiles": _list(_glob, MAX_GLOBS, "globs"),
                "generated": _list(_glob, MAX_GLOBS, "globs"),
            }
        ),
        "review": _mapping(
            {
                "model": _opt_str,
                "models": _mapping({"cheap": _str, "strong": _str}, required=("cheap", "strong")),
                "api_base": _url,
                "tiers": _list(_tier_name),
                "timeout_s": _number(1),
                "max_concurrency": _number(1, integer=True),
                "retries": _number(0, integer=True),
                "batch_tokens": _number(500, integer=True),
                "fail_on": _enum(*SEVERITIES),
                "on_error": _enum("fail", "pass"),
                "required": _bool,
                "cache": _bool,
            }
        ),
        "routing": _mapping(
            {
                "threshold": _number(1, integer=True),
                "builtin_signals": _bool,
                "disable": _list(_str),
                "quiet_paths": _list(_glob, MAX_GLOBS, "globs"),
            }
        ),
        "budget": _mapping({"max_cost_usd": _number(0, nullable=True)}),
        "models": _mapping(
            each=_mapping(
                {"price_per_mtok_in": _number(0), "price_per_mtok_out": _number(0)},
                required=("price_per_mtok_in", "price_per_mtok_out"),
            )
        ),
        "rules": _mapping(each=_RULE, allowed=RULE_IDS, noun="rule"),
        "ledger": _mapping({"enabled": _bool, "path": _opt_str, "url": _opt_str, "repo_name": _opt_str}),
    }
)


def _pathspec(patterns):
    """A gitignore-style matcher; pathspec 1.x calls it "gitignore", older "gitwildmatch"."""
    import pathspec

    try:
        return pathspec.PathSpec.from_lines("gitignore", patterns)
    except (KeyError, LookupError):
        return pathspec.PathSpec.from_lines("gitwildmatch", patterns)


def compile_globs(patterns):
    """A gitignore-style matcher of `patterns` (check_file, match_file: the last glob that
    matches decides).

    pathspec compiles all the globs into one RE2 set, which RE2's memory budget holds for a few
    thousand globs: past that (one tier of 4,500) the set is split in halves until each part
    compiles, and the parts are read in order. One glob that does not compile alone raises.
    """
    patterns = list(patterns)
    if len(patterns) <= _GLOBS_PER_SET:
        try:
            return _pathspec(patterns)
        except Exception:  # re2.error "failed to compile Set"; pathspec's own errors for bad globs
            if len(patterns) < 2:
                raise
    size = min(_GLOBS_PER_SET, (len(patterns) + 1) // 2)
    parts = []
    for offset in range(0, len(patterns), size):
        spec = compile_globs(patterns[offset:offset + size])
        parts.extend([(offset + o, sp) for o, sp in spec.parts] if isinstance(spec, _GlobParts) else [(offset, spec)])
    return _GlobParts(parts)



@dataclass(frozen=True)
class GlobCheck:
    file: str
    include: bool | None  # None: no glob matched
    index: int | None  # which glob decided


class _GlobParts:
    """Several pathspecs over consecutive slices of one glob list, read as one."""

    def __init__(self, parts):
        self.parts = parts  # [(index of the part's first glob, PathSpec)]

    def check_file(self, file: str) -> GlobCheck:
        include, index = None, None
        for offset, spec in self.parts:
            result = spec.check_file(file)
            if result.include is not None:
                include, index = result.include, offset + result.index
        return GlobCheck(file, include, index)

    def match_file(self, file: str) -> bool:
        return bool(self.check_file(file).include)


def default_text() -> str:
    return resources.files("fedgate").joinpath("defaults.yml").read_text(encoding="utf-8")


_MAX_NESTING = 1000  # libyaml's C composer recurses per level and segfaults past ~20,000


def _too_deep(text: str) -> bool:
    depth = 0
    for m in re.finditer(r"[\[\]{}]", text):
        depth += 1 if m.group() in "[{" else -1
        if depth > _MAX_NESTING:
            return True
    return False


def _parse(text: str, source: str) -> dict[str, Any]:
    if _too_deep(text):
        raise FedgateError(f"{source}: invalid YAML: nested more than {_MAX_NESTING} levels deep")
    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        where = f"{source}:{mark.line + 1}" if mark else source
        hint = ""
        if mark and "\t" in (text.splitlines()[mark.line:mark.line + 1] or [""])[0][: mark.column + 1]:
            hint = " (YAML does not allow tabs for indentation: use spaces)"
        raise FedgateError(f"{where}: invalid YAML: {e.problem or e}{hint}") from None
    except yaml.YAMLError as e:
        raise FedgateError(f"{source}: invalid YAML: {e}") from None
    if node is None:
        return {}
    items = _count_items(node)
    if items > MAX_GLOBS_IN_ALL:
        raise FedgateError(f"{source}: {items:,} list entries in all: at most {MAX_GLOBS_IN_ALL:,} in one config")
    try:
        return _SCHEMA(node)
    except _Invalid as e:
        line = f":{e.node.start_mark.line + 1}" if e.node is not None else ""
        raise FedgateError(f"{source}{line}: {e.msg}") from None


def _count_items(node) -> int:
    """Entries of every list in the file (globs or not), counted before any is compiled; a
    list that aliases repeat counts once (each place is bounded by MAX_GLOBS)."""
    count, todo, seen = 0, [node], set()
    while todo:
        n = todo.pop()
        if id(n) in seen:
            continue
        seen.add(id(n))
        if isinstance(n, yaml.SequenceNode):
            count += len(n.value)
            todo.extend(n.value)
        elif isinstance(n, yaml.MappingNode):
            todo.extend(v for _, v in n.value)
    return count


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict) and key not in ("models",):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _build(data: dict[str, Any], source: str | None) -> Config:
    tiers = {}
    for name in TIERS:
        t = data.get("tiers", {}).get(name, {})
        tiers[name] = TierConfig(
            name=name,
            paths=tuple(t.get("paths", ())),
            signals=tuple(t.get("signals", ())),
            max_tokens=t.get("max_tokens"),
            model=t.get("model"),
        )
    tr = data.get("trivial", {})
    rv = dict(data.get("review", {}))
    federation = rv.pop("models", None) or {}
    if federation:
        rv["strong_model"], rv["cheap_model"] = federation["strong"], federation["cheap"]
        # A cheap model is configured to review the medium tier: review it.
        tiers_reviewed = list(rv.get("tiers", ("high",)))
        rv["tiers"] = tiers_reviewed + [t for t in ("high", "medium") if t not in tiers_reviewed]
    review = ReviewConfig(**{k: (tuple(v) if isinstance(v, (list, tuple)) else v) for k, v in rv.items()})
    models = {k: ModelPrice(**v) for k, v in data.get("models", {}).items() if v}
    rules = {}
    for rid, r in data.get("rules", {}).items():
        rules[rid] = RuleConfig(
            enabled=r.get("enabled", True), severity=r.get("severity"), paths=tuple(r.get("paths", ()))
        )
    ledger = data.get("ledger", {})
    ro = data.get("routing", {})
    routing = RoutingConfig(
        threshold=ro.get("threshold", 50),
        builtin_signals=ro.get("builtin_signals", True),
        disable=tuple(ro.get("disable", ())),
        quiet_paths=tuple(ro.get("quiet_paths", ())),
    )
    return Config(
        tiers=tiers,
        default_tier=data.get("default_tier", "medium"),
        trivial=TrivialConfig(
            small_edit_lines=tr.get("small_edit_lines", 10),
            docs=tuple(tr.get("docs", ())),
            lockfiles=tuple(tr.get("lockfiles", ())),
            generated=tuple(tr.get("generated", ())),
        ),
        review=review,
        max_cost_usd=data.get("budget", {}).get("max_cost_usd"),
        routing=routing,
        models=models,
        rules=rules,
        ledger_enabled=ledger.get("enabled", True),
        ledger_path=ledger.get("path"),
        ledger_url=ledger.get("url"),
        ledger_repo_name=ledger.get("repo_name"),
        source=source,
    )


_DEFAULT_DATA: dict[str, Any] | None = None


def _default_data() -> dict[str, Any]:
    global _DEFAULT_DATA
    if _DEFAULT_DATA is None:
        # Our own file: its validation (most of a 0.15 s start-up when done per glob) runs in
        # the tests (test_builtin_defaults_are_valid), not on every check.
        data = yaml.load(default_text(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        _DEFAULT_DATA = data
    return _DEFAULT_DATA


def load_config(repo_root: str | None, path: str | None = None) -> Config:
    """The config at `path`, else `.fedgate.yml` at the repo root, else the built-in default."""
    shown = path
    if path is None and repo_root is not None:
        candidate = os.path.join(repo_root, CONFIG_NAME)
        if os.path.isfile(candidate):
            path, shown = candidate, CONFIG_NAME
        elif os.path.lexists(candidate):
            # A directory or a dangling symlink: running on the default would ignore the team's policy.
            raise FedgateError(f"{CONFIG_NAME} at the repository root is not a readable file")
    if path is None:
        return _build(_default_data(), None)
    text = _read_config(path)
    user = _parse(text, shown or path)
    from dataclasses import replace

    inside = repo_root is not None and _inside(path, repo_root)
    return replace(_build(_merge(_default_data(), user), shown or path), needs_approval=inside)


# A policy is a few kilobytes; the built-in one under 10 KB. A larger file (or /dev/zero, a
# pipe that never ends) is refused before it is read into memory.
MAX_CONFIG_BYTES = 1 << 20


def _read_config(path: str) -> str:
    from .files import TooLarge, read_text

    try:
        return read_text(path, MAX_CONFIG_BYTES)
    except FileNotFoundError:
        raise FedgateError(f"config file not found: {path}") from None
    except TooLarge as e:
        raise FedgateError(f"config {path} is {e}: not a policy file") from None
    except UnicodeDecodeError as e:
        raise FedgateError(f"cannot read config {path}: not UTF-8 text ({e.reason} at byte {e.start})") from None
    except OSError as e:
        raise FedgateError(f"cannot read config {path}: {e.strerror or e}") from None


def _inside(path: str, root: str) -> bool:
    real_root = os.path.realpath(root)
    return os.path.commonpath([os.path.realpath(path), real_root]) == real_root


def with_overrides(cfg: Config, **review_overrides: Any) -> Config:
    """CLI and environment settings take precedence over the file."""
    from dataclasses import replace

    values = {k: v for k, v in review_overrides.items() if v is not None}
    if "model" in values:
        # --model / FEDGATE_MODEL: one model for every tier reviewed (the tiers stay the config's).
        values.update(strong_model=None, cheap_model=None)
    problem = url_problem(values["api_base"]) if "api_base" in values else None
    if problem:
        raise FedgateError(f"--api-base / FEDGATE_API_BASE: {problem} (got {values['api_base']!r})")
    if not values:
        return cfg
    return replace(cfg, review=replace(cfg.review, **values))
