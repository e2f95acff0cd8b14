"""Pausing Python's cycle collector while a stage fills large structures (resolution, the graph,
the topic results).

These steps allocate hundreds of thousands of small dicts, tuples and records and drop almost
none of them. Each allocation burst makes the collector run, and its full passes rescan the whole
(growing) heap, the extracted records included: at 10k papers that was a quarter of resolution
and half of graph building. Nothing these steps build holds a reference cycle that becomes
garbage, so pausing the collector frees nothing later than it would have; reference counting
still frees everything else at once.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run the block with the cycle collector off, then restore it (nests: an outer pause wins)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
