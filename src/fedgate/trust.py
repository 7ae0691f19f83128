"""Settings that send data or credentials somewhere, or write outside the repository.

A cloned repository's `.fedgate.yml` is the repository author's, not the user's: its
`review.api_base` would receive the user's API key, its `ledger.path` could write anywhere.
Such a value is used only when the user gave it (--api-base, FEDGATE_API_BASE, the user-level
config file) or approved it once with `fedgate trust`; the approval lives in the user's config
directory, never in the repository, and names the value (by hash), so a changed value is asked
about again.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import replace

from .config import Config, url_problem
from .models import FedgateError

USER_CONFIG = "config.yml"
APPROVALS = "trusted.json"


def user_dir(environ=os.environ) -> str:
    base = environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return os.path.join(base, "fedgate")


def _user_setting(section: str, key: str, environ) -> object:
    """One value of the user-level config file ($XDG_CONFIG_HOME/fedgate/config.yml), or None."""
    import yaml

    path = os.path.join(user_dir(environ), USER_CONFIG)
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read(1 << 20)
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as e:
        raise FedgateError(f"cannot read {path}: {e}") from None
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as e:
        raise FedgateError(f"{path}: invalid YAML: {str(e).splitlines()[0]}") from None
    part = data.get(section) if isinstance(data, dict) else None
    return part.get(key) if isinstance(part, dict) else None


def user_api_base(environ=os.environ) -> str | None:
    """review.api_base of the user-level config file ($XDG_CONFIG_HOME/fedgate/config.yml)."""
    value = _user_setting("review", "api_base", environ)
    if value is None:
        return None
    problem = url_problem(value) if isinstance(value, str) else "expected a URL"
    if problem:
        path = os.path.join(user_dir(environ), USER_CONFIG)
        raise FedgateError(f"{path}: 'review.api_base': {problem} (got {value!r})")
    return value


def _check_ledger_url(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.startswith(("postgresql://", "postgres://")):
        raise FedgateError(f"{where}: 'ledger.url': expected a postgresql:// URL")
    return value


def ledger_url(config: Config, environ=os.environ) -> str | None:
    """ledger.url from the user's config, else the repository's own one when it is the user's
    (no approval needed) or approved. A repository's unapproved URL is ignored with no write:
    it could send every run (branch names, findings) to its author's database."""
    mine = _user_setting("ledger", "url", environ)
    if mine is not None:
        return _check_ledger_url(mine, os.path.join(user_dir(environ), USER_CONFIG))
    url = config.ledger_url
    if not url:
        return None
    _check_ledger_url(url, config.source or "config")
    if config.needs_approval and not is_approved("ledger.url", url, environ):
        from .ledger import display

        raise FedgateError(
            f"{config.source} sets ledger.url to {display(url)}, which would receive your runs: "
            "not used until you approve it with `fedgate trust`, or set FEDGATE_LEDGER_URL"
        )
    return url


def _key(setting: str, value: str) -> str:
    return hashlib.sha256(f"{setting}\0{value}".encode()).hexdigest()


def _approvals(environ) -> dict[str, str]:
    path = os.path.join(user_dir(environ), APPROVALS)
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, RecursionError) as e:
        raise FedgateError(f"cannot read {path}: {e}; remove it and run `fedgate trust` again") from None
    approved = data.get("approved") if isinstance(data, dict) else None
    return {str(k): str(v) for k, v in approved.items()} if isinstance(approved, dict) else {}


def is_approved(setting: str, value: str, environ=os.environ) -> bool:
    return _key(setting, value) in _approvals(environ)


def resolved_ledger_path(config: Config, repo_root: str) -> str | None:
    if not config.ledger_path:
        return None
    return os.path.normpath(os.path.join(repo_root, config.ledger_path))


def _outside(path: str, root: str) -> bool:
    real_root = os.path.realpath(root)
    real = os.path.realpath(path)
    return os.path.commonpath([real, real_root]) != real_root


def needing_approval(config: Config, repo_root: str) -> list[tuple[str, str]]:
    """The (setting, value) pairs of a repository's config file that only the user can allow."""
    if not config.needs_approval:
        return []
    out = []
    if config.review.api_base:
        out.append(("review.api_base", config.review.api_base))
    ledger = resolved_ledger_path(config, repo_root)
    if ledger and _outside(ledger, repo_root):
        out.append(("ledger.path", ledger))
    if config.ledger_url:
        out.append(("ledger.url", config.ledger_url))
    return out


def approve(items: list[tuple[str, str]], where: str, environ=os.environ) -> str:
    """Record the approval of `items` in the user's config directory; returns the file."""
    directory = user_dir(environ)
    path = os.path.join(directory, APPROVALS)
    approved = _approvals(environ)
    for setting, value in items:
        approved[_key(setting, value)] = f"{setting} of {where}"
    try:
        os.makedirs(directory, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".trusted-", dir=directory)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"version": 1, "approved": approved}, fh, indent=2)
            fh.write("\n")
        os.replace(tmp, path)
    except OSError as e:
        raise FedgateError(f"cannot write {path}: {e.strerror or e}") from None
    return path


def _model_configured(config: Config, model_override: str | None) -> bool:
    return bool(model_override or config.review.model or any(t.model for t in config.tiers.values()))


def apply(config: Config, repo_root: str, api_base_override: str | None, model_override: str | None,
          environ=os.environ) -> tuple[Config, list[str]]:
    """The config with only the user's destinations in it, and warnings.

    Raises when the repository's review.api_base is the only address a model call would use
    and the user has not approved it: one line, and no call."""
    notes: list[str] = []
    if api_base_override:
        return config, notes  # --api-base / FEDGATE_API_BASE: with_overrides puts it in
    repo_base = config.review.api_base if config.needs_approval else None
    if repo_base and is_approved("review.api_base", repo_base, environ):
        return config, notes
    mine = user_api_base(environ)
    if repo_base and mine:
        notes.append(f"{config.source}: review.api_base {repo_base} is not approved (fedgate trust): "
                     f"using {mine} from your {USER_CONFIG}")
    elif repo_base and _model_configured(config, model_override):
        raise FedgateError(
            f"{config.source} sets review.api_base to {repo_base}, which would receive your API key: "
            "not used until you approve it with `fedgate trust`, or pass --api-base / FEDGATE_API_BASE"
        )
    if repo_base or mine:
        config = replace(config, review=replace(config.review, api_base=mine))
    return config, notes


def check_ledger_path(config: Config, repo_root: str, environ=os.environ) -> None:
    ledger = resolved_ledger_path(config, repo_root)
    if ledger and config.needs_approval and _outside(ledger, repo_root) and not is_approved("ledger.path", ledger, environ):
        raise FedgateError(
            f"{config.source} sets ledger.path to {ledger}, outside the repository: not used until you approve "
            "it with `fedgate trust`, or set FEDGATE_LEDGER"
        )
