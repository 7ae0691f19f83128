"""SARIF, GitHub annotations and Markdown: formatters of a RunResult."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from fedgate.findings import fingerprint
from fedgate.models import Decision, DiffRange, Finding, ModelUsage, Plan, ReviewOutcome, RunResult, Unreviewed, Usage
from fedgate.report import render
from fedgate.report.github import ANNOTATION_LIMIT, escape_data, escape_property

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-2.1.0.json").read_text(encoding="utf-8"))


def finding(path="src/auth/login.py", line=12, severity="high", rule="secret", **kw) -> Finding:
    return Finding(
        path=path, line=line, severity=severity, rule=rule, source=kw.pop("source", "rules"),
        message=kw.pop("message", "AWS access key added"), fingerprint=fingerprint(rule, path, f"{line}{kw}"),
        **kw,
    )


def result_with(findings: list[Finding], blocking: list[Finding], exit_code: int = 1, **kw) -> RunResult:
    usage = kw.pop("usage", Usage())
    return RunResult(
        range=DiffRange("a" * 40, "b" * 40, "main...feature"),
        files=(),
        plan=kw.pop("plan", Plan((), ())),
        outcome=ReviewOutcome(findings=tuple(findings), usage=usage),
        decision=Decision(exit_code, tuple(blocking), ("1 blocking finding(s) at or above 'high'",), tuple(findings)),
        model_configured=True,
        duration_s=0.25,
        **kw,
    )


@pytest.fixture
def mixed() -> RunResult:
    secret = finding(title="Secret in the diff", hint="rotate the key", end_line=14)
    model = finding("src/payments/refund.py", 40, "medium", "model/security", source="model:openai/gpt-4.1-mini",
                    message="refund amount is not checked against the charge", category="security")
    inline = finding("src/app.py", 3, "low", "debug-left", suppressed=True, suppression="inline: kept for the demo")
    bare = finding("src/app.py", 9, "low", "debug-left", suppressed=True, suppression="inline")
    base = finding("src/old.py", 1, "high", "tls-verify-off", suppressed=True, suppression="baseline")
    odd = finding("docs dir/naïve, file.py", 0, "low", "suppression-without-reason", category="style")
    return result_with([secret, model, inline, bare, base, odd], [secret])


def test_sarif_validates_against_the_official_schema(mixed):
    doc = json.loads(render("sarif", mixed))
    jsonschema.Draft4Validator(SCHEMA).validate(doc)
    assert doc["version"] == "2.1.0"
    run = doc["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "fedgate" and driver["version"] and driver["informationUri"].startswith("https://")
    ids = [r["id"] for r in driver["rules"]]
    assert ids == ["secret", "model/security", "debug-left", "tls-verify-off", "suppression-without-reason"]
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"] and rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    results = run["results"]
    assert len(results) == 6
    for r in results:
        assert driver["rules"][r["ruleIndex"]]["id"] == r["ruleId"]
        assert r["partialFingerprints"]["fedgateFingerprint/v1"]
        assert r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    secret = results[0]
    assert secret["level"] == "error" and secret["properties"]["blocking"] is True
    loc = secret["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "src/auth/login.py"
    assert loc["region"] == {"startLine": 12, "endLine": 14}
    assert "rotate the key" in secret["message"]["text"]
    assert results[1]["level"] == "warning" and results[1]["ruleId"] == "model/security"
    assert results[2]["suppressions"] == [{"kind": "inSource", "justification": "kept for the demo"}]
    assert results[3]["suppressions"][0]["kind"] == "inSource"
    assert results[4]["suppressions"][0]["kind"] == "external"
    assert "suppressions" not in results[0]
    # A path with a space and non-ASCII is a valid URI reference; a whole-file finding
    # (line 0) still gets the startLine code scanning requires.
    odd = results[5]["locations"][0]["physicalLocation"]
    assert odd["artifactLocation"]["uri"] == "docs%20dir/na%C3%AFve%2C%20file.py"
    assert odd["region"] == {"startLine": 1}


def test_sarif_without_findings_is_valid():
    doc = json.loads(render("sarif", result_with([], [], exit_code=0, warnings=("a note",))))
    jsonschema.Draft4Validator(SCHEMA).validate(doc)
    assert doc["runs"][0]["results"] == [] and doc["runs"][0]["tool"]["driver"]["rules"] == []
    assert doc["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"] == "a note"


def test_github_escaping():
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_github_annotations_are_escaped_and_typed(mixed):
    evil = finding("src/a,b:c.py", 5, "high", "secret", title="x: y, z", message="line one\n::error::injected 50%")
    out = render("github", result_with([evil], [evil]))
    lines = out.splitlines()
    assert lines[0] == (
        "::error file=src/a%2Cb%3Ac.py,line=5,title=fedgate [secret] high%3A x%3A y%2C z::"
        "line one%0A::error::injected 50%25"
    )
    # The injected text stays inside the one annotation: no line of output starts with it.
    assert not any(ln.startswith("::error::injected") for ln in lines)
    out = render("github", mixed)
    assert out.count("::error ") == 1  # only the blocking one is an error
    assert out.count("::warning ") == 2  # unsuppressed, not blocking; suppressed ones are skipped
    assert "file=src/auth/login.py,line=12,endLine=14," in out
    assert out.rstrip().splitlines()[-1].startswith("::notice title=fedgate::FAIL (exit 1)")


def test_github_caps_annotations_per_type():
    errors = [finding(f"src/auth/f{i}.py", i + 1) for i in range(14)]
    warnings = [finding(f"src/m{i}.py", i + 1, "medium", "model/bug") for i in range(13)]
    out = render("github", result_with(errors + warnings, errors))
    assert out.count("::error ") == ANNOTATION_LIMIT
    assert out.count("::warning ") == ANNOTATION_LIMIT
    assert "7 more finding(s) are not annotated" in out
    assert out.count("::notice") <= ANNOTATION_LIMIT


def test_github_notices_stay_under_the_limit():
    unreviewed = tuple(Unreviewed(f"src/auth/u{i}.py", "high", "over the high tier's token cap", i + 1) for i in range(15))
    out = render("github", result_with([], [], exit_code=3, plan=Plan((), unreviewed)))
    assert out.count("::notice") == ANNOTATION_LIMIT
    assert "more note(s) in the job summary" in out
    assert "INCOMPLETE (exit 3)" in out.splitlines()[-1]


def test_markdown_summary(mixed):
    per_model = (ModelUsage("openai/gpt-4.1-mini", 1200, 300, 0.0012, 2, 1), ModelUsage("anthropic/claude", 10, 5, 0.5, 1))
    r = result_with(
        [finding(message="a | pipe <script>")] + list(mixed.decision.findings),
        list(mixed.decision.blocking),
        usage=Usage.total(per_model),
        warnings=("fork pull request: model review skipped",),
    )
    md = render("markdown", r)
    assert md.startswith("## fedgate: ❌ FAIL (exit 1)")
    assert "### Plan" in md and "### Findings (7, 1 blocking)" in md
    assert "a \\| pipe &lt;script&gt;" in md  # one table cell, no raw HTML
    assert "| high | `src/auth/login.py:12` | `secret` |" in md
    assert "**blocking**" in md and "suppressed (baseline)" in md
    assert "1,210 prompt + 305 completion tokens, cost $0.5012" in md
    assert "| openai/gpt-4.1-mini | 2 | 1,200 | 300 | $0.0012 |" in md
    assert "- fork pull request: model review skipped" in md


@pytest.mark.parametrize("fmt", ["sarif", "github", "markdown"])
def test_check_command_prints_each_format(tmp_path, fmt):
    import subprocess
    import sys

    from helpers_integrations import commit, git_env, init_repo

    root = init_repo(tmp_path / "repo")
    commit(root, {"README.md": "x\n"}, "one")
    commit(root, {"src/auth/login.py": "def login(u):\n    return u.ok\n"}, "two")
    proc = subprocess.run([sys.executable, "-m", "fedgate", "check", "HEAD~1", "--format", fmt],
                          cwd=root, env=git_env(), capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    if fmt == "sarif":
        jsonschema.Draft4Validator(SCHEMA).validate(json.loads(proc.stdout))
    elif fmt == "github":
        assert proc.stdout.splitlines()[-1] == "::notice title=fedgate::PASS (exit 0): no blocking findings"
    else:
        assert proc.stdout.startswith("## fedgate: ✅ PASS (exit 0)") and "It would review 1 high-risk hunk(s)" in proc.stdout
