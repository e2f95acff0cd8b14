"""The WoS / Scopus benchmark's files are what it claims: kg reads every generated record back,
with its references, and no problem (no timing here: the script prints the figures)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from kg.extract import extract_file

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "wos_scopus_bench.py"


def _bench():
    spec = importlib.util.spec_from_file_location("wos_scopus_bench", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("layout", ["wos", "wos_tab", "scopus"])
def test_generated_files_read_back_whole(tmp_path, layout):
    bench = _bench()
    path = bench.write(layout, tmp_path, 30, bench.Corpus(seed=3, refs=5, unique_refs=False))
    result = extract_file(path)
    assert result.layout == layout
    assert result.extraction.problems == ()
    records = result.extraction.records
    assert len(records) == 30 and all(len(r.references) == 5 for r in records)
    assert all(r.title and r.authors and r.doi and r.authors[0].affiliations for r in records)
