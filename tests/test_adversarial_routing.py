"""The reviewed change tries to route itself away from the model (issue 12, item 3): it moves a
risky file under a skipped folder or name, or gives it a name a skip glob matches. The gate
holds: the hunk still goes to the model (a real HTTP server on 127.0.0.1), never "skip"."""
from __future__ import annotations

import pytest

from fakellm import FakeLLM
from gitrepo import fedgate, make_repo
from helpers_model import model_env

HELPERS = "".join(f"def helper_{i}(value):\n    return value + {i}\n\n\n" for i in range(12))
LOGIN = HELPERS + "def login(user, password):\n    if not user.check_password(password):\n        return False\n    return True\n"
BYPASS = HELPERS + "def login(user, password):\n    return True\n"


@pytest.mark.parametrize(
    "target",
    ["docs/login.py", "dist/login.py", "src/auth/login.generated.py", "CHANGES", "vendor/login.py",
     "Docs/Login.py"],
)
def test_moving_a_risky_file_under_a_skip_glob_does_not_skip_its_review(tmp_path, target):
    repo = make_repo(tmp_path / "repo", {"README.md": "# p\n", "src/auth/login.py": LOGIN})
    (repo.path / target).parent.mkdir(parents=True, exist_ok=True)
    repo.git("mv", "src/auth/login.py", target)
    repo.write(target, BYPASS)
    repo.commit("move the login helper")
    offline = fedgate(repo.path, "check", "HEAD~1", "--format", "json").json()
    [f] = [f for f in offline["files"] if f["path"] == target]
    assert f["old_path"] == "src/auth/login.py"  # git saw the move
    assert f["trivial"] is False and f["tier"] == "high", f
    assert [w["path"] for w in offline["plan"]["would_review"]] == [target]
    if target != "docs/login.py":
        return  # one end-to-end model run is enough: the plan above is what the model gets
    with FakeLLM() as server:
        server.script(FakeLLM.findings([]))
        run = fedgate(repo.path, "check", "HEAD~1", "--format", "json", "--no-cache", env=model_env(server.url))
        assert run.code == 0, run.stderr
        assert len(server.requests) == 1 and "return True" in server.bodies_text()


def test_a_code_file_dropped_in_docs_is_reviewed_like_code(tmp_path):
    repo = make_repo(tmp_path / "repo", {"README.md": "# p\n", "docs/conf.py": "extensions = []\n"})
    repo.write("docs/conf.py", "import subprocess\nsubprocess.run(open('cmd').read(), shell=True)\n")
    repo.commit("docs: conf")
    doc = fedgate(repo.path, "check", "HEAD~1", "--format", "json").json()
    [f] = doc["files"]
    assert f["trivial"] is False and f["tier"] == "high"
    assert any("exec-subprocess" in r for h in f["hunks"] for r in h["reasons"])


def test_upper_case_paths_are_as_risky_as_lower_case(tmp_path):
    repo = make_repo(tmp_path / "repo", {"README.md": "# p\n", "app/Auth/UserProvider.php": "<?php\n$x = 1;\n"})
    repo.write("app/Auth/UserProvider.php", "<?php\n$x = 2;\n")
    repo.commit("tweak")
    doc = fedgate(repo.path, "check", "HEAD~1", "--format", "json").json()
    assert doc["files"][0]["tier"] == "high"
    assert doc["plan"]["would_review"][0]["path"] == "app/Auth/UserProvider.php"
