"""The Python API works from any caller (issue 15): a script without a ``__main__`` guard,
``python -``, ``python -c``, a thread; with every multiprocessing start method the caller may
have chosen, and with the child paths forced on a small input. A child that dies raises
KgError instead of leaving the parent waiting."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SEEDS

import kg.defaults
import kg.parallel
from kg.errors import KgError
from kg.parallel import ChildCall, ChildDied, fork_context
from kg.pipeline import BuildOptions, build

pytestmark = pytest.mark.slow  # each test starts processes

#: A caller's whole script: kg.build on the seeds, no ``if __name__ == "__main__":``. With
#: FORCE the topics child and the extraction pool are used although the seeds are small.
SCRIPT = """
import json, multiprocessing, threading
import kg, kg.defaults, kg.parallel, kg.pipeline
METHOD, FORCE, IN_THREAD = {method!r}, {force!r}, {in_thread!r}
if METHOD:
    multiprocessing.set_start_method(METHOD, force=True)
if FORCE:
    kg.defaults.TOPICS_CHILD_MIN_PAPERS = 0
    kg.pipeline.PARALLEL_MIN_FILES = kg.pipeline.PARALLEL_MIN_BYTES = 0
children = []
start_fresh = kg.parallel._start_fresh
def counted(fn, args):
    child = start_fresh(fn, args)
    children.append(child.pid)
    return child
kg.parallel._start_fresh = counted
result = {{}}
def run():
    K = kg.build([{seeds!r}], workers=2)
    result["clusters_in_graph"] = sum(1 for _, d in K.graph.nodes(data=True) if d.get("scheme") == "cluster")
    result["papers_in_graph"] = sum(1 for _, d in K.graph.nodes(data=True) if d.get("type") == "Paper")
if IN_THREAD:
    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
else:
    run()
result["fresh_children"] = len(children)
print("RESULT", json.dumps(result))
"""
TIMEOUT = 300  # seconds: far above a build of the seeds, far below "forever"


def _script(method: str | None = None, force: bool = True, in_thread: bool = False) -> str:
    return SCRIPT.format(method=method, force=force, in_thread=in_thread, seeds=str(SEEDS))


def _result(run: subprocess.CompletedProcess[str]) -> dict:
    assert run.returncode == 0, run.stderr[-3000:]
    line = next(line for line in run.stdout.splitlines() if line.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


def _run(args: list[str], cwd: Path, stdin: str | None = None) -> dict:
    run = subprocess.run(
        [sys.executable, *args], input=stdin, capture_output=True, text=True, timeout=TIMEOUT, cwd=cwd
    )
    return _result(run)


def _check(result: dict, force: bool = True) -> None:
    assert result["papers_in_graph"] == 120
    assert result["clusters_in_graph"] > 0  # the topics were computed, in the child or here
    assert result["fresh_children"] == (1 if force else 0)


def test_a_plain_script_without_a_main_guard(tmp_path):
    path = tmp_path / "caller.py"
    path.write_text(_script(), encoding="utf-8")
    _check(_run([str(path)], tmp_path))


def test_a_plain_script_at_the_default_threshold_starts_no_child(tmp_path):
    path = tmp_path / "caller.py"
    path.write_text(_script(force=False), encoding="utf-8")
    _check(_run([str(path)], tmp_path), force=False)


def test_python_reading_the_script_from_stdin(tmp_path):
    _check(_run(["-"], tmp_path, stdin=_script()))


def test_python_dash_c(tmp_path):
    _check(_run(["-c", _script()], tmp_path))


def test_a_call_from_a_thread(tmp_path):
    """Forking while another thread runs is unsafe: the pool works here, the fresh child runs."""
    _check(_run(["-c", _script(in_thread=True)], tmp_path))


@pytest.mark.parametrize("method", multiprocessing.get_all_start_methods())
def test_whatever_start_method_the_caller_chose(tmp_path, method):
    path = tmp_path / "caller.py"
    path.write_text(_script(method=method), encoding="utf-8")
    _check(_run([str(path)], tmp_path))


# ------------------------------------------------------------------ children that die


class _Hang(Exception):
    pass


@pytest.fixture
def no_hang() -> Iterator[None]:
    """Fails the test instead of letting it wait forever."""

    def hung(signum, frame):
        raise _Hang("waited 60 s for a dead child")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _kill_when_started(call: ChildCall) -> None:
    assert call.pid is not None
    os.kill(call.pid, signal.SIGKILL)


def test_a_fresh_child_killed_midway_raises_kg_error(no_hang):
    with ChildCall(time.sleep, 600, fresh=True) as call:
        _kill_when_started(call)
        with pytest.raises(ChildDied, match=r"sleep \(pid \d+\) was killed by signal SIGKILL"):
            call.result()


@pytest.mark.skipif(fork_context() is None, reason="no fork on this platform")
def test_a_forked_child_killed_midway_raises_kg_error(no_hang):
    with ChildCall(time.sleep, 600) as call:
        _kill_when_started(call)
        with pytest.raises(KgError, match="SIGKILL"):
            call.result()


def test_a_child_that_exits_without_answering_raises_kg_error(no_hang):
    with ChildCall(os._exit, 3, fresh=True) as call, pytest.raises(ChildDied, match="exited with code 3"):
        call.result()


def test_a_build_whose_topics_child_is_killed_raises_kg_error(monkeypatch, no_hang):
    monkeypatch.setattr(kg.defaults, "TOPICS_CHILD_MIN_PAPERS", 0)
    start_fresh = kg.parallel._start_fresh

    def killed(fn, args):
        child = start_fresh(fn, args)
        os.kill(child.pid, signal.SIGKILL)
        return child

    monkeypatch.setattr(kg.parallel, "_start_fresh", killed)
    with pytest.raises(KgError, match="compute_topics"):
        build([SEEDS], BuildOptions(workers=2))


def test_a_function_the_fresh_child_cannot_import_is_computed_here(tmp_path):
    """A function of the caller's __main__ cannot be found by a child that does not run it."""
    script = textwrap.dedent(
        """
        import os
        from kg.parallel import ChildCall
        def pid():
            return os.getpid()
        with ChildCall(pid, fresh=True) as call:
            print("RESULT", call.result() == os.getpid())
        """
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=TIMEOUT)
    assert run.returncode == 0, run.stderr
    assert "RESULT True" in run.stdout


def _running(pid: int) -> bool:
    """The process runs (neither gone nor a zombie waiting to be reaped)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
def test_a_fresh_child_stops_when_its_parent_is_killed(tmp_path):
    script = textwrap.dedent(
        """
        import os, signal, time
        from kg.parallel import ChildCall
        call = ChildCall(time.sleep, 600, fresh=True)
        print(call.pid, flush=True)
        time.sleep(2)  # the child is started and reads its call
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=TIMEOUT)
    child = int(run.stdout.split()[0])
    deadline = time.monotonic() + 60
    while _running(child) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _running(child)
