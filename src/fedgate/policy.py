"""Risk tiers: which tier a path gets (globs) and which hunks a content signal raises."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from .config import Config, compile_globs
from .models import TIER_RANK, TIERS, Hunk


@dataclass(frozen=True)
class TierMatch:
    tier: str
    reason: str


class Policy:
    """Compiled tier globs and signals of one Config."""

    def __init__(self, config: Config):
        self.config = config

    @cached_property
    def _specs(self):
        return {t: compile_globs(self.config.tiers[t].paths) for t in TIERS}

    @cached_property
    def _signals(self) -> list[tuple[str, str, re.Pattern[str]]]:
        out = []
        for tier in TIERS:  # highest first: the first signal that fires is the strongest
            for pattern in self.config.tiers[tier].signals:
                out.append((tier, pattern, re.compile(pattern)))
        return out

    def tier_of_path(self, path: str) -> TierMatch:
        for tier in TIERS:
            result = self._specs[tier].check_file(path)
            if result.include:
                glob = self.config.tiers[tier].paths[result.index]
                return TierMatch(tier, f"path matches {tier} glob '{glob}'")
        return TierMatch(self.config.default_tier, f"no glob matched: default tier {self.config.default_tier}")

    def signal_in(self, hunk: Hunk, above: str) -> TierMatch | None:
        """The strongest signal on a changed line that would raise a hunk above tier `above`."""
        changed = [ln.text for ln in hunk.lines if ln.kind != " "]
        if not changed:
            return None
        for tier, pattern, rx in self._signals:
            if TIER_RANK[tier] <= TIER_RANK[above]:
                continue
            for text in changed:
                if rx.search(text):
                    short = pattern if len(pattern) <= 60 else pattern[:57] + "..."
                    return TierMatch(tier, f"changed line matches {tier} signal '{short}'")
        return None

    def explain(self, path: str) -> TierMatch:
        return self.tier_of_path(path)


def _max_tier(a: TierMatch, b: TierMatch) -> TierMatch:
    return b if TIER_RANK[b.tier] > TIER_RANK[a.tier] else a


def classify(files, config: Config, policy: Policy | None = None):
    """ChangedFile[] -> FileVerdict[]: a tier and a reason per file and per hunk."""
    from . import tokens
    from .models import FileVerdict, HunkVerdict
    from .trivial import file_trivial, hunk_trivial

    policy = policy or Policy(config)
    exact_tiers = set(config.review.tiers)
    out = []
    for f in files:
        match = policy.tier_of_path(f.path)
        if f.old_path and f.old_path != f.path:
            # Moving a file out of a risky place is as risky as the place it left.
            old = policy.tier_of_path(f.old_path)
            if TIER_RANK[old.tier] > TIER_RANK[match.tier]:
                match = TierMatch(old.tier, f"old path {old.reason.removeprefix('path ')}")
        ftriv = file_trivial(f, config.trivial)
        if ftriv and ftriv.startswith("generated file") and match.tier == "high":
            ftriv = None  # a marker line is too easy to add to a risky file to trust it there
        if f.submodule:
            ftriv = ftriv or None
        elif f.binary and match.tier == "low":
            ftriv = ftriv or "binary asset"
        hunks = []
        for h in f.hunks:
            tm = match
            triv = ftriv or ("submodule pointer" if f.submodule else hunk_trivial(h, f.path))
            if triv is None:
                sig = policy.signal_in(h, tm.tier)
                if sig:
                    tm = sig
            hunks.append([h, tm, triv])
        changed = sum(len(h.lines) - sum(1 for ln in h.lines if ln.kind == " ") for h in f.hunks)
        if (
            not ftriv
            and match.tier == "low"
            and all(tm.tier == "low" for _, tm, _ in hunks)
            and changed <= config.trivial.small_edit_lines
        ):
            for entry in hunks:
                entry[2] = entry[2] or f"small edit in a low-risk file ({changed} changed lines)"
        verdicts = []
        for h, tm, triv in hunks:
            text = h.text()
            exact = triv is None and tm.tier in exact_tiers
            verdicts.append(
                HunkVerdict(
                    hunk=h,
                    tier=tm.tier,
                    reason=tm.reason,
                    trivial=triv,
                    tokens=tokens.count(text) if exact else tokens.estimate(text),
                    tokens_exact=exact,
                )
            )
        file_match = match
        for v in verdicts:
            if v.trivial is None:
                file_match = _max_tier(file_match, TierMatch(v.tier, v.reason))
        if ftriv:
            file_triv = ftriv
        elif verdicts and all(v.trivial for v in verdicts):
            reasons = sorted({v.trivial for v in verdicts if v.trivial})
            file_triv = "; ".join(reasons)
        else:
            file_triv = None
        out.append(FileVerdict(file=f, tier=file_match.tier, reason=file_match.reason, trivial=file_triv, hunks=tuple(verdicts)))
    return tuple(out)
