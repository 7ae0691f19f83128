"""Credentials in lines of a diff: the one detector behind the `secret` rule and model redaction.

detect-secrets (Yelp) keeps the catalogue of token formats; this module chooses its plugins, runs
them on the lines we give it (never on files or history) and drops look-alikes. Two modes:
- precise (the `secret` rule): only what is very likely a real credential, since a finding that
  cries wolf costs a team more than it saves;
- strict (redaction before a model call): everything the precise mode keeps, plus whatever any
  plugin or a strong shape flags, unfiltered. A false positive there costs the model a few
  characters; a miss leaks a key to a third party.
The rule turns hits into masked values; the raw secret never leaves this module in a finding.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from . import secret_shapes as shapes
from .gates import literal_gate

# Detectors whose formats are distinctive enough to trust on a single line. Left out on purpose:
# IPPublicDetector (an address is not a credential), the bare high-entropy detectors (they fire on
# every hash, UUID and base64 blob; entropy is applied below only to values assigned to
# secret-like names), and the IBM/SoftLayer/Cloudant detectors (keyword guesses, noisy).
_PLUGINS = (
    "ArtifactoryDetector",
    "AWSKeyDetector",
    "AzureStorageKeyDetector",
    "BasicAuthDetector",
    "DiscordBotTokenDetector",
    "GitHubTokenDetector",
    "GitLabTokenDetector",
    "JwtTokenDetector",
    "KeywordDetector",
    "MailchimpDetector",
    "NpmDetector",
    "OpenAIDetector",
    "PrivateKeyDetector",
    "PypiTokenDetector",
    "SendGridDetector",
    "SlackDetector",
    "SquareOAuthDetector",
    "StripeDetector",
    "TelegramBotTokenDetector",
    "TwilioKeyDetector",
)

# Cheap gates, so the plugins see only the few added lines that could hold a credential (the
# full set costs ~30 us a line; most lines pass no gate). Every token format the plugins know
# contains a run of 16+ letters and digits, or one of the literal markers in ANY_GATE.
_LONG_RUN = re.compile(r"[A-Za-z0-9]{16}")
ANY_GATE = literal_gate(
    [p + sep + k for p, k in (("api", "key"), ("auth", "key"), ("service", "key"), ("account", "key"), ("db", "key"),
                              ("database", "key"), ("priv", "key"), ("private", "key"), ("client", "key"),
                              ("db", "pass"), ("database", "pass"), ("key", "pass"), ("access", "key")) for sep in ("", "_")]
    + ["password", "passwd", "pwd", "secret", "contrase", "token", "bearer", "credential",
       "-----begin", "://", "xox", "eyj", "_authtoken", "accountkey", "akc", "sg.", "sshpass", "curl", "basic",
       "sharedaccesskey", "putty-user-key", "mysql", "ldap", "docker login", "login(", "auth=(", "auth = (", "bind(",
       "bind_s(", "networkcredential", "_pass"]
)
# The keyword plugin's own names (its DENYLIST): it runs only where one occurs.
_KEYWORD_GATE = re.compile(
    r"api_?key|auth_?key|service_?key|account_?key|db_?key|database_?key|priv_?key|private_?key|client_?key|"
    r"db_?pass|database_?pass|key_?pass|password|passwd|pwd|secret|contrase"
)
_TOKEN_GATE = re.compile(r"token|bearer|credential|auth_?key|access_?key")

# Values that are obviously not real: documentation keys, fixtures, templates.
_PLACEHOLDER = re.compile(
    r"example|sample|placeholder|dummy|fake|mock|changeme|change_me|change-me|redacted|your[_-]?|"
    r"xxxx|\*\*\*|<[^>]*>|\{\{|\$\{|%\(|\.\.\.|todo|replace|insert|test|secret|password|passwd|environ|"
    r"^(?:none|null|nil|true|false|undefined|empty)$|^(?:token|pass|pwd|pw|apikey|api_key|key|access_token|auth)$",
    re.IGNORECASE,
)
# A line that says it shows an example ("Example api_key='...'", "e.g. AKIA...").
# "example" as a DNS label (api.example.com, partner.example, user@example.org) names a host, not a sample.
_EXAMPLE_CONTEXT = re.compile(r"(?i)\b(?:(?<![.@/])example(?!\.[a-z])|e\.g\.|for instance|such as|sample|placeholder|dummy|fake)\b")
# Lower_snake, kebab, dotted or UPPER_SNAKE names: an identifier, not a random value.
_IDENTIFIER = re.compile(r"[a-z][a-z0-9]*(?:[_.\-:/][a-z0-9]+)+|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+")
# A qualified name (`ed25519.PrivateKey`, `settings.DB_PASSWORD`): a reference to a value
# or a type, not the value. Segments are short names; a JWT's base64 segments are longer.
_QUALIFIED = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,30}(?:\.[A-Za-z_][A-Za-z0-9_]{0,30})+")
_BASE64_BODY = re.compile(r"[A-Za-z0-9+/=]{40,}")
_WORDS_ONLY = re.compile(r"[A-Za-z]+(?:[_.\-/: ][A-Za-z]+)*")
# Values a real credential does not contain: spaces (prose), regex syntax, URLs, calls.
_NOT_A_VALUE = re.compile(r"\s|\(\?|\\[dswbDSW]|://|^/|[()\[\]{}]|None$|null$")
# Names whose value is a description of a secret, not the secret.
_BENIGN_NAME = re.compile(
    r"(?i)(?:^|_|-|\.)(?:type|types|name|names|field|label|prompt|url|uri|path|file|env|var|header|title|hint|"
    r"description|desc|msg|message|text|placeholder|format|pattern|regex|kind|prefix|attr|column|param|option|"
    r"mode|id|ids|key_name|ref|version|len|length|count|policy|schema|provider|manager|store|endpoint)$"
)
_NAME_BEFORE = re.compile(r"""([\w.\-]+)['"\]]*\s*(?::=|=>|==|!=|=|:)\s*[bru]?['"]?$""")
_HEX = re.compile(r"[0-9a-fA-F]+")
_HASHISH_NAME = re.compile(r"hash|digest|sha\d*|md5|checksum|fingerprint|integrity|etag|nonce|salt_len", re.IGNORECASE)
# An Authorization header written out: "Authorization: Bearer <token>", curl -H, fetch headers.
_BEARER = re.compile(r"(?i)\b(?:bearer|token)\s+([A-Za-z0-9_\-.=+/~]{20,})")
# Names the keyword plugin does not know but that hold credentials just the same.
_TOKEN_ASSIGN = re.compile(
    r"""(?i)\b\w*(?:token|bearer|credential|auth_?key|access_?key)\w*['"]?\s*(?::=|=>|=|:)\s*[bru]?['"]([^'"\s]{16,})['"]"""
)


# Strict mode (redaction) only. A raw plugin value shorter than this is not replaced: it would
# blank out common words; the shapes below catch the strong short ones.
MIN_STRICT_LEN = 8
# Shapes detect-secrets misses or reports only in part (Anthropic and project-scoped OpenAI keys,
# Google API keys); also what `scrub` removes from provider error messages, without the library.
STRONG_PATTERNS = tuple(
    re.compile(p)
    for p in (
        r"\bAKIA[0-9A-Z]{16}\b",  # AWS access key id
        r"\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}\b",  # GitHub tokens
        r"\bgithub_pat_[A-Za-z0-9_]{40,}\b",
        r"\bglpat-[A-Za-z0-9_-]{20,}\b",  # GitLab
        r"\bsk-(?:ant-|proj-|live-|test-)?[A-Za-z0-9_-]{20,}\b",  # OpenAI / Anthropic style
        r"\b[rs]k_(?:live|test)_[A-Za-z0-9]{16,}\b",  # Stripe
        r"\bxox[abposr]-[A-Za-z0-9-]{10,}\b",  # Slack
        r"\bAIza[0-9A-Za-z_-]{35}\b",  # Google API key
        r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}",  # JWT
        r"(?<=://)[^/\s:@'\"]+:[^/\s@'\"]+(?=@)",  # user:password@ in a URL
    )
)
# A quoted value assigned to a secret-like name, in any language or config format.
KEYWORD_VALUE = re.compile(
    r"(?i)(?:password|passwd|pwd|secret|api[_-]?key|apikey|access[_-]?key|private[_-]?key|"
    r"auth[_-]?token|access[_-]?token|client[_-]?secret|credentials?)[\w-]*[\"']?\s*(?:=|:|:=|=>)\s*"
    r"[\"']([^\"'\s]{6,})[\"']"
)
# A value in a URL's query (?api-key=..., &token=...): error messages quote the request URL.
_URL_QUERY_VALUE = re.compile(r"([?&][\w.\-]+=)[^&\s'\"#]+")
KEY_BEGIN = re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY( BLOCK)?-----")
KEY_END = re.compile(r"-----END [A-Z ]*PRIVATE KEY( BLOCK)?-----")
_PEM_LABEL = re.compile(r"BEGIN [A-Z ]*PRIVATE KEY( BLOCK)?")


def scrub(text: str) -> str:
    """Key shapes out of a provider's error message, with the regexes only.

    Called from worker threads: detect-secrets keeps process-wide settings and is not
    documented as thread-safe, so its plugins run only on the main thread.
    """
    for pattern in STRONG_PATTERNS:
        text = pattern.sub("[REDACTED]", text)
    text = _URL_QUERY_VALUE.sub(r"\1[REDACTED]", text)
    return KEYWORD_VALUE.sub(lambda m: m.group(0).replace(m.group(1), "[REDACTED]"), text)


@dataclass(frozen=True)
class SecretHit:
    line: int  # new-side line number
    kind: str  # what the detector calls it, e.g. "AWS Access Key"
    masked: str  # the value with its middle starred out
    masked_line: str  # the whole line with every hit masked: the only form fingerprints may see


def mask(secret: str) -> str:
    """Keep at most a fifth of each end, never more than four characters: AKIA************MPLE.
    Long values (JWTs, keys) get at most 24 stars, so a report line stays readable."""
    keep = min(4, len(secret) // 5)
    stars = "*" * min(len(secret) - 2 * keep, 24)
    return secret[:keep] + stars + (secret[-keep:] if keep else "")


def shannon_entropy(value: str) -> float:
    if not value:
        return 0.0
    n = len(value)
    return -sum(c / n * math.log2(c / n) for c in (value.count(ch) for ch in set(value)))


@dataclass(frozen=True)
class _Detectors:
    plugins: tuple  # the precise set (_PLUGINS)
    others: tuple  # the rest of detect-secrets' plugins: strict mode only
    heuristic: object  # detect_secrets.filters.heuristic
    union: re.Pattern[str]  # every format pattern of `plugins` at once


@lru_cache(maxsize=1)
def _detectors() -> _Detectors:
    # Imported on first use only: detect-secrets pulls in `requests` (~0.1 s), which a
    # docs-only or deletion-only change must not pay for.
    from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class
    from detect_secrets.filters import heuristic

    by_name = {cls.__name__: cls for cls in get_mapping_from_secret_type_to_class().values()}
    plugins = tuple(by_name[name]() for name in _PLUGINS if name in by_name)
    others = tuple(cls() for name, cls in sorted(by_name.items()) if name not in _PLUGINS)
    # One pass of all format patterns together decides whether any single plugin needs to run.
    parts = []
    for p in plugins:
        for rx in getattr(p, "denylist", ()):
            parts.append(f"(?i:{rx.pattern})" if rx.flags & re.IGNORECASE else f"(?:{rx.pattern})")
    union = re.compile("|".join(parts))
    return _Detectors(plugins, others, heuristic, union)


def _char_classes(value: str) -> int:
    return sum(
        (
            any(c.islower() for c in value),
            any(c.isupper() for c in value),
            any(c.isdigit() for c in value),
            any(not c.isalnum() for c in value),
        )
    )


def _benign_name(value: str, line: str) -> bool:
    """`secret_type = "GitLab Token"`: the name says the value describes a secret."""
    at = line.find(value)
    m = _NAME_BEFORE.search(line[:at]) if at > 0 else None
    return bool(m and _BENIGN_NAME.search(m.group(1)))


def _reference(value: str, line: str) -> bool:
    """`PrivateKey = ed25519.PrivateKey`: an unquoted qualified name is code; a quoted one
    ("my.Secret99") may be the password itself."""
    at = line.find(value)
    return bool(_QUALIFIED.fullmatch(value)) and at >= 0 and line[at - 1:at] not in ("'", '"', "`")


def _plausible_assigned_value(value: str, line: str) -> bool:
    """A value assigned to a secret-like name: real only if long, mixed and random enough."""
    if (len(value) < 8 or _WORDS_ONLY.fullmatch(value) or _IDENTIFIER.fullmatch(value)
            or _reference(value, line) or _char_classes(value) < 2):
        return False
    if (_NOT_A_VALUE.search(value) and not _dense_random(value)) or _benign_name(value, line):
        return False
    if shannon_entropy(value) < 3.0:
        return False
    if _HEX.fullmatch(value) and (_HASHISH_NAME.search(line) or len(value) < 20):
        return False  # a digest stored next to a password, or a short content hash (cfn-lint's schema ids)
    return True


def _dense_random(value: str) -> bool:
    """Django-style keys hold brackets and symbols; code and prose do not look this random."""
    return (len(value) >= 24 and not re.search(r"\s|://", value) and _char_classes(value) >= 3
            and shannon_entropy(value) >= 4.2)


def _has_run(value: str, length: int = 6) -> bool:
    """An ascending or descending run like 123456, abcdef or 987654: typed by a person."""
    up = down = 1
    for a, b in zip(value, value[1:]):
        d = ord(b) - ord(a)
        up = up + 1 if d == 1 else 1
        down = down + 1 if d == -1 else 1
        if up >= length or down >= length:
            return True
    return False


def _is_placeholder(value: str) -> bool:
    if _PLACEHOLDER.search(value) or len(set(value.lower())) <= 3 or _has_run(value.lower()):
        return True
    # A long value from a tiny alphabet is data, not a key: ACCAGTAGGA... is DNA in a test.
    return len(value) >= 16 and len(set(value)) < 6


def _sample_jwt(value: str) -> bool:
    """The jwt.io sample and its kin: a payload about John Doe, an example, or sub 1234567890."""
    import base64

    parts = value.split(".")
    if len(parts) < 2:
        return False
    try:
        payload = base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)).decode("utf-8", "replace").lower()
    except ValueError:
        return False
    return "john doe" in payload or "example" in payload or _has_run(payload)


def _looks_fake(value: str, line: str, heuristic) -> bool:
    """What no detector should report: placeholders, examples, UUIDs, templates, $VARIABLES."""
    at = line.find(value)
    return bool(
        _is_placeholder(value)
        or _EXAMPLE_CONTEXT.search(line[: at if at >= 0 else len(line)])
        or heuristic.is_potential_uuid(value)
        or heuristic.is_sequential_string(value)
        or heuristic.is_templated_secret(value)
        or heuristic.is_prefixed_with_dollar_sign(value)
    )


def _keep(plugin, value: str, line: str, path: str, heuristic) -> bool:
    if _looks_fake(value, line, heuristic) or heuristic.is_not_alphanumeric_string(value):
        return False
    if type(plugin).__name__ == "JwtTokenDetector" and _sample_jwt(value):
        return False
    if type(plugin).__name__ in ("KeywordDetector", "BasicAuthDetector"):
        # The library applies these line heuristics to every plugin; a distinctive token format
        # passed as a call argument (boto3.client(aws_access_key_id="AKIA...")) is still a key,
        # so only the guessing plugins get them.
        if heuristic.is_indirect_reference(line) or heuristic.is_likely_id_string(value, line):
            return False
        if type(plugin).__name__ == "KeywordDetector" and not _plausible_assigned_value(value, line):
            return False
    return True


def _format_values(plugin, line: str) -> list[str]:
    """The values a format plugin matches on the line, whole."""
    from detect_secrets.plugins.base import RegexBasedDetector

    if type(plugin).analyze_string is not RegexBasedDetector.analyze_string:
        # The JWT plugin (it also decodes) matches lazily and stops before the signature; take
        # the whole token so that all of it is masked.
        return [_whole_token(v, line) for v in plugin.analyze_string(line)]
    out = []
    for rx in plugin.denylist:
        for m in rx.finditer(line):
            # The library yields the first group when a pattern has one. For GitHub and GitLab
            # that group is only the prefix ("ghp"): keep the whole match. Elsewhere the group is
            # the secret inside its context (the password of a URL, the key inside quotes).
            inner = [i for i in range(1, (rx.groups or 0) + 1) if m.group(i) and m.start(i) > m.start(0)]
            out.append(max((m.group(i) for i in inner), key=len) if inner else m.group(0))
    return out


_TOKEN_CHARS = re.compile(r"[A-Za-z0-9_\-.+/=]*")


def _whole_token(value: str, line: str) -> str:
    at = line.find(value)
    if at < 0:
        return value
    end = _TOKEN_CHARS.match(line, at + len(value)).end()
    return line[at:end]


# Files whose values are unquoted (KEY=value): the keyword plugin reads quotes-optional syntax
# only for the file types it knows as config, so these are presented to it as one.
_UNQUOTED_CONFIG = re.compile(r"(?:^|/)(?:\.env(?:\.[\w.-]+)?|[\w.-]+\.env|Dockerfile[\w.-]*|[\w.-]+\.(?:sh|bash|zsh|envrc|service))$")


def _keyword_filename(path: str) -> str:
    return "as-config.conf" if _UNQUOTED_CONFIG.search(path) else path


def _line_hits(path: str, line: str, low: str, d: _Detectors, strict: bool) -> dict[str, str]:
    """{value: kind} on one line. Precise mode keeps what passes the look-alike filters; strict
    mode also keeps every raw plugin value of a credible length, and never skips a value because
    it overlaps another (the longer one is replaced first, so nothing of either survives)."""
    found: dict[str, str] = {}

    def offer(value: str, kind: str, keep, args: tuple, check_overlap: bool = True, credible=_credible_length) -> None:
        """Take `value` if keep(*args) (the precise filter) says so, or in strict mode if credible."""
        if not value or value in found:
            return
        if strict:
            if credible(value) or keep(*args):
                found[value] = kind
        elif not (check_overlap and _overlaps(value, found)) and keep(*args):
            found[value] = kind

    if strict or d.union.search(line):
        for plugin in d.plugins:
            if type(plugin).__name__ != "KeywordDetector":
                for value in _format_values(plugin, line):
                    offer(value, plugin.secret_type, _keep, (plugin, value, line, path, d.heuristic), check_overlap=False)
    if strict or shapes.maybe_here(line):
        for value, kind, body in shapes.token_hits(line):
            offer(value, kind, _keep_format, (body, value, line, d.heuristic), check_overlap=False)
        for value, kind in shapes.context_hits(line):
            offer(value, kind, _keep_context, (value, kind, line, d.heuristic))
    if "-----BEGIN" in line:
        for m in KEY_BEGIN.finditer(line):
            offer(m.group(0), "Private Key", bool, (True,), check_overlap=False)
    if _KEYWORD_GATE.search(low):
        for plugin in d.plugins:
            if type(plugin).__name__ == "KeywordDetector":
                for ps in plugin.analyze_line(filename=_keyword_filename(path), line=line, line_number=0):
                    value = ps.secret_value or ""
                    offer(value, ps.type, _keep, (plugin, value, line, path, d.heuristic))
    if _TOKEN_GATE.search(low):
        for rx, kind in ((_TOKEN_ASSIGN, "High-entropy value assigned to a token name"), (_BEARER, "Bearer token")):
            for m in rx.finditer(line):
                offer(m.group(1), kind, _keep_token, (m.group(1), line, d.heuristic), credible=_credible_token)
    if strict:
        for value, kind, any_length in _strict_values(path, line, d):
            offer(value, kind, bool, (any_length,))
    return found


def _credible_length(value: str) -> bool:
    return len(value) >= MIN_STRICT_LEN


def _credible_token(value: str) -> bool:
    """Our own token regexes match any long word after "token": in strict mode a URL, a dotted
    name or plain words are still not taken (the model needs them to read the code)."""
    return _credible_length(value) and not (
        _NOT_A_VALUE.search(value) or _IDENTIFIER.fullmatch(value) or _WORDS_ONLY.fullmatch(value)
    )


def _strict_values(path: str, line: str, d: _Detectors) -> list[tuple[str, str, bool]]:
    """What only redaction takes, as (value, kind, taken at any length): the other plugins
    unfiltered, shapes the library misses, values assigned to secret-like names, and key
    material after a PEM header on the same line."""
    out: list[tuple[str, str, bool]] = []
    for plugin in d.others:
        try:
            found = plugin.analyze_line(filename=path, line=line, line_number=0)
        except Exception:  # a plugin bug must not stop redaction; the other detectors still run
            continue
        out.extend((ps.secret_value, ps.type, False) for ps in found if ps.secret_value)
    for pattern in STRONG_PATTERNS:
        out.extend((m.group(0), "Secret-shaped value", True) for m in pattern.finditer(line))
    out.extend((m.group(1), "Secret keyword", False) for m in KEYWORD_VALUE.finditer(line))
    out.extend((value, kind, True) for value, kind, _ in shapes.token_hits(line))
    out.extend((value, kind, True) for value, kind in shapes.context_hits(line, strict=True, path=path))
    out.extend((value, "Random-looking value", True) for value in shapes.random_runs(line))
    out.extend((value, "Password-like value", True) for value in shapes.password_tokens(line))
    begin = KEY_BEGIN.search(line)
    if begin:
        after = line[begin.end():].replace("\\n", "\n")
        out.extend((m.group(0), "Private Key", True) for m in _BASE64_BODY.finditer(after))
    return out


_ARMOR_HEADER = re.compile(r"^[\w-]+:\s")


def _has_key_body(line: str, following: list[str]) -> bool:
    """A key header is a key only with key material after it (on the same line, or within the
    next added lines past armor headers such as PGP's "Comment:" and a blank line); a lone
    header is a form placeholder or a parser constant."""
    if "PuTTY-User-Key-File" in line:
        return any(ln.startswith("Private-Lines:") for ln in following)
    at = line.find("-----BEGIN")
    after = line[at:] if at >= 0 else line
    if _BASE64_BODY.search(after.replace("\\n", "\n")):
        return True
    for nxt in following:
        stripped = nxt.strip().strip("'\"")
        if not stripped or _ARMOR_HEADER.match(stripped):
            continue
        return bool(_BASE64_BODY.match(stripped))
    return False


def _overlaps(value: str, found: dict[str, str]) -> bool:
    return any(value in v or v in value for v in found)


def find_secrets(path: str, lines: list[tuple[int, str]]) -> dict[int, dict[str, str]]:
    """The `secret` rule's view, precise: {line number: {value: kind}} in added lines (number, text)."""
    candidates = []
    for n, text in lines:
        low = text.lower()
        if _LONG_RUN.search(text) or ANY_GATE.search(low):
            candidates.append((n, text.rstrip(), low))
    if not candidates and not _JUNCTION.search("\n".join(text for _, text in lines)):
        return {}  # detect-secrets is not even imported
    d = _detectors()
    if d.heuristic.is_lock_file(path):
        return {}
    following = dict(lines)
    out: dict[int, dict[str, str]] = {}
    for n, line, low in candidates:
        found = _line_hits(path, line, low, d, strict=False)
        if any(k == "Private Key" for k in found.values()):
            after = [following.get(n + j, "") for j in range(1, 7)]
            found = {v: k for v, k in found.items() if k != "Private Key" or _has_key_body(line, after)}
        if found:
            out[n] = found
    for n, found in _split_tokens(lines, d).items():
        out.setdefault(n, {}).update({v: k for v, k in found.items() if v not in out.get(n, {})})
    return out


# Where a token is split, a literal ends and the next begins inside it, token characters on both
# sides: the cheap test that a run of lines needs the literal-by-literal pass.
# (A lookbehind for the left side would cost Python's re its fast scan for the quote: 10x slower.)
_JUNCTION = re.compile(r"""['"`][\s+.&\\()|,]*(?:\.(?:append|concat)\s*\(\s*)?['"`](?=[\w\-.+/=]{4})""")
_TOKEN_END = re.compile(r"[\w\-.+/=]{4}")


def _split_tokens(lines: list[tuple[int, str]], d: _Detectors) -> dict[int, dict[str, str]]:
    """A token format split over adjacent string literals ('sk_live_' + '...', a JWT over three
    lines): {line of its first piece: {that line's pieces: kind}}, so that masking the line hides
    what it holds of the token. Only prefixed formats and the library's format plugins count."""
    out: dict[int, dict[str, str]] = {}
    runs: list[list[tuple[int, str]]] = []
    for n, text in lines:  # consecutive new-side lines are read together
        if runs and runs[-1][-1][0] == n - 1:
            runs[-1].append((n, text))
        else:
            runs.append([(n, text)])
    for run in runs:
        for part in _near_junctions(run):
            _split_tokens_in(part, d, out)
    return out


def _near_junctions(run: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """The stretches of a run of lines around each junction, three lines either side (a window
    reads four literals at most), merged where they overlap."""
    text = "\n".join(t for _, t in run)
    spans: list[list[int]] = []
    line = at = 0
    for m in _JUNCTION.finditer(text):
        if m.start() < 4 or not _TOKEN_END.fullmatch(text, m.start() - 4, m.start()):
            continue
        line += text.count("\n", at, m.start())
        at = m.start()
        a, b = line, line + m.group(0).count("\n")
        lo, hi = max(a - 3, 0), min(b + 3, len(run) - 1)
        if spans and lo <= spans[-1][1] + 1:
            spans[-1][1] = max(spans[-1][1], hi)
        else:
            spans.append([lo, hi])
    return [run[lo : hi + 1] for lo, hi in spans]


def _split_tokens_in(run: list[tuple[int, str]], d: _Detectors, out: dict[int, dict[str, str]]) -> None:
    numbers = [n for n, _ in run]
    for joined, pieces, bounds, _ in shapes.literal_windows([text for _, text in run]):
        if not any(_TOKEN_END.fullmatch(x[-4:]) and _TOKEN_END.fullmatch(y[:4]) for (_, x), (_, y) in zip(pieces, pieces[1:])):
            continue
        for a, b, kind in _format_spans(joined, d):
            ks = shapes.touched(bounds, a, b)
            if len(ks) < 2:
                continue
            first = numbers[pieces[ks[0]][0]]
            for k in ks:
                i, body = pieces[k]
                if numbers[i] == first and body:
                    out.setdefault(first, {})[body] = f"{kind} (split over string literals)"


def _format_spans(text: str, d: _Detectors) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every token format in `text` that passes the look-alike filters."""
    spans = []
    if shapes.maybe_here(text):
        for value, kind, body in shapes.token_hits(text):
            at = text.find(value)
            if at >= 0 and _keep_format(body, value, text, d.heuristic):
                spans.append((at, at + len(value), kind))
    if d.union.search(text):
        for plugin in d.plugins:
            if type(plugin).__name__ in ("KeywordDetector", "BasicAuthDetector"):
                continue
            for value in _format_values(plugin, text):
                at = text.find(value)
                if at >= 0 and _keep(plugin, value, text, "", d.heuristic):
                    spans.append((at, at + len(value), plugin.secret_type))
    return spans


def secrets_to_redact(path: str, lines: list[str]) -> dict[int, set[str]]:
    """Redaction's view, strict: {index: values} in consecutive lines of one file (any kind).

    A superset of what find_secrets reports on the same lines. Every line inside a PEM block is
    key material, also when the lines start inside the block (a hunk in the middle of a key, whose
    BEGIN line is outside it); pieces of a secret split over adjacent string literals are taken.
    """
    d = _detectors()
    out: dict[int, set[str]] = {}
    begin_seen = False
    in_key = False
    for i, text in enumerate(lines):
        if KEY_END.search(text) and not begin_seen and not KEY_BEGIN.search(text):
            # The block started before these lines: everything up to its END is key material.
            for j in range(i):
                if lines[j].strip():
                    out[j] = {lines[j].strip()}
        if in_key and not KEY_END.search(text):
            if text.strip():
                out[i] = {text.strip()}
            continue
        if KEY_BEGIN.search(text):
            begin_seen = True
        in_key = bool(KEY_BEGIN.search(text)) and not KEY_END.search(text)
        # PrivateKeyDetector reports the header itself: not secret, and it tells the reviewer a
        # key was committed; the body is what gets replaced.
        if shapes.KEY_LINE.fullmatch(text):
            out[i] = {text.strip()}
            continue
        values = {v for v in _line_hits(path, text, text.lower(), d, strict=True)
                  if not _PEM_LABEL.fullmatch(v) and not KEY_BEGIN.fullmatch(v)}
        if values:
            out.setdefault(i, set()).update(values)
    for i, values in shapes.split_literals(lines).items():
        if i not in out or not any(v == lines[i].strip() for v in out[i]):
            out.setdefault(i, set()).update(values)
    return out


def scan_added(path: str, lines: list[tuple[int, str]]) -> list[SecretHit]:
    """Secrets in the added lines (new-side number, text) of one file, masked: the `secret` rule."""
    text_of = dict(lines)
    hits: list[SecretHit] = []
    for n, found in find_secrets(path, lines).items():
        masked_line = replace_all(text_of[n].rstrip(), {v: mask(v) for v in found})
        hits.extend(SecretHit(line=n, kind=kind, masked=mask(value), masked_line=masked_line)
                    for value, kind in found.items())
    return hits


def replace_all(line: str, replacements: dict[str, str]) -> str:
    """Longest value first, so a value that contains another is replaced whole."""
    for value in sorted(replacements, key=len, reverse=True):
        line = line.replace(value, replacements[value])
    return line


def _keep_token(value: str, line: str, heuristic) -> bool:
    """A value after a token name or "Bearer": held to the keyword plugin's bar, and more random."""
    if _looks_fake(value, line, heuristic) or not _plausible_assigned_value(value, line):
        return False
    if "/" in value and "." in value and _char_classes(value.replace("/", "").replace(".", "")) < 3:
        return False  # a path or URL fragment
    return any(c.isdigit() for c in value) and shannon_entropy(value) >= 3.5


def _keep_format(body: str, value: str, line: str, heuristic) -> bool:
    """A prefixed token: judged by its random part (sk_test_ is a key, not a sample)."""
    at = line.find(value)
    if _is_placeholder(body) or _EXAMPLE_CONTEXT.search(line[: max(at, 0)]):
        return False
    if heuristic.is_sequential_string(body) or heuristic.is_templated_secret(value):
        return False
    return _char_classes(body) >= 2 or (_HEX.fullmatch(body) is not None and len(set(body)) >= 8)


_TEMPLATE_VALUE = re.compile(r"^[$%{<#@]|^\*+$|\$\{|\{\{|%\(|%s|\$\(|^\w+\(")


# Contexts that say less (a bare "key", prose, a header or a YAML key named like a secret): the
# value must also read as generated, a random run or a password mixing symbols in.
_WEAK_CONTEXTS = frozenset({"Secret in an HTTP header", "Secret in a configuration value", "Key in an assignment",
                            "Password in text", "Credentials passed to a call"})


def _keep_context(value: str, kind: str, line: str, heuristic) -> bool:
    """A credential given away by its context: held to a password's bar (random enough, not a
    variable, a template or a sample)."""
    if kind in ("HTTP Basic credentials", "Docker registry credentials"):
        creds = shapes.basic_credentials(value)
        if creds is None:
            return False
        user, _, pw = creds.partition(":")
        return bool(pw) and not _is_placeholder(pw) and not _looks_fake(value, line, heuristic) and len(pw) >= 4
    if kind == "curl credentials":
        value = value.partition(":")[2] or value
    if _TEMPLATE_VALUE.search(value) or _looks_fake(value, line, heuristic):
        return False
    if len(value) < 6 or _char_classes(value) < 2 or _IDENTIFIER.fullmatch(value) or _WORDS_ONLY.fullmatch(value):
        return False
    if shannon_entropy(value) < 2.8:
        return False
    if kind in _WEAK_CONTEXTS:
        return _generated(value)
    if kind == "Secret in a name-value pair":
        return not value.isalpha() and _plausible_assigned_value(value, line)
    return True


def _generated(value: str) -> bool:
    """A random run (a key) or a password mixing symbols in, not hex alone (a digest) nor an SSH
    public key's base64."""
    if _HEX.fullmatch(value) or value.startswith("AAAA"):
        return False
    text = shapes.base64_text(value)
    if text is not None and " " in text.strip():
        return False  # encoded prose (a message, a label), not key material
    return shapes.random_like(value) or shapes.password_like(value)
