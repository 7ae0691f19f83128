"""fedgate: a risk-based review gate for git diffs."""

__version__ = "0.1.0"
