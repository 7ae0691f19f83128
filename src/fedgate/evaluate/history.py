"""The git edge of `fedgate eval`: which commits are fixes, which are ordinary, and the
reintroduction of each fix as a commit object that never touches the repository.

Every object eval writes (the reintroducing trees and commits) goes to a temporary object
directory that borrows the repository's objects as an alternate, with a temporary index:
the work tree, the index, every ref and the object store stay as they were, a read-only
mirror works, and removing the directory leaves nothing behind.
"""
from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass

from ..gitrange import GitRepo, _git_message
from ..models import FedgateError

# Commit messages that name a security fix. `DoS` is case-sensitive: "dos" is too common.
DEFAULT_FIX_PATTERN = (
    r"(?i)\b(?:CVE-\d{4}-\d{4,}|GHSA(?:-[0-9a-z]{4}){3}|security|vulnerab|exploit|XSS|cross[- ]site"
    r"|CSRF|XSRF|injection|travers|overflow|ReDoS|SSRF|(?-i:DoS)\b|denial[- ]of[- ]service"
    r"|open redirect|request smuggling|RCE\b|remote code execution|sanitiz)"
)

# Identity and dates for the reintroducing commits: fixed, so two runs build the same objects.
_COMMIT_ENV = {
    "GIT_AUTHOR_NAME": "fedgate eval",
    "GIT_AUTHOR_EMAIL": "eval@fedgate.invalid",
    "GIT_COMMITTER_NAME": "fedgate eval",
    "GIT_COMMITTER_EMAIL": "eval@fedgate.invalid",
    "GIT_AUTHOR_DATE": "@0 +0000",
    "GIT_COMMITTER_DATE": "@0 +0000",
}
ZERO = "0" * 40


# ------------------------------------------------------------------ which files stay fixed

_TEST_DIRS = frozenset({
    "test", "tests", "testing", "__tests__", "__test__", "spec", "specs", "testdata", "test_data",
    "test-data", "fixtures", "e2e", "unittests", "unit_tests", "integration_tests",
})
_DOC_DIRS = frozenset({
    "doc", "docs", "documentation", "man", "changelog.d", "changes", "newsfragments", "news",
    "releasenotes", "release-notes", "release_notes", ".changeset", "changelogs",
})
_DOC_EXTS = (".md", ".markdown", ".rst", ".adoc", ".asciidoc", ".rdoc")
_DOC_STEMS = frozenset({
    "README", "CHANGELOG", "CHANGES", "HISTORY", "NEWS", "RELEASE", "RELEASES", "RELEASE_NOTES",
    "RELEASENOTES", "AUTHORS", "CONTRIBUTORS", "THANKS", "CREDITS", "SECURITY", "UPGRADING",
})
_TEST_NAME = re.compile(
    r"^(?:test_.*|.*_tests?\.[^.]+|.*\.(?:test|spec)\.[^.]+|.*_spec\.rb|conftest\.py"
    r"|.*(?:Test|Tests|Spec|IT)\.(?:java|kt|kts|scala|groovy|cs|php|swift|m|mm))$"
)


def stays_fixed(path: str) -> str | None:
    """Why `path` is kept as the fix left it (a test, doc or changelog file), or None for a
    source file the reintroduction takes back from the fix's parent.

    The reviewer must never see a deleted test that names the bug, nor a changelog line that
    announces it: only the code goes back.
    """
    parts = path.split("/")
    name = parts[-1]
    dirs = {p.lower() for p in parts[:-1]}
    if dirs & _TEST_DIRS or _TEST_NAME.match(name):
        return "test"
    stem = name.split(".", 1)[0].upper().replace("-", "_")
    if dirs & _DOC_DIRS or name.lower().endswith(_DOC_EXTS) or stem in _DOC_STEMS:
        return "doc"
    return None


# ------------------------------------------------------------------ commits


@dataclass(frozen=True)
class Commit:
    sha: str
    parents: tuple[str, ...]
    subject: str
    message: str


@dataclass(frozen=True)
class Fix:
    sha: str
    label: str  # from the fixes file, or the id the message names (CVE-..., GHSA-...)
    subject: str
    parent: str | None  # the first parent (merges are diffed against it)


@dataclass(frozen=True)
class Skipped:
    commit: str
    label: str
    reason: str


class History:
    """Reads commits and writes reintroductions into a private object directory."""

    def __init__(self, repo: GitRepo):
        self.repo = repo
        self._tmp = tempfile.mkdtemp(prefix="fedgate-eval-")
        objects = os.path.join(self._tmp, "objects")
        os.makedirs(os.path.join(objects, "info"))
        own = str(repo.run("rev-parse", "--path-format=absolute", "--git-path", "objects")).strip()
        self._env = {
            "GIT_OBJECT_DIRECTORY": objects,
            # git follows the alternates of an alternate, so a --shared clone reads its mirror too.
            "GIT_ALTERNATE_OBJECT_DIRECTORIES": own,
        }
        # Every git call through the handle, diff_text's included, sees the private objects.
        repo._repo.git.update_environment(**self._env)  # type: ignore[attr-defined]

    def close(self) -> None:
        try:
            self.repo._repo.git.update_environment(**{k: None for k in self._env})  # type: ignore[attr-defined]
        finally:
            shutil.rmtree(self._tmp, ignore_errors=True)

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -------------------------------------------------------------- plumbing

    def _git(self, *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None) -> bytes:
        full = {**os.environ, **self._env, **(env or {})}
        proc = subprocess.run(
            ["git", f"--git-dir={self.repo.git_dir}", "-c", "core.quotepath=false", *args],
            input=stdin, capture_output=True, env=full,
        )
        if proc.returncode != 0:
            msg = _git_message(proc.stderr.decode("utf-8", "replace"))
            raise FedgateError(f"git {args[0]} failed: {msg or 'exit ' + str(proc.returncode)}")
        return proc.stdout

    def log(self, revs: list[str], since: str | None = None, no_merges: bool = False) -> list[Commit]:
        args = ["log", "-z", "--format=%H %P%x1f%s%x1f%B"]
        if since:
            args.append(f"--since={since}")
        if no_merges:
            args.append("--no-merges")
        out = self._git(*args, *revs, "--").decode("utf-8", "replace")
        commits = []
        for rec in out.split("\0"):
            if not rec.strip():
                continue
            ids, subject, message = (rec.split("\x1f", 2) + ["", ""])[:3]
            sha, *parents = ids.split()
            commits.append(Commit(sha, tuple(parents), subject.strip(), message))
        return commits

    def resolve(self, rev: str) -> str | None:
        return self.repo.try_rev(rev)

    def commit(self, sha: str) -> Commit:
        out = self._git("log", "-1", "-z", "--format=%H %P%x1f%s%x1f%B", sha, "--").decode("utf-8", "replace")
        ids, subject, message = (out.rstrip("\0").split("\x1f", 2) + ["", ""])[:3]
        sha, *parents = ids.split()
        return Commit(sha, tuple(parents), subject.strip(), message)

    def reintroduce(self, fix: Fix) -> tuple[str | None, tuple[str, ...], str | None]:
        """(reintroducing commit, source paths taken back, why not) for one fix.

        The commit's parent is the fix and its tree is the fix's, except for the fix's changed
        non-test source files, which are taken from the fix's first parent.
        """
        assert fix.parent is not None
        raw = self._git("diff-tree", "-r", "-z", "--no-renames", "--no-ext-diff", fix.parent, fix.sha, "--")
        fields = raw.split(b"\0")
        entries: list[bytes] = []
        paths: list[str] = []
        i = 0
        while i + 1 < len(fields):
            meta, path_b = fields[i], fields[i + 1]
            i += 2
            if not meta.startswith(b":"):
                continue
            old_mode, _new_mode, old_sha, _new_sha, _status = meta[1:].decode().split()
            path = path_b.decode("utf-8", "surrogateescape")
            if stays_fixed(path):
                continue
            if old_mode == "000000":  # the fix added the file: the reintroduction removes it
                entries.append(b"0 " + ZERO.encode() + b"\t" + path_b + b"\0")
            else:
                entries.append(f"{old_mode} {old_sha}\t".encode() + path_b + b"\0")
            paths.append(path)
        if not entries:
            return None, (), "changes no source file (only tests, docs or changelog): nothing to reintroduce"
        index = os.path.join(self._tmp, f"index-{fix.sha}")
        env = {"GIT_INDEX_FILE": index, **_COMMIT_ENV}
        try:
            self._git("read-tree", fix.sha, env=env)
            self._git("update-index", "-z", "--index-info", stdin=b"".join(entries), env=env)
            tree = self._git("write-tree", env=env).decode().strip()
            commit = self._git(
                "commit-tree", tree, "-p", fix.sha, "-m", f"fedgate eval: reintroduce {fix.sha}", env=env
            ).decode().strip()
        finally:
            if os.path.exists(index):
                os.unlink(index)
        return commit, tuple(paths), None


# ------------------------------------------------------------------ choosing the commits

_ADVISORY = re.compile(r"\b(CVE-\d{4}-\d{4,}|GHSA(?:-[0-9a-z]{4}){3})\b", re.I)


def compile_pattern(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, re.MULTILINE)
    except re.error as e:
        raise FedgateError(f"--fix-pattern: invalid regular expression: {e}") from None


def _label(message: str, fallback: str = "") -> str:
    m = _ADVISORY.search(message)
    return m.group(1).upper() if m else fallback


def read_fixes_file(path: str) -> list[tuple[str, str]]:
    """`commit [label ...]` per line; blank lines and `#` comments skipped."""
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except FileNotFoundError:
        raise FedgateError(f"fixes file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as e:
        raise FedgateError(f"cannot read fixes file {path}: {e}") from None
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip() if line.lstrip().startswith("#") else line.strip()
        if not line:
            continue
        rev, _, label = line.partition(" ")
        rev, _, tab_label = rev.partition("\t")
        out.append((rev, (label or tab_label).strip()))
    return out


def fixes_from_file(history: History, entries: list[tuple[str, str]]) -> tuple[list[Fix], list[Skipped]]:
    fixes, skipped, seen = [], [], set()
    for rev, label in entries:
        sha = history.resolve(rev)
        if sha is None:
            skipped.append(Skipped(rev, label, "not a commit in this repository"))
            continue
        if sha in seen:
            continue
        seen.add(sha)
        c = history.commit(sha)
        if not c.parents:
            skipped.append(Skipped(sha, label, "root commit: no parent to take the bug back from"))
            continue
        fixes.append(Fix(sha, label or _label(c.message), c.subject, c.parents[0]))
    return fixes, skipped


def fixes_from_log(commits: list[Commit], pattern: re.Pattern[str]) -> tuple[list[Fix], list[Skipped]]:
    fixes, skipped = [], []
    for c in commits:
        if not pattern.search(c.message):
            continue
        if not c.parents:
            skipped.append(Skipped(c.sha, _label(c.message), "root commit: no parent to take the bug back from"))
            continue
        fixes.append(Fix(c.sha, _label(c.message), c.subject, c.parents[0]))
    return fixes, skipped


def sample_ordinary(commits: list[Commit], exclude: set[str], pattern: re.Pattern[str], n: int, seed: int) -> tuple[list[Commit], int]:
    """N commits that are not fixes (nor look like one), not merges, not root; and how many
    were candidates. Seeded: the same history and seed give the same sample."""
    candidates = [
        c for c in commits
        if len(c.parents) == 1 and c.sha not in exclude and not pattern.search(c.message)
    ]
    if n >= len(candidates):
        return candidates, len(candidates)
    picked = random.Random(seed).sample(range(len(candidates)), n)
    return [candidates[i] for i in sorted(picked)], len(candidates)


def open_repository(path: str = ".", git_dir: str | None = None) -> GitRepo:
    """The repository eval reads: a checkout (as for check), or a bare git directory.

    eval only reads commits and writes into its own temporary object directory, so a bare
    repository or a fetched mirror serves as well as a checkout.
    """
    from ..gitrange import open_repo

    if git_dir is None:
        bare = subprocess.run(["git", "-C", path, "rev-parse", "--is-bare-repository", "--absolute-git-dir"],
                              capture_output=True, text=True)
        if bare.returncode == 0 and bare.stdout.split()[:1] == ["true"]:
            git_dir = bare.stdout.split("\n")[1]
    if git_dir is None:
        try:
            return open_repo(path)
        except FedgateError as e:
            if "bare repository" not in str(e):
                raise
            git_dir = path
    if shutil.which(os.environ.get("GIT_PYTHON_GIT_EXECUTABLE") or "git") is None:
        raise FedgateError("git is not installed or not on PATH")
    import git

    git_dir = os.path.abspath(git_dir)
    try:
        handle = git.Repo(git_dir)
    except (git.exc.NoSuchPathError, git.exc.InvalidGitRepositoryError):
        raise FedgateError(f"not a git directory: {git_dir}") from None
    # A fetched mirror may have no config saying core.bare: GitPython then runs git in the
    # parent folder, where git finds no repository. GIT_DIR names it for every call.
    handle.git.update_environment(GIT_DIR=git_dir)
    repo = GitRepo(root=git_dir, git_dir=git_dir, _repo=handle)
    repo.check_access()
    return repo
