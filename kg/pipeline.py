"""The stages in order: extract -> resolve -> graph -> analyze. The CLI and the API call this."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import networkx as nx

from kg.extract import FileExtraction, extract_paths
from kg.model import ExtractOptions, Problem


@dataclass(frozen=True)
class BuildOptions:
    as_of: str | None = None          # reference date (ISO) that gives year-less dates a year
    layout: str | None = None         # force one layout instead of detecting it
    encoding: str | None = None       # force one input encoding
    aliases: Path | None = None       # extra organisation aliases (CSV), added to the shipped table
    analyses: bool = True             # centrality, communities, topic clusters
    seed: int = 42                    # every randomised algorithm uses it
    progress: bool = False            # progress bars on stderr


@dataclass(frozen=True)
class KnowledgeGraph:
    """A built knowledge graph: the MultiDiGraph of DESIGN.md contract 2, and how it was made."""

    graph: nx.MultiDiGraph
    files: tuple[FileExtraction, ...] = ()
    problems: tuple[Problem, ...] = field(default=())
    #: Views computed once (the co-author projection costs seconds at 100k papers and every
    #: co-author export needs it). ``graph`` is not to be changed after building.
    _cache: dict = field(default_factory=dict, init=False, compare=False, repr=False)

    def coauthors(self) -> nx.Graph:
        """Undirected author graph: ``weight`` = shared papers, ``papers`` = their node ids.
        Built once and shared: treat it as read-only (copy it to change it)."""
        if "coauthors" not in self._cache:
            from kg.graph import coauthor_graph
            self._cache["coauthors"] = coauthor_graph(self.graph)
        return self._cache["coauthors"]

    def _nodes_of(self, node_type: str) -> dict[str, dict]:
        return {n: d for n, d in self.graph.nodes(data=True) if d.get("type") == node_type}

    def papers(self) -> dict[str, dict]:
        return self._nodes_of("Paper")

    def authors(self) -> dict[str, dict]:
        return self._nodes_of("Author")

    def organizations(self) -> dict[str, dict]:
        return self._nodes_of("Organization")

    def topics(self) -> dict[str, dict]:
        return self._nodes_of("Topic")

    @property
    def merges(self) -> list[dict]:
        return self.graph.graph.get("merges", [])


def build(paths: list[str | Path], options: BuildOptions = BuildOptions(),
          on_stage: Callable[[str], None] | None = None) -> KnowledgeGraph:
    """Run every stage on the files and folders in ``paths``."""
    from kg.graph import build_graph
    from kg.resolve import resolve

    def stage(name: str) -> None:
        if on_stage:
            on_stage(name)

    stage("extract")
    files = extract_paths(list(paths), ExtractOptions(options.as_of, options.encoding), options.layout)
    stage("resolve")
    resolution = resolve(files, aliases=options.aliases)
    stage("graph")
    graph = build_graph(resolution, files)
    if options.analyses:
        from kg.analyze import analyze
        stage("analyze")
        analyze(graph, seed=options.seed, progress=options.progress)
    problems = tuple(p for f in files for p in f.extraction.problems) + resolution.problems
    return KnowledgeGraph(graph, tuple(files), problems)
