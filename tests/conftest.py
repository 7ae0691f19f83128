from __future__ import annotations

import pytest

from gitrepo import make_repo


@pytest.fixture
def repo(tmp_path):
    return make_repo(tmp_path / "repo")


# ------------------------------------------------- fedgate installed as users install it
# Session-scoped: the build and each venv are made once and shared by every test that needs them.


@pytest.fixture(scope="session")
def dists(tmp_path_factory):
    """(wheel, sdist) of this checkout, built with `python -m build`."""
    from venvs import build_dists

    base = tmp_path_factory.mktemp("dist")
    return build_dists(base / "out", base / "tree")


@pytest.fixture(scope="session")
def installed(dists, tmp_path_factory):
    """kind ("wheel" or "sdist") -> a fresh venv with fedgate installed from it, never editable."""
    from venvs import fresh_venv

    made = {}

    def get(kind: str):
        if kind not in made:
            venv = fresh_venv(tmp_path_factory.mktemp(f"venv-{kind}") / "venv")
            wheel, sdist = dists
            venv.pip_install("--no-deps", wheel if kind == "wheel" else sdist)
            where = venv.imported_from()
            assert str(where).startswith(str(venv.root)) and "site-packages" in where.parts, where
            made[kind] = venv
        return made[kind]

    return get
