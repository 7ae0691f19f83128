"""Secrets redaction: nothing that looks like a credential leaves the machine.

detect-secrets' plugins find most secrets; a few strong regexes catch shapes they miss or
report badly (its GitHubTokenDetector returns only the `ghp` prefix as the "secret" in
1.5.0, and a private key's body lines carry no keyword at all). Each distinct secret value
gets one numbered placeholder per request, so the model can still tell two secrets apart.
Lines are never added or removed: line numbers in the redacted text stay valid.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

PLACEHOLDER = "[REDACTED-SECRET-{n}]"
# A value shorter than this is not replaced (it would blank out common words); the regexes
# below still catch the strong shapes.
MIN_SECRET_LEN = 8

STRONG_PATTERNS = tuple(
    re.compile(p)
    for p in (
        r"\bAKIA[0-9A-Z]{16}\b",  # AWS access key id
        r"\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}\b",  # GitHub tokens
        r"\bgithub_pat_[A-Za-z0-9_]{40,}\b",
        r"\bglpat-[A-Za-z0-9_-]{20,}\b",  # GitLab
        r"\bsk-(?:ant-|proj-|live-|test-)?[A-Za-z0-9_-]{20,}\b",  # OpenAI / Anthropic style
        r"\b[rs]k_(?:live|test)_[A-Za-z0-9]{16,}\b",  # Stripe
        r"\bxox[abposr]-[A-Za-z0-9-]{10,}\b",  # Slack
        r"\bAIza[0-9A-Za-z_-]{35}\b",  # Google API key
        r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}",  # JWT
        r"(?<=://)[^/\s:@'\"]+:[^/\s@'\"]+(?=@)",  # user:password@ in a URL
    )
)
# Assignments whose value is a secret by name, in any language or config format.
KEYWORD_VALUE = re.compile(
    r"(?i)(?:password|passwd|pwd|secret|api[_-]?key|apikey|access[_-]?key|private[_-]?key|"
    r"auth[_-]?token|access[_-]?token|client[_-]?secret|credentials?)[\w-]*[\"']?\s*(?:=|:|:=|=>)\s*"
    r"[\"']([^\"'\s]{6,})[\"']"
)
KEY_BEGIN = re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY( BLOCK)?-----")
KEY_END = re.compile(r"-----END [A-Z ]*PRIVATE KEY( BLOCK)?-----")


@dataclass
class Redactor:
    """One per request: the same secret value always maps to the same placeholder."""

    values: dict[str, str] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.values)

    def _placeholder(self, value: str) -> str:
        if value not in self.values:
            self.values[value] = PLACEHOLDER.format(n=len(self.values) + 1)
        return self.values[value]

    def redact_lines(self, path: str, lines: list[str]) -> list[str]:
        """The same lines with every secret replaced; `path` helps the keyword detector."""
        out: list[str] = []
        in_key = False
        for line in lines:
            if in_key and not KEY_END.search(line):
                # A PEM body line: the whole line is key material.
                body = line.strip()
                out.append(line.replace(body, self._placeholder(body)) if body else line)
                continue
            in_key = bool(KEY_BEGIN.search(line)) and not KEY_END.search(line)
            out.append(self.redact_line(path, line))
        return out

    def redact_line(self, path: str, line: str) -> str:
        found = set(_detect_secrets_values(path, line))
        for pattern in STRONG_PATTERNS:
            found.update(m.group(0) for m in pattern.finditer(line))
        found.update(m.group(1) for m in KEYWORD_VALUE.finditer(line))
        # PrivateKeyDetector reports the BEGIN marker itself; the marker is not secret and
        # tells the reviewer a key was committed, so keep it and redact the body lines instead.
        found = {v for v in found if not re.fullmatch(r"BEGIN [A-Z ]*PRIVATE KEY( BLOCK)?", v)}
        # Longest first, so a value that contains another is replaced whole.
        for value in sorted((v for v in found if len(v) >= MIN_SECRET_LEN or _strong(v)), key=len, reverse=True):
            if value in line:
                line = line.replace(value, self._placeholder(value))
        return line


def _strong(value: str) -> bool:
    return any(p.fullmatch(value) for p in STRONG_PATTERNS)


@lru_cache(maxsize=1)
def _plugins() -> tuple:
    from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class

    return tuple(cls() for cls in get_mapping_from_secret_type_to_class().values())


def _detect_secrets_values(path: str, line: str) -> list[str]:
    values: list[str] = []
    for plugin in _plugins():
        try:
            # The plugins are called directly, without detect-secrets' heuristic filters:
            # a false positive here costs the model a few characters, a miss leaks a key.
            found = plugin.analyze_line(filename=path, line=line, line_number=0, context=None)
        except Exception:  # a plugin bug must not stop the review; the regexes still run
            continue
        values.extend(s.secret_value for s in found or () if s.secret_value)
    return values


def redact_text(text: str, path: str = "", redactor: Redactor | None = None) -> str:
    """Redact a multi-line text."""
    r = redactor or Redactor()
    return "\n".join(r.redact_lines(path, text.split("\n")))


def scrub(text: str) -> str:
    """Key shapes out of a provider's error message, with the regexes only.

    Called from worker threads: detect-secrets keeps process-wide settings and is not
    documented as thread-safe, so it runs only on the main thread (when requests are built).
    """
    for pattern in STRONG_PATTERNS:
        text = pattern.sub("[REDACTED]", text)
    return KEYWORD_VALUE.sub(lambda m: m.group(0).replace(m.group(1), "[REDACTED]"), text)
