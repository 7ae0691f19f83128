"""`--format github`: findings as GitHub Actions workflow-command annotations.

GitHub shows at most 10 annotations of each type per step and drops the rest, so this
prints at most ANNOTATION_LIMIT errors and warnings and says where the others are (the
job summary, `--format markdown`, lists every finding).
"""
from __future__ import annotations

from ..models import Finding, RunResult

ANNOTATION_LIMIT = 10


def escape_data(text: str) -> str:
    """The message part of a workflow command (after `::`)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A `key=value` property: also `:` and `,`, which end the value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **props: str | int | None) -> str:
    fields = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v not in (None, ""))
    return f"::{kind}{' ' + fields if fields else ''}::{escape_data(message)}"


def annotation(f: Finding, kind: str) -> str:
    message = f.message or f.title
    if f.hint:
        message += f"\nFix: {f.hint}"
    title = f"fedgate [{f.rule}] {f.severity}" + (f": {f.title}" if f.title else "")
    end = f.end_line if f.end_line and f.end_line > f.line else None
    return command(kind, message, file=f.path, line=f.line if f.line >= 1 else None, endLine=end, title=title)


def annotations(findings: tuple[Finding, ...], blocking: tuple[Finding, ...]) -> tuple[list[str], int]:
    """(lines, number of findings left out by the per-type limit). Suppressed ones are skipped."""
    blocking_ids = {id(f) for f in blocking}
    errors = [f for f in findings if id(f) in blocking_ids]
    warnings = [f for f in findings if id(f) not in blocking_ids and not f.suppressed]
    lines = [annotation(f, "error") for f in errors[:ANNOTATION_LIMIT]]
    lines += [annotation(f, "warning") for f in warnings[:ANNOTATION_LIMIT]]
    left_out = max(0, len(errors) - ANNOTATION_LIMIT) + max(0, len(warnings) - ANNOTATION_LIMIT)
    return lines, left_out


def render(result: RunResult, color: bool = False, findings: tuple[Finding, ...] | None = None) -> str:
    """`findings` narrows the annotated findings (the CI mode leaves out those posted as PR comments)."""
    shown = result.decision.findings if findings is None else findings
    lines, left_out = annotations(shown, result.decision.blocking)
    notices: list[str] = []
    if left_out:
        notices.append(
            command(
                "notice",
                f"{left_out} more finding(s) are not annotated (GitHub shows {ANNOTATION_LIMIT} per type per step); "
                "the job summary lists all of them",
                title="fedgate",
            )
        )
    for u in result.plan.unreviewed + result.outcome.unreviewed:
        notices.append(command("notice", f"not reviewed: {u.reason}", file=u.path, line=u.new_start, title="fedgate: not reviewed"))
    notices += [command("notice", w, title="fedgate") for w in result.warnings]
    # Notices share the per-type limit; the verdict must be the one that is always shown.
    if len(notices) > ANNOTATION_LIMIT - 1:
        more = len(notices) - (ANNOTATION_LIMIT - 2)
        notices = notices[: ANNOTATION_LIMIT - 2]
        notices.append(command("notice", f"{more} more note(s) in the job summary", title="fedgate"))
    code = result.decision.exit_code
    verdict = {0: "PASS", 1: "FAIL", 3: "INCOMPLETE"}.get(code, f"exit {code}")
    notices.append(command("notice", f"{verdict} (exit {code}): {'; '.join(result.decision.reasons)}", title="fedgate"))
    return "\n".join(lines + notices) + "\n"
