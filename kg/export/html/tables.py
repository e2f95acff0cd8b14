"""The tables both pages share: paper and topic rows the tooltips index, and the filters' choices."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from kg.export.html import page_keys as keys
from kg.export.html.graph_links import GraphLinks
from kg.export.html.numeric import is_int


class Interned:
    """A table of rows shared by many nodes (papers, topics), referred to by index."""

    def __init__(self, make_row: Callable[[Any], Any]) -> None:
        self.rows: list[Any] = []
        self._index: dict[Any, int] = {}
        self._make_row = make_row

    def add(self, key: Any) -> int:
        if key not in self._index:
            self._index[key] = len(self.rows)
            self.rows.append(self._make_row(key))
        return self._index[key]


def paper_row(p: Any, links: GraphLinks | None) -> list[Any]:
    """[title, year] of a paper; without the knowledge graph only its id is known."""
    if links is None or p not in links.graph:
        return [str(p), None]
    year = links.graph.nodes[p].get("year")
    return [links.label(p), year if is_int(year) else None]


def tables(nodes: list[dict[str, Any]], papers: Interned, topics: Interned) -> dict[str, Any]:
    """What both pages share: the paper and topic rows the tooltips index, and the filters'
    choices (topics, year range) over the nodes shown."""
    return {
        "papers": papers.rows,
        "topics": topics.rows,
        "topic_options": _topic_options(nodes, topics),
        "years": _year_bounds(nodes),
    }


def _topic_options(nodes: list[dict[str, Any]], topics: Interned) -> list[list[Any]]:
    """Filter choices: the topics, most used first (at most 200)."""
    counts = Counter(t for n in nodes for t in n[keys.FACTS][keys.FACETS][keys.FACET_TOPICS])
    ranked = sorted(counts, key=lambda t: (-counts[t], topics.rows[t]))
    return [[t, topics.rows[t], counts[t]] for t in ranked[:200]]


def _year_bounds(nodes: list[dict[str, Any]]) -> list[int] | None:
    years = [y for n in nodes for y in n[keys.FACTS][keys.FACETS][keys.FACET_YEARS]]
    return [min(years), max(years)] if years else None
