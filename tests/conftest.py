"""Shared fixtures. ``tiny_kg`` is a hand-built graph that follows DESIGN.md contract 2, so that
analyses and exports can be tested on exact, hand-checkable values independent of extraction."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from kg.export import ExportOptions, export_all
from kg.extract import extract_file
from kg.graph import KnowledgeGraph
from kg.model import Extraction, ExtractOptions

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
DATA = Path(__file__).resolve().parent / "data"


def extraction_of(path: Path, layout: str, options: ExtractOptions = ExtractOptions()) -> Extraction:
    """What ``path`` gives, after checking that it was detected as ``layout``."""
    result = extract_file(path, options)
    assert result.layout == layout
    return result.extraction


def _paper(pid, title, year, category, authors, *, abstract=None, code=(), truncated=False, line=1):
    return (
        pid,
        {
            "type": "Paper",
            "label": title,
            "title": title,
            "abstract": abstract,
            "date": f"{year}-01-15",
            "year": year,
            "category": category,
            "code_urls": list(code),
            "has_code": bool(code),
            "arxiv_id": None,
            "doi": None,
            "authors_truncated": truncated,
            "listed_author_count": len(authors),
            "title_zh": None,
            "summary_zh": None,
            "venue": None,
            "sources": [f"tiny.txt:{line}"],
        },
        authors,
    )


def make_tiny_graph() -> nx.MultiDiGraph:
    """4 papers, 5 authors (a triangle A-B-C, a bridge C-D, a pendant E on D), 2 orgs, 2 topics."""
    G = nx.MultiDiGraph(name="kg", kg_version="test", merges=[], near_misses=[], analyses={})
    G.add_node(
        "source:tiny.txt",
        type="Source",
        label="tiny.txt",
        path="tiny.txt",
        layout="profile_list",
        encoding="utf-8",
        records=4,
        problems=0,
    )
    names = {"a": "Ada Lovelace", "b": "Bo Chen", "c": "Cy Young", "d": "Di Park", "e": "Ed Kim"}
    for key, name in names.items():
        G.add_node(
            f"author:{key}",
            type="Author",
            label=name,
            name=name,
            name_variants=[name],
            paper_count=0,
            orcid=None,
        )
    G.add_node(
        "org:acme",
        type="Organization",
        label="Acme Labs",
        name="Acme Labs",
        aliases=["Acme Labs", "acme"],
        ror=None,
        ambiguous=False,
    )
    G.add_node("org:uw", type="Organization", label="uw", name="uw", aliases=["uw"], ror=None, ambiguous=True)
    G.add_node(
        "topic:arxiv:cs.CV",
        type="Topic",
        label="Computer Vision and Pattern Recognition",
        label_zh="计算机视觉",
        scheme="arxiv",
        code="cs.CV",
        terms=[],
    )
    G.add_node(
        "topic:arxiv:cs.CL",
        type="Topic",
        label="Computation and Language",
        label_zh="计算与语言",
        scheme="arxiv",
        code="cs.CL",
        terms=[],
    )
    papers = [
        _paper(
            "paper:t-1",
            "Seeing Cats with Transformers",
            2021,
            "CV",
            "abc",
            abstract="We detect cats in images with a vision transformer.",
            code=["https://github.com/x/cats"],
            line=1,
        ),
        _paper(
            "paper:t-2",
            "Parsing Sentences Quickly",
            2022,
            "CL",
            "ac",
            abstract="A fast dependency parser for long sentences.",
            line=4,
        ),
        _paper(
            "paper:t-3",
            "Cats and Sentences",
            2022,
            "CL",
            "cd",
            abstract="Captioning images of cats with sentences.",
            truncated=True,
            line=7,
        ),
        _paper(
            "paper:t-4", "Dogs Too", 2023, "CV", "de", abstract="We detect dogs in images as well.", line=10
        ),
    ]
    for pid, attrs, authors in papers:
        G.add_node(pid, **attrs)
        G.add_edge(
            pid,
            "source:tiny.txt",
            key="FROM_SOURCE",
            type="FROM_SOURCE",
            line=int(attrs["sources"][0].split(":")[1]),
        )
        code = "cs.CV" if attrs["category"] == "CV" else "cs.CL"
        G.add_edge(
            pid, f"topic:arxiv:{code}", key="HAS_TOPIC", type="HAS_TOPIC", weight=1.0, method="category"
        )
        for position, key in enumerate(authors, start=1):
            G.add_edge(
                f"author:{key}",
                pid,
                key="AUTHORED",
                type="AUTHORED",
                position=position,
                name_as_written=names[key],
            )
            G.nodes[f"author:{key}"]["paper_count"] += 1
    G.add_edge("paper:t-1", "org:acme", key="AFFILIATED", type="AFFILIATED", as_written="Acme Labs")
    G.add_edge("paper:t-3", "org:uw", key="AFFILIATED", type="AFFILIATED", as_written="uw")
    G.add_edge("author:a", "org:acme", key="MEMBER_OF", type="MEMBER_OF", sources=["tiny.txt:1"])
    return G


def rdf_exports(G: nx.MultiDiGraph, folder: Path, base_iri: str = ExportOptions.base_iri) -> dict[str, Path]:
    """``G``'s Turtle, N-Triples and JSON-LD files, written into ``folder`` by kg's exporters,
    by file name (``kg.ttl``, ``kg.nt``, ``kg.jsonld``)."""
    written = export_all(
        KnowledgeGraph(G), folder, ExportOptions(base_iri=base_iri), only=["turtle", "ntriples", "jsonld"]
    )
    return {path.name: path for path in written}


@pytest.fixture
def tiny_graph() -> nx.MultiDiGraph:
    return make_tiny_graph()


@pytest.fixture(scope="module")
def seeds_kg() -> KnowledgeGraph:
    """``kg.build(["seeds"])`` with every analysis, built once per test module."""
    from kg import build

    return build([SEEDS])


@pytest.fixture
def tiny_kg() -> KnowledgeGraph:
    return KnowledgeGraph(make_tiny_graph())


@pytest.fixture
def hostile_kg() -> KnowledgeGraph:
    """``tiny_kg`` whose names, titles and labels are markup and script (tests/data/html/hostile.json):
    every export must keep them as text."""
    import json

    G = make_tiny_graph()
    overrides = json.loads((DATA / "html" / "hostile.json").read_text(encoding="utf-8"))
    for node, attrs in overrides.items():
        if not node.startswith("_"):
            G.nodes[node].update(attrs)
    return KnowledgeGraph(G)
