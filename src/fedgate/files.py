"""Writing files so that a failure leaves nothing half-written behind.

Every file fedgate writes (a report, a baseline, a starter config, SARIF) is written to a
temporary file beside the target and renamed over it: a reader sees the old file or the new
one, and a failed write (disk full, a quota, an interrupted run) leaves no empty or partial
file that a retry would trip over.
"""
from __future__ import annotations

import os
import tempfile

from .models import FedgateError


def write_text(path: str, text: str, *, exclusive: bool = False) -> None:
    """Write `text` to `path` atomically; with `exclusive`, never replace an existing file."""
    if os.path.isdir(path):
        raise FedgateError(f"{path} is a directory: give a file name")
    directory = os.path.dirname(os.path.abspath(path))
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".fedgate-", suffix=".tmp", dir=directory)
        # mkstemp makes the file 0600; a report is read by others (CI artifacts, web servers):
        # keep the old file's mode, else what open() would have given.
        os.chmod(tmp, _mode_for(path))
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        if exclusive:
            # link() fails if the target exists: no window in which another writer's file
            # could be replaced (a check-then-rename would have one).
            os.link(tmp, path)
            os.unlink(tmp)
        else:
            os.replace(tmp, path)
        tmp = None
    except FileExistsError:
        if os.path.isdir(path):
            raise FedgateError(f"{path} is a directory: give a file name") from None
        raise FedgateError(f"{path} already exists; edit it, or remove it first") from None
    except IsADirectoryError:
        raise FedgateError(f"{path} is a directory: give a file name") from None
    except OSError as e:
        raise FedgateError(f"cannot write {path}: {e.strerror or e}") from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _mode_for(path: str) -> int:
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
