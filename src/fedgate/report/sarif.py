"""`--format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it (upload-sarif)."""
from __future__ import annotations

import json
from urllib.parse import quote

from .. import __version__
from ..models import Finding, RunResult

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/fedgate/fedgate"
FINGERPRINT_KEY = "fedgateFingerprint/v1"

# (short description, full description, help) for the built-in rules.
RULE_TEXT: dict[str, tuple[str, str, str]] = {
    "secret": (
        "Secret in the diff",
        "A credential (API key, token, private key, password) is added in a changed line.",
        "Remove the secret from the change, rotate it, and load it from the environment or a secret store.",
    ),
    "reviewer-directed-text": (
        "Text addressed to a reviewer or a model",
        "A changed line contains instructions aimed at a code reviewer or a reviewing model "
        "(prompt injection), which can make an automated review skip real problems.",
        "Remove the instruction; code comments should describe the code, not instruct its reviewer.",
    ),
    "sensitive-logged": (
        "Sensitive value logged",
        "A password, token, key or similar value is written to a log or printed.",
        "Log an identifier or a redacted form instead of the value.",
    ),
    "tls-verify-off": (
        "TLS certificate verification turned off",
        "A changed line disables TLS certificate or host-name verification.",
        "Keep verification on; trust a private CA by passing its bundle instead.",
    ),
    "access-check-removed": (
        "Access check removed",
        "A changed hunk removes an authentication or authorization check.",
        "Restore the check, or explain in the change why the path no longer needs it.",
    ),
    "debug-left": (
        "Debugging code left in",
        "A breakpoint, debugger statement or debug print is added.",
        "Remove the debugging statement before merging.",
    ),
    "risky-without-tests": (
        "High-risk change without tests",
        "High-risk code changed and no test file changed in the same range.",
        "Add or update a test that covers the changed behaviour.",
    ),
    "suppression-without-reason": (
        "Suppression without a reason",
        "A `fedgate: ignore[rule]` comment gives no reason.",
        "Write the reason after the bracket: `fedgate: ignore[rule-id] why it is safe`.",
    ),
}

_LEVEL = {"critical": "error", "high": "error", "medium": "warning", "low": "note"}


def _rule_text(rule: str) -> tuple[str, str, str]:
    if rule in RULE_TEXT:
        return RULE_TEXT[rule]
    if rule.startswith("model/"):
        category = rule.split("/", 1)[1]
        return (
            f"Model review: {category}",
            f"A {category} problem that the reviewer model found in a high-risk hunk.",
            "Read the message and the hunk; fix the problem, or suppress it with "
            f"`fedgate: ignore[{rule}] reason` when it is a false positive.",
        )
    return (rule, f"fedgate finding {rule}.", f"Suppress with `fedgate: ignore[{rule}] reason` if it does not apply.")


def _rule(rule: str, level: str) -> dict:
    short, full, help_text = _rule_text(rule)
    return {
        "id": rule,
        "name": "".join(part.capitalize() for part in rule.replace("/", "-").split("-")),
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {"text": help_text, "markdown": help_text},
        "defaultConfiguration": {"level": level},
        "properties": {"tags": ["fedgate", "model" if rule.startswith("model/") else "rule"]},
    }


def _message(f: Finding) -> str:
    # Rules often write the title as the start of the message: say it once.
    text = f.title + ": " + f.message if f.title and f.message and not f.message.startswith(f.title) else (f.message or f.title)
    if f.hint:
        text += f" Fix: {f.hint}"
    return text


def _suppressions(f: Finding) -> list[dict]:
    if not f.suppressed:
        return []
    if f.suppression == "baseline":
        return [{"kind": "external", "justification": "accepted in .fedgate-baseline.json"}]
    reason = f.suppression.removeprefix("inline").removeprefix(":").strip()
    return [{"kind": "inSource", "justification": reason or "fedgate: ignore comment without a reason"}]


def _result(f: Finding, rule_index: int, blocking: bool) -> dict:
    # Code scanning needs region.startLine on every result (sarif-sdk rule GH1003); a
    # finding about a whole file (line 0) is shown on its first line.
    region: dict = {"startLine": max(f.line, 1)}
    if f.end_line and f.end_line > f.line:
        region["endLine"] = f.end_line
    physical = {"artifactLocation": {"uri": quote(f.path, safe="/"), "uriBaseId": "%SRCROOT%"}, "region": region}
    out = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": _LEVEL[f.severity],
        "message": {"text": _message(f)},
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
        "properties": {
            "severity": f.severity,
            "category": f.category,
            "source": f.source,
            "blocking": blocking,
        },
    }
    suppressions = _suppressions(f)
    if suppressions:
        out["suppressions"] = suppressions
    return out


def document(result: RunResult) -> dict:
    findings = result.decision.findings
    blocking = {id(f) for f in result.decision.blocking}
    rule_ids: list[str] = []
    levels: dict[str, str] = {}
    for f in findings:
        if f.rule not in levels:
            rule_ids.append(f.rule)
            levels[f.rule] = _LEVEL[f.severity]
    index = {rule: i for i, rule in enumerate(rule_ids)}
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "fedgate",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [_rule(r, levels[r]) for r in rule_ids],
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "the repository root"}}},
                "results": [_result(f, index[f.rule], id(f) in blocking) for f in findings],
                "invocations": [
                    {
                        # Exit 2 never reaches a reporter; 3 means the review was incomplete.
                        "executionSuccessful": result.decision.exit_code in (0, 1),
                        "exitCode": result.decision.exit_code,
                        "toolExecutionNotifications": [
                            {"level": "warning", "message": {"text": w}} for w in result.warnings
                        ],
                        "properties": {"reasons": list(result.decision.reasons)},
                    }
                ],
                "properties": {"range": result.range.spec, "base": result.range.base, "head": result.range.head},
            }
        ],
    }


def render(result: RunResult, color: bool = False) -> str:
    return json.dumps(document(result), indent=2, ensure_ascii=False) + "\n"
