"""Organisations: every organisation a record names, through the alias table and ROR ids
(:mod:`kg.normalize.orgs`), and which authors belong to which (only where a record ties them)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from kg.model import PaperRecord, Problem, Source
from kg.normalize.ids import normalize_ror
from kg.normalize.orgs import AliasTable, CanonicalOrg, canonical_org, org_key
from kg.normalize.text import clean_spelling
from kg.resolve.author_lists import AuthorList
from kg.resolve.disjoint_sets import DisjointSets, group
from kg.resolve.model import Affiliation, Membership, Merge, NearMiss, ResolvedOrg, note, where


@dataclass(frozen=True)
class OrgRef:
    """One organisation one record names."""

    key: str  # organisation key
    as_written: str
    author: int | None  # 0-based author position when the format ties it to one author


@dataclass(frozen=True)
class OrgResolution:
    orgs: list[ResolvedOrg]
    id_of: dict[str, str]  # organisation key -> org node id
    refs: dict[int, list[OrgRef]]  # record index -> the organisations it names
    merges: list[Merge]
    near_misses: list[NearMiss]

    def affiliations(self, members: list[int]) -> tuple[Affiliation, ...]:
        """A paper's organisations (from its records ``members``), each as first written."""
        found: dict[str, Affiliation] = {}
        for i in members:
            for ref in self.refs.get(i, []):
                org = self.id_of[ref.key]
                found.setdefault(org, Affiliation(org, ref.as_written))
        return tuple(sorted(found.values(), key=lambda a: a.org))


def resolve_orgs(
    records: list[PaperRecord], members: dict[str, list[int]], table: AliasTable, problems: list[Problem]
) -> OrgResolution:
    """The organisations the records of the papers ``members`` name; keys that share a ROR id
    become one organisation, whether the ROR id came with the record's organisations, with an
    author's, from the alias table, or with the very same name in another record. A second ROR
    id for one organisation is a warning in ``problems``."""
    index, refs = _collect_orgs(records, members, table, problems)
    id_of, orgs, merges, near = _build_orgs(index)
    return OrgResolution(orgs, id_of, refs, merges, near)


@dataclass(frozen=True)
class _Spelling:
    """How one spelling as written reached its organisation key."""

    rule: str  # the rule of kg.normalize.orgs.CanonicalOrg
    origin: str | None  # the alias row it used
    ror: str | None  # the ROR id the source gave with it


@dataclass
class _OrgIndex:
    table: AliasTable
    problems: list[Problem]
    names: dict[str, str] = field(default_factory=dict)  # key -> canonical name
    spellings: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    seen_at: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    how: dict[tuple[str, str], _Spelling] = field(default_factory=dict)
    rors: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (ROR id, where first given)
    #: the key of a name as written -> each ROR id sources give with it, and where first
    written_rors: dict[str, dict[str, tuple[str, str]]] = field(default_factory=lambda: defaultdict(dict))
    ambiguous: dict[str, CanonicalOrg] = field(default_factory=dict)

    def add(self, as_written: str, ror: str | None, source: Source) -> str | None:
        org = canonical_org(self.table, as_written, ror)
        if org is None:
            return None
        spelling = clean_spelling(as_written)
        self.names.setdefault(org.key, org.name)
        self.spellings[org.key][spelling] += 1
        note(self.seen_at[(org.key, spelling)], source)
        self.how.setdefault((org.key, spelling), _Spelling(org.rule, org.origin, normalize_ror(ror)))
        if org.ror:
            self._add_ror(org, org.ror, spelling, source)
        if ror and org.ror:
            self.written_rors[org_key(as_written)].setdefault(org.ror, (spelling, where(source)))
        if org.ambiguous:
            self.ambiguous[org.key] = org
        return org.key

    def _add_ror(self, org: CanonicalOrg, ror: str, spelling: str, source: Source) -> None:
        first, first_at = self.rors.setdefault(org.key, (ror, where(source)))
        if first != ror:
            self.problems.append(
                Problem(
                    source.file,
                    source.line,
                    "warning",
                    (
                        f"{spelling!r} comes with ROR id {ror}, but {org.name} has ROR id {first} at "
                        f"{first_at}; kept as one organisation with {first}"
                    ),
                )
            )


def _collect_orgs(
    records: list[PaperRecord], members: dict[str, list[int]], table: AliasTable, problems: list[Problem]
) -> tuple[_OrgIndex, dict[int, list[OrgRef]]]:
    """Every organisation each record names: the record's own, then each author's (with the ROR
    id the record gives for that name)."""
    index = _OrgIndex(table, problems)
    refs: dict[int, list[OrgRef]] = defaultdict(list)
    for cluster in members.values():
        for i in cluster:
            record = records[i]
            for org in record.affiliations:
                key = index.add(org.name, org.ror, record.source)
                if key:
                    refs[i].append(OrgRef(key, org.name, None))
            ror_of = {org.name: org.ror for org in record.affiliations if org.ror}
            for position, ref in enumerate(record.authors):
                for name in ref.affiliations:
                    key = index.add(name, ror_of.get(name), record.source)
                    if key:
                        refs[i].append(OrgRef(key, name, position))
    return index, refs


def _build_orgs(index: _OrgIndex) -> tuple[dict[str, str], list[ResolvedOrg], list[Merge], list[NearMiss]]:
    """Organisation nodes; keys that share a ROR id become one. Returns (key -> org id, orgs,
    merges, near misses)."""
    sets: DisjointSets[str] = DisjointSets()
    for key in sorted(index.spellings):
        sets.find(key)
    by_ror = group((_ror_of(index, key), key) for key in sorted(index.spellings))
    for keys in by_ror.values():
        for key in keys[1:]:
            sets.union(keys[0], key)
    id_of: dict[str, str] = {}
    orgs: list[ResolvedOrg] = []
    merges: list[Merge] = []
    near: list[NearMiss] = []
    for keys in sorted(group((sets.find(k), k) for k in sorted(index.spellings)).values()):
        # the node is named for a key with a ROR id of its own, not one that shares a name's
        root = min(keys, key=lambda k: (k not in index.rors, k))
        org_id = f"org:{root}"
        name = index.names[root]
        ror = index.rors[root][0] if root in index.rors else None
        ambiguous = index.ambiguous.get(root)
        orgs.append(
            ResolvedOrg(
                org_id,
                name,
                tuple(sorted({s for k in keys for s in index.spellings[k]} | {name})),
                ror,
                ambiguous is not None,
            )
        )
        for key in keys:
            id_of[key] = org_id
            merges.extend(
                Merge(
                    "organization",
                    org_id,
                    spelling,
                    _merge_reason(index, key, spelling, root),
                    tuple(index.seen_at[(key, spelling)]),
                )
                for spelling in sorted(index.spellings[key])
                if spelling != name
            )
        if ambiguous:
            seen = ", ".join(w for s in sorted(index.spellings[root]) for w in index.seen_at[(root, s)][:2])
            near.append(
                NearMiss(
                    "organization",
                    org_id,
                    " | ".join(ambiguous.candidates),
                    (
                        f"{name!r} (written at {seen}) is a short name for several organisations in "
                        f"the alias table ({ambiguous.origin}); not resolved by guessing"
                    ),
                )
            )
    return id_of, orgs, merges, near


def _merge_reason(index: _OrgIndex, key: str, spelling: str, root: str) -> str:
    """How ``spelling`` reached the organisation of ``root``: through its key's rule, then (for a
    key other than the root) through a shared ROR id."""
    how, key_name = index.how[(key, spelling)], index.names[key]
    steps = []
    if spelling != key_name:
        if how.rule == "alias table":
            steps.append(f"alias table ({how.origin}): {spelling!r} is {key_name}")
        elif how.rule == "ROR id":
            steps.append(f"ROR id {how.ror} given with it is {key_name} in the alias table ({how.origin})")
        else:
            steps.append(
                f"same organisation key {key!r} as {key_name!r}: case, accents, punctuation "
                "and a leading 'The' aside"
            )
    if key != root and key in index.rors:
        steps.append(
            f"same ROR id {index.rors[key][0]} as {index.names[root]}"
            + (f" ({key_name})" if spelling != key_name else "")
        )
    elif key != root:
        ((ror, (written, at)),) = index.written_rors[key].items()
        steps.append(
            f"same name as {written!r}, which {at} gives with ROR id {ror}, that of {index.names[root]}"
        )
    return "; ".join(steps)


def _ror_of(index: _OrgIndex, key: str) -> str | None:
    """A key's ROR id: its own (given, or from the alias table), else the one ROR id sources give
    with this very name where it resolved elsewhere (a name given with several stays without)."""
    if key in index.rors:
        return index.rors[key][0]
    given = index.written_rors.get(key, {})
    return next(iter(given)) if len(given) == 1 else None


def memberships(
    records: list[PaperRecord],
    members: dict[str, list[int]],
    author_lists: dict[str, AuthorList],
    at_position: dict[str, list[str | None]],
    orgs: OrgResolution,
) -> tuple[Membership, ...]:
    """Author -> organisation ties, with every record that makes each (see :func:`_record_ties`)."""
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for pid, cluster in members.items():
        slot_authors = at_position[pid]
        for i in cluster:
            placed = [None if j is None else slot_authors[j] for j in author_lists[pid].placed.get(i, ())]
            for author, org in _record_ties(records[i], orgs.refs.get(i, []), placed, orgs.id_of):
                found[(author, org)].append(where(records[i].source))
    return tuple(Membership(a, o, tuple(dict.fromkeys(s))) for (a, o), s in sorted(found.items()))


def _record_ties(
    record: PaperRecord, refs: list[OrgRef], placed: list[str | None], org_id_of: dict[str, str]
) -> list[tuple[str, str]]:
    """Author -> organisation only where the record ties them: per-author affiliations given by
    the format, a single author, or a single organisation for the whole record. ``placed`` is
    the author id of each of the record's authors (None when the record's list was set aside)."""
    if not refs:
        return []
    record_orgs = sorted({org_id_of[r.key] for r in refs if r.author is None})
    shared = record_orgs if len(record.authors) == 1 or len(record_orgs) == 1 else []
    out: list[tuple[str, str]] = []
    for position, author in enumerate(placed):
        if author is None:
            continue
        own = sorted({org_id_of[r.key] for r in refs if r.author == position})
        out.extend((author, org) for org in (own or shared))
    return out
