"""A throwaway PostgreSQL cluster on 127.0.0.1 for the ledger tests (real server, real driver).

initdb refuses to run as root: as root the cluster belongs to the `postgres` user (Debian's
package creates it) or FEDGATE_PG_USER, and its commands run through `runuser -u USER --`.
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

PASSWORD = "pg-Secr3t-7f4c2a"  # the tests assert it never shows up anywhere


def _bindir() -> str | None:
    found = shutil.which("initdb")
    if found:
        return os.path.dirname(found)
    for d in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if os.path.exists(os.path.join(d, "initdb")):
            return d
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    def __init__(self):
        self.bindir = _bindir()
        if self.bindir is None:
            raise RuntimeError("no PostgreSQL server binaries (initdb) on this machine")
        self.user = None
        if os.geteuid() == 0:
            self.user = os.environ.get("FEDGATE_PG_USER", "postgres")
            try:
                pw = pwd.getpwnam(self.user)
            except KeyError:
                raise RuntimeError(f"running as root and no user {self.user!r} to own the cluster") from None
        self.root = Path(tempfile.mkdtemp(prefix="fedgate-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        if self.user:
            os.chown(self.root, pw.pw_uid, pw.pw_gid)
        os.chmod(self.root, 0o755)

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        cmd = [os.path.join(self.bindir, args[0]), *args[1:]]
        if self.user:
            cmd = ["runuser", "-u", self.user, "--", *cmd]
        cwd = self.root if self.root.is_dir() else None  # gone already: stop must still not raise
        return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=check, cwd=cwd)

    def init(self) -> None:
        pwfile = self.root / "pw"
        pwfile.write_text(PASSWORD + "\n")
        if self.user:
            pw = pwd.getpwnam(self.user)
            os.chown(pwfile, pw.pw_uid, pw.pw_gid)
        self._run("initdb", "-D", str(self.data), "-U", "fedgate", f"--pwfile={pwfile}", "-A", "scram-sha-256",
                  "--no-sync", "-E", "UTF8", "--locale=C")
        pwfile.unlink()
        with open(self.data / "postgresql.conf", "a") as fh:
            fh.write(f"listen_addresses = '127.0.0.1'\nport = {self.port}\nunix_socket_directories = '{self.root}'\n"
                     "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = 100\n")

    def start(self) -> None:
        r = self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "log"), "-w", "-t", "60", "start", check=False)
        if r.returncode != 0:
            log = (self.root / "log").read_text(errors="replace")[-2000:] if (self.root / "log").exists() else ""
            raise RuntimeError(f"pg_ctl start failed: {r.stderr.strip()} {log}")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", check=False)

    def url(self, db: str = "postgres") -> str:
        return f"postgresql://fedgate:{PASSWORD}@127.0.0.1:{self.port}/{db}"

    def create_db(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def destroy(self) -> None:
        if self.data.is_dir():
            self.stop()
        shutil.rmtree(self.root, ignore_errors=True)
