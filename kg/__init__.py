"""kg: a scholarly knowledge-graph builder.

import kg, networkx as nx
G = kg.build(["seeds"]).coauthors()
nx.pagerank(G)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import networkx as nx

from kg.errors import KgError
from kg.graph import KnowledgeGraph
from kg.pipeline import BuildOptions
from kg.pipeline import build as _build
from kg.version import __version__

__all__ = ["build", "load", "KnowledgeGraph", "BuildOptions", "KgError", "__version__"]


def build(paths: str | Path | list[str | Path], **options: Any) -> KnowledgeGraph:
    """Extract, resolve, build and analyse the inputs in ``paths`` (files or folders).

    Options are the fields of :class:`kg.BuildOptions`: ``as_of``, ``layout``, ``encoding``,
    ``aliases``, ``authors_file`` (same / different person rules, CSV or TOML; a bad file raises
    :class:`kg.resolve.AuthorRulesError`, a ValueError, before any work), ``analyses``,
    ``seed``, ``progress``.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for name in ("aliases", "authors_file"):
        if options.get(name) is not None:
            options[name] = Path(options[name])
    return _build(list(paths), BuildOptions(**options))


def load(path: str | Path) -> KnowledgeGraph:
    """Read a graph that ``kg build`` saved (``graph.json`` node-link, ``graph.graphml``, GEXF),
    with the reader :data:`kg.export.networkx_formats.READERS` holds for its suffix; another
    suffix raises :class:`kg.export.networkx_formats.UnknownGraphFormat` (a ValueError)."""
    from kg.export.networkx_formats import load_graph

    # a co-author graph file loads too (an undirected nx.Graph): its views find no papers
    return KnowledgeGraph(cast("nx.MultiDiGraph[str]", load_graph(Path(path))))
