"""Model prices, offline: the config's `models:` entries, else the price map the litellm wheel
ships (read as JSON, without importing litellm)."""
from __future__ import annotations

import importlib.util
import json
import os
from functools import lru_cache

from .config import Config, ModelPrice


@lru_cache(maxsize=1)
def _bundled() -> dict:
    spec = importlib.util.find_spec("litellm")
    if not spec or not spec.submodule_search_locations:
        return {}
    path = os.path.join(list(spec.submodule_search_locations)[0], "model_prices_and_context_window_backup.json")
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError):
        return {}


def price_of(model: str, config: Config) -> ModelPrice | None:
    """US dollars per million tokens in and out, or None when nobody knows the price."""
    if model in config.models:
        return config.models[model]
    data = _bundled()
    names = [model]
    if "/" in model:
        names.append(model.split("/", 1)[1])
    for name in names:
        entry = data.get(name)
        if isinstance(entry, dict) and entry.get("input_cost_per_token") is not None:
            return ModelPrice(
                price_per_mtok_in=float(entry["input_cost_per_token"]) * 1e6,
                price_per_mtok_out=float(entry.get("output_cost_per_token") or 0.0) * 1e6,
            )
    return None


def cost(price: ModelPrice | None, prompt_tokens: int, completion_tokens: int) -> float | None:
    if price is None:
        return None
    return (prompt_tokens * price.price_per_mtok_in + completion_tokens * price.price_per_mtok_out) / 1e6


# Providers litellm sends a JSON schema to for any model name (its supports_response_schema).
_SCHEMA_PROVIDERS = {"predibase", "fireworks_ai", "lm_studio", "nebius", "databricks"}


def supports_schema(model: str) -> bool:
    """Whether the reviewer's request for `model` will carry the response schema, as litellm
    decides it from the same bundled map; the plan needs it to count the request's tokens."""
    provider, _, bare = model.partition("/")
    if bare and provider in _SCHEMA_PROVIDERS:
        return True
    data = _bundled()
    for name in (model, bare) if bare else (model,):
        entry = data.get(name)
        if isinstance(entry, dict) and "supports_response_schema" in entry:
            return bool(entry["supports_response_schema"])
    return False
