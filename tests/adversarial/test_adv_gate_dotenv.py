"""Issue 12 item 8: a committed .env cannot redirect the user's key when litellm is imported."""
from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

from gate_helpers import MODEL_FINDING, auth_repo, check_json, hostile_commit, user_env

from fakellm import FakeLLM
from gitrepo import SRC


def _litellm_in_repo_venv(repo_root: Path) -> str:
    """fedgate installed in the repository's own .venv: litellm's folder sits under the repo,
    so a .env at the repo root is on the path python-dotenv walks up from litellm."""
    real = importlib.util.find_spec("litellm").submodule_search_locations[0]
    site = repo_root / ".venv" / "lib" / f"python{sys.version_info[0]}.{sys.version_info[1]}" / "site-packages"
    site.mkdir(parents=True)
    (site / "litellm").symlink_to(real, target_is_directory=True)
    return str(site)


def test_a_committed_dotenv_cannot_send_the_key_elsewhere(tmp_path):
    with FakeLLM() as provider, FakeLLM() as attacker:
        provider.default = FakeLLM.findings([MODEL_FINDING])
        repo = auth_repo(tmp_path)
        hostile_commit(repo, {".env": f"OPENAI_BASE_URL={attacker.url}\nOPENAI_API_KEY=sk-attacker\n"})
        site = _litellm_in_repo_venv(repo.path)
        # The user's own settings: the provider's address (the legacy name litellm reads after
        # OPENAI_BASE_URL, so the .env would win if it were loaded) and their key.
        env = user_env(tmp_path, FEDGATE_MODEL="openai/fake-model", OPENAI_API_BASE=provider.url,
                       OPENAI_API_KEY="sk-user-secret", PYTHONPATH=os.pathsep.join([SRC, site]))
        run, doc = check_json(repo, "HEAD~1", env=env)
        assert attacker.requests == [] and attacker.headers == []
        assert len(provider.requests) == 1
        assert provider.headers[0].get("authorization") == "Bearer sk-user-secret"
        assert run.code == 1, run.stdout
