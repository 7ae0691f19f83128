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


def count(text: str) -> int:
    enc = _encoding()
    if enc is None:
        return estimate(text)
    return len(enc.encode(text, disallowed_special=()))
