"""One truth: every output that counts topics, keywords, clusters and communities counts them with
kg.graph.count_nodes, and the community labels are the ones the analyses computed."""

from __future__ import annotations

import csv
from pathlib import Path

from click.testing import CliRunner

from kg.cli import main
from kg.export import ExportOptions
from kg.export.report import write_centrality_csv, write_report
from kg.graph import count_nodes
from kg.summary import build_summary

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_counts_by_hand_on_the_seeds(seeds_kg):
    counts = seeds_kg.counts()
    topics = seeds_kg.topics().values()
    assert counts.topics == sum(1 for t in topics if t["scheme"] == "arxiv") == 11
    assert counts.keywords == sum(1 for t in topics if t["scheme"] == "keyword") > 0
    assert counts.clusters == sum(1 for t in topics if t["scheme"] == "cluster") > 0
    assert counts.topics + counts.keywords + counts.clusters == len(topics)
    communities = seeds_kg.graph.graph["analyses"]["communities"]
    assert counts.communities == communities["count"] == len(communities["communities"])
    assert (counts.papers, counts.authors, counts.sources) == (120, 202, 5)


def test_summary_stats_and_report_say_the_same_counts(seeds_kg, tmp_path):
    counts = seeds_kg.counts()
    summary = build_summary(seeds_kg, [])
    assert f"  {counts.phrase()}" in summary
    write_report(seeds_kg, tmp_path / "report.md", ExportOptions())
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert f"{counts.phrase(' and ')}." in report
    assert f"{counts.communities} communities (modularity" in report
    stats = CliRunner().invoke(main, ["stats", str(SEEDS)])
    assert stats.exit_code == 0, stats.output
    # kg stats runs no analysis: the same subject topics, and no keyword, cluster or community
    assert "120 papers, 202 authors, 18 organisations, 11 topics\n" in stats.output


def test_each_community_has_one_label_everywhere(seeds_kg, tmp_path):
    described = seeds_kg.graph.graph["analyses"]["communities"]["communities"]
    label_of = {c["id"]: c["label"] for c in described}
    authors = seeds_kg.authors()
    assert all(d["community_label"] == label_of[d["community"]] for d in authors.values())
    for c in described:  # named after its most central member (PageRank), "& co." when not alone
        lead = max(c["members"], key=lambda a: (authors[a]["pagerank"], [-ord(ch) for ch in a]))
        assert c["label"] == authors[lead]["name"] + (" & co." if c["size"] > 1 else "")
    assert label_of[authors["author:kyungwoo song"]["community"]] == "Kyungwoo Song & co."
    write_centrality_csv(seeds_kg, tmp_path / "c.csv", ExportOptions())
    with open(tmp_path / "c.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert all(r["community_label"] == label_of[int(r["community"])] for r in rows)
    write_report(seeds_kg, tmp_path / "report.md", ExportOptions())
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "| 1 | Kyungwoo Song | 0.0286 | 17 | 1 (Kyungwoo Song \\& co.) |" in report


def test_counts_of_a_graph_without_analyses_or_types():
    import networkx as nx

    G: nx.MultiDiGraph = nx.MultiDiGraph()
    G.add_node("x")
    G.add_node("topic:kw:a", type="Topic", scheme="keyword")
    G.add_node("topic:openalex:T1", type="Topic", scheme="openalex")
    counts = count_nodes(G)
    assert (counts.topics, counts.keywords, counts.clusters, counts.communities) == (1, 1, 0, 0)
    assert counts.phrase() == "0 papers, 0 authors, 0 organisations, 1 topic, 1 keyword"
