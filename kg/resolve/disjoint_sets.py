"""Union-find: how papers, people and organisations are joined without comparing all pairs."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from typing import Any, Generic, Protocol, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class _Ordered(Protocol):
    """An item union-find can hold: hashable (as every object is by default) and ordered."""

    def __lt__(self, other: Any, /) -> bool: ...


T = TypeVar("T", bound=_Ordered)


class DisjointSets(Generic[T]):
    """Union-find over hashable items, with path halving; the smaller root wins, so the
    outcome does not depend on the order of unions."""

    def __init__(self) -> None:
        self.parent: dict[T, T] = {}

    def find(self, item: T) -> T:
        parent = self.parent
        parent.setdefault(item, item)
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, a: T, b: T) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        return True


def group(items: Iterable[tuple[K | None, V]]) -> dict[K, list[V]]:
    """Blocks: each key (None and empty skipped) with the values that have it, in order."""
    groups: dict[K, list[V]] = defaultdict(list)
    for key, value in items:
        if key:
            groups[key].append(value)
    return groups
