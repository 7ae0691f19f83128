"""Redaction before a model call: nothing that looks like a credential leaves the machine.

What is a secret is decided by review/secrets.py in its strict mode (a superset of what the
`secret` rule reports); this module only replaces. Each distinct secret value gets one numbered
placeholder per request, so the model can still tell two secrets apart. Lines are never added
or removed: line numbers in the redacted text stay valid.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .secrets import mask, secrets_to_redact

PLACEHOLDER = "[REDACTED-SECRET-{n}]"


@dataclass
class Redactor:
    """One per request: the same secret value always maps to the same placeholder.

    detect-secrets runs here, so a Redactor is used on the main thread only (see secrets.scrub).
    """

    values: dict[str, str] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.values)

    def _placeholder(self, value: str) -> str:
        if value not in self.values:
            self.values[value] = PLACEHOLDER.format(n=len(self.values) + 1)
        return self.values[value]

    def redact_lines(self, path: str, lines: list[str]) -> list[str]:
        """The same consecutive lines of `path` with every secret replaced."""
        found = secrets_to_redact(path, lines)
        out = list(lines)
        for i, values in found.items():
            # Longest first, so a value that contains another is replaced whole; a value already
            # swallowed by a longer one gets no number.
            for value in sorted(values, key=len, reverse=True):
                if value in out[i]:
                    out[i] = out[i].replace(value, self._placeholder(value))
        return out

    def redact_line(self, path: str, line: str) -> str:
        return self.redact_lines(path, [line])[0]

    def masked(self, redacted: str) -> str:
        """A redacted line with each placeholder turned into its masked value (AKIA****MPLE):
        the same in every request, for fingerprints, which must never hash a secret."""
        for value, placeholder in self.values.items():
            redacted = redacted.replace(placeholder, mask(value))
        return redacted
