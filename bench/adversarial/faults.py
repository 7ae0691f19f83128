"""Adversarial bench, the faults' rows: faults tried / handled in bounded time, and the bad
answers and configs added to "bad inputs tried / tracebacks" (issue 12 items 4, 10, 11, 14).

A fault is a model server or a config built to hold fedgate up: a server that trickles its
answer, answers of megabytes, answers with several candidate objects, signals that backtrack,
thousands of globs, a config file that never ends. Each runs the real CLI in a real repository
(tests/fakellm.py as the model) and is handled when it ends with the expected exit code, one
line and no traceback (nor an internal error), within its bound. The bound is what the
documented limits allow (review.timeout_s per attempt and the retries' backoff, the answer
cap, the config caps): for a model fault from the first request to the exit, plus REPORT_S;
for a config fault the whole process, START_S. Every time is printed, the whole process's too
(importing litellm alone takes 5 s or more on a busy 2-core machine).

    python bench/adversarial/faults.py          (or bench/bench_adversarial.py for the whole table)
"""
from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[2]
for p in (ROOT / "tests", ROOT / "tests" / "adversarial"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from gate_helpers import HIGH, auth_repo, hostile_commit, model_env, user_env  # noqa: E402

from fakellm import FakeLLM  # noqa: E402
from gitrepo import clean_env  # noqa: E402

sys.path.insert(0, str(ROOT / "src"))
from fedgate.review import prompt  # noqa: E402

# The answer cap (the same sizes on a tree from before it, for a before/after run).
CAP = getattr(prompt, "MAX_ANSWER_CHARS", 200_000)
OVER_CAP = f"over the {CAP:,}"

# A model fault's bound counts from the first request to the exit; REPORT_S is the report
# and the exit after the part the limits bound. A config fault's bound is the whole process,
# START_S (a check without a model call starts in under a second).
START_S = 15.0
REPORT_S = 5.0
BYPASS = "def login(user, password):\n    return True\n"
FINDING = {"path": HIGH, "line": 2, "end_line": None, "severity": "critical", "category": "security",
           "title": "Authentication bypass", "message": "login() returns True for every user"}
REAL = json.dumps({"findings": [FINDING]})


class Outcome:
    # Not a dataclass: bench_adversarial.py loads this file under a private name, outside sys.modules.
    def __init__(self, code: int | None, seconds: float, stdout: str, stderr: str):
        self.code = code  # None: killed at the hard limit
        self.seconds = seconds
        self.stdout = stdout
        self.stderr = stderr

    @property
    def traceback(self) -> bool:
        # On screen, or in a crash file: "internal error" is how a bug of ours ends (one line).
        return any(word in self.stdout or word in self.stderr for word in ("Traceback", "internal error"))

    @property
    def doc(self) -> dict:
        try:
            return json.loads(self.stdout)
        except ValueError:
            return {}

    def reasons(self) -> str:
        return " | ".join(u["reason"] for u in self.doc.get("plan", {}).get("unreviewed", []))


def _run(cwd: Path, *args: str, env: dict[str, str], limit_s: float) -> Outcome:
    """The CLI in a new process, killed at `limit_s` (a fault not handled), 2 GB of memory at most."""
    def cap_memory():
        resource.setrlimit(resource.RLIMIT_AS, (1 << 31, 1 << 31))

    started = time.monotonic()
    try:
        p = subprocess.run([sys.executable, "-m", "fedgate", *args], cwd=cwd, env=clean_env(env), capture_output=True,
                           timeout=limit_s, preexec_fn=cap_memory, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return Outcome(None, time.monotonic() - started, "", "")
    return Outcome(p.returncode, time.monotonic() - started, p.stdout.decode("utf-8", "replace"),
                   p.stderr.decode("utf-8", "replace"))


def _bypass_repo(tmp: Path, config: str | None = None):
    repo = auth_repo(tmp, {".fedgate.yml": config} if config else None)
    hostile_commit(repo, {}, auth=BYPASS)
    return repo


# ------------------------------------------------------------------ faults
# Each: (tmp) -> (handled, seconds, note). `bound` is in the name the table prints.

Fault = Callable[[Path], tuple[bool, float, str]]


def model_fault(name: str, steps: list, config: str | None, expect: int, bound_s: float,
                reason: str | None = None, requests: int | None = None) -> tuple[str, float, Fault]:
    def fault(tmp: Path) -> tuple[bool, float, str]:
        with FakeLLM() as llm:
            llm.script(*steps)
            repo = _bypass_repo(tmp, config)
            out = _run(repo.path, "check", "--format", "json", "--no-ledger", "HEAD~1",
                       env=model_env(tmp, llm.url), limit_s=START_S + bound_s * 4 + 60)
            started = time.monotonic() - out.seconds
            # What the fault can hold up: from the first request to the exit (start-up, which
            # a busy machine stretches, is before it).
            after = out.seconds - (llm.times[0] - started) if llm.times else float("inf")
            ok = (out.code == expect and not out.traceback and after <= bound_s
                  and (reason is None or reason in out.reasons())
                  and (requests is None or len(llm.requests) == requests))
            note = f"exit {out.code} {after:.1f} s after the first request, {len(llm.requests)} request(s): {out.reasons()[:90]}"
            return ok, out.seconds, note
    return name, bound_s, fault


def cli_fault(name: str, files: dict[str, str], args: list[str], expect: int, bound_s: float,
              stderr: str | None = None, check: Callable[[Outcome], bool] | None = None,
              prepare: Callable[[Path], None] | None = None) -> tuple[str, float, Fault]:
    def fault(tmp: Path) -> tuple[bool, float, str]:
        repo = auth_repo(tmp, files)
        if prepare:
            prepare(tmp)
        repo.write("src/app.py", "x = '" + "a" * 40 + "b zz'\n")
        hostile_commit(repo, {})
        argv = [a.replace("{tmp}", str(tmp)) for a in args]
        out = _run(repo.path, *argv, env=user_env(tmp), limit_s=bound_s * 4 + 60)
        lines = out.stderr.strip().splitlines()
        ok = (out.code == expect and not out.traceback and out.seconds <= bound_s
              and (stderr is None or (len(lines) == 1 and stderr in lines[0]))
              and (check is None or check(out)))
        return ok, out.seconds, f"exit {out.code}: {(lines[-1] if lines else out.reasons())[:120]}"
    return name, bound_s, fault


def _globs(n: int) -> str:
    return "tiers:\n  high:\n    paths:\n" + "".join(f"      - 'src/mod{i}/**/*.py'\n" for i in range(n)) + "      - 'src/auth/**'\n"


def _baseline_link(tmp: Path) -> None:
    from gitrepo import Repo

    repo = Repo(tmp / "repo")
    (repo.path / ".fedgate-baseline.json").symlink_to("/dev/zero")
    repo.commit("baseline")  # in the base: applied to the range's findings, so read


def _fifo(tmp: Path) -> None:
    os.mkfifo(tmp / "policy.fifo")


def _tier_of(path: str, tier: str) -> Callable[[Outcome], bool]:
    return lambda out: any(f["path"] == path and f["tier"] == tier for f in out.doc.get("files", []))


QUOTED = f'The diff asks me to answer {{"findings": []}}; I do not.\n{REAL}'
QUOTED_AFTER = f'{REAL}\n(the change asked for {{"findings": []}})'
BROKEN = ('{"findings": [{"path": "%s", "line": 2, "severity": "critical", "category": "security", '
          '"title": "t", "message": "the diff says {"findings": []} here"}]}' % HIGH)
TANGLED = ('{"a":' * 7 + "[1]") * 5000  # 190,000 characters, every try 8 levels deep
PROSE_08MB = ("The change looks {fine} but { see } " * 30_000)[:800_000] + REAL
PROSE_10MB = ("lorem { ipsum " * 800_000)[:10_000_000]
TIMEOUT5 = "review:\n  timeout_s: 5\n  retries: 0\n"

FAULTS: list[tuple[str, float, Fault]] = [
    # 12.10: the timeout is a deadline.
    model_fault("trickle 1 B / 2 s, timeout_s 5, retries 0", [FakeLLM.trickle(2.0)], TIMEOUT5, 3, 5 + REPORT_S,
                "within review.timeout_s (5 s)", 1),
    model_fault("trickle 1 B / 2 s, timeout_s 5, retries 3 (default)", [FakeLLM.trickle(2.0)] * 4,
                "review:\n  timeout_s: 5\n", 3, 4 * 5 + 3.5 + REPORT_S, "after 4 attempt(s)", 4),
    model_fault("trickle 10 B / 0.5 s, timeout_s 2, retries 0", [FakeLLM.trickle(0.5, nbytes=10)],
                "review:\n  timeout_s: 2\n  retries: 0\n", 3, 2 + REPORT_S, "within review.timeout_s (2 s)", 1),
    model_fault("silent server, timeout_s 2, retries 0", [FakeLLM.hang(60)], "review:\n  timeout_s: 2\n  retries: 0\n",
                3, 2 + REPORT_S, "Timeout", 1),
    # 12.11: size and parsing time of an answer.
    model_fault("answer of 0.8 MB prose (+ the real object)", [FakeLLM.text(PROSE_08MB)], TIMEOUT5, 3, REPORT_S,
                OVER_CAP, 1),
    model_fault("answer of 10 MB prose", [FakeLLM.text(PROSE_10MB)], TIMEOUT5, 3, REPORT_S + 1, OVER_CAP, 1),
    model_fault("answer 190 KB of 8-deep tries, twice", [FakeLLM.text(TANGLED)] * 2, TIMEOUT5, 3, REPORT_S + 2,
                "findings", 2),
    model_fault("answer nested 5,000 deep, then the object", [FakeLLM.text('{"a":' * 5000 + "\n" + REAL)], TIMEOUT5, 1,
                REPORT_S, None, 1),
    # 12.4: several candidate objects.
    model_fault("answer quoting {\"findings\": []} first, then repaired", [FakeLLM.text(QUOTED), FakeLLM.text(REAL)],
                TIMEOUT5, 1, REPORT_S, None, 2),
    model_fault("ambiguous answer twice", [FakeLLM.text(QUOTED), FakeLLM.text(QUOTED_AFTER)], TIMEOUT5, 3,
                REPORT_S, "ambiguous", 2),
    model_fault("real answer broken by an unescaped quote, twice", [FakeLLM.text(BROKEN)] * 2, TIMEOUT5, 3,
                REPORT_S, "ambiguous", 2),
    # 12.14: configs.
    cli_fault("signal (?=a)(a+)+$ (RE2 rejects it)", {".fedgate.yml": "tiers:\n  high:\n    signals: ['(?=a)(a+)+$']\n"},
              ["check", "--no-ledger", "HEAD~1"], 2, START_S, "(?=a)(a+)+$"),
    cli_fault("signal (a+)+$|zz firing (RE2 takes it)", {".fedgate.yml": "tiers:\n  high:\n    signals: ['(a+)+$|zz']\n"},
              ["check", "--no-ledger", "--format", "json", "HEAD~1"], 1, START_S, check=_tier_of("src/app.py", "high")),
    cli_fault("signal of 50,000 nested groups", {".fedgate.yml": "tiers:\n  high:\n    signals: ['" + "(" * 50_000 + ")" * 50_000 + "']\n"},
              ["check", "--no-ledger", "HEAD~1"], 2, START_S, "signals"),
    cli_fault("4,500 globs in one tier", {".fedgate.yml": _globs(4500)},
              ["check", "--no-ledger", "--format", "json", "HEAD~1"], 1, START_S + 3, check=_tier_of(HIGH, "high")),
    cli_fault("9,999 globs in one tier", {".fedgate.yml": _globs(9999)},
              ["check", "--no-ledger", "--format", "json", "HEAD~1"], 1, START_S + 6, check=_tier_of(HIGH, "high")),
    cli_fault("10,001 globs in one tier", {".fedgate.yml": _globs(10_000)},
              ["check", "--no-ledger", "HEAD~1"], 2, START_S, "at most 10,000"),
    cli_fault("--config /dev/zero", {}, ["check", "--no-ledger", "--config", "/dev/zero", "HEAD~1"], 2, START_S, "over 1 MiB"),
    cli_fault("--config /dev/urandom", {}, ["check", "--no-ledger", "--config", "/dev/urandom", "HEAD~1"], 2, START_S, "over 1 MiB"),
    cli_fault("--config a FIFO with no writer", {}, ["check", "--no-ledger", "--config", "{tmp}/policy.fifo", "HEAD~1"],
              1, START_S, prepare=_fifo),
    cli_fault("baseline committed as a symlink to /dev/zero", {}, ["check", "--no-ledger", "HEAD~1"], 2, START_S,
              "over 64 MiB", prepare=lambda t: _baseline_link(t)),
]


# ------------------------------------------------------------------ bad inputs (answers, configs)

def _bad_answers() -> list[tuple[str, str]]:
    return [
        ("answer '[' x 400,000", "[" * 400_000),
        ("answer '{\"a\":' x 90,000", '{"a":' * 90_000),
        ("answer of NUL bytes", "\x00" * 10_000),
        ("answer lone surrogates", "\ud800\udfff" * 100 + REAL),
        ("answer 'findings' not a list", '{"findings": {"path": 1}}'),
        ("answer findings of scalars", '{"findings": [1, "x", null, [], {}]}'),
        ("answer huge numbers", '{"findings": [{"path": "%s", "line": 1e999, "severity": "high"}]}' % HIGH),
        ("answer line 10**5000", '{"findings": [{"path": "%s", "line": %s, "severity": "high", "title": "t"}]}' % (HIGH, "9" * 5000)),
        ("answer 0.6 MB", "x" * 600_000),
        ("answer 199,998 '{\"'", '{"' * 99_999),
    ]


def _bad_configs() -> list[tuple[str, str]]:
    return [
        ("signal (?=a)", "tiers:\n  high:\n    signals: ['(?=a)(a+)+$']\n"),
        ("signal backreference", "tiers:\n  high:\n    signals: ['(a)\\1']\n"),
        ("signal a{1001}", "tiers:\n  high:\n    signals: ['a{1001}']\n"),
        ("signal 900 KB", "tiers:\n  high:\n    signals: ['" + "a|" * 300_000 + "b']\n"),
        ("signal 50,000 '('", "tiers:\n  high:\n    signals: ['" + "(" * 50_000 + "']\n"),
        ("1,001 signals", "tiers:\n  high:\n    signals:\n" + "".join(f"      - 'x{i}'\n" for i in range(1001))),
        ("10,001 globs", _globs(10_000)),
        ("20,001 list entries", "trivial:\n  docs:\n" + "".join(f"    - 'd{i}/**'\n" for i in range(9000))
         + "  lockfiles:\n" + "".join(f"    - 'l{i}/**'\n" for i in range(9000))
         + "routing:\n  quiet_paths:\n" + "".join(f"    - 'q{i}/**'\n" for i in range(2001))),
        ("alias bomb", "a: &a ['x','x','x','x','x','x','x','x','x']\n" + "".join(
            f"{c}: &{c} [{', '.join(['*' + chr(ord(c) - 1)] * 9)}]\n" for c in "bcdefghi")),
        ("glob of 100,000 '['", "tiers:\n  high:\n    paths: ['" + "[" * 100_000 + "']\n"),
        ("glob of 1,000 '**/'", "tiers:\n  high:\n    paths: ['" + "**/" * 1000 + "x']\n"),
        ("glob [Z-a] (bad range lowercased)", "tiers:\n  high:\n    paths: ['[Z-a]x']\n"),
        ("trivial glob [Z-a]", "trivial:\n  docs: ['[Z-a]x']\n"),
    ]


def bad_inputs(tmp: Path) -> tuple[int, int, list[str]]:
    tried = tracebacks = 0
    bad: list[str] = []
    with FakeLLM() as llm:
        for i, (label, answer) in enumerate(_bad_answers()):
            llm.script(FakeLLM.text(answer), FakeLLM.text(answer))
            repo = _bypass_repo(tmp / f"a{i}", TIMEOUT5)
            out = _run(repo.path, "check", "--no-ledger", "--no-cache", "HEAD~1", env=model_env(tmp / f"a{i}", llm.url),
                       limit_s=120)
            tried += 1
            if out.traceback or out.code not in (0, 1, 2, 3):
                tracebacks += 1
                bad.append(f"{label}: exit {out.code}: {out.stderr.strip().splitlines()[-1:]}")
    for i, (label, config) in enumerate(_bad_configs()):
        repo = auth_repo(tmp / f"c{i}", {".fedgate.yml": config})
        hostile_commit(repo, {})
        out = _run(repo.path, "check", "--no-ledger", "HEAD~1", env=user_env(tmp / f"c{i}"), limit_s=120)
        tried += 1
        if out.traceback or out.code not in (0, 1, 2, 3) or (out.code == 2 and len(out.stderr.strip().splitlines()) != 1):
            tracebacks += 1
            bad.append(f"{label}: exit {out.code}: {out.stderr.strip().splitlines()[-1:]}")
    big = tmp / "big.yml"
    big.write_text("# padding\n" * 200_000)
    for device in ("/dev/zero", "/dev/urandom", "/dev/null", "/", str(tmp), str(big)):
        repo = auth_repo(tmp / f"d{tried}")
        hostile_commit(repo, {})
        out = _run(repo.path, "check", "--no-ledger", "--config", device, "HEAD~1", env=user_env(tmp / f"d{tried}"), limit_s=120)
        tried += 1
        if out.traceback or out.code not in (0, 1, 2, 3):
            tracebacks += 1
            bad.append(f"--config {device}: exit {out.code}: {out.stderr.strip().splitlines()[-1:]}")
    return tried, tracebacks, bad


# ------------------------------------------------------------------ parse time, in process

def parse_times() -> list[tuple[str, int, float, float, str]]:
    """(answer, characters, seconds, characters read per character, result) of parse_answer on
    answers at the cap built against its scan."""
    from fedgate.review.prompt import AnswerError, parse_answer

    n = CAP
    unit = '{"a":' * 7 + "[1]"
    cases = {
        "prose with '{'": ("{ see " * n)[:n],
        "'{\"a\":' repeated": ('{"a":' * n)[:n],
        "unterminated strings": ('{"a' + '{"' * n)[:n],
        "'{\"{\"' repeated": ('{"{"' * n)[:n],
        "8-deep tries": (unit * (n // len(unit) + 1))[:n],
        "prose then the object": ("lorem ipsum " * n)[: n - len(REAL) - 1] + " " + REAL,
        "nested 5,000, the object": '{"a":' * 5000 + "\n" + REAL,
    }
    read = {"chars": 0}
    extent = getattr(prompt, "_extent", None)

    def counting(text, start):
        end, reached = extent(text, start)
        read["chars"] += reached - start
        return end, reached

    out = []
    for label, text in cases.items():
        read["chars"] = 0
        if extent is not None:
            prompt._extent = counting
        started = time.perf_counter()
        try:
            result = f"{len(parse_answer(text))} finding(s)"
        except AnswerError as e:
            result = f"refused: {str(e)[:60]}"
        except RecursionError:
            result = "RecursionError"
        finally:
            if extent is not None:
                prompt._extent = extent
        out.append((label, len(text), time.perf_counter() - started, read["chars"] / len(text), result))
    return out


# ------------------------------------------------------------------ the rows

def rows(verbose: bool = False) -> list[tuple[str, int, int]]:
    tmp = Path(tempfile.mkdtemp(prefix="fedgate-adv-faults-"))
    try:
        handled = 0
        lines = []
        for i, (name, bound, fault) in enumerate(FAULTS):
            where = tmp / f"f{i}"
            where.mkdir()
            try:
                ok, seconds, note = fault(where)
            except Exception as e:  # noqa: BLE001 - a crash of the fault itself: not shown to be handled
                ok, seconds, note = False, float("nan"), f"{type(e).__name__}: {e}"
            handled += ok
            lines.append(f"  {'ok  ' if ok else 'FAIL'} {name:<52} {seconds:6.1f} s (bound {bound:4.0f} s)  {note}")
        (tmp / "bad").mkdir()
        tried, tracebacks, bad = bad_inputs(tmp / "bad")
        if verbose:
            print("faults (time of the whole fedgate process):", file=sys.stderr)
            print("\n".join(lines), file=sys.stderr)
            for line in bad:
                print(f"  traceback: {line}", file=sys.stderr)
            print("parse_answer on answers built against it:", file=sys.stderr)
            for label, size, seconds, ratio, result in parse_times():
                print(f"  {label:<26} {size:>9,} chars {seconds:6.2f} s  {ratio:5.1f} read/char  {result}",
                      file=sys.stderr)
        return [("faults tried / not handled in bounded time", len(FAULTS), len(FAULTS) - handled),
                ("bad inputs tried / tracebacks", tried, tracebacks)]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    started = time.perf_counter()
    for label, tried, failed in rows(verbose=True):
        print(f"{label:<40} {tried:>5} / {failed}")
    print(f"({time.perf_counter() - started:.0f}s)")


if __name__ == "__main__":
    main()
