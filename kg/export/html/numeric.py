"""Numbers as the pages use them: which values count, scores rescaled, node sizes."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any, TypeGuard


def is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def number(value: Any) -> float | None:
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    return float(value) if ok else None


def rescaled(scores: dict[Any, float], nodes: Iterable[Any]) -> dict[Any, float]:
    """Scores rescaled to [0, 1] over the nodes shown (all 1 when they are all equal)."""
    values = {n: scores[n] for n in nodes}
    low, high = min(values.values(), default=0.0), max(values.values(), default=0.0)
    return {n: (v - low) / (high - low) if high > low else 1.0 for n, v in values.items()}


def node_size(relative: float, smallest: float = 8.0, range_: float = 28.0) -> float:
    """The area grows with the score: the radius with its square root."""
    return round(smallest + range_ * math.sqrt(max(0.0, min(1.0, relative))), 1)
