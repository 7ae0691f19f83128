"""The model answer cache: SQLite, keyed by model, server, prompt version and the batch's content.

litellm's own disk cache is gone in current releases, so we keep our own. Only parsed,
schema-valid answers are stored (the raw findings list); validation against the diff runs
again on every read. A broken or locked cache never fails a review: it is skipped with a note.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time

_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    key TEXT PRIMARY KEY,
    model TEXT NOT NULL,
    prompt_version TEXT NOT NULL,
    created REAL NOT NULL,
    findings TEXT NOT NULL
)
"""


def cache_key(model: str, api_base: str | None, prompt_version: str, content: str) -> str:
    """One model name can be two models: "openai/llama3" at a local Ollama and at a vLLM box."""
    h = hashlib.sha256()
    for part in (model, api_base or "", prompt_version, content):
        h.update(part.encode("utf-8", "replace"))
        h.update(b"\0")
    return h.hexdigest()


class AnswerCache:
    """Open with a path, or None for a cache that remembers nothing."""

    def __init__(self, path: str | None):
        self.path = path
        self.error: str | None = None
        self._db: sqlite3.Connection | None = None
        if path is None:
            return
        try:
            os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
            self._db = sqlite3.connect(path, timeout=5)
            self._db.execute(_SCHEMA)
            self._db.commit()
        except (sqlite3.Error, OSError) as e:
            self._fail(e)

    def _fail(self, e: Exception) -> None:
        self.error = f"model cache disabled ({self.path}: {e})"
        if self._db is not None:
            self._db.close()
        self._db = None

    def get(self, key: str) -> list | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT findings FROM answers WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as e:
            self._fail(e)
            return None
        if row is None:
            return None
        try:
            value = json.loads(row[0])
        except ValueError:
            return None
        return value if isinstance(value, list) else None

    def put(self, key: str, model: str, prompt_version: str, findings: list) -> None:
        if self._db is None:
            return
        try:
            self._db.execute(
                "INSERT OR REPLACE INTO answers (key, model, prompt_version, created, findings) VALUES (?, ?, ?, ?, ?)",
                (key, model, prompt_version, time.time(), json.dumps(findings)),
            )
            self._db.commit()
        except sqlite3.Error as e:
            self._fail(e)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
