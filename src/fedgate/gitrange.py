"""The git edge: find the repository, resolve the range, produce the diff text.

Git is treated as an adversary with a long history of surprises; each workaround names
its reason in one line.
"""
from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass

from .models import DiffRange, FedgateError

EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
ZERO_SHA_RE = re.compile(r"^0{40}$|^0{64}$")

# Variables git sets for hooks (GIT_DIR, GIT_INDEX_FILE, ...) point git at the hook's
# repository state; pre-commit strips them for the same reason (pre-commit #300, #1849).
# These few only carry transport or auth settings and are kept.
_KEEP_GIT_ENV = {
    "GIT_EXEC_PATH",
    "GIT_SSH",
    "GIT_SSH_COMMAND",
    "GIT_SSL_CAPATH",
    "GIT_SSL_CAINFO",
    "GIT_SSL_NO_VERIFY",
    "GIT_CONFIG_COUNT",
    "GIT_HTTP_PROXY_AUTHMETHOD",
    "GIT_ALLOW_PROTOCOL",
    "GIT_ASKPASS",
}


def strip_git_env(environ: dict[str, str] | os._Environ[str] = os.environ) -> list[str]:
    """Drop inherited GIT_* variables in place; returns the names removed."""
    removed = []
    for name in list(environ):
        if not name.startswith("GIT_") or name in _KEEP_GIT_ENV:
            continue
        if name.startswith(("GIT_CONFIG_KEY_", "GIT_CONFIG_VALUE_")):
            continue
        del environ[name]
        removed.append(name)
    return removed


@dataclass
class GitRepo:
    """A thin handle over GitPython: every call goes through `run`."""

    root: str
    git_dir: str
    _repo: object

    def run(self, *args: str, binary: bool = False, check: bool = True) -> str | bytes:
        from git.exc import GitCommandError

        try:
            # core.quotepath=false keeps non-ASCII paths as raw bytes instead of octal escapes.
            return self._repo.git.execute(  # type: ignore[attr-defined]
                ["git", "-c", "core.quotepath=false", *args],
                stdout_as_string=not binary,
                strip_newline_in_stdout=False,
            )
        except GitCommandError as e:
            if not check:
                return b"" if binary else ""
            raise FedgateError(f"git {args[0]} failed: {_git_message(e.stderr or '') or e}") from None

    def check_access(self) -> None:
        """Fail now, with git's reason, if git refuses the repository.

        Otherwise every check=False query answers "" and the run goes on with a wrong reading:
        a checkout owned by another user (containers in CI) looked like "no commits yet".
        """
        self.run("rev-parse", "--git-dir")

    def try_rev(self, rev: str) -> str | None:
        out = self.run("rev-parse", "--verify", "--quiet", "--end-of-options", rev + "^{commit}", check=False)
        sha = str(out).strip()
        return sha or None

    def blob_is_binary(self, sha: str) -> bool:
        """Git's test without attributes: a NUL in the first 8000 bytes (or a huge blob)."""
        if not sha or set(sha) == {"0"}:
            return False  # the side that does not exist (an added or deleted file)
        # One `git cat-file --batch` pipe serves every object read of this repository: eval's
        # worker threads took turns inside one object's bytes, and read them as the next
        # header (a crash on mm2/Little-CMS's history). One reader at a time, to the end.
        with _CAT_FILE_LOCK:
            stream = self._repo.odb.stream(bytes.fromhex(sha))  # type: ignore[attr-defined]
            if stream.size >= _BIG_FILE:
                binary = True
            else:
                binary = b"\0" in stream.read(_SNIFF_BYTES)
            while stream.read(1 << 20):
                pass
        return binary

    def is_shallow(self) -> bool:
        return str(self.run("rev-parse", "--is-shallow-repository", check=False)).strip() == "true"

    def merge_base(self, a: str, b: str) -> str | None:
        out = str(self.run("merge-base", "--end-of-options", a, b, check=False)).strip()
        return out or None

    def parents(self, sha: str) -> list[str]:
        out = str(self.run("rev-list", "--parents", "-n", "1", "--end-of-options", sha)).split()
        return out[1:]


def _git_message(stderr: str) -> str:
    text = stderr.strip().removeprefix("stderr:").strip()
    if len(text) > 1 and text[0] == text[-1] == "'":  # GitPython quotes the whole of stderr
        text = text[1:-1]
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if not lines:
        return ""
    # git puts the cause on its fatal:/error: line and advice after it; the last line alone
    # can be just the advice ("git config --global --add safe.directory ...").
    cause = next((ln for ln in lines if ln.startswith(("fatal:", "error:"))), lines[-1])
    fix = next((ln for ln in lines if ln.startswith("git config --global --add safe.directory")), None)
    return f"{cause}; to trust it: {fix}" if fix and fix != cause else cause


def open_repo(path: str = ".") -> GitRepo:
    import shutil

    # GitPython's import itself raises a page-long ImportError when git is missing.
    if shutil.which(os.environ.get("GIT_PYTHON_GIT_EXECUTABLE") or "git") is None:
        raise FedgateError("git is not installed or not on PATH")
    try:
        import git
    except ImportError as e:
        raise FedgateError(f"cannot use git: {str(e).splitlines()[0]}") from None

    try:
        repo = git.Repo(path, search_parent_directories=True)
    except git.exc.NoSuchPathError:
        raise FedgateError(f"no such directory: {path}") from None
    except git.exc.InvalidGitRepositoryError:
        raise FedgateError(
            f"not a git repository: {os.path.abspath(path)} (run fedgate inside a git checkout)"
        ) from None
    except git.exc.GitCommandNotFound:
        raise FedgateError("git is not installed or not on PATH") from None
    if repo.bare:
        raise FedgateError(f"{os.path.abspath(path)} is a bare repository: run fedgate in a work tree")
    handle = GitRepo(root=str(repo.working_tree_dir), git_dir=str(repo.git_dir), _repo=repo)
    handle.check_access()
    return handle


def _shallow_error(repo: GitRepo, what: str) -> FedgateError:
    return FedgateError(
        f"{what} is not in this shallow clone; fetch the history first: "
        f"git fetch --unshallow (or: git fetch --deepen=50)"
    )


def check_revision(rev: str, role: str) -> str:
    """`rev` if git cannot read it as an option. Every value that reaches git as a revision
    passes here (`--upload-pack=...` given as a base once ran a command through git fetch)."""
    if rev.startswith("-"):
        raise FedgateError(f"{role} '{rev}' starts with '-': not a revision (git would read it as an option)")
    return rev


def _commit(repo: GitRepo, rev: str, role: str) -> str:
    check_revision(rev, role)
    if ZERO_SHA_RE.match(rev):
        raise FedgateError(f"{role} {rev} is the zero SHA (a branch being created or deleted)")
    sha = repo.try_rev(rev)
    if sha:
        return sha
    if repo.is_shallow():
        raise _shallow_error(repo, f"{role} '{rev}'")
    raise FedgateError(f"unknown revision '{rev}': {_unknown_hint(repo, rev)}")


def _unknown_hint(repo: GitRepo, rev: str) -> str:
    """What to do about a revision that does not resolve; `git fetch` only where it can help."""
    m = re.fullmatch(r"(.+?)(?:~\d*|\^\d*)+", rev)
    if m and repo.try_rev(m.group(1)):
        count = str(repo.run("rev-list", "--count", "--first-parent", "--end-of-options", m.group(1), check=False)).strip()
        return f"the history is shorter than that ({m.group(1)} has {count} commit(s) on its first-parent line)"
    if os.path.exists(rev) or os.path.exists(os.path.join(repo.root, rev)):
        return "that is a file, not a revision: fedgate checks commits (HEAD~1, main, A..B, A...B) or --staged"
    if not re.fullmatch(r"[\w./-]+", rev):
        return "check the name"
    remotes = set(str(repo.run("remote", check=False)).split())
    remote, _, branch = rev.partition("/")
    if remote in remotes and branch:
        return f"check the name, or fetch it (git fetch {remote} {branch})"
    return f"check the name, or fetch it (git fetch origin {rev})" if "origin" in remotes else "check the name"


def _base_of(repo: GitRepo, rev: str, head: str, spec: str) -> DiffRange:
    """`REV` means: from the merge base of REV and HEAD up to HEAD."""
    # One step past the root (HEAD~1 of a root commit): the root commit is diffed against the
    # empty tree. More steps than that (HEAD~5 in a one-commit repository) is a history that is
    # too short, the same error as HEAD~3 in a two-commit one.
    m = re.fullmatch(r"(.+?)(?:~(1?)|\^1?)", rev)
    if repo.try_rev(rev) is None and m and not repo.is_shallow():
        parent_of = repo.try_rev(m.group(1))
        if parent_of and not repo.parents(parent_of):
            return DiffRange(None, head, spec, note=f"{m.group(1)} is the root commit: compared with the empty tree")
    base = _commit(repo, rev, "base")
    mb = repo.merge_base(base, head)
    if mb is None:
        if repo.is_shallow():
            raise _shallow_error(repo, f"the merge base of '{rev}' and HEAD")
        raise FedgateError(f"'{rev}' and HEAD have no common history; name the range as A..B")
    if mb == head:
        # `fedgate check HEAD`, or `check main` while on main: an empty range that passes.
        return DiffRange(mb, head, spec, note=f"HEAD is already in '{rev}': nothing to review (the last commit alone: fedgate check HEAD~1)")
    return DiffRange(mb, head, spec)


def resolve_range(
    repo: GitRepo,
    spec: str | None,
    staged: bool = False,
    environ: dict[str, str] | os._Environ[str] = os.environ,
) -> DiffRange:
    head_sha = repo.try_rev("HEAD")
    if staged:
        if spec:
            raise FedgateError("give either a RANGE or --staged, not both")
        return DiffRange(head_sha, None, "--staged", note="" if head_sha else "no commits yet: staged files against the empty tree")
    if spec is None:
        return _default_range(repo, head_sha, environ)
    spec = spec.strip()
    if not spec or spec.startswith("-"):
        raise FedgateError(f"invalid range '{spec}'")
    if spec in ("..", "..."):
        # git reads both as HEAD..HEAD: nothing to review, a pass. Usually "$BASE..$HEAD" with
        # both variables empty; passing that would skip the review silently.
        raise FedgateError(f"invalid range '{spec}': name at least one revision (an empty variable in \"$BASE..$HEAD\"?)")
    if head_sha is None and "." not in spec:
        raise FedgateError("the repository has no commits yet; use --staged to check the index")
    if "..." in spec:
        a, b = spec.split("...", 1)
        a_sha = _commit(repo, a or "HEAD", "base")
        b_sha = _commit(repo, b or "HEAD", "head")
        mb = repo.merge_base(a_sha, b_sha)
        if mb is None:
            if repo.is_shallow():
                raise _shallow_error(repo, f"the merge base of '{a}' and '{b}'")
            raise FedgateError(f"'{a}' and '{b}' have no common history")
        return DiffRange(mb, b_sha, spec)
    if ".." in spec:
        a, b = spec.split("..", 1)
        b_sha = _commit(repo, b or "HEAD", "head")
        if a and ZERO_SHA_RE.match(a):
            return _new_branch_range(repo, b_sha, spec)
        return DiffRange(_commit(repo, a or "HEAD", "base"), b_sha, spec)
    if ZERO_SHA_RE.match(spec):
        raise FedgateError(f"'{spec}' is the zero SHA; name a real revision")
    return _base_of(repo, spec, head_sha, spec)  # type: ignore[arg-type]


def _new_branch_range(repo: GitRepo, head: str, spec: str, remote: str | None = None) -> DiffRange:
    """A push that creates a branch: review the commits the remote (any remote) has not got yet."""
    # Same question pre-commit asks (commands/hook_impl.py): what is not on --remotes=NAME.
    not_on = f"--remotes={remote}" if remote else "--remotes"
    out = str(repo.run("rev-list", "--topo-order", "--reverse", head, "--not", not_on, check=False)).split()
    if not out:
        return DiffRange(head, head, spec, note="every commit is already on a remote: nothing new")
    first = out[0]
    parents = repo.parents(first)
    if parents:
        return DiffRange(parents[0], head, spec, note=f"new branch: commits since {parents[0][:12]} (not on any remote)")
    if repo.is_shallow():
        raise _shallow_error(repo, f"the parent of {first[:12]}")
    return DiffRange(None, head, spec, note="new branch from a root commit: the whole history against the empty tree")


def _default_range(repo: GitRepo, head_sha: str | None, environ) -> DiffRange:
    if head_sha is None:
        raise FedgateError("the repository has no commits yet; use --staged to check the index")
    frm = environ.get("PRE_COMMIT_FROM_REF") or environ.get("PRE_COMMIT_ORIGIN")
    to = environ.get("PRE_COMMIT_TO_REF") or environ.get("PRE_COMMIT_SOURCE")
    if frm and to:
        if ZERO_SHA_RE.match(to):
            return DiffRange(head_sha, head_sha, f"{frm}..{to}", note="branch deletion: nothing to review")
        rng = resolve_range(repo, f"{frm}..{to}", environ=environ)
        return DiffRange(rng.base, rng.head, rng.spec, note=rng.note or "pre-push range from pre-commit")
    remote = environ.get("PRE_COMMIT_REMOTE_NAME")
    if environ.get("PRE_COMMIT") and to is None and frm is None and remote:
        # pre-commit sets no range when the first commit the remote lacks is a root commit
        # (it runs hooks with --all-files then). The pushed ref need not be HEAD.
        local = environ.get("PRE_COMMIT_LOCAL_BRANCH") or "HEAD"
        pushed = repo.try_rev(local) or head_sha
        return _new_branch_range(repo, pushed, f"{local} (pre-push, new branch)", remote)
    upstream = repo.try_rev("@{upstream}")
    if upstream:
        mb = repo.merge_base(upstream, head_sha)
        if mb:
            return DiffRange(mb, head_sha, "@{upstream}...HEAD", note="no range given: changes since the upstream branch")
    parents = repo.parents(head_sha)
    if parents:
        return DiffRange(parents[0], head_sha, "HEAD~1", note="no range given and no upstream: the last commit")
    if repo.is_shallow():
        raise _shallow_error(repo, "the parent of HEAD")
    return DiffRange(None, head_sha, "HEAD", note="HEAD is the root commit: compared with the empty tree")


def diff_text(repo: GitRepo, rng: DiffRange, context: int = 3) -> tuple[str, bytes]:
    """(patch text, raw -z records) for the range, with rename detection, no drivers.

    Whether a file is text is decided from its content, as git does without attributes (a NUL
    in the first 8000 bytes of either side): a `.gitattributes` saying `*.py -diff` or `binary`,
    which the reviewed change itself can add, must not turn code into an unreadable "binary".
    """
    common = ["--no-ext-diff", "--no-textconv", "--no-color", "-M", "-C", "--submodule=short", "--ignore-submodules=none"]
    if rng.head is None:
        base = rng.base or EMPTY_TREE
        revs = ["--cached", base]
    else:
        revs = [rng.base or EMPTY_TREE, rng.head]
    patch = repo.run("diff", *common, f"-U{context}", "--full-index", *revs, "--", binary=True)
    raw = repo.run("diff", *common, "--raw", "-z", "--no-abbrev", *revs, "--", binary=True)
    assert isinstance(patch, bytes) and isinstance(raw, bytes)
    # Non-UTF-8 content is reviewed as text with replacement characters, never dropped.
    text = patch.decode("utf-8", errors="replace")
    return _binary_by_content(repo, text, raw, lambda: repo.run(
        "diff", *common, "--text", f"-U{context}", "--full-index", *revs, "--", binary=True)), raw


_SECTION_START = re.compile(r"^diff --(?:git|cc) ", re.MULTILINE)
_BINARY_LINE = re.compile(r"^Binary files .* differ$", re.MULTILINE)
_CAT_FILE_LOCK = threading.Lock()
_SNIFF_BYTES = 8000  # git's own heuristic (xdiff-interface.c, buffer_is_binary)
_BIG_FILE = 512 * 1024 * 1024  # core.bigFileThreshold's default: git calls these binary by size


def _sections(text: str) -> tuple[str, list[str]]:
    starts = [m.start() for m in _SECTION_START.finditer(text)]
    ends = starts[1:] + [len(text)]
    return (text[: starts[0]] if starts else text), [text[a:b] for a, b in zip(starts, ends)]


def _binary_by_content(repo: GitRepo, text: str, raw: bytes, text_diff) -> str:
    """The patch with git's binary decisions replaced by ours where attributes changed them."""
    from .diff import parse_raw

    entries = parse_raw(raw)
    head, sections = _sections(text)
    if len(entries) != len(sections):
        return text  # parse_diff reports the mismatch
    need_text: list[int] = []
    for i, (entry, sec) in enumerate(zip(entries, sections)):
        if "160000" in (entry.old_mode, entry.new_mode):
            continue
        git_binary = _BINARY_LINE.search(sec) is not None
        if not git_binary and "\x00" not in sec:
            continue  # text to git, and no NUL shown: the common case, no blob is read
        content_binary = any(repo.blob_is_binary(b) for b in (entry.old_blob, entry.new_blob))
        if git_binary and not content_binary:
            need_text.append(i)
        elif not git_binary and content_binary:
            # Shown as text because an attribute said `diff`: it is binary all the same.
            cut = min((k for k in (sec.find("\n--- "), sec.find("\n@@ ")) if k >= 0), default=len(sec) - 1)
            sections[i] = sec[: cut + 1] + "Binary files differ\n"
    if need_text:
        patch = text_diff()
        assert isinstance(patch, bytes)
        _, forced = _sections(patch.decode("utf-8", errors="replace"))
        if len(forced) != len(sections):
            raise FedgateError("git diff --text listed other files than git diff; is an unusual git config interfering?")
        for i in need_text:
            sections[i] = forced[i]
    return head + "".join(sections)
