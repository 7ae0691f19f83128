"""Built-in rules: the offline reviewer that always runs.

Each rule looks at the changed lines of a file (added lines, or removed lines for
access-check-removed) and returns findings with a fix hint. Lines are prefiltered with plain
substring tests before any regular expression runs: a 100,000-line diff must take well under a
second, and almost every line is innocent.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..config import Config, compile_globs
from ..findings import fingerprint
from ..manifests import family
from ..models import FileVerdict, Finding, Hunk, Line
from ..trivial import language_of
from . import injection, supply
from .gates import literal_gate


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    category: str
    languages: str  # for the docs and for users: where the rule looks
    every_file: bool  # also on trivial files (docs, lockfiles, generated), whatever their tier
    title: str
    hint: str


RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule("secret", "critical", "security", "all files", True, "Credential added",
             "remove it, rotate the credential, and load it from the environment or a secret store"),
        Rule("reviewer-directed-text", "high", "security", "all files", True, "Text aimed at an AI reviewer",
             "remove the instruction or invisible character; reviewers must judge the code, not be told what to say"),
        Rule("sensitive-logged", "high", "security", "Python, JS/TS, Go, Java/Kotlin, Ruby, PHP, C#, Rust, shell", False,
             "Sensitive value logged", "log a masked form, a length or a hash, or drop the value from the message"),
        Rule("tls-verify-off", "high", "security", "Python, JS/TS, Go, Java, curl/libcurl, config files", False,
             "TLS certificate verification disabled",
             "keep verification on; trust a private CA with a CA bundle (verify=PATH, NODE_EXTRA_CA_CERTS, RootCAs)"),
        Rule("access-check-removed", "high", "security", "Python, JS/TS, Java/Kotlin, C#, Go, Ruby, PHP", False,
             "Access check removed", "restore the check, or add the equivalent check back in the same change"),
        Rule("debug-left", "medium", "bug", "Python, JS/TS, Ruby, PHP, Go, C#, C/C++, Rust, Elixir", False,
             "Debugger statement left in", "delete the debugger statement before merging"),
        Rule("risky-without-tests", "medium", "missing-test", "high-tier source files", False,
             "High-risk code changed without tests", "add or update a test that covers this change"),
        # Supply chain (review/supply.py). The two pin rules and known-bad-release also read
        # trivial files: a version-only bump and a lockfile are exactly where they look.
        Rule("known-bad-release", "critical", "security", "dependency manifests and lockfiles (PyPI, npm)", True,
             "Known-malicious release", "pin a release outside the known-bad ones (for a range, exclude them: "
             "`!=1.82.7,!=1.82.8`), then check machines that installed it for stolen credentials"),
        Rule("sha-pin-dropped", "high", "security", "GitHub workflows and actions, pre-commit, Dockerfiles, compose", True,
             "SHA pin replaced by a movable ref", "pin the release's full commit SHA (or image digest) and keep the "
             "tag as a comment: `uses: owner/action@<40-hex sha> # v4.2.0`"),
        Rule("action-unpinned", "medium", "security", "GitHub workflows and actions", False,
             "Third-party action not pinned to a release",
             "use a release tag, or better its full commit SHA: `uses: owner/action@<40-hex sha> # v1.2.3`"),
        Rule("dependency-added", "low", "security", "dependency manifests (PyPI, npm, Go, Cargo, Ruby, Gradle)", False,
             "New dependency", "confirm the package is the one you meant, who maintains it and what it runs at install"),
    )
}

# Lines longer than this are minified or generated bundles: only secret and reviewer-directed-text
# read them (a bundle that slipped past the trivial globs is not hand-written code).
_MINIFIED = 500

CODE_LANGS = frozenset(
    "py pyi js jsx mjs cjs ts tsx vue svelte go java kt kts scala groovy rb php cs fs vb rs swift "
    "c h cc cpp cxx hpp hh m mm ex exs erl clj dart lua pl pm r jl sh bash zsh ps1".split()
)
_JS = frozenset("js jsx mjs cjs ts tsx vue svelte html".split())


def _comment_prefixes(lang: str) -> tuple[str, ...]:
    if lang in ("py", "pyi", "rb", "sh", "bash", "zsh", "yaml", "yml", "toml", "cfg", "ini", "conf", "r", "pl", "ex", "exs", "mk", "dockerfile", "tf", "hcl"):
        return ("#",)
    if lang == "php":
        return ("#", "//", "/*", "* ")
    if lang in ("sql", "lua", "hs"):
        return ("--",)
    return ("//", "/*", "* ", "*/")


def _is_comment(stripped: str, prefixes: tuple[str, ...]) -> bool:
    # Doctest lines (">>> ", "... ") are examples in documentation, read like comments.
    return stripped.startswith(prefixes) or stripped == "*" or stripped.startswith((">>> ", "... "))


@dataclass(frozen=True)
class Hit:
    line: int
    text: str  # what the fingerprint hashes (masked for secrets)
    message: str
    title: str = ""


# ------------------------------------------------------------------ reviewer-directed-text

def _reviewer_text(path: str, lang: str, added: list[Line]) -> list[Hit]:
    """Steering notes (review/injection.py reads each line as a model would: normalised, decoded,
    two adjacent lines together) and invisible characters, in added lines of any length."""
    hits = []
    # One pass over all the added lines; an order split over lines is read only across lines
    # that follow each other in the file.
    breaks = {i for i, (a, b) in enumerate(zip(added, added[1:]))
              if a.new_no is None or b.new_no is None or b.new_no != a.new_no + 1}
    found = injection.steering_lines([ln.text for ln in added], breaks)
    steer = {id(added[i]): what for i, what in found.items()}
    for ln in added:
        ch = injection.invisible(ln.text)
        if ch:
            hits.append(Hit(ln.new_no, ln.text, f"invisible or direction-changing character {ch} in an added line"))
        what = steer.get(id(ln))
        if what:
            hits.append(Hit(ln.new_no, ln.text, f"added text {what}; a reviewer must not be steered by the code it reviews"))
    return hits


def _path_directed(fv: FileVerdict) -> list[Hit]:
    """A file name that the change gives (an added, renamed or copied file) addressing the reviewer."""
    if fv.file.status not in ("added", "renamed", "copied"):
        return []
    what = injection.steering(fv.path.replace("_", " ").replace("/", " / ")) or injection.steering(fv.path)
    ch = injection.invisible(fv.path)
    if not what and not ch:
        return []
    first = next((ln.new_no for h in fv.file.hunks for ln in h.lines if ln.new_no is not None), 1)
    message = (f"the file name {what}; a reviewer must not be steered by the code it reviews" if what
               else f"invisible or direction-changing character {ch} in the file name")
    return [Hit(first, fv.path, message)]


# ------------------------------------------------------------------------- sensitive-logged

_SENSITIVE_HINT = ("pass", "pwd", "secret", "token", "key", "auth", "cookie", "session", "sid", "credential", "bearer", "jwt")
_LOG_CALL = re.compile(
    r"(?:(?<![\w.$])(?:print|println|printf|eprint|eprintln|pprint|puts|var_dump|print_r|error_log|alert)"
    r"|\bconsole\.(?:log|info|warn|error|debug|trace|dir)"
    r"|\b(?i:\w*log(?:ger)?|logging|slog|Rails\.logger|logrus|log4j)\s*(?:\.|::|->)\s*"
    r"(?i:debug|info|warn|warning|error|critical|exception|fatal|trace|log|notice|verbose|print|printf|println|fatalf|"
    r"fatalln|panic|panicf|debugf|infof|warnf|errorf|tracef|debugw|infow|warnw|errorw|v|d|i|w|e|wtf)"
    r"|\bSystem\.(?:out|err)\.print(?:ln|f)?|\bfmt\.(?:Print|Printf|Println|Fprintf|Fprintln|Fprint)"
    r"|\bsys\.std(?:out|err)\.write)\s*!?\("
    # Shell, Ruby, PHP, PowerShell and CI scripts print without parentheses, at the start of a statement.
    r"|^\s*(?:-\s+|run:\s*)?(?:echo|printf|puts|print|Write-Host|Write-Output)\s+(?=[\"'$\w])"
)
_BARE_PRINT_LANGS = frozenset("sh bash zsh rb php pl ps1 yml yaml mk dockerfile".split())
# Identifier words (snake_case and camelCase split) that make a name a credential, and words that
# make it something about a credential (its length, hash, expiry, name) or an LLM token count.
_SENSITIVE_WORDS = frozenset(
    "password passwords passwd pwd passphrase secret secrets apikey token jwt bearer authorization cookie cookies "
    "sessionid credential credentials creds otp privatekey accesskey secretkey".split()
)
_SENSITIVE_PAIRS = frozenset({("api", "key"), ("private", "key"), ("access", "key"), ("secret", "key"),
                              ("signing", "key"), ("session", "id"), ("session", "key"), ("session", "token"),
                              ("auth", "header"), ("set", "cookie"), ("client", "secret")})
_BENIGN_WORDS = frozenset(
    "len length size count counts total num max min hash hashed digest masked mask redacted redact prefix suffix "
    "last4 first4 expiry expires expiration exp type types kind name names label field url uri path file endpoint "
    "policy strength valid required hint prompt reset changed updated created ttl age scope scopes format present "
    "missing source provider timeout version status error errors fingerprint sha md5 checksum rule rules regex "
    "pattern enabled disabled issuer audience claims tokens usage limit limits budget cost price input output "
    "completion completions cached reasoning estimate estimated encoding encoder tokenizer id ids is has should "
    "use uses allow enable alias bytes str text index idx rank ranks pos position offset start end line col kind".split()
)
_WORD_SPLIT = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def _name_class(part: str) -> str | None:
    """'sensitive', 'benign' or None for one identifier (a chain element)."""
    words = [w.lower() for w in _WORD_SPLIT.findall(part)]
    if not words:
        return None
    if any(w in _BENIGN_WORDS for w in words) and not (words[-2:] == ["session", "id"]):
        return "benign"
    if any(w in _SENSITIVE_WORDS for w in words) or any(p in _SENSITIVE_PAIRS for p in zip(words, words[1:])):
        return "sensitive"
    return None


_STRING = re.compile(r"""(?P<q>['"`])(?P<body>(?:\\.|(?!(?P=q)).)*)(?P=q)""")
_INTERP = re.compile(r"\$\{([^}]*)\}|#\{([^}]*)\}|\{([A-Za-z_][^{}:!]*)(?:[:!][^{}]*)?\}|\$([A-Za-z_]\w*)")
_KEY_LOOKUP = re.compile(r"""(?:\[\s*|\b(?:get|Get|getHeader|header|get_header|getCookie|cookie|Header\.Get)\(\s*)(['"])([\w\-]+)\1""")
_CHAIN = re.compile(r"[A-Za-z_$][\w$]*(?:\s*(?:\.|\?\.|->|::)\s*[A-Za-z_$][\w$]*)*")
_WRAPPER = re.compile(
    r"(?i)\b(?:len|hash|mask\w*|redact\w*|sha\d+|md5|hexdigest|digest|hashlib\.\w+|bool|type|typeof|sanitiz\w*|"
    r"obfuscat\w*|scrub\w*|truncat\w*|censor\w*|isset|empty|count|strlen|sizeof|is_none|isnull|hmac\w*|fingerprint\w*)\s*\(\s*$"
)
_BENIGN_AFTER = re.compile(r"^\s*(?:\.\s*(?:length|size|len|count|hash|hexdigest|digest)\b|\bis\s+(?:not\s+)?None\b|[!=]==?\s*(?:null|None|nil|undefined)|\?\s)")


def _code_of_args(args: str) -> str:
    """The argument text with string contents dropped, keeping interpolations and lookup keys."""
    args = _KEY_LOOKUP.sub(lambda m: "." + m.group(2).replace("-", "_"), args)

    def keep_code(m: re.Match) -> str:
        parts = [next(g for g in im.groups() if g is not None) for im in _INTERP.finditer(m.group("body"))]
        return " (" + " , ".join(parts) + ") " if parts else '""'

    return _STRING.sub(keep_code, args)


# A bare `token` is a lexeme in parsers and tokenizers; it is a credential when the line or the
# file talks about authentication.
_AUTH_CONTEXT = re.compile(r"(?i)auth|bearer|header|\bapi|_api|login|session|jwt|oauth|credential|secret|access|refresh|"
                           r"github|gitlab|slack|npm|pypi|password|cookie")


def _sensitive_in(args: str) -> str | None:
    code = _code_of_args(args)
    for m in _CHAIN.finditer(code):
        parts = re.split(r"\s*(?:\.|\?\.|->|::)\s*", m.group(0).replace("$", ""))
        verdict = None
        for part in parts:
            cls = _name_class(part)
            if cls is not None:
                verdict = (cls, part)
        if verdict is None or verdict[0] == "benign":
            continue
        if _WRAPPER.search(code[: m.start()]) or _BENIGN_AFTER.match(code[m.end() :]):
            continue
        return verdict[1]
    return None


def _code_lines(added: list[Line], hints, lang: str):
    """(line, text, stripped text) of the added lines that name one of `hints` (lower case) and
    are neither comments nor minified bundles."""
    prefixes = _comment_prefixes(lang)
    for ln in added:
        text = ln.text
        if len(text) > _MINIFIED or not any(w in text.lower() for w in hints):
            continue
        stripped = text.lstrip()
        if not _is_comment(stripped, prefixes):
            yield ln, text, stripped


def _sensitive_logged(path: str, lang: str, added: list[Line]) -> list[Hit]:
    if lang not in CODE_LANGS and lang not in ("yml", "yaml"):
        return []
    hits = []
    for ln, text, _ in _code_lines(added, _SENSITIVE_HINT, lang):
        m = _LOG_CALL.search(text)
        if not m or (m.group(0).lstrip().startswith(("echo", "printf", "puts", "print", "Write", "-", "run"))
                     and not m.group(0).rstrip().endswith("(") and lang not in _BARE_PRINT_LANGS):
            continue
        name = _sensitive_in(text[m.end() :])
        if name and name.lower() in ("token", "tokens") and not (_AUTH_CONTEXT.search(text) or _AUTH_CONTEXT.search(path)):
            name = None
        if name:
            call = m.group(0).strip().rstrip("(").strip()
            hits.append(Hit(ln.new_no, text, f"`{call}` is given `{name}`, which holds a credential or session value"))
    return hits


# ---------------------------------------------------------------------------- tls-verify-off

_TLS_HINT = ("verify", "cert_none", "check_hostname", "unverified", "rejectunauthorized", "reject_unauthorized",
             "insecure", "trustall", "trust_all", "hostnameverifier", "hostname_verifier", "checkservertrusted",
             "strictssl", "strict-ssl", "no-check-certificate", "curl", "sslverify", "ssl_verify", "verifypeer",
             "verifyhost", "ssl_no_verify", "pythonhttpsverify")
_TLS = [
    (re.compile(r"(?<![\w.])(?:\w+\.)?verify\s*=\s*False\b"), "requests/httpx called with verify=False"),
    (re.compile(r"(?:(?<![=!<>])=|[(,:])\s*(?:\w+\s*=\s*)?(?:ssl\.)?['\"]?CERT_NONE\b"), "ssl.CERT_NONE accepts any certificate"),
    (re.compile(r"\bcheck_hostname\s*=\s*False\b"), "check_hostname=False accepts a certificate for any host"),
    (re.compile(r"\b_create_unverified_context\b"), "an unverified SSL context accepts any certificate"),
    (re.compile(r"\brejectUnauthorized\s*[:=]\s*false\b"), "rejectUnauthorized: false accepts any certificate"),
    (re.compile(r"\bNODE_TLS_REJECT_UNAUTHORIZED\b\s*[:=]?\s*['\"]?0\b"), "NODE_TLS_REJECT_UNAUTHORIZED=0 turns off verification for the whole process"),
    (re.compile(r"\bstrictSSL\s*:\s*false\b|^\s*strict-ssl\s*=\s*false\b", re.I), "strict SSL turned off"),
    (re.compile(r"\bInsecureSkipVerify\s*[:=]\s*true\b"), "InsecureSkipVerify: true accepts any certificate"),
    (re.compile(r"\bNoopHostnameVerifier\b|\bALLOW_ALL_HOSTNAME_VERIFIER\b|\bAllowAllHostnameVerifier\b"), "a hostname verifier that accepts every host"),
    (re.compile(r"\bsetHostnameVerifier\s*\(\s*\(?\s*\w*\s*,?\s*\w*\s*\)?\s*->\s*true\b"), "a hostname verifier that accepts every host"),
    (re.compile(r"\b(?:TrustAllStrategy|InsecureTrustManagerFactory|TrustAllCerts|trustAllCerts|TrustAllManager|trustAllManager)\b"), "a trust manager that trusts every certificate"),
    (re.compile(r"\bcheckServerTrusted\s*\([^)]*\)\s*(?:throws\s+[\w.]+\s*)?\{\s*\}"), "an empty checkServerTrusted trusts every certificate"),
    (re.compile(r"\bcurl\b[^|;&#]*\s(?:--insecure\b|-[a-zA-Z]*k[a-zA-Z]*(?=\s|$))"), "curl -k/--insecure skips certificate checks"),
    (re.compile(r"\bwget\b[^|;&#]*\s--no-check-certificate\b"), "wget --no-check-certificate skips certificate checks"),
    (re.compile(r"\bCURLOPT_SSL_VERIFY(?:PEER|HOST)\b\s*[,=>]+\s*(?:0L?|false|FALSE|False)\b"), "libcurl peer/host verification turned off"),
    (re.compile(r"\b(?:sslverify|ssl_verify|verify_ssl|ssl-verify|verify_certs?|tls_verify|verify_tls|ssl_verify_peer)\b['\"]?\s*[:=]?\s*['\"]?(?:false|no|off|0)\b['\"]?\s*$", re.I),
     "certificate verification turned off in configuration"),
    (re.compile(r"\b(?:insecure_skip_verify|tls_skip_verify|skip_tls_verify|tls_insecure|insecure-skip-tls-verify|skip-tls-verify)\b['\"]?\s*[:=]?\s*['\"]?(?:true|yes|on|1)\b", re.I),
     "certificate verification skipped in configuration"),
    (re.compile(r"\bhttp\.sslVerify\s+false\b|\bGIT_SSL_NO_VERIFY\s*=\s*['\"]?(?:1|true)\b|\bPYTHONHTTPSVERIFY\s*=\s*['\"]?0\b", re.I),
     "certificate verification turned off for git/Python"),
]
# verify=False is about TLS only on an HTTP call or a session/client attribute.
_HTTP_CONTEXT = re.compile(
    r"(?i)requests|httpx|aiohttp|urllib|urlopen|session|client|https?\b|url|ssl|tls|cert|\.verify\s*=|"
    r"\b(?:get|post|put|patch|delete|head|options|request|send|stream|fetch|download|upload)\s*\("
)
_JWT_CONTEXT = re.compile(r"\bjwt\b|decode\(|signature", re.I)


def _tls_verify_off(path: str, lang: str, added: list[Line]) -> list[Hit]:
    hits = []
    for ln, text, stripped in _code_lines(added, _TLS_HINT, lang):
        if stripped.startswith(("def ", "async def ")):
            continue  # a parameter default is a declaration; the call that passes it is the finding
        for rx, what in _TLS:
            if rx.search(text):
                if what.startswith("requests") and (_JWT_CONTEXT.search(text) or not _HTTP_CONTEXT.search(text)):
                    break  # PyJWT's verify=False skips signatures; numpy's and mpmath's are not about TLS
                hits.append(Hit(ln.new_no, text, what))
                break
    return hits


# ------------------------------------------------------------------------------ debug-left

_DEBUG = [
    (("pdb", "pudb", "breakpoint", "set_trace"), re.compile(
        r"\b\w*pdb\w*\.(?:set_trace|post_mortem)\s*\(|^\s*(?:import\s+(?:i?pdb|pudb|pdbpp|remote_pdb|web_pdb)\b|from\s+(?:i?pdb|pudb)\s+import\s+.*\bset_trace\b)"
        r"|(?:^|;)\s*breakpoint\(\s*\)|\bpudb\.set_trace\b|\brdb\.set_trace\s*\("), {"py", "pyi"}),
    (("debugger",), re.compile(r"(?:^|[;{}]|\)\s*)\s*debugger\s*(?:;|$)"), _JS),
    (("pry", "byebug", "debugger", "irb"), re.compile(
        r"\bbinding\.(?:pry|irb)\b|^\s*(?:byebug|debugger)\s*$|^\s*require\s+['\"](?:pry|byebug|pry-byebug)['\"]"), {"rb", "erb", "rake"}),
    (("dd(", "dump(", "xdebug_break", "ray("), re.compile(r"^\s*(?:dd|dump|xdebug_break|ray)\s*\("), {"php"}),
    (("breakpoint",), re.compile(r"\bruntime\.Breakpoint\s*\(\s*\)"), {"go"}),
    (("debugger.",), re.compile(r"\bDebugger\.(?:Break|Launch)\s*\(\s*\)"), {"cs", "fs", "vb"}),
    (("debugbreak", "sigtrap"), re.compile(r"\b__debugbreak\s*\(\s*\)|\bDebugBreak\s*\(\s*\)|\braise\s*\(\s*SIGTRAP\s*\)"), {"c", "h", "cc", "cpp", "cxx", "hpp", "hh", "m", "mm"}),
    (("dbg!",), re.compile(r"\bdbg!\s*\("), {"rs"}),
    (("iex",), re.compile(r"\bIEx\.pry\b|^\s*require\s+IEx\b"), {"ex", "exs"}),
]


# flake8-debugger's codes: a line its author already marked as deliberate.
_NOQA_DEBUG = re.compile(r"#\s*noqa:[\sA-Z0-9,]*\bT10\d\b")


def _in_string(text: str, pos: int) -> bool:
    before = text[:pos]
    # Quotes before the match (a one-line string) or a backtick right before it (prose in a
    # docstring quoting code: ``pdb.set_trace()``).
    if before.endswith("`"):
        return True
    return before.count('"') % 2 == 1 or before.count("'") % 2 == 1 or before.count("`") % 2 == 1


def _debug_left(path: str, lang: str, added: list[Line]) -> list[Hit]:
    checks = [(words, rx) for words, rx, langs in _DEBUG if lang in langs]
    if not checks:
        return []
    prefixes = _comment_prefixes(lang)
    hits = []
    for ln in added:
        text = ln.text
        low = text.lower()
        for words, rx in checks:
            if not any(w in low for w in words):
                continue
            m = rx.search(text)
            if m and not _is_comment(text.lstrip(), prefixes) and not _in_string(text, m.start()) \
                    and not _NOQA_DEBUG.search(text) and len(text) <= _MINIFIED:
                hits.append(Hit(ln.new_no, text, f"`{m.group(0).strip(' ;')}` stops or dumps the program when it runs"))
                break
    return hits


# -------------------------------------------------------------------- access-check-removed

_ACCESS_HINT = ("@", "[authorize", "auth", "login", "perm", "secured", "role", "guard", "admin", "staff",
                "superuser", "access", "middleware", "csrf", "jwt", "token", "protect", "depends(", "security(",
                "granted", "gate::", "usercan", "user_can")
_ACCESS = [
    ("decorator", re.compile(
        r"^\s*(?:@|\[)(?P<key>(?:\w+\.)*(?:login_required|permission_required|user_passes_test|staff_member_required|"
        r"superuser_required|requires?_auth\w*|auth_required|jwt_required|token_required|admin_required|"
        r"requires?_permissions?|permissions?_required|requires?_roles?|roles?_required|roles_accepted|"
        r"fresh_login_required|PreAuthorize|PostAuthorize|Secured|RolesAllowed|Authorize|UseGuards|"
        r"authenticated|protected|requires_login|login_required_\w+|csrf_protect|method_decorator\(\s*login_required))\b")),
    ("setting", re.compile(
        r"^\s*(?P<key>permission_classes|authentication_classes|before_action\s+:(?:authenticate\w*|require_\w*|authorize\w*|"
        r"check_\w*)|before_filter\s+:(?:authenticate\w*|require_\w*|authorize\w*)|skip_before_action)\b")),
    ("middleware", re.compile(
        r"(?P<key>\b\w+\.use\s*\(\s*(?:[\w.]+\.)?(?:\w*[Aa]uth\w*|passport\.\w+|ensure\w*|require\w*|checkJwt|jwt\w*|verify\w*|"
        r"session\w*|csrf\w*|\w*[Gg]uard\w*)|['\"][\w.]*(?:AuthenticationMiddleware|CsrfViewMiddleware|LoginRequiredMiddleware|"
        r"PermissionMiddleware)['\"]|\.(?:addFilterBefore|addFilterAfter|authorizeRequests|authorizeHttpRequests)\s*\("
        r"|->middleware\(\s*\[?\s*['\"](?:auth|can:|verified|permission|role)[\w:.,-]*)")),
    # FastAPI dependencies: Depends(get_current_user), Security(verify_token, scopes=[...]).
    ("dependency", re.compile(
        r"\b(?P<key>(?:Depends|Security)\(\s*[\w.]*(?:auth|user|login|permission|perm|token|verify|jwt|api_key|"
        r"apikey|scope|admin|role|guard|session|credential)\w*)", re.I)),
    ("guard", re.compile(
        r"\b(?P<key>check_permissions?|has_permissions?|has_perms?|require_permissions?|require_login|requireAuth\w*|"
        r"requireLogin|ensureAuthenticated|ensure_authenticated|isAuthenticated|is_authenticated|check_access|"
        r"verify_token|verifyToken|assert_authorized|authorize|authorise|can_access|checkPermissions?|hasRole|"
        r"has_role|require_role|hasAuthority|hasPermission|check_auth\w*|checkAuth\w*|is_admin|isAdmin|is_staff|"
        r"is_superuser|abort_unless|authorize_resource|load_and_authorize_resource|Gate::authorize|"
        r"denyAccessUnlessGranted|isGranted|currentUserCan|current_user_can)\b")),
]
_CONDITIONAL = re.compile(r"\b(?:if|unless|elif|assert|raise|return|guard|throw|abort|and|or|not|when)\b|&&|\|\||!")
_DEF = re.compile(r"^\s*(?:async\s+)?(?:def|class|function|func|public|private|protected|fun)\b\s*(?:[\w<>\[\], ]+\s+)?(?P<name>\w+)\s*\(?")


_ACCESS_GATE = literal_gate(_ACCESS_HINT)


def _access_match(text: str) -> tuple[str, str] | None:
    if not _ACCESS_GATE.search(text.lower()):
        return None
    for kind, rx in _ACCESS:
        m = rx.search(text)
        if m:
            if kind in ("guard", "dependency") and _in_string(text, m.start()):
                continue  # "could not authorize the call" is a message, not a check
            if kind == "guard":
                if _DEF.match(text):
                    continue  # defining the check is not applying it
                called = re.match(r"\s*\(", text[m.end() :])
                if not called and not _CONDITIONAL.search(text[: m.start()]):
                    continue  # a bare mention (an import, a field) is not a check
            return kind, m.group("key")
    return None


def _nearest_new_line(hunk: Hunk, index: int) -> int:
    for ln in hunk.lines[index + 1 :]:
        if ln.new_no is not None:
            return ln.new_no
    for ln in reversed(hunk.lines[:index]):
        if ln.new_no is not None:
            return ln.new_no
    return max(hunk.new_start, 1)


def _access_removed(path: str, lang: str, hunks: tuple[Hunk, ...], file_added: set[str]) -> list[Hit]:
    if lang not in CODE_LANGS and lang not in ("erb", "yml", "yaml"):
        return []
    prefixes = _comment_prefixes(lang)
    hits = []
    for hunk in hunks:
        removed = [(i, ln) for i, ln in enumerate(hunk.lines) if ln.kind == "-"]
        if not removed:
            continue
        added_kinds = None
        for i, ln in removed:
            if _is_comment(ln.text.lstrip(), prefixes):
                continue
            found = _access_match(ln.text)
            if found is None:
                continue
            if ln.text.strip() in file_added:
                continue  # the same line was added back elsewhere in the file: moved, not removed
            if added_kinds is None:
                added_kinds = {m[0] for m in (_access_match(a.text) for a in hunk.lines if a.kind == "+") if m}
            kind, key = found
            if kind in added_kinds:
                continue
            if kind == "decorator" and _whole_definition_removed(hunk, i):
                continue  # the endpoint itself is gone, so nothing is left unprotected
            # Only the matched name goes into the message: the rest of a removed line is not ours
            # to repeat (it could hold a value the secret rule would have masked).
            shown = ("@" + key if kind == "decorator" else key) + ("...)" if key.count("(") > key.count(")") else "")
            hits.append(Hit(_nearest_new_line(hunk, i), ln.text,
                            f"removed {kind} `{shown}` and no {kind} check was added back in this hunk"))
    return hits


def _whole_definition_removed(hunk: Hunk, index: int) -> bool:
    added_text = "\n".join(ln.text for ln in hunk.lines if ln.kind == "+")
    for ln in hunk.lines[index + 1 :]:
        if ln.kind != "-":
            return False
        if ln.text.lstrip().startswith(("@", "[")):
            continue
        m = _DEF.match(ln.text)
        return bool(m) and not re.search(rf"\b{re.escape(m.group('name'))}\b", added_text)
    return False


# -------------------------------------------------------------------- risky-without-tests

_TEST_PATH = re.compile(
    r"(?:^|/)(?:tests?|__tests__|spec|specs|testing|test_?utils?)/|(?:^|/)test_[^/]*$|_test\.[^/]+$|\.test\.[^/]+$|"
    r"\.spec\.[^/]+$|(?:^|/)tests?\.py$|(?:Test|Tests|Spec|IT)\.(?:java|kt|scala|cs|swift|groovy|php)$|_spec\.rb$|(?:^|/)conftest\.py$",
)


def is_test_path(path: str) -> bool:
    return bool(_TEST_PATH.search(path))


def _risky_without_tests(files: tuple[FileVerdict, ...], allowed, threshold: int) -> list[tuple[str, Hit]]:
    if any(is_test_path(fv.path) for fv in files):
        return []
    for fv in files:
        # High by path and by what the code does: a path alone fired on 4% of ordinary
        # commits (an auth module's every edit), a signal alone on 39% (bench_routing.py).
        if fv.trivial is not None or fv.path_tier != "high" or fv.file.status == "deleted":
            continue
        if fv.score < 2 * threshold:
            continue
        if language_of(fv.path) not in CODE_LANGS or not allowed(fv.path):
            continue
        if family(fv.path) is not None:
            # setup.py is code, but a packaging manifest: no unit test covers its metadata
            # (it fired on "long description for PyPI" in bench_routing.py's ordinary commits).
            continue
        first = next((ln for hv in fv.hunks if hv.trivial is None for ln in hv.hunk.lines
                      if ln.kind == "+" and ln.text.strip()), None)
        if first is None or len(first.text) > _MINIFIED:
            continue
        why = fv.reason[0].lower() + fv.reason[1:] if fv.reason else "high tier"
        return [(fv.path, Hit(first.new_no, first.text,
                              f"high-risk code changed ({why}) and no test file changed in this range"))]
    return []


# ------------------------------------------------------------------------------- the runner

_SUPPLY_RULES = {
    "known-bad-release": lambda fv, _: supply.known_bad_release(fv.path, fv.file.hunks),
    "sha-pin-dropped": lambda fv, _: supply.sha_pin_dropped(fv.path, fv.file.hunks),
    "action-unpinned": lambda fv, _: supply.action_unpinned(fv.path, fv.file.hunks),
    "dependency-added": lambda fv, removed: supply.dependency_added(fv.path, fv.file.status, fv.file.hunks, removed),
}

_LINE_RULES = {
    "reviewer-directed-text": _reviewer_text,
    "sensitive-logged": _sensitive_logged,
    "tls-verify-off": _tls_verify_off,
    "debug-left": _debug_left,
}


def _gate_words() -> tuple[str, ...]:
    debug = tuple(w for words, _, _ in _DEBUG for w in words)
    return tuple(sorted(set(_SENSITIVE_HINT + _TLS_HINT + debug), key=len, reverse=True))


# One pass over a lower-cased line decides whether any line rule needs to look at it: a prefix
# tree of literals searched case-sensitively is far faster than any() over the words or
# re.IGNORECASE (measured with bench/bench_rules.py).
_LINE_GATE = literal_gate(_gate_words())


@lru_cache(maxsize=32)
def _path_filter(patterns: tuple[str, ...]):
    if not patterns:
        return lambda path: True
    # Only exclusions ("!tests/fixtures/") means "everything but these".
    if all(p.startswith("!") for p in patterns):
        patterns = ("*",) + patterns
    spec = compile_globs(list(patterns))
    return spec.match_file


def _finding(rule: Rule, severity: str, path: str, hit: Hit) -> Finding:
    return Finding(
        path=path,
        line=hit.line,
        severity=severity,
        rule=rule.id,
        source="rules",
        message=hit.message,
        fingerprint=fingerprint(rule.id, path, hit.text),
        title=hit.title or rule.title,
        category=rule.category,
        hint=rule.hint,
    )


def run_rules(files: tuple[FileVerdict, ...], config: Config) -> tuple[Finding, ...]:
    active = []
    for rule in RULES.values():
        rc = config.rule(rule.id)
        if rc.enabled:
            active.append((rule, rc.severity or rule.severity, _path_filter(tuple(rc.paths))))
    out: list[Finding] = []
    removed_cache: list[set[str]] = []

    def removed_deps() -> set[str]:
        if not removed_cache:  # read only when a manifest is in the change
            removed_cache.append(supply.removed_dependencies((f.path, f.file.hunks) for f in files))
        return removed_cache[0]

    for fv in files:
        if not fv.file.hunks:
            continue
        path = fv.path
        lang = language_of(path)
        added = [ln for h in fv.file.hunks for ln in h.lines if ln.kind == "+"]
        # secrets.find_secrets has its own gate (and imports detect-secrets only past it).
        gated = [ln for ln in added if not ln.text.isascii() or _LINE_GATE.search(ln.text.lower())]
        for rule, severity, allowed in active:
            if rule.id == "risky-without-tests" or (fv.trivial is not None and not rule.every_file):
                continue
            if not allowed(path):
                continue
            if rule.id == "secret":
                out.extend(_secret_findings(rule, severity, path, added))
            elif rule.id in _SUPPLY_RULES:
                out.extend(_finding(rule, severity, path, Hit(h.line, h.text, h.message))
                           for h in _SUPPLY_RULES[rule.id](fv, removed_deps()))
            elif rule.id == "access-check-removed":
                if fv.file.status != "deleted":
                    file_added = {ln.text.strip() for ln in added}
                    out.extend(_finding(rule, severity, path, h) for h in _access_removed(path, lang, fv.file.hunks, file_added))
            elif rule.id == "reviewer-directed-text":
                # Its own gates (review/injection.py): every added line, and the file name.
                hits = _LINE_RULES[rule.id](path, lang, added) + _path_directed(fv)
                out.extend(_finding(rule, severity, path, h) for h in hits)
            else:
                out.extend(_finding(rule, severity, path, h) for h in _LINE_RULES[rule.id](path, lang, gated))
    for rule, severity, allowed in active:
        if rule.id == "risky-without-tests":
            out.extend(_finding(rule, severity, p, h)
                       for p, h in _risky_without_tests(files, allowed, config.routing.threshold))
    return tuple(out)


def _secret_findings(rule: Rule, severity: str, path: str, added: list[Line]) -> list[Finding]:
    if not added:
        return []
    from .secrets import scan_added

    out = []
    for hit in scan_added(path, [(ln.new_no, ln.text) for ln in added if ln.new_no is not None]):
        text = f"{hit.kind} added: {hit.masked}"
        out.append(_finding(rule, severity, path, Hit(hit.line, hit.masked_line, f"{text} (shown masked); treat it as leaked: rotate it, then remove it", title=text)))
    return out
