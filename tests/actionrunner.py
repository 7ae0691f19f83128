"""Run a composite action's own steps as a GitHub runner does, on this machine.

The steps come from the action.yml file itself: each `run:` step is written to a script and run
with `bash --noprofile --norc -eo pipefail` (the runner's `shell: bash`), in the workspace, with
the variables a runner sets (GITHUB_EVENT_PATH, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY,
GITHUB_ACTION_PATH, RUNNER_TEMP, GITHUB_ENV, GITHUB_PATH, ...). `${{ }}` expressions in
`env:`, `with:`, `if:` and the outputs are evaluated for the contexts a composite action sees
(inputs, github, steps, env, runner) and the usual operators; anything else raises, so an
action.yml the harness cannot run faithfully fails the test instead of being half-run.

`uses:` steps cannot run here (they are other repositories): each one is looked up by name
(before the "@") in `uses`, whose value is None (skip the step) or a function
`(with_, runner) -> outputs` that stands in for it (see `setup_python` below). A `uses:` step
with no entry raises.

    run = run_action(ROOT, workspace=repo, event_name="pull_request", event=payload,
                     env=venv.env(), uses={"actions/setup-python": setup_python(venv.bin)})
    assert run.outputs["exit-code"] == "1"
    run.summary, run.annotations, run.log, run.steps
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml

UsesHandler = Callable[[dict[str, str], "Runner"], "dict[str, str] | None"]


@dataclass(frozen=True)
class Annotation:
    level: str  # error, warning, notice
    message: str
    props: dict[str, str]  # file, line, endLine, title, ...


@dataclass
class StepResult:
    name: str
    id: str | None
    outcome: str  # success, failure, skipped
    returncode: int | None = None
    outputs: dict[str, str] = field(default_factory=dict)
    stdout: str = ""
    stderr: str = ""


@dataclass
class ActionRun:
    steps: list[StepResult]
    outputs: dict[str, str]  # the action's outputs, as `outputs:` in action.yml maps them
    summary: str  # the job summary (every step's GITHUB_STEP_SUMMARY, in order)
    annotations: list[Annotation]
    log: str  # every step's stdout and stderr, in order

    @property
    def failed(self) -> bool:
        return any(s.outcome == "failure" for s in self.steps)

    def step(self, id_or_name: str) -> StepResult:
        return next(s for s in self.steps if id_or_name in (s.id, s.name))


class Runner:
    """The state shared by the steps of one run (what GITHUB_ENV and GITHUB_PATH change)."""

    def __init__(self, workspace: Path, temp: Path, env: dict[str, str]):
        self.workspace = workspace
        self.temp = temp
        self.env = env  # the job's environment, updated by GITHUB_ENV and GITHUB_PATH

    def add_path(self, directory: str | Path) -> None:
        self.env["PATH"] = f"{directory}{os.pathsep}{self.env.get('PATH', '')}"

    def set_env(self, name: str, value: str) -> None:
        self.env[name] = value


def setup_python(bin_dir: str | Path) -> UsesHandler:
    """Stands in for actions/setup-python: puts an existing interpreter's bin folder first on PATH."""

    def handler(with_: dict[str, str], runner: Runner) -> dict[str, str]:
        runner.add_path(bin_dir)
        return {"python-path": str(Path(bin_dir) / "python")}

    return handler


def run_action(
    action_dir: str | Path,
    *,
    workspace: str | Path,
    inputs: dict[str, str] | None = None,
    event_name: str = "pull_request",
    event: dict | None = None,
    env: dict[str, str] | None = None,
    uses: dict[str, UsesHandler | None] | None = None,
    runner_temp: str | Path | None = None,
    github: dict[str, str] | None = None,
    timeout: float = 600,
) -> ActionRun:
    """Run action.yml's steps; `env` is the job's environment (PATH included), `github` extra
    github-context values (token, repository, sha, ...)."""
    action_dir = Path(action_dir).resolve()
    workspace = Path(workspace).resolve()
    spec = yaml.safe_load((action_dir / "action.yml").read_text(encoding="utf-8"))
    if spec.get("runs", {}).get("using") != "composite":
        raise ValueError("only composite actions can be run here")
    temp = Path(runner_temp) if runner_temp else workspace.parent / f"runner-temp-{uuid.uuid4().hex[:8]}"
    temp.mkdir(parents=True, exist_ok=True)
    event_path = temp / "event.json"
    event_path.write_text(json.dumps(event or {}), encoding="utf-8")

    gh = {
        "action_path": str(action_dir),
        "workspace": str(workspace),
        "event_name": event_name,
        "event_path": str(event_path),
        "token": "ghs_actionrunner_token",
        "repository": "acme/app",
        "sha": "0" * 40,
        "ref": "refs/heads/main",
        "ref_name": "main",
        "head_ref": "",
        "run_id": "1",
        "run_attempt": "1",
        "job": "fedgate",
        "server_url": "https://github.com",
        "api_url": "https://api.github.com",
        **(github or {}),
    }
    runner = Runner(workspace, temp, dict(env or os.environ))
    runner.env.update({
        "CI": "true",
        "GITHUB_ACTIONS": "true",
        "GITHUB_WORKSPACE": gh["workspace"],
        "GITHUB_EVENT_NAME": gh["event_name"],
        "GITHUB_EVENT_PATH": gh["event_path"],
        "GITHUB_ACTION_PATH": gh["action_path"],
        "GITHUB_REPOSITORY": gh["repository"],
        "GITHUB_SHA": gh["sha"],
        "GITHUB_REF": gh["ref"],
        "GITHUB_REF_NAME": gh["ref_name"],
        "GITHUB_HEAD_REF": gh["head_ref"],
        "GITHUB_RUN_ID": gh["run_id"],
        "GITHUB_RUN_ATTEMPT": gh["run_attempt"],
        "GITHUB_JOB": gh["job"],
        "GITHUB_SERVER_URL": gh["server_url"],
        "GITHUB_API_URL": gh["api_url"],
        "RUNNER_TEMP": str(temp),
        "RUNNER_OS": "Linux",
    })

    ctx: dict[str, Any] = {"github": gh, "steps": {}, "runner": {"temp": str(temp), "os": "Linux"}, "env": runner.env}
    given = inputs or {}
    unknown = set(given) - set(spec.get("inputs") or {})
    if unknown:
        raise ValueError(f"inputs not declared in action.yml: {sorted(unknown)}")
    ctx["inputs"] = {
        name: str(given[name]) if name in given else _interpolate(str(decl.get("default", "")), ctx)
        for name, decl in (spec.get("inputs") or {}).items()
    }

    handlers = uses or {}
    results: list[StepResult] = []
    summary: list[str] = []
    log: list[str] = []
    for i, step in enumerate(spec["runs"]["steps"]):
        name = step.get("name") or step.get("uses") or f"step {i + 1}"
        sid = step.get("id")
        ctx["failed"] = any(r.outcome == "failure" for r in results)
        condition = _strip_braces(str(step.get("if", "success()")))
        if not re.search(r"\b(success|failure|always|cancelled)\(", condition):
            condition = f"success() && ({condition})"  # the runner's implicit status check
        if not _truthy(_evaluate(condition, ctx)):
            res = StepResult(name, sid, "skipped")
        elif "uses" in step:
            res = _run_uses(step, name, sid, handlers, runner, ctx)
        else:
            res, step_summary = _run_script(step, name, sid, i, runner, ctx, timeout)
            summary.append(step_summary)
            log.append(res.stdout + res.stderr)
        results.append(res)
        if sid:
            ctx["steps"][sid] = {"outputs": res.outputs, "outcome": res.outcome, "conclusion": res.outcome}

    outputs = {name: _interpolate(str(decl.get("value", "")), ctx) for name, decl in (spec.get("outputs") or {}).items()}
    text = "".join(log)
    return ActionRun(results, outputs, "".join(summary), parse_annotations(text), text)


def _run_uses(step: dict, name: str, sid: str | None, handlers: dict, runner: Runner, ctx: dict) -> StepResult:
    ref = str(step["uses"]).split("@", 1)[0]
    if ref not in handlers:
        raise KeyError(f"no stand-in for 'uses: {step['uses']}': pass uses={{{ref!r}: None or a handler}}")
    handler = handlers[ref]
    if handler is None:
        return StepResult(name, sid, "skipped")
    with_ = {k: _interpolate(str(v), ctx) for k, v in (step.get("with") or {}).items()}
    return StepResult(name, sid, "success", 0, dict(handler(with_, runner) or {}))


def _run_script(step: dict, name: str, sid: str | None, index: int, runner: Runner, ctx: dict,
                timeout: float) -> tuple[StepResult, str]:
    shell = step.get("shell")
    if shell != "bash":
        raise ValueError(f"step '{name}': only shell: bash is supported (got {shell!r})")
    files = {k: runner.temp / f"step{index}-{k}" for k in ("output", "summary", "env", "path")}
    for f in files.values():
        f.write_text("", encoding="utf-8")
    script = runner.temp / f"step{index}.sh"
    # The runner pastes expressions into the script text before bash reads it.
    script.write_text(_interpolate(str(step["run"]), ctx), encoding="utf-8")
    env = dict(runner.env)
    env.update({k: _interpolate(str(v), ctx) for k, v in (step.get("env") or {}).items()})
    env.update({
        "GITHUB_OUTPUT": str(files["output"]),
        "GITHUB_STEP_SUMMARY": str(files["summary"]),
        "GITHUB_ENV": str(files["env"]),
        "GITHUB_PATH": str(files["path"]),
    })
    cwd = runner.workspace / _interpolate(str(step.get("working-directory", ".")), ctx)
    proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=cwd, env=env,
                          capture_output=True, stdin=subprocess.DEVNULL, timeout=timeout)
    stdout = proc.stdout.decode("utf-8", "replace")
    stderr = proc.stderr.decode("utf-8", "replace")
    for k, v in parse_env_file(files["env"].read_text(encoding="utf-8")).items():
        runner.set_env(k, v)
    for line in files["path"].read_text(encoding="utf-8").splitlines():
        if line.strip():
            runner.add_path(line.strip())
    res = StepResult(name, sid, "success" if proc.returncode == 0 else "failure", proc.returncode,
                     parse_env_file(files["output"].read_text(encoding="utf-8")), stdout, stderr)
    return res, files["summary"].read_text(encoding="utf-8")


# ------------------------------------------------------------ runner file formats


def parse_env_file(text: str) -> dict[str, str]:
    """GITHUB_OUTPUT / GITHUB_ENV: `name=value` lines and `name<<DELIMITER` heredocs."""
    values: dict[str, str] = {}
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            key, delim = line.split("<<", 1)
            try:
                end = lines.index(delim, i + 1)
            except ValueError:
                raise ValueError(f"heredoc for {key!r} is not closed by {delim!r}") from None
            values[key] = "\n".join(lines[i + 1:end])
            i = end + 1
            continue
        if "=" in line:
            key, value = line.split("=", 1)
            values[key] = value
        elif line.strip():
            raise ValueError(f"invalid line in a runner file: {line!r}")
        i += 1
    return values


_COMMAND = re.compile(r"^::([a-z-]+)(?: ([^:]*))?::(.*)$")


def parse_annotations(log: str) -> list[Annotation]:
    """Workflow commands in the log as the runner reads them, ::stop-commands:: included."""
    out: list[Annotation] = []
    stop_token: str | None = None
    for line in log.splitlines():
        if stop_token is not None:
            if line == f"::{stop_token}::":
                stop_token = None
            continue
        m = _COMMAND.match(line)
        if not m:
            continue
        command, props_text, message = m.groups()
        if command == "stop-commands":
            stop_token = message
            continue
        if command in ("error", "warning", "notice"):
            props = {}
            for part in (props_text or "").split(","):
                if "=" in part:
                    k, v = part.split("=", 1)
                    props[k.strip()] = _unescape_property(v)
            out.append(Annotation(command, _unescape_data(message), props))
    return out


def _unescape_data(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def _unescape_property(text: str) -> str:
    return _unescape_data(text).replace("%3A", ":").replace("%2C", ",")


# ------------------------------------------------------------------ expressions

_EXPR = re.compile(r"\$\{\{(.*?)\}\}", re.S)
_TOKEN = re.compile(r"\s*(?:(?P<str>'(?:[^']|'')*')|(?P<num>\d+(?:\.\d+)?)|(?P<op>==|!=|&&|\|\||!|\(|\)|,)"
                    r"|(?P<name>[A-Za-z_][\w-]*(?:\.[A-Za-z_*][\w-]*)*))")


def _strip_braces(text: str) -> str:
    m = re.fullmatch(r"\s*\$\{\{(.*)\}\}\s*", text, re.S)
    return m.group(1) if m else text


def _interpolate(text: str, ctx: dict) -> str:
    return _EXPR.sub(lambda m: _to_string(_evaluate(m.group(1), ctx)), text)


def _to_string(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _truthy(value: Any) -> bool:
    return value not in (None, False, "", 0)


def _tokens(expr: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    expr = expr.strip()
    while pos < len(expr):
        m = _TOKEN.match(expr, pos)
        if not m or m.end() == pos:
            raise ValueError(f"unsupported expression: {expr!r}")
        kind = m.lastgroup or ""
        out.append((kind, m.group(kind)))
        pos = m.end()
        while pos < len(expr) and expr[pos].isspace():
            pos += 1
    return out


def _evaluate(expr: str, ctx: dict) -> Any:
    toks = _tokens(expr)
    pos = 0

    def peek() -> tuple[str, str] | None:
        return toks[pos] if pos < len(toks) else None

    def take() -> tuple[str, str]:
        nonlocal pos
        pos += 1
        return toks[pos - 1]

    def or_expr() -> Any:
        left = and_expr()
        while peek() == ("op", "||"):
            take()
            right = and_expr()
            left = left if _truthy(left) else right
        return left

    def and_expr() -> Any:
        left = cmp_expr()
        while peek() == ("op", "&&"):
            take()
            right = cmp_expr()
            left = right if _truthy(left) else left
        return left

    def cmp_expr() -> Any:
        left = unary()
        while peek() in (("op", "=="), ("op", "!=")):
            op = take()[1]
            right = unary()
            equal = _loose(left) == _loose(right)
            left = equal if op == "==" else not equal
        return left

    def unary() -> Any:
        if peek() == ("op", "!"):
            take()
            return not _truthy(unary())
        return primary()

    def primary() -> Any:
        kind, text = take()
        if kind == "str":
            return text[1:-1].replace("''", "'")
        if kind == "num":
            return float(text)
        if kind == "op" and text == "(":
            value = or_expr()
            if take() != ("op", ")"):
                raise ValueError(f"unbalanced parentheses: {expr!r}")
            return value
        if kind == "name":
            if peek() == ("op", "("):
                take()
                args = []
                while peek() != ("op", ")"):
                    args.append(or_expr())
                    if peek() == ("op", ","):
                        take()
                take()
                return _call(text, args, ctx)
            if text in ("true", "false"):
                return text == "true"
            if text == "null":
                return None
            return _lookup(text, ctx)
        raise ValueError(f"unsupported expression: {expr!r}")

    value = or_expr()
    if pos != len(toks):
        raise ValueError(f"unsupported expression: {expr!r}")
    return value


def _loose(value: Any) -> Any:
    # GitHub compares case-insensitively for strings and coerces booleans and numbers.
    if isinstance(value, str):
        return value.lower()
    if isinstance(value, bool):
        return float(value)
    return value


def _lookup(path: str, ctx: dict) -> Any:
    head, *rest = path.split(".")
    if head not in ctx or head == "failed":
        raise ValueError(f"unsupported context '{head}' in {path!r}")
    value: Any = ctx[head]
    for part in rest:
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _call(name: str, args: list, ctx: dict) -> Any:
    if name == "success":
        return not ctx.get("failed")
    if name == "failure":
        return bool(ctx.get("failed"))
    if name in ("always", "cancelled"):
        return name == "always"
    if name == "contains":
        hay, needle = args
        if isinstance(hay, list):
            return any(_loose(x) == _loose(needle) for x in hay)
        return str(_loose(needle)) in str(_loose(hay))
    if name in ("startsWith", "endsWith"):
        a, b = (str(_loose(x)) for x in args)
        return a.startswith(b) if name == "startsWith" else a.endswith(b)
    if name == "format":
        fmt, *rest = args
        return re.sub(r"\{(\d+)\}", lambda m: _to_string(rest[int(m.group(1))]), fmt)
    if name == "hashFiles":
        import glob
        import hashlib

        digest = hashlib.sha256()
        found = False
        for pattern in args:
            for p in sorted(glob.glob(str(Path(ctx["github"]["workspace"]) / pattern), recursive=True)):
                if os.path.isfile(p):
                    found = True
                    digest.update(hashlib.sha256(Path(p).read_bytes()).digest())
        return digest.hexdigest() if found else ""
    raise ValueError(f"unsupported function {name}()")
