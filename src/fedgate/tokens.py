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


# What a chat request costs besides its contents: OpenAI's published accounting for current
# chat models is 3 tokens a message and 3 that prime the reply; a JSON schema in
# response_format is counted as prompt tokens too (we count its compact JSON).
PER_MESSAGE = 3
REPLY_PRIMING = 3


def request_tokens(contents: list[str], response_format: dict | None = None) -> int:
    """The prompt tokens of a chat request with these message contents."""
    n = REPLY_PRIMING + sum(PER_MESSAGE + count(c) for c in contents)
    if response_format is not None:
        import json

        n += count(json.dumps(response_format.get("json_schema", response_format), separators=(",", ":")))
    return n


# Text longer than this is counted a piece at a time, so that a huge hunk never becomes one
# list of token ids (a 50 MB hunk cost about 1 GB that way) and counting stops past the limit.
PIECE_CHARS = 256 * 1024


def count_upto(pieces, limit: int | None) -> int | None:
    """Tokens of the text made of `pieces` (strings, in order), or None once over `limit`.

    Each piece is counted on its own; pieces that end at a line break make this exact to a
    token or two (tiktoken's pre-tokenizer seldom merges across a newline).
    """
    total = 0
    buf: list[str] = []
    size = 0
    for piece in pieces:
        buf.append(piece)
        size += len(piece)
        if size >= PIECE_CHARS:
            total += count("".join(buf))
            buf, size = [], 0
            if limit is not None and total > limit:
                return None
    if buf:
        total += count("".join(buf))
    return None if limit is not None and total > limit else total
