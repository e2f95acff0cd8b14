"""The authors on both pages: what sizes them (a centrality), what colours them (their community),
the legend of their groups, and what their tooltip shows."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

import networkx as nx

from kg.export.html import page_keys as keys
from kg.export.html.graph_links import GraphLinks, node_name
from kg.export.html.numeric import is_int, number
from kg.export.html.tables import Interned
from kg.export.html.template import short_label
from kg.measures import MEASURE_TITLES
from kg.measures import MEASURES as CENTRALITIES  # in the order pages show them

#: What ``--size-by`` accepts: a centrality, or a count every author has.
SIZE_BY = CENTRALITIES + ("paper_count",)
METRIC_NAMES = {**MEASURE_TITLES, "paper_count": "Paper count"}

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


@dataclass(frozen=True)
class Scores:
    """What sizes the authors: one number each, its display name, and whether this page computed
    it (the analyses had not written ``size_by``), with the note the page shows then."""

    values: dict[Any, float]
    label: str
    computed: bool = False
    note: str | None = None


def author_scores(C: nx.Graph[Any], size_by: str) -> Scores:
    """Each author's ``size_by``. A centrality the analyses did not write falls back to degree
    centrality computed here, so a graph built without analyses still gets a sensible picture
    (and the page says so)."""
    label = METRIC_NAMES.get(size_by, size_by)
    if any(number(d.get(size_by)) is not None for _, d in C.nodes(data=True)):
        return Scores({n: number(d.get(size_by)) or 0.0 for n, d in C.nodes(data=True)}, label)
    if size_by == "weighted_degree":
        return Scores({n: float(d) for n, d in C.degree(weight="weight")}, label, computed=True)
    degree = nx.degree_centrality(C) if len(C) > 1 else {n: 0.0 for n in C}
    note = (
        None
        if size_by == "degree"
        else (f"{label} is not in this graph: sizes show degree centrality, computed for this page.")
    )
    return Scores(degree, METRIC_NAMES["degree"], computed=True, note=note)


def most_central(C: nx.Graph[Any], scores: dict[Any, float], max_nodes: int | None) -> list[Any]:
    """The ``max_nodes`` authors with the highest scores (ties by id), or all of them."""
    ranked = sorted(C, key=lambda n: (-scores[n], str(n)))
    return ranked if max_nodes is None else ranked[:max_nodes]


@dataclass(frozen=True)
class Groups:
    """What colours the authors: each one's group id (None: in no group), and their name."""

    of: dict[Any, int | None]
    title: str  # "Communities"
    noun: str  # "Community"


def author_groups(C: nx.Graph[Any]) -> Groups:
    """Each author's community (from the analyses). Without communities, connected components
    stand in, and the legend says so."""
    communities = {n: d.get("community") for n, d in C.nodes(data=True)}
    if any(is_int(c) for c in communities.values()):
        return Groups(
            {n: c if is_int(c) else None for n, c in communities.items()}, "Communities", "Community"
        )
    components = sorted(nx.connected_components(C), key=lambda c: (-len(c), min(map(str, c))))
    return Groups(
        {n: i for i, comp in enumerate(components) for n in comp},
        "Connected components",
        "Connected component",
    )


def group_legend(
    C: nx.Graph[Any], groups: Groups, scores: dict[Any, float]
) -> tuple[list[dict[str, Any]], dict[Any, int]]:
    """Legend entries (the largest groups get a colour each, the rest share one) and each
    author's entry index. An entry is named after its most central member."""
    members: dict[Any, list[Any]] = defaultdict(list)
    for n, g in groups.of.items():
        members[g].append(n)
    ranked = sorted((g for g in members if g is not None), key=lambda g: (-len(members[g]), g))
    named, rest = ranked[: len(LEGEND_COLOURS)], ranked[len(LEGEND_COLOURS) :]
    legend: list[dict[str, Any]] = []
    group_of: dict[Any, int] = {}
    for colour, g in zip(LEGEND_COLOURS, named, strict=False):
        first = min(members[g], key=lambda n: (-scores[n], str(n)))
        lead = short_label(node_name(C.nodes[first], first))
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


def author_info(
    n: Any,
    data: dict[str, Any],
    paper_ids: list[Any],
    links: GraphLinks | None,
    papers: Interned,
    topics: Interned,
) -> dict[str, Any]:
    """What an author's tooltip shows: spellings, papers, organisations, topics, keywords."""
    name = node_name(data, n)
    topic_counts: Counter[Any] = Counter()
    paper_orgs: set[str] = set()
    members: list[str] = []
    topic_rows: list[list[int]] = []  # [topic index, count], most used first
    keyword_labels: list[str] = []
    if links:
        for p in paper_ids:
            topic_counts.update(links.topics.get(p, []))
            paper_orgs.update(links.org_names(links.orgs.get(p, [])))
        members = links.org_names(links.members.get(n, []))
        ranked = sorted(topic_counts, key=lambda t: (-topic_counts[t], links.label(t)))
        topic_rows = [[topics.add(t), topic_counts[t]] for t in ranked if not links.is_keyword(t)]
        keyword_labels = [links.label(t) for t in ranked if links.is_keyword(t)][:8]
    count = data.get("paper_count")
    return {
        keys.KIND: "Author",
        keys.NAME: name,
        keys.VARIANTS: sorted({str(v) for v in data.get("name_variants") or [] if v and str(v) != name}),
        keys.PAPER_COUNT: count if is_int(count) else len(paper_ids),
        keys.ORGANISATIONS: members,
        keys.CO_ORGANISATIONS: sorted(paper_orgs - set(members)),
        keys.TOPICS: topic_rows,
        keys.KEYWORDS: keyword_labels,
        keys.PAPERS: [papers.add(p) for p in paper_ids],
    }


def metrics(n: Any, data: dict[str, Any], scores: Scores) -> list[list[Any]]:
    """The centralities the node has, rounded for display, and the score this page computed."""
    shown = [[METRIC_NAMES[k], _round(data[k])] for k in CENTRALITIES if number(data.get(k)) is not None]
    if scores.computed and n in scores.values:
        shown.append([f"{scores.label} (computed for this page)", _round(scores.values[n])])
    return shown


def _round(value: float) -> float:
    return float(f"{value:.4g}")
