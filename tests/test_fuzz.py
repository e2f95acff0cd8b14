"""Fuzzing extraction, bounded: mutated seeds fed to every layout never raise, and what comes back
keeps the rules (every problem has a file and a reason; no record keeps a control character or a
lone surrogate). The mutations are those of ``benchmarks/fuzz.py``, whose longer campaign prints
its figures; here hypothesis draws them, derandomized, so a run is repeatable."""

from __future__ import annotations

import importlib.util
import random
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract import extract_file, layouts

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def _load_fuzz():
    spec = importlib.util.spec_from_file_location("benchmarks_fuzz", BENCHMARKS / "fuzz.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


FUZZ = _load_fuzz()
INPUTS = FUZZ.seed_inputs()
#: Each layout forced, and detection (None).
LAYOUTS = [None, *layouts()]

_mutated = st.tuples(
    st.sampled_from(range(len(INPUTS))),
    st.lists(st.sampled_from(sorted(FUZZ.MUTATIONS)), min_size=1, max_size=4),
    st.integers(min_value=0, max_value=2**32),
)


def test_the_seed_inputs_cover_every_layout():
    detected = set()
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in INPUTS:
            path = Path(tmp) / Path(name).name
            path.write_bytes(data)
            detected.add(extract_file(path).layout)
    assert set(layouts()) <= detected


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda layout: layout or "detected")
@settings(
    derandomize=True,
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)
@given(case=_mutated)
def test_mutated_inputs_never_raise_and_keep_the_rules(layout, case):
    index, names, seed = case
    data = FUZZ.mutate(INPUTS[index][1], names, random.Random(seed))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "input"
        path.write_bytes(data)
        result = FUZZ._extract_file(path, "input", FUZZ.ExtractOptions(), layout)  # no safety net
        assert FUZZ.violations(result) == []
        assert all(p.file == "input" and p.message for p in result.extraction.problems)


@pytest.mark.parametrize("name", sorted(FUZZ.MUTATIONS))
def test_each_mutation_changes_its_input(name):
    data = b"Abstract:a study\nAbstract:another\n"
    changed = [FUZZ.MUTATIONS[name](data, random.Random(seed)) != data for seed in range(10)]
    assert any(changed)
