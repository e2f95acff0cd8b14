"""An export folder is always one consistent set: the exports of a build land together or not at all.

The protocol (DESIGN.md, "Export folder"):

1. ``.kg-lock`` in the folder is locked (``flock``) for the whole build: a second build into the
   same folder is refused at once, before it reads anything; the lock dies with its process.
2. The exports are written into a staging folder ``.kg-staging-<pid>`` inside the export folder
   (same file system, so the moves below are renames), with ``manifest.json`` last, and every
   file is fsynced.
3. The staging folder is renamed to ``.kg-commit``: from this instant the new set is decided.
   Its files are then renamed over the old ones, ``manifest.json`` last; the files the previous
   manifest listed and this build did not write are removed; ``.kg-commit`` goes.
4. A build killed during step 2 leaves the previous set untouched (its staging folder is removed
   by the next build). Killed during step 3 (a few renames), it leaves ``.kg-commit``, which the
   next build (or :func:`recover`) completes before anything else: the folder then holds the new set.

Only files a manifest lists, and kg's own hidden work files, are ever removed.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.export.manifest import MANIFEST, FileEntry, Manifest, file_entry, read_manifest

LOCK = ".kg-lock"
COMMIT = ".kg-commit"
PREVIOUS = "previous-manifest.json"  # inside COMMIT: what the set being replaced listed
_STAGING = re.compile(r"\.kg-staging-\d+\Z")
# left by earlier kg versions, which wrote each export through a temp file beside it
_OLD_TEMP = re.compile(r"\.[^/]+\.[A-Za-z0-9_]{8}\.tmp\Z")


class FolderBusy(RuntimeError):
    """Another build holds the folder's lock."""


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold ``folder``'s lock or raise :class:`FolderBusy` at once. A folder made for the lock
    goes again if the build wrote nothing into it (no paper could be read, say)."""
    made = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    handle = (folder / LOCK).open("a+")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise FolderBusy(
                f"another kg build is writing into {folder}; wait for it to finish or choose another -o"
            ) from None
        yield
    finally:
        handle.close()  # releases the lock
        if made and [p.name for p in folder.iterdir()] == [LOCK]:
            (folder / LOCK).unlink()
            folder.rmdir()


#: exports take about this many times the bytes of their inputs (the seeds: 17 times, --all 30)
EXPORT_BYTES_PER_INPUT_BYTE = 20


def space_warning(folder: Path, input_bytes: int) -> str | None:
    """A warning when the file system of ``folder`` looks too full for the exports of
    ``input_bytes`` of input (an estimate: the build goes on, and a full disk keeps the set)."""
    needed = input_bytes * EXPORT_BYTES_PER_INPUT_BYTE
    existing = next(p for p in (folder, *folder.parents) if p.exists())
    free = shutil.disk_usage(existing).free
    if free >= needed:
        return None
    return (
        f"warning: {existing} has {free // 2**20} MiB free; the exports may need about "
        f"{needed // 2**20 + 1} MiB (if the disk fills up, the folder keeps its previous set)"
    )


def recover(folder: Path) -> None:
    """Finish a commit a killed build left half done, and remove its staging folders and the
    temp files of earlier kg versions. Call it holding the lock."""
    commit = folder / COMMIT
    if commit.is_dir():
        _finish_commit(folder, commit)
    for path in folder.iterdir():
        if _STAGING.match(path.name) and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        elif _OLD_TEMP.match(path.name) and path.is_file():
            path.unlink(missing_ok=True)


def write_set(
    folder: Path, write: Callable[[Path], list[Path]], inputs: tuple[FileEntry, ...] = ()
) -> list[Path]:
    """Run ``write(staging)`` (it returns the files it wrote there), add their manifest (with
    the ``inputs`` given) and swap the set into ``folder`` as the module docstring says.
    Returns the final paths, manifest last. Call it holding the lock; on any error (a full disk
    too) the staging folder goes and the folder keeps its previous set."""
    recover(folder)
    staging = folder / f".kg-staging-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        written = write(staging)
        files = tuple(file_entry(path, path.relative_to(staging).as_posix()) for path in written)
        (staging / MANIFEST).write_text(Manifest(files, inputs).to_json(), encoding="utf-8")
        previous = folder / MANIFEST
        if previous.is_file():
            shutil.copyfile(previous, staging / PREVIOUS)
        for path in staging.iterdir():
            _fsync(path)
        _fsync(staging)
        os.rename(staging, folder / COMMIT)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _fsync(folder)
    _finish_commit(folder, folder / COMMIT)
    return [folder / path.relative_to(staging) for path in written] + [folder / MANIFEST]


def _finish_commit(folder: Path, commit: Path) -> None:
    """Step 3 of the protocol; safe to run again after a kill at any point of it."""
    new = read_manifest(commit / MANIFEST) or read_manifest(folder / MANIFEST)  # it moves last
    if new is None:  # a commit folder kg cannot read is not kg's to finish
        return
    for name in sorted(new.names()):
        if _is_plain_name(name) and (commit / name).exists():
            _move(commit / name, folder / name)
    previous = read_manifest(commit / PREVIOUS)
    if (commit / MANIFEST).exists():
        _move(commit / MANIFEST, folder / MANIFEST)
    if previous is not None:
        for name in sorted(previous.names() - new.names()):
            if _is_plain_name(name) and (folder / name).is_file():
                (folder / name).unlink()
    shutil.rmtree(commit, ignore_errors=True)
    _fsync(folder)


def _is_plain_name(name: str) -> bool:
    """A file name of the folder itself: a manifest never moves or removes anything elsewhere."""
    return bool(name) and "/" not in name and "\\" not in name and name not in (".", "..")


def _move(source: Path, target: Path) -> None:
    os.replace(source, target)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
