"""The run ledger: one SQLite record per `fedgate check`, read back by `fedgate report`.

A run is stored as one record (the same shape `fedgate ledger export` writes as a JSON Line),
split over a few tables. Only what the run decided is stored: counts, tokens, money, and each
finding's fingerprint and message as produced (the secret rule masks). Hunk text never is.
"""
from __future__ import annotations

import json
import os
import random
import re
import sqlite3
import time
import uuid
from datetime import datetime, timezone
from typing import Iterable

from .config import Config
from .gitrange import GitRepo
from .models import TIERS, FedgateError, FileVerdict, RunResult

SCHEMA_VERSION = 2  # 2: runs.kind
RECORD_FORMAT = 1
BUSY_TIMEOUT_MS = 10000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id TEXT PRIMARY KEY,
    time TEXT NOT NULL,
    branch TEXT NOT NULL,
    range_spec TEXT NOT NULL,
    base_sha TEXT,
    head_sha TEXT,
    commit_sha TEXT,
    duration_s REAL NOT NULL,
    exit_code INTEGER NOT NULL,
    model_configured INTEGER NOT NULL,
    high_model TEXT,
    prompt_tokens INTEGER NOT NULL,
    completion_tokens INTEGER NOT NULL,
    cost_usd REAL NOT NULL,
    model_calls INTEGER NOT NULL,
    cache_hits INTEGER NOT NULL,
    tokens_all INTEGER NOT NULL,
    tokens_trivial INTEGER NOT NULL,
    tokens_planned INTEGER NOT NULL,
    batches INTEGER NOT NULL,
    unreviewed INTEGER NOT NULL,
    fedgate_version TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'check'
);
CREATE INDEX IF NOT EXISTS runs_branch_time ON runs (branch, time);
CREATE TABLE IF NOT EXISTS run_tiers (
    run_id TEXT NOT NULL REFERENCES runs (id),
    tier TEXT NOT NULL,
    files INTEGER NOT NULL,
    hunks INTEGER NOT NULL,
    trivial_hunks INTEGER NOT NULL,
    planned_hunks INTEGER NOT NULL,
    tokens INTEGER NOT NULL,
    PRIMARY KEY (run_id, tier)
);
CREATE TABLE IF NOT EXISTS run_trivial (
    run_id TEXT NOT NULL REFERENCES runs (id),
    reason TEXT NOT NULL,
    hunks INTEGER NOT NULL,
    tokens INTEGER NOT NULL,
    PRIMARY KEY (run_id, reason)
);
CREATE TABLE IF NOT EXISTS run_models (
    run_id TEXT NOT NULL REFERENCES runs (id),
    model TEXT NOT NULL,
    tier TEXT NOT NULL,
    hunks INTEGER NOT NULL,
    reviewed_hunks INTEGER NOT NULL,
    planned_tokens INTEGER NOT NULL,
    calls INTEGER NOT NULL,
    prompt_tokens INTEGER NOT NULL,
    completion_tokens INTEGER NOT NULL,
    cost_usd REAL NOT NULL,
    cache_hits INTEGER NOT NULL,
    PRIMARY KEY (run_id, model, tier)
);
CREATE TABLE IF NOT EXISTS run_findings (
    run_id TEXT NOT NULL REFERENCES runs (id),
    fingerprint TEXT NOT NULL,
    source TEXT NOT NULL,
    rule TEXT NOT NULL,
    severity TEXT NOT NULL,
    category TEXT NOT NULL,
    tier TEXT NOT NULL,
    path TEXT NOT NULL,
    line INTEGER NOT NULL,
    title TEXT NOT NULL,
    message TEXT NOT NULL,
    suppressed INTEGER NOT NULL,
    suppression TEXT NOT NULL,
    blocking INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS run_findings_run ON run_findings (run_id);
CREATE INDEX IF NOT EXISTS run_findings_fingerprint ON run_findings (fingerprint);
CREATE TABLE IF NOT EXISTS run_coverage (
    run_id TEXT NOT NULL REFERENCES runs (id),
    source TEXT NOT NULL,
    path TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS run_coverage_run ON run_coverage (run_id);
CREATE TABLE IF NOT EXISTS run_unreviewed (
    run_id TEXT NOT NULL REFERENCES runs (id),
    path TEXT NOT NULL,
    tier TEXT NOT NULL,
    reason TEXT NOT NULL,
    tokens INTEGER NOT NULL,
    blocking INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS run_unreviewed_run ON run_unreviewed (run_id);
"""

_RUN_COLUMNS = (
    "id", "time", "branch", "range_spec", "base_sha", "head_sha", "commit_sha", "duration_s",
    "exit_code", "model_configured", "high_model", "prompt_tokens", "completion_tokens",
    "cost_usd", "model_calls", "cache_hits", "tokens_all", "tokens_trivial", "tokens_planned",
    "batches", "unreviewed", "fedgate_version", "kind",
)
# What made the run: 'check' (check, ci, baseline) or 'eval' (`fedgate eval`: one run per
# variant, over reintroduced fixes and sampled commits; `fedgate report` shows those apart).
RUN_KINDS = ("check", "eval")
# Child tables: record key -> (table, columns). Order of columns = order in the record dicts.
_CHILDREN = {
    "tiers": ("run_tiers", ("tier", "files", "hunks", "trivial_hunks", "planned_hunks", "tokens")),
    "trivial": ("run_trivial", ("reason", "hunks", "tokens")),
    "models": (
        "run_models",
        ("model", "tier", "hunks", "reviewed_hunks", "planned_tokens", "calls", "prompt_tokens", "completion_tokens",
         "cost_usd", "cache_hits"),
    ),
    "findings": (
        "run_findings",
        ("fingerprint", "source", "rule", "severity", "category", "tier", "path", "line", "title",
         "message", "suppressed", "suppression", "blocking"),
    ),
    "coverage": ("run_coverage", ("source", "path")),
    "unreviewed_hunks": ("run_unreviewed", ("path", "tier", "reason", "tokens", "blocking")),
}
_BOOL_FIELDS = {"model_configured", "suppressed", "blocking"}


# ------------------------------------------------------------------ where it lives


def ledger_path(repo: GitRepo, config: Config, environ=os.environ) -> str:
    """FEDGATE_LEDGER, else ledger.path (relative to the repo root), else .git/fedgate/ledger.db."""
    env = environ.get("FEDGATE_LEDGER")
    if env:
        return os.path.abspath(env)
    if config.ledger_path:
        return os.path.normpath(os.path.join(repo.root, config.ledger_path))
    # git_dir, not root/.git: in a linked worktree .git is a file, and every worktree gets its own log.
    return os.path.join(repo.git_dir, "fedgate", "ledger.db")


# ------------------------------------------------------------------ the record


def _head_and_branch(repo: GitRepo, environ) -> tuple[str | None, str]:
    """HEAD's SHA and branch name, in one git call (each spawn costs milliseconds per run)."""
    out = str(repo.run("rev-parse", "HEAD", "--abbrev-ref", "HEAD", check=False)).split()
    sha, name = (out[0], out[1]) if len(out) == 2 else (None, "")
    if not name:
        # An unborn branch (no commits yet): rev-parse fails, symbolic-ref still knows the name.
        name = str(repo.run("symbolic-ref", "--short", "-q", "HEAD", check=False)).strip()
    if name in ("", "HEAD"):
        # CI checks out a detached HEAD; the branch name is only in the environment.
        name = environ.get("GITHUB_HEAD_REF") or environ.get("GITHUB_REF_NAME") or environ.get("CI_COMMIT_REF_NAME") or "(detached)"
    return sha, name


_COUNT_IN_REASON = re.compile(r"\s*\(\d+ [^)]*\)$")


def trivial_reason_key(reason: str) -> str:
    """'small edit in a low-risk file (3 changed lines)' -> 'small edit in a low-risk file'."""
    return _COUNT_IN_REASON.sub("", reason)


def _tier_of_line(files: tuple[FileVerdict, ...], path: str, line: int) -> str:
    for fv in files:
        if fv.path != path:
            continue
        for hv in fv.hunks:
            if line in hv.hunk.new_line_numbers():
                return hv.tier
        return fv.tier
    return "unknown"


def _split(total: float, shares: list[int], integer: bool) -> list[float]:
    """Split a per-model total over its tiers in proportion to the tokens planned for each."""
    whole = sum(shares) or 1
    parts = [total * s / whole for s in shares]
    if not integer:
        return [round(p, 8) for p in parts]
    ints = [int(p) for p in parts]
    ints[parts.index(max(parts))] += int(total) - sum(ints)
    return ints


def _model_rows(result: RunResult) -> list[dict]:
    failed = {(u.path, u.new_start, u.tier) for u in result.outcome.unreviewed}
    planned: dict[tuple[str, str], list[int]] = {}
    for b in result.plan.batches:
        entry = planned.setdefault((b.model, b.tier), [0, 0, 0])
        entry[0] += len(b.hunks)
        entry[1] += b.tokens
        entry[2] += sum(1 for p in b.hunks if (p.path, p.hunk.new_start, p.tier) not in failed)
    usage = {m.model: m for m in result.outcome.usage.per_model}
    rows = []
    for model in sorted({m for m, _ in planned} | set(usage)):
        tiers = sorted(t for m, t in planned if m == model) or ["unknown"]
        shares = [planned.get((model, t), [0, 0, 0])[1] for t in tiers]
        u = usage.get(model)
        split = {
            k: _split(getattr(u, k) if u else 0, shares, integer=(k != "cost_usd"))
            for k in ("calls", "prompt_tokens", "completion_tokens", "cost_usd", "cache_hits")
        }
        for i, tier in enumerate(tiers):
            hunks, toks, reviewed = planned.get((model, tier), [0, 0, 0])
            rows.append({"model": model, "tier": tier, "hunks": hunks, "reviewed_hunks": reviewed,
                         "planned_tokens": toks,
                         **{k: v[i] for k, v in split.items()}})
    return rows


def _coverage(result: RunResult) -> list[dict]:
    """Which source read which path in this run: the evidence that a missing finding is fixed."""
    rows = [{"source": "rules", "path": fv.path} for fv in result.files]
    skipped = {(u.path, u.tier) for u in result.plan.unreviewed + result.outcome.unreviewed}
    by_model: dict[str, set[str]] = {}
    for b in result.plan.batches:
        for p in b.hunks:
            if (p.path, p.tier) not in skipped:
                by_model.setdefault(b.model, set()).add(p.path)
    for model, paths in sorted(by_model.items()):
        rows.extend({"source": f"model:{model}", "path": p} for p in sorted(paths))
    return rows


def run_record(result: RunResult, repo: GitRepo, config: Config, environ=os.environ, now: datetime | None = None) -> dict:
    """The ledger record of one run (also one line of `fedgate ledger export`)."""
    from . import __version__

    tiers = {t: {"tier": t, "files": 0, "hunks": 0, "trivial_hunks": 0, "planned_hunks": 0, "tokens": 0} for t in TIERS}
    trivial: dict[str, dict] = {}
    for fv in result.files:
        tiers[fv.tier]["files"] += 1
        for hv in fv.hunks:
            row = tiers[hv.tier]
            row["hunks"] += 1
            row["tokens"] += hv.tokens
            if hv.trivial is not None:
                row["trivial_hunks"] += 1
                key = trivial_reason_key(hv.trivial)
                t = trivial.setdefault(key, {"reason": key, "hunks": 0, "tokens": 0})
                t["hunks"] += 1
                t["tokens"] += hv.tokens
    for b in result.plan.batches:
        tiers[b.tier]["planned_hunks"] += len(b.hunks)
    blocking = {id(f) for f in result.decision.blocking}
    findings = [
        {
            "fingerprint": f.fingerprint, "source": f.source, "rule": f.rule, "severity": f.severity,
            "category": f.category, "tier": _tier_of_line(result.files, f.path, f.line), "path": f.path,
            "line": f.line, "title": f.title, "message": f.message, "suppressed": f.suppressed,
            "suppression": f.suppression, "blocking": id(f) in blocking,
        }
        for f in result.decision.findings
    ]
    unreviewed = [
        {"path": u.path, "tier": u.tier, "reason": u.reason, "tokens": u.tokens, "blocking": u.blocking}
        for u in result.plan.unreviewed + result.outcome.unreviewed
    ]
    usage = result.outcome.usage
    commit, branch = _head_and_branch(repo, environ)
    return {
        "format": RECORD_FORMAT,
        "id": str(uuid.uuid4()),
        "time": (now or datetime.now(timezone.utc)).isoformat(timespec="microseconds"),
        "branch": branch,
        "range_spec": result.range.spec,
        "base_sha": result.range.base,
        "head_sha": result.range.head,
        "commit_sha": commit,
        "duration_s": result.duration_s,
        "exit_code": result.decision.exit_code,
        "model_configured": result.model_configured,
        "high_model": config.model_for("high"),
        "prompt_tokens": usage.prompt_tokens,
        "completion_tokens": usage.completion_tokens,
        "cost_usd": usage.cost_usd,
        "model_calls": usage.model_calls,
        "cache_hits": usage.cache_hits,
        "tokens_all": sum(hv.tokens for fv in result.files for hv in fv.hunks),
        "tokens_trivial": sum(t["tokens"] for t in trivial.values()),
        "tokens_planned": result.plan.tokens,
        "batches": len(result.plan.batches),
        "unreviewed": len(unreviewed),
        "fedgate_version": __version__,
        "kind": "check",
        "tiers": [r for r in tiers.values() if r["files"] or r["hunks"]],
        "trivial": sorted(trivial.values(), key=lambda r: r["reason"]),
        "models": _model_rows(result),
        "findings": findings,
        "coverage": _coverage(result),
        "unreviewed_hunks": unreviewed,
    }


# ------------------------------------------------------------------ sqlite


def _migrate(conn: sqlite3.Connection, path: str) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise FedgateError(f"{path} was written by a newer fedgate (ledger schema {version}, this one reads {SCHEMA_VERSION})")
    if version == SCHEMA_VERSION:
        return
    if version == 1:
        conn.execute("ALTER TABLE runs ADD COLUMN kind TEXT NOT NULL DEFAULT 'check'")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        return
    if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise FedgateError(f"{path} is an SQLite database but not a fedgate ledger")
    for stmt in _SCHEMA.split(";"):
        if stmt.strip():
            conn.execute(stmt)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _connect(path: str) -> sqlite3.Connection:
    # isolation_level=None: we issue BEGIN IMMEDIATE ourselves (see write_records).
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # WAL: a reader (fedgate report) never blocks the hook's writer, and a crash mid-write
    # leaves the previous state intact. Switching to WAL needs the write lock once; busy_timeout covers a race.
    if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        conn.execute("PRAGMA journal_mode = WAL")
    # In WAL mode NORMAL never corrupts; it may drop the last run on power loss, not worth an fsync per run.
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def _insert(conn: sqlite3.Connection, record: dict) -> bool:
    run_id = record["id"]
    if conn.execute("SELECT 1 FROM runs WHERE id = ?", (run_id,)).fetchone():
        return False
    conn.execute(
        f"INSERT INTO runs ({', '.join(_RUN_COLUMNS)}) VALUES ({', '.join('?' * len(_RUN_COLUMNS))})",
        tuple(int(record[c]) if c in _BOOL_FIELDS else record[c] for c in _RUN_COLUMNS),
    )
    for key, (table, cols) in _CHILDREN.items():
        rows = record.get(key) or []
        if not rows:
            continue
        conn.executemany(
            f"INSERT INTO {table} (run_id, {', '.join(cols)}) VALUES (?, {', '.join('?' * len(cols))})",
            [(run_id, *(int(r[c]) if c in _BOOL_FIELDS else r[c] for c in cols)) for r in rows],
        )
    return True


def write_records(path: str, records: Iterable[dict]) -> tuple[int, int]:
    """Append records in ONE transaction; returns (added, already present). Raises sqlite3/OS errors."""
    records = list(records)
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            return _write_once(path, records)
        except sqlite3.OperationalError as e:
            # busy_timeout does not cover every lock of WAL mode: opening while the other
            # writer's last connection checkpoints and removes the WAL can still answer
            # "database is locked". The transaction rolled back; each run's UUID makes a retry safe.
            if "locked" not in str(e) and "busy" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(random.uniform(0.002, 0.02))


def _write_once(path: str, records: list[dict]) -> tuple[int, int]:
    conn = _connect(path)
    try:
        # IMMEDIATE takes the write lock up front: a deferred transaction that upgrades from
        # read to write gets SQLITE_BUSY at once in WAL mode, with no wait (sqlite.org/wal.html).
        conn.execute("BEGIN IMMEDIATE")
        try:
            _migrate(conn, path)
            added = skipped = 0
            for record in records:
                if _insert(conn, record):
                    added += 1
                else:
                    skipped += 1
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return added, skipped
    finally:
        conn.close()


def record_run(result: RunResult, repo: GitRepo, config: Config, environ=os.environ) -> str | None:
    """Append this run to the ledger. Returns a warning instead of raising: the ledger never
    changes the gate's exit code."""
    if not config.ledger_enabled or result.dry_run:
        return None
    path = ledger_path(repo, config, environ)
    try:
        record = run_record(result, repo, config, environ)
        write_records(path, [record])
    except FedgateError as e:
        return f"run not recorded in the ledger: {e}"
    except (sqlite3.Error, OSError) as e:
        return f"run not recorded in the ledger {path}: {e}"
    except Exception as e:  # noqa: BLE001 - the exit code is the gate's contract; the ledger is a by-product
        return f"run not recorded in the ledger {path}: {type(e).__name__}: {e}"
    return None


# ------------------------------------------------------------------ reading


def _open_existing(path: str) -> sqlite3.Connection:
    if not os.path.exists(path):
        raise FedgateError(f"ledger not found: {path} (no run recorded yet, or a wrong --ledger path)")
    if os.path.isdir(path):
        raise FedgateError(f"ledger {path} is a directory, not a ledger file")
    try:
        # mode=rw: never create an empty ledger by reading a mistyped path.
        conn = sqlite3.connect(f"file:{_uri_path(path)}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except sqlite3.OperationalError:
        # A read-only copy (a CI artifact): read it without the WAL index.
        try:
            conn = sqlite3.connect(f"file:{_uri_path(path)}?mode=ro&immutable=1", uri=True, isolation_level=None)
        except sqlite3.Error as e:
            raise FedgateError(f"cannot open ledger {path}: {e}") from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version == 0:
            raise FedgateError(f"{path} is not a fedgate ledger")
        if version > SCHEMA_VERSION:
            raise FedgateError(f"{path} was written by a newer fedgate (ledger schema {version}, this one reads {SCHEMA_VERSION})")
    except sqlite3.DatabaseError as e:
        conn.close()
        raise FedgateError(f"{path} is not a readable fedgate ledger: {e}") from None
    except FedgateError:
        conn.close()
        raise
    return conn


def _uri_path(path: str) -> str:
    from urllib.parse import quote

    return quote(os.path.abspath(path))


def read_records(path: str) -> list[dict]:
    """Every run in the ledger as a record, oldest first. Raises FedgateError on a bad ledger."""
    conn = _open_existing(path)
    try:
        conn.row_factory = sqlite3.Row
        conn.execute("BEGIN")  # one snapshot: a run appended meanwhile is all in or all out
        runs: dict[str, dict] = {}
        present: set[str] | None = None
        for row in conn.execute("SELECT * FROM runs ORDER BY time, id"):
            present = present if present is not None else set(row.keys())
            # A schema-1 ledger (read, not migrated) has no kind column: all its runs are checks.
            rec = {"format": RECORD_FORMAT, **{c: row[c] if c in present else "check" for c in _RUN_COLUMNS}}
            rec["model_configured"] = bool(rec["model_configured"])
            for key in _CHILDREN:
                rec[key] = []
            runs[rec["id"]] = rec
        for key, (table, cols) in _CHILDREN.items():
            for row in conn.execute(f"SELECT run_id, {', '.join(cols)} FROM {table} ORDER BY rowid"):
                rec = runs.get(row["run_id"])
                if rec is not None:
                    rec[key].append({c: (bool(row[c]) if c in _BOOL_FIELDS else row[c]) for c in cols})
        conn.execute("COMMIT")
        return list(runs.values())
    except sqlite3.DatabaseError as e:
        raise FedgateError(f"{path} is not a readable fedgate ledger: {e}") from None
    finally:
        conn.close()


# ------------------------------------------------------------------ export / import


def export_lines(path: str) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in read_records(path))


_REQUIRED = set(_RUN_COLUMNS) - {"kind"}  # exports written before kind existed are checks


def parse_lines(text: str, source: str) -> list[dict]:
    records = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except (ValueError, RecursionError) as e:  # json.loads raises RecursionError on deep nesting
            raise FedgateError(f"{source}:{n}: not JSON: {e}") from None
        if not isinstance(rec, dict) or rec.get("format") != RECORD_FORMAT:
            raise FedgateError(f"{source}:{n}: not a fedgate ledger record (format {RECORD_FORMAT})")
        missing = _REQUIRED - set(rec)
        if missing:
            raise FedgateError(f"{source}:{n}: ledger record lacks {', '.join(sorted(missing))}")
        rec.setdefault("kind", "check")
        if rec["kind"] not in RUN_KINDS:
            raise FedgateError(f"{source}:{n}: ledger record has an unknown kind {rec['kind']!r:.30}")
        if not isinstance(rec["id"], str) or not rec["id"] or not _aware_time(rec["time"]):
            raise FedgateError(f"{source}:{n}: ledger record needs a string 'id' and an ISO 'time' with a time zone")
        for key, (_table, cols) in _CHILDREN.items():
            rows = rec.get(key) or []
            if not isinstance(rows, list) or any(not isinstance(r, dict) or set(cols) - set(r) for r in rows):
                raise FedgateError(f"{source}:{n}: ledger record has a malformed '{key}' list")
        _check_types(rec, f"{source}:{n}")
        records.append(rec)
    return records


def _column_types() -> dict[str, dict[str, tuple[str, bool]]]:
    """table -> column -> (SQL type, nullable), read from _SCHEMA so the two cannot drift."""
    tables: dict[str, dict[str, tuple[str, bool]]] = {}
    for m in re.finditer(r"CREATE TABLE IF NOT EXISTS (\w+) \((.*?)\n\);", _SCHEMA, re.S):
        cols = tables.setdefault(m.group(1), {})
        for line in m.group(2).splitlines():
            parts = line.strip().rstrip(",").split()
            if len(parts) >= 2 and parts[1] in ("TEXT", "INTEGER", "REAL"):
                cols[parts[0]] = (parts[1], "NOT NULL" not in line)
    return tables


_COLUMN_TYPES = _column_types()
_INT64 = 2**63


def _bad_value(table: str, column: str, value: object) -> bool:
    sql, nullable = _COLUMN_TYPES[table][column]
    if value is None:
        return not nullable
    if sql == "TEXT":
        return not isinstance(value, str)
    if column in _BOOL_FIELDS:
        return not isinstance(value, (bool, int))
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return True
    if sql == "INTEGER":
        return not isinstance(value, int) or not -_INT64 <= value < _INT64
    return value != value or value in (float("inf"), float("-inf"))


def _check_types(rec: dict, where: str) -> None:
    # SQLite would store a string in an INTEGER column, and sqlite3 raises OverflowError on
    # an int past 64 bits: check here, so a bad export fails before the ledger is touched.
    for column in _RUN_COLUMNS:
        if _bad_value("runs", column, rec[column]):
            raise FedgateError(f"{where}: ledger record has a bad '{column}': {rec[column]!r:.60}")
    for key, (table, cols) in _CHILDREN.items():
        for row in rec.get(key) or []:
            for column in cols:
                if _bad_value(table, column, row[column]):
                    raise FedgateError(f"{where}: ledger record has a bad '{key}.{column}': {row[column]!r:.60}")


def _aware_time(value: object) -> bool:
    try:
        return isinstance(value, str) and datetime.fromisoformat(value).tzinfo is not None
    except ValueError:
        return False


def import_files(path: str, files: list[str]) -> tuple[int, int]:
    """Add the runs of JSON Lines exports to the ledger at `path`; a run already there is skipped."""
    records: list[dict] = []
    for name in files:
        try:
            with open(name, encoding="utf-8") as fh:
                text = fh.read()
        except OSError as e:
            raise FedgateError(f"cannot read {name}: {e.strerror or e}") from None
        except UnicodeDecodeError as e:
            raise FedgateError(f"{name}: not UTF-8 text: {e}") from None
        records.extend(parse_lines(text, name))
    try:
        added, skipped = write_records(path, records)
    except sqlite3.DatabaseError as e:
        raise FedgateError(f"cannot write ledger {path}: {e}") from None
    except OSError as e:
        raise FedgateError(f"cannot write ledger {path}: {e.strerror or e}") from None
    return added, skipped
