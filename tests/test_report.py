"""report.md (with its PNG charts) and centrality.csv: content, escaping, determinism."""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys

import pytest
from conftest import ROOT, SEEDS, make_tiny_graph

from kg.analyze import analyze
from kg.analyze.coauthors import MEASURES
from kg.export import EXPORTERS, ExportOptions, export_all
from kg.export.report import (
    community_sizes_chart,
    md,
    render_report,
    topics_by_year_chart,
    write_centrality_csv,
    write_report,
)
from kg.graph import KnowledgeGraph

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def seeds_exports(seeds_kg, tmp_path_factory):
    out = tmp_path_factory.mktemp("exports")
    export_all(seeds_kg, out, ExportOptions(), only=["report", "centrality-csv"])
    return out


def _read_csv(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# ------------------------------------------------------------------ report.md on the seeds


def test_report_explains_and_lists_every_measure(seeds_kg, seeds_exports):
    text = (seeds_exports / "report.md").read_text(encoding="utf-8")
    for heading in (
        "# Knowledge graph report",
        "## How to read this report",
        "## Most central authors",
        "### PageRank",
        "### Betweenness",
        "### Closeness",
        "### Eigenvector",
        "### Degree",
        "### Weighted degree",
        "## Co-author communities",
        "## Topic clusters",
        "## Papers per year and topic cluster",
    ):
        assert heading + "\n" in text, heading
    authors = seeds_kg.authors()
    for measure, heading in (("pagerank", "PageRank"), ("betweenness", "Betweenness")):
        leader = max(authors.values(), key=lambda d: (d[measure], d["name"]))
        section = text.split(f"### {heading}\n")[1]
        assert f"| 1 | {md(leader['name'])} | {leader[measure]:.4f} |" in section
    modularity = seeds_kg.graph.graph["analyses"]["communities"]["modularity"]
    assert f"modularity {modularity:.3f}" in text


def test_report_lists_every_cluster_with_its_papers(seeds_kg, seeds_exports):
    text = (seeds_exports / "report.md").read_text(encoding="utf-8")
    clusters = {n: d for n, d in seeds_kg.topics().items() if d["scheme"] == "cluster"}
    for topic, data in clusters.items():
        number = topic.rsplit(":", 1)[1]
        assert f"### Cluster {number}: {md(data['label'])}\n" in text
    sizes = [int(s) for s in re.findall(r"\n(\d+) papers\. Distinctive terms", text)]
    assert sum(sizes) == len(seeds_kg.papers())


def test_papers_per_year_table_adds_up(seeds_kg, seeds_exports):
    text = (seeds_exports / "report.md").read_text(encoding="utf-8")
    table = text.split("## Papers per year and topic cluster")[1]
    rows = [line for line in table.splitlines() if re.match(r"\| (\d{4}|unknown) \|", line)]
    totals = [int(line.strip("| ").split(" | ")[-1]) for line in rows]
    assert sum(totals) == len(seeds_kg.papers())
    years = [d["year"] for d in seeds_kg.papers().values()]
    for line in rows:
        year = line.split(" | ")[0].strip("| ")
        cells = [int(c) for c in line.strip("| ").split(" | ")[1:]]
        assert sum(cells[:-1]) == cells[-1]
        expected = sum(1 for y in years if (str(y) if y is not None else "unknown") == year)
        assert cells[-1] == expected


def test_charts_are_png_beside_the_report_and_linked(seeds_exports):
    text = (seeds_exports / "report.md").read_text(encoding="utf-8")
    for name in ("report-topics-by-year.png", "report-community-sizes.png"):
        data = (seeds_exports / name).read_bytes()
        assert data.startswith(PNG_MAGIC)
        assert b"Software" not in data and b"matplotlib" not in data.lower()
        assert f"]({name})" in text


def test_charts_are_the_same_bytes_every_time(seeds_kg):
    assert topics_by_year_chart(seeds_kg) == topics_by_year_chart(seeds_kg)
    assert community_sizes_chart(seeds_kg) == community_sizes_chart(seeds_kg)


@pytest.mark.slow
def test_two_processes_write_identical_files(tmp_path):
    """Separate processes, different hash seeds: set order cannot leak into any output."""
    outputs = []
    for hash_seed in ("1", "2"):
        out = tmp_path / f"run{hash_seed}"
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        subprocess.run(
            [
                sys.executable,
                "-m",
                "kg.cli",
                "build",
                str(SEEDS),
                "-o",
                str(out),
                "--only",
                "report",
                "--only",
                "centrality-csv",
                "--no-progress",
            ],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.name != ".kg-lock"})
    assert sorted(outputs[0]) == [
        "centrality.csv",
        "manifest.json",
        "report-community-sizes.png",
        "report-topics-by-year.png",
        "report.md",
    ]
    assert outputs[0] == outputs[1]


# ------------------------------------------------------------------ centrality.csv


def test_csv_has_every_author_sorted_by_pagerank(seeds_kg, seeds_exports):
    rows = _read_csv(seeds_exports / "centrality.csv")
    authors = seeds_kg.authors()
    assert list(rows[0]) == ["author", "name", "papers", *MEASURES, "community", "community_label"]
    assert sorted(r["author"] for r in rows) == sorted(authors)
    keys = [(-float(r["pagerank"]), r["author"]) for r in rows]
    assert keys == sorted(keys)
    for row in rows:
        data = authors[row["author"]]
        assert row["name"] == data["name"] and int(row["papers"]) == data["paper_count"]
        assert all(float(row[m]) == data[m] for m in MEASURES)  # repr: exact round trip
        assert int(row["community"]) == data["community"]
        assert row["community_label"] == data["community_label"]


def test_csv_cells_never_start_a_formula(tmp_path):
    G = make_tiny_graph()
    G.nodes["author:a"]["name"] = '=HYPERLINK("http://x","y")'
    G.nodes["author:b"]["name"] = "@SUM(A1)"
    analyze(G)
    write_centrality_csv(KnowledgeGraph(G), tmp_path / "c.csv", ExportOptions())
    names = {r["author"]: r["name"] for r in _read_csv(tmp_path / "c.csv")}
    assert names["author:a"] == '\'=HYPERLINK("http://x","y")'
    assert names["author:b"] == "'@SUM(A1)"
    assert names["author:c"] == "Cy Young"


# ------------------------------------------------------------------ escaping, no analyses


def test_names_and_titles_are_text_not_markup():
    G = make_tiny_graph()
    G.nodes["author:c"]["name"] = "<script>alert(1)</script> | *Cy*"
    analyze(G)
    text = render_report(KnowledgeGraph(G))
    assert "<script>" not in text and "\\<script\\>" in text
    row = next(line for line in text.splitlines() if "alert" in line and line.startswith("| 1 |"))
    unescaped_pipes = len(re.findall(r"(?<!\\)\|", row))
    assert unescaped_pipes == 6  # five columns: the name's own pipe is escaped


def test_md_escapes_markdown_and_html():
    assert md("a_b *c* [d](e) <f> `g` #h & i|j") == r"a\_b \*c\* \[d\](e) \<f\> \`g\` \#h \& i\|j"
    assert md("two\nlines\tand  spaces") == "two lines and spaces"


def test_without_analyses_the_report_says_so(tmp_path):
    kg_ = KnowledgeGraph(make_tiny_graph())
    write_report(kg_, tmp_path / "report.md", ExportOptions())
    write_centrality_csv(kg_, tmp_path / "centrality.csv", ExportOptions())
    text = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "built without analyses" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["centrality.csv", "report.md"]
    rows = _read_csv(tmp_path / "centrality.csv")
    assert len(rows) == 5 and all(r["pagerank"] == "" and r["community"] == "" for r in rows)


def test_report_exporters_are_registered():
    assert EXPORTERS["report"].load() is write_report
    assert EXPORTERS["centrality-csv"].load() is write_centrality_csv
