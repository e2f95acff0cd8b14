"""paused_gc: the collector is off inside the block and as it was after it, errors included."""

import gc

import pytest
from conftest import SEEDS

from kg.gc_pause import paused_gc


@pytest.fixture
def collector_enabled():
    was = gc.isenabled()
    gc.enable()
    yield
    (gc.enable if was else gc.disable)()


def test_pauses_and_restores(collector_enabled):
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_nested_pause_keeps_the_outer_one(collector_enabled):
    with paused_gc():
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_restores_after_an_error(collector_enabled):
    with pytest.raises(ValueError):
        with paused_gc():
            raise ValueError("boom")
    assert gc.isenabled()


def test_leaves_a_disabled_collector_disabled(collector_enabled):
    gc.disable()
    with paused_gc():
        pass
    assert not gc.isenabled()


def test_build_and_exports_run_paused_and_give_the_collector_back(collector_enabled, monkeypatch, tmp_path):
    import kg.export
    from kg.pipeline import BuildOptions, build

    seen = {}
    built = build(
        [SEEDS], BuildOptions(workers=1), on_stage=lambda stage: seen.setdefault(stage, gc.isenabled())
    )
    assert seen == {"extract": True, "resolve": False, "graph": False, "analyze": False}
    assert gc.isenabled()

    real_write = kg.export._write

    def recorded(*args):
        seen["export"] = gc.isenabled()
        return real_write(*args)

    monkeypatch.setattr(kg.export, "_write", recorded)
    kg.export.export_all(built, tmp_path, only=["centrality-csv"])
    assert seen["export"] is False and gc.isenabled()
    assert (tmp_path / "centrality.csv").stat().st_size > 0
