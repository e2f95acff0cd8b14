"""An export folder is one consistent set (kg.export.folder): manifest, own files only removed,
lock, staging and commit, a killed or failing build leaving a complete set."""

from __future__ import annotations

import hashlib
import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.export.folder as folder_module
from kg.cli import main
from kg.export.folder import COMMIT, FolderBusy, locked, recover, write_set
from kg.export.manifest import MANIFEST, read_manifest, set_mismatches

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SMALL = sorted(SEEDS.glob("001_*.txt"))[0]  # one small seed file: a build of a second or two
OTHER = sorted(SEEDS.glob("004_*.txt"))[0]


def build(*args: str):
    return CliRunner().invoke(main, ["build", *args, "--no-progress"])


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def consistent_set(folder: Path) -> dict[str, str]:
    """name -> sha256 of the set the folder's manifest describes, after checking that every
    listed file is there with the size and hash the manifest gives."""
    assert set_mismatches(folder) == []
    manifest = read_manifest(folder / MANIFEST)
    assert manifest is not None
    return {entry.name: entry.sha256 for entry in manifest.files}


def test_manifest_lists_every_file_written_with_its_hash_and_the_inputs(tmp_path):
    result = build(str(SMALL), "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    listed = consistent_set(tmp_path)
    on_disk = {p.name for p in tmp_path.iterdir() if not p.name.startswith(".")} - {MANIFEST}
    assert set(listed) == on_disk
    wrote = next(line for line in result.output.splitlines() if "wrote" in line)
    assert f"wrote {len(listed) + 1} files" in wrote  # the manifest is one of them
    data = json.loads((tmp_path / MANIFEST).read_text())
    assert data["inputs"] == [{"name": SMALL.name, "bytes": SMALL.stat().st_size, "sha256": sha256(SMALL)}]
    assert data["kg_version"] and data["format"] == 1


def test_manifest_names_inputs_by_folder_not_by_absolute_path(tmp_path):
    assert build(str(SEEDS), "-o", str(tmp_path)).exit_code == 0
    names = [entry.name for entry in read_manifest(tmp_path / MANIFEST).inputs]
    assert names == [f"seeds/{p.name}" for p in sorted(SEEDS.glob("*.txt"))]
    assert str(SEEDS) not in (tmp_path / MANIFEST).read_text()


def test_a_rebuild_removes_its_own_earlier_files_and_no_other(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    assert build(str(SMALL), "-o", str(tmp_path), "--all").exit_code == 0
    assert (tmp_path / "kg.nt").exists()
    assert build(str(SMALL), "-o", str(tmp_path), "--only", "turtle").exit_code == 0
    left = {p.name for p in tmp_path.iterdir() if not p.name.startswith(".")}
    assert left == {"kg.ttl", MANIFEST, "notes.txt"}


def test_files_of_an_unknown_origin_are_never_removed(tmp_path):
    """A folder built before manifests existed: its kg.nt is not known to be kg's, so it stays."""
    (tmp_path / "kg.nt").write_text("<a> <b> <c> .\n")
    assert build(str(SMALL), "-o", str(tmp_path), "--only", "turtle").exit_code == 0
    assert (tmp_path / "kg.nt").read_text() == "<a> <b> <c> .\n"


def test_leftovers_of_killed_builds_are_cleaned(tmp_path):
    (tmp_path / ".kg-staging-99999").mkdir()
    (tmp_path / ".kg-staging-99999" / "graph.json").write_text("{")
    (tmp_path / ".graph.json.ab12cd34.tmp").write_text("{")
    (tmp_path / ".hidden-of-the-user").write_text("x")
    assert build(str(SMALL), "-o", str(tmp_path), "--only", "turtle").exit_code == 0
    hidden = {p.name for p in tmp_path.iterdir() if p.name.startswith(".")}
    assert hidden == {".kg-lock", ".hidden-of-the-user"}


def test_a_second_build_into_a_locked_folder_is_refused_at_once(tmp_path):
    with locked(tmp_path):
        result = build(str(SMALL), "-o", str(tmp_path))
        with pytest.raises(FolderBusy):
            with locked(tmp_path):
                pass
    assert result.exit_code == 2
    assert result.output.strip().startswith("error: another kg build is writing into")
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / MANIFEST).exists()
    with locked(tmp_path):  # released by its holder
        pass


def _two_sets(folder: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The sets a build of OTHER and one of SMALL write (built once each, in other folders)."""
    sets = []
    for source in (OTHER, SMALL):
        out = folder / source.stem
        assert build(str(source), "-o", str(out)).exit_code == 0
        sets.append(consistent_set(out))
    return sets[0], sets[1]


def test_a_crash_during_the_commit_is_completed_by_the_next_run(tmp_path, monkeypatch):
    """Killed after k of the renames that swap the set in: the folder holds .kg-commit, and the
    next run in the folder (recover) gives the complete new set, whatever k."""
    old_set, new_set = _two_sets(tmp_path / "reference")
    old_folder = tmp_path / "reference" / OTHER.stem
    renames = len(new_set) + 1  # the files, then the manifest
    real_move = folder_module._move
    for k in range(renames):
        out = tmp_path / f"k{k}"
        shutil.copytree(old_folder, out)
        calls = {"n": 0}

        def dying_move(source, target, _k=k, _calls=calls):
            if _calls["n"] == _k:
                raise KeyboardInterrupt("killed")
            _calls["n"] += 1
            real_move(source, target)

        monkeypatch.setattr(folder_module, "_move", dying_move)
        with pytest.raises(KeyboardInterrupt):
            write_set(out, lambda staging: _copy_set(tmp_path / "reference" / SMALL.stem, staging))
        monkeypatch.setattr(folder_module, "_move", real_move)
        assert (out / COMMIT).is_dir()
        with locked(out):
            recover(out)
        assert consistent_set(out) == new_set
        assert not (out / COMMIT).exists()
        assert old_set != new_set


def _copy_set(source: Path, staging: Path) -> list[Path]:
    written = []
    for entry in read_manifest(source / MANIFEST).files:
        (staging / entry.name).write_bytes((source / entry.name).read_bytes())
        written.append(staging / entry.name)
    return written


@pytest.mark.slow  # starts processes
def test_a_failing_write_keeps_the_previous_set(tmp_path):
    """A full disk, played by a file-size limit: one line, exit 1, the previous set intact."""
    out = tmp_path / "out"
    assert build(str(SMALL), "-o", str(out)).exit_code == 0
    before = consistent_set(out)
    script = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))\n"
        "from kg.cli import main\n"
        f"sys.argv = ['kg', 'build', {str(OTHER)!r}, '-o', {str(out)!r}, '-q']\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert "error: cannot write the exports into" in done.stderr
    assert "keeps its previous set" in done.stderr and "Traceback" not in done.stderr
    assert consistent_set(out) == before
    assert not [p for p in out.iterdir() if p.name.startswith(".kg-staging")]


@pytest.mark.slow
def test_sigkill_at_ten_points_leaves_the_old_or_the_new_set(tmp_path):
    """A build killed at ten moments spread over its run leaves either the previous complete set
    or the new one (after the next run's recovery when the kill fell inside the commit)."""
    old_set, new_set = _two_sets(tmp_path / "reference")
    command = [sys.executable, "-m", "kg.cli", "build", str(SMALL), "-q", "-o"]
    started = time.monotonic()
    subprocess.run([*command, str(tmp_path / "timing")], check=True, timeout=300)
    duration = time.monotonic() - started
    outcomes = set()
    for point in range(10):
        out = tmp_path / f"kill{point}"
        assert build(str(OTHER), "-o", str(out)).exit_code == 0
        child = subprocess.Popen([*command, str(out)])
        time.sleep(duration * (0.3 + 0.07 * point))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
        with locked(out):  # what the next build does first
            recover(out)
        found = consistent_set(out)
        assert found in (old_set, new_set), f"kill point {point}: a mixed set"
        outcomes.add("new" if found == new_set else "old")
    assert outcomes  # which ones depends on the machine; both are fine, a mix never


def test_a_folder_too_full_for_the_estimate_is_warned_of_before_the_work(tmp_path, monkeypatch):
    from collections import namedtuple

    from kg.export.folder import space_warning

    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(folder_module.shutil, "disk_usage", lambda path: usage(10**9, 0, 10**6))
    warning = space_warning(tmp_path / "new" / "out", 200_000)
    assert warning is not None and warning.startswith(f"warning: {tmp_path} has 0 MiB free")
    assert space_warning(tmp_path, 1_000) is None


def test_kg_verify_tells_a_complete_set_from_a_changed_one(tmp_path):
    assert build(str(SMALL), "-o", str(tmp_path), "--only", "turtle").exit_code == 0
    good = CliRunner().invoke(main, ["verify", str(tmp_path)])
    assert good.exit_code == 0 and good.output == f"{tmp_path}: 1 file, each as manifest.json lists it\n"
    assert sha256(tmp_path / "kg.ttl") == read_manifest(tmp_path / MANIFEST).files[0].sha256
    with (tmp_path / "kg.ttl").open("a") as handle:
        handle.write("# edited\n")
    changed = CliRunner().invoke(main, ["verify", str(tmp_path)])
    assert changed.exit_code == 1
    assert "kg.ttl: not the file the manifest lists" in changed.output
    (tmp_path / "kg.ttl").unlink()
    assert "kg.ttl: missing" in CliRunner().invoke(main, ["verify", str(tmp_path)]).output
