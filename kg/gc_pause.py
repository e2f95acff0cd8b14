"""Pausing Python's cycle collector while kg builds and writes large structures: from resolution
to the last export.

These steps allocate millions of small dicts, tuples and records and drop almost none of them.
Each allocation burst makes the collector run, and its full passes rescan the whole (growing)
heap: at 10k papers that was a quarter of resolution and half of graph building. A pause defers
those passes rather than skipping them: when the collector is back, its next passes scan all
that was made meanwhile (at a million papers, a pass over the graph takes 20 to 40 s, and the
analyses and exports each set one off). So :func:`kg.build` keeps one pause from resolution
to the analysed graph and :func:`kg.export.export_all` one over all exports; an API caller's
collector is back on when a call returns. The ``kg`` command keeps it off from start to exit.

Nothing these steps build holds a reference cycle that becomes garbage (a 10k-paper build and
its exports leave a few tens of thousands of cyclic objects, from the plotting and templating
libraries), so the pause frees nothing much later than it would have; reference counting still
frees everything else at once.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


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
