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


# ------------------------------------------------- a real PostgreSQL server (ledger tests)


@pytest.fixture(scope="session")
def pg_server():
    """A throwaway PostgreSQL cluster on loopback. Under CI=true a server that cannot start
    fails the tests; on a laptop without one they skip with the reason."""
    import os

    from pgserver import PgServer

    server = None
    try:
        server = PgServer()
        server.init()
        server.start()
    except Exception as e:  # noqa: BLE001 - reported as the skip/fail reason
        if server is not None:
            server.destroy()
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL could not start (CI=true, so this fails): {e}")
        pytest.skip(f"no PostgreSQL server: {e}")
    yield server
    server.destroy()


@pytest.fixture
def pg_url(pg_server, request):
    """A fresh database on the session's server, named after the test."""
    import re

    name = "t_" + re.sub(r"\W", "_", request.node.name)[:50].lower()
    return pg_server.create_db(name)
