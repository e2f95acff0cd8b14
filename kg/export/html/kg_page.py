"""The whole-graph page (``kg.html``): papers, authors, organisations, topics and keywords, each
with its shape and colour; on a large graph, the most central authors with what is around them."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Any

import networkx as nx
import numpy as np
from pyvis.network import Network

from kg.defaults import SEED, SIZE_BY
from kg.export.html import page_keys as keys
from kg.export.html.authors import (
    author_groups,
    author_info,
    author_scores,
    group_legend,
    metrics,
    most_central,
)
from kg.export.html.graph_links import GraphLinks, node_name
from kg.export.html.layout import packed_layout
from kg.export.html.numeric import is_int, node_size, rescaled
from kg.export.html.tables import Interned, paper_row, tables
from kg.export.html.template import page_network, short_label

Facets = dict[str, list[Any]]  # a node's facets: page_keys.FACET_KEYS -> what the filters test

#: The whole-graph page: kind -> (shape, colour, legend label). Keywords are Topic nodes of the
#: ``keyword`` scheme: hundreds of them, so they start hidden (a legend click shows them).
KINDS = {
    "Paper": ("square", "#4e79a7", "Papers"),
    "Author": ("dot", "#e15759", "Authors"),
    "Organization": ("diamond", "#f28e2b", "Organisations"),
    "Topic": ("triangle", "#59a14f", "Topics"),
    "Keyword": ("dot", "#a9d3a3", "Keywords"),
}
EDGE_COLOURS = {
    "AUTHORED": "#98a2b3",
    "AFFILIATED": "#e8a66a",
    "MEMBER_OF": "#f28e2b",
    "HAS_TOPIC": "#86c47d",
}


def knowledge_graph_network(
    G: nx.MultiDiGraph[str],
    *,
    size_by: str = SIZE_BY,
    max_nodes: int | None = None,
    seed: int = SEED,
    heading: str | None = None,
    coauthors: nx.Graph[Any] | None = None,
    node_budget: int | None = None,
) -> Network:
    """The whole knowledge graph: papers, authors, organisations, topics and keywords (sources
    are shown in the paper tooltips rather than as nodes). ``max_nodes`` keeps the most central
    authors and the papers they wrote, with those papers' organisations and topics; without it,
    a graph of more than ``node_budget`` such nodes keeps as many of the most central authors as
    fit in the budget. ``coauthors`` is G's co-author graph, if already built."""
    if coauthors is None:
        from kg.graph import coauthor_graph

        coauthors = coauthor_graph(G)
    C = coauthors
    scores = author_scores(C, size_by)
    notes = [scores.note] if scores.note else []
    links = GraphLinks(G)
    chosen = most_central(C, scores.values, max_nodes) if max_nodes is not None else None
    if chosen is None and node_budget is not None and (drawn := drawn_count(G)) > node_budget:
        notes.append(f"The whole graph has {drawn:,} nodes, too many for one page.")
        chosen = _authors_within(G, links, most_central(C, scores.values, None), node_budget)
    shown = _shown_nodes(G, links, chosen)
    if chosen is not None and len(chosen) < len(C):
        notes.append(
            f"Showing the {len(chosen):,} most central authors (by {scores.label}) of "
            f"{len(C):,}, with their papers and those papers' organisations and topics."
        )
    # ordered, as the tables intern by it; every node shown has a kind
    kind_of = {n: kind for n in sorted(shown, key=str) if (kind := _kind(G.nodes[n]))}
    S = C.subgraph([n for n in C if n in shown])
    groups = author_groups(S)
    communities, group_of = group_legend(S, groups, scores.values)
    papers = Interned(lambda p: paper_row(p, links))
    topics = Interned(links.label)
    edge_list = _shown_edges(G, shown)
    keywords = {n for n in shown if kind_of[n] == "Keyword"}
    positions = packed_layout(_simple_graph(shown - keywords, edge_list), seed)
    positions.update(_beside_papers(keywords, links, positions))
    relative = rescaled(scores.values, S)
    labelled = _labelled_kg_nodes(kind_of, scores.values, links)
    facets = _paper_facets(G, kind_of, links, group_of, topics)

    nodes = []
    for n in sorted(shown, key=str):
        kind = kind_of[n]
        info = _kg_node_info(n, G.nodes[n], kind, links, papers, topics)
        info[keys.FACETS] = _node_facets(n, kind, links, facets, group_of, topics)
        if kind == "Author":
            info.update({keys.GROUP: group_of[n], keys.METRICS: metrics(n, G.nodes[n], scores)})
        x, y = positions[n]
        node = {
            "id": n,
            "label": short_label(info[keys.NAME]) if n in labelled else "",
            "x": x,
            "y": y,
            "shape": KINDS[kind][0],
            "color": KINDS[kind][1],
            keys.FACTS: info,
            "size": _kg_size(kind, relative.get(n, 0.0), len(links.papers_of(n))),
        }
        if kind == "Keyword":
            node.update(hidden=True, physics=False)  # hidden nodes would still pull in physics
        nodes.append(node)
    edges = []
    for i, (u, v, key) in enumerate(edge_list):
        edge = {
            "id": f"e{i}",
            "from": u,
            "to": v,
            "width": 1,
            "color": {"color": EDGE_COLOURS[key]},
            keys.FACTS: {keys.EDGE_KIND: key},
        }
        if u in keywords or v in keywords:
            edge["hidden"] = True
        edges.append(edge)
    counts = Counter(kind_of.values())
    page = {
        "kind": "kg",
        "subtitle": ", ".join(f"{counts[k]:,} {style[2].lower()}" for k, style in KINDS.items() if counts[k])
        + f" · {len(edges):,} links",
        "notes": notes,
        "legend_title": "Node types",
        "legend_filters": "type",
        "legend": [
            {
                "label": label,
                "color": colour,
                "count": counts[k],
                "shape": shape,
                "type": k,
                "hidden": k == "Keyword",
            }
            for k, (shape, colour, label) in KINDS.items()
            if counts[k]
        ],
        "groups_title": groups.title,
        "group_noun": groups.noun,
        "groups": communities,
        "encoding": f"Author size: {scores.label} · Topic and organisation size: papers · "
        "Keywords start hidden: click them in the legend",
        "noun": ["node", "nodes"],
        **tables(nodes, papers, topics),
    }
    return page_network(nodes, edges, page, heading or "Knowledge graph")


def _kind(data: dict[str, Any]) -> str | None:
    """The page's kind of a node: its type, with keyword topics apart (None: not drawn)."""
    kind = data.get("type")
    if kind == "Topic" and data.get("scheme") == "keyword":
        return "Keyword"
    return kind if kind in KINDS else None


def drawn_count(G: nx.MultiDiGraph[str]) -> int:
    """How many nodes the whole-graph page has when nothing is left out."""
    return sum(1 for _, d in G.nodes(data=True) if _kind(d))


def _shown_nodes(G: nx.MultiDiGraph[str], links: GraphLinks, authors: list[Any] | None) -> set[Any]:
    """Every paper, author, organisation and topic; or, for a set of authors, their papers and
    those papers' organisations and topics."""
    if authors is None:
        return {n for n, d in G.nodes(data=True) if _kind(d)}
    return set().union(*(_around(G, links, a) for a in authors))


def _around(G: nx.MultiDiGraph[str], links: GraphLinks, author: Any) -> set[Any]:
    """An author, their organisations, papers, and those papers' topics and organisations."""
    around = {author, *links.members.get(author, [])}
    for p in links.authored.get(author, []):
        around.add(p)
        around.update(links.topics.get(p, []))
        around.update(links.orgs.get(p, []))
    return {n for n in around if _kind(G.nodes[n])}


def _authors_within(G: nx.MultiDiGraph[str], links: GraphLinks, ranked: list[Any], budget: int) -> list[Any]:
    """The longest head of ``ranked`` whose authors, with what is around them, fit in ``budget``
    nodes (at least one author)."""
    shown: set[Any] = set()
    chosen: list[Any] = []
    for author in ranked:
        new = _around(G, links, author) - shown
        if chosen and len(shown) + len(new) > budget:
            break
        shown |= new
        chosen.append(author)
    return chosen


def _shown_edges(G: nx.MultiDiGraph[str], shown: set[Any]) -> list[tuple[str, str, str]]:
    return sorted(
        (u, v, k) for u, v, k in G.edges(keys=True) if k in EDGE_COLOURS and u in shown and v in shown
    )


def _simple_graph(nodes: set[Any], edges: list[tuple[Any, ...]]) -> nx.Graph[Any]:
    H: nx.Graph[Any] = nx.Graph()
    H.add_nodes_from(nodes)
    H.add_edges_from((u, v) for u, v, _ in edges if u in nodes and v in nodes)
    return H


def _beside_papers(
    keywords: set[Any], links: GraphLinks, positions: dict[Any, tuple[float, float]]
) -> dict[Any, tuple[float, float]]:
    """Keywords (left out of the layout: hundreds of hubs that start hidden) sit at the middle of
    their papers, each nudged along a golden-angle spiral so that none coincide."""
    placed = {}
    for i, k in enumerate(sorted(keywords, key=str)):
        anchors = [positions[p] for p in links.papers_of(k) if p in positions]
        cx, cy = np.mean(anchors, axis=0) if anchors else (0.0, 0.0)
        angle, radius = i * 2.399963, 25.0 + 6.0 * math.sqrt(i % 50)
        placed[k] = (
            round(float(cx + radius * math.cos(angle)), 1),
            round(float(cy + radius * math.sin(angle)), 1),
        )
    return placed


def _labelled_kg_nodes(kind_of: dict[Any, str], scores: dict[Any, float], links: GraphLinks) -> set[Any]:
    """Labels on the busiest topics and organisations and on the most central authors."""
    by_kind: dict[str, list[Any]] = defaultdict(list)
    for n, kind in kind_of.items():
        by_kind[kind].append(n)
    busiest = lambda n: (-len(links.papers_of(n)), str(n))  # noqa: E731
    return (
        set(sorted(by_kind["Topic"], key=busiest)[:30])
        | set(sorted(by_kind["Organization"], key=busiest)[:15])
        | set(sorted(by_kind["Author"], key=lambda n: (-scores.get(n, 0.0), str(n)))[:12])
    )


def _paper_facets(
    G: nx.MultiDiGraph[str],
    kind_of: dict[Any, str],
    links: GraphLinks,
    group_of: dict[Any, int],
    topics: Interned,
) -> dict[Any, Facets]:
    """What the filters test for each paper: its authors' groups, its topics, its year."""
    facets: dict[Any, Facets] = {}
    for n, kind in kind_of.items():
        if kind != "Paper":
            continue
        year = G.nodes[n].get("year")
        facets[n] = {
            keys.FACET_GROUPS: sorted({group_of[a] for a in links.authors_of.get(n, []) if a in group_of}),
            keys.FACET_TOPICS: sorted(
                topics.add(t) for t in links.topics.get(n, []) if t in kind_of and not links.is_keyword(t)
            ),
            keys.FACET_YEARS: [year] if is_int(year) else [],
        }
    return facets


def _node_facets(
    n: Any,
    kind: str,
    links: GraphLinks,
    facets: dict[Any, Facets],
    group_of: dict[Any, int],
    topics: Interned,
) -> Facets:
    """A paper's own facets; any other node has the union over its papers (an author keeps
    only its own group, and a topic always matches itself)."""
    if kind == "Paper":
        return facets[n]
    own = [facets[p] for p in links.papers_of(n) if p in facets]
    merged = {key: sorted({x for f in own for x in f[key]}) for key in keys.FACET_KEYS}
    if kind == "Author":
        merged[keys.FACET_GROUPS] = [group_of[n]] if n in group_of else []
    if kind == "Topic":
        merged[keys.FACET_TOPICS] = sorted(set(merged[keys.FACET_TOPICS]) | {topics.add(n)})
    return merged


def _kg_node_info(
    n: Any, data: dict[str, Any], kind: str, links: GraphLinks, papers: Interned, topics: Interned
) -> dict[str, Any]:
    """What a node's tooltip shows on the whole-graph page."""
    if kind == "Author":
        return author_info(n, data, links.authored.get(n, []), links, papers, topics)
    if kind == "Paper":
        paper_topics = links.topics.get(n, [])
        return {
            keys.KIND: "Paper",
            keys.NAME: links.label(n),
            keys.DATE: data.get("date"),
            keys.CATEGORY: data.get("category"),
            keys.VENUE: data.get("venue"),
            keys.AUTHORS: [node_name(links.graph.nodes[a], a) for a in links.authors_of.get(n, [])],
            keys.TRUNCATED: bool(data.get("authors_truncated")),
            keys.ORGANISATIONS: links.org_names(links.orgs.get(n, [])),
            keys.TOPICS: [[topics.add(t), 1] for t in paper_topics if not links.is_keyword(t)],
            keys.KEYWORDS: [links.label(t) for t in paper_topics if links.is_keyword(t)],
            keys.IDS: [
                x
                for x in (
                    data.get("arxiv_id") and f"arXiv:{data['arxiv_id']}",
                    data.get("doi") and f"doi:{data['doi']}",
                )
                if x
            ],
            keys.CODE: [str(u) for u in data.get("code_urls") or []],
            keys.SOURCES: [str(s) for s in data.get("sources") or []],
        }
    rows = [papers.add(p) for p in links.papers_of(n)]
    if kind == "Organization":
        name = links.label(n)
        return {
            keys.KIND: kind,
            keys.NAME: name,
            keys.PAPER_COUNT: len(rows),
            keys.PAPERS: rows,
            keys.VARIANTS: sorted({str(a) for a in data.get("aliases") or []} - {name}),
            keys.AMBIGUOUS: bool(data.get("ambiguous")),
        }
    return {
        keys.KIND: kind,
        keys.NAME: links.label(n),
        keys.PAPER_COUNT: len(rows),
        keys.PAPERS: rows,
        keys.VARIANTS: [str(x) for x in (data.get("label_zh"),) if x],
        keys.SCHEME: data.get("scheme"),
        keys.TERMS: [str(t) for t in data.get("terms") or []],
    }


def _kg_size(kind: str, relative_score: float, paper_count: int) -> float:
    if kind == "Author":
        return node_size(relative_score, smallest=7.0, range_=22.0)
    if kind == "Paper":
        return 6.0
    if kind == "Keyword":
        return 5.0
    return round(min(40.0, 10.0 + 4.0 * math.sqrt(paper_count)), 1)
