"""Unified diff text -> ChangedFile/Hunk records.

Paths, modes and statuses come from `git diff --raw -z` (exact bytes, no quoting); hunks come
from the patch text parsed by unidiff. Both list files in the same order, one entry per file.
"""
from __future__ import annotations

from dataclasses import dataclass

from .models import ChangedFile, FedgateError, Hunk, Line

_STATUS = {"A": "added", "D": "deleted", "M": "modified", "R": "renamed", "C": "copied", "T": "modified"}


@dataclass(frozen=True)
class RawEntry:
    old_mode: str
    new_mode: str
    status: str
    score: int | None
    old_path: str
    new_path: str


def parse_raw(raw: bytes) -> list[RawEntry]:
    parts = raw.split(b"\0")
    out: list[RawEntry] = []
    i = 0
    while i < len(parts):
        meta = parts[i]
        if not meta:
            i += 1
            continue
        if not meta.startswith(b":"):
            raise FedgateError(f"unexpected git diff --raw output: {meta[:60]!r}")
        fields = meta[1:].decode("ascii").split()
        old_mode, new_mode, status_field = fields[0], fields[1], fields[4]
        letter = status_field[0]
        score = int(status_field[1:]) if status_field[1:].isdigit() else None
        p1 = parts[i + 1].decode("utf-8", errors="replace")
        if letter in "RC":
            p2 = parts[i + 2].decode("utf-8", errors="replace")
            i += 3
        else:
            p2 = p1
            i += 2
        out.append(RawEntry(old_mode, new_mode, letter, score, p1, p2))
    return out


def _hunks(patched_file) -> tuple[Hunk, ...]:
    hunks = []
    for h in patched_file:
        lines = []
        for ln in h:
            kind = ln.line_type
            if kind not in ("+", "-", " "):
                continue  # "\ No newline at end of file" markers
            text = ln.value
            if text.endswith("\n"):
                text = text[:-1]
            if text.endswith("\r"):
                text = text[:-1]
            lines.append(Line(kind, text, ln.source_line_no, ln.target_line_no))
        hunks.append(
            Hunk(
                old_start=h.source_start,
                old_len=h.source_length,
                new_start=h.target_start,
                new_len=h.target_length,
                section=(h.section_header or "").strip(),
                lines=tuple(lines),
            )
        )
    return tuple(hunks)


def parse_diff(patch: str, raw: bytes) -> list[ChangedFile]:
    from unidiff import PatchSet
    from unidiff.errors import UnidiffParseError

    entries = parse_raw(raw)
    try:
        patches = list(PatchSet(patch)) if patch.strip() else []
    except UnidiffParseError as e:
        raise FedgateError(f"could not parse the diff: {e}") from None
    if len(patches) != len(entries):
        raise FedgateError(
            f"git listed {len(entries)} changed files but the patch has {len(patches)}; "
            "is a diff driver or an unusual git config interfering?"
        )
    files = []
    for entry, pf in zip(entries, patches):
        status = _STATUS.get(entry.status, "modified")
        submodule = "160000" in (entry.old_mode, entry.new_mode)
        symlink = "120000" in (entry.old_mode, entry.new_mode)
        path = entry.new_path if status != "deleted" else entry.old_path
        files.append(
            ChangedFile(
                path=path,
                old_path=entry.old_path if status in ("renamed", "copied") else None,
                status=status,
                hunks=_hunks(pf),
                binary=bool(pf.is_binary_file),
                old_mode=None if entry.old_mode == "000000" else entry.old_mode,
                new_mode=None if entry.new_mode == "000000" else entry.new_mode,
                similarity=entry.score if status in ("renamed", "copied") else None,
                submodule=submodule,
                symlink=symlink,
            )
        )
    return files
