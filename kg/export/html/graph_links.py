"""The knowledge graph as the pages read it: its edges looked up per node, and node names."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import networkx as nx

from kg.export.html.numeric import is_int

#: networkx's adjacency dicts, ``G._succ`` and ``G._pred``: node -> neighbour -> key -> attributes.
Adjacency = dict[Any, dict[Any, dict[str, dict[str, Any]]]]


class GraphLinks:
    """The knowledge graph's edges as the pages read them: who wrote what, which paper has which
    topics and organisations, who is a member of what (DESIGN.md, contract 2). Each node's list
    is looked up in G's adjacency when first asked for: a page shows a few thousand nodes of a
    graph that may have millions of edges. (It reads networkx's adjacency dicts ``_succ`` and
    ``_pred``: through the public views the lookups took seconds at 100k papers.)"""

    def __init__(self, graph: nx.MultiDiGraph[str]) -> None:
        self.graph = graph
        succ: Adjacency = graph._succ  # type: ignore[attr-defined]
        pred: Adjacency = graph._pred  # type: ignore[attr-defined]
        self.authored = _Linked(succ, "AUTHORED")
        self.topics = _Linked(succ, "HAS_TOPIC")
        self.orgs = _Linked(succ, "AFFILIATED")
        self.members = _Linked(succ, "MEMBER_OF")
        self.authors_of = _Linked(pred, "AUTHORED", order_by="position")
        self._papers_in = (_Linked(pred, "AFFILIATED"), _Linked(pred, "HAS_TOPIC"))
        self._labels: dict[Any, str] = {}
        self._keywords: dict[Any, bool] = {}

    def papers_of(self, n: Any) -> list[Any]:
        """The papers an author wrote, or that name an organisation or have a topic."""
        return self.authored.get(n) or self._papers_in[0].get(n) or self._papers_in[1].get(n)

    def label(self, n: Any) -> str:
        """How a page names a node: a topic with its arXiv code or as a cluster."""
        if n not in self._labels:
            data = self.graph.nodes[n] if n in self.graph else {}
            text = node_label(data, n)
            if data.get("scheme") == "arxiv" and data.get("code"):
                text = f"{text} ({data['code']})"
            elif data.get("scheme") == "cluster":
                text = f"Cluster: {text}"
            self._labels[n] = text
        return self._labels[n]

    def is_keyword(self, t: Any) -> bool:
        if t not in self._keywords:
            self._keywords[t] = t in self.graph and self.graph.nodes[t].get("scheme") == "keyword"
        return self._keywords[t]

    def org_names(self, orgs: Iterable[Any]) -> list[str]:
        return sorted({self.label(o) for o in orgs})


class _Linked:
    """node -> the nodes its ``key`` edges lead to (``adjacency`` = G._succ) or come from
    (G._pred), sorted by the edge attribute ``order_by`` (e.g. the author position) and then by
    id; computed once per node."""

    def __init__(self, adjacency: Adjacency, key: str, order_by: str | None = None):
        self._adjacency = adjacency
        self._key = key
        self._order_by = order_by
        self._lists: dict[Any, list[Any]] = {}

    def get(self, n: Any, default: list[Any] | None = None) -> list[Any]:
        if n not in self._lists:
            self._lists[n] = self._linked(n)
        return self._lists[n] or ([] if default is None else default)

    def _linked(self, n: Any) -> list[Any]:
        if n not in self._adjacency:
            return []
        ranked: list[tuple[float, str, Any]] = []
        for other, edges in self._adjacency[n].items():
            data = edges.get(self._key)
            if data is not None:
                rank = data.get(self._order_by) if self._order_by else None
                ranked.append((rank if is_int(rank) else math.inf, str(other), other))
        return [other for *_, other in sorted(ranked)]


def node_name(data: dict[str, Any], n: Any) -> str:
    return str(data.get("name") or data.get("label") or n)


def node_label(data: dict[str, Any], n: Any) -> str:
    return str(data.get("label") or data.get("name") or data.get("title") or n)
