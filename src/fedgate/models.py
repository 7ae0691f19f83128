"""Plain data that flows between the pipeline stages.

Every stage takes and returns these frozen records; no stage holds a reference to git,
the network or the terminal.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

TIERS = ("high", "medium", "low")
TIER_RANK = {"high": 3, "medium": 2, "low": 1}

SEVERITIES = ("critical", "high", "medium", "low")
SEVERITY_RANK = {"critical": 4, "high": 3, "medium": 2, "low": 1}

CATEGORIES = (
    "bug",
    "security",
    "data-loss",
    "concurrency",
    "error-handling",
    "missing-test",
    "performance",
    "style",
)


class FedgateError(Exception):
    """A user-facing failure: bad config, bad range, not a repository (exit 2)."""

    exit_code = 2


# --------------------------------------------------------------------------- diff


class Line(NamedTuple):
    # A tuple, not a dataclass: a large diff has hundreds of thousands of these.
    kind: str  # "+", "-" or " "
    text: str
    old_no: int | None
    new_no: int | None


@dataclass(frozen=True)
class Hunk:
    old_start: int
    old_len: int
    new_start: int
    new_len: int
    section: str
    lines: tuple[Line, ...]

    @property
    def added(self) -> tuple[Line, ...]:
        return tuple(ln for ln in self.lines if ln.kind == "+")

    @property
    def removed(self) -> tuple[Line, ...]:
        return tuple(ln for ln in self.lines if ln.kind == "-")

    def text(self) -> str:
        """The hunk as unified-diff body text (what a reviewer reads)."""
        header = f"@@ -{self.old_start},{self.old_len} +{self.new_start},{self.new_len} @@"
        if self.section:
            header += " " + self.section
        return header + "\n" + "".join(f"{ln.kind}{ln.text}\n" for ln in self.lines)

    def new_line_numbers(self) -> frozenset[int]:
        return frozenset(ln.new_no for ln in self.lines if ln.new_no is not None)


@dataclass(frozen=True)
class ChangedFile:
    path: str  # new path ("/dev/null" never appears: deleted files keep their old path)
    old_path: str | None  # set for renames and copies
    status: str  # added | deleted | modified | renamed | copied
    hunks: tuple[Hunk, ...] = ()
    binary: bool = False
    old_mode: str | None = None
    new_mode: str | None = None
    similarity: int | None = None
    submodule: bool = False
    symlink: bool = False

    @property
    def mode_changed(self) -> bool:
        return bool(self.old_mode and self.new_mode and self.old_mode != self.new_mode)

    @property
    def added_lines(self) -> int:
        return sum(len(h.added) for h in self.hunks)

    @property
    def removed_lines(self) -> int:
        return sum(len(h.removed) for h in self.hunks)


@dataclass(frozen=True)
class DiffRange:
    """What was compared. `base` None means the empty tree (root commit)."""

    base: str | None
    head: str | None  # None means the index (--staged) or the work tree
    spec: str  # how the user named it, for messages
    note: str = ""  # how the range was chosen when it was not given


# ----------------------------------------------------------------------- classify


@dataclass(frozen=True)
class HunkVerdict:
    hunk: Hunk
    tier: str
    reason: str
    trivial: str | None  # the reason it needs no review, or None
    tokens: int  # an estimate of the tokens it would cost as model input (the plan counts exactly)
    # Risk score (policy.py): at or over routing.threshold the hunk is high risk. `reasons`
    # are what added to it, strongest first, e.g. "+50 removed line: auth-denial-removed".
    score: int = 0
    reasons: tuple[str, ...] = ()

    @property
    def reviewable(self) -> bool:
        return self.trivial is None


@dataclass(frozen=True)
class FileVerdict:
    file: ChangedFile
    tier: str
    reason: str
    trivial: str | None
    hunks: tuple[HunkVerdict, ...]
    path_tier: str = ""  # the tier from the path alone, before content signals raised hunks
    score: int = 0  # the highest score of its reviewable hunks

    @property
    def path(self) -> str:
        return self.file.path


# --------------------------------------------------------------------------- plan


@dataclass(frozen=True)
class PlannedHunk:
    path: str
    tier: str
    hunk: Hunk
    tokens: int


@dataclass(frozen=True)
class Batch:
    model: str
    tier: str
    hunks: tuple[PlannedHunk, ...]
    tokens: int
    est_cost_usd: float | None


@dataclass(frozen=True)
class Unreviewed:
    path: str
    tier: str
    reason: str
    new_start: int | None = None
    old_start: int | None = None
    tokens: int = 0
    blocking: bool = True  # counts toward exit 3 under fail-closed


@dataclass(frozen=True)
class Plan:
    batches: tuple[Batch, ...]
    unreviewed: tuple[Unreviewed, ...]
    # Hunks that a model would review if one were configured (offline mode).
    would_review: tuple[PlannedHunk, ...] = ()
    model_tiers: tuple[str, ...] = ("high",)
    notes: tuple[str, ...] = ()

    @property
    def model_hunks(self) -> int:
        return sum(len(b.hunks) for b in self.batches)

    @property
    def tokens(self) -> int:
        return sum(b.tokens for b in self.batches)

    @property
    def est_cost_usd(self) -> float | None:
        costs = [b.est_cost_usd for b in self.batches]
        if any(c is None for c in costs):
            return None
        return round(sum(c for c in costs if c is not None), 6)


# ------------------------------------------------------------------------- review


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    severity: str
    rule: str
    source: str  # "rules" or "model:<name>"
    message: str
    fingerprint: str
    title: str = ""
    category: str = "bug"
    end_line: int | None = None
    hint: str = ""
    suppressed: bool = False
    suppression: str = ""  # "inline: <reason>" or "baseline"


@dataclass(frozen=True)
class ModelUsage:
    model: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    calls: int = 0
    cache_hits: int = 0


@dataclass(frozen=True)
class Usage:
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    model_calls: int = 0
    cache_hits: int = 0
    per_model: tuple[ModelUsage, ...] = ()

    @classmethod
    def total(cls, per_model: tuple[ModelUsage, ...]) -> Usage:
        return cls(
            prompt_tokens=sum(m.prompt_tokens for m in per_model),
            completion_tokens=sum(m.completion_tokens for m in per_model),
            cost_usd=round(sum(m.cost_usd for m in per_model), 6),
            model_calls=sum(m.calls for m in per_model),
            cache_hits=sum(m.cache_hits for m in per_model),
            per_model=per_model,
        )


@dataclass(frozen=True)
class ReviewOutcome:
    findings: tuple[Finding, ...] = ()
    usage: Usage = field(default_factory=Usage)
    unreviewed: tuple[Unreviewed, ...] = ()  # planned hunks the reviewer could not complete
    dropped: int = 0  # model findings dropped by validation (outside the diff, bad shape)
    notes: tuple[str, ...] = ()


# ------------------------------------------------------------------------- decide


@dataclass(frozen=True)
class AddedSuppression:
    """A `fedgate: ignore[...]` comment on a line the reviewed change adds."""

    path: str
    line: int
    rules: str  # what the bracket names, as written
    reason: str
    silenced: tuple[str, ...] = ()  # rule ids of the findings it suppressed
    refused: tuple[str, ...] = ()  # rule ids it tried to suppress and cannot (secret, reviewer-directed-text)


@dataclass(frozen=True)
class Decision:
    exit_code: int
    blocking: tuple[Finding, ...]
    reasons: tuple[str, ...]
    findings: tuple[Finding, ...]  # all findings, suppressions applied
    added_suppressions: tuple[AddedSuppression, ...] = ()


@dataclass(frozen=True)
class BaselineInfo:
    """Which baseline the decision used. A change cannot baseline its own findings: when the
    reviewed range edits the file (or in CI, always), the base commit's version applies."""

    applied: str  # "worktree" (the file on disk), "base" (the base commit's version) or "none"
    changed_in_range: bool = False
    fingerprints: int = 0


@dataclass(frozen=True)
class RunResult:
    """Everything a reporter or the ledger needs; reporters only format this."""

    range: DiffRange
    files: tuple[FileVerdict, ...]
    plan: Plan
    outcome: ReviewOutcome
    decision: Decision
    model_configured: bool
    duration_s: float
    warnings: tuple[str, ...] = ()
    config_path: str | None = None
    dry_run: bool = False
    baseline: BaselineInfo = field(default_factory=lambda: BaselineInfo("none"))
    # Why no model reviewed this run, when none did: the run was told not to call one
    # (--rules-only, a fork pull request), else none is configured.
    model_off_reason: str = "no model configured"
