"""The persistent store ``kg query`` keeps beside an export, so that a second query on an
unchanged file skips reading it: ``<folder>/.kg-store/<file name>/`` holds ``meta.json``
(the file's size, modification time and SHA-256) and ``store/`` (the engine's database).

The store is reused while the file's size and modification time are those recorded, or, when
only the time moved, while its SHA-256 is; otherwise it is rebuilt, in a new folder renamed
over the old one when complete, so no reader ever opens half a store. A folder that cannot be
written means no cache: the caller reads the file as without one.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

STORE_FOLDER = ".kg-store"
_FORMAT = 1  # bump when the layout of the cache changes


@dataclass(frozen=True)
class CachedStore:
    folder: Path  # the engine's database
    built: bool  # False: an earlier run's store, reused


def cache_folder(path: Path) -> Path:
    return path.parent / STORE_FOLDER / path.name


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def cached_store(path: Path, build: Callable[[Path, Path], None]) -> CachedStore | None:
    """The up-to-date store of ``path``, made by ``build(path, folder)`` when missing or stale;
    None when it cannot be written."""
    home = cache_folder(path)
    stat = path.stat()
    meta = _read_meta(home)
    if meta and meta.get("size") == stat.st_size:
        if meta.get("mtime_ns") == stat.st_mtime_ns:
            return CachedStore(home / "store", built=False)
        if meta.get("sha256") == sha256(path):
            try:
                _write_meta(home, {**meta, "mtime_ns": stat.st_mtime_ns})
            except OSError:
                pass  # a folder kg may read but not write: the hash is checked again next time
            return CachedStore(home / "store", built=False)
    try:
        return _rebuild(path, home, build, stat)
    except OSError:
        return None


def _rebuild(
    path: Path, home: Path, build: Callable[[Path, Path], None], stat: os.stat_result
) -> CachedStore:
    home.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(home)
    fresh = home.with_name(f"{home.name}.building-{os.getpid()}")
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir()
    try:
        build(path, fresh / "store")
        _write_meta(fresh, {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": sha256(path)})
        stale = home.with_name(f"{home.name}.stale-{os.getpid()}")
        if home.exists():
            home.rename(stale)
        fresh.rename(home)
        shutil.rmtree(stale, ignore_errors=True)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    return CachedStore(home / "store", built=True)


def _remove_leftovers(home: Path) -> None:
    """The folders a killed run left half built or half removed (its process is gone)."""
    for path in home.parent.glob(f"{glob.escape(home.name)}.*-*"):
        kind, _, pid = path.name[len(home.name) + 1 :].partition("-")
        if kind in ("building", "stale") and pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # there, but not ours to signal
    return True


def _read_meta(home: Path) -> dict[str, object] | None:
    try:
        meta = json.loads((home / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict) or meta.get("format") != _FORMAT or not (home / "store").is_dir():
        return None
    return meta


def _write_meta(home: Path, meta: dict[str, object]) -> None:
    temporary = home / "meta.json.tmp"
    temporary.write_text(json.dumps({**meta, "format": _FORMAT}), encoding="utf-8")
    temporary.replace(home / "meta.json")
