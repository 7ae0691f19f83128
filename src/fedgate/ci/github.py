"""`fedgate ci github`: one GitHub Actions step.

The range comes from the event payload (never GITHUB_SHA, which on `pull_request` is a
merge commit GitHub made up), a shallow checkout is deepened until the merge base exists,
and the result goes where GitHub shows it: annotations on stdout, a job summary, step
outputs, an optional SARIF file and an optional pull-request review.
"""
from __future__ import annotations

import http.client
import json
import os
import secrets
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass, replace
from typing import TextIO

from ..config import CONFIG_NAME, Config
from ..files import write_text
from ..findings import new_side_lines
from ..gitrange import ZERO_SHA_RE, GitRepo, check_revision, open_repo
from ..models import FedgateError, Finding, RunResult
from ..pipeline import CheckOptions, load, review_overrides, run_check

# Commits fetched per try when a shallow clone lacks the merge base; then we give up and
# name the fix, rather than silently unshallowing a huge repository.
DEEPEN_STEPS = (50, 250, 1000, 5000)
MARKER = "<!-- fedgate:fingerprint={} -->"
MARKER_PREFIX = "<!-- fedgate:fingerprint="
API_TIMEOUT_S = 30
MAX_COMMENT_PAGES = 30
# One review with hundreds of comments buries the conversation; the rest stay annotations.
MAX_REVIEW_COMMENTS = 50
SHALLOW_FIX = "set `fetch-depth: 0` on actions/checkout"


@dataclass(frozen=True)
class GithubOptions:
    config_path: str | None = None
    model: str | None = None
    api_base: str | None = None
    fail_on: str | None = None
    fail_open: bool = False
    base: str | None = None
    head: str | None = None
    sarif_file: str | None = None
    comment: bool = False
    cwd: str = "."


@dataclass(frozen=True)
class PullRequest:
    number: int
    base_sha: str
    head_sha: str
    fork: bool


@dataclass(frozen=True)
class Target:
    """What to compare: `base...head` (merge base) or `base..head` (push: exactly what moved)."""

    base: str | None
    head: str | None
    spec: str | None
    pull: PullRequest | None = None
    note: str | None = None  # how the range was chosen, when the event did not name one


# ------------------------------------------------------------------------ the event


def load_event(environ) -> tuple[str, dict | None]:
    """(event name, payload); the payload is None when GITHUB_EVENT_PATH is not set."""
    name = environ.get("GITHUB_EVENT_NAME", "")
    path = environ.get("GITHUB_EVENT_PATH")
    if not path:
        return name, None
    try:
        with open(path, encoding="utf-8") as fh:
            payload = json.load(fh)
    except (OSError, ValueError, RecursionError) as e:  # json.load raises RecursionError on deep nesting
        raise FedgateError(f"cannot read the event payload {path}: {e}") from None
    if not isinstance(payload, dict):
        raise FedgateError(f"the event payload {path} is not a JSON object")
    return name, payload


def _full_name(side: dict) -> str | None:
    repo = side.get("repo")
    return repo.get("full_name") if isinstance(repo, dict) else None


def _sha(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _pull_request(event_name: str, payload: dict) -> PullRequest | None:
    pr = payload.get("pull_request")
    if pr is None and not event_name.startswith("pull_request"):
        return None
    base = pr.get("base") if isinstance(pr, dict) else None
    head = pr.get("head") if isinstance(pr, dict) else None
    base_sha = _sha(base.get("sha")) if isinstance(base, dict) else None
    head_sha = _sha(head.get("sha")) if isinstance(head, dict) else None
    if not (base_sha and head_sha):
        # Falling back to some other range would review the wrong commits and pass.
        raise FedgateError(
            f"the {event_name or 'pull_request'} event payload has no pull_request.base.sha and head.sha: "
            "cannot tell what to review (pass --base and --head)"
        )
    number = pr.get("number") or payload.get("number") or 0
    if isinstance(number, bool) or not isinstance(number, (int, str)) or not str(number).isdigit():
        raise FedgateError(f"the event payload's pull request number is not a number: {number!r}")
    # A deleted fork leaves head.repo null: treat it as a fork (no secrets either way).
    fork = _full_name(head) is None or _full_name(head) != _full_name(base)
    return PullRequest(int(number), base_sha, head_sha, fork)


def event_target(event_name: str, payload: dict | None, base: str | None, head: str | None) -> Target:
    target = _event_target(event_name, payload, base, head)
    # These reach git fetch, merge-base and rev-list as they are.
    for value, role in ((target.base, "base"), (target.head, "head")):
        if value:
            check_revision(value, role)
    return target


def _event_target(event_name: str, payload: dict | None, base: str | None, head: str | None) -> Target:
    try:
        pull = _pull_request(event_name, payload) if payload is not None else None
    except FedgateError:
        if not (base and head):
            raise
        pull = None  # both ends given: the range does not depend on the payload
    if base or head:
        b, h = base or (pull.base_sha if pull else None), head or (pull.head_sha if pull else "HEAD")
        if not b:
            raise FedgateError("the `head` input needs a `base` input outside pull_request events")
        return Target(b, h, f"{b}...{h}", pull)
    if payload is None:
        return Target(None, None, None, note="GITHUB_EVENT_PATH is not set (not a GitHub Actions run?): the default range")
    if pull:
        return Target(pull.base_sha, pull.head_sha, f"{pull.base_sha}...{pull.head_sha}", pull)
    if event_name == "merge_group":
        group = payload.get("merge_group")
        b = _sha(group.get("base_sha")) if isinstance(group, dict) else None
        h = _sha(group.get("head_sha")) if isinstance(group, dict) else None
        if not (b and h):
            raise FedgateError("the merge_group event payload has no merge_group.base_sha and head_sha")
        return Target(b, h, f"{b}...{h}")
    if event_name == "push":
        before, after = _sha(payload.get("before")), _sha(payload.get("after"))
        if after is None:
            raise FedgateError("the push event payload has no 'after' commit: cannot tell what to review (pass --base and --head)")
        if ZERO_SHA_RE.match(after):
            # As for pre-push: a zero head is a branch deletion, which adds nothing to review.
            return Target(None, None, "HEAD..HEAD", note="push deletes a branch: nothing to review")
        if before and not ZERO_SHA_RE.match(before):
            return Target(before, after, f"{before}..{after}")
        # A new branch: GitHub sends a zero `before`; review the pushed commit itself.
        return Target(None, after, f"{after}~1", note="push of a new branch (no 'before' commit): the pushed commit only")
    return Target(
        None, None, None,
        note=f"the '{event_name or 'unknown'}' event names no range: the default range (set base and head to choose)",
    )


# -------------------------------------------------------------------- the history


def _fetch(repo: GitRepo, shas: list[str], depth: int | None) -> None:
    args = ["fetch", "--no-tags", "--quiet"]
    if depth is not None:
        args.append(f"--depth={depth}")
    repo.run(*args, "--end-of-options", "origin", *shas, check=False)


def ensure_history(repo: GitRepo, target: Target) -> str | None:
    """Fetch what the range needs in a shallow checkout; returns a note when it fetched."""
    if target.head is None:
        return None
    wanted = [s for s in (target.base, target.head) if s and s != "HEAD"]
    if target.base is None:
        # `head~1`: the parent is needed; a shallow clone shows its tip without parents.
        has_parent = bool(repo.try_rev(target.head) and repo.parents(target.head))
        if has_parent or not repo.is_shallow():
            return None
        _fetch(repo, wanted, 2)
        return "shallow clone: fetched the parent of the pushed commit"

    def ready() -> bool:
        return all(repo.try_rev(s) for s in wanted) and repo.merge_base(target.base, target.head) is not None

    if ready():
        return None
    if not repo.is_shallow():
        _fetch(repo, wanted, None)
        if ready():
            return "fetched the range's commits from origin"
        missing = [s for s in wanted if not repo.try_rev(s)]
        if missing:
            raise FedgateError(f"commit {missing[0]} is not in this clone and could not be fetched from origin")
        raise FedgateError(f"'{target.base}' and '{target.head}' have no common history")
    for depth in DEEPEN_STEPS:
        _fetch(repo, wanted, depth)
        if ready():
            return f"shallow clone: fetched up to {depth} commits of history to find the merge base"
        if not repo.is_shallow():
            # The whole history is here now: the two really share none.
            raise FedgateError(f"'{target.base}' and '{target.head}' have no common history")
    missing = [s for s in wanted if not repo.try_rev(s)]
    if missing:
        raise FedgateError(f"commit {missing[0]} is not in this clone and could not be fetched from origin; {SHALLOW_FIX}")
    raise FedgateError(
        f"the merge base of {target.base[:12]} and {target.head[:12]} is not in this shallow clone "
        f"(fetched up to {DEEPEN_STEPS[-1]} commits); {SHALLOW_FIX}"
    )


# ------------------------------------------------------------------------ the policy


def base_policy(repo: GitRepo, target: Target) -> tuple[str | None, str | None]:
    """(config path, note) for a pull request: the base commit's `.fedgate.yml`.

    The checkout holds the pull request's own version; reading it would let a pull request
    switch off the gate that reviews it. Its edits to the policy apply once merged.
    """
    if target.pull is None or not target.base:
        return None, None
    text = str(repo.run("show", "--end-of-options", f"{target.base}:{CONFIG_NAME}", check=False))
    directory = os.path.join(repo.git_dir, "fedgate")
    path = os.path.join(directory, f"policy-of-base-{target.base[:12]}.yml")
    try:
        os.makedirs(directory, exist_ok=True)
    except OSError as e:
        raise FedgateError(f"cannot write {path}: {e.strerror or e}") from None
    write_text(path, text or "# the base commit has no .fedgate.yml: the built-in default policy\n")
    note = None
    try:
        with open(os.path.join(repo.root, CONFIG_NAME), encoding="utf-8") as fh:
            changed = fh.read() != text
    except OSError:
        changed = bool(text)
    if changed:
        note = f"the policy is {CONFIG_NAME} of the base commit; this pull request's changes to it apply after merge"
    return path, note


# ------------------------------------------------------------------- model access

def model_skip_reason(pull: PullRequest | None, config: Config, environ) -> str | None:
    """Why the model review is skipped, or None. Only fork pull requests skip it: GitHub gives
    their workflows no secrets, and failing them all would block every outside contribution
    (review.required: true makes them incomplete instead). A missing key anywhere else is what
    it is for `check`: the planned review did not happen, exit 3."""
    models = {config.model_for(t) for t in config.review.tiers} - {None}
    if not models:
        return None
    if pull and pull.fork:
        return (
            "fork pull request: GitHub gives workflows from forks no secrets, so the model review is "
            "skipped; the built-in rules still ran"
        )
    return None


# ----------------------------------------------------------------- review comments


class _ApiError(Exception):
    def __init__(self, status: int | None, message: str):
        super().__init__(message)
        self.status = status


def _api(method: str, url: str, token: str, body: dict | None = None) -> object:
    data = json.dumps(body).encode() if body is not None else None
    try:
        req = urllib.request.Request(url, data=data, method=method)
    except ValueError as e:  # urllib's answer to a GITHUB_API_URL that is not a URL
        raise _ApiError(None, f"GITHUB_API_URL is not usable: {e}") from None
    req.add_header("Accept", "application/vnd.github+json")
    req.add_header("X-GitHub-Api-Version", "2022-11-28")
    req.add_header("Authorization", f"Bearer {token}")
    req.add_header("User-Agent", "fedgate")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=API_TIMEOUT_S) as resp:
            raw = resp.read()
    except urllib.error.HTTPError as e:
        try:
            body = json.loads(e.read() or b"{}")
            detail = body.get("message", "") if isinstance(body, dict) else ""
        except (ValueError, RecursionError, OSError, http.client.HTTPException):
            detail = ""
        raise _ApiError(e.code, f"HTTP {e.code} {detail or e.reason}".strip()) from None
    except (urllib.error.URLError, OSError, http.client.HTTPException) as e:
        raise _ApiError(None, f"cannot reach the GitHub API: {getattr(e, 'reason', e)}") from None
    try:
        return json.loads(raw) if raw else None
    except (ValueError, RecursionError):
        raise _ApiError(None, f"the GitHub API answered {method} {url} with something that is not JSON") from None


# The GITHUB_TOKEN of a workflow is an app installation token: GET /user refuses it (403), and
# what it posts is authored by this bot (a login nobody can register: [] is not allowed).
ACTIONS_BOT = "github-actions[bot]"


def token_login(api: str, token: str) -> str:
    """The login whose comments are fedgate's own: the token's user."""
    try:
        me = _api("GET", f"{api}/user", token)
    except _ApiError as e:
        if e.status in (401, 403, 404):
            return ACTIONS_BOT
        raise
    login = me.get("login") if isinstance(me, dict) else None
    if not isinstance(login, str) or not login:
        raise _ApiError(None, "GET /user answered without a login")
    return login


def _author(item: dict) -> str | None:
    user = item.get("user")
    return user.get("login") if isinstance(user, dict) else None


def existing_fingerprints(api: str, token: str, repo: str, number: int, login: str) -> set[str]:
    """Fingerprints in earlier comments by `login` only: anyone can write a marker in a comment,
    and a planted one would stop fedgate from commenting on that finding."""
    found: set[str] = set()
    for page in range(1, MAX_COMMENT_PAGES + 1):
        items = _api("GET", f"{api}/repos/{repo}/pulls/{number}/comments?per_page=100&page={page}", token)
        if not isinstance(items, list):
            break
        for item in items:
            if not isinstance(item, dict) or _author(item) != login:
                continue
            body = str(item.get("body") or "")
            start = body.find(MARKER_PREFIX)
            if start >= 0:
                end = body.find(" -->", start)
                found.add(body[start + len(MARKER_PREFIX): end])
        if len(items) < 100:
            break
    return found


def comment_body(f: Finding, blocking: bool) -> str:
    head = f"**fedgate** `{f.rule}` · {f.severity}" + (" · blocking" if blocking else "")
    parts = [head, "", f"**{f.title}**" if f.title else "", f.message]
    if f.hint:
        parts += ["", f"Fix: {f.hint}"]
    parts += ["", f"<sub>False positive? Add `fedgate: ignore[{f.rule}] <reason>` on or above the line.</sub>", MARKER.format(f.fingerprint)]
    return "\n".join(p for p in parts if p is not None)


def commentable(result: RunResult) -> list[Finding]:
    """Unsuppressed findings on a line GitHub can comment on: a new-side line of a diff hunk."""
    lines = new_side_lines(result.files)
    return [f for f in result.decision.findings if not f.suppressed and f.line in lines.get(f.path, {})]


def post_review(result: RunResult, pull: PullRequest, environ) -> tuple[set[str], str]:
    """(fingerprints now shown as PR comments, a note for the log). Never raises."""
    token = environ.get("GITHUB_TOKEN")
    repo = environ.get("GITHUB_REPOSITORY")
    api = (environ.get("GITHUB_API_URL") or "https://api.github.com").rstrip("/")
    candidates = commentable(result)[:MAX_REVIEW_COMMENTS]
    if not any(not f.suppressed for f in result.decision.findings):
        return set(), "no findings: no review comments to post"
    if not candidates:
        return set(), "no finding on a line of the diff: no review comments to post"
    if not token or not repo or not pull.number:
        return set(), "cannot post review comments (no GITHUB_TOKEN or GITHUB_REPOSITORY): findings are shown as annotations"
    if pull.fork:
        return set(), "fork pull request: the GITHUB_TOKEN cannot write to it, so findings are shown as annotations instead of review comments"
    blocking = {id(f) for f in result.decision.blocking}
    try:
        seen = existing_fingerprints(api, token, repo, pull.number, token_login(api, token))
        new = [f for f in candidates if f.fingerprint not in seen]
        if new:
            _api(
                "POST",
                f"{api}/repos/{repo}/pulls/{pull.number}/reviews",
                token,
                {
                    "commit_id": pull.head_sha,
                    "event": "COMMENT",
                    "body": f"**fedgate**: {len(new)} finding(s) on this change; "
                    f"{'; '.join(result.decision.reasons)} (exit {result.decision.exit_code}).",
                    "comments": [
                        {"path": f.path, "line": f.line, "side": "RIGHT", "body": comment_body(f, id(f) in blocking)}
                        for f in new
                    ],
                },
            )
    except _ApiError as e:
        why = (
            "the token cannot write to this pull request (grant `permissions: pull-requests: write`; "
            "fork pull requests always get a read-only token)"
            if e.status in (401, 403, 404)
            else "the API refused the review"
        )
        return set(), f"could not post review comments ({e}): {why}; findings are shown as annotations instead"
    skipped = len(candidates) - len(new)
    note = f"posted {len(new)} review comment(s) on pull request #{pull.number}"
    if skipped:
        note += f"; {skipped} already commented by an earlier run"
    return {f.fingerprint for f in candidates}, note


# ------------------------------------------------------------------ step outputs


def _append(path: str | None, text: str) -> None:
    if not path:
        return
    try:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as e:
        raise FedgateError(f"cannot write {path}: {e.strerror or e}") from None


def output_lines(values: dict[str, str]) -> str:
    # The heredoc form with a random delimiter: a value can never end early or add a key.
    out = []
    for name, value in values.items():
        delim = f"ghadelimiter_{secrets.token_hex(8)}"
        out.append(f"{name}<<{delim}\n{value}\n{delim}\n")
    return "".join(out)


def outputs(result: RunResult | None, exit_code: int, sarif_file: str | None) -> dict[str, str]:
    if result is None:
        return {"exit-code": str(exit_code), "findings": "0", "blocking": "0", "prompt-tokens": "0",
                "completion-tokens": "0", "cost-usd": "0", "sarif-file": ""}
    usage = result.outcome.usage
    return {
        "exit-code": str(exit_code),
        "findings": str(sum(1 for f in result.decision.findings if not f.suppressed)),
        "blocking": str(len(result.decision.blocking)),
        "prompt-tokens": str(usage.prompt_tokens),
        "completion-tokens": str(usage.completion_tokens),
        "cost-usd": f"{usage.cost_usd:.6f}",
        "sarif-file": sarif_file or "",
    }


def _print_log(text: str, out: TextIO) -> None:
    # The text report quotes file content and model output: stop GitHub from reading any
    # `::command::` inside it (workflow-commands docs, "Stopping and starting workflow commands").
    token = secrets.token_hex(16)
    out.write(f"::stop-commands::{token}\n{text}::{token}::\n")


# ------------------------------------------------------------------------ the step


def run(opts: GithubOptions, environ=None, out: TextIO | None = None) -> int:
    environ = os.environ if environ is None else environ
    out = out or sys.stdout
    try:
        return _run(opts, environ, out)
    except FedgateError as e:
        _append(environ.get("GITHUB_OUTPUT"), output_lines(outputs(None, e.exit_code, None)))
        _append(environ.get("GITHUB_STEP_SUMMARY"), f"## fedgate: error (exit {e.exit_code})\n\n{e}\n")
        raise


def _run(opts: GithubOptions, environ, out: TextIO) -> int:
    from ..report import github as gh_report
    from ..report import markdown, sarif, text

    event_name, payload = load_event(environ)
    target = event_target(event_name, payload, opts.base, opts.head)
    overrides = review_overrides(opts.model, opts.api_base, opts.fail_on, opts.fail_open)
    repo = open_repo(opts.cwd)
    notes = [n for n in [target.note, ensure_history(repo, target)] if n]
    config_path = opts.config_path
    if config_path is None:
        config_path, note = base_policy(repo, target)
        notes += [note] if note else []
    check = CheckOptions(range_spec=target.spec, config_path=config_path, cwd=opts.cwd,
                         review_overrides=overrides, environ=dict(environ), baseline_from_base=True,
                         trust_repo_config=True)
    _, config, _ = load(check)
    skip = model_skip_reason(target.pull, config, environ)
    result, checked_repo, checked_config = run_check(replace(check, skip_model_reason=skip))
    from ..ledger import record_run

    ledger_warning = record_run(result, checked_repo, checked_config)
    if ledger_warning:
        notes.append(f"ledger: {ledger_warning}")

    commented: set[str] = set()
    if opts.comment:
        if target.pull is None:
            notes.append(f"comment: true needs a pull_request event (this is '{event_name or 'unknown'}'): findings are shown as annotations")
        else:
            commented, note = post_review(result, target.pull, environ)
            notes.append(note)
    result = replace(result, warnings=tuple(notes) + result.warnings)

    sarif_file = opts.sarif_file
    if sarif_file:
        write_text(sarif_file, sarif.render(result))

    _print_log(text.render(result), out)
    annotated = tuple(f for f in result.decision.findings if f.fingerprint not in commented)
    out.write(gh_report.render(result, findings=annotated))
    out.flush()
    _append(environ.get("GITHUB_STEP_SUMMARY"), markdown.render(result))
    code = result.decision.exit_code
    _append(environ.get("GITHUB_OUTPUT"), output_lines(outputs(result, code, sarif_file)))
    return code
