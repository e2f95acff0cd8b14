"""kg.analyze.sanity: author names that are not names and implausible author counts, each with
the file:line of its records, shown by the build summary and report.md."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.analyze.sanity import (
    AUTHOR_COUNT,
    AUTHOR_NAME,
    MAX_AUTHORS,
    check_graph,
    flagged_authors,
    name_problem,
)
from kg.export.report import render_report
from kg.graph import KnowledgeGraph
from kg.summary import build_summary


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("2021", "digits in a name"),
        ("J Smith 3", "digits in a name"),
        ("A", "a single letter"),
        ("J.", "a single letter"),
        ("et al.", "a placeholder, not a name"),
        ("Kim et al", "a placeholder, not a name"),
        ("Anonymous", "a placeholder, not a name"),
        ("We propose a new method for learning graph embeddings here", "more than 8 words"),
    ],
)
def test_what_is_not_a_name(name, why):
    assert name_problem(name) == why


@pytest.mark.parametrize(
    "name",
    ["Ada Lovelace", "A T Kalai", "Zoltán Fülöp 0001", "张三", "J.-P. van der Berg", "Maria de la Cruz"],
)
def test_names(name):
    assert name_problem(name) is None


def _graph(papers: dict[str, list[str]], **paper_attrs) -> nx.MultiDiGraph:
    G: nx.MultiDiGraph = nx.MultiDiGraph(analyses={})
    for line, (paper, authors) in enumerate(papers.items(), start=1):
        attrs = {"type": "Paper", "label": paper, "title": paper, "sources": [f"in.bib:{line}"]}
        G.add_node(f"paper:{paper}", **{**attrs, **paper_attrs.get(paper, {})})
        for position, name in enumerate(authors, start=1):
            node = f"author:{name.lower()}"
            G.add_node(node, type="Author", label=name, name=name)
            G.add_edge(node, f"paper:{paper}", key="AUTHORED", type="AUTHORED", position=position)
    return G


def test_suspect_names_come_with_the_lines_of_their_papers():
    G = _graph({"P1": ["Ada Lovelace", "2021"], "P2": ["2021", "A"]})
    findings = check_graph(G)
    assert [(f.kind, f.node, f.reason, f.sources) for f in findings] == [
        (AUTHOR_NAME, "author:2021", "digits in a name", ("in.bib:1", "in.bib:2")),
        (AUTHOR_NAME, "author:a", "a single letter", ("in.bib:2",)),
    ]
    assert flagged_authors(findings) == {"author:2021": "digits in a name", "author:a": "a single letter"}


def test_too_many_authors_unless_a_consortium_signs():
    many = [f"Person Number{chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(MAX_AUTHORS + 1)]
    G = _graph(
        {
            "Big": many,
            "Big Collaboration Result": many,
            "Physics": many,
            "Fine": many[:MAX_AUTHORS],
        },
        Physics={"category": "hep-ex"},
    )
    findings = [f for f in check_graph(G) if f.kind == AUTHOR_COUNT]
    assert [(f.node, f.reason, f.sources) for f in findings] == [
        (
            "paper:Big",
            f"{MAX_AUTHORS + 1} authors (more than {MAX_AUTHORS}, and not a consortium's)",
            ("in.bib:1",),
        )
    ]


def test_no_author_where_the_source_gave_a_list_of_placeholders():
    G = _graph({"Cut": [], "Unknown": []}, Cut={"authors_truncated": True})
    assert [(f.node, f.reason) for f in check_graph(G)] == [
        ("paper:Cut", "no author, although the source gave a list (of placeholders only)")
    ]


def test_summary_and_report_show_the_findings_and_flag_suspects_in_the_top_lists():
    G = _graph({"P1": ["Ada Lovelace", "2021"]})
    for node, rank in (("author:2021", 0.6), ("author:ada lovelace", 0.4)):
        G.nodes[node].update(pagerank=rank, paper_count=1)
    K = KnowledgeGraph(G)
    summary = build_summary(K, [])
    assert "  sanity: 1 suspect author names, 0 implausible author counts" in "\n".join(summary)
    assert "    - '2021': digits in a name (in.bib:1)" in summary
    top = next(line for line in summary if "most central authors" in line)
    assert "2021 (0.600) [suspect: digits in a name]; Ada Lovelace (0.400)" in top
    report = render_report(K)
    assert "## Sanity checks" in report
    assert "| author name | 2021 | digits in a name | in.bib:1 |" in report
    assert "| 2021 ⚠ digits in a name |" in report


def test_a_clean_graph_says_so(seeds_kg):
    assert check_graph(seeds_kg.graph) == []
    assert "  sanity: every author name and author count looks plausible" in build_summary(seeds_kg, [])
    assert "Every author name and every paper's author count looks plausible." in render_report(seeds_kg)
