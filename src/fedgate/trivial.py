"""Trivial-edit detection: changes that need no review, each with the reason."""
from __future__ import annotations

import os
import re
from functools import lru_cache

from .config import TrivialConfig, compile_globs
from .manifests import version_only
from .models import ChangedFile, Hunk

# Line-comment prefixes per file extension. Block comments are recognised by their
# conventional continuation lines (/* ... */, leading "*").
_HASH = ("#",)
_SLASH = ("//",)
_COMMENTS: dict[str, tuple[str, ...]] = {}
for _ext in ("py", "pyi", "rb", "sh", "bash", "zsh", "pl", "pm", "r", "yaml", "yml", "toml", "cfg", "ini",
             "conf", "tf", "tfvars", "hcl", "dockerfile", "mk", "cmake", "ps1", "nim", "cr", "ex", "exs", "jl"):
    _COMMENTS[_ext] = _HASH
for _ext in ("c", "h", "cc", "cpp", "cxx", "hpp", "hh", "cs", "java", "kt", "kts", "scala", "go", "rs", "js",
             "jsx", "mjs", "cjs", "ts", "tsx", "swift", "dart", "php", "groovy", "gradle", "proto", "sol",
             "zig", "v", "css", "scss", "less", "m", "mm"):
    _COMMENTS[_ext] = _SLASH
_COMMENTS["php"] = ("//", "#")
_COMMENTS["sql"] = ("--",)
_COMMENTS["lua"] = ("--",)
_COMMENTS["hs"] = ("--",)
_COMMENTS["elm"] = ("--",)
_COMMENTS["ada"] = ("--",)
_COMMENTS["el"] = (";",)
_COMMENTS["clj"] = (";",)
_COMMENTS["lisp"] = (";",)
_COMMENTS["asm"] = (";",)
_COMMENTS["ini"] = ("#", ";")
_COMMENTS["erl"] = ("%",)
_COMMENTS["tex"] = ("%",)
_COMMENTS["vim"] = ('"',)
_COMMENTS["bat"] = ("rem ", "::")
_BLOCK = {"c", "h", "cc", "cpp", "cxx", "hpp", "hh", "cs", "java", "kt", "kts", "scala", "go", "rs", "js", "jsx",
          "mjs", "cjs", "ts", "tsx", "swift", "dart", "php", "groovy", "gradle", "proto", "sol", "css", "scss",
          "less", "m", "mm", "sql"}
_NAMED = {"Dockerfile": "dockerfile", "Makefile": "mk", "makefile": "mk", "Gemfile": "rb", "Rakefile": "rb",
          "Jenkinsfile": "groovy", "Vagrantfile": "rb", "BUILD": "py", "WORKSPACE": "py"}
# Languages where indentation is syntax: a whitespace change there is not trivial.
_INDENT_SENSITIVE = {"py", "pyi", "yaml", "yml", "mk", "hs", "nim", "cr", "coffee", "pug", "sass", "fs"}

_GENERATED_MARKERS = re.compile(
    r"@generated|\bDO NOT EDIT\b|\bCode generated .* DO NOT EDIT\b|\bautomatically generated\b|"
    r"\bauto-generated\b|\bAUTO-GENERATED FILE\b",
    re.IGNORECASE,
)


def is_code(path: str) -> bool:
    """A file a program is written in (not docs, data, config or an asset)."""
    from .signals import CODE

    return language_of(path) in CODE


def language_of(path: str) -> str:
    base = os.path.basename(path)
    if base in _NAMED:
        return _NAMED[base]
    if base.startswith("Dockerfile"):
        return "dockerfile"
    _, ext = os.path.splitext(base)
    return ext[1:].lower()


def _is_comment(text: str, lang: str) -> bool:
    s = text.strip()
    if not s:
        return True
    prefixes = _COMMENTS.get(lang)
    if prefixes is None:
        return False
    if lang == "dockerfile" and s.lower().startswith("# syntax=") or s.startswith("#!"):
        return False  # parser directives and shebangs change behaviour
    if lang in ("py", "pyi") and re.match(r"#\s*(type:|noqa|pragma|fmt:|pylint:|mypy:)", s):
        return False  # tool directives change what checkers do
    if s.lower().startswith(tuple(p.lower() for p in prefixes)):
        return True
    if lang in _BLOCK:
        if s.startswith("/*") and (s.endswith("*/") or "*/" not in s):
            return True
        if s == "*" or s.startswith("* ") or s == "*/" or s.startswith("*/") and not s[2:].strip():
            return True
    return False


@lru_cache(maxsize=64)
def _comment_lines(lang: str) -> re.Pattern[str] | None:
    alternatives = [re.escape(p) for p in _COMMENTS.get(lang, ())]
    if lang in _BLOCK:  # block comments by their conventional lines, as _is_comment: not `*p = 1;`
        alternatives += [r"/\*", r"\*(?:[ \t]|/|$)"]
    if not alternatives:
        return None
    return re.compile(rf"^[ \t]*(?:{'|'.join(alternatives)}).*$", re.MULTILINE | re.IGNORECASE)


def strip_comments(text: str, lang: str) -> str:
    """`text` (lines joined by newlines) with its comment lines emptied, in one regex pass."""
    rx = _comment_lines(lang)
    return rx.sub("", text) if rx is not None else text


def _squash(lines, indent_sensitive: bool) -> list[str]:
    if not indent_sensitive:
        # Line breaks are whitespace too: re-wrapping a statement changes nothing.
        return ["".join("".join(lines).split())]
    return [t.rstrip().replace("\t", "    ") for t in lines if t.strip()]


def hunk_trivial(hunk: Hunk, path: str) -> str | None:
    removed = [ln.text for ln in hunk.lines if ln.kind == "-"]
    added = [ln.text for ln in hunk.lines if ln.kind == "+"]
    if not removed and not added:
        return "no changed lines"
    lang = language_of(path)
    if all(not t.strip() for t in removed + added):
        return "blank lines only"
    if _squash(removed, lang in _INDENT_SENSITIVE) == _squash(added, lang in _INDENT_SENSITIVE):
        return "whitespace only"
    if lang in _COMMENTS and all(_is_comment(t, lang) for t in removed + added):
        return "comments only"
    if version_only([(ln.kind, ln.text) for ln in hunk.lines], path):
        # A bot bump: the supply-chain rules (known-bad releases, dropped SHA pins) still read it.
        return "version-only bump"
    return None


@lru_cache(maxsize=8)
def _kind_specs(cfg: TrivialConfig):
    # Case-insensitive, as the tiers: `Docs/`, `CHANGES.MD` are what `docs/`, `*.md` mean.
    return (
        ("documentation", compile_globs([p.lower() for p in cfg.docs]), False),
        ("lockfile", compile_globs([p.lower() for p in cfg.lockfiles]), False),
        ("generated or vendored", compile_globs([p.lower() for p in cfg.generated]), True),
    )


def kind_of(path: str, cfg: TrivialConfig) -> str | None:
    """The whole-file kind a skip glob gives `path`. Documentation and lockfile globs only
    apply to files of that kind: a `.py` under docs/ is code, not documentation."""
    code = is_code(path)
    for kind, spec, any_file in _kind_specs(cfg):
        if spec.match_file(path.lower()) and (any_file or not code):
            return kind
    return None


def file_trivial(f: ChangedFile, cfg: TrivialConfig) -> str | None:
    """Reasons that make a whole file's change trivial, before tiers are considered."""
    if f.status in ("renamed", "copied") and not f.hunks and not f.binary:
        extra = " (mode changed)" if f.mode_changed else ""
        return f"pure {'rename' if f.status == 'renamed' else 'copy'}{extra}"
    if not f.hunks and f.mode_changed and not f.binary and f.status == "modified":
        return "mode change only"
    if f.status == "added" and not f.hunks and not f.binary and not f.submodule:
        return "new empty file"
    if f.status == "deleted" and not f.hunks and not f.binary:
        return "empty file deleted"
    kind = kind_of(f.path, cfg)
    # A moved file keeps the risk of the path it came from: it is skipped by kind only if it
    # was of that kind there too (`git mv src/login.py docs/` is still a code change).
    if kind and (not f.old_path or f.old_path == f.path or kind_of(f.old_path, cfg) == kind):
        return f"{kind} only"
    head = [ln.text for h in f.hunks[:1] for ln in h.lines[:12] if ln.kind != "-"]
    if f.status in ("added", "modified") and any(_GENERATED_MARKERS.search(t) for t in head):
        if f.hunks and f.hunks[0].new_start <= 3:
            return "generated file (marker in header)"
    return None
