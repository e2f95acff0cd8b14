"""Interactive, offline HTML pages: the co-author graph (``coauthors.html``) and the whole
knowledge graph (``kg.html``).

pyvis is the interface users know: :func:`to_pyvis` returns a ``pyvis.network.Network`` with the
nodes, edges and options set, and ``net.generate_html()`` renders kg's own template
(``kg/templates/graph.html``). kg owns that template because pyvis 0.3.2 has traps:

- ``cdn_resources="in_line"`` still loads Bootstrap (and tom-select) from a CDN: our template embeds
  vis-network's JS and CSS, read at run time from the copy bundled in the pyvis package, and nothing
  else; a Content-Security-Policy forbids every request, so the page works from ``file://``.
- ``heading``, select-menu options and a node ``title`` containing ``href`` are inserted as raw HTML:
  here every piece of data travels as JSON inside ``<script type="application/json">`` (with ``<``,
  ``>``, ``&``, U+2028/2029 escaped), nodes carry no ``title``, and the page builds every text
  (tooltips, legend, menus) with ``textContent``.
- ``from_nx`` mutates the graph it reads and ``add_node``/``add_edge`` are quadratic: the network is
  filled in bulk from a read-only pass.
- ``show()``/``write_html()`` depend on notebook mode and the working directory and write with the
  platform's encoding: the exporters write ``generate_html()`` themselves, as UTF-8, atomically.

The layout is precomputed and seeded (igraph Fruchterman-Reingold per connected component, the
components packed in rows), so a 10,000-author page opens without a physics run; above
:data:`PHYSICS_NODE_LIMIT` nodes the page starts with physics off.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import random
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np
import pyvis
from pyvis.network import Network

from kg.export.atomic import atomic_write_text
from kg.measures import MEASURE_TITLES
from kg.measures import MEASURES as CENTRALITIES  # in the order pages show them

if TYPE_CHECKING:
    from kg.export import ExportOptions
    from kg.graph import KnowledgeGraph

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
TEMPLATE = "graph.html"

#: What ``--size-by`` accepts: a centrality, or a count every author has.
SIZE_BY = CENTRALITIES + ("paper_count",)
METRIC_NAMES = {**MEASURE_TITLES, "paper_count": "Paper count"}

#: Above this many nodes the page opens with physics off (the precomputed layout is final).
PHYSICS_NODE_LIMIT = 1000
MAX_LABELS = 25  # labels on the most central authors only; the rest on hover
LEGEND_COLOURS = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#8cd17d",
)
OTHER_COLOUR = "#b8bcc4"
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
EDGE_LENGTH = 90.0  # px between linked nodes in the precomputed layout
COMPONENT_GAP = 70.0  # px between packed components
SCREEN_LABEL_PX = 13.0  # label size on screen, whatever the zoom (the page rescales them)
#: ``kg build``'s limits when ``--max-nodes`` is not given: a bigger page takes minutes to write
#: and will not open usably (10,000 authors become usable in about 4 s: benchmarks/html_bench.py).
#: coauthors.html keeps the most central authors; kg.html keeps the most central authors with
#: their papers, organisations and topics, within this many nodes.
DEFAULT_MAX_AUTHORS = 10000
DEFAULT_MAX_KG_NODES = 5000


# --------------------------------------------------------------------------- exporters


def write_coauthor_html(kg: KnowledgeGraph, path: Path, options: ExportOptions) -> None:
    """``coauthors.html``: the co-author graph, sized by ``options.size_by``; at most
    ``options.max_nodes`` authors, or :data:`DEFAULT_MAX_AUTHORS` when that is None."""
    net = coauthor_network(
        kg.coauthors(), kg.graph, size_by=options.size_by, max_nodes=_max_authors(options), seed=options.seed
    )
    write_network_html(net, path)


def write_knowledge_graph_html(kg: KnowledgeGraph, path: Path, options: ExportOptions) -> None:
    """``kg.html``: papers, authors, organisations and topics, each with its shape and colour;
    ``options.max_nodes`` authors with their surroundings, or (when None) at most
    :data:`DEFAULT_MAX_KG_NODES` nodes."""
    net = knowledge_graph_network(
        kg.graph,
        size_by=options.size_by,
        max_nodes=options.max_nodes,
        seed=options.seed,
        coauthors=kg.coauthors(),
        node_budget=DEFAULT_MAX_KG_NODES,
    )
    write_network_html(net, path)


def page_notes(kg: KnowledgeGraph, options: ExportOptions, written: list[Path]) -> list[str]:
    """What ``kg build``'s summary says about the pages in ``written`` that show part of the graph."""
    names = {p.name for p in written}
    notes = []
    if "coauthors.html" in names:  # the count only for a page that needs it
        authors, limit = len(kg.authors()), _max_authors(options)
        if authors > limit:
            notes.append(
                f"coauthors.html shows the {limit:,} most central authors of {authors:,} "
                "(--max-nodes N to choose)"
            )
    if "kg.html" in names and options.max_nodes is None:
        drawn = _drawn_count(kg.graph)
        if drawn > DEFAULT_MAX_KG_NODES:
            notes.append(
                f"kg.html shows the most central authors with their papers, organisations and "
                f"topics, {DEFAULT_MAX_KG_NODES:,} nodes at most of {drawn:,} "
                f"(--max-nodes N: N authors)"
            )
    elif "kg.html" in names and (authors := len(kg.authors())) > options.max_nodes:
        notes.append(
            f"kg.html shows the {options.max_nodes:,} most central authors of {authors:,}, "
            f"with their papers, organisations and topics"
        )
    return notes


def _max_authors(options: ExportOptions) -> int:
    return DEFAULT_MAX_AUTHORS if options.max_nodes is None else options.max_nodes


def write_network_html(net: Network, path: Path) -> None:
    """Write a network that :func:`to_pyvis` made as one self-contained UTF-8 page."""
    atomic_write_text(path, net.generate_html())


def to_pyvis(
    G: nx.Graph,
    *,
    graph: nx.MultiDiGraph | None = None,
    size_by: str = "pagerank",
    max_nodes: int | None = None,
    seed: int = 42,
    heading: str | None = None,
) -> Network:
    """A pyvis Network of ``G`` whose ``generate_html()`` is kg's offline, escaped page.

    The knowledge graph itself (typed nodes, DESIGN.md contract 2) gives the whole-graph page;
    any other graph is drawn as a co-author graph, and ``graph`` (the knowledge graph) adds the
    papers, organisations and topics to its tooltips. ``G`` is never modified.
    """
    if G.is_directed() and any(d.get("type") in KINDS for _, d in G.nodes(data=True)):
        return knowledge_graph_network(G, size_by=size_by, max_nodes=max_nodes, seed=seed, heading=heading)
    if G.is_directed() or G.is_multigraph():
        G = nx.Graph(G)  # a copy: the caller's graph is never modified
    return coauthor_network(G, graph, size_by=size_by, max_nodes=max_nodes, seed=seed, heading=heading)


# --------------------------------------------------------------------------- co-author page


def coauthor_network(
    C: nx.Graph,
    graph: nx.MultiDiGraph | None = None,
    *,
    size_by: str = "pagerank",
    max_nodes: int | None = None,
    seed: int = 42,
    heading: str | None = None,
) -> Network:
    """The co-author page: size by centrality, colour by community, width by shared papers."""
    scores = author_scores(C, size_by)
    notes = [scores.note] if scores.note else []
    kept = most_central(C, scores.values, max_nodes)
    S = C if len(kept) == len(C) else _induced(C, kept)
    if len(kept) < len(C):
        notes.append(
            f"Showing the {len(kept):,} most central authors (by {scores.label}) of "
            f"{len(C):,}, and the {S.number_of_edges():,} co-author links among them "
            f"(of {C.number_of_edges():,})."
        )
    groups = author_groups(S)
    legend, group_of = group_legend(S, groups, scores.values)
    links = _GraphLinks(graph) if graph is not None else None
    papers = _Interned(lambda p: _paper_row(p, links))
    topics = _Interned(lambda t: links.label(t) if links else str(t))
    positions = packed_layout(S, seed)
    labelled = set(most_central(S, scores.values, _label_count(len(S))))
    relative = _relative(scores.values, S)
    sizes = (8.0, 28.0) if len(S) <= PHYSICS_NODE_LIMIT else (4.0, 16.0)  # dense: smaller dots

    nodes = []
    for n in sorted(S, key=str):
        paper_ids = links.authored.get(n, []) if links else _papers_from_edges(S, n)
        info = _author_info(n, S.nodes[n], paper_ids, links, papers, topics)
        info.update(
            g=group_of[n],
            m=_metrics(n, S.nodes[n], scores),
            f={"g": [group_of[n]], "t": sorted(t for t, _ in info["t"]), "y": _years(paper_ids, links)},
        )
        x, y = positions[n]
        nodes.append(
            {
                "id": n,
                "label": info["name"] if n in labelled else "",
                "x": x,
                "y": y,
                "size": _node_size(relative[n], *sizes),
                "shape": "dot",
                "color": legend[group_of[n]]["color"],
                "kg": info,
            }
        )
    edges = []
    for i, (u, v, data) in enumerate(sorted(S.edges(data=True), key=lambda e: _edge_key(*e[:2]))):
        u, v = _edge_key(u, v, ids=True)
        weight = int(data.get("weight") or 1)
        edges.append(
            {
                "id": f"e{i}",
                "from": u,
                "to": v,
                "width": _edge_width(weight),
                "kg": {"w": weight, "p": [papers.add(p) for p in data.get("papers", [])]},
            }
        )
    page = {
        "kind": "coauthors",
        "subtitle": f"{len(S):,} authors · {S.number_of_edges():,} co-author links",
        "notes": notes,
        "legend_title": groups.title,
        "legend": legend,
        "legend_filters": "group",
        "groups_title": groups.title,
        "group_noun": groups.noun,
        "groups": legend,
        "encoding": f"Size: {scores.label} · Colour: {groups.noun.lower()} · Line width: shared papers",
        "noun": ["author", "authors"],
        **_tables(nodes, papers, topics),
    }
    return _network(nodes, edges, page, heading or "Co-author network")


def _induced(C: nx.Graph, nodes: list) -> nx.Graph:
    """C's subgraph on ``nodes``, as ``C.subgraph(nodes).copy()`` makes it (same node and
    neighbour order) without going through filtered views, which cost seconds on big graphs."""
    keep = set(nodes)
    S = nx.Graph()
    S.add_nodes_from((n, d) for n, d in C.nodes(data=True) if n in keep)
    S.add_edges_from(
        (u, v, d) for u, neighbours in C.adj.items() if u in keep for v, d in neighbours.items() if v in keep
    )
    return S


@dataclass(frozen=True)
class Scores:
    """What sizes the authors: one number each, its display name, and whether this page computed
    it (the analyses had not written ``size_by``), with the note the page shows then."""

    values: dict
    label: str
    computed: bool = False
    note: str | None = None


def author_scores(C: nx.Graph, size_by: str) -> Scores:
    """Each author's ``size_by``. A centrality the analyses did not write falls back to degree
    centrality computed here, so a graph built without analyses still gets a sensible picture
    (and the page says so)."""
    label = METRIC_NAMES.get(size_by, size_by)
    if any(_number(d.get(size_by)) is not None for _, d in C.nodes(data=True)):
        return Scores({n: _number(d.get(size_by)) or 0.0 for n, d in C.nodes(data=True)}, label)
    if size_by == "weighted_degree":
        return Scores({n: float(d) for n, d in C.degree(weight="weight")}, label, computed=True)
    degree = nx.degree_centrality(C) if len(C) > 1 else {n: 0.0 for n in C}
    note = (
        None
        if size_by == "degree"
        else (f"{label} is not in this graph: sizes show degree centrality, computed for this page.")
    )
    return Scores(degree, METRIC_NAMES["degree"], computed=True, note=note)


def most_central(C: nx.Graph, scores: dict, max_nodes: int | None) -> list:
    """The ``max_nodes`` authors with the highest scores (ties by id), or all of them."""
    ranked = sorted(C, key=lambda n: (-scores[n], str(n)))
    return ranked if max_nodes is None else ranked[:max_nodes]


@dataclass(frozen=True)
class Groups:
    """What colours the authors: each one's group id (None: in no group), and their name."""

    of: dict
    title: str  # "Communities"
    noun: str  # "Community"


def author_groups(C: nx.Graph) -> Groups:
    """Each author's community (from the analyses). Without communities, connected components
    stand in, and the legend says so."""
    communities = {n: d.get("community") for n, d in C.nodes(data=True)}
    if any(_is_int(c) for c in communities.values()):
        return Groups(
            {n: c if _is_int(c) else None for n, c in communities.items()}, "Communities", "Community"
        )
    components = sorted(nx.connected_components(C), key=lambda c: (-len(c), min(map(str, c))))
    return Groups(
        {n: i for i, comp in enumerate(components) for n in comp},
        "Connected components",
        "Connected component",
    )


def group_legend(C: nx.Graph, groups: Groups, scores: dict) -> tuple[list[dict], dict]:
    """Legend entries (the largest groups get a colour each, the rest share one) and each
    author's entry index. An entry is named after its most central member."""
    members: dict[Any, list] = defaultdict(list)
    for n, g in groups.of.items():
        members[g].append(n)
    ranked = sorted((g for g in members if g is not None), key=lambda g: (-len(members[g]), g))
    named, rest = ranked[: len(LEGEND_COLOURS)], ranked[len(LEGEND_COLOURS) :]
    legend: list[dict] = []
    group_of: dict = {}
    for colour, g in zip(LEGEND_COLOURS, named):
        first = min(members[g], key=lambda n: (-scores[n], str(n)))
        lead = _name(C.nodes[first], first)
        legend.append(
            {
                "label": lead if len(members[g]) == 1 else f"{lead} & co.",
                "color": colour,
                "count": len(members[g]),
                "shape": "dot",
            }
        )
        group_of.update(dict.fromkeys(members[g], len(legend) - 1))
    others = [n for g in rest for n in members[g]] + members.get(None, [])
    if others:
        label = f"Other {groups.title.lower()}" if rest else f"No {groups.noun.lower()}"
        legend.append({"label": label, "color": OTHER_COLOUR, "count": len(others), "shape": "dot"})
        group_of.update(dict.fromkeys(others, len(legend) - 1))
    return legend, group_of


def _author_info(
    n, data: dict, paper_ids: list, links: _GraphLinks | None, papers: _Interned, topics: _Interned
) -> dict:
    """What an author's tooltip shows: spellings, papers, organisations, topics, keywords."""
    name = _name(data, n)
    topic_counts: Counter = Counter()
    paper_orgs: set[str] = set()
    members: list[str] = []
    if links:
        for p in paper_ids:
            topic_counts.update(links.topics.get(p, []))
            paper_orgs.update(links.org_names(links.orgs.get(p, [])))
        members = links.org_names(links.members.get(n, []))
    ranked = sorted(topic_counts, key=lambda t: (-topic_counts[t], links.label(t)))
    count = data.get("paper_count")
    return {
        "kind": "Author",
        "name": name,
        "v": sorted({str(v) for v in data.get("name_variants") or [] if v and str(v) != name}),
        "pc": count if _is_int(count) else len(paper_ids),
        "o": members,
        "ao": sorted(paper_orgs - set(members)),
        "t": [[topics.add(t), topic_counts[t]] for t in ranked if not links.is_keyword(t)],
        "kw": [links.label(t) for t in ranked if links.is_keyword(t)][:8],
        "p": [papers.add(p) for p in paper_ids],
    }


def _metrics(n, data: dict, scores: Scores) -> list[list]:
    """The centralities the node has, rounded for display, and the score this page computed."""
    shown = [[METRIC_NAMES[k], _round(data[k])] for k in CENTRALITIES if _number(data.get(k)) is not None]
    if scores.computed and n in scores.values:
        shown.append([f"{scores.label} (computed for this page)", _round(scores.values[n])])
    return shown


# --------------------------------------------------------------------------- whole-graph page


def knowledge_graph_network(
    G: nx.MultiDiGraph,
    *,
    size_by: str = "pagerank",
    max_nodes: int | None = None,
    seed: int = 42,
    heading: str | None = None,
    coauthors: nx.Graph | None = None,
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
    links = _GraphLinks(G)
    chosen = most_central(C, scores.values, max_nodes) if max_nodes is not None else None
    if chosen is None and node_budget is not None and (drawn := _drawn_count(G)) > node_budget:
        notes.append(f"The whole graph has {drawn:,} nodes, too many for one page.")
        chosen = _authors_within(G, links, most_central(C, scores.values, None), node_budget)
    shown = _shown_nodes(G, links, chosen)
    if chosen is not None and len(chosen) < len(C):
        notes.append(
            f"Showing the {len(chosen):,} most central authors (by {scores.label}) of "
            f"{len(C):,}, with their papers and those papers' organisations and topics."
        )
    kind_of = {n: _kind(G.nodes[n]) for n in sorted(shown, key=str)}  # ordered: tables intern by it
    S = C.subgraph([n for n in C if n in shown])
    groups = author_groups(S)
    communities, group_of = group_legend(S, groups, scores.values)
    papers = _Interned(lambda p: _paper_row(p, links))
    topics = _Interned(links.label)
    edge_list = _shown_edges(G, shown)
    keywords = {n for n in shown if kind_of[n] == "Keyword"}
    positions = packed_layout(_simple_graph(shown - keywords, edge_list), seed)
    positions.update(_beside_papers(keywords, links, positions))
    relative = _relative(scores.values, S)
    labelled = _labelled_kg_nodes(kind_of, scores.values, links)
    facets = _paper_facets(G, kind_of, links, group_of, topics)

    nodes = []
    for n in sorted(shown, key=str):
        kind = kind_of[n]
        info = _kg_node_info(n, G.nodes[n], kind, links, papers, topics)
        info["f"] = _node_facets(n, kind, links, facets, group_of, topics)
        if kind == "Author":
            info.update(g=group_of[n], m=_metrics(n, G.nodes[n], scores))
        x, y = positions[n]
        node = {
            "id": n,
            "label": info["name"] if n in labelled else "",
            "x": x,
            "y": y,
            "shape": KINDS[kind][0],
            "color": KINDS[kind][1],
            "kg": info,
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
            "kg": {"k": key},
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
        **_tables(nodes, papers, topics),
    }
    return _network(nodes, edges, page, heading or "Knowledge graph")


def _kind(data: dict) -> str | None:
    """The page's kind of a node: its type, with keyword topics apart (None: not drawn)."""
    kind = data.get("type")
    if kind == "Topic" and data.get("scheme") == "keyword":
        return "Keyword"
    return kind if kind in KINDS else None


def _drawn_count(G: nx.MultiDiGraph) -> int:
    """How many nodes the whole-graph page has when nothing is left out."""
    return sum(1 for _, d in G.nodes(data=True) if _kind(d))


def _shown_nodes(G: nx.MultiDiGraph, links: _GraphLinks, authors: list | None) -> set:
    """Every paper, author, organisation and topic; or, for a set of authors, their papers and
    those papers' organisations and topics."""
    if authors is None:
        return {n for n, d in G.nodes(data=True) if _kind(d)}
    return set().union(*(_around(G, links, a) for a in authors))


def _around(G: nx.MultiDiGraph, links: _GraphLinks, author) -> set:
    """An author, their organisations, papers, and those papers' topics and organisations."""
    around = {author, *links.members.get(author, [])}
    for p in links.authored.get(author, []):
        around.add(p)
        around.update(links.topics.get(p, []))
        around.update(links.orgs.get(p, []))
    return {n for n in around if _kind(G.nodes[n])}


def _authors_within(G: nx.MultiDiGraph, links: _GraphLinks, ranked: list, budget: int) -> list:
    """The longest head of ``ranked`` whose authors, with what is around them, fit in ``budget``
    nodes (at least one author)."""
    shown: set = set()
    chosen = []
    for author in ranked:
        new = _around(G, links, author) - shown
        if chosen and len(shown) + len(new) > budget:
            break
        shown |= new
        chosen.append(author)
    return chosen


def _shown_edges(G: nx.MultiDiGraph, shown: set) -> list[tuple[str, str, str]]:
    return sorted(
        (u, v, k) for u, v, k in G.edges(keys=True) if k in EDGE_COLOURS and u in shown and v in shown
    )


def _simple_graph(nodes: set, edges: list[tuple]) -> nx.Graph:
    H = nx.Graph()
    H.add_nodes_from(nodes)
    H.add_edges_from((u, v) for u, v, _ in edges if u in nodes and v in nodes)
    return H


def _beside_papers(keywords: set, links: _GraphLinks, positions: dict) -> dict:
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


def _labelled_kg_nodes(kind_of: dict, scores: dict, links: _GraphLinks) -> set:
    """Labels on the busiest topics and organisations and on the most central authors."""
    by_kind: dict[str, list] = defaultdict(list)
    for n, kind in kind_of.items():
        by_kind[kind].append(n)
    busiest = lambda n: (-len(links.papers_of(n)), str(n))  # noqa: E731
    return (
        set(sorted(by_kind["Topic"], key=busiest)[:30])
        | set(sorted(by_kind["Organization"], key=busiest)[:15])
        | set(sorted(by_kind["Author"], key=lambda n: (-scores.get(n, 0.0), str(n)))[:12])
    )


def _label_count(n: int) -> int:
    """How many of ``n`` authors get a label: all of a handful, about 1.5 sqrt(n), at most MAX_LABELS."""
    return min(MAX_LABELS, max(12, round(1.5 * math.sqrt(n))))


def _paper_facets(
    G: nx.MultiDiGraph, kind_of: dict, links: _GraphLinks, group_of: dict, topics: _Interned
) -> dict[str, dict]:
    """What the filters test for each paper: its authors' groups, its topics, its year."""
    facets = {}
    for n, kind in kind_of.items():
        if kind != "Paper":
            continue
        year = G.nodes[n].get("year")
        facets[n] = {
            "g": sorted({group_of[a] for a in links.authors_of.get(n, []) if a in group_of}),
            "t": sorted(
                topics.add(t) for t in links.topics.get(n, []) if t in kind_of and not links.is_keyword(t)
            ),
            "y": [year] if _is_int(year) else [],
        }
    return facets


def _node_facets(n, kind: str, links: _GraphLinks, facets: dict, group_of: dict, topics: _Interned) -> dict:
    """A paper's own facets; any other node has the union over its papers (an author keeps
    only its own group, and a topic always matches itself)."""
    if kind == "Paper":
        return facets[n]
    own = [facets[p] for p in links.papers_of(n) if p in facets]
    merged = {key: sorted({x for f in own for x in f[key]}) for key in ("g", "t", "y")}
    if kind == "Author":
        merged["g"] = [group_of[n]] if n in group_of else []
    if kind == "Topic":
        merged["t"] = sorted(set(merged["t"]) | {topics.add(n)})
    return merged


def _kg_node_info(n, data: dict, kind: str, links: _GraphLinks, papers: _Interned, topics: _Interned) -> dict:
    """What a node's tooltip shows on the whole-graph page."""
    if kind == "Author":
        return _author_info(n, data, links.authored.get(n, []), links, papers, topics)
    if kind == "Paper":
        paper_topics = links.topics.get(n, [])
        return {
            "kind": "Paper",
            "name": links.label(n),
            "date": data.get("date"),
            "category": data.get("category"),
            "venue": data.get("venue"),
            "authors": [_name(links.graph.nodes[a], a) for a in links.authors_of.get(n, [])],
            "truncated": bool(data.get("authors_truncated")),
            "o": links.org_names(links.orgs.get(n, [])),
            "t": [[topics.add(t), 1] for t in paper_topics if not links.is_keyword(t)],
            "kw": [links.label(t) for t in paper_topics if links.is_keyword(t)],
            "ids": [
                x
                for x in (
                    data.get("arxiv_id") and f"arXiv:{data['arxiv_id']}",
                    data.get("doi") and f"doi:{data['doi']}",
                )
                if x
            ],
            "code": [str(u) for u in data.get("code_urls") or []],
            "src": [str(s) for s in data.get("sources") or []],
        }
    rows = [papers.add(p) for p in links.papers_of(n)]
    if kind == "Organization":
        name = links.label(n)
        return {
            "kind": kind,
            "name": name,
            "pc": len(rows),
            "p": rows,
            "v": sorted({str(a) for a in data.get("aliases") or []} - {name}),
            "ambiguous": bool(data.get("ambiguous")),
        }
    return {
        "kind": kind,
        "name": links.label(n),
        "pc": len(rows),
        "p": rows,
        "v": [str(x) for x in (data.get("label_zh"),) if x],
        "scheme": data.get("scheme"),
        "terms": [str(t) for t in data.get("terms") or []],
    }


def _kg_size(kind: str, relative_score: float, paper_count: int) -> float:
    if kind == "Author":
        return _node_size(relative_score, smallest=7.0, range_=22.0)
    if kind == "Paper":
        return 6.0
    if kind == "Keyword":
        return 5.0
    return round(min(40.0, 10.0 + 4.0 * math.sqrt(paper_count)), 1)


# --------------------------------------------------------------------------- shared helpers


class _GraphLinks:
    """The knowledge graph's edges as the pages read them: who wrote what, which paper has which
    topics and organisations, who is a member of what (DESIGN.md, contract 2). Each node's list
    is looked up in G's adjacency when first asked for: a page shows a few thousand nodes of a
    graph that may have millions of edges. (It reads networkx's adjacency dicts ``_succ`` and
    ``_pred``: through the public views the lookups took seconds at 100k papers.)"""

    def __init__(self, graph: nx.MultiDiGraph):
        self.graph = graph
        self.authored = _Linked(graph._succ, "AUTHORED")
        self.topics = _Linked(graph._succ, "HAS_TOPIC")
        self.orgs = _Linked(graph._succ, "AFFILIATED")
        self.members = _Linked(graph._succ, "MEMBER_OF")
        self.authors_of = _Linked(graph._pred, "AUTHORED", order_by="position")
        self._papers_in = (_Linked(graph._pred, "AFFILIATED"), _Linked(graph._pred, "HAS_TOPIC"))
        self._labels: dict = {}
        self._keywords: dict = {}

    def papers_of(self, n) -> list:
        """The papers an author wrote, or that name an organisation or have a topic."""
        return self.authored.get(n) or self._papers_in[0].get(n) or self._papers_in[1].get(n)

    def label(self, n) -> str:
        """How a page names a node: a topic with its arXiv code or as a cluster."""
        if n not in self._labels:
            data = self.graph.nodes[n] if n in self.graph else {}
            text = _label(data, n)
            if data.get("scheme") == "arxiv" and data.get("code"):
                text = f"{text} ({data['code']})"
            elif data.get("scheme") == "cluster":
                text = f"Cluster: {text}"
            self._labels[n] = text
        return self._labels[n]

    def is_keyword(self, t) -> bool:
        if t not in self._keywords:
            self._keywords[t] = t in self.graph and self.graph.nodes[t].get("scheme") == "keyword"
        return self._keywords[t]

    def org_names(self, orgs: Iterable) -> list[str]:
        return sorted({self.label(o) for o in orgs})


class _Linked:
    """node -> the nodes its ``key`` edges lead to (``adjacency`` = G._succ) or come from
    (G._pred), sorted by the edge attribute ``order_by`` (e.g. the author position) and then by
    id; computed once per node."""

    def __init__(self, adjacency: dict, key: str, order_by: str | None = None):
        self._adjacency = adjacency
        self._key = key
        self._order_by = order_by
        self._lists: dict = {}

    def get(self, n, default: list | None = None) -> list:
        if n not in self._lists:
            self._lists[n] = self._linked(n)
        return self._lists[n] or ([] if default is None else default)

    def _linked(self, n) -> list:
        if n not in self._adjacency:
            return []
        ranked = []
        for other, edges in self._adjacency[n].items():
            data = edges.get(self._key)
            if data is not None:
                rank = data.get(self._order_by) if self._order_by else None
                ranked.append((rank if _is_int(rank) else math.inf, str(other), other))
        return [other for *_, other in sorted(ranked)]


class _Interned:
    """A table of rows shared by many nodes (papers, topics), referred to by index."""

    def __init__(self, make_row: Callable[[Any], Any]):
        self.rows: list = []
        self._index: dict = {}
        self._make_row = make_row

    def add(self, key) -> int:
        if key not in self._index:
            self._index[key] = len(self.rows)
            self.rows.append(self._make_row(key))
        return self._index[key]


def _papers_from_edges(C: nx.Graph, n) -> list:
    """Without the knowledge graph, an author's papers are known only through co-author edges."""
    return sorted({p for _, _, d in C.edges(n, data=True) for p in d.get("papers", [])}, key=str)


def _paper_row(p, links: _GraphLinks | None) -> list:
    """[title, year] of a paper; without the knowledge graph only its id is known."""
    if links is None or p not in links.graph:
        return [str(p), None]
    year = links.graph.nodes[p].get("year")
    return [links.label(p), year if _is_int(year) else None]


def _years(paper_ids: list, links: _GraphLinks | None) -> list[int]:
    if links is None:
        return []
    years = {links.graph.nodes[p].get("year") for p in paper_ids if p in links.graph}
    return sorted(y for y in years if _is_int(y))


def _tables(nodes: list[dict], papers: _Interned, topics: _Interned) -> dict:
    """What both pages share: the paper and topic rows the tooltips index, and the filters'
    choices (topics, year range) over the nodes shown."""
    return {
        "papers": papers.rows,
        "topics": topics.rows,
        "topic_options": _topic_options(nodes, topics),
        "years": _year_bounds(nodes),
    }


def _topic_options(nodes: list[dict], topics: _Interned) -> list[list]:
    """Filter choices: the topics, most used first (at most 200)."""
    counts = Counter(t for n in nodes for t in n["kg"]["f"]["t"])
    ranked = sorted(counts, key=lambda t: (-counts[t], topics.rows[t]))
    return [[t, topics.rows[t], counts[t]] for t in ranked[:200]]


def _year_bounds(nodes: list[dict]) -> list[int] | None:
    years = [y for n in nodes for y in n["kg"]["f"]["y"]]
    return [min(years), max(years)] if years else None


def _name(data: dict, n) -> str:
    return str(data.get("name") or data.get("label") or n)


def _label(data: dict, n) -> str:
    return str(data.get("label") or data.get("name") or data.get("title") or n)


def _edge_key(u, v, ids: bool = False) -> tuple:
    """An undirected edge's ends in a stable order (by their text); ``ids`` gives the ids."""
    a, b = (u, v) if str(u) <= str(v) else (v, u)
    return (a, b) if ids else (str(a), str(b))


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _number(value) -> float | None:
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    return float(value) if ok else None


def _relative(scores: dict, nodes: Iterable) -> dict:
    """Scores rescaled to [0, 1] over the nodes shown (all 1 when they are all equal)."""
    values = {n: scores[n] for n in nodes}
    low, high = min(values.values(), default=0.0), max(values.values(), default=0.0)
    return {n: (v - low) / (high - low) if high > low else 1.0 for n, v in values.items()}


def _node_size(relative: float, smallest: float = 8.0, range_: float = 28.0) -> float:
    """The area grows with the score: the radius with its square root."""
    return round(smallest + range_ * math.sqrt(max(0.0, min(1.0, relative))), 1)


def _edge_width(weight: int) -> float:
    return round(min(8.0, 1.0 + 1.4 * math.log2(max(1, weight))), 2)


def _round(value: float) -> float:
    return float(f"{value:.4g}")


# --------------------------------------------------------------------------- layout


def packed_layout(G: nx.Graph, seed: int = 42) -> dict[Any, tuple[float, float]]:
    """Seeded positions in px: Fruchterman-Reingold (igraph) per connected component, scaled so
    that linked nodes sit about :data:`EDGE_LENGTH` apart, the components packed in rows,
    largest first. Deterministic for a given graph and seed."""
    components = sorted(
        (sorted(c, key=str) for c in nx.connected_components(G)), key=lambda c: (-len(c), str(c[0]))
    )
    where = {node: (ci, i) for ci, comp in enumerate(components) for i, node in enumerate(comp)}
    component_edges: list[set] = [set() for _ in components]
    for u, v in G.edges():
        (cu, iu), (_, iv) = where[u], where[v]
        if iu != iv:
            component_edges[cu].add((min(iu, iv), max(iu, iv)))
    boxes = [
        dict(zip(comp, _component_layout(len(comp), sorted(es), seed)))
        for comp, es in zip(components, component_edges)
    ]
    return _pack(boxes)


def _component_layout(n: int, edges: list[tuple[int, int]], seed: int) -> np.ndarray:
    """Positions of one connected component's nodes 0..n-1. igraph draws its start positions
    from the RNG it is handed: a seeded one here (and then its default is put back)."""
    if n == 1:
        return np.zeros((1, 2))
    if n == 2:
        return np.array([[-EDGE_LENGTH / 2, 0.0], [EDGE_LENGTH / 2, 0.0]])
    import igraph

    g = igraph.Graph(n=n, edges=edges)
    igraph.set_random_number_generator(random.Random(seed))
    try:  # grid-accelerated above 1,000 nodes ("auto"); fewer iterations for the giants
        coords = np.array(g.layout_fruchterman_reingold(niter=500 if n <= 2000 else 300).coords)
    finally:
        igraph.set_random_number_generator(random)
    coords -= coords.mean(axis=0)
    ends = np.array(edges)
    lengths = np.linalg.norm(coords[ends[:, 0]] - coords[ends[:, 1]], axis=1)
    typical = float(np.median(lengths)) or 1.0
    return coords * (EDGE_LENGTH / typical)


def _pack(components: list[dict[Any, np.ndarray]]) -> dict[Any, tuple[float, float]]:
    """Shelf packing: left to right in rows, the drawing about twice as wide as tall, like a
    window."""
    boxes = []
    for comp in components:
        pts = np.array(list(comp.values()))
        low = pts.min(axis=0)
        boxes.append((comp, low, pts.max(axis=0) - low + COMPONENT_GAP))
    area = sum(float(size[0] * size[1]) for *_, size in boxes)
    row_width = max([math.sqrt(area * 2.0)] + [float(size[0]) for *_, size in boxes])
    positions, x, y, row_height = {}, 0.0, 0.0, 0.0
    for comp, low, size in boxes:
        if x > 0 and x + size[0] > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, p in comp.items():
            positions[node] = (p[0] - low[0] + x, p[1] - low[1] + y)
        x += float(size[0])
        row_height = max(row_height, float(size[1]))
    if not positions:
        return {}
    pts = np.array(list(positions.values()))
    centre = (pts.min(axis=0) + pts.max(axis=0)) / 2
    return {
        node: (round(float(px - centre[0]), 1), round(float(py - centre[1]), 1))
        for node, (px, py) in positions.items()
    }


# --------------------------------------------------------------------------- pyvis + template


def _network(nodes: list[dict], edges: list[dict], page: dict, heading: str) -> Network:
    """A pyvis Network filled in bulk (pyvis' add_node/add_edge are quadratic) and bound to
    kg's template, so that ``generate_html()`` gives the offline page."""
    net = Network(
        height="100%", width="100%", directed=False, notebook=False, heading=heading, cdn_resources="in_line"
    )
    net.nodes = nodes
    net.edges = edges
    net.node_ids = [n["id"] for n in nodes]
    net.node_map = {n["id"]: n for n in nodes}
    net.options = vis_options(len(nodes))
    net.set_template_dir(str(TEMPLATES), TEMPLATE)
    env = net.templateEnv
    env.filters["script_json"] = script_json
    env.filters["parsed"] = json.loads
    scripts = (_asset("vis-network.min.js"), _template_text("graph.js"))
    env.globals.update(
        page={**page, "label_px": SCREEN_LABEL_PX},
        vis_js=scripts[0],
        page_js=scripts[1],
        vis_css=_asset("vis-network.css"),
        page_css=_template_text("graph.css"),
        script_hashes=" ".join(_csp_hash(s) for s in scripts),
    )
    return net


def vis_options(n_nodes: int) -> dict:
    """vis-network options: straight edges, hover events, physics only for small graphs (the
    positions are precomputed, so physics only relaxes them)."""
    large = n_nodes > PHYSICS_NODE_LIMIT
    return {
        "autoResize": True,
        "nodes": {
            "borderWidth": 1,
            "borderWidthSelected": 3,
            "font": {
                "face": "Inter, 'Segoe UI', 'Helvetica Neue', Arial, 'Liberation Sans', "
                "'DejaVu Sans', sans-serif",
                "size": SCREEN_LABEL_PX,
                "color": "#1f2937",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
        },
        "edges": {
            "smooth": False,
            "selectionWidth": 1.5,
            "hoverWidth": 0.5,
            "color": {"color": "#a3aab5", "highlight": "#374151", "hover": "#4b5563", "opacity": 0.55},
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "navigationButtons": False,
            "keyboard": False,
            "multiselect": False,
        },
        "layout": {"improvedLayout": False, "randomSeed": 1},
        "physics": {
            "enabled": not large,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -40,
                "centralGravity": 0.002,
                "springLength": EDGE_LENGTH,
                "springConstant": 0.04,
                "damping": 0.6,
                "avoidOverlap": 0.4,
            },
            "stabilization": {"enabled": not large, "iterations": 100, "fit": True},
            "minVelocity": 1.0,
        },
    }


_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(value: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``: no ``</script>``, no
    ``<!--``, no character that a browser or a JS parser reads as markup or a line break."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    for character, escape in _SCRIPT_ESCAPES.items():  # replace() is faster than a re.sub callback
        text = text.replace(character, escape)
    return text


def _inline(text: str) -> str:
    """Code inlined in ``<script>``/``<style>``: a closing tag or comment opener inside it would
    end the element early, so it is escaped (equivalent inside JS strings and CSS)."""
    text = re.sub(r"</(script|style)", r"<\\/\1", text, flags=re.IGNORECASE)
    return text.replace("<!--", "<\\!--")


def _csp_hash(script: str) -> str:
    """The Content-Security-Policy source that admits exactly this inline script."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@cache
def _asset(name: str) -> str:
    """vis-network's JS or CSS, from the copy the installed pyvis ships (no CDN)."""
    root = Path(pyvis.__file__).resolve().parent
    for folder in (root / "lib" / "vis-9.1.2", root / "templates" / "lib" / "vis-9.1.2"):
        if (folder / name).is_file():
            return _inline((folder / name).read_text(encoding="utf-8"))
    raise FileNotFoundError(f"{name} is not in the installed pyvis package ({root})")


@cache
def _template_text(name: str) -> str:
    return _inline((TEMPLATES / name).read_text(encoding="utf-8"))
