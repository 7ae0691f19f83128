"""The model reviewer: the plan's batches -> validated findings + usage, through litellm.

Only the planned hunks leave the machine, redacted, fenced as untrusted data. A batch that
cannot be reviewed (provider error after retries, unparsable answers, budget or cap reached
at run time) is never passed silently: its hunks come back as blocking Unreviewed entries.
"""
from __future__ import annotations

import email.utils
import os
import random
import re
import socket
import threading
import time
import urllib.parse
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import tokens
from ..config import Config
from ..models import (
    Batch,
    Finding,
    ModelUsage,
    Plan,
    ReviewOutcome,
    Unreviewed,
    Usage,
)
from ..plan import EXPECTED_OUTPUT_TOKENS
from ..pricing import cost, price_of
from .answers import validate
from .cache import AnswerCache, cache_key
from .prompt import (
    PROMPT_VERSION,
    RESPONSE_FORMAT,
    AnswerError,
    AnswerTooLong,
    Section,
    build_messages,
    content_of,
    one_line,
    parse_answer,
    render_hunk,
    repair_messages,
    without_schema,
)
from . import injection
from .redact import Redactor
from .secrets import scrub

if TYPE_CHECKING:
    from . import ReviewContext

BACKOFF_BASE_S = 0.5
BACKOFF_MAX_S = 20.0
# A provider asking us to wait longer than this gets no further attempt: a commit hook that
# sleeps for minutes is worse than an honest "not reviewed".
RETRY_AFTER_MAX_S = 60.0

# Provider prefix -> the one variable litellm reads its key from, for providers that take
# nothing but an API key.
KEY_VARS = {
    "openai": "OPENAI_API_KEY",
    "anthropic": "ANTHROPIC_API_KEY",
    "gemini": "GEMINI_API_KEY",
    "mistral": "MISTRAL_API_KEY",
    "groq": "GROQ_API_KEY",
    "openrouter": "OPENROUTER_API_KEY",
    "deepseek": "DEEPSEEK_API_KEY",
    "together_ai": "TOGETHERAI_API_KEY",
    "xai": "XAI_API_KEY",
    "cohere": "COHERE_API_KEY",
    "fireworks_ai": "FIREWORKS_AI_API_KEY",
}

# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Job:
    """One batch, prepared for sending: redacted sections and what validation needs."""

    index: int
    batch: Batch
    sections: tuple[Section, ...]
    key: str
    lines: dict[str, dict[int, str]]  # path as sent -> new line number -> text to fingerprint (secrets masked)
    paths: dict[str, str]  # path as sent -> the real path
    redacted: int


@dataclass
class Result:
    findings: list | None = None  # the raw findings list from a usable answer
    error: str | None = None  # why the batch is unreviewed
    cached: bool = False
    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    usage_estimated: bool = False


class _Failed(Exception):
    """The batch cannot be reviewed; the message is the user-facing reason."""


class _DeadlineExceeded(Exception):
    """No complete answer within review.timeout_s (a server that trickles its answer)."""


# ------------------------------------------------------------------------ entry


def review_plan(plan: Plan, config: Config, ctx: ReviewContext) -> ReviewOutcome:
    cache = AnswerCache(ctx.cache_path)
    jobs = [_prepare(i, b, config.review.api_base) for i, b in enumerate(plan.batches)]
    results: dict[int, Result] = {}
    pending: list[Job] = []
    for job in jobs:
        hit = cache.get(job.key)
        if hit is not None:
            results[job.index] = Result(findings=hit, cached=True)
        else:
            pending.append(job)
    problems = preflight({job.batch.model for job in pending}, config.review.api_base)
    for job in pending:
        if job.batch.model in problems:
            results[job.index] = Result(error=problems[job.batch.model])
    pending = [job for job in pending if job.batch.model not in problems]
    if pending:
        litellm = _import_litellm()
        budget = _Budget(config)
        for job, res in _run_all(litellm, pending, config, budget, ctx):
            results[job.index] = res
            if res.findings is not None:
                cache.put(job.key, job.batch.model, PROMPT_VERSION, res.findings)
    notes: list[str] = []
    if cache.error:
        notes.append(cache.error)
    cache.close()
    return _outcome(jobs, results, notes)


def preflight(models: set[str], api_base: str | None) -> dict[str, str]:
    """model -> why every call to it would fail, found without a network call: a missing key
    variable, a name litellm cannot route. `check --dry-run` runs it too, so the plan says what
    the real run will hit. litellm is imported only if a model gets past the key check."""
    problems = {m: why for m in models if (why := _missing_key(m))}
    rest = sorted(models - set(problems))
    if rest:
        litellm = _import_litellm()
        problems.update({m: _unknown_provider(m) for m in rest if not _knows_provider(litellm, m, api_base)})
    return problems


def _missing_key(model: str) -> str | None:
    """For providers that only take an API key: say which variable is unset, before any call.

    Without a key the OpenAI client fails with a generic error that litellm maps to HTTP 500,
    which would be retried for nothing. Providers with other ways to authenticate (Azure AD,
    AWS roles, Google ADC) are left to the provider to judge.
    """
    provider = _provider(model)
    var = KEY_VARS.get(provider)
    if var is None or os.environ.get(var):
        return None
    hint = " (any non-empty value for a local server that needs no key)" if provider == "openai" else ""
    return f"no API key for {model}: set {var}{hint}"


def _knows_provider(litellm: Any, model: str, api_base: str | None) -> bool:
    """Whether litellm can route `model` (a bare unknown name fails every call the same way)."""
    try:
        litellm.get_llm_provider(model=model, api_base=api_base)
        return True
    except Exception:  # litellm raises BadRequestError("LLM Provider NOT provided ...")
        return False


def _unknown_provider(model: str) -> str:
    return (
        f"litellm does not know which provider serves '{model}': name it as PROVIDER/MODEL "
        "(openai/gpt-4.1-mini, anthropic/claude-sonnet-4-5, ollama/qwen2.5-coder, or openai/NAME "
        "with api_base for an OpenAI-compatible server)"
    )


def _provider(model: str) -> str:
    """litellm's provider prefix: "anthropic" of "anthropic/claude-...", "" for a bare name."""
    return model.split("/", 1)[0] if "/" in model else ""


def _import_litellm() -> Any:
    # Without this litellm fetches its price map over the network at import and can hang. Set,
    # not defaulted: a commit hook must not wait on the network because a shell exported "False"
    # (fedgate prices models from the map bundled in the wheel anyway, see pricing.py).
    os.environ["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"
    # In its default "DEV" mode litellm's import calls python-dotenv's load_dotenv(), which walks
    # up from litellm's own folder: with fedgate in the repository's .venv, a committed .env
    # (OPENAI_BASE_URL=...) would send the user's key elsewhere (litellm/_process_defaults.py).
    # "PRODUCTION" skips it; only the import reads the mode, so the user's value comes back after.
    mode = os.environ.get("LITELLM_MODE")
    os.environ["LITELLM_MODE"] = "PRODUCTION"
    try:
        import litellm
    finally:
        if mode is None:
            os.environ.pop("LITELLM_MODE", None)
        else:
            os.environ["LITELLM_MODE"] = mode

    # Otherwise litellm prints a "Give Feedback / Get Help" banner to stdout on every
    # provider error, which corrupts `--format json`.
    litellm.suppress_debug_info = True
    return litellm


def _prepare(index: int, batch: Batch, api_base: str | None) -> Job:
    redactor = Redactor()
    sections: list[Section] = []
    lines: dict[str, dict[int, str]] = {}
    paths: dict[str, str] = {}
    for p in batch.hunks:
        # A path is sent too: a key in a folder name is a key all the same, and a file name
        # addressed to the reviewer is withheld like a line.
        sent_path = one_line(redactor.redact_line(p.path, p.path))
        if injection.steering(p.path) or injection.steering(p.path.replace("_", " ").replace("/", " / ")):
            sent_path = _withheld_path(p.path, paths)
        paths[sent_path] = p.path
        raw = [ln.text for ln in p.hunk.lines]
        texts = _neutralised(raw, redactor.redact_lines(p.path, raw))
        section = redactor.redact_line(p.path, p.hunk.section) if p.hunk.section else ""
        if section and injection.steering(p.hunk.section):
            section = injection.NEUTRALISED.format(what="section header")
        sections.append(Section(sent_path, render_hunk(p.hunk, texts, section)))
        known = lines.setdefault(sent_path, {})
        for ln, text in zip(p.hunk.lines, texts):
            if ln.new_no is not None:
                known[ln.new_no] = redactor.masked(text)
    key = cache_key(batch.model, api_base, PROMPT_VERSION, content_of(sections))
    return Job(index, batch, tuple(sections), key, lines, paths, redactor.count)


def _neutralised(raw: list[str], texts: list[str]) -> list[str]:
    """The redacted lines with each steering one (alone or read with its neighbour) withheld:
    the `reviewer-directed-text` rule reports added ones; context lines and removed lines are
    withheld all the same, so no order in the hunk reaches the model as written."""
    out = list(texts)
    for i, what in injection.steering_lines(raw).items():
        out[i] = injection.NEUTRALISED.format(what=what)
    return out


def _withheld_path(path: str, taken: dict[str, str]) -> str:
    folder = path.rsplit("/", 1)[0] + "/" if "/" in path else ""
    folder = "" if injection.steering(folder) else one_line(folder)
    ext = re.match(r".*?(\.[A-Za-z0-9]{1,8})?$", path).group(1) or ""
    n = 1
    while f"{folder}withheld-name-{n}{ext}" in taken:
        n += 1
    return f"{folder}withheld-name-{n}{ext}"


# ---------------------------------------------------------------- concurrency


def _run_all(litellm: Any, jobs: list[Job], config: Config, budget: _Budget, ctx: ReviewContext):
    total = len(jobs)
    done = 0
    started = time.monotonic()
    show = ctx.progress
    if show:
        show(f"reviewing: 0/{total} batches")
    pool = ThreadPoolExecutor(max_workers=min(config.review.max_concurrency, total))
    try:
        futures: dict[Future, Job] = {pool.submit(_run_batch, litellm, job, config, budget): job for job in jobs}
        waiting = set(futures)
        while waiting:
            finished, waiting = wait(waiting, timeout=1.0, return_when=FIRST_COMPLETED)
            for fut in finished:
                done += 1
                try:
                    res = fut.result()
                except Exception as e:  # a bug in our own code: the batch is unreviewed, no traceback
                    res = Result(error=f"internal error: {type(e).__name__}: {e}")
                yield futures[fut], res
            if show:
                show(f"reviewing: {done}/{total} batches ({time.monotonic() - started:.0f} s)")
    except BaseException:
        # Ctrl-C: a `with` block would wait for the calls in flight (up to timeout_s, then
        # their retries) before the interrupt got through. Drop the queue and leave.
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    if show:
        show("")


# ------------------------------------------------------------------- budget


class _Budget:
    """The run's cost budget and per-tier token caps, shared by the worker threads.

    plan.py fitted the batches on estimates; here every call reserves its estimate first and
    settles with the provider's actual usage after, so batches that no longer fit are refused.
    Tier caps count hunk tokens (as plan.py does): the provider's prompt tokens minus the
    framing that we add, measured with our tokenizer.
    """

    def __init__(self, config: Config):
        self.config = config
        self.lock = threading.Lock()
        self.spent = 0.0
        self.reserved = 0.0
        self.tier_used: dict[str, int] = {}
        self.tier_reserved: dict[str, int] = {}

    def reserve(self, batch: Batch, est_cost: float | None, hunk_tokens: int) -> None:
        limit = self.config.max_cost_usd
        cap = self.config.tiers[batch.tier].max_tokens
        with self.lock:
            if limit is not None and est_cost is not None and self.spent + self.reserved + est_cost > limit:
                raise _Failed(
                    f"over the run budget at run time (budget.max_cost_usd: {limit}; "
                    f"spent ${self.spent:.4f}, this batch needs about ${est_cost:.4f})"
                )
            used = self.tier_used.get(batch.tier, 0) + self.tier_reserved.get(batch.tier, 0)
            if cap is not None and used + hunk_tokens > cap:
                raise _Failed(
                    f"over the {batch.tier} tier's token cap at run time (tiers.{batch.tier}.max_tokens: {cap}; "
                    f"{used} used, this batch needs {hunk_tokens})"
                )
            self.reserved += est_cost or 0.0
            self.tier_reserved[batch.tier] = self.tier_reserved.get(batch.tier, 0) + hunk_tokens

    def settle(self, batch: Batch, est_cost: float | None, hunk_tokens: int,
               actual_cost: float, actual_hunk_tokens: int) -> None:
        with self.lock:
            self.reserved -= est_cost or 0.0
            self.tier_reserved[batch.tier] -= hunk_tokens
            self.spent += actual_cost
            self.tier_used[batch.tier] = self.tier_used.get(batch.tier, 0) + actual_hunk_tokens


# -------------------------------------------------------------------- one batch


def _run_batch(litellm: Any, job: Job, config: Config, budget: _Budget) -> Result:
    res = Result()
    schema = _supports_schema(litellm, job.batch.model)
    messages = build_messages(list(job.sections), schema=schema)
    try:
        answer = _call(litellm, job, messages, config, budget, res, schema)
        try:
            res.findings = parse_answer(answer)
        except AnswerTooLong as problem:
            raise _Failed(f"the model's answer is unusable: {problem}") from None
        except AnswerError as problem:
            # One repair attempt: show the model its answer and ask for the JSON alone.
            repair = repair_messages(messages, answer, str(problem))
            res.findings = _parse_or_fail(_call(litellm, job, repair, config, budget, res, schema))
    except _Failed as e:
        res.error = str(e)
    return res


def _parse_or_fail(answer: str) -> list:
    try:
        return parse_answer(answer)
    except AnswerError as e:
        raise _Failed(f"the model's answer was unusable twice ({e})") from None


def _proxy_cost(response: Any) -> float | None:
    """x-litellm-response-cost of a LiteLLM proxy's answer (litellm keeps the provider's
    response headers in _hidden_params, prefixed 'llm_provider-'), or None."""
    hidden = getattr(response, "_hidden_params", None)
    headers = hidden.get("additional_headers") if isinstance(hidden, dict) else None
    if not isinstance(headers, dict):
        return None
    for name in ("llm_provider-x-litellm-response-cost", "x-litellm-response-cost"):
        value = headers.get(name)
        if value is None:
            continue
        try:
            v = float(value)
        except (TypeError, ValueError):
            return None
        return v if 0 <= v < 1e6 else None
    return None


def _call(litellm: Any, job: Job, messages: list[dict[str, str]], config: Config,
          budget: _Budget, res: Result, schema: bool) -> str:
    """One completion (with our retries), inside the budget; returns the answer text."""
    model = job.batch.model
    price = price_of(model, config)
    est_prompt = tokens.request_tokens([m["content"] for m in messages], RESPONSE_FORMAT if schema else None)
    hunk_tokens = sum(p.tokens for p in job.batch.hunks)
    framing = max(0, est_prompt - hunk_tokens)
    est_cost = cost(price, est_prompt, EXPECTED_OUTPUT_TOKENS)
    budget.reserve(job.batch, est_cost, hunk_tokens)
    actual_cost, actual_hunk_tokens = 0.0, 0
    try:
        response = _with_retries(litellm, model, messages, config, res, schema)
        usage = getattr(response, "usage", None)
        prompt_t = getattr(usage, "prompt_tokens", None)
        completion_t = getattr(usage, "completion_tokens", None)
        text = _content(response)
        if prompt_t is None or completion_t is None:
            res.usage_estimated = True
            prompt_t, completion_t = est_prompt, tokens.count(text or "")
        res.prompt_tokens += int(prompt_t)
        res.completion_tokens += int(completion_t)
        # A LiteLLM proxy says what it charged (its spend logs and budgets count that figure):
        # the ledger records the proxy's cost, not our estimate from the price table.
        proxy_cost = _proxy_cost(response)
        actual_cost = proxy_cost if proxy_cost is not None else (cost(price, int(prompt_t), int(completion_t)) or 0.0)
        res.cost_usd += actual_cost
        actual_hunk_tokens = max(0, int(prompt_t) - framing)
        return text
    finally:
        budget.settle(job.batch, est_cost, hunk_tokens, actual_cost, actual_hunk_tokens)


def _content(response: Any) -> str:
    try:
        return response.choices[0].message.content or ""
    except (AttributeError, IndexError, TypeError):
        return ""


def _with_retries(litellm: Any, model: str, messages: list[dict[str, str]], config: Config, res: Result,
                  schema: bool) -> Any:
    rc = config.review
    kwargs: dict[str, Any] = {
        "model": model,
        "messages": messages,
        "timeout": rc.timeout_s,
        "num_retries": 0,  # we retry ourselves, only on what is worth retrying
    }
    if rc.api_base:
        kwargs["api_base"] = rc.api_base
    if schema:
        kwargs["response_format"] = RESPONSE_FORMAT
    attempt = 0
    while True:
        res.calls += 1
        try:
            return _within(rc.timeout_s, litellm.completion, kwargs)
        except Exception as e:
            if isinstance(e, litellm.AuthenticationError):
                raise _Failed(_auth_message(litellm, model, rc.api_base)) from None
            if ("response_format" in kwargs and isinstance(e, litellm.BadRequestError)
                    and not isinstance(e, litellm.ContextWindowExceededError)):
                # Some servers behind an "openai/" name reject json_schema: ask without it,
                # the prompt states the contract and the parser copes with prose.
                del kwargs["response_format"]
                kwargs["messages"] = without_schema(kwargs["messages"])
                continue
            unreachable = _unreachable(e, rc.api_base)
            if unreachable:
                raise _Failed(unreachable) from None
            if not _retryable(litellm, e):
                raise _Failed(f"the model call failed: {_describe(e)}") from None
            if attempt >= rc.retries:
                raise _Failed(f"the model call failed after {attempt + 1} attempt(s): {_describe(e)}") from None
            delay = _retry_after(e)
            if delay is not None and delay > RETRY_AFTER_MAX_S:
                raise _Failed(f"the provider asks to wait {delay:.0f} s (over {RETRY_AFTER_MAX_S:.0f} s): {_describe(e)}") from None
            if delay is None:
                delay = min(BACKOFF_MAX_S, BACKOFF_BASE_S * 2**attempt) * random.uniform(0.5, 1.0)
            time.sleep(delay)
            attempt += 1


def _within(deadline_s: float, call: Any, kwargs: dict[str, Any]) -> Any:
    """`call(**kwargs)`, given up after `deadline_s` seconds in all.

    litellm hands `timeout` to the provider's HTTP client (httpx, through the OpenAI SDK for
    OpenAI-compatible servers) as connect/read/write limits, each per operation: a server that
    sends a byte every few seconds never trips a read limit, and held a 5 s timeout for a
    minute. So the call runs in a thread of its own and the wait for it is the deadline. A
    call given up on is left to end by itself (a daemon thread: it cannot hold up the exit);
    its answer, if one ever comes, is not read.
    """
    box: dict[str, Any] = {}
    done = threading.Event()

    def run() -> None:
        try:
            box["value"] = call(**kwargs)
        except BaseException as e:  # handed to the waiting thread, raised there
            box["error"] = e
        finally:
            done.set()

    threading.Thread(target=run, name="fedgate-model-call", daemon=True).start()
    if not done.wait(deadline_s):
        raise _DeadlineExceeded(f"Timeout: no complete answer within review.timeout_s ({deadline_s:g} s)")
    if "error" in box:
        raise box["error"]
    return box["value"]


def _supports_schema(litellm: Any, model: str) -> bool:
    try:
        return bool(litellm.supports_response_schema(model=model))
    except Exception:  # unknown model names raise in some litellm versions
        return False


def _retryable(litellm: Any, e: Exception) -> bool:
    if isinstance(e, (_DeadlineExceeded, litellm.RateLimitError, litellm.Timeout, litellm.APIConnectionError)):
        return True
    status = getattr(e, "status_code", None)
    return isinstance(status, int) and (status >= 500 or status in (408, 429))


def _unreachable(e: Exception, api_base: str | None) -> str | None:
    """A refused connection or an unknown host: say so, and do not retry.

    litellm reports both as InternalServerError (HTTP 500) "Connection error."; the real cause
    is further down the exception chain. Waiting will not start the server or fix the name.
    """
    seen = 0
    cause: BaseException | None = e
    while cause is not None and seen < 10:
        if isinstance(cause, (ConnectionRefusedError, socket.gaierror)):
            where = f" at {api_base}" if api_base else ""
            what = "connection refused" if isinstance(cause, ConnectionRefusedError) else "unknown host"
            return (f"cannot reach the model API{where}: {what} (is the server running? "
                    "check review.api_base / FEDGATE_API_BASE)")
        cause = cause.__cause__ or cause.__context__
        seen += 1
    return None


def _retry_after(e: Exception) -> float | None:
    headers = getattr(e, "litellm_response_headers", None)
    if headers is None:
        headers = getattr(getattr(e, "response", None), "headers", None)
    if not headers:
        return None
    value = headers.get("retry-after-ms")
    if value is not None:
        try:
            return max(0.0, float(value) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:  # the other form RFC 9110 allows: an HTTP date
        return max(0.0, email.utils.parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def _describe(e: Exception) -> str:
    if isinstance(e, _DeadlineExceeded):
        return str(e)  # our own words, nothing to clean
    status = getattr(e, "status_code", None)
    # litellm prefixes its messages with the class name, twice: "litellm.X: X: OpenAIException - ..."
    text = re.sub(r"^litellm\.\w+:\s*(\w+:\s*)?", "", " ".join(str(e).split()))[:240]
    # Provider messages sometimes quote part of a key; nothing key-shaped reaches the user.
    text = scrub(text)
    kind = type(e).__name__
    return f"{kind} (HTTP {status}): {text}" if status else f"{kind}: {text}"


def _auth_message(litellm: Any, model: str, api_base: str | None) -> str:
    var = None
    try:
        missing = litellm.validate_environment(model=model).get("missing_keys") or []
        var = missing[0] if missing else None
    except Exception:
        pass
    provider = _provider(model)
    if var is None:
        var = KEY_VARS.get(provider, f"{provider.upper()}_API_KEY" if provider else "the provider's API key variable")
    where = f" at {_public_url(api_base)}" if api_base else ""
    return f"authentication failed for {model}{where}: set {var} to a valid key (HTTP 401)"


def _public_url(url: str) -> str:
    """The URL without user info and query: a proxy URL may carry a key in either."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    return urllib.parse.urlunsplit((parts.scheme, host, parts.path, "", ""))


# ------------------------------------------------------------------- results


def _outcome(jobs: list[Job], results: dict[int, Result], notes: list[str]) -> ReviewOutcome:
    findings: list[Finding] = []
    unreviewed: list[Unreviewed] = []
    dropped = 0
    by_model: dict[str, list[Result]] = {}
    for job in jobs:
        res = results[job.index]
        by_model.setdefault(job.batch.model, []).append(res)
        if res.findings is None:
            unreviewed.extend(
                Unreviewed(p.path, p.tier, res.error or "not reviewed", p.hunk.new_start, p.hunk.old_start, p.tokens,
                           blocking=True)
                for p in job.batch.hunks
            )
            continue
        kept, bad = validate(res.findings, job.lines, job.paths, job.batch.model)
        findings.extend(kept)
        dropped += bad
    redacted = sum(job.redacted for job in jobs if results[job.index].calls)
    if redacted:
        notes.append(f"{redacted} secret-like value(s) replaced with placeholders before sending")
    for model in sorted(m for m, rs in by_model.items() if any(r.usage_estimated for r in rs)):
        notes.append(f"{model} returned no token usage: tokens and cost are estimates")
    usage = Usage.total(
        tuple(
            ModelUsage(model, sum(r.prompt_tokens for r in rs), sum(r.completion_tokens for r in rs),
                       round(sum(r.cost_usd for r in rs), 6), sum(r.calls for r in rs), sum(r.cached for r in rs))
            for model, rs in by_model.items()
        )
    )
    return ReviewOutcome(
        findings=tuple(findings), usage=usage, unreviewed=tuple(unreviewed), dropped=dropped, notes=tuple(notes)
    )
