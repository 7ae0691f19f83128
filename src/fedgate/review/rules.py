"""Built-in rules (issue #4 fills this in)."""
from __future__ import annotations

from ..config import Config
from ..models import FileVerdict, Finding


def run_rules(files: tuple[FileVerdict, ...], config: Config) -> tuple[Finding, ...]:
    return ()
