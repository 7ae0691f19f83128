"""Shared by the integration tests: real git repositories and a loopback GitHub REST API."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from gitrepo import GIT_ENV, SRC, clean_env, run_git, write_files

__all__ = ["GIT_ENV", "SRC", "FakeGitHub", "commit", "git", "git_env", "init_repo", "read_outputs", "write"]


def git_env(**extra: str) -> dict[str, str]:
    return clean_env(extra)


def git(cwd: str | Path, *args: str, env: dict | None = None, check: bool = True) -> str:
    return run_git(cwd, *args, env=env, check=check).stdout.strip()


def write(root: str | Path, files: dict[str, str]) -> None:
    write_files(root, files)


def commit(root: str | Path, files: dict[str, str], message: str = "change") -> str:
    write(root, files)
    git(root, "add", "-A")
    git(root, "commit", "-q", "--allow-empty", "-m", message)
    return git(root, "rev-parse", "HEAD")


def init_repo(root: str | Path) -> Path:
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", "main")
    return root


# ---------------------------------------------------------------- GitHub API


class FakeGitHub:
    """A real HTTP server on 127.0.0.1 that answers the few REST calls fedgate makes.

    Posted review comments are stored and listed back, so a second run sees them.
    """

    # GITHUB_TOKEN is an app installation token: GET /user answers 403 and what it posts is
    # authored by github-actions[bot]. A personal token's /user names its own login.
    BOT = "github-actions[bot]"

    def __init__(self, post_status: int = 200, list_status: int = 200, token_user: str | None = None):
        self.requests: list[dict] = []
        self.comments: list[dict] = []
        self.post_status = post_status
        self.list_status = list_status
        self.token_user = token_user
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep pytest output clean
                pass

            def _reply(self, status: int, body: object) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                url = urlsplit(self.path)
                fake.requests.append({"method": "GET", "path": url.path, "query": parse_qs(url.query), "headers": dict(self.headers)})
                if url.path == "/user":
                    if fake.token_user is None:
                        return self._reply(403, {"message": "Resource not accessible by integration"})
                    return self._reply(200, {"login": fake.token_user, "type": "User"})
                if fake.list_status != 200:
                    return self._reply(fake.list_status, {"message": "Resource not accessible by integration"})
                q = parse_qs(url.query)
                per_page, page = int(q.get("per_page", ["30"])[0]), int(q.get("page", ["1"])[0])
                return self._reply(200, fake.comments[(page - 1) * per_page: page * per_page])

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"null")
                fake.requests.append({"method": "POST", "path": urlsplit(self.path).path, "body": body, "headers": dict(self.headers)})
                if fake.post_status >= 400:
                    return self._reply(fake.post_status, {"message": "Resource not accessible by integration"})
                for c in body.get("comments", []):
                    fake.comments.append({"id": len(fake.comments) + 1, "path": c["path"], "line": c["line"], "body": c["body"],
                                          "user": {"login": fake.token_user or fake.BOT}})
                return self._reply(200, {"id": 1, "state": "COMMENTED"})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeGitHub:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def posts(self) -> list[dict]:
        return [r for r in self.requests if r["method"] == "POST"]


def read_outputs(path: str | Path) -> dict[str, str]:
    """Parse GITHUB_OUTPUT as the runner does (name=value and name<<DELIM heredocs)."""
    values: dict[str, str] = {}
    lines = Path(path).read_text(encoding="utf-8").split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if "<<" in line:
            name, delim = line.split("<<", 1)
            j = lines.index(delim, i + 1)
            values[name] = "\n".join(lines[i + 1: j])
            i = j + 1
        elif "=" in line:
            name, value = line.split("=", 1)
            values[name] = value
            i += 1
        else:
            i += 1
    return values
