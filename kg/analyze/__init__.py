"""Analyses of a built graph: co-author centralities and communities, paper keywords and topic
clusters. :func:`analyze` annotates the graph in place and records in ``G.graph["analyses"]``
how each result was computed (methods, sample sizes, seeds), plus the communities' descriptions."""

from __future__ import annotations

import networkx as nx
from tqdm import tqdm

from kg import defaults
from kg.analyze.citations import annotate_citations
from kg.analyze.coauthors import annotate_coauthors
from kg.analyze.topics import PaperTopics, annotate_topics, apply_topics, compute_topics, paper_texts
from kg.defaults import SEED
from kg.gc_pause import paused_gc
from kg.graph import citation_graph
from kg.parallel import ChildCall

__all__ = ["analyze", "annotate_coauthors", "annotate_topics", "start_topics"]


def start_topics(
    papers: list[tuple[str, str | None, str | None]], seed: int = SEED, workers: int = 1
) -> ChildCall[PaperTopics]:
    """The topic analysis of papers given as (id, title, abstract), the Paper nodes of the graph
    to analyse: started now in a child process when ``workers`` > 1 and there are at least
    :data:`kg.defaults.TOPICS_CHILD_MIN_PAPERS` papers, else computed when its result is asked
    for. It needs only those texts, so it can start before the graph exists. The
    child is a fresh interpreter that receives just the texts: a forked one would keep a snapshot
    of everything this process holds (the records, at a million papers 6 GiB) while it runs."""
    in_child = workers > 1 and len(papers) >= defaults.TOPICS_CHILD_MIN_PAPERS
    return ChildCall(compute_topics, papers, seed, in_child=in_child, fresh=True)


def analyze(
    G: nx.MultiDiGraph[str],
    seed: int = SEED,
    progress: bool = False,
    workers: int = 1,
    topics: ChildCall[PaperTopics] | None = None,
) -> None:
    """Centralities and ``community`` on Author nodes; keyword and cluster Topic nodes with their
    HAS_TOPIC edges on papers. Same graph and seed, same numbers, whatever ``workers``.

    With ``workers`` > 1 the topics are computed in a child process while this process computes
    the co-author analyses: they read disjoint parts of G (titles and abstracts; authorship) and
    write disjoint ones, and the topics are added to G here afterwards, in the serial order; a
    forked child also takes half of the sampled betweenness of a large co-author graph.
    ``topics``: that computation already started by :func:`start_topics` on G's papers."""
    analyses = G.graph.setdefault("analyses", {})
    with (
        paused_gc(),
        topics or start_topics(paper_texts(G), seed, workers) as topics,
        tqdm(total=2, desc="analyze", unit="step", disable=not progress, leave=False) as bar,
    ):
        bar.set_postfix_str("co-authors")
        analyses.update(annotate_coauthors(G, seed, workers))
        analyses.update(annotate_citations(G, citation_graph(G)))
        bar.update()
        bar.set_postfix_str("topics")
        analyses.update(apply_topics(G, topics.result()))
        bar.update()
