"""Locate the git directory of a fetched snapshot of a public repository.

`fetch` (the search tool) unpacks a snapshot of github OWNER/NAME into
``$MIRRORS/OWNER+NAME/repo`` -- a bare git directory -- or, for snapshots that
were clones with a work tree, ``$MIRRORS/OWNER+NAME/repo/.git``.  The directory
keeps the case GitHub spells the name with (``python-pillow+Pillow``), while
advisories often lower-case it, so the lookup ignores case.

``MIRRORS`` is ``/work/.mirror`` unless the environment sets ``FEDGATE_MIRRORS``.
Stdlib only: bench scripts import this with a ``sys.path`` insert.
"""
from __future__ import annotations

import os
from pathlib import Path

DEFAULT_ROOT = "/work/.mirror"


def mirrors_root() -> Path:
    return Path(os.environ.get("FEDGATE_MIRRORS") or DEFAULT_ROOT)


def _git_dir(entry: Path) -> Path | None:
    repo = entry / "repo"
    for candidate in (repo / ".git", repo):
        if (candidate / "HEAD").is_file() and (candidate / "objects").is_dir():
            return candidate
    return None


def mirror_git_dir(repo: str) -> str | None:
    """The git dir of the snapshot of ``owner/name``, or None if it was not fetched."""
    owner, sep, name = repo.strip().strip("/").partition("/")
    if not sep or not owner or not name:
        return None
    root = mirrors_root()
    exact = root / f"{owner}+{name}"
    found = _git_dir(exact) if exact.is_dir() else None
    if found is not None:
        return str(found)
    wanted = f"{owner}+{name}".lower()
    try:
        entries = sorted(root.iterdir())
    except OSError:
        return None
    for entry in entries:
        # A half-copied snapshot lives in OWNER+NAME.part until it is whole: never use it.
        if entry.name.lower() == wanted and entry.is_dir():
            found = _git_dir(entry)
            if found is not None:
                return str(found)
    return None


def fetched_repos() -> list[str]:
    """Every ``owner/name`` with a usable snapshot under the mirrors root."""
    root = mirrors_root()
    out: list[str] = []
    try:
        entries = sorted(root.iterdir())
    except OSError:
        return out
    for entry in entries:
        if "+" in entry.name and not entry.name.endswith(".part") and _git_dir(entry) is not None:
            owner, _, name = entry.name.partition("+")
            out.append(f"{owner}/{name}")
    return out
