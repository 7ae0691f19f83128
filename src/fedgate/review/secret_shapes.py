"""Credential shapes of our own, next to detect-secrets' catalogue (review/secrets.py uses both).

Three groups, each a small table a reader can check:
- TOKEN_FORMATS: tokens with a distinctive prefix (github_pat_, sk-ant-, AIza, npm_, shpat_...).
  The random part is the group `body`; look-alike filters read the body, so "sk_test_" is not a
  sample just because it says "test".
- CONTEXT_FORMATS: a credential that only its surroundings give away: HTTP Basic headers,
  userinfo in a URL (an empty user too: redis://:pw@host), secret query parameters, connection
  strings (ADO.NET and JDBC password=), sshpass -p, mysql -p, docker login -p, ldapsearch -w,
  --password flags, curl -u, PASSWORD=... in a shell, a Docker config "auth", API key headers,
  <add key="...Secret" value="...">, define('DB_PASSWORD', '...'), login("user", "pw") and auth
  tuples, unquoted YAML/INI values under secret-like keys, {"key": "..."}, "password is ...".
  The value is the group `v`; the weaker contexts also need a value that reads as generated.
- Secrets split over adjacent string literals ("ghp_abc" "def...", "sk_live_" + "...",
  StringBuilder(...).append(...)): literal_windows() reads them joined, for the rule (prefixed
  formats only) and for redaction.
- For redaction only (what may leave the machine): random-looking runs (base64 blobs under any
  key, key lines of a PEM block seen without its header, pieces of a JWT split over lines).

Every pattern here is linear: no nested quantifiers, bounded lookarounds only. The union that
decides whether a line needs the per-pattern pass runs in RE2 when it is installed.
"""
from __future__ import annotations

import base64
import binascii
import math
import re
from functools import lru_cache

TOKEN_FORMATS: tuple[tuple[str, str], ...] = (
    ("AWS access key id", r"\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)(?P<body>[A-Z0-9]{16})(?![A-Z0-9])"),
    ("GitHub fine-grained token", r"\bgithub_pat_(?P<body>[A-Za-z0-9_]{50,})"),
    ("GitHub token", r"\bgh[pousr]_(?P<body>[A-Za-z0-9]{36,})"),
    ("GitLab token", r"\bgl(?:pat|dt|rt|ptt|ft|soat|cbt|imt|agent|oas)-(?P<body>[A-Za-z0-9_\-]{20,})"),
    ("Anthropic API key", r"\bsk-ant-(?:api|admin|oat|sid)\d{2}-(?P<body>[A-Za-z0-9_\-]{40,})"),
    ("OpenAI API key", r"\bsk-(?:proj|svcacct|admin|None)-(?P<body>[A-Za-z0-9_\-]{40,})"),
    ("Google API key", r"\bAIza(?P<body>[0-9A-Za-z_\-]{35})(?![0-9A-Za-z_\-])"),
    ("Google OAuth client secret", r"\bGOCSPX-(?P<body>[A-Za-z0-9_\-]{28})"),
    ("Google OAuth access token", r"\bya29\.(?P<body>[A-Za-z0-9_\-]{30,})"),
    ("Stripe key", r"\b[rs]k_(?:live|test)_(?P<body>[0-9a-zA-Z]{16,})"),
    ("Stripe webhook secret", r"\bwhsec_(?P<body>[A-Za-z0-9]{24,})"),
    ("npm token", r"\bnpm_(?P<body>[A-Za-z0-9]{36})(?![A-Za-z0-9])"),
    ("Shopify token", r"\bshp(?:at|ca|pa|ss)_(?P<body>[a-fA-F0-9]{32})(?![A-Za-z0-9])"),
    ("Slack token", r"\bxox[abposre]-(?P<body>[A-Za-z0-9\-]{10,})"),
    ("Slack app token", r"\bxapp-\d-(?P<body>[A-Za-z0-9\-]{20,})"),
    ("Slack webhook", r"hooks\.slack\.com/(?:services|workflows|triggers)/(?P<body>[A-Za-z0-9_/]{20,})"),
    ("Discord webhook", r"discord(?:app)?\.com/api/webhooks/\d+/(?P<body>[A-Za-z0-9_\-]{40,})"),
    ("Hugging Face token", r"\bhf_(?P<body>[A-Za-z]{34,40})(?![A-Za-z0-9])"),
    ("DigitalOcean token", r"\bdo[opr]_v1_(?P<body>[a-f0-9]{64})"),
    ("Vault token", r"\bhv[sbr]\.(?P<body>[A-Za-z0-9_\-]{24,})"),
    ("Doppler token", r"\bdp\.(?:pt|st|sa|ct|scim|audit)\.(?P<body>[A-Za-z0-9]{40,44})"),
    ("Linear API key", r"\blin_api_(?P<body>[A-Za-z0-9]{40})"),
    ("Postman API key", r"\bPMAK-(?P<body>[a-f0-9]{24}-[a-f0-9]{34})"),
    ("Databricks token", r"\bdapi(?P<body>[a-f0-9]{32})(?:-\d)?(?![A-Za-z0-9])"),
    ("age secret key", r"\bAGE-SECRET-KEY-1(?P<body>[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})"),
    ("Sentry token", r"\bsntr[ysu]_(?P<body>[A-Za-z0-9_=+/\-]{40,})"),
    ("New Relic key", r"\bNR(?:AK|II|JS|RA)-(?P<body>[A-Za-z0-9]{27,32})"),
    # glc_: base64 of a JSON document, standard or URL-safe alphabet.
    ("Grafana token", r"\bgl(?:c|sa)_(?P<body>[A-Za-z0-9_+/=\-]{32,})"),
    ("Square token", r"\bsq0(?:atp|csp)-(?P<body>[0-9A-Za-z_\-]{22,43})"),
    ("Mailgun key", r"\bkey-(?P<body>[a-f0-9]{32})(?![A-Za-z0-9])"),
    ("PyPI token", r"\bpypi-(?P<body>AgE[A-Za-z0-9_\-]{50,})"),
    ("Facebook access token", r"\bEAA[A-Za-z]{2,6}(?P<body>[A-Za-z0-9]{80,})"),
    ("Atlassian API token", r"\bATATT3(?P<body>[A-Za-z0-9_=\-]{100,})"),
    ("Azure AD client secret", r"(?<![A-Za-z0-9_~.\-])(?P<body>[A-Za-z0-9_~.\-]{3}\dQ~[A-Za-z0-9_~.\-]{31,34})(?![A-Za-z0-9_~.\-])"),
    ("Pulumi token", r"\bpul-(?P<body>[a-f0-9]{40})"),
    ("PlanetScale token", r"\bpscale_(?:tkn|pw|oauth)_(?P<body>[A-Za-z0-9_.\-]{32,64})"),
    ("Terraform Cloud token", r"\b[A-Za-z0-9]{14}\.atlasv1\.(?P<body>[A-Za-z0-9_=\-]{60,})"),
    ("Alibaba access key", r"\bLTAI(?P<body>[A-Za-z0-9]{20})(?![A-Za-z0-9])"),
    ("Replicate token", r"\br8_(?P<body>[A-Za-z0-9]{37})(?![A-Za-z0-9])"),
    ("Groq API key", r"\bgsk_(?P<body>[A-Za-z0-9]{52})(?![A-Za-z0-9])"),
    ("xAI API key", r"\bxai-(?P<body>[A-Za-z0-9]{80})"),
    ("Perplexity API key", r"\bpplx-(?P<body>[A-Za-z0-9]{48})"),
    ("Fly.io token", r"\bfo1_(?P<body>[A-Za-z0-9_\-]{43})"),
    ("Shippo token", r"\bshippo_(?:live|test)_(?P<body>[a-f0-9]{40})"),
    ("Flutterwave key", r"\bFLWSECK(?:_TEST)?-(?P<body>[a-h0-9]{32})-X"),
    ("Dropbox token", r"\bsl\.(?P<body>[A-Za-z0-9_\-]{130,})"),
    ("Heroku API key", r"(?i)heroku[\w\-. ]{0,20}(?:key|token|api|auth)[\w\-]*['\"]?\s*(?:=|:|:=|=>)\s*['\"]?"
                       r"(?P<body>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"),
    ("Sendinblue API key", r"\bxkeysib-(?P<body>[a-f0-9]{64}-[A-Za-z0-9]{16})"),
    # Bare hex keys: only their provider's name before the assignment says what they are.
    ("Datadog key", r"(?i)(?:datadog|\bdd)[\w\-.]{0,20}(?:api|app|client)?[_-]?(?:key|token)[\w\-]*['\"]?\s*(?:=|:|:=|=>)\s*['\"]?"
                    r"(?P<body>[a-f0-9]{40}|[a-f0-9]{32})(?![A-Za-z0-9])"),
    ("Mailgun API key", r"(?i)mailgun[\w\-. ]{0,20}(?:key|token|secret)[\w\-]*['\"]?\s*(?:=|:|:=|=>)\s*['\"]?"
                    r"(?P<body>[a-f0-9]{32}-[a-f0-9]{8}-[a-f0-9]{8})(?![A-Za-z0-9])"),
    ("AWS secret access key", r"(?i)aws[\w\-.]{0,20}(?:secret|private)[\w\-.]{0,20}['\"]?\s*(?:=|:|:=|=>)\s*['\"]?"
                              r"(?P<body>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])"),
)

# Formats whose match includes the name before the value (or a boundary): the token is the body.
_VALUE_IS_BODY = frozenset({"Heroku API key", "AWS secret access key", "Azure AD client secret", "Datadog key",
                            "Mailgun API key"})

_QUOTED = r"'[^'\n]*'|\"[^\"\n]*\""
CONTEXT_FORMATS: tuple[tuple[str, str], ...] = (
    ("HTTP Basic credentials", r"(?i)\bbasic\s+(?P<v>[A-Za-z0-9+/]{12,}={0,2})"),
    ("Password in a URL", r"://(?P<user>[^\s:/@'\"`<>]{0,64}):(?P<v>[^\s@/'\"`<>]{3,})@"),
    ("Secret in a URL query", r"(?i)[?&](?:[\w.\-]{0,24}(?:key|token|secret|passw(?:or)?d|pwd|sig|signature|auth|credential))"
                              r"=(?P<v>[^&\s'\"#<>`;]{6,})"),
    # Only in a connection string: another of its keys on the line, and `;` after the value
    # (password=form.password is Python).
    ("Password in a connection string", r"(?i)(?:server|data source|host|user id|uid|user|database|databasename|initial catalog|"
                                        r"accountname|endpoint|provider|dsn|username)\s*=[^;\n]{0,200};[^\n]{0,200}?"
                                        r"(?:^|[;\"'\s{])(?:password|pwd|accountkey|sharedaccesskey|shared_secret)\s*=\s*"
                                        r"(?P<v>" + _QUOTED + r"|[^;'\"\s]{4,})\s*(?:;|['\"]|$)"),
    ("Password in a connection string", r"(?i)(?:^|[;\"'\s{])(?:password|pwd|accountkey|sharedaccesskey|shared_secret)\s*=\s*"
                                        r"(?P<v>" + _QUOTED + r"|[^;'\"\s]{4,})\s*;[^\n]{0,200}?(?:server|data source|host|"
                                        r"user id|uid|database|initial catalog|accountname|endpoint|provider|dsn)\s*="),
    ("sshpass password", r"\bsshpass\s+(?:-[a-oq-zA-Z]\s*\S*\s+){0,3}-p\s*(?P<v>" + _QUOTED + r"|[^\s'\"]+)"),
    ("Password on a command line", r"(?:^|\s)--?(?:password|passwd|pass|token|api-key|apikey|secret|client-secret|auth-token)"
                                   r"(?:=|\s+)(?P<v>" + _QUOTED + r"|[^\s'\"-][^\s'\"]*)"),
    ("curl credentials", r"\bcurl\b[^\n]{0,400}?\s(?:-u|--user)\s*(?P<v>" + _QUOTED + r"|[^\s'\"]+:[^\s'\"]+)"),
    ("Password in an environment assignment",
     r"\b[A-Z][A-Z0-9_]{0,40}(?:PASSWORD|PASSWD|PASS|PWD|SECRET|TOKEN|API_KEY|APIKEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIALS?)"
     r"=(?P<v>[^\s'\"$;`(){}]{8,})"),
    # Tools that take a password after a short flag of their own (mysql -pPW, ldapsearch -w PW).
    ("Password on a command line", r"\bmysql(?:dump|admin|import|sh|check)?\b[^\n]{0,200}?\s-p(?P<v>" + _QUOTED + r"|[^\s'\"]{3,})"),
    ("Password on a command line", r"\bdocker\s+login\b[^\n]{0,200}?\s-p\s*(?P<v>" + _QUOTED + r"|[^\s'\"-][^\s'\"]*)"),
    ("Password on a command line", r"\bldap\w+\b[^\n]{0,300}?\s-w\s*(?P<v>" + _QUOTED + r"|[^\s'\"-][^\s'\"]*)"),
    # A Docker config.json registry entry: base64 of user:password (decoded before it is reported).
    ("Docker registry credentials", r"['\"]auth['\"]\s*:\s*['\"](?P<v>[A-Za-z0-9+/]{12,}={0,2})['\"]"),
    # Header names are hyphenated (X-Api-Key: ..., X-Auth-Token: ...), in a string or after curl -H.
    ("Secret in an HTTP header", r"(?i)(?:^|['\"`\s])(?:x-[\w\-]{0,30}|[\w\-]{0,30}-)?(?:api-key|api-token|auth-token|access-token|"
                                 r"secret-key|client-secret|apikey|authtoken)\s*:\s*(?P<v>[A-Za-z0-9_\-.=+/~]{16,})"),
    # .NET appSettings: <add key="ClientSecret" value="..." />
    ("Secret in a configuration entry", r"(?i)\bkey\s*=\s*['\"][\w.:\-]{0,40}(?:password|passwd|pwd|secret|token|apikey|api_key|"
                                        r"accesskey|privatekey|connectionkey)[\w.:\-]{0,20}['\"]\s+value\s*=\s*['\"](?P<v>[^'\"\s]{6,})['\"]"),
    # A secret-like name and its value as two arguments: define('DB_PASSWORD', '...'),
    # os.environ.setdefault("API_TOKEN", "..."), config.set("client_secret", "...").
    ("Secret in a name-value pair", r"(?i)['\"][\w.\-]{0,40}(?:password|passwd|pwd|secret|token|api_?key|apikey|access_?key|"
                                    r"private_?key|auth_?key|client_?secret)[\w.\-]{0,20}['\"]\s*,\s*['\"](?P<v>[^'\"\s]{8,})['\"]"),
    # A user and a password as the two string arguments of a login call or an auth tuple.
    ("Credentials passed to a call", r"(?i)(?:\bauth\s*=\s*|\b(?:login|bind|bind_s|simple_bind_s|NetworkCredential|"
                                     r"HTTPBasicAuth|HTTPDigestAuth|BasicAuth|UsernamePasswordCredentials?|"
                                     r"PasswordAuthentication|PasswordCredential|authenticate)\s*)\(\s*['\"][^'\"\n]{1,100}['\"]"
                                     r"\s*,\s*['\"](?P<v>[^'\"\s]{8,})['\"]\s*\)"),
    # An unquoted value under a secret-like key of YAML or an INI file (the whole line; no call,
    # block or statement end in the value: `token = sign(data);` is code).
    ("Secret in a configuration value", r"(?i)^\s*-?\s*[\w.\-]{0,40}(?:token|secret|passw(?:or)?d|passwd|_pass|api_?key|apikey|"
                                        r"access_?key|private_?key|auth_?key)\s*[:=]\s*(?P<v>[^\s'\"#(){};][^\s'\"(){};]{7,})"
                                        r"(?:\s+#.*)?\s*$"),
    # A value under a bare key/api/auth name, quoted: {"key": "..."}, const key = '...'.
    ("Key in an assignment", r"(?i)(?:^|[\s{,(\[])['\"]?(?:key|api|auth|apikey)['\"]?\s*(?::=|=>|=|:)\s*['\"]"
                             r"(?P<v>[A-Za-z0-9+/_\-=.~]{20,})['\"]"),
    # Prose and .netrc: "password is ...", "password ...".
    ("Password in text", r"(?i)\b(?:password|passwd|passphrase)\s+(?:is\s+|was\s+)?(?P<v>[^\s'\"`]{8,})"),
    ("Secret in an XML element", r"(?i)<(?P<name>[\w:.\-]{0,30}(?:password|passwd|secret|token|apikey|api_key|accesskey|privatekey)"
                                 r"[\w:.\-]{0,20})>(?P<v>[^<\s]{6,})</"),
    ("Secret passed to a constructor", r"(?i)\b[\w.]{0,30}(?:secret|password|passwd|token|api_?key|private_?key|"
                                       r"(?:encryption|signing|master|hmac|aes|cipher|session|cookie|jwt)_?key)\w{0,20}\s*(?::=|=)\s*"
                                       r"(?:\[\]byte|bytes|bytearray|Buffer\.from|SecretStr|SecretString|SecretKeySpec|"
                                       r"(?:new\s+)?String|str|b64decode|base64\.b64decode|Secret|Uint8Array\.from|encode)"
                                       r"\(\s*[bru]?['\"`](?P<v>[^'\"`\s]{8,})['\"`]"),
)
# Redaction only: too broad for a finding, right for what may leave the machine.
STRICT_CONTEXT_FORMATS: tuple[tuple[str, str], ...] = (
    ("Password hash", r"(?P<v>\$(?:apr1|1|2[abxy]?|5|6|y|argon2i?d?|pbkdf2[\w\-]*|scrypt)\$[^\s:'\"]{8,})"),
    ("Token in a URL", r"://(?P<v>[^\s:/@'\"`<>]{12,})@"),
    ("Secret keyword", r"(?i)(?:passw(?:or)?d|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credential|"
                       r"auth)[\w.\-]{0,30}['\"]?\s*(?:=|:|:=|=>)\s*(?P<v>[^\s'\",;<>{}()\[\]`]{6,})"),
)


def _compile_all(table):
    return tuple((kind, re.compile(p)) for kind, p in table)


@lru_cache(maxsize=1)
def _compiled():
    tokens = _compile_all(TOKEN_FORMATS)
    context = _compile_all(CONTEXT_FORMATS)
    strict = _compile_all(STRICT_CONTEXT_FORMATS)
    gate = _any_of([p for _, p in TOKEN_FORMATS + CONTEXT_FORMATS])
    strict_gate = _any_of([p for _, p in STRICT_CONTEXT_FORMATS])
    return tokens, context, strict, gate, strict_gate


def _any_of(patterns: list[str]):
    """One pass deciding whether any pattern matches: RE2 (linear) when installed, else `re`."""
    # RE2 has no lookbehind or lookahead: the gate may only be looser than the patterns.
    loose = [re.sub(r"\(\?<?[!=][^()]*(?:\([^()]*\)[^()]*)*\)", "", p) for p in patterns]
    loose = [re.sub(r"\(\?P<\w+>", "(", p) for p in loose]
    # Bounded repeats ({0,40}) become open ones: each bound is a run of DFA states, and together
    # they outgrow RE2's cache (it then rebuilds it on every few lines, ~10x slower).
    loose = [re.sub(r"\{(\d+),\d+\}\??", r"{\1,}", p) for p in loose]
    loose = [p[4:] if p.startswith("(?i)") else p for p in loose]
    combined = "(?i)" + "|".join(f"(?:{p})" for p in loose)
    try:
        import re2

        options = re2.Options()
        options.log_errors = False
        options.never_capture = True
        options.max_mem = 32 << 20  # the union's DFA: at the 8 MB default it is rebuilt every few hundred lines
        return re2.compile(combined, options)
    except Exception:  # no wheel on this platform, or a pattern RE2 rejects: correct, only slower
        return re.compile(combined)


def maybe_here(line: str) -> bool:
    """Whether any token or context format could match the line (one linear pass)."""
    return bool(_compiled()[3].search(line))


def _strict_here(line: str) -> bool:
    return bool(_compiled()[4].search(line))


def _unquote(v: str) -> str:
    return v[1:-1] if len(v) >= 2 and v[0] == v[-1] and v[0] in "'\"" else v


def token_hits(line: str) -> list[tuple[str, str, str]]:
    """(value, kind, body) of every prefixed token on the line."""
    out: list[tuple[str, str, str]] = []
    if not maybe_here(line):
        return out
    for kind, rx in _compiled()[0]:
        for m in rx.finditer(line):
            out.append((m.group("body") if kind in _VALUE_IS_BODY else m.group(0), kind, m.group("body")))
    return out


_CODE_FILE = re.compile(r"\.(?:py|pyi|js|jsx|mjs|cjs|ts|tsx|vue|svelte|go|java|kt|kts|scala|groovy|rb|php|cs|fs|vb|rs|swift|"
                        r"c|h|cc|cpp|cxx|hpp|m|mm|ex|exs|erl|clj|dart|lua|pl|pm|r|jl)$", re.I)
_NAME_VALUE = re.compile(r"[A-Za-z_][A-Za-z_.]*|True|False|None|null|nil|undefined|true|false")


def context_hits(line: str, strict: bool = False, path: str = "") -> list[tuple[str, str]]:
    """(value, kind) of every credential given away by its context on the line.

    Strict mode's bare keyword form (password: VALUE, unquoted) skips, in code, a value that is
    a name or a call (password = form.password, auth=get_auth(url)): redacting those would hide
    the very code under review, and no literal secret is there.
    """
    code = bool(_CODE_FILE.search(path))
    _, context, strict_formats, _, _ = _compiled()
    out: list[tuple[str, str]] = []
    formats = (context if maybe_here(line) else ()) + (strict_formats if strict and _strict_here(line) else ())
    for kind, rx in formats:
        for m in rx.finditer(line):
            v = _unquote(m.group("v"))
            if kind == "Secret keyword" and code and (_NAME_VALUE.fullmatch(v) or line[m.end("v") : m.end("v") + 1] in ("(", "[", ".")):
                continue
            if v:
                out.append((v, kind))
            if kind == "Password in a URL" and strict and m.group("user"):
                out.append((m.group("user") + ":" + v, kind))
    return out


def base64_text(value: str) -> str | None:
    """The printable UTF-8 text that a base64 value decodes to, or None."""
    try:
        raw = base64.b64decode(value + "=" * (-len(value) % 4), validate=True)
        text = raw.decode("utf-8")
    except (binascii.Error, ValueError):
        return None
    return text if text.isprintable() else None


def basic_credentials(value: str) -> str | None:
    """The "user:password" that an HTTP Basic value decodes to, or None."""
    text = base64_text(value)
    return text if text is not None and ":" in text else None


# ------------------------------------------------------------------------ redaction only

_RUN = re.compile(r"[A-Za-z0-9+/_\-=~.]{16,}")
_PIECES = re.compile(r"[./]")
_WORDISH = re.compile(r"[a-z][a-z_\-]*|[A-Z][a-z_\-]+|[A-Z]{2,5}|\d{1,4}|v\d+")
# A line that is nothing but base64 (with its quotes, a trailing \n or a join): a key line of a
# PEM block seen without its header, or a blob.
KEY_LINE = re.compile(r"""\s*[-+]?\s*['"]?[A-Za-z0-9+/]{40,}={0,2}(?:\\n)?['"]?\s*[,+;]?\s*""")


def _class(c: str) -> int:
    return 0 if c.islower() else 1 if c.isupper() else 2 if c.isdigit() else 3


def _entropy(value: str) -> float:
    n = len(value)
    return -sum(k / n * math.log2(k / n) for k in (value.count(ch) for ch in set(value)))


_TOKEN = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_CLUSTER = re.compile(r"[bcdfghjklmnpqrstvwxz]{5}")
_SHORT_WORDS = frozenset("id io ui db js ts to is of on in at by my or up ok no go v1 v2".split())


def _wordy(token: str) -> bool:
    """A token that reads as a word or a syllable run (Handler, read, utf), not noise (Qx, jvqpz)."""
    t = token.lower()
    if len(t) < 3:
        return t in _SHORT_WORDS
    if _CLUSTER.search(t):
        return False
    vowels = sum(c in "aeiouy" for c in t) / len(t)
    return 0.2 <= vowels <= 0.8


def _word_cover(core: str) -> float:
    """The share of characters that camelCase/snake_case words account for; with lower-case
    letters about, a short capital run is an acronym (RFC, XML, UTF)."""
    tokens = [t for t in _TOKEN.findall(core) if t.isalpha()]
    mixed = any(c.islower() for c in core)
    return sum(len(t) for t in tokens if _wordy(t) or (mixed and t.isupper() and 3 <= len(t) <= 4)) / len(core)


def _sequential(core: str, length: int = 8) -> bool:
    """0123456789abcdef, abcdefgh: typed in order, not drawn at random."""
    run = 1
    for a, b in zip(core, core[1:]):
        run = run + 1 if ord(b) - ord(a) == 1 or (a, b) == ("9", "a") else 1
        if run >= length:
            return True
    return False


def random_like(value: str) -> bool:
    """A run that reads as random (a key, a hash, a blob), not a word or an identifier.

    Separators are left out before measuring (in get_user_by_id_2 the underscores are not
    randomness). Two views, either enough: few of the characters belong to word-like tokens
    (toHaveBeenCalledTimes is all words, Qx7RtL9m is none), or the character class changes at a
    random string's rate (about 65% of positions for base64, 47% for hex; 20-30% for camelCase)
    while words still cover less than most of it.
    """
    core = "".join(c for c in value if c.isalnum())
    n = len(core)
    if n < 16 or _entropy(core) < 3.0:
        return False
    classes = {_class(c) for c in core}
    if len(classes) < 2 or _sequential(core.lower()):
        return False
    cover = _word_cover(core)
    if cover < 0.66:
        return True
    changes = sum(1 for a, b in zip(core, core[1:]) if _class(a) != _class(b)) / (n - 1)
    if 2 not in classes and (changes < 0.38 or n < 20):  # letters only: camelCase words change less
        return False
    return changes >= 0.3 and cover < 0.8


def random_runs(line: str) -> list[str]:
    """Random-looking runs on a line: the run itself, or its random pieces (a path's folder)."""
    out = []
    for m in _RUN.finditer(line):
        run = m.group(0)
        parts = _PIECES.split(run)
        pieces = [p for p in parts if len(p) >= 12 and random_like(p)]
        # A random run whose other pieces are not words (a base64 line with slashes, a JWT) goes
        # whole; a path keeps its words (src/auth/) and loses its random folder only.
        rest = [p for p in parts if p and p not in pieces]
        if random_like(run) and not any(_WORDISH.fullmatch(p) for p in rest):
            out.append(run)
        else:
            out.extend(pieces)
    return out


_TOKENISH = re.compile(r"""[^\s'"`,;:()<>\[\]{}]{8,100}""")
_SYMBOLS = frozenset("!#$%^&*+=~?@|")
# Versions, paths and refs (owner/action@sha: the random part is a run of its own), templates.
_NOT_PASSWORD = re.compile(r"^v?\d+\.\d+|/|^[A-Za-z][\w.\-]*@|://|\\|%[sdrf]|^[-/.]|[-.]$|^\$\w+$|^@\w+$|==$")


def password_like(value: str) -> bool:
    """A short value mixing letters, digits and symbols at random (JGn4NkQI4iYnn^2+1VfC): typed or
    generated as a password, not code (operators sit between names: a+b, x!=y)."""
    if not 8 <= len(value) <= 100 or _NOT_PASSWORD.search(value):
        return False
    symbols = sum(c in _SYMBOLS for c in value)
    if not symbols or not any(c.isdigit() for c in value) or not any(c.isalpha() for c in value):
        return False
    if len({_class(c) for c in value}) < 3 or _entropy(value) < 3.3:
        return False
    alnum = "".join(c for c in value if c.isalnum())
    return len(alnum) >= 6 and _word_cover(alnum) < 0.66


def password_tokens(line: str) -> list[str]:
    """Password-like tokens on a line: a quoted value, an argument, the field of a .pgpass line."""
    out = [m.group("body") for m in _LITERAL.finditer(line) if password_like(m.group("body"))]
    for m in _TOKENISH.finditer(line):
        out.extend(p for p in m.group(0).split("/") if password_like(p))
    return out


_LITERAL = re.compile(r"""(?P<q>["'`])(?P<body>(?:\\.|(?!(?P=q))[^\\\n])*)(?P=q)""")
# What may stand between two string literals that a language joins into one string (C and Python
# adjacency, + in JS/Java/Go, . in PHP, .. in Lua, & in VB, || in SQL, a line continuation); not a
# comma: list items joined make random-looking text of their own ("127.0.0.1" "worker_http").
_JOINER = re.compile(r"(?:[\s+.&\\()|]|\.(?:append|concat)\s*\()*")  # StringBuilder("...").append("...") too
_LIST_JOINER = re.compile(r"(?:[\s+.&\\()|,]|\.(?:append|concat)\s*\()*")  # list items: prefixed token formats only
_WINDOW = 4  # literals read together at most


def secret_spans(text: str, formats_only: bool = False) -> list[tuple[int, int]]:
    """Where a token format, a context format, a random-looking run or a password-like token
    sits in `text` (with `formats_only`, prefixed token formats only)."""
    tokens, context, _, _, _ = _compiled()
    spans = []
    if maybe_here(text):
        spans += [m.span() for _, rx in tokens for m in rx.finditer(text)]
        if formats_only:
            return spans
        spans += [m.span("v") for _, rx in context for m in rx.finditer(text)]
    elif formats_only:
        return spans
    spans += [m.span() for m in _TOKENISH.finditer(text) if password_like(m.group(0))]
    for m in _RUN.finditer(text):
        if random_like(m.group(0)):
            spans.append(m.span())
    return spans


def literal_windows(lines: list[str]):
    """Adjacent string literals read as one string: (joined, pieces, bounds, comma) for up to four
    literals from each one on, where pieces are (line index, body), bounds their spans in
    `joined`, and comma whether a list comma joins them (then only prefixed formats count).

    Literals are adjacent when only whitespace or a joining operator stands between them, on one
    line or across lines.
    """
    pieces: list[tuple[int, str, bool]] = []  # one run of adjacent literals (line, body, joined by a comma)
    runs: list[list[tuple[int, str, bool]]] = []
    gap: str | None = None  # the text since the previous literal (None: none yet)
    for i, line in enumerate(lines):
        pos = 0
        for m in _LITERAL.finditer(line):
            between = line[pos : m.start()] if pos else (None if gap is None else gap + "\n" + line[: m.start()])
            comma = False
            if between is None or not _JOINER.fullmatch(between):
                if between is not None and _LIST_JOINER.fullmatch(between):
                    comma = True
                else:
                    runs.append(pieces)
                    pieces = []
            pieces.append((i, m.group("body"), comma))
            pos = m.end()
        gap = line[pos:] if pos else (None if gap is None else gap + "\n" + line)
    runs.append(pieces)
    for run in runs:
        for start in range(len(run) - 1):
            window = run[start : start + _WINDOW]
            joined, bounds, at = "", [], 0
            for _, body, _ in window:
                bounds.append((at, at + len(body)))
                joined += body
                at += len(body)
            yield joined, [(i, body) for i, body, _ in window], bounds, any(comma for _, _, comma in window[1:])


def touched(bounds: list[tuple[int, int]], a: int, b: int) -> list[int]:
    """The pieces (by index) that the span a..b of a joined string covers part of."""
    return [k for k, (s, e) in enumerate(bounds) if s < b and a < e]


def split_literals(lines: list[str]) -> dict[int, set[str]]:
    """{line index: literal bodies} of secrets split over adjacent string literals.

    Up to four adjacent literals are read as one string; a secret whose span crosses from one
    literal into the next redacts every literal it touches, whole.
    """
    out: dict[int, set[str]] = {}
    for joined, pieces, bounds, comma in literal_windows(lines):
        for a, b in secret_spans(joined, formats_only=comma):
            ks = touched(bounds, a, b)
            if len(ks) >= 2:
                for k in ks:
                    i, body = pieces[k]
                    if body:
                        out.setdefault(i, set()).add(body)
    return out
