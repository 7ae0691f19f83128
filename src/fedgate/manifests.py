"""Dependency manifests, lockfiles and CI files, read line by line: what a line pins, and where.

Two readers use this. trivial.py asks whether a hunk only moves version numbers, version
ranges or pinned SHAs (a bot bump: no model task). The supply-chain rules ask which
dependency, action or image an added line names and at what version.

A line's *skeleton* is the line with its version material replaced by a placeholder, and
version material is recognised only where it is unambiguously a version: the specifier of a
requirement, `uses: x@REF`, `rev:`, an image tag or digest, a `*-version` key, a trailing
`# v1.2.3` pin comment. Anything else (a script, a trigger, a permission, a `run:` command)
stays in the skeleton as written, so changing it changes the skeleton.
"""
from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass
from functools import lru_cache

class _lazy:
    """A regular expression compiled on first use: most checks never read a manifest, and
    compiling these patterns up front cost ~30 ms of every start-up (python -X importtime)."""

    def __init__(self, pattern: str, flags: int = 0):
        self._args = (pattern, flags)
        self._rx: re.Pattern[str] | None = None

    def __getattr__(self, name: str):
        if self._rx is None:
            self._rx = re.compile(*self._args)
        return getattr(self._rx, name)


V = "\x00V"  # the placeholder: a NUL never occurs in a text line of a diff
FREE = "\x00FREE"  # a line that is version material on its own (a matrix entry), paired with nothing

# ------------------------------------------------------------------ which file is which

_VERSION_FILES = {".python-version", ".nvmrc", ".node-version", ".ruby-version", ".go-version", ".tool-versions",
                  ".terraform-version", "runtime.txt"}
_CI_NAMES = {".gitlab-ci.yml", "azure-pipelines.yml", "bitbucket-pipelines.yml", "action.yml", "action.yaml"}


@lru_cache(maxsize=4096)  # asked once per hunk; a large diff has thousands of hunks
def family(path: str) -> str | None:
    """The manifest family of `path`, or None for a file this module does not read."""
    base = os.path.basename(path)
    low = base.lower()
    parent = os.path.basename(os.path.dirname(path))
    if (fnmatch.fnmatch(low, "*requirements*.txt") or fnmatch.fnmatch(low, "*requirements*.in")
            or fnmatch.fnmatch(low, "constraints*.txt") or fnmatch.fnmatch(low, "constraints*.in")
            or (parent == "requirements" and low.endswith((".txt", ".in")))):
        return "requirements"
    if base in ("pyproject.toml", "Pipfile", "libs.versions.toml"):
        return "toml"
    if base == "Cargo.toml":
        return "cargo"
    if base == "setup.cfg":
        return "setup.cfg"
    if base == "setup.py":
        return "setup.py"
    if base in ("package.json", "composer.json"):
        return "json"
    if base == "go.mod":
        return "go.mod"
    if base == "Gemfile" or base.endswith(".gemspec"):
        return "gem"
    if base == "pom.xml":
        return "pom"
    if base in ("build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts"):
        return "gradle"
    if base in (".pre-commit-config.yaml", ".pre-commit-config.yml"):
        return "pre-commit"
    if base in _CI_NAMES or (low.endswith((".yml", ".yaml")) and (
            "/.github/workflows/" in "/" + path or path.startswith(".circleci/")
            or fnmatch.fnmatch(low, "docker-compose*") or fnmatch.fnmatch(low, "compose*"))):
        return "ci"
    if base.startswith(("Dockerfile", "Containerfile")) or low.endswith(".dockerfile"):
        return "docker"
    if base in _VERSION_FILES:
        return "version-file"
    return None


LOCKFILE_NAMES = {"package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "poetry.lock",
                  "uv.lock", "Pipfile.lock", "pdm.lock", "Cargo.lock", "Gemfile.lock", "composer.lock", "go.sum"}


def is_lockfile(path: str) -> bool:
    return os.path.basename(path) in LOCKFILE_NAMES


# ------------------------------------------------------------------ version material

_VER = r"[vV]?\d[\w.+!*~-]*"
_SHA = r"[0-9a-fA-F]{7,64}"
_OP = r"(?:===|==|>=|<=|~=|!=|>|<)"
# A PEP 440 specifier set: ">=1.2,<2", "==1.2.*", "~=3.1".
_PEP440 = rf"{_OP}\s*[\w.*+!-]+(?:\s*,\s*{_OP}\s*[\w.*+!-]+)*"
_NAME = r"[A-Za-z0-9][A-Za-z0-9._-]*"
# A PEP 508 requirement: name, extras, a specifier (or a direct URL), an environment marker.
_REQ = _lazy(rf"(?P<name>{_NAME})\s*(?P<extras>\[[^\]]*\])?\s*(?:\(?\s*(?P<spec>{_PEP440})\s*\)?"
                  rf"|@\s*(?P<url>\S+))?\s*(?P<marker>;.*)?")
# npm, Cargo, Composer and Gem ranges: "^1.2.3", "~> 1.2", ">=1 <2", "1.x || 2.x", "*".
_RANGE = rf"(?:[\^~<>=!]*\s*(?:{_VER}|[*xX])(?:\s*(?:\|\|?|,|-|\s)\s*[\^~<>=!]*\s*(?:{_VER}|[*xX]))*|\*)"
_QUOTED_RANGE = _lazy(rf"""(?P<q>["'])(?P<spec>{_RANGE})(?P=q)""")
_QUOTED = _lazy(r"""(?P<q>["'])(?P<body>(?:\\.|(?!(?P=q)).)*)(?P=q)""")
_PIN_COMMENT = _lazy(rf"(\s#\s*)(?:tag=|version:?\s*|pin@|ratchet:\S+@)?{_VER}\s*$")
_HASH_OPT = _lazy(r"\s*--hash[=\s]\s*\w+:[0-9a-fA-F]+")

_USES = _lazy(r"^(?P<pre>\s*(?:-\s+)?(?:uses|\"uses\")\s*:\s*[\"']?)(?P<action>[^@\s\"'#]+)"
                   r"(?:@(?P<ref>[^\s\"'#]+))?(?P<post>[\"']?.*)$")
_IMAGE = _lazy(r"^(?P<pre>\s*(?:-\s+)?(?:image|container|\"image\")\s*:\s*[\"']?(?:docker://)?)"
                    r"(?P<image>[\w./-]+(?::\d+)?/?[\w./-]*?)(?::(?P<tag>[\w][\w.-]*))?(?:@(?P<digest>sha256:[0-9a-f]{64}))?"
                    r"(?P<post>[\"']?\s*(?:#.*)?)$")
_FROM = _lazy(r"^(?P<pre>\s*FROM\s+(?:--platform=\S+\s+)?)(?P<image>[\w./:-]+?)(?::(?P<tag>[\w][\w.-]*))?"
                   r"(?:@(?P<digest>sha256:[0-9a-f]{64}))?(?P<post>(?:\s+AS\s+\S+)?\s*)$", re.I)
_REV = _lazy(rf"^(?P<pre>\s*(?:-\s+)?rev\s*:\s*[\"']?)(?P<ref>{_VER}|{_SHA})(?P<post>[\"']?\s*(?:#.*)?)$")
# A runtime in a version matrix: "3.12", "pypy-3.10", "graalpy-24".
_RUNTIME = rf"(?:pypy-?|graalpy-?|jython-?)?{_VER}"
# A list item that is only a version (`- '3.14'` in a matrix): adding or dropping one moves versions.
_VERSION_ITEM = _lazy(rf"""^\s*-\s+["']?{_RUNTIME}["']?\s*(?:#.*)?$""")
_VERSION_KEY = _lazy(
    rf"""^(?P<pre>\s*(?:-\s+)?["']?[\w.-]*(?:version|versions|_requires|-requires|requires-python)["']?\s*[:=]\s*)"""
    rf"""(?P<value>\[\s*(?:["']?{_RUNTIME}["']?\s*,?\s*)+\]|["']?(?:{_OP}\s*)?{_RUNTIME}(?:\s*,\s*{_OP}\s*{_VER})*["']?)"""
    r"""(?P<post>\s*,?\s*(?:#.*)?)$""", re.I)
# A runner image: `runs-on: ubuntu-22.04` -> `ubuntu-24.04` (not `ubuntu-latest`).
_RUNS_ON = _lazy(rf"""^(?P<pre>\s*(?:-\s+)?runs-on\s*:\s*["']?[a-z]+-)(?P<ver>\d[\w.]*)(?P<post>["']?\s*(?:#.*)?)$""")
# A trove classifier that only names a version (`Programming Language :: Python :: 3.13`):
# adding or dropping one is metadata, not behaviour.
_VERSION_CLASSIFIER = _lazy(rf"""^\s*["']?Programming Language :: \w+ :: (?:Implementation :: \w+ :: )?{_VER}(?: :: Only)?["']?,?\s*$""")
_GO_REQUIRE = _lazy(rf"^(?P<pre>\s*(?:require\s+|replace\s+.*=>\s*)?(?P<module>[\w.~/-]+\.[\w.~/-]+)\s+)"
                         rf"(?P<ver>v\d[\w.+-]*)(?P<post>\s*(?://.*)?)$")
_GO_DIRECTIVE = _lazy(rf"^(?P<pre>\s*(?:go|toolchain)\s+)(?P<ver>(?:go)?{_VER})(?P<post>\s*)$")
_XML_VERSION = _lazy(rf"^(?P<pre>\s*<(?P<tag>version|[\w.-]+[.-]version|[\w]+Version)>)(?P<ver>{_VER})"
                          r"(?P<post></(?P=tag)>\s*)$")
_GRADLE_COORD = _lazy(rf"""(?P<q>["'])(?P<ga>[\w.-]+:[\w.-]+):(?P<ver>{_VER})(?P<rest>(?::[\w.-]+)?(?:@\w+)?)(?P=q)""")
_GRADLE_VERSION = _lazy(rf"""(\bversion\s*(?:=\s*|\(\s*)?|\b\w*[vV]ersion\w*\s*=\s*)(["']){_VER}\2""")
_TOML_VALUE = _lazy(rf"""(=\s*)(["']){_RANGE}\2""")
_ENV_VERSION = _lazy(rf"^(?P<pre>\s*(?:ARG|ENV)\s+\w*VERSION\w*[= ]\s*[\"']?)(?P<ver>{_VER})(?P<post>[\"']?\s*)$",
                          re.I)
_TOOL_VERSIONS = _lazy(rf"^(?P<pre>\s*[\w.-]+\s+)?(?P<ver>(?:{_VER})(?:\s+{_VER})*)(?P<post>\s*)$")
_GEM = _lazy(r"^\s*(?:gem|\w+\.add_(?:runtime_|development_)?dependency)\b")


def _sub_pin_comment(text: str) -> str:
    # "@<sha> # v4.2.0" -> "@<V>": the comment only names the pinned release (the V is enough)
    return _PIN_COMMENT.sub("", text)


def _req_skeleton(req: str) -> tuple[str, str | None] | None:
    """(skeleton, name) of a PEP 508 requirement string, or None when it is not one."""
    m = _REQ.fullmatch(req.strip())
    if not m:
        return None
    name = normalize(m.group("name"))
    out = name + (m.group("extras") or "")
    if m.group("spec"):
        out += V
    elif m.group("url"):
        out += " @ " + _url_ref_skeleton(m.group("url"))
    if m.group("marker"):
        out += m.group("marker")
    return out, name


def _url_ref_skeleton(url: str) -> str:
    """`git+https://host/x.git@v1.2#egg=x` with its ref (a version or a SHA) replaced."""
    return re.sub(rf"@(?:{_VER}|{_SHA})(?=#|$)", "@" + V, url)


def _quoted_reqs(text: str) -> str:
    """Every quoted PEP 508 requirement with a specifier in `text`, its specifier replaced."""
    def one(m: re.Match) -> str:
        body = m.group("body")
        r = _REQ.fullmatch(body.strip())
        if r and (r.group("spec") or r.group("url")):
            skel = _req_skeleton(body)
            return m.group("q") + skel[0] + m.group("q") if skel else m.group(0)
        return m.group(0)

    return _QUOTED.sub(one, text)


def _regex_skeleton(rx: re.Pattern, text: str, groups: tuple[str, ...]) -> str | None:
    m = rx.match(text)
    if not m:
        return None
    out = []
    pos = m.start()
    for g in groups:
        if m.group(g) is None:
            continue
        out.append(text[pos:m.start(g)])
        out.append(V)
        pos = m.end(g)
    out.append(text[pos:])
    skel = "".join(out)
    return skel if V in skel else None


def _ci_skeleton(text: str) -> str:
    m = _USES.match(text)
    if m and m.group("ref") and re.fullmatch(rf"{_VER}|{_SHA}", m.group("ref")):
        return _sub_pin_comment(m.group("pre") + m.group("action") + "@" + V + m.group("post"))
    skel = _regex_skeleton(_RUNS_ON, text, ("ver",))
    if skel is not None:
        return skel
    if _IMAGE.match(text):
        skel = _regex_skeleton(_IMAGE, text, ("tag", "digest"))
        if skel is not None and (_IMAGE.match(text).group("tag") or "").lower() not in ("latest",):
            return skel
    m = _VERSION_KEY.match(text)
    if m:
        return m.group("pre") + V + m.group("post")
    return text


def _comment_or_blank(fam: str, stripped: str) -> bool:
    if not stripped:
        return True
    if fam in ("json",):
        return False
    if fam in ("go.mod", "gradle"):
        return stripped.startswith("//")
    if fam == "pom":
        return stripped.startswith("<!--") and stripped.endswith("-->")
    return stripped.startswith("#")


def skeleton(fam: str, text: str) -> str | None:
    """The line with its version material replaced by `V`; None for a line that changes nothing
    by itself (blank, a comment, a `--hash` continuation)."""
    stripped = text.strip()
    if _comment_or_blank(fam, stripped):
        return None
    if fam in ("toml", "setup.cfg", "setup.py") and _VERSION_CLASSIFIER.match(text):
        return FREE
    if fam == "requirements":
        body = _HASH_OPT.sub("", text)
        cont = body.rstrip().endswith("\\")
        body = body.rstrip().rstrip("\\").rstrip()
        if not body.strip():
            return None  # a --hash continuation line: the hashes of the pinned release
        code, _, comment = body.partition(" #")
        if code.strip().startswith("-e ") or code.strip().startswith("--editable"):
            return _url_ref_skeleton(code.strip()) + (" \\" if cont else "")
        req = _req_skeleton(code)
        if req is None:
            return text
        return req[0] + (" \\" if cont else "")
    if fam in ("toml", "cargo"):
        out = _quoted_reqs(text)
        out = _TOML_VALUE.sub(lambda m: m.group(1) + m.group(2) + V + m.group(2), out)
        return _sub_pin_comment(out)
    if fam == "setup.cfg":
        key, eq, value = text.partition("=")
        target = value if eq and not re.search(r"[<>!~]$", key) else text
        req = _req_skeleton(target.split(" #")[0]) if target.strip() else None
        if req and V in req[0]:
            return (key + eq if target is value else "") + " " + req[0]
        m = _VERSION_KEY.match(text)
        return m.group("pre") + V + m.group("post") if m else text
    if fam == "setup.py":
        out = _quoted_reqs(text)
        m = _VERSION_KEY.match(out)
        return m.group("pre") + V + m.group("post") if m else out
    if fam == "json":
        m = re.match(r'^(\s*"[^"]+"\s*:\s*)"(.*)"(\s*,?\s*)$', text)
        if m and re.fullmatch(_RANGE, m.group(2).strip()):
            return m.group(1) + V + m.group(3)
        if m and re.fullmatch(rf"[\w@/.-]+@{_VER}", m.group(2)):  # "packageManager": "pnpm@9.1.0"
            return m.group(1) + m.group(2).rsplit("@", 1)[0] + "@" + V + m.group(3)
        return text
    if fam == "go.mod":
        for rx in (_GO_REQUIRE, _GO_DIRECTIVE):
            skel = _regex_skeleton(rx, text, ("ver",))
            if skel is not None:
                return skel
        return text
    if fam == "gem":
        if _GEM.match(text):
            return _sub_pin_comment(_QUOTED_RANGE.sub(lambda m: m.group("q") + V + m.group("q"), text))
        m = _VERSION_KEY.match(text)
        return m.group("pre") + V + m.group("post") if m else text
    if fam == "pom":
        return _regex_skeleton(_XML_VERSION, text, ("ver",)) or text
    if fam == "gradle":
        out = _GRADLE_COORD.sub(lambda m: m.group("q") + m.group("ga") + ":" + V + m.group("rest") + m.group("q"), text)
        out = _GRADLE_VERSION.sub(lambda m: m.group(1) + m.group(2) + V + m.group(2), out)
        return out
    if fam in ("pre-commit", "ci") and _VERSION_ITEM.match(text):
        return FREE
    if fam == "pre-commit":
        skel = _regex_skeleton(_REV, text, ("ref",))
        if skel:
            return _sub_pin_comment(skel)
        # additional_dependencies items: `- black==24.1.0`, `- "types-requests>=2"`
        m = re.match(r"""^(\s*-\s+)(["']?)(.+?)\2\s*$""", text)
        req = _req_skeleton(m.group(3)) if m else None
        return m.group(1) + m.group(2) + req[0] + m.group(2) if req and V in req[0] else text
    if fam == "ci":
        return _ci_skeleton(text)
    if fam == "docker":
        m = _FROM.match(text)
        if m and (m.group("tag") or m.group("digest")) and (m.group("tag") or "").lower() != "latest" \
                and (m.group("tag") is None or re.match(r"\d", m.group("tag"))):
            return _regex_skeleton(_FROM, text, ("tag", "digest"))
        return _regex_skeleton(_ENV_VERSION, text, ("ver",)) or text
    if fam == "version-file":
        return _regex_skeleton(_TOOL_VERSIONS, text, ("ver",)) or text
    return text


def version_only(lines, path: str) -> bool:
    """Whether the changed lines (kind, text) of one hunk only move versions, ranges or pinned
    SHAs: removed and added lines pair up, in order, by their skeleton (the package, action or
    image they name and everything around the version), and every paired line has a version."""
    fam = family(path)
    if fam is None:
        return False
    removed: list[str] = []
    added: list[str] = []
    free = False
    for kind, text in lines:
        if kind == " ":
            continue
        skel = skeleton(fam, text)
        if skel is None:
            continue
        if skel == FREE:
            free = True
            continue
        if V not in skel:
            return False  # a changed line that is not a version: a script, a trigger, a permission
        (removed if kind == "-" else added).append(skel)
    return (bool(removed) or free) and removed == added


# ------------------------------------------------------------------ what a line declares


def normalize(name: str) -> str:
    """PEP 503 name normalisation (also right for npm, whose names are lower case)."""
    return re.sub(r"[-_.]+", "-", name).lower()


@dataclass(frozen=True)
class Pin:
    ecosystem: str  # pypi, npm, packagist, go, cargo, rubygems, maven
    name: str
    spec: str  # as written: "==1.2.3", ">=1,<2", "^1.2.0", "v1.2.3", "" for none


# Keys and tables whose entries are dependencies, across PEP 621, Poetry, Pipfile, setup.cfg,
# setup.py, npm, Composer and Cargo.
_DEP_KEYS = {"dependencies", "optional-dependencies", "dev-dependencies", "build-dependencies", "requires",
             "install_requires", "extras_require", "setup_requires", "tests_require", "devdependencies",
             "peerdependencies", "optionaldependencies", "require", "require-dev", "overrides", "resolutions",
             "dependency-groups", "packages", "dev-packages"}
_NON_DEPS = {"python", "node", "npm", "yarn", "pnpm", "php", "version"}
_TABLE = _lazy(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*$")
_OPENER = _lazy(r"""^\s*["']?([\w.-]+)["']?\s*[:=]\s*(?:[\[{(]|$)""")
_TOML_DEP = _lazy(rf"""^\s*["']?(?P<name>{_NAME})["']?\s*=\s*(?:["'](?P<spec>{_RANGE})["']"""
                       r"""|\{.*?\bversion\s*=\s*["'](?P<spec2>[^"']*)["'].*\})""")
_JSON_DEP = _lazy(rf'^\s*"(?P<name>(?:@[\w.-]+/)?[\w.-]+)"\s*:\s*"(?P<spec>{_RANGE}|(?:npm:|file:|git\+|github:|https?:)[^"]*)"')


def _dep_table(header: str) -> bool:
    last = header.replace('"', "").replace("'", "").split(".")[-1].lower()
    return last in _DEP_KEYS or "dependencies" in header.lower() or header.lower().startswith("dependency-groups")


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def in_dependency_list(lines, index: int) -> bool:
    """Whether lines[index] (kind, text) sits in a dependency list: its own key, or the nearest
    enclosing key or table above it in the hunk, names dependencies (`dependencies = [`,
    `[tool.poetry.dependencies]`, `"devDependencies": {`, `install_requires =`). A `name = "1.2"`
    line is a dependency there and a setting anywhere else."""
    text = lines[index][1]
    own = _OPENER.match(text)
    if own and own.group(1).lower() in _DEP_KEYS:
        return True
    limit = _indent(text)
    at_opener = own is not None
    headers_only = at_opener and limit == 0  # `test = [` at the top of a table: the table decides
    for kind, above in reversed(lines[:index]):
        if kind == "-" or not above.strip():
            continue
        t = _TABLE.match(above)
        if t and "=" not in above:
            return _dep_table(t.group(1))
        m = None if headers_only else _OPENER.match(above)
        if m is None:
            continue
        depth = _indent(above)
        # The opener that encloses this line: less indented, or (for a list item written flush
        # with its key) as indented and ending in an opening bracket.
        if depth < limit or (not at_opener and depth == limit and above.rstrip().endswith(("[", "{", "=", "("))):
            if m.group(1).lower() in _DEP_KEYS:
                return True
            headers_only = depth == 0
            limit, at_opener = depth, True
    return False


def declared(fam: str, text: str, in_list: bool) -> tuple[Pin, ...]:
    """The dependencies a manifest line declares. `in_list`: the line sits in a dependency list
    (in_dependency_list), which makes a bare `"name"` or `name = "1.2"` a dependency."""
    stripped = text.strip()
    if _comment_or_blank(fam, stripped):
        return ()
    if fam == "requirements":
        if stripped.startswith("-"):
            return ()
        code = _HASH_OPT.sub("", stripped).rstrip("\\").split(" #")[0].strip()
        m = _REQ.fullmatch(code)
        return (Pin("pypi", normalize(m.group("name")), m.group("spec") or ""),) if m else ()
    if fam in ("toml", "setup.py", "cargo"):
        out = []
        if in_list:
            m = _TOML_DEP.match(text) if fam != "setup.py" else None
            if m and normalize(m.group("name")) not in _NON_DEPS:
                eco = "cargo" if fam == "cargo" else "pypi"
                return (Pin(eco, normalize(m.group("name")), m.group("spec") or m.group("spec2") or ""),)
        if fam == "cargo":
            return ()
        for q in _QUOTED.finditer(text):
            if text[:q.start()].rstrip().endswith(("=", ":")):
                continue  # a value (`include-group = "docs"`, `name="x"`), not a list item
            m = _REQ.fullmatch(q.group("body").strip())
            if m and (in_list or m.group("spec")) and normalize(m.group("name")) not in _NON_DEPS:
                out.append(Pin("pypi", normalize(m.group("name")), m.group("spec") or ""))
        return tuple(out)
    if fam == "setup.cfg":
        if not in_list:
            return ()
        value = stripped
        m = re.match(r"^[\w-]+\s*=\s*(.*)$", stripped)
        if m:  # "install_requires = foo>=1" (and not "foo>=1", whose "=" is the operator's)
            value = m.group(1)
        r = _REQ.fullmatch(value.split(" #")[0].strip()) if value else None
        return (Pin("pypi", normalize(r.group("name")), r.group("spec") or ""),) if r else ()
    if fam == "json":
        m = _JSON_DEP.match(text)
        if m and in_list and m.group("name").lower() not in _NON_DEPS and not m.group("name").startswith("ext-"):
            name = m.group("name").lower()
            # composer.json names are vendor/package; an npm name has a "/" only after an @scope.
            eco = "packagist" if "/" in name and not name.startswith("@") else "npm"
            return (Pin(eco, name, m.group("spec")),)
        return ()
    if fam == "go.mod":
        m = _GO_REQUIRE.match(text)
        if m and "// indirect" not in text and "=>" not in text:
            return (Pin("go", m.group("module"), m.group("ver")),)
        return ()
    if fam == "gem":
        m = re.match(r"""^\s*(?:gem|\w+\.add_(?:runtime_)?dependency)\s*\(?\s*["']([\w.-]+)["']\s*(?:,\s*["']([^"']+)["'])?""", text)
        return (Pin("rubygems", m.group(1).lower(), m.group(2) or ""),) if m else ()
    if fam == "gradle":
        m = re.match(r"""^\s*(?:implementation|api|compileOnly|runtimeOnly|testImplementation|testRuntimeOnly|"""
                     r"""kapt|ksp|annotationProcessor|classpath)\s*\(?\s*["']([\w.-]+:[\w.-]+)(?::([^"':@]+))?""", text)
        return (Pin("maven", m.group(1), m.group(2) or ""),) if m else ()
    return ()


# ------------------------------------------------------------------ actions and images


@dataclass(frozen=True)
class Ref:
    what: str  # "action", "hook", "image"
    name: str  # owner/repo[/path], the image, or "rev"
    ref: str | None  # the ref, tag or digest; None when there is none


def ref_of(fam: str, text: str) -> Ref | None:
    if fam in ("ci",) or fam == "pre-commit":
        m = _USES.match(text)
        if m and fam == "ci":
            return Ref("action", m.group("action"), m.group("ref"))
        m = re.match(r"^\s*(?:-\s+)?rev\s*:\s*[\"']?([^\s\"'#]+)", text)
        if m and fam == "pre-commit":
            return Ref("hook", "rev", m.group(1))
    if fam in ("docker", "ci"):
        m = _FROM.match(text) if fam == "docker" else _IMAGE.match(text)
        if m:
            return Ref("image", m.group("image"), m.group("digest") or m.group("tag"))
    return None


def is_full_sha(ref: str | None) -> bool:
    return bool(ref) and (re.fullmatch(r"[0-9a-f]{40}|[0-9a-f]{64}", ref) is not None or ref.startswith("sha256:"))


def is_release_ref(ref: str) -> bool:
    """A tag that names a release (v4, v1.2.3, 2024.01): immutable by convention, unlike a branch."""
    return re.fullmatch(_VER, ref) is not None


# ------------------------------------------------------------------ lockfiles

_LOCK_NAME = _lazy(r"""^\s*(?:name\s*=\s*["'](?P<toml>[^"']+)["']|"(?:[\w@./-]*node_modules/)?(?P<json>(?:@[\w.-]+/)?[\w.-]+)"\s*:\s*\{\s*$"""
                        r"""|"?(?P<yarn>(?:@[\w.-]+/)?[\w.-]+)@[^,:\s]*(?:,\s*[^:]*)?"?:\s*$)""")
_LOCK_VERSION = _lazy(r"""^\s*(?:version\s*=\s*["']|"version"\s*:\s*"(?:==)?|version\s+")(?P<ver>[\w.+!-]+)["']""")
_LOCK_INLINE = _lazy(r"""\{\s*name\s*=\s*["'](?P<name>[^"']+)["']\s*,\s*version\s*=\s*["'](?P<ver>[^"']+)["']""")
_TARBALL = _lazy(r"/-/(?P<name>[\w.-]+?)-(?P<ver>\d[\w.+-]*?)\.tgz")
_DIST_FILE = _lazy(r"(?:^|[/\"'=\s])(?P<name>[A-Za-z0-9][\w.]*?)-(?P<ver>\d[\w.+!]*?)(?:-py\d|-cp\d|\.tar\.gz|\.zip|-\d+-)")
_PNPM = _lazy(r"^\s*'?/?(?P<name>(?:@[\w.-]+/)?[\w.-]+)@(?P<ver>\d[\w.+-]*)(?:\([^)]*\))*'?:\s*$")
_GOSUM = _lazy(r"^(?P<name>\S+)\s+(?P<ver>v[\w.+-]+?)(?:/go\.mod)?\s+h1:")
_GEMLOCK = _lazy(r"^\s{4}(?P<name>[\w.-]+)\s+\((?P<ver>[\w.]+)\)\s*$")


def locked(path: str, lines) -> list[tuple[int, str, str]]:
    """(index, name, version) of each release an added lockfile line pins. The name of a
    `version = "..."` line is the nearest `name =` / `"pkg": {` line above it in the hunk."""
    base = os.path.basename(path)
    out: list[tuple[int, str, str]] = []
    current: str | None = None
    for i, (kind, text) in enumerate(lines):
        if kind == "-":
            continue
        m = _LOCK_NAME.match(text)
        if m:
            current = m.group("toml") or m.group("json") or m.group("yarn")
        if kind != "+":
            continue
        found = []
        v = _LOCK_VERSION.match(text)
        if v and current:
            found.append((current, v.group("ver")))
        for rx in (_LOCK_INLINE, _TARBALL, _PNPM, _GOSUM, _GEMLOCK):
            for m2 in rx.finditer(text):
                found.append((m2.group("name"), m2.group("ver")))
        if base in ("poetry.lock", "uv.lock", "Pipfile.lock", "pdm.lock"):
            for m2 in _DIST_FILE.finditer(text):
                found.append((m2.group("name"), m2.group("ver")))
        out.extend((i, n, ver) for n, ver in found)
    return out


def lock_ecosystem(path: str) -> str:
    base = os.path.basename(path)
    if base in ("package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml"):
        return "npm"
    if base in ("poetry.lock", "uv.lock", "Pipfile.lock", "pdm.lock"):
        return "pypi"
    return {"Cargo.lock": "cargo", "Gemfile.lock": "rubygems", "composer.lock": "packagist", "go.sum": "go"}.get(base, "")
