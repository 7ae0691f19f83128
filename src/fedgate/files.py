"""Writing files so that a failure leaves nothing half-written behind; reading the ones a
repository or a user names (a policy, a baseline) so that no file can exhaust memory.

Every file fedgate writes (a report, a baseline, a starter config, SARIF) is written to a
temporary file beside the target and renamed over it: a reader sees the old file or the new
one, and a failed write (disk full, a quota, an interrupted run) leaves no empty or partial
file that a retry would trip over.
"""
from __future__ import annotations

import os
import tempfile

from .models import FedgateError


class TooLarge(ValueError):
    """A file over the size its reader accepts."""


def read_text(path: str, limit: int) -> str:
    """The UTF-8 text of `path`, refused past `limit` bytes before more is read into memory.

    Whatever `path` is: a symlink the repository committed to /dev/zero, a device, a pipe
    that never ends (TooLarge), a FIFO with no writer (opened without waiting for one: empty),
    a directory (IsADirectoryError). OSError and UnicodeDecodeError otherwise, as open() would.
    """
    import errno
    import stat

    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a directory", path)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)  # a pipe's writer may still be writing
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 16, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    if size > limit:
        raise TooLarge(f"over {limit >> 20} MiB" if limit >= 1 << 20 else f"over {limit:,} bytes")
    return b"".join(chunks).decode("utf-8")


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
