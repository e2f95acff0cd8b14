"""JSON text for the exporters, fast: orjson wherever it gives what the standard library gives.

:func:`dumps` and :func:`dumpb` parse back exactly as ``json.dumps(value, ensure_ascii=False,
sort_keys=sort_keys, allow_nan=allow_nan, separators=(",", ":"))`` does (compact, not ASCII-escaped)
and are written by orjson, some ten times faster, except where orjson would write something else or
refuses; those values go to ``json`` as before:

- non-finite floats: orjson writes ``null``; ``json`` writes ``NaN``/``Infinity`` (or raises
  ``ValueError`` when ``allow_nan`` is False). Only values whose orjson text holds ``null`` are
  searched for them;
- keys that are not ``str`` (``json`` writes ``1`` as ``"1"``), integers beyond 64 bits, float
  subclasses (numpy), lone surrogates: orjson raises ``TypeError``.

Sets raise ``TypeError`` in both, as before. Floats may be spelled differently (``1e-05`` vs
``0.00001``) but always parse to the same number.
"""

from __future__ import annotations

import json
from typing import Any

import orjson

_COMPACT = (",", ":")


def dumps(value: Any, *, sort_keys: bool = False, allow_nan: bool = True) -> str:
    """Compact JSON text of ``value`` (see the module docstring)."""
    data = _orjson(value, sort_keys)
    return _json(value, sort_keys, allow_nan) if data is None else data.decode("utf-8")


def dumpb(value: Any, *, sort_keys: bool = False, allow_nan: bool = True) -> bytes:
    """The same as :func:`dumps`, UTF-8 encoded (what a binary file is written)."""
    data = _orjson(value, sort_keys)
    return _json(value, sort_keys, allow_nan).encode("utf-8") if data is None else data


def _json(value: Any, sort_keys: bool, allow_nan: bool) -> str:
    """The standard library's text, for the values orjson would write otherwise or refuses."""
    return json.dumps(
        value, ensure_ascii=False, sort_keys=sort_keys, allow_nan=allow_nan, separators=_COMPACT
    )


def _orjson(value: Any, sort_keys: bool) -> bytes | None:
    """orjson's text of ``value``, or None where it would differ from ``json``'s."""
    try:
        data = orjson.dumps(value, option=orjson.OPT_SORT_KEYS if sort_keys else 0)
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        return None
    if b"null" in data and _non_finite(value):
        return None
    return data


def _non_finite(value: Any) -> bool:
    """True if a float in ``value`` (nested in lists, tuples and dict values) is NaN or infinite."""
    if isinstance(value, float):
        return value - value != 0  # NaN for NaN and the infinities, 0.0 otherwise
    if isinstance(value, dict):
        value = value.values()
    elif not isinstance(value, (list, tuple)):
        return False
    for item in value:  # strings, numbers and None inline: most items are
        kind = type(item)
        if kind is str or kind is int or kind is bool or item is None:
            continue
        if kind is float:
            if item - item != 0:
                return True
        elif _non_finite(item):
            return True
    return False
