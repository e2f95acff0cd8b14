"""One paper's author list from the lists its sources give: the longest list the sources agree
with, each position holding every spelling the sources wrote there (the evidence that
``J Leskovec`` and ``Jure Leskovec`` are one person comes from here)."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.model import PaperRecord, Problem, Source
from kg.normalize import names
from kg.resolve.model import where


@dataclass(frozen=True)
class Slot:
    """One position of a paper's merged author list, with every spelling sources gave it."""

    position: int  # 1-based
    spellings: tuple[tuple[str, Source], ...]  # (name as written, where), base list first


@dataclass(frozen=True)
class AuthorList:
    truncated: bool
    slots: tuple[Slot, ...]
    #: record index -> the slot of each of its authors (None: not placed); records whose list
    #: disagrees with the merged one are absent
    placed: dict[int, tuple[int | None, ...]] = field(default_factory=dict)


def merge_author_lists(members: list[int], records: list[PaperRecord], problems: list[Problem]) -> AuthorList:
    """The longest list the sources agree with; ``truncated`` unless a source gives it whole."""
    with_authors = [i for i in members if records[i].authors]
    if not with_authors:
        return AuthorList(any(records[i].authors_truncated for i in members), (), {i: () for i in members})
    base = min(with_authors, key=lambda i: (-len(records[i].authors), records[i].authors_truncated, i))
    base_names = records[base].author_names
    spellings: list[list[tuple[str, Source]]] = [[(n, records[base].source)] for n in base_names]
    complete = not records[base].authors_truncated
    placed: dict[int, tuple[int | None, ...]] = {i: () for i in members if not records[i].authors}
    placed[base] = tuple(range(len(base_names)))
    for i in with_authors:
        if i == base:
            continue
        names = records[i].author_names
        pairs = _align(base_names, names)
        if pairs is None:
            problems.append(
                Problem(
                    records[i].source.file,
                    records[i].source.line,
                    "warning",
                    f"author list disagrees with {where(records[base].source)} for "
                    "the same paper; the longer list is kept",
                )
            )
            continue
        for k, j in pairs:
            spellings[j].append((names[k], records[i].source))
        slot_of = dict(pairs)
        placed[i] = tuple(slot_of.get(k) for k in range(len(names)))
        if not records[i].authors_truncated and len(names) == len(base_names):
            complete = True
    slots = tuple(Slot(p + 1, tuple(s)) for p, s in enumerate(spellings))
    return AuthorList(not complete, slots, placed)


def _same_person_possible(a: str, b: str) -> bool:
    if names.match_key(a) == names.match_key(b):
        return True
    if names.compatible(a, b) or names.compatible(b, a):
        return True
    # a name written without dblp's homonym number may be any of the people dblp numbers
    return names.base_key(a) == names.base_key(b) and not (names.homonym(a) and names.homonym(b))


def _align(base: tuple[str, ...], other: tuple[str, ...]) -> list[tuple[int, int]] | None:
    """Positions (other, base) of the same person in two lists of one paper; None when ``other``
    does not fit ``base`` in order. A list that fits position by position (a cut-off prefix or
    the same list) also corroborates initials; otherwise only equal name keys are matched, in
    order (a subset)."""
    if len(other) <= len(base) and all(
        _same_person_possible(o, b) for o, b in zip(other, base, strict=False)
    ):
        return [(k, k) for k in range(len(other))]
    pairs, start = [], 0
    base_keys = [names.match_key(b) for b in base]
    for k, name in enumerate(other):
        key = names.match_key(name)
        try:
            j = base_keys.index(key, start)
        except ValueError:
            return None
        pairs.append((k, j))
        start = j + 1
    return pairs
