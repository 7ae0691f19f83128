from __future__ import annotations

import pytest

from gitrepo import make_repo


@pytest.fixture
def repo(tmp_path):
    return make_repo(tmp_path / "repo")
