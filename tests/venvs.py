"""fedgate installed as users install it: built into a wheel and an sdist, installed (never
editable) into fresh virtual environments.

A fresh venv with every dependency downloaded again would cost a minute or more per install
kind. Instead `fresh_venv` makes a venv without pip and gives it the test environment's
installed distributions through one `.pth` line pointing at a folder of symlinks to them,
with every `fedgate` entry (and the editable install's hooks) left out: the only fedgate the
venv can import is the one installed into it, which each fixture checks. pip itself comes
from that folder too, so `python -m pip install` in the venv installs into the venv.
"""
from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from gitrepo import _run, clean_env

ROOT = Path(__file__).resolve().parents[1]
# Not copied into the build tree: what git ignores, and git itself.
_BUILD_IGNORE = shutil.ignore_patterns(".git", "*.egg-info", "build", "dist", "__pycache__", ".pytest_cache",
                                       ".venv", "*.pyc")


@dataclass(frozen=True)
class Venv:
    root: Path

    @property
    def bin(self) -> Path:
        return self.root / "bin"

    @property
    def python(self) -> Path:
        return self.bin / "python"

    def env(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        """clean_env() for this venv: its bin first on PATH, and no PYTHONPATH to this checkout."""
        env = clean_env()
        env.pop("PYTHONPATH", None)
        env.pop("PYTHONHOME", None)
        env["VIRTUAL_ENV"] = str(self.root)
        env["PATH"] = str(self.bin) + os.pathsep + env.get("PATH", "")
        env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
        if extra:
            env.update(extra)
        return env

    def run(self, *argv: str | Path, cwd: str | Path, env: dict[str, str] | None = None,
            timeout: float = 180) -> subprocess.CompletedProcess[str]:
        return _run([str(a) for a in argv], cwd=cwd, env=self.env(env), timeout=timeout, stdin=subprocess.DEVNULL)

    def fedgate(self, cwd: str | Path, *args: str, env: dict[str, str] | None = None,
                timeout: float = 120) -> subprocess.CompletedProcess[str]:
        """The `fedgate` console script pip installed into this venv."""
        return self.run(self.bin / "fedgate", *args, cwd=cwd, env=env, timeout=timeout)

    def pip_install(self, *args: str | Path) -> None:
        proc = self.run(self.python, "-m", "pip", "install", "--quiet", *args, cwd=self.root)
        assert proc.returncode == 0, proc.stdout + proc.stderr

    def imported_from(self) -> Path:
        """Where this venv's python imports fedgate from."""
        proc = self.run(self.python, "-c", "import fedgate; print(fedgate.__file__)", cwd=self.root)
        assert proc.returncode == 0, proc.stderr
        return Path(proc.stdout.strip())


def _site_dirs() -> list[Path]:
    dirs = [*site.getsitepackages(), *([site.getusersitepackages()] if site.ENABLE_USER_SITE else [])]
    out: list[Path] = []
    for d in dirs:
        p = Path(d)
        if p.is_dir() and p not in out:
            out.append(p)
    return out


def _is_fedgate(name: str) -> bool:
    low = name.lower()
    return low.startswith(("fedgate", "__editable__", "_fedgate")) or low.endswith(".pth")


def fresh_venv(path: Path) -> Venv:
    """A new venv that sees the test environment's dependencies but no fedgate at all."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(path)], check=True)
    venv = Venv(path)
    deps = path / "test-deps"
    deps.mkdir()
    for site_dir in _site_dirs():
        for entry in site_dir.iterdir():
            target = deps / entry.name
            if _is_fedgate(entry.name) or target.exists() or target.is_symlink():
                continue
            target.symlink_to(entry)
    own = Path(_run([str(venv.python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                    env=venv.env()).stdout.strip())
    # A .pth line adds the folder to sys.path after the venv's own site-packages.
    (own / "_test_deps.pth").write_text(str(deps) + "\n", encoding="utf-8")
    return venv


def copy_tree(dest: Path) -> Path:
    """This checkout's files (as they are now, uncommitted edits included) without git's state."""
    shutil.copytree(ROOT, dest, ignore=_BUILD_IGNORE, symlinks=True)
    return dest


def build_dists(out: Path, work: Path) -> tuple[Path, Path]:
    """(wheel, sdist) built with `python -m build` from a copy of this checkout; the wheel is
    built from the sdist, so a file the sdist lacks is missing from the wheel too."""
    src = copy_tree(work)
    proc = _run([sys.executable, "-m", "build", "--outdir", str(out), str(src)], env=_build_env(), timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    [wheel] = out.glob("fedgate-*.whl")
    [sdist] = out.glob("fedgate-*.tar.gz")
    return wheel, sdist


def _build_env() -> dict[str, str]:
    env = clean_env()
    env.pop("PYTHONPATH", None)
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env
