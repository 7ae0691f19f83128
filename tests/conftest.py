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


# ------------------------------------------------- LiteLLM's own proxy in front of the fake model

PROXY_MASTER_KEY = "sk-proxy-master-test"


@pytest.fixture(scope="session")
def litellm_proxy(tmp_path_factory):
    """`litellm --config cfg.yaml` on 127.0.0.1: model name team-reviewer routed to the loopback
    fake model (with a price, so the proxy reports a cost), a master key. Yields (url, fake)."""
    import os
    import shutil
    import socket
    import subprocess
    import sys
    import time
    import urllib.request
    from pathlib import Path

    from fakellm import FakeLLM

    exe = shutil.which("litellm", path=os.path.dirname(sys.executable)) or shutil.which("litellm")
    try:
        import fastapi  # noqa: F401 - the proxy extra
    except ImportError:
        exe = None
    if exe is None:
        if os.environ.get("CI") == "true":
            pytest.fail("litellm[proxy] is not installed (CI=true, so this fails)")
        pytest.skip("litellm[proxy] is not installed")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with FakeLLM() as fake:
        d = tmp_path_factory.mktemp("litellm-proxy")
        (d / "cfg.yaml").write_text(
            "model_list:\n"
            "  - model_name: team-reviewer\n"
            "    litellm_params:\n"
            "      model: openai/fake-model\n"
            f"      api_base: {fake.url}\n"
            "      api_key: sk-upstream-fake\n"
            "    model_info:\n"
            "      input_cost_per_token: 0.000002\n"
            "      output_cost_per_token: 0.000008\n"
            # The same fake behind a name the proxy lets through once a minute: its own
            # rate limit (pre-call checks), refused at once (no retries inside the proxy).
            "  - model_name: team-limited\n"
            "    litellm_params:\n"
            "      model: openai/fake-model\n"
            f"      api_base: {fake.url}\n"
            "      api_key: sk-upstream-fake\n"
            "      rpm: 1\n"
            "router_settings:\n"
            "  routing_strategy: usage-based-routing-v2\n"
            "  enable_pre_call_checks: true\n"
            "  num_retries: 0\n"
            "general_settings:\n"
            f"  master_key: {PROXY_MASTER_KEY}\n")
        env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "LITELLM_", "DATABASE_URL"))}
        log = open(d / "proxy.log", "wb")
        proc = subprocess.Popen([exe, "--config", str(d / "cfg.yaml"), "--host", "127.0.0.1", "--port", str(port)],
                                cwd=d, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 90
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/health/liveliness", timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"litellm proxy did not start: {Path(d / 'proxy.log').read_text(errors='replace')[-1500:]}")
                time.sleep(0.5)
            yield url, fake
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            log.close()
