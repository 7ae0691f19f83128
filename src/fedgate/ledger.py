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

SCHEMA_VERSION = 3  # 2: runs.kind; 3: runs.repo, runs.ci_job
RECORD_FORMAT = 1
BUSY_TIMEOUT_MS = 10000

# ONE schema for both backends. DDL is written once in SQLite's spelling with two tokens that
# _render() fills per dialect: {INT}/{REAL} widen to BIGINT/DOUBLE PRECISION on PostgreSQL
# (its INTEGER is 32-bit, its REAL 4-byte), and {SEQ} gives PostgreSQL's child tables the
# insertion-order column SQLite already has as rowid. Placeholders are '?' here and '%s' there.
# Migration N takes a version N-1 ledger to N; SQLite keeps its version in PRAGMA user_version
# (as every ledger written so far), PostgreSQL in the schema_migrations table.
_BASE = """
CREATE TABLE IF NOT EXISTS runs (
    id TEXT PRIMARY KEY,
    time TEXT NOT NULL,
    branch TEXT NOT NULL,
    range_spec TEXT NOT NULL,
    base_sha TEXT,
    head_sha TEXT,
    commit_sha TEXT,
    duration_s {REAL} NOT NULL,
    exit_code {INT} NOT NULL,
    model_configured {INT} NOT NULL,
    high_model TEXT,
    prompt_tokens {INT} NOT NULL,
    completion_tokens {INT} NOT NULL,
    cost_usd {REAL} NOT NULL,
    model_calls {INT} NOT NULL,
    cache_hits {INT} NOT NULL,
    tokens_all {INT} NOT NULL,
    tokens_trivial {INT} NOT NULL,
    tokens_planned {INT} NOT NULL,
    batches {INT} NOT NULL,
    unreviewed {INT} NOT NULL,
    fedgate_version TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS runs_branch_time ON runs (branch, time);
CREATE TABLE IF NOT EXISTS run_tiers (
    run_id TEXT NOT NULL REFERENCES runs (id),
    tier TEXT NOT NULL,
    files {INT} NOT NULL,
    hunks {INT} NOT NULL,
    trivial_hunks {INT} NOT NULL,
    planned_hunks {INT} NOT NULL,
    tokens {INT} NOT NULL,{SEQ}
    PRIMARY KEY (run_id, tier)
);
CREATE TABLE IF NOT EXISTS run_trivial (
    run_id TEXT NOT NULL REFERENCES runs (id),
    reason TEXT NOT NULL,
    hunks {INT} NOT NULL,
    tokens {INT} NOT NULL,{SEQ}
    PRIMARY KEY (run_id, reason)
);
CREATE TABLE IF NOT EXISTS run_models (
    run_id TEXT NOT NULL REFERENCES runs (id),
    model TEXT NOT NULL,
    tier TEXT NOT NULL,
    hunks {INT} NOT NULL,
    reviewed_hunks {INT} NOT NULL,
    planned_tokens {INT} NOT NULL,
    calls {INT} NOT NULL,
    prompt_tokens {INT} NOT NULL,
    completion_tokens {INT} NOT NULL,
    cost_usd {REAL} NOT NULL,
    cache_hits {INT} NOT NULL,{SEQ}
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
    line {INT} NOT NULL,
    title TEXT NOT NULL,
    message TEXT NOT NULL,
    suppressed {INT} NOT NULL,
    suppression TEXT NOT NULL,
    blocking {INT} NOT NULL{SEQ_LAST}
);
CREATE INDEX IF NOT EXISTS run_findings_run ON run_findings (run_id);
CREATE INDEX IF NOT EXISTS run_findings_fingerprint ON run_findings (fingerprint);
CREATE TABLE IF NOT EXISTS run_coverage (
    run_id TEXT NOT NULL REFERENCES runs (id),
    source TEXT NOT NULL,
    path TEXT NOT NULL{SEQ_LAST}
);
CREATE INDEX IF NOT EXISTS run_coverage_run ON run_coverage (run_id);
CREATE TABLE IF NOT EXISTS run_unreviewed (
    run_id TEXT NOT NULL REFERENCES runs (id),
    path TEXT NOT NULL,
    tier TEXT NOT NULL,
    reason TEXT NOT NULL,
    tokens {INT} NOT NULL,
    blocking {INT} NOT NULL{SEQ_LAST}
);
CREATE INDEX IF NOT EXISTS run_unreviewed_run ON run_unreviewed (run_id);
"""
MIGRATIONS: tuple[str, ...] = (
    _BASE,  # 1
    "ALTER TABLE runs ADD COLUMN kind TEXT NOT NULL DEFAULT 'check';",  # 2
    # 3: the repository (normalised remote URL or ledger.repo_name) and the CI job of a run,
    # so one team database can hold many repositories' runs.
    "ALTER TABLE runs ADD COLUMN repo TEXT;\n"
    "ALTER TABLE runs ADD COLUMN ci_job TEXT;\n"
    "CREATE INDEX IF NOT EXISTS runs_repo_time ON runs (repo, time);",
)
assert len(MIGRATIONS) == SCHEMA_VERSION

_DIALECT = {
    "sqlite": {"INT": "INTEGER", "REAL": "REAL", "SEQ": "", "SEQ_LAST": "", "order": "rowid"},
    "postgresql": {"INT": "BIGINT", "REAL": "DOUBLE PRECISION", "SEQ": "\n    seq BIGSERIAL,",
                   "SEQ_LAST": ",\n    seq BIGSERIAL", "order": "seq"},
}


def _render(sql: str, dialect: str) -> list[str]:
    """The statements of one migration in `dialect`'s spelling."""
    d = _DIALECT[dialect]
    for token in ("INT", "REAL", "SEQ_LAST", "SEQ"):
        sql = sql.replace("{%s}" % token, d[token])
    return [s.strip() for s in sql.split(";") if s.strip()]


_RUN_COLUMNS = (
    "id", "time", "branch", "range_spec", "base_sha", "head_sha", "commit_sha", "duration_s",
    "exit_code", "model_configured", "high_model", "prompt_tokens", "completion_tokens",
    "cost_usd", "model_calls", "cache_hits", "tokens_all", "tokens_trivial", "tokens_planned",
    "batches", "unreviewed", "fedgate_version", "kind", "repo", "ci_job",
)
# What made the run: 'check' (check and the hook; 'ci' for CI runs where recorded so) or 'eval'
# (`fedgate eval`: one run per variant, over reintroduced fixes and sampled commits;
# `fedgate report` shows those apart).
RUN_KINDS = ("check", "ci", "eval")
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
        from .trust import check_ledger_path

        check_ledger_path(config, repo.root, environ)
        return os.path.normpath(os.path.join(repo.root, config.ledger_path))
    # git_dir, not root/.git: in a linked worktree .git is a file, and every worktree gets its own log.
    return os.path.join(repo.git_dir, "fedgate", "ledger.db")


def ledger_target(repo: GitRepo, config: Config, environ=os.environ) -> str:
    """Where runs go: a PostgreSQL URL (FEDGATE_LEDGER_URL, ledger.url of the user's config,
    or of the repository's once approved), else the SQLite file of ledger_path().
    FEDGATE_LEDGER (a file) wins over every URL but FEDGATE_LEDGER_URL."""
    from .trust import ledger_url

    url = environ.get("FEDGATE_LEDGER_URL") or (None if environ.get("FEDGATE_LEDGER") else ledger_url(config, environ))
    return url or ledger_path(repo, config, environ)


def normalise_remote(url: str) -> str:
    """'https://user:tok@github.com/o/r.git', 'git@github.com:o/r' -> 'github.com/o/r'."""
    url = url.strip()
    m = re.match(r"^[\w.+-]+://(?:[^@/]*@)?([^/]+)(/.*)?$", url)
    if m:
        host, path = m.group(1), m.group(2) or ""
    else:
        m = re.match(r"^(?:[^@/:]*@)?([^:/]+):(.*)$", url)  # scp-like: [user@]host:path
        host, path = (m.group(1), "/" + m.group(2)) if m else ("", url)
    host = re.sub(r":(22|80|443)$", "", host.lower())
    path = re.sub(r"(\.git)?/*$", "", path)
    return f"{host}{path}" if host else path


def repo_identity(repo: GitRepo, config: Config, environ=os.environ) -> str | None:
    """ledger.repo_name, else the normalised URL of origin, else of the CI's repository."""
    if config.ledger_repo_name:
        return config.ledger_repo_name
    remote = str(repo.run("config", "--get", "remote.origin.url", check=False)).strip()
    if remote:
        return normalise_remote(remote)
    if environ.get("GITHUB_REPOSITORY"):
        return normalise_remote(f"{environ.get('GITHUB_SERVER_URL') or 'https://github.com'}/{environ['GITHUB_REPOSITORY']}")
    if environ.get("CI_PROJECT_URL"):
        return normalise_remote(environ["CI_PROJECT_URL"])
    return None


def ci_job(environ=os.environ) -> str | None:
    """The CI job that made the run: 'owner/repo run 123.1 job build' on GitHub Actions."""
    if environ.get("GITHUB_RUN_ID"):
        attempt = environ.get("GITHUB_RUN_ATTEMPT")
        return " ".join(x for x in [
            environ.get("GITHUB_REPOSITORY"), f"run {environ['GITHUB_RUN_ID']}" + (f".{attempt}" if attempt else ""),
            f"job {environ['GITHUB_JOB']}" if environ.get("GITHUB_JOB") else None] if x)
    if environ.get("CI_JOB_ID"):
        return f"{environ.get('CI_PROJECT_PATH', '')} job {environ['CI_JOB_ID']}".strip()
    return None


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
        "repo": repo_identity(repo, config, environ),
        "ci_job": ci_job(environ),
        "tiers": [r for r in tiers.values() if r["files"] or r["hunks"]],
        "trivial": sorted(trivial.values(), key=lambda r: r["reason"]),
        "models": _model_rows(result),
        "findings": findings,
        "coverage": _coverage(result),
        "unreviewed_hunks": unreviewed,
    }


# ------------------------------------------------------------------ backends


class LedgerUnavailable(Exception):
    """The PostgreSQL ledger could not be reached or written: the run goes to the spool."""


def is_url(target: str) -> bool:
    return target.startswith(("postgresql://", "postgres://"))


def display(target: str) -> str:
    """The target as it may be printed: a URL without its password (and no password= option)."""
    if not is_url(target):
        return target
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    try:
        parts = urlsplit(target)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "postgresql://(unparsable URL)"
    user = f"{parts.username}@" if parts.username else ""
    if ":" in host:
        host = f"[{host}]"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if k.lower() != "password"])
    return urlunsplit((parts.scheme, f"{user}{host}{port}", parts.path, query, ""))


def _secrets_of(target: str) -> list[str]:
    from urllib.parse import parse_qsl, unquote, urlsplit

    try:
        parts = urlsplit(target)
        out = [parts.password, unquote(parts.password or "")]
        out += [v for k, v in parse_qsl(parts.query) if k.lower() == "password"]
    except ValueError:
        return [target]
    return [x for x in out if x]


def scrub(text: str, target: str) -> str:
    """`text` (an error message) with the target's password masked, and the URL shown redacted."""
    text = text.replace(target, display(target))
    for secret in sorted(_secrets_of(target), key=len, reverse=True):
        text = text.replace(secret, "***")
    return " ".join(text.split())


def _psycopg():
    try:
        import psycopg
    except ImportError:
        raise FedgateError("a PostgreSQL ledger needs psycopg: pip install 'fedgate[postgres]'") from None
    return psycopg


def need_driver(target: str) -> None:
    """Fail before the run, not after: a PostgreSQL target without psycopg installed."""
    if is_url(target):
        _psycopg()


def _pg_connect(url: str):
    psycopg = _psycopg()
    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=5, application_name="fedgate")
    except psycopg.Error as e:
        raise LedgerUnavailable(scrub(str(e), url) or type(e).__name__) from None


_PG_LOCK = 0x6665646761746531  # pg_advisory_xact_lock key: one migrating writer at a time


def _pg_version(conn) -> int:
    exists = conn.execute("SELECT to_regclass('schema_migrations') IS NOT NULL").fetchone()[0]
    if not exists:
        return 0
    return conn.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()[0]


def _pg_migrate(conn, where: str) -> None:
    """Within the caller's transaction: bring the schema to SCHEMA_VERSION."""
    conn.execute("SELECT pg_advisory_xact_lock(%s)", (_PG_LOCK,))
    conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
    version = _pg_version(conn)
    if version > SCHEMA_VERSION:
        raise FedgateError(f"{where} was written by a newer fedgate (ledger schema {version}, this one reads {SCHEMA_VERSION})")
    for n in range(version + 1, SCHEMA_VERSION + 1):
        for stmt in _render(MIGRATIONS[n - 1], "postgresql"):
            conn.execute(stmt)
        conn.execute("INSERT INTO schema_migrations (version, applied_at) VALUES (%s, %s)",
                     (n, datetime.now(timezone.utc).isoformat(timespec="seconds")))


def _migrate(conn: sqlite3.Connection, path: str) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise FedgateError(f"{path} was written by a newer fedgate (ledger schema {version}, this one reads {SCHEMA_VERSION})")
    if version == SCHEMA_VERSION:
        return
    if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise FedgateError(f"{path} is an SQLite database but not a fedgate ledger")
    for n in range(version + 1, SCHEMA_VERSION + 1):
        for stmt in _render(MIGRATIONS[n - 1], "sqlite"):
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


def _value(record: dict, column: str):
    value = record.get(column)
    return int(value) if column in _BOOL_FIELDS else value


def _insert(conn, record: dict, ph: str) -> bool:
    """One run, idempotent by its UUID: a run already there (a retried spool, a re-import) is skipped."""
    run_id = record["id"]
    cur = conn.execute(
        f"INSERT INTO runs ({', '.join(_RUN_COLUMNS)}) VALUES ({', '.join([ph] * len(_RUN_COLUMNS))}) "
        "ON CONFLICT (id) DO NOTHING",
        tuple(_value(record, c) for c in _RUN_COLUMNS),
    )
    if cur.rowcount == 0:
        return False
    for key, (table, cols) in _CHILDREN.items():
        rows = record.get(key) or []
        if not rows:
            continue
        conn.cursor().executemany(
            f"INSERT INTO {table} (run_id, {', '.join(cols)}) VALUES ({ph}, {', '.join([ph] * len(cols))})",
            [(run_id, *(_value(r, c) for c in cols)) for r in rows],
        )
    return True


def write_records(path: str, records: Iterable[dict]) -> tuple[int, int]:
    """Append records in ONE transaction; returns (added, already present).
    Raises sqlite3/OS errors, or LedgerUnavailable for a PostgreSQL URL."""
    records = list(records)
    if is_url(path):
        return _pg_write(path, records)
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


def _insert_all(conn, records: list[dict], placeholder: str) -> tuple[int, int]:
    """(added, already present): a record whose run id is stored is skipped, never doubled."""
    added = sum(1 for record in records if _insert(conn, record, placeholder))
    return added, len(records) - added


def _pg_write(url: str, records: list[dict]) -> tuple[int, int]:
    psycopg = _psycopg()
    conn = _pg_connect(url)
    try:
        with conn.transaction():
            _pg_migrate(conn, display(url))
            return _insert_all(conn, records, "%s")
    except psycopg.Error as e:
        raise LedgerUnavailable(scrub(str(e), url) or type(e).__name__) from None
    finally:
        conn.close()


def _write_once(path: str, records: list[dict]) -> tuple[int, int]:
    conn = _connect(path)
    try:
        # IMMEDIATE takes the write lock up front: a deferred transaction that upgrades from
        # read to write gets SQLITE_BUSY at once in WAL mode, with no wait (sqlite.org/wal.html).
        conn.execute("BEGIN IMMEDIATE")
        try:
            _migrate(conn, path)
            counts = _insert_all(conn, records, "?")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return counts
    finally:
        conn.close()


# ------------------------------------------------------------------ the spool


def spool_dir(repo: GitRepo) -> str:
    return os.path.join(repo.git_dir, "fedgate", "spool")


def _spool(directory: str, records: list[dict]) -> None:
    """One JSON file per run, named by its UUID, written atomically (temp file + rename)."""
    import tempfile

    os.makedirs(directory, exist_ok=True)
    for record in records:
        fd, tmp = tempfile.mkstemp(prefix=".run-", suffix=".tmp", dir=directory)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(record, fh, ensure_ascii=False, sort_keys=True)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, os.path.join(directory, f"{record['id']}.json"))
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise


def _spooled(directory: str) -> list[tuple[str, dict]]:
    out = []
    try:
        names = sorted(n for n in os.listdir(directory) if n.endswith(".json"))
    except FileNotFoundError:
        return out
    for name in names:
        path = os.path.join(directory, name)
        try:
            with open(path, encoding="utf-8") as fh:
                recs = parse_lines(fh.read().replace("\n", " "), path)
        except (OSError, FedgateError):
            continue  # unreadable: left where it is for a person to look at, not sent half-read
        out.extend((path, r) for r in recs)
    return out


def deliver(target: str, records: list[dict], repo: GitRepo, what: str = "run") -> str | None:
    """Write `records` (and, for a PostgreSQL ledger, every spooled run) to the ledger.
    Returns a warning instead of raising: the ledger never changes the gate's exit code."""
    if not is_url(target):
        try:
            write_records(target, records)
        except FedgateError as e:
            return f"{what} not recorded in the ledger: {e}"
        except (sqlite3.Error, OSError) as e:
            return f"{what} not recorded in the ledger {target}: {e}"
        return None
    directory = spool_dir(repo)
    waiting = _spooled(directory)
    try:
        write_records(target, [r for _, r in waiting] + records)
    except (LedgerUnavailable, FedgateError) as e:
        try:
            _spool(directory, records)
        except OSError as oe:
            return f"{what} not recorded: ledger {display(target)} unreachable ({e}) and spool {directory} not writable: {oe.strerror or oe}"
        return (f"ledger {display(target)} unreachable ({str(e)[:200]}): {what} spooled in {directory}, "
                f"sent with the next run that reaches it ({len(waiting) + len(records)} waiting)")
    for path, _ in waiting:
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass  # a concurrent run delivered it too: the UUID made that harmless
    return None


def record_run(result: RunResult, repo: GitRepo, config: Config, environ=os.environ) -> str | None:
    """Append this run to the ledger. Returns a warning instead of raising: the ledger never
    changes the gate's exit code."""
    if not config.ledger_enabled or result.dry_run:
        return None
    try:
        target = ledger_target(repo, config, environ)
    except FedgateError as e:  # a repository's ledger.path outside it, not approved
        return f"run not recorded in the ledger: {e}"
    try:
        record = run_record(result, repo, config, environ)
        return deliver(target, [record], repo)
    except FedgateError as e:
        return f"run not recorded in the ledger: {e}"
    except Exception as e:  # noqa: BLE001 - the exit code is the gate's contract; the ledger is a by-product
        return scrub(f"run not recorded in the ledger {display(target)}: {type(e).__name__}: {e}", target)


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


# Older ledgers (read, not migrated) lack later columns: a schema-1 run is a check, and runs
# before schema 3 have no repository or CI job.
_MISSING = {"kind": "check", "repo": None, "ci_job": None}


def _read(conn, order: str) -> list[dict]:
    runs: dict[str, dict] = {}
    present: set[str] | None = None
    for row in conn.execute("SELECT * FROM runs ORDER BY time, id"):
        present = present if present is not None else set(row.keys())
        rec = {"format": RECORD_FORMAT, **{c: row[c] if c in present else _MISSING[c] for c in _RUN_COLUMNS}}
        rec["model_configured"] = bool(rec["model_configured"])
        for key in _CHILDREN:
            rec[key] = []
        runs[rec["id"]] = rec
    for key, (table, cols) in _CHILDREN.items():
        for row in conn.execute(f"SELECT run_id, {', '.join(cols)} FROM {table} ORDER BY {order}"):
            rec = runs.get(row["run_id"])
            if rec is not None:
                rec[key].append({c: (bool(row[c]) if c in _BOOL_FIELDS else row[c]) for c in cols})
    return list(runs.values())


def read_records(path: str) -> list[dict]:
    """Every run in the ledger as a record, oldest first. Raises FedgateError on a bad ledger."""
    if is_url(path):
        return _pg_read(path)
    conn = _open_existing(path)
    try:
        conn.row_factory = sqlite3.Row
        conn.execute("BEGIN")  # one snapshot: a run appended meanwhile is all in or all out
        out = _read(conn, "rowid")
        conn.execute("COMMIT")
        return out
    except sqlite3.DatabaseError as e:
        raise FedgateError(f"{path} is not a readable fedgate ledger: {e}") from None
    finally:
        conn.close()


def _pg_read(url: str) -> list[dict]:
    psycopg = _psycopg()
    from psycopg.rows import dict_row

    try:
        conn = _pg_connect(url)
    except LedgerUnavailable as e:
        raise FedgateError(f"cannot reach ledger {display(url)}: {e}") from None
    try:
        version = _pg_version(conn)
        if version == 0:
            return []  # no run recorded yet
        if version > SCHEMA_VERSION:
            raise FedgateError(f"{display(url)} was written by a newer fedgate (ledger schema {version}, this one reads {SCHEMA_VERSION})")
        conn.row_factory = dict_row
        with conn.transaction():  # one snapshot: a run appended meanwhile is all in or all out
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            return _read(conn, "seq")
    except psycopg.Error as e:
        raise FedgateError(f"cannot read ledger {display(url)}: {scrub(str(e), url)}") from None
    finally:
        conn.close()


# ------------------------------------------------------------------ export / import


def export_lines(path: str) -> str:
    """JSON Lines of every run. A URL's password is not in a record: nothing to leak here."""
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in read_records(path))


_REQUIRED = set(_RUN_COLUMNS) - set(_MISSING)  # exports written before kind/repo existed


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
        for column, default in _MISSING.items():
            rec.setdefault(column, default)
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
    """table -> column -> (SQL type, nullable), read from MIGRATIONS so the two cannot drift."""
    tables: dict[str, dict[str, tuple[str, bool]]] = {}
    for stmt in (st for m in MIGRATIONS for st in _render(m, "sqlite")):
        created = re.match(r"CREATE TABLE IF NOT EXISTS (\w+) \((.*)\)$", stmt, re.S)
        added = re.match(r"ALTER TABLE (\w+) ADD COLUMN (.*)$", stmt, re.S)
        if created:
            table, lines = created.group(1), created.group(2).splitlines()
        elif added:
            table, lines = added.group(1), [added.group(2)]
        else:
            continue
        cols = tables.setdefault(table, {})
        for line in lines:
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
    except LedgerUnavailable as e:
        raise FedgateError(f"cannot write ledger {display(path)}: {e}") from None
    except sqlite3.DatabaseError as e:
        raise FedgateError(f"cannot write ledger {path}: {e}") from None
    except OSError as e:
        raise FedgateError(f"cannot write ledger {path}: {e.strerror or e}") from None
    return added, skipped
