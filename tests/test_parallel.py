"""Extraction and analyses on several processes (kg.parallel): the same results as in one
process, in input order, and nothing lost when a worker fails or dies."""

from __future__ import annotations

import copy
import gc
import os
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA, SEEDS

import kg.analyze
import kg.defaults
import kg.export
import kg.pipeline
from kg.analyze import analyze
from kg.cli import main
from kg.model import ExtractOptions
from kg.parallel import ChildCall, fork_context, map_in_order
from kg.pipeline import PARALLEL_MIN_FILES, BuildOptions, build, extract_files

pytestmark = pytest.mark.skipif(fork_context() is None, reason="no fork on this platform")

PARENT = os.getpid()
BAD_FILES = [DATA / "reading" / name for name in ("empty.txt", "tiny.png", "unknown_layout.txt")]


def _square_and_pid(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def _fails_in_a_child(n: int) -> int:
    if os.getpid() != PARENT and n % 7 == 3:
        raise RuntimeError("only in a child")
    return n * n


def _dies_in_a_child(n: int) -> int:
    if os.getpid() != PARENT and n == 5:
        os._exit(3)
    return n * n


def _always_fails(n: int) -> int:
    raise ValueError(f"bad item {n}")


def _pid() -> int:
    return os.getpid()


def _pid_unless_in_a_child() -> int:
    if os.getpid() != PARENT:
        raise RuntimeError("only in a child")
    return os.getpid()


# ------------------------------------------------------------------ the helpers


def test_pool_returns_results_in_input_order_shared_with_a_worker():
    results = map_in_order(_square_and_pid, range(100), workers=2)
    assert [value for value, _ in results] == [n * n for n in range(100)]
    pids = [pid for _, pid in results]
    assert pids[0] != PARENT and pids[-1] == PARENT  # the worker from the front, this one from the back
    assert len(set(pids)) == 2


def test_one_worker_computes_here():
    assert {pid for _, pid in map_in_order(_square_and_pid, range(10), workers=1)} == {PARENT}


def test_an_item_that_fails_in_a_worker_is_redone_here():
    assert map_in_order(_fails_in_a_child, range(60), workers=2) == [n * n for n in range(60)]


def test_a_worker_that_dies_loses_nothing():
    assert map_in_order(_dies_in_a_child, range(60), workers=2) == [n * n for n in range(60)]


def test_an_error_is_raised_as_in_one_process():
    with pytest.raises(ValueError, match="bad item 0"):
        map_in_order(_always_fails, range(10), workers=2)


def test_child_call_computes_in_a_child():
    with ChildCall(_pid) as call:
        assert call.pid not in (None, PARENT)
        assert call.result() not in (None, PARENT)


def test_child_call_that_fails_in_the_child_is_computed_here():
    with ChildCall(_pid_unless_in_a_child) as call:
        assert call.result() == PARENT


_PARENT_STATE: list[str] = []


def _parent_state_size() -> int:
    return len(_PARENT_STATE)


@pytest.mark.slow  # starts processes
def test_a_fresh_child_holds_only_its_arguments():
    """fresh=True: a new interpreter, which does not see what this process built in memory."""
    _PARENT_STATE.append("built here")
    try:
        with ChildCall(_parent_state_size) as forked:
            assert forked.result() == 1
        with ChildCall(_parent_state_size, fresh=True) as fresh:
            assert fresh.pid not in (None, PARENT)
            assert fresh.result() == 0
        with ChildCall(sorted, [3, 1, 2], fresh=True) as fresh:
            assert fresh.result() == [1, 2, 3]
    finally:
        _PARENT_STATE.clear()


def test_collector_paused_while_a_forked_child_runs():
    was = gc.isenabled()
    gc.enable()
    try:
        with ChildCall(gc.isenabled) as forked:
            assert not gc.isenabled()  # here, while the child shares this process's pages
            assert forked.result() is False  # and in the child
        assert gc.isenabled()
        with ChildCall(gc.isenabled, fresh=True) as fresh:
            assert gc.isenabled()  # a fresh child shares nothing
            assert fresh.result() is True
        with ChildCall(gc.isenabled, in_child=False) as here:
            assert here.result() is True
    finally:
        (gc.enable if was else gc.disable)()


def test_child_call_not_in_a_child_computes_when_asked():
    with ChildCall(_pid, in_child=False) as call:
        assert call.pid is None
        assert call.result() == PARENT


# ------------------------------------------------------------------ extraction and analyses


@pytest.fixture(scope="module")
def many_files(tmp_path_factory) -> Path:
    """More than PARALLEL_MIN_FILES files: copies of the seeds, with unreadable files between."""
    root = tmp_path_factory.mktemp("many")
    seeds = sorted(SEEDS.iterdir())
    copies = PARALLEL_MIN_FILES // len(seeds) + 1
    for i in range(copies):
        folder = root / f"copy{i:02d}"
        folder.mkdir()
        for seed in seeds:
            shutil.copy(seed, folder / seed.name)
        shutil.copy(BAD_FILES[i % len(BAD_FILES)], folder / f"bad_{BAD_FILES[i % len(BAD_FILES)].name}")
    return root


def _recording_workers(monkeypatch) -> list[int]:
    used: list[int] = []

    def recording(fn, items, workers):
        used.append(workers)
        return map_in_order(fn, items, workers)

    monkeypatch.setattr(kg.pipeline, "map_in_order", recording)
    return used


def test_parallel_extraction_equals_serial_records_and_problems(many_files, monkeypatch):
    used = _recording_workers(monkeypatch)
    serial = extract_files([many_files], ExtractOptions(), None, workers=1)
    parallel = extract_files([many_files], ExtractOptions(), None, workers=2)
    assert used == [1, 2]
    assert [f.file for f in parallel] == [f.file for f in serial]
    assert parallel == serial
    unread = [f for f in parallel if f.layout is None]
    assert len(unread) == PARALLEL_MIN_FILES // 5 + 1  # one bad file per copy, each a Problem
    assert all(f.extraction.problems[0].severity == "error" for f in unread)


def test_small_input_is_extracted_in_this_process(monkeypatch):
    used = _recording_workers(monkeypatch)
    extract_files([SEEDS], ExtractOptions(), None, workers=2)
    assert used == [1]


def _snapshot(G):
    return (list(G.nodes(data=True)), list(G.edges(keys=True, data=True)), G.graph)


def _recording_forks(monkeypatch, module) -> list[bool]:
    """Whether each ChildCall that ``module`` makes runs in a child."""
    forked: list[bool] = []

    class Recording(ChildCall):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            forked.append(self.pid is not None)

    monkeypatch.setattr(module, "ChildCall", Recording)
    return forked


@pytest.mark.slow  # starts processes
def test_analyses_in_a_child_equal_the_serial_ones(monkeypatch):
    base = build([SEEDS], BuildOptions(analyses=False, workers=1)).graph
    serial, parallel = copy.deepcopy(base), copy.deepcopy(base)
    analyze(serial, workers=1)
    forked = _recording_forks(monkeypatch, kg.analyze)
    analyze(copy.deepcopy(base), workers=2)
    assert forked == [False]  # the seeds are far below the size where a child pays
    monkeypatch.setattr(kg.defaults, "TOPICS_CHILD_MIN_PAPERS", 0)
    analyze(parallel, workers=2)
    assert forked == [False, True]
    assert "topic_clusters" in parallel.graph["analyses"] and "communities" in parallel.graph["analyses"]
    assert _snapshot(parallel) == _snapshot(serial)


@pytest.mark.slow  # starts processes
def test_topics_started_before_the_graph_equal_analysing_the_built_graph(monkeypatch):
    """build() starts the topics from the resolved papers, before the graph exists."""
    monkeypatch.setattr(kg.defaults, "TOPICS_CHILD_MIN_PAPERS", 0)
    built = build([SEEDS], BuildOptions(workers=2)).graph
    afterwards = build([SEEDS], BuildOptions(analyses=False, workers=1)).graph
    analyze(afterwards, workers=1)
    assert any(d.get("scheme") == "cluster" for _, d in built.nodes(data=True))
    assert _snapshot(built) == _snapshot(afterwards)


@pytest.mark.slow  # two whole builds
def test_cli_build_writes_the_same_bytes_with_one_or_more_workers(many_files, tmp_path, monkeypatch):
    monkeypatch.setattr(kg.export, "PARALLEL_NODES", range(0, 10**9))  # the exports in two processes too
    forked = _recording_forks(monkeypatch, kg.export)
    runner = CliRunner()
    outputs = {}
    for workers in ("1", "2"):
        out = tmp_path / f"out{workers}"
        result = runner.invoke(
            main, ["build", str(many_files), "-o", str(out), "--no-progress", "--workers", workers]
        )
        assert result.exit_code == 0, result.output
        outputs[workers] = {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    assert outputs["1"] and outputs["1"] == outputs["2"]
    assert forked == [False, True]  # --workers 1 writes every export here; 2 forks a writer


def _writes_then_waits(path: Path, ready) -> None:
    from kg.export.atomic import atomic_open

    with atomic_open(path) as handle:
        handle.write("partial")
        handle.flush()
        ready.send(True)
        time.sleep(60)


def test_a_child_stopped_while_writing_leaves_no_file_behind(tmp_path):
    reader, writer = fork_context().Pipe(duplex=False)
    with ChildCall(_writes_then_waits, tmp_path / "out.html", writer):
        assert reader.poll(30) and reader.recv()
        assert [p.name for p in tmp_path.iterdir()][0].startswith(".out.html.")  # its temporary file
    assert list(tmp_path.iterdir()) == []  # leaving the block stopped the child, which cleaned up


def test_cli_rejects_zero_workers():
    result = CliRunner().invoke(main, ["build", str(SEEDS), "--workers", "0"])
    assert result.exit_code == 2 and "--workers" in result.output
