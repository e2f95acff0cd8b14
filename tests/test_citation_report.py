"""The citation section of report.md, its historiograph and the citation columns of
centrality.csv: there when the sources give references, absent (the seeds) otherwise."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import kg
from kg.export import ExportOptions
from kg.export.report import CITATION_COLUMNS, CSV_COLUMNS, write_centrality_csv, write_report

APIS = Path(__file__).resolve().parent / "data" / "apis"


@pytest.fixture(scope="module")
def apis_kg():
    return kg.build([APIS])


def test_the_report_has_the_citation_section_with_counts_ranks_and_main_path(apis_kg, tmp_path):
    written = write_report(apis_kg, tmp_path / "report.md", ExportOptions())
    assert tmp_path / "report-historiograph.png" in written
    text = (tmp_path / "report.md").read_text()
    section = text[text.index("## Citations") :]
    counts = apis_kg.graph.graph["citations"]
    assert f"{counts['references']} references read: {counts['in_corpus']} matched" in section
    assert "| 1 | Attention Graphs for Predicting Enzyme Turnover Across Species | 2021 | 19 |" in section
    path = apis_kg.graph.graph["analyses"]["citations"]["main_path"]
    labels = [apis_kg.graph.nodes[p]["label"] for p in path]
    assert labels[0] == "Attention is All you Need" and len(labels) >= 2
    for i, label in enumerate(labels, 1):
        assert f"{i}. {label} (" in section
    assert "*(not in the corpus)*" in section
    assert "![Historiograph](report-historiograph.png)" in section


def test_centrality_csv_carries_the_citation_columns(apis_kg, tmp_path):
    write_centrality_csv(apis_kg, tmp_path / "c.csv", ExportOptions())
    rows = list(csv.DictReader((tmp_path / "c.csv").read_text().splitlines()))
    assert tuple(rows[0]) == (*CSV_COLUMNS, *CITATION_COLUMNS)
    authors = apis_kg.authors()
    for row in rows:
        assert int(row["corpus_citations"]) == authors[row["author"]]["corpus_citations"]


def test_without_references_neither_section_nor_columns(seeds_kg, tmp_path):
    written = write_report(seeds_kg, tmp_path / "report.md", ExportOptions())
    assert "## Citations" not in (tmp_path / "report.md").read_text()
    assert not any("historiograph" in p.name for p in written)
    write_centrality_csv(seeds_kg, tmp_path / "c.csv", ExportOptions())
    assert (tmp_path / "c.csv").read_text().splitlines()[0] == ",".join(CSV_COLUMNS)
