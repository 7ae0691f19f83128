"""action.yml: a composite action whose inputs reach scripts only through env."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

ACTION = yaml.safe_load((Path(__file__).resolve().parents[1] / "action.yml").read_text(encoding="utf-8"))
INPUTS = {"config", "model", "api-base", "fail-on", "fail-open", "base", "head", "sarif-file", "comment",
          "python-version", "fedgate-version"}
OUTPUTS = {"exit-code", "findings", "blocking", "prompt-tokens", "completion-tokens", "cost-usd", "sarif-file"}


def test_inputs_and_outputs():
    assert INPUTS <= set(ACTION["inputs"])
    assert set(ACTION["outputs"]) == OUTPUTS
    for name, out in ACTION["outputs"].items():
        assert out["value"] == f"${{{{ steps.fedgate.outputs.{name} }}}}"


def test_composite_steps_use_bash_and_no_expression_in_scripts():
    assert ACTION["runs"]["using"] == "composite"
    run_steps = [s for s in ACTION["runs"]["steps"] if "run" in s]
    assert run_steps
    for step in run_steps:
        assert step["shell"] == "bash"
        # Script injection: an expression in `run:` is pasted into the script text.
        assert "${{" not in step["run"], step["run"]
    review = next(s for s in run_steps if s.get("id") == "fedgate")
    assert review["run"].strip() == "fedgate ci github"
    # Every input the review needs arrives as an environment variable.
    used = set(re.findall(r"inputs\.([a-z-]+)", " ".join(map(str, review["env"].values()))))
    assert {"config", "model", "api-base", "fail-on", "fail-open", "base", "head", "sarif-file", "comment"} <= used
    install = next(s for s in run_steps if "pip install" in s["run"])
    assert install["env"]["FEDGATE_ACTION_PATH"] == "${{ github.action_path }}"
    assert "fedgate==$FEDGATE_VERSION" in install["run"]
