"""Token counts, offline.

tiktoken would download its encoding files on first use; the litellm wheel ships them, so we
point TIKTOKEN_CACHE_DIR there (found without importing litellm, which costs ~3 s).
"""
from __future__ import annotations

import importlib.util
import os
from functools import lru_cache

ENCODING = "cl100k_base"


def _litellm_tokenizer_dir() -> str | None:
    spec = importlib.util.find_spec("litellm")
    if not spec or not spec.submodule_search_locations:
        return None
    path = os.path.join(list(spec.submodule_search_locations)[0], "litellm_core_utils", "tokenizers")
    return path if os.path.isdir(path) else None


@lru_cache(maxsize=1)
def _encoding():
    if "TIKTOKEN_CACHE_DIR" not in os.environ and "DATA_GYM_CACHE_DIR" not in os.environ:
        shipped = _litellm_tokenizer_dir()
        if shipped:
            os.environ["TIKTOKEN_CACHE_DIR"] = shipped
    try:
        import tiktoken

        return tiktoken.get_encoding(ENCODING)
    except Exception:  # no encoding file offline: fall back to the estimate below
        return None


def estimate(text: str) -> int:
    """A cheap upper-side estimate (about 3.5 characters a token for code)."""
    return (len(text) * 2 + 6) // 7


def estimate_hunk(hunk) -> int:
    """The estimate for a hunk without building its text (header + one marker a line)."""
    return estimate("x" * 40) + sum((len(ln.text) * 2 + 9) // 7 for ln in hunk.lines)


def count(text: str) -> int:
    enc = _encoding()
    if enc is None:
        return estimate(text)
    return len(enc.encode(text, disallowed_special=()))


def count_many(texts: list[str]) -> list[int]:
    if not texts:
        return []
    enc = _encoding()
    if enc is None:
        return [estimate(t) for t in texts]
    # Hunks are independent: tiktoken encodes a batch on several threads outside the GIL.
    return [len(ids) for ids in enc.encode_ordinary_batch(texts, num_threads=min(4, os.cpu_count() or 1))]
