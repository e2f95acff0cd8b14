"""paused_gc: the collector is off inside the block and as it was after it, errors included."""

import gc

import pytest

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
