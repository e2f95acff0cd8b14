"""Analyses of a built graph: co-author centralities and communities, paper keywords and topic
clusters. :func:`analyze` annotates the graph in place and records in ``G.graph["analyses"]``
how each result was computed (methods, sample sizes, seeds), plus the communities' descriptions."""

from __future__ import annotations

import networkx as nx
from tqdm import tqdm

from kg.analyze.coauthors import annotate_coauthors
from kg.analyze.topics import annotate_topics

__all__ = ["analyze", "annotate_coauthors", "annotate_topics"]


def analyze(G: nx.MultiDiGraph, seed: int = 42, progress: bool = False) -> None:
    """Centralities and ``community`` on Author nodes; keyword and cluster Topic nodes with their
    HAS_TOPIC edges on papers. Same graph and seed, same numbers."""
    steps = [("co-authors", annotate_coauthors), ("topics", annotate_topics)]
    analyses = G.graph.setdefault("analyses", {})
    with tqdm(steps, desc="analyze", unit="step", disable=not progress, leave=False) as bar:
        for name, step in bar:
            bar.set_postfix_str(name)
            analyses.update(step(G, seed))
