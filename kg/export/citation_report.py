"""The citation section of ``report.md`` and its historiograph chart: what
:mod:`kg.analyze.citations` found, shown; nothing when the sources gave no references."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from kg.export.markdown import md, png

if TYPE_CHECKING:
    from kg.graph import KnowledgeGraph

#: the historiograph shows the local citations among this many of the most cited papers
HISTORIOGRAPH_PAPERS = 20
CITED_SHOWN = 10


def has_citations(kg: KnowledgeGraph) -> bool:
    return "citations" in kg.graph.graph


def citations_section(kg: KnowledgeGraph, chart: str | None) -> str:
    """``## Citations``: the matching counts, the most cited papers and works (in the corpus and
    as the sources count), the main path and the historiograph."""
    if not has_citations(kg):
        return ""
    counts = kg.graph.graph["citations"]
    found = (kg.graph.graph.get("analyses") or {}).get("citations") or {}
    lines = [
        "## Citations",
        "",
        f"{counts['references']:,} references read: {counts['in_corpus']:,} matched to papers of "
        f"this corpus, {counts['to_works']:,} to {counts['works']:,} cited works outside it, "
        f"{counts['unusable']:,} with nothing to match by. A reference matches a paper by a shared "
        "identifier (DOI, arXiv, PMID, OpenAlex, S2), or by first author, year and title or venue "
        "when exactly one paper agrees; `kg explain` gives the rule of each.",
    ]
    nodes = kg.graph.nodes
    for title, key, attribute, note in (
        ("Most cited in the corpus", "most_cited_local", "local_citations", "citing papers of this corpus"),
        ("Most cited as the sources count", "most_cited_global", "global_citations", "as reported"),
    ):
        ranked = found.get(key) or []
        if not ranked:
            continue
        lines += [
            "",
            f"### {title}",
            "",
            f"| # | paper or work | year | citations ({note}) |",
            "|---:|---|---:|---:|",
        ]
        for rank, entry in enumerate(ranked[:CITED_SHOWN], start=1):
            data = nodes[entry["id"]]
            outside = "" if data.get("type") == "Paper" else " *(not in the corpus)*"
            year = data.get("year") or ""
            lines.append(f"| {rank} | {md(data.get('label'))}{outside} | {year} | {entry[attribute]} |")
    path = found.get("main_path") or []
    if path:
        lines += [
            "",
            "### Main path",
            "",
            "The chain of papers that carries most citation paths from the earliest to the latest "
            "(search path count, Hummon and Doreian):",
            "",
        ]
        lines += [
            f"{i}. {md(nodes[p].get('label'))} ({nodes[p].get('year') or 'year unknown'})"
            for i, p in enumerate(path, 1)
        ]
    if chart:
        lines += [
            "",
            "### Historiograph",
            "",
            f"The citations among the {HISTORIOGRAPH_PAPERS} most cited papers of the corpus, by year:",
            "",
            f"![Historiograph]({chart})",
        ]
    return "\n".join(lines)


def historiograph_png(kg: KnowledgeGraph) -> bytes | None:
    """The local citation graph of the most cited papers, each at its year (x), arrows from the
    citing to the cited paper; None when none of them cites another."""
    if not has_citations(kg):
        return None
    papers = kg.papers()
    top = sorted(
        (n for n, d in papers.items() if d.get("local_citations") and d.get("year")),
        key=lambda n: (-papers[n]["local_citations"], n),
    )[:HISTORIOGRAPH_PAPERS]
    chosen = set(top)
    edges = sorted(
        (u, v) for u, v, k in kg.graph.edges(keys=True) if k == "CITES" and u in chosen and v in chosen
    )
    if not edges:
        return None
    shown = sorted({n for e in edges for n in e})
    by_year: dict[int, list[str]] = defaultdict(list)
    for n in shown:
        by_year[int(papers[n]["year"])].append(n)
    where = {n: (year, i) for year, group in by_year.items() for i, n in enumerate(group)}
    figure = Figure(figsize=(9, 5))
    axes = figure.subplots()
    for u, v in edges:
        axes.annotate(
            "", xy=where[v], xytext=where[u], arrowprops={"arrowstyle": "->", "color": "0.6", "lw": 0.8}
        )
    for n, (x, y) in where.items():
        axes.scatter([x], [y], s=30 + 10 * papers[n]["local_citations"], color="tab:blue", zorder=3)
        axes.annotate(
            _short(papers[n]["label"]), (x, y), xytext=(4, 4), textcoords="offset points", fontsize=7
        )
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.margins(x=0.2, y=0.3)
    axes.set_xlabel("year")
    axes.set_yticks([])
    axes.set_title("Historiograph: citations among the most cited papers")
    return png(figure)


def _short(label: str, width: int = 28) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"
