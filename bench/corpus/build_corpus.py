"""Build bench/corpus/{projects,fixes,merges}.tsv from advisory databases and fetched projects.

Usage:
    python bench/corpus/build_corpus.py [--db KIND=GITDIR ...] [--out DIR] [REPO ...]

KIND is one of pypa, go, ruby, php, npm, ossfuzz, ghsa.  Without --db, each database is
looked up among the fetched mirrors (pypa/advisory-database, golang/vulndb,
rubysec/ruby-advisory-db, FriendsOfPHP/security-advisories, nodejs/security-wg,
google/oss-fuzz-vulns).  ``ghsa`` is a TSV (advisory, repo, commit, cwes, summary) of
records read one by one from github/advisory-database, whose snapshot is too large to fetch.
Without REPO arguments the projects of bench/corpus/candidates.txt are considered (those not
fetched are logged and left out); without that file, every fetched project.

Sources of fix commits, per advisory of a project:
  1. explicit references: ``github.com/OWNER/REPO/commit/SHA``, GIT ranges' ``fixed`` events,
     ``go.googlesource.com/NAME/+/SHA`` (golang/NAME), and ``.../pull/N`` resolved to the merge
     or squash commit of that pull request in the mirror;
  2. when an advisory has no explicit reference, commits of the project whose message names one
     of the advisory's ids (CVE-/GHSA-/PYSEC-), one per advisory (the oldest reachable from HEAD,
     else the oldest);
  3. commits whose message names a CVE/GHSA id no database lists for the project (the project's
     own statement that it fixes that advisory), one per id, not reverts or dependency bumps.
Kept only if the commit exists in the mirror, has a parent, and changes at least one non-test
source file (against its first parent for merges).  Only ids and labels are written.
"""
from __future__ import annotations

import argparse
import fnmatch
import hashlib
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mirrors import fetched_repos, mirror_git_dir  # noqa: E402

HERE = Path(__file__).resolve().parent
CANDIDATES = HERE / "candidates.txt"  # the projects to fetch and consider, one owner/name a line


def read_candidates(path: Path) -> dict[str, list[str]]:
    """owner/name -> package patterns (``php:symfony/*``, ``npm:marked``, ``gem:rack``) whose
    advisories belong to the project: the databases keyed by package name (FriendsOfPHP, Node.js
    WG, RubySec) often give no repository URL, so the line names the packages the project ships."""
    out: dict[str, list[str]] = {}
    for line in path.read_text().splitlines():
        fields = line.split("#", 1)[0].split()
        if fields:
            out[fields[0]] = [f.lower() for f in fields[1:]]
    return out

DB_REPOS = {
    "pypa": "pypa/advisory-database",
    "go": "golang/vulndb",
    "ruby": "rubysec/ruby-advisory-db",
    "php": "FriendsOfPHP/security-advisories",
    "npm": "nodejs/security-wg",
    "ossfuzz": "google/oss-fuzz-vulns",
}
DB_LANGUAGE = {"pypa": "python", "go": "go", "ruby": "ruby", "php": "php", "npm": "js", "ossfuzz": ""}
NOT_PROJECTS = {r.lower() for r in DB_REPOS.values()} | {"github/advisory-database"}

GH_COMMIT = re.compile(r"github\.com/([\w.-]+)/([\w.-]+?)(?:\.git)?/commits?/([0-9a-fA-F]{7,40})\b")
GH_PULL = re.compile(r"github\.com/([\w.-]+)/([\w.-]+)/pull/(\d+)")
GH_REPO = re.compile(r"github\.com/([\w.-]+)/([\w.-]+)")
GO_SOURCE = re.compile(r"go\.googlesource\.com/([\w.-]+)/\+/([0-9a-f]{7,40})")
OWN_TRACKER_ID = re.compile(r"\[(SECURITY-\d+)\]")
ID_IN_TEXT = re.compile(r"\b(CVE-\d{4}-\d{4,7}|GHSA(?:-[23456789cfghjmpqrvwx]{4}){3})\b", re.I)
NOT_REPO_OWNERS = {"advisories", "orgs", "sponsors", "features", "topics", "settings", "security"}


@dataclass
class Advisory:
    ids: list[str]  # primary first
    language: str
    text: str
    cwes: set[str] = field(default_factory=set)
    commits: set[tuple[str, str]] = field(default_factory=set)  # (repo lower, sha)
    pulls: set[tuple[str, int]] = field(default_factory=set)
    repos: Counter = field(default_factory=Counter)  # repos named by any github URL


def norm_repo(owner: str, name: str) -> str:
    return f"{owner}/{name.removesuffix('.git')}".lower()


def git(gitdir: str, *args: str, check: bool = True) -> str:
    out = subprocess.run(["git", f"--git-dir={gitdir}", *args], capture_output=True, text=True,
                         errors="replace")
    if check and out.returncode:
        raise RuntimeError(f"git {' '.join(args[:3])}: {out.stderr.strip()}")
    return out.stdout


def read_tree_files(gitdir: str, prefix: str, suffixes: tuple[str, ...]) -> list[tuple[str, str]]:
    """(path, text) of every blob under prefix ending in one of suffixes, at HEAD."""
    listing = git(gitdir, "ls-tree", "-r", "HEAD", *(["--", prefix] if prefix else []))
    entries = []
    for line in listing.splitlines():
        meta, _, path = line.partition("\t")
        parts = meta.split()
        if len(parts) == 3 and parts[1] == "blob" and path.endswith(suffixes):
            entries.append((parts[2], path))
    if not entries:
        return []
    batch = subprocess.run(["git", f"--git-dir={gitdir}", "cat-file", "--batch"],
                           input="".join(f"{sha}\n" for sha, _ in entries).encode(), capture_output=True)
    data = batch.stdout
    out, pos = [], 0
    for _, path in entries:
        nl = data.index(b"\n", pos)
        header = data[pos:nl].split()
        if len(header) < 3 or header[1] != b"blob":  # missing (too large for the snapshot)
            pos = nl + 1
            continue
        size = int(header[2])
        out.append((path, data[nl + 1:nl + 1 + size].decode("utf-8", "replace")))
        pos = nl + 1 + size + 1
    return out


def scan_refs(adv: Advisory, urls: list[str]) -> None:
    for url in urls:
        if not isinstance(url, str):
            continue
        for m in GH_COMMIT.finditer(url):
            adv.commits.add((norm_repo(m.group(1), m.group(2)), m.group(3).lower()))
        for m in GH_PULL.finditer(url):
            adv.pulls.add((norm_repo(m.group(1), m.group(2)), int(m.group(3))))
        for m in GO_SOURCE.finditer(url):
            adv.commits.add((f"golang/{m.group(1).lower()}", m.group(2).lower()))
            adv.repos[f"golang/{m.group(1).lower()}"] += 1
        for m in GH_REPO.finditer(url):
            if m.group(1).lower() not in NOT_REPO_OWNERS:
                adv.repos[norm_repo(m.group(1), m.group(2))] += 1


def ids_of(*values: object) -> list[str]:
    out: list[str] = []
    for v in values:
        for x in v if isinstance(v, list) else [v]:
            if isinstance(x, str) and x and x not in out:
                out.append(x.strip())
    return out


def osv_advisory(d: dict, language: str) -> Advisory:
    ids = ids_of(d.get("id"), d.get("aliases") or [])
    adv = Advisory(ids, language, f"{d.get('summary') or ''}\n{d.get('details') or ''}")
    spec = d.get("database_specific") or {}
    adv.cwes.update(str(c) for c in spec.get("cwe_ids") or [])
    scan_refs(adv, [r.get("url", "") for r in d.get("references") or []])
    for aff in d.get("affected") or []:
        for rng in aff.get("ranges") or []:
            if rng.get("type") != "GIT":
                continue
            m = GH_REPO.search(rng.get("repo") or "")
            if not m:
                continue
            repo = norm_repo(m.group(1), m.group(2))
            adv.repos[repo] += 1
            fixed = [e["fixed"] for e in rng.get("events") or [] if "fixed" in e]
            single = True
            fr = (aff.get("ecosystem_specific") or {}).get("fixed_range")
            if isinstance(fr, str) and ":" in fr:
                # OSS-Fuzz bisects the fix; only a range of one commit names the fix itself.
                start, _, end = fr.partition(":")
                single = (start, end)  # checked against the mirror later
            for sha in fixed:
                if re.fullmatch(r"[0-9a-f]{40}", sha or ""):
                    adv.commits.add((repo, sha))
                    if single is not True:
                        adv.__dict__.setdefault("bisect", {})[sha] = single
    return adv


def load_pypa(gitdir: str) -> list[Advisory]:
    return [osv_advisory(yaml.safe_load(t), "python") for _, t in read_tree_files(gitdir, "vulns", (".yaml",))]


def load_go(gitdir: str) -> list[Advisory]:
    return [osv_advisory(json.loads(t), "go") for _, t in read_tree_files(gitdir, "data/osv", (".json",))]


# OSS-Fuzz records give no CWE, but a sanitizer crash type; their details also carry the crash
# state (function names such as "OT::AxisValue::sanitize"), which the keyword fallback would read
# as XSS.  The crash type decides: sanitizer memory errors are memory-bounds (CWE-119), timeouts,
# out-of-memory and stack overflows (recursion) resource-limits (CWE-400); Jazzer's "Security
# exception" and uncaught exceptions are left to the keywords of the summary alone.
CRASH_TYPE = re.compile(r"Crash type:\s*([A-Za-z -]+)")
CRASH_RESOURCE = re.compile(r"^(timeout|out-of-memory|stack-overflow|leak)", re.I)
CRASH_OTHER = re.compile(r"^(security exception|uncaught exception|check failed|assert|abrt)", re.I)


def load_ossfuzz(gitdir: str) -> list[Advisory]:
    # OSS-Fuzz fuzzes C, C++, Java, Python, Go and Rust projects alike: no ecosystem of its own, so the
    # project's language comes from its source files.
    out = []
    for _, t in read_tree_files(gitdir, "vulns", (".yaml",)):
        d = yaml.safe_load(t)
        adv = osv_advisory(d, "")
        m = CRASH_TYPE.search(d.get("details") or "")
        crash = m.group(1).strip() if m else ""
        adv.text = d.get("summary") or ""
        if crash and CRASH_RESOURCE.match(crash):
            adv.cwes.add("CWE-400")
        elif crash and not CRASH_OTHER.match(crash):
            adv.cwes.add("CWE-119")
        out.append(adv)
    return out


def load_ruby(gitdir: str) -> list[Advisory]:
    out = []
    for path, text in read_tree_files(gitdir, "gems", (".yml",)):
        d = yaml.safe_load(text) or {}
        ids = ids_of(f"CVE-{d['cve']}" if d.get("cve") else None, f"GHSA-{d['ghsa']}" if d.get("ghsa") else None,
                     d.get("osvdb") and f"OSVDB-{d['osvdb']}", Path(path).stem)
        adv = Advisory(ids, "ruby", f"{d.get('title') or ''}\n{d.get('description') or ''}")
        related = (d.get("related") or {}).get("url") or []
        scan_refs(adv, [d.get("url") or "", *related])
        adv.repos[f"package:gem:{(d.get('gem') or Path(path).parent.name).lower()}"] += 1
        out.append(adv)
    return out


def load_php(gitdir: str) -> list[Advisory]:
    out = []
    for path, text in read_tree_files(gitdir, "", (".yaml",)):
        if path.count("/") < 2:
            continue
        d = yaml.safe_load(text) or {}
        ghsa = re.search(r"GHSA(?:-\w{4}){3}", d.get("link") or "")
        ids = ids_of(d.get("cve"), ghsa.group(0) if ghsa else None)
        if not ids:
            continue
        adv = Advisory(ids, "php", d.get("title") or "")
        scan_refs(adv, [d.get("link") or ""])
        adv.repos[f"package:php:{(d.get('reference') or '').removeprefix('composer://').lower()}"] += 1
        out.append(adv)
    return out


def load_npm(gitdir: str) -> list[Advisory]:
    out = []
    for _, text in read_tree_files(gitdir, "vuln/npm", (".json",)):
        d = json.loads(text)
        for rec in d.values() if "id" not in d else [d]:
            if not isinstance(rec, dict):
                continue
            ids = ids_of(rec.get("cves") or [], f"NSWG-ECO-{rec.get('id')}")
            adv = Advisory(ids, "js", f"{rec.get('title') or ''}\n{rec.get('overview') or ''}")
            refs = rec.get("references") or []
            scan_refs(adv, [*refs, rec.get("overview") or ""] if isinstance(refs, list) else [str(refs)])
            adv.repos[f"package:npm:{(rec.get('module_name') or '').lower()}"] += 1
            out.append(adv)
    return out


def load_ghsa(path: str) -> list[Advisory]:
    out = []
    for line in Path(path).read_text().splitlines()[1:]:
        if not line.strip():
            continue
        advisory, repo, sha, cwes, summary = (line.split("\t") + [""] * 5)[:5]
        adv = Advisory(ids_of(*advisory.split(",")), "", summary)
        adv.cwes.update(c for c in cwes.split(",") if c)
        adv.commits.add((repo.lower(), sha.lower()))
        adv.repos[repo.lower()] += 1
        out.append(adv)
    return out


LOADERS = {"pypa": load_pypa, "go": load_go, "ruby": load_ruby, "php": load_php, "npm": load_npm,
           "ossfuzz": load_ossfuzz, "ghsa": load_ghsa}

# --- weakness groups -------------------------------------------------------------------------
CWE_GROUP = {
    "xss": [79, 80, 83, 87, 116, 150],
    "redirect": [601],
    "http-framing": [444, 113, 93, 644],
    "path": [22, 23, 24, 35, 36, 59, 61, 73, 434, 552, 641],
    "deserialization": [502, 611, 776, 827, 915, 1321],
    "regex-dos": [1333, 185, 186],
    "injection/exec": [74, 75, 77, 78, 88, 89, 90, 91, 94, 95, 96, 97, 643, 652, 917, 1236, 1336, 943, 470],
    "tls-crypto": [295, 296, 297, 299, 310, 311, 319, 321, 322, 323, 326, 327, 328, 330, 331, 335, 338, 340,
                   347, 354, 757, 916, 208, 385, 1204, 1240],
    "authz/csrf": [250, 264, 269, 272, 282, 283, 284, 285, 287, 288, 289, 290, 294, 302, 303, 304, 305, 306,
                   307, 346, 348, 352, 384, 565, 613, 620, 639, 640, 648, 708, 732, 749, 862, 863, 915, 942, 1021,
                   1385, 1220, 1230, 204, 203, 521, 522, 523, 1390, 1391],
    "resource-limits": [400, 401, 404, 405, 407, 409, 674, 770, 772, 789, 834, 835, 1050, 1325, 920],
    "memory-bounds": [119, 120, 121, 122, 123, 124, 125, 126, 127, 129, 131, 134, 170, 190, 191, 193, 197, 369,
                      415, 416, 457, 467, 476, 588, 617, 665, 680, 681, 704, 787, 788, 805, 822, 823, 824, 825,
                      843, 908, 909, 1284, 118, 672],
    "info-leak/logging": [200, 201, 209, 212, 213, 214, 215, 312, 313, 359, 497, 532, 538, 540, 548, 598, 117],
    "tempfile-perms": [276, 277, 278, 279, 281, 377, 378, 379, 732, 59],
    "ssrf": [918, 441],
}
CWE_TO_GROUP: dict[int, str] = {}
for _group, _cwes in CWE_GROUP.items():
    for _c in _cwes:
        CWE_TO_GROUP.setdefault(_c, _group)

# Keyword fallback, in priority order: the first group whose pattern matches the text wins.
KEYWORDS = [
    ("ssrf", r"\bssrf\b|server[- ]side request forgery"),
    ("http-framing", r"smuggl|crlf|header injection|response splitting|chunk(ed)? (encoding|extension|size)|"
                     r"transfer-encoding|content-length|http/1\.1 pars|request line|header (folding|splitting)"),
    ("redirect", r"open redirect|redirect(ion)? to (an )?(arbitrary|untrusted|external)|url redirection"),
    ("xss", r"\bxss\b|cross[- ]site scripting|script injection|html injection|escap(e|ing) .*html|mark_safe|"
            r"sanitiz"),
    ("regex-dos", r"redos|regular expression denial|regex(p)? (denial|dos|complexity)|catastrophic backtrack|"
                  r"inefficient regular expression|polynomial"),
    ("deserialization", r"deserializ|unpickl|pickle|\bxxe\b|xml external entit|yaml\.load|unmarshal|"
                        r"prototype pollution|billion laughs|entity expansion"),
    ("path", r"path traversal|directory traversal|zip ?slip|\.\./|symlink|arbitrary file (read|write|access)|"
             r"local file inclusion|file upload"),
    ("injection/exec", r"command injection|code injection|sql injection|\bsqli\b|remote code execution|\brce\b|"
                       r"arbitrary code|shell injection|\beval\b|template injection|\bssti\b|ldap injection|"
                       r"argument injection|os command|injection"),
    ("memory-bounds", r"buffer overflow|overflow|out[- ]of[- ]bounds|use[- ]after[- ]free|double free|"
                      r"null pointer|null dereference|heap|stack-buffer|memory corruption|segfault|"
                      r"uninitiali[sz]ed|integer (overflow|underflow)|index-out-of-bounds|bad-cast|"
                      r"negative-size|memcpy|nullptr"),
    ("tls-crypto", r"\btls\b|\bssl\b|certificate|hostname verification|cipher|crypto|signature (verif|bypass)|"
                   r"timing attack|constant[- ]time|\bjwt\b|weak (random|key|hash)|\bnonce\b|\bhmac\b|padding oracle"),
    ("authz/csrf", r"csrf|cross[- ]site request forgery|authori[sz]|authenticat|permission|privilege|"
                   r"access control|bypass|session fixation|\bcors\b|origin check|impersonat|login|password reset|"
                   r"idor|insecure direct object"),
    ("resource-limits", r"denial of service|\bdos\b|resource exhaustion|memory exhaustion|memory consumption|"
                        r"excessive (memory|cpu)|unbounded|infinite loop|decompression bomb|zip bomb|"
                        r"uncontrolled resource|too many|large (number|amount)|\blimit"),
    ("info-leak/logging", r"information (disclosure|exposure|leak)|sensitive (information|data)|leak|"
                          r"\blog(s|ged|ging)?\b|expos(e|ure)|disclos"),
    ("tempfile-perms", r"temporary file|tempfile|mktemp|world[- ]readable|file permissions|insecure permissions|"
                       r"umask|chmod"),
]
KEYWORDS_RX = [(g, re.compile(p, re.I)) for g, p in KEYWORDS]


def weakness(cwes: set[str], text: str) -> str:
    for c in sorted(cwes):
        m = re.search(r"(\d+)", c)
        if m and int(m.group(1)) in CWE_TO_GROUP:
            return CWE_TO_GROUP[int(m.group(1))]
    for group, rx in KEYWORDS_RX:
        if rx.search(text):
            return group
    return "other"


# --- what counts as a non-test source file -------------------------------------------------------
SOURCE_EXT = {
    ".py", ".pyx", ".pxd", ".pxi", ".pyi", ".c", ".h", ".cc", ".cpp", ".cxx", ".hh", ".hpp", ".hxx", ".m",
    ".mm", ".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx", ".mts", ".cts", ".vue", ".svelte", ".go", ".java",
    ".kt", ".kts", ".scala", ".groovy", ".rb", ".erb", ".haml", ".slim", ".rake", ".php", ".phtml", ".twig",
    ".blade.php", ".rs", ".html", ".htm", ".jinja", ".jinja2", ".j2", ".tmpl", ".tpl", ".mustache", ".hbs",
    ".ejs", ".pug", ".lua", ".pl", ".pm", ".sh", ".bash", ".cs", ".swift", ".y", ".l", ".rl", ".xsl",
    ".asm", ".s", ".S", ".inc", ".sql", ".ex", ".exs", ".erl", ".zig",
}
TEST_DIR = re.compile(r"(^|/)(tests?|testing|testdata|test_?data|spec|specs|__tests__|__mocks__|fixtures?|"
                      r"e2e|cypress|playwright|benchmarks?|fuzz|fuzzing|oss-fuzz|examples?|docs?|"
                      r"documentation|changelog\.d|changes|newsfragments|changelogs?|\.github|"
                      r"vendor|third_party|node_modules)(/|$)", re.I)  # vendored code is another project's
TEST_FILE = re.compile(r"(^test_.*|.*_test\.(py|go|rb|cc|cpp|c)$|.*_tests?\.py$|.*[._-](test|spec)\."
                       r"(js|ts|jsx|tsx|mjs|cjs|rb|php)$|.*Test(s|Case)?\.(java|kt|php|scala)$|conftest\.py$|"
                       r"^(changes|changelog|news|history|readme|authors|contributors|security)([._-].*)?$)", re.I)


# Build, packaging and version files: a commit changing only these is a bump or a release.
NOT_SOURCE_NAME = re.compile(r"^(setup\.py|noxfile\.py|tasks\.py|fabfile\.py|dodo\.py|_?_?version_?_?\.py|"
                             r"version\.(go|rb|php|js|ts|h)|gruntfile\.js|gulpfile\.js|.*\.config\.(js|mjs|cjs|ts)|"
                             r"\.eslintrc\.js|jest\.setup\.(js|ts))$", re.I)


def is_source(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    if NOT_SOURCE_NAME.match(name):
        return False
    ext = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    if ext not in SOURCE_EXT and not name.endswith(".blade.php"):
        return False
    return not TEST_DIR.search(path) and not TEST_FILE.match(name)


# --- per-project history ---------------------------------------------------------------------
@dataclass
class History:
    gitdir: str
    messages: dict[str, str]  # sha -> full message (all refs)
    parents: dict[str, list[str]]
    dates: dict[str, int]
    on_head: set[str]

    @classmethod
    def load(cls, gitdir: str) -> History:
        raw = git(gitdir, "log", "--all", "--format=%x01%H%x00%P%x00%ct%x00%B")
        messages, parents, dates = {}, {}, {}
        for rec in raw.split("\x01")[1:]:
            sha, ps, ct, msg = (rec.split("\x00", 3) + ["", "", ""])[:4]
            messages[sha] = msg
            parents[sha] = ps.split()
            dates[sha] = int(ct or 0)
        on_head = set(git(gitdir, "rev-list", "HEAD").split())
        return cls(gitdir, messages, parents, dates, on_head)

    def resolve(self, sha: str) -> str | None:
        if len(sha) == 40:
            return sha if sha in self.parents else None
        out = git(self.gitdir, "rev-parse", "-q", "--verify", f"{sha}^{{commit}}", check=False).strip()
        return out if out in self.parents else None

    def pull_commit(self, number: int) -> str | None:
        """The commit that landed pull request #number: its merge, or its squash."""
        head = git(self.gitdir, "rev-parse", "-q", "--verify", f"refs/pull/{number}/head", check=False).strip()
        candidates = []
        for sha, ps in self.parents.items():
            subject = self.messages[sha].split("\n", 1)[0]
            if len(ps) > 1 and (ps[1] == head or re.match(rf"Merge pull request #{number}\b", subject)):
                candidates.append(sha)
            elif len(ps) == 1 and re.search(rf"\(#{number}\)\s*$", subject):
                candidates.append(sha)
        if not candidates:
            return None
        return min(candidates, key=lambda s: (s not in self.on_head, self.dates[s], s))

    def changed_paths(self, sha: str) -> list[str]:
        parent = self.parents[sha][0]
        out = git(self.gitdir, "diff", "--no-renames", "--name-only", "-z", parent, sha, check=False)
        return [p for p in out.split("\x00") if p]


# Subjects of commits that name an advisory without being its fix: reverts, dependency bumps,
# requirement changes, CI and release commits.
BUMP = re.compile(r"^(revert|bump|vendor|update dependenc|upgrade|chore|deps|build|ci|travis|release|prepare|"
                  r"version|changelog|docs?\b|\[?security\]? bump)|\b(bump(s|ed)?|upgrade[sd]?|update[sd]?|"
                  r"requires?|pin(s|ned)?) .{0,60}\b(to|from|>=?|\d+\.\d+)|\brequire\b|"
                  r"^(move|switch|migrate)[sd]? (from|to) .{0,40}\d+\.\d+", re.I)
# A merge named in a message must be the merge of one pull request (or of GitHub's private
# security fork), not of a release branch or tag that carries a changelog.
# Symfony's merge tool names the merge of a security pull request "security #cve-YYYY-N [Component] ...".
PR_MERGE = re.compile(r"^Merge (pull request|commit from fork|branch '?ghsa)|^security #cve-|GHSA-", re.I)
FIXLIKE = re.compile(r"fix|prevent|mitigat|vulnerab|secur|sanitiz|escap|validat|reject|harden|restrict|limit|"
                     r"GHSA-|advisory|overflow|travers|inject|xss|csrf|redos|dos\b|bypass|leak", re.I)
# Subjects of commits that name an advisory while touching it only on the side: comments,
# javadoc, tests, typos, formatting, deprecation warnings.  Not the fix, though FIXLIKE may match ("Fix javadoc").
SIDE_CHANGE = re.compile(r"^(add(ed|s)? (some |more |a )?(comments?|javadoc|tests?|test cases?|docs?|"
                         r"documentation|changelog|note)|(fix|correct)(ed|s)? (the )?(javadoc|typos?|comments?|"
                         r"tests?|docs?|checkstyle|format(ting)?|build)|javadoc|comments?\b|typos?\b|tests?\b|"
                         r"format(ting)?\b|whitespace|clean ?-?up|checkstyle|code style|polish|spelling|deprecat)", re.I)
MAX_FILES_NAMED = 60
# A commit naming an id is taken as its fix only where the message says so: the id is in the
# subject, in a link (".../security/advisories/GHSA-..."), on a line with a fix verb ("This is the
# fix for CVE-...", "Mitigates CVE-...") or on a short line of its own ("CVE-2016-8620",
# "[CVE-2021-22942]", "Security problem: CVE-...", "This is CVE-...") or in parentheses closing a
# sentence ("... overflow (GHSA-q3qv-2x6p-gfmp, CWE-125)."). A later commit that
# mentions the id in passing ("The security protection against XSSI attacks (GHSA-...) is
# preserved") is not.
FIX_VERB = re.compile(r"fix|address|resolv|mitigat|prevent|patch|clos(e|es|ing)\b|correct|harden|"
                      r"backport|merge|vulnerab|due to|work(s|ed)?[- ]around|in response to|"
                      r"solutions? (to|for)|report(ed|ing)\b", re.I)
URL = re.compile(r"\S*://\S+")


def names_as_fix(msg: str, ident: str) -> bool:
    lines = msg.split("\n")
    for i, line in enumerate(lines):
        if ident.upper() not in line.upper():
            continue
        if i == 0 or FIX_VERB.search(line):
            return True
        if any(ident.upper() in u.upper() for u in URL.findall(line)):
            return True
        # "... a heap-buffer-overflow (GHSA-q3qv-2x6p-gfmp, CWE-125)." ends the fix's description.
        if re.search(rf"\(\s*[^()]*{re.escape(ident)}[^()]*\)\.\s*$", line, re.I):
            return True
        rest = ID_IN_TEXT.sub(" ", URL.sub(" ", line))
        if len(re.findall(r"[A-Za-z]+", rest)) <= 4:
            return True
    return False


def classify_project_language(gitdir: str) -> str:
    counts: Counter = Counter()
    lang_of = {".py": "python", ".pyx": "python", ".js": "js", ".mjs": "js", ".cjs": "js", ".jsx": "js",
               ".ts": "js", ".tsx": "js", ".go": "go", ".java": "java", ".kt": "java", ".scala": "java",
               ".rb": "ruby", ".php": "php", ".c": "c", ".h": "c", ".cc": "c", ".cpp": "c", ".hpp": "c",
               ".cxx": "c", ".rs": "rust"}
    for path in git(gitdir, "ls-tree", "-r", "--name-only", "HEAD").splitlines():
        if is_source(path):
            ext = "." + path.rsplit(".", 1)[-1] if "." in path.rsplit("/", 1)[-1] else ""
            if ext in lang_of:
                counts[lang_of[ext]] += 1
    return counts.most_common(1)[0][0] if counts else "other"


def split_of(repo: str) -> str:
    """Held-out split: decided by the name alone, stable as projects are added."""
    return "holdout" if int(hashlib.sha256(repo.lower().encode()).hexdigest(), 16) % 3 == 0 else "tune"


@dataclass(frozen=True)
class Fix:
    repo: str
    commit: str
    advisory: str
    weakness: str
    language: str
    merge: bool
    source: str  # reference | advisory-id-in-message | id-in-message


def primary_id(ids: list[str]) -> str:
    for prefix in ("CVE-", "GHSA-"):
        for i in ids:
            if i.upper().startswith(prefix):
                return i
    return ids[0] if ids else ""


def build_project(repo: str, advs: list[Advisory], all_by_id: dict[str, Advisory], language: str,
                  log: list[str]) -> list[Fix]:
    gitdir = mirror_git_dir(repo)
    assert gitdir is not None
    hist = History.load(gitdir)
    key = repo.lower()
    chosen: dict[str, tuple[Advisory | None, str, str]] = {}  # sha -> (adv, source, id label)
    covered_ids: set[str] = set()

    def keep(sha: str, adv: Advisory | None, source: str, label: str, why: str) -> bool:
        if sha in chosen:
            return True
        ps = hist.parents.get(sha)
        if not ps:
            log.append(f"{repo} {sha[:12]} {label}: {'root commit' if ps == [] else 'not in mirror'}")
            return False
        paths = hist.changed_paths(sha)
        if not any(is_source(p) for p in paths):
            log.append(f"{repo} {sha[:12]} {label}: no non-test source file changed ({why})")
            return False
        if source != "reference" and len(paths) > MAX_FILES_NAMED:
            log.append(f"{repo} {sha[:12]} {label}: {len(paths)} files changed, not one fix ({why})")
            return False
        chosen[sha] = (adv, source, label)
        return True

    for adv in advs:
        label = primary_id(adv.ids)
        explicit: list[str] = []
        for r, sha in sorted(adv.commits):
            if r != key:
                continue
            full = hist.resolve(sha)
            if full is None:
                log.append(f"{repo} {sha[:12]} {label}: not in mirror")
                continue
            bisect = adv.__dict__.get("bisect", {}).get(sha)
            if bisect and hist.resolve(bisect[0]) not in hist.parents.get(full, []):
                log.append(f"{repo} {sha[:12]} {label}: OSS-Fuzz fixed range spans several commits")
                continue
            explicit.append(full)
        for r, number in sorted(adv.pulls):
            if r == key:
                full = hist.pull_commit(number)
                if full:
                    explicit.append(full)
                else:
                    log.append(f"{repo} pull/{number} {label}: no merge or squash commit found")
        # Backports of one fix share a subject (django-style "[4.2.x] " prefixes aside): keep one.
        seen_subjects: set[str] = set()
        kept_any = False
        for full in sorted(set(explicit), key=lambda s: (s not in hist.on_head, hist.dates[s], s)):
            subject = re.sub(r"^\[[^\]]*\]\s*", "", hist.messages[full].split("\n", 1)[0]).strip().lower()
            if subject in seen_subjects:
                continue
            if keep(full, adv, "reference", label, "referenced"):
                seen_subjects.add(subject)
                kept_any = True
        if kept_any or explicit:
            covered_ids.update(i.upper() for i in adv.ids)

    # Commits naming an advisory id, for advisories of this project without a usable reference.
    mentioned: dict[str, list[str]] = defaultdict(list)
    for sha, msg in hist.messages.items():
        for m in ID_IN_TEXT.finditer(msg):
            mentioned[m.group(1).upper()].append(sha)
        # A project's own security-tracker id as the subject's prefix (Jenkins' "[SECURITY-3930]",
        # each a published advisory with a CVE): the security team's fix commit.
        m = OWN_TRACKER_ID.match(msg)
        if m:
            mentioned[m.group(1).upper()].append(sha)
    own_ids = {i.upper(): adv for adv in advs for i in adv.ids}
    for ident in sorted(mentioned):
        if ident in covered_ids:
            continue
        adv = own_ids.get(ident)
        source = "advisory-id-in-message" if adv else "id-in-message"
        if adv is None:
            adv = all_by_id.get(ident)
            if adv is not None and adv.repos and key not in adv.repos:
                # An advisory of another project or package (a dependency bump or a mention): the
                # packages of this project are mapped in candidates.txt, so its own are in own_ids.
                continue
        shas = []
        for sha in mentioned[ident]:
            msg = hist.messages[sha]
            subject = msg.split("\n", 1)[0]
            if BUMP.search(subject) or SIDE_CHANGE.search(subject):
                continue
            if len(hist.parents.get(sha, [])) > 1 and not PR_MERGE.search(subject):
                continue
            if source == "id-in-message" and not FIXLIKE.search(msg):
                continue
            if not names_as_fix(msg, ident):
                continue
            shas.append(sha)
        shas.sort(key=lambda s: (s not in hist.on_head, hist.dates[s], s))
        for sha in shas:
            label = primary_id(adv.ids) if adv and source != "id-in-message" else ident
            if keep(sha, adv, source, label, "named in message"):
                covered_ids.update(i.upper() for i in (adv.ids if adv else [ident]))
                break

    fixes = []
    for sha, (adv, source, label) in chosen.items():
        text = (adv.text if adv else "") + "\n" + hist.messages[sha]
        fixes.append(Fix(repo, sha, label, weakness(adv.cwes if adv else set(), text), language,
                         len(hist.parents[sha]) > 1, source))
    return sorted(fixes, key=lambda f: (hist.dates[f.commit], f.commit))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--db", action="append", default=[], help="KIND=GITDIR (or KIND=FILE for ghsa)")
    ap.add_argument("--out", default=str(HERE))
    ap.add_argument("--min-fixes", type=int, default=1)
    ap.add_argument("repos", nargs="*")
    args = ap.parse_args(argv)

    dbs: dict[str, str] = {}
    for kind, repo in DB_REPOS.items():
        found = mirror_git_dir(repo)
        if found:
            dbs[kind] = found
    ghsa_default = HERE / "ghsa_refs.tsv"
    if ghsa_default.is_file():
        dbs["ghsa"] = str(ghsa_default)
    for item in args.db:
        kind, _, path = item.partition("=")
        if kind not in LOADERS:
            ap.error(f"unknown database kind {kind!r}")
        dbs[kind] = path

    advisories: list[Advisory] = []
    for kind, path in dbs.items():
        loaded = LOADERS[kind](path)
        print(f"{kind}: {len(loaded)} advisories from {path}", file=sys.stderr)
        advisories.extend(loaded)
    by_id: dict[str, Advisory] = {}
    for adv in advisories:
        for i in adv.ids:
            by_id.setdefault(i.upper(), adv)
    # GHSA-table records carry only a commit: borrow language and text from any other record.
    for adv in advisories:
        if not adv.language:
            for i in adv.ids:
                other = by_id.get(i.upper())
                if other is not None and other is not adv:
                    adv.language, adv.text = other.language, other.text + "\n" + adv.text
                    adv.cwes |= other.cwes
                    break

    packages: dict[str, list[str]] = {}
    if CANDIDATES.is_file():
        packages = read_candidates(CANDIDATES)
    if not args.repos:
        args.repos = list(packages)
    repos = args.repos or [r for r in fetched_repos() if r.lower() not in NOT_PROJECTS]
    by_repo: dict[str, list[Advisory]] = defaultdict(list)
    for adv in advisories:
        named = {r for r, _ in adv.commits} | {r for r, _ in adv.pulls}
        # An advisory belongs to the project its fix references point at, else to the repository
        # its URLs name most often.
        if not named and adv.repos:
            top = [r for r, _ in adv.repos.most_common() if not r.startswith("package:")]
            named = set(top[:1])
        # ... and to the project whose candidates.txt line names its package.
        pkgs = [r.removeprefix("package:") for r in adv.repos if r.startswith("package:")]
        for repo, patterns in packages.items():
            if any(fnmatch.fnmatchcase(p, pat) for p in pkgs for pat in patterns):
                named.add(repo.lower())
        for r in named:
            by_repo[r].append(adv)

    log: list[str] = []
    all_fixes: list[Fix] = []
    projects: list[tuple[str, str, str, int]] = []
    for repo in sorted(repos, key=str.lower):
        gitdir = mirror_git_dir(repo)
        if gitdir is None:
            log.append(f"{repo}: not fetched")
            continue
        advs = by_repo.get(repo.lower(), [])
        # The ecosystem of the project's advisories.  Where they come from several ecosystems and
        # one is the language of the project's own source files, that one (lodash has npm and
        # lodash-rails gem advisories); else the majority, OSS-Fuzz advisories (no ecosystem)
        # counting for the source language (nDPI: OSS-Fuzz, plus a few of a PyPI wrapper).
        own = classify_project_language(gitdir)
        langs = Counter(a.language for a in advs if a.language)
        votes = Counter(a.language or own for a in advs)
        language = own if own in langs or not votes else votes.most_common(1)[0][0]
        fixes = build_project(repo, advs, by_id, language, log)
        print(f"{repo}: {len(advs)} advisories, {len(fixes)} fixes", file=sys.stderr)
        if len(fixes) < args.min_fixes:
            log.append(f"{repo}: {len(fixes)} fixes, left out")
            continue
        projects.append((repo, language, split_of(repo), len(fixes)))
        all_fixes.extend(fixes)

    out = Path(args.out)
    split = {r: s for r, _, s, _ in projects}
    previous = out / "projects.tsv"
    if previous.is_file():
        for line in previous.read_text().splitlines()[1:]:
            cols = line.split("\t")
            if len(cols) >= 3 and cols[0] in split and split[cols[0]] != cols[2]:
                raise SystemExit(f"split of {cols[0]} would change from {cols[2]}: the split is frozen")
    with open(out / "projects.tsv", "w") as f:
        f.write("repo\tlanguage\tsplit\tfixes\n")
        for repo, language, sp, n in projects:
            f.write(f"{repo}\t{language}\t{sp}\t{n}\n")
    with open(out / "fixes.tsv", "w") as f:
        f.write("repo\tcommit\tadvisory\tweakness\tlanguage\tsplit\n")
        for fx in all_fixes:
            f.write(f"{fx.repo}\t{fx.commit}\t{fx.advisory}\t{fx.weakness}\t{fx.language}\t{split[fx.repo]}\n")
    with open(out / "merges.tsv", "w") as f:
        f.write("repo\tcommit\n")
        for fx in all_fixes:
            if fx.merge:
                f.write(f"{fx.repo}\t{fx.commit}\n")
    with open(out / "sources.tsv", "w") as f:
        f.write("repo\tcommit\tsource\n")
        for fx in all_fixes:
            f.write(f"{fx.repo}\t{fx.commit}\t{fx.source}\n")
    (out / "build.log").write_text("\n".join(log) + "\n")
    print(f"{len(projects)} projects, {len(all_fixes)} fixes -> {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
