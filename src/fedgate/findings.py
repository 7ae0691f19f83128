"""Findings: fingerprints, inline suppressions, the baseline, and the decision (exit code)."""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import replace

from .config import Config
from .models import (
    SEVERITY_RANK,
    AddedSuppression,
    Decision,
    FileVerdict,
    Finding,
    Plan,
    ReviewOutcome,
)

BASELINE_NAME = ".fedgate-baseline.json"
SUPPRESS_RE = re.compile(r"fedgate:\s*ignore\[([A-Za-z0-9_*,\s-]+)\]\s*(.*)")
# The change that adds a credential or a note to the AI reviewer could otherwise also add the
# comment that silences it; a suppression already in the base (or the base's baseline) still can.
NOT_SILENCED_BY_THE_CHANGE = ("secret", "reviewer-directed-text")


def normalise(text: str) -> str:
    return " ".join(text.split())


def fingerprint(rule: str, path: str, line_text: str) -> str:
    """Stable across line shifts: the rule, the path and the line's normalised content."""
    h = hashlib.sha256(f"{rule}\0{path}\0{normalise(line_text)}".encode("utf-8", "replace"))
    return h.hexdigest()[:20]


def new_side_lines(files: tuple[FileVerdict, ...]) -> dict[str, dict[int, str]]:
    """path -> {new line number: text} for every line of the diff that exists in the new file."""
    out: dict[str, dict[int, str]] = {}
    for fv in files:
        lines = out.setdefault(fv.path, {})
        for hv in fv.hunks:
            for ln in hv.hunk.lines:
                if ln.new_no is not None:
                    lines[ln.new_no] = ln.text
    return out


def added_line_numbers(files: tuple[FileVerdict, ...]) -> dict[str, set[int]]:
    """path -> new line numbers that the reviewed change adds."""
    out: dict[str, set[int]] = {}
    for fv in files:
        nums = out.setdefault(fv.path, set())
        for hv in fv.hunks:
            nums.update(ln.new_no for ln in hv.hunk.lines if ln.kind == "+")
    return out


def _inline_suppression(rule: str, lines: dict[int, str], line: int) -> tuple[bool, str, int] | None:
    """(has reason, reason, line of the comment) when the flagged line or the line above suppresses `rule`."""
    for n in (line, line - 1):
        text = lines.get(n)
        if not text:
            continue
        m = SUPPRESS_RE.search(text)
        if not m:
            continue
        ids = {i.strip() for i in m.group(1).split(",")}
        if rule in ids or "*" in ids:
            reason = m.group(2).strip().rstrip("*/-#>").strip()
            return (bool(reason), reason, n)
    return None


# A fingerprint costs about 70 bytes in a baseline: 64 MiB is close to a million findings.
MAX_BASELINE_BYTES = 64 << 20


def load_baseline(path: str) -> set[str]:
    from .files import read_text
    from .models import FedgateError

    try:
        # Capped: the file is the repository's, and can be a symlink to /dev/zero.
        text = read_text(path, MAX_BASELINE_BYTES)
    except FileNotFoundError:
        return set()
    except (OSError, ValueError) as e:
        raise FedgateError(f"{path}: cannot read the baseline: {e}; fix it, or rewrite it with `fedgate baseline`") from None
    return parse_baseline(text, path)


def parse_baseline(text: str, source: str) -> set[str]:
    from .models import FedgateError

    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as e:  # json raises RecursionError on deep nesting
        raise FedgateError(f"{source}: cannot read the baseline: {e}; fix it, or rewrite it with `fedgate baseline`") from None
    if not isinstance(data, dict) or not isinstance(data.get("fingerprints"), list):
        raise FedgateError(
            f"{source}: not a fedgate baseline (expected a 'fingerprints' list); fix it, or rewrite it with `fedgate baseline`"
        )
    return {str(f) for f in data["fingerprints"]}


def baseline_document(findings: tuple[Finding, ...]) -> dict:
    return {
        "version": 1,
        "comment": "Findings accepted when fedgate was adopted; `fedgate baseline` rewrites this file.",
        "fingerprints": sorted({f.fingerprint for f in findings}),
    }


def apply_suppressions(
    findings: tuple[Finding, ...], files: tuple[FileVerdict, ...], baseline: set[str]
) -> tuple[tuple[Finding, ...], tuple[AddedSuppression, ...]]:
    lines = new_side_lines(files)
    added = added_line_numbers(files)
    silenced: dict[tuple[str, int], list[str]] = {}
    refused: dict[tuple[str, int], list[str]] = {}
    out: list[Finding] = []
    for f in findings:
        sup = _inline_suppression(f.rule, lines.get(f.path, {}), f.line)
        by_change = sup is not None and sup[2] in added.get(f.path, ())
        if sup is not None and by_change and f.rule in NOT_SILENCED_BY_THE_CHANGE:
            refused.setdefault((f.path, sup[2]), []).append(f.rule)
            sup = None
        if sup is not None:
            has_reason, reason, at = sup
            if by_change:
                silenced.setdefault((f.path, at), []).append(f.rule)
            out.append(replace(f, suppressed=True, suppression=f"inline: {reason}" if has_reason else "inline"))
            if not has_reason:
                out.append(
                    Finding(
                        path=f.path,
                        line=f.line,
                        severity="low",
                        rule="suppression-without-reason",
                        source="rules",
                        title="Suppression without a reason",
                        message=f"`fedgate: ignore[{f.rule}]` gives no reason; say why the finding is acceptable",
                        fingerprint=fingerprint("suppression-without-reason", f.path, f.fingerprint),
                        category="style",
                        hint="write the reason after the bracket: fedgate: ignore[rule-id] why it is safe",
                    )
                )
        elif f.fingerprint in baseline:
            out.append(replace(f, suppressed=True, suppression="baseline"))
        else:
            out.append(f)
    return tuple(out), _added_suppressions(lines, added, silenced, refused)


def _added_suppressions(lines, added, silenced, refused) -> tuple[AddedSuppression, ...]:
    """Every suppression comment on an added line, with what it silenced or tried to."""
    out = []
    for path, nums in added.items():
        for n in sorted(nums):
            text = lines.get(path, {}).get(n, "")
            m = SUPPRESS_RE.search(text) if "fedgate:" in text else None
            if m:
                out.append(AddedSuppression(
                    path, n, m.group(1).strip(), m.group(2).strip().rstrip("*/-#>").strip(),
                    tuple(sorted(set(silenced.get((path, n), ())))), tuple(sorted(set(refused.get((path, n), ())))),
                ))
    return tuple(out)


def merge_duplicates(findings: tuple[Finding, ...]) -> tuple[Finding, ...]:
    """One finding per (path, line, rule); the most severe wins."""
    best: dict[tuple[str, int, str], Finding] = {}
    for f in findings:
        key = (f.path, f.line, f.rule)
        cur = best.get(key)
        if cur is None or SEVERITY_RANK[f.severity] > SEVERITY_RANK[cur.severity]:
            best[key] = f
    return tuple(sorted(best.values(), key=lambda f: (-SEVERITY_RANK[f.severity], f.path, f.line, f.rule)))


def is_blocking(f: Finding, fail_on: str) -> bool:
    if f.suppressed or f.category == "style":
        return False
    return SEVERITY_RANK[f.severity] >= SEVERITY_RANK[fail_on]


def decide(
    files: tuple[FileVerdict, ...],
    plan: Plan,
    outcome: ReviewOutcome,
    config: Config,
    baseline: set[str] | None = None,
) -> Decision:
    findings, added_suppressions = apply_suppressions(merge_duplicates(outcome.findings), files, baseline or set())
    blocking = tuple(f for f in findings if is_blocking(f, config.review.fail_on))
    unreviewed = [u for u in plan.unreviewed + outcome.unreviewed if u.blocking]
    reasons: list[str] = []
    if blocking:
        reasons.append(f"{len(blocking)} blocking finding(s) at or above '{config.review.fail_on}'")
    if unreviewed:
        if config.review.on_error == "fail":
            reasons.append(f"{len(unreviewed)} hunk(s) needed review and were not reviewed")
        else:
            reasons.append(f"{len(unreviewed)} hunk(s) not reviewed (allowed by fail-open)")
    if blocking:
        code = 1
    elif unreviewed and config.review.on_error == "fail":
        code = 3
    else:
        code = 0
    if not reasons:
        reasons.append("no blocking findings")
    return Decision(exit_code=code, blocking=blocking, reasons=tuple(reasons), findings=findings,
                    added_suppressions=added_suppressions)
