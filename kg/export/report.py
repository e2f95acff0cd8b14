"""The human-readable exports: ``report.md`` (with PNG charts beside it) and ``centrality.csv``.

Both read what :func:`kg.analyze.analyze` wrote on the graph; neither computes anything new, so
they agree with the graph files, the RDF and the HTML page. Everything from the inputs (names,
titles) is escaped: it shows as text in any Markdown viewer, and a spreadsheet never runs it.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from matplotlib import colormaps
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from kg.analyze.sanity import AUTHOR_COUNT, AUTHOR_NAME, Finding, check_graph, flagged_authors
from kg.analyze.topics import MIN_CLUSTER_SIZE
from kg.export.atomic import atomic_open, atomic_write_bytes, atomic_write_text
from kg.export.citation_report import citations_section, has_citations, historiograph_png
from kg.export.markdown import md, png
from kg.measures import MEASURE_TITLES, MEASURES

if TYPE_CHECKING:
    from kg.export import ExportOptions
    from kg.graph import KnowledgeGraph

TOP_AUTHORS = 10
MAX_COMMUNITIES = 25
MEMBERS_SHOWN = 8
FILES_SHOWN = 10
PAPERS_SHOWN = 25

#: The rankings of "Most central authors": PageRank, the CSV's order, first.
RANKINGS = ("pagerank", *(m for m in MEASURES if m != "pagerank"))
_CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# --------------------------------------------------------------------------- centrality.csv

CSV_COLUMNS = ("author", "name", "papers", *MEASURES, "community", "community_label")
#: added when the sources give references (kg.analyze.citations)
CITATION_COLUMNS = ("corpus_citations", "corpus_h_index", "global_h_index")


def write_centrality_csv(kg: KnowledgeGraph, path: Path, options: ExportOptions) -> None:
    """One row per author: every centrality and the community (and the citation figures when
    the sources give references); by PageRank (highest first), then id. Columns are empty when
    the graph was built without analyses."""
    citations = CITATION_COLUMNS if has_citations(kg) else ()
    with atomic_open(path) as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow((*CSV_COLUMNS, *citations))
        for author, data in _authors_by_pagerank(kg):
            writer.writerow(
                [
                    _csv_text(author),
                    _csv_text(data.get("name") or data.get("label")),
                    data.get("paper_count"),
                    *(_csv_number(data.get(m)) for m in MEASURES),
                    data.get("community"),
                    _csv_text(data.get("community_label")),
                    *(data.get(column) for column in citations),
                ]
            )


def _authors_by_pagerank(kg: KnowledgeGraph) -> list[tuple[str, dict[str, Any]]]:
    authors = kg.authors()
    return sorted(
        authors.items(),
        key=lambda item: (item[1].get("pagerank") is None, -(item[1].get("pagerank") or 0.0), item[0]),
    )


def _csv_number(value: float | None) -> str:
    return "" if value is None else repr(float(value))


def _csv_text(value: object) -> str:
    """A cell a spreadsheet shows as text: a leading = + - @ would start a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_CSV_FORMULA_START) else text


# --------------------------------------------------------------------------- report.md


def write_report(kg: KnowledgeGraph, path: Path, options: ExportOptions) -> list[Path]:
    """``report.md`` and, beside it, ``<stem>-topics-by-year.png`` and
    ``<stem>-community-sizes.png`` when there is something to draw; returns every file written."""
    path = Path(path)
    clusters = _cluster_topics(kg)
    per_year = papers_per_year(kg, clusters)
    charts = {}
    written = []
    for suffix, chart_png in (
        ("topics-by-year", _topics_by_year_png(clusters, per_year)),
        ("community-sizes", community_sizes_chart(kg)),
        ("historiograph", historiograph_png(kg)),
    ):
        if chart_png is not None:
            chart = path.with_name(f"{path.stem}-{suffix}.png")
            atomic_write_bytes(chart, chart_png)
            charts[suffix] = chart.name
            written.append(chart)
    atomic_write_text(path, _report(kg, charts, clusters, per_year))
    return [path, *written]


def render_report(kg: KnowledgeGraph, charts: dict[str, str] | None = None) -> str:
    clusters = _cluster_topics(kg)
    return _report(kg, charts or {}, clusters, papers_per_year(kg, clusters))


def _report(kg: KnowledgeGraph, charts: dict[str, str], clusters: _ClusterTopics, per_year: _PerYear) -> str:
    analyses = kg.graph.graph.get("analyses") or {}
    authors = kg.authors()
    findings = check_graph(kg.graph)
    sections = [
        _introduction(kg, analyses),
        _central_authors(authors, flagged_authors(findings)),
        _communities(authors, analyses, charts.get("community-sizes")),
        _topic_clusters(kg, analyses, clusters),
        _papers_per_year(clusters, per_year, charts.get("topics-by-year")),
        _sanity(findings),
        citations_section(kg, charts.get("historiograph")),
    ]
    return "\n\n".join(s.rstrip("\n") for s in sections if s) + "\n"


def _introduction(kg: KnowledgeGraph, analyses: dict[str, Any]) -> str:
    coauthors = analyses.get("coauthor_graph", {})
    sources = sorted(
        d.get("path") or d.get("label") or n
        for n, d in kg.graph.nodes(data=True)
        if d.get("type") == "Source"
    )
    lines = [
        "# Knowledge graph report",
        "",
        f"Built from {len(sources)} input file(s) ({_listing(sources, FILES_SHOWN) or 'none'}): "
        f"{kg.counts().phrase(' and ')}.",
    ]
    if coauthors:
        lines.append(
            f"Authors are linked when they wrote a paper together: {coauthors.get('edges', 0)} "
            "such co-author links; a link's weight is the number of papers the two share."
        )
    lines += [
        "",
        "## How to read this report",
        "",
        "Each measure ranks authors in the co-author graph by a different idea of being central:",
        "",
        "- **Degree**: the share of all other authors someone has written with "
        "(co-authors divided by authors minus one).",
        "- **Weighted degree**: co-authored papers, counted once per co-author "
        "(two papers with the same two co-authors count four).",
        "- **Betweenness**: how often an author lies on the shortest chain of co-authorships "
        "between two other authors. Brokers who connect otherwise separate groups score high."
        + _estimate_note(analyses.get("betweenness")),
        "- **Closeness**: how few co-authorship steps separate an author from everyone they can "
        "reach, scaled by the share of all authors they can reach at all, so that the centre of a "
        "small isolated group does not outrank the centre of a large one."
        + _estimate_note(analyses.get("closeness")),
        "- **Eigenvector**: high when one's co-authors are themselves well connected (weighted "
        "by shared papers). Authors linked by no chain of co-authorships are scored apart, each "
        "such component then scaled by how densely it is connected compared with the densest "
        "one; an author without co-authors scores 0.",
        "- **PageRank**: the share of time a random walker spends at an author when it keeps "
        "moving to a co-author (more often to those with more shared papers) and now and then "
        "jumps to a random author. Like eigenvector centrality, but defined on any graph.",
        "- **Communities**: groups of authors who write together more than chance would predict "
        "(Leiden algorithm, maximising modularity). Modularity ranges up to 1; above about 0.3 "
        "the groups are clearly separated.",
        "- **Topic clusters**: papers grouped by the words of their titles and abstracts "
        "(non-negative matrix factorisation of TF-IDF term weights), each named after the terms "
        "that set it apart from the others.",
    ]
    if not analyses:
        lines += [
            "",
            "*The graph was built without analyses (`--no-analyses`): no measures, "
            "communities or clusters to report.*",
        ]
    return "\n".join(lines)


def _listing(items: list[str], limit: int) -> str:
    """The first ``limit`` items, escaped, comma-separated, and how many more there are."""
    shown = ", ".join(md(item) for item in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def _estimate_note(parameters: dict[str, Any] | None) -> str:
    if parameters and parameters.get("method") == "sampled":
        return (
            f" Estimated from {parameters['k']} sampled authors (seed {parameters['seed']}): "
            "the graph is too large for the exact computation."
        )
    return ""


def _sanity(findings: list[Finding]) -> str:
    """Suspect author names and implausible author counts (:mod:`kg.analyze.sanity`)."""
    lines = ["## Sanity checks", ""]
    if not findings:
        return "\n".join([*lines, "Every author name and every paper's author count looks plausible."])
    lines += [
        "Kept in the graph and in the centralities (a doubt is no proof), flagged ⚠ in the tables "
        "above; check the source lines.",
        "",
        "| kind | node | why | source lines |",
        "|---|---|---|---|",
    ]
    kinds = {AUTHOR_NAME: "author name", AUTHOR_COUNT: "author count"}
    lines += [
        f"| {kinds[f.kind]} | {md(f.label)} | {md(f.reason)} | {md(', '.join(f.sources))} |" for f in findings
    ]
    return "\n".join(lines)


def _central_authors(authors: dict[str, dict[str, Any]], flagged: dict[str, str] | None = None) -> str:
    if not any("pagerank" in d for d in authors.values()):
        return "## Most central authors\n\nNot computed."
    lines = ["## Most central authors"]
    for measure in RANKINGS:
        ranked = sorted(
            ((d[measure], _name(authors, a), a) for a, d in authors.items() if d.get(measure)),
            key=lambda t: (-t[0], t[1], t[2]),
        )[:TOP_AUTHORS]
        lines += ["", f"### {MEASURE_TITLES[measure]}", ""]
        if not ranked:
            lines.append("Every author scores 0.")
            continue
        lines += ["| # | author | score | papers | community |", "|---:|---|---:|---:|---|"]
        for rank, (score, name, author) in enumerate(ranked, start=1):
            data = authors[author]
            lines.append(
                f"| {rank} | {md(name)}{_flag(flagged, author)} | {_score(measure, score)} | "
                f"{data.get('paper_count', '')} | {_community_text(data)} |"
            )
    return "\n".join(lines)


def _flag(flagged: dict[str, str] | None, author: str) -> str:
    return f" ⚠ {md(flagged[author])}" if flagged and author in flagged else ""


def _community_text(author: dict[str, Any]) -> str:
    """``1 (Kyungwoo Song & co.)``: the community's number and the label every output gives it."""
    community, label = author.get("community"), author.get("community_label")
    if community is None:
        return ""
    return f"{community} ({md(label)})" if label else str(community)


def _score(measure: str, value: float) -> str:
    return f"{value:g}" if measure == "weighted_degree" else f"{value:.4f}"


def _communities(authors: dict[str, dict[str, Any]], analyses: dict[str, Any], chart: str | None) -> str:
    found = analyses.get("communities")
    if not found:
        return "## Co-author communities\n\nNot computed."
    groups = found.get("communities", [])
    shared = [g for g in groups if g["size"] > 1]
    lines = [
        "## Co-author communities",
        "",
        f"{len(groups)} communities (modularity {found.get('modularity', 0):.3f}); "
        f"{len(shared)} have two or more authors, {len(groups) - len(shared)} are authors "
        "without co-authors in these inputs.",
    ]
    if chart:
        lines += ["", f"![Authors per community]({chart})"]
    if shared:
        lines += [
            "",
            "Members are listed most central (PageRank) first.",
            "",
            "| community | named after | authors | papers | top arXiv categories: papers | members |",
            "|---:|---|---:|---:|---|---|",
        ]
        for group in shared[:MAX_COMMUNITIES]:
            names = [_name(authors, m) for m in _most_central_first(authors, group["members"])]
            shown = _listing(names, MEMBERS_SHOWN)
            topics = (
                ", ".join(f"{md(_topic_name(t))}: {t['papers']}" for t in group.get("top_topics", []))
                or "none given"
            )
            lines.append(
                f"| {group['id']} | {md(group.get('label') or '')} | {group['size']} | {group['papers']} "
                f"| {topics} | {shown} |"
            )
        if len(shared) > MAX_COMMUNITIES:
            lines += [
                "",
                f"{len(shared) - MAX_COMMUNITIES} smaller communities are not listed; "
                "`centrality.csv` gives every author's community.",
            ]
    return "\n".join(lines)


def _name(authors: dict[str, dict[str, Any]], author: str) -> str:
    data = authors.get(author, {})
    return data.get("name") or data.get("label") or author


def _most_central_first(authors: dict[str, dict[str, Any]], members: list[str]) -> list[str]:
    return sorted(members, key=lambda m: (-(authors.get(m, {}).get("pagerank") or 0.0), _name(authors, m), m))


def _topic_name(topic: dict[str, Any]) -> str:
    label, code = topic.get("label"), topic.get("code")
    if label and code and label != code:
        return f"{label} ({code})"
    return str(label or code or topic["topic"])


@dataclass(frozen=True)
class _ClusterTopics:
    """The topic clusters as the graph holds them: (number, node id, attributes) of each cluster
    Topic node, by number, and its papers as (weight, paper id) from its HAS_TOPIC edges."""

    nodes: list[tuple[int, str, dict[str, Any]]]
    members: dict[str, list[tuple[float, str]]]

    @property
    def labels(self) -> dict[int, str]:
        return {number: data.get("label", "") for number, _, data in self.nodes}


def _cluster_topics(kg: KnowledgeGraph) -> _ClusterTopics:
    """Read once per report or chart: only the cluster nodes' own edges, not every edge."""
    nodes = sorted(
        (int(t.rsplit(":", 1)[1]), t, d) for t, d in kg.topics().items() if d.get("scheme") == "cluster"
    )
    members = {
        topic: [
            (data.get("weight") or 0.0, paper)
            for paper, _, data in kg.graph.in_edges(topic, data=True)
            if data.get("type") == "HAS_TOPIC" and data.get("method") == "cluster"
        ]
        for _, topic, _ in nodes
    }
    return _ClusterTopics(nodes, members)


def _topic_clusters(kg: KnowledgeGraph, analyses: dict[str, Any], found: _ClusterTopics) -> str:
    parameters = analyses.get("topic_clusters")
    clusters = found.nodes
    if not parameters:
        return "## Topic clusters\n\nNot computed."
    if not clusters:
        return f"## Topic clusters\n\nNo clusters: {md(parameters.get('skipped', 'no paper text'))}."
    scores = {s["k"]: s["stability"] for s in parameters.get("stability_by_k", [])}
    chosen = parameters.get("k_chosen")
    lines = [
        "## Topic clusters",
        "",
        f"{len(clusters)} clusters of the {parameters.get('papers_with_terms', 0)} papers with "
        f"usable English text. Their number was chosen among {min(scores, default=2)}–"
        f"{max(scores, default=2)} as the most stable: refitted on random 80% samples of the "
        f"papers, the grouping into {chosen} clusters came back most alike (adjusted Rand "
        f"index {scores.get(chosen) or 0:.2f}, where 1 is identical every time and 0 no better "
        f"than chance), with at least {MIN_CLUSTER_SIZE} papers in every cluster. Each paper "
        "is listed under the cluster that explains most of its words, most typical first.",
    ]
    papers = kg.papers()
    for number, topic, data in clusters:
        ranked = sorted(found.members[topic], key=lambda t: (-t[0], t[1]))
        lines += [
            "",
            f"### Cluster {number}: {md(data.get('label', ''))}",
            "",
            f"{len(ranked)} papers. Distinctive terms: {', '.join(md(t) for t in data.get('terms', []))}.",
            "",
        ]
        for _, paper in ranked[:PAPERS_SHOWN]:
            year = papers.get(paper, {}).get("year")
            lines.append(
                f"- {md(papers.get(paper, {}).get('label') or paper)}" + (f" ({year})" if year else "")
            )
        if len(ranked) > PAPERS_SHOWN:
            lines.append(f"- … and {len(ranked) - PAPERS_SHOWN} more")
    return "\n".join(lines)


#: (years, cluster numbers, (year, cluster) -> papers): see :func:`papers_per_year`.
_PerYear = tuple[list[int | None], list[int], dict[tuple[int | None, int], int]]


def papers_per_year(kg: KnowledgeGraph, found: _ClusterTopics) -> _PerYear:
    """(years ascending, None last if any paper lacks one; cluster numbers; (year, cluster) ->
    papers). Cluster -1 counts papers in no cluster."""
    cluster_of = {paper: number for number, topic, _ in found.nodes for _, paper in found.members[topic]}
    counts: Counter[tuple[int | None, int]] = Counter()
    for paper, data in kg.papers().items():
        counts[(data.get("year"), cluster_of.get(paper, -1))] += 1
    years: list[int | None] = [*sorted({y for y, _ in counts if y is not None})]
    if any(y is None for y, _ in counts):
        years.append(None)
    clusters = sorted({c for _, c in counts})
    return years, clusters, dict(counts)


def _papers_per_year(found: _ClusterTopics, per_year: _PerYear, chart: str | None) -> str:
    years, clusters, counts = per_year
    if not any(c >= 0 for c in clusters):
        return ""
    labels = found.labels
    lines = ["## Papers per year and topic cluster", ""]
    if chart:
        lines += [f"![Papers per year by topic cluster]({chart})", ""]
    lines.append(
        "Columns are the clusters above: "
        + "; ".join(f"{n} = {md(labels.get(n, ''))}" for n in clusters if n >= 0)
        + "."
        + (' "none" counts papers without usable text.' if -1 in clusters else "")
    )
    header = [str(c) if c >= 0 else "none" for c in clusters]
    lines += ["", "| year | " + " | ".join(header) + " | total |", "|---|" + "---:|" * (len(header) + 1)]
    for year in years:
        row = [counts.get((year, c), 0) for c in clusters]
        lines.append(
            f"| {year if year is not None else 'unknown'} | " + " | ".join(map(str, row)) + f" | {sum(row)} |"
        )
    return "\n".join(lines)


# --------------------------------------------------------------------------- charts


def topics_by_year_chart(kg: KnowledgeGraph) -> bytes | None:
    """Stacked bars: papers per year, one colour per topic cluster (papers with a year only)."""
    found = _cluster_topics(kg)
    return _topics_by_year_png(found, papers_per_year(kg, found))


def _topics_by_year_png(found: _ClusterTopics, per_year: _PerYear) -> bytes | None:
    years, clusters, counts = per_year
    years = [y for y in years if y is not None]
    shown = [c for c in clusters if c >= 0]
    if not years or not shown:
        return None
    labels = found.labels
    figure = Figure(figsize=(9, 5))
    axes = figure.add_subplot()
    bottom = [0] * len(years)
    for index, cluster in enumerate(shown):
        heights = [counts.get((y, cluster), 0) for y in years]
        axes.bar(
            [str(y) for y in years],
            heights,
            bottom=bottom,
            color=_colour(index),
            label=f"{cluster}: {_clip(labels.get(cluster, ''), 40)}",
        )
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xlabel("year")
    axes.set_ylabel("papers")
    axes.set_title("Papers per year by topic cluster")
    axes.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    figure.tight_layout()
    return png(figure)


def community_sizes_chart(kg: KnowledgeGraph) -> bytes | None:
    """Horizontal bars: authors per community, the largest MAX_COMMUNITIES with two or more."""
    found = (kg.graph.graph.get("analyses") or {}).get("communities") or {}
    groups = [g for g in found.get("communities", []) if g["size"] > 1][:MAX_COMMUNITIES]
    if not groups:
        return None
    figure = Figure(figsize=(8, 1.2 + 0.3 * len(groups)))
    axes = figure.add_subplot()
    names = [
        f"{g['id']}: "
        + _clip(" ".join(filter(None, (g["top_topics"][0].get("code"), g["top_topics"][0].get("label")))), 36)
        if g.get("top_topics")
        else str(g["id"])
        for g in groups
    ]
    axes.barh(range(len(groups)), [g["size"] for g in groups], color=_colour(0))
    axes.set_yticks(range(len(groups)), names, fontsize="small")
    axes.invert_yaxis()
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xlabel("authors")
    axes.set_title("Authors per co-author community\n(with its most common arXiv category)")
    figure.tight_layout()
    return png(figure)


def _colour(index: int) -> tuple[float, float, float, float]:
    rgba: tuple[float, float, float, float] = colormaps["tab20"](index % 20)
    return rgba


def _clip(text: str, width: int) -> str:
    """Shortened for a chart; ``$`` escaped so that matplotlib does not read it as maths."""
    text = text if len(text) <= width else text[: width - 1] + "…"
    return text.replace("$", r"\$")
