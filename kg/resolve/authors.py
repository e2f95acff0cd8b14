"""Authors: which spellings are one person, and the author nodes with the reason for each merge.

Spellings are one person when their names agree up to case, accents, spacing and hyphens (one
match key, :mod:`kg.normalize.names`). Other keys are joined only on evidence, and each join keeps
its reason: an initials form joins the one full name that some paper, read from two sources,
lists at the same position; two keys join when their authors carry one ORCID. Where initials meet
several full names that way, each such paper is credited to the full name its other source
gives, and the initials elsewhere stay a person of their own; the same holds for a name written
without the homonym number dblp gives it (``Zoltán Fülöp`` beside ``Zoltán Fülöp 0001``).

The user's rules (``--authors FILE``, :mod:`kg.resolve.author_rules`) come first: they give a
name as written a key of its own where they set it apart, join keys they say are one person
(the rule is the reason), and forbid every join between the sides of a ``different`` rule.
"""

from __future__ import annotations

from collections import Counter, defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import combinations

from kg.model import AuthorProfile, PaperRecord, Problem, Source
from kg.normalize import names
from kg.normalize.ids import normalize_orcid
from kg.normalize.text import clean_spelling
from kg.resolve.author_lists import AuthorList
from kg.resolve.author_rules import AuthorRules, Rule
from kg.resolve.disjoint_sets import DisjointSets, group
from kg.resolve.model import (
    MAX_EVIDENCE,
    MAX_NEAR_MISSES,
    Merge,
    NearMiss,
    ResolvedAuthor,
    note,
    where,
)


@dataclass(frozen=True)
class AuthorResolution:
    authors: list[ResolvedAuthor]
    at_position: dict[str, list[str | None]]  # paper id -> author id per slot (None: no name)
    merges: list[Merge]
    near_misses: list[NearMiss]


def resolve_authors(
    records: list[PaperRecord],
    author_lists: dict[str, AuthorList],
    profiles: list[AuthorProfile],
    problems: list[Problem],
    rules: AuthorRules | None = None,
) -> AuthorResolution:
    """Join name keys (the user's ``same`` rules, initials corroborated by a shared paper, one
    ORCID; never across a ``different`` rule), credit every position of every paper to a
    person, and build the authors."""
    index = _AuthorIndex(rules=rules or AuthorRules(()))
    for alist in author_lists.values():
        for slot in alist.slots:
            for spelling, source in slot.spellings:
                index.add(spelling, source)
    for profile in profiles:
        index.add(profile.name, profile.source)
    _collect_orcids(index, records, author_lists, problems)
    _collect_ids(index, records, author_lists)
    _apply_rules(index)
    apart = _corroborate_initials(index, author_lists)
    _join_by_orcid(index)
    people = _People()
    slot_people = _slot_people(index, author_lists, people)
    id_of, authors, merges = _build_authors(index, people, profiles)
    near = (
        _rule_splits(index, id_of)
        + _several_full_names(index, id_of, apart)
        + _uncorroborated_initials(index, id_of)
        + _homonyms(index, id_of)
    )
    at_position = {pid: [id_of[p] if p else None for p in persons] for pid, persons in slot_people.items()}
    return AuthorResolution(authors, at_position, merges, near)


# --------------------------------------------------------------------------- the index of names


@dataclass(frozen=True)
class _Join:
    """Why two name keys are one person."""

    other: str  # the key joined to
    reason: str
    evidence: tuple[str, ...]


def _match_key(name: str, _source: Source) -> str | None:
    return names.match_key(name)


@dataclass
class _AuthorIndex:
    """Name keys joined into people (union-find over match keys), with every join's reason."""

    sets: DisjointSets[str] = field(default_factory=DisjointSets)
    spelling_of: dict[str, str] = field(default_factory=dict)  # key -> one spelling (for blocks)
    seen_at: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    joins: dict[str, list[_Join]] = field(default_factory=lambda: defaultdict(list))
    orcids: dict[str, str] = field(default_factory=dict)  # key -> the first ORCID given
    orcid_at: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    ids: dict[str, set[tuple[str, str]]] = field(default_factory=lambda: defaultdict(set))  # key -> ids
    rules: AuthorRules = field(default_factory=lambda: AuthorRules(()))
    #: keys that must stay apart (a ``different`` rule): (one side's keys, the other's, the rule)
    forbidden: list[tuple[list[str], list[str], Rule]] = field(default_factory=list)

    #: The name key of a name as written at a source: its match key, unless a rule of the
    #: user's sets it apart (:meth:`AuthorRules.key`).
    key: Callable[[str, Source], str | None] = field(init=False)

    def __post_init__(self) -> None:
        self.key = self.rules.key if self.rules else _match_key

    def add(self, name: str, source: Source) -> str | None:
        key = self.key(name, source)
        if key is not None:
            if key not in self.spelling_of:
                self.sets.find(key)
                self.spelling_of[key] = clean_spelling(name)
            note(self.seen_at[key], source)
        return key

    def join(self, a: str, b: str, reason: str, evidence: tuple[str, ...]) -> bool:
        """One person: ``a`` and ``b``, for ``reason`` (kept even when already joined otherwise),
        unless a ``different`` rule keeps them apart (False)."""
        if self.kept_apart(a, b):
            return False
        self.sets.union(a, b)
        self.joins[a].append(_Join(b, reason, evidence))
        self.joins[b].append(_Join(a, reason, evidence))
        return True

    def kept_apart(self, a: str, b: str) -> bool:
        """Would one person of ``a`` and ``b`` join both sides of a ``different`` rule?"""
        if not self.forbidden:
            return False
        people = {self.person(a), self.person(b)}
        return any(
            people & {self.person(k) for k in one} and people & {self.person(k) for k in other}
            for one, other, _rule in self.forbidden
        )

    def person(self, key: str) -> str:
        return self.sets.find(key)

    def seen(self, key: str) -> str:
        """Where a name key was read, for near-miss reasons: ``file:line, file:line``."""
        return ", ".join(self.seen_at[key][:3])

    def why(self, start: str, goal: str) -> tuple[str, tuple[str, ...]]:
        """Why the key ``start`` is the person of ``goal``: the joins on the shortest path between
        them (every key of one person is connected by joins, since only :meth:`join` unions)."""
        previous: dict[str, str | None] = {start: None}
        queue = deque([start])
        while queue and goal not in previous:
            key = queue.popleft()
            for j in self.joins[key]:
                if j.other not in previous:
                    previous[j.other] = key
                    queue.append(j.other)
        hops: list[tuple[str, str]] = []
        key = goal
        before = previous.get(key)
        while before is not None:
            hops.append((before, key))
            key, before = before, previous.get(before)
        steps = [self._hop(a, b, len(hops) > 1) for a, b in reversed(hops)]
        return "; then ".join(r for r, _ in steps), tuple(e for _, ev in steps for e in ev)

    def _hop(self, a: str, b: str, named: bool) -> tuple[str, tuple[str, ...]]:
        found = [j for j in self.joins[a] if j.other == b]
        reason = "; also ".join(dict.fromkeys(j.reason for j in found))
        if named:
            reason = f"{self.spelling_of[a]!r} is {self.spelling_of[b]!r}: {reason}"
        return reason, tuple(dict.fromkeys(e for j in found for e in j.evidence))


def _collect_orcids(
    index: _AuthorIndex,
    records: list[PaperRecord],
    author_lists: dict[str, AuthorList],
    problems: list[Problem],
) -> None:
    """The ORCID of each name key (the first one given) and where it is given; a second ORCID
    for one key is a problem."""
    for alist in author_lists.values():
        for i in alist.placed:
            source = records[i].source
            for ref in records[i].authors:
                orcid, key = normalize_orcid(ref.orcid), index.key(ref.name, source)
                if not orcid or key not in index.spelling_of:
                    continue
                if index.orcids.setdefault(key, orcid) != orcid:
                    problems.append(
                        Problem(
                            source.file,
                            source.line,
                            "warning",
                            f"{ref.name!r} carries ORCID {orcid}, another record of this "
                            f"name {index.orcids[key]}: two people may share the name",
                        )
                    )
                elif len(index.orcid_at[key]) < MAX_EVIDENCE:
                    index.orcid_at[key].append(f"{ref.name!r} with ORCID {orcid} ({where(source)})")


def _collect_ids(
    index: _AuthorIndex, records: list[PaperRecord], author_lists: dict[str, AuthorList]
) -> None:
    """The other ids (dblp pid, OpenAlex author id, ...) each name key carries in some record."""
    for alist in author_lists.values():
        for i in alist.placed:
            for ref in records[i].authors:
                key = index.key(ref.name, records[i].source) if ref.ids else None
                if key in index.spelling_of:
                    index.ids[key].update(ref.ids)


def _person_ids(index: _AuthorIndex) -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """person -> its ids by scheme, each sorted."""
    by_person: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for key, ids in index.ids.items():
        for scheme, value in ids:
            by_person[index.person(key)][scheme].add(value)
    return {
        person: tuple((scheme, tuple(sorted(values))) for scheme, values in sorted(schemes.items()))
        for person, schemes in by_person.items()
    }


def _apply_rules(index: _AuthorIndex) -> None:
    """The user's rules: ``different`` ones forbid joins from here on, ``same`` ones join (the
    rule is the reason, cited by ``kg explain``)."""
    for rule, one, other in index.rules.apart():
        if one and other:
            index.forbidden.append((one, other, rule))
    for rule, one, other in index.rules.together():
        keys = [k for k in dict.fromkeys(one + other) if k in index.spelling_of]
        for key in keys[1:]:
            index.join(keys[0], key, rule.reason(), ())


def _rule_splits(index: _AuthorIndex, id_of: dict[str, str]) -> list[NearMiss]:
    """The authors a ``different`` rule keeps apart, cited by the rule."""
    out = []
    for one, other, rule in index.forbidden:
        pairs = {
            tuple(sorted((id_of[index.person(a)], id_of[index.person(b)])))
            for a in one
            for b in other
            if index.person(a) in id_of and index.person(b) in id_of
        }
        for a, b in sorted(pairs)[:MAX_NEAR_MISSES]:
            if a != b:
                out.append(NearMiss("author", a, b, f"{rule.reason()}: kept apart"))
    return out


def _join_by_orcid(index: _AuthorIndex) -> None:
    by_orcid = group((orcid, key) for key, orcid in sorted(index.orcids.items()))
    for orcid, keys in sorted(by_orcid.items()):
        for key in keys[1:]:
            evidence = (index.orcid_at[keys[0]] + index.orcid_at[key])[:MAX_EVIDENCE]
            index.join(keys[0], key, f"same ORCID {orcid}", tuple(evidence))


# --------------------------------------------------------------------------- shared positions


def _same_position(a: str, at_a: Source, b: str, at_b: Source, position: int, pid: str) -> str:
    return f"{a!r} ({where(at_a)}) and {b!r} ({where(at_b)}) at author position {position} of {pid}"


@dataclass(frozen=True)
class _Apart:
    """Initials corroborated as several people: one of the full names, and what shows it."""

    short: str  # initials key
    full: str  # full-name key
    evidence: str  # the first shared position
    others: tuple[str, ...]  # the other full names the initials met


def _corroborate_initials(index: _AuthorIndex, author_lists: dict[str, AuthorList]) -> list[_Apart]:
    """Join an initials key to the one full name that some paper lists at the same position.
    Returns the full names left apart from initials that met several."""
    found: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for pid, alist in author_lists.items():
        for slot in alist.slots:
            for (a, src_a), (b, src_b) in combinations(slot.spellings, 2):
                ka, kb = index.key(a, src_a), index.key(b, src_b)
                if ka == kb or ka is None or kb is None:
                    continue
                (short, at_short, k_short), (full, at_full, k_full) = (
                    ((a, src_a, ka), (b, src_b, kb))
                    if names.is_initials(a)
                    else ((b, src_b, kb), (a, src_a, ka))
                )
                if names.compatible(short, full):
                    found[k_short][k_full].append(
                        _same_position(short, at_short, full, at_full, slot.position, pid)
                    )
    apart: list[_Apart] = []
    for short_key, fulls in sorted(found.items()):
        if len(fulls) == 1:
            full_key, evidence = next(iter(fulls.items()))
            index.join(
                short_key,
                full_key,
                f"initials corroborated: one paper, read from two sources, lists "
                f"{index.spelling_of[short_key]!r} and {index.spelling_of[full_key]!r} at the "
                "same author position",
                tuple(evidence[:MAX_EVIDENCE]),
            )
            continue
        for full_key in sorted(fulls)[:MAX_NEAR_MISSES]:
            others = tuple(index.spelling_of[k] for k in sorted(fulls) if k != full_key)
            apart.append(_Apart(short_key, full_key, fulls[full_key][0], others))
    return apart


# --------------------------------------------------------------------------- crediting people


@dataclass
class _People:
    """What the papers say about each person (a union-find root): the spellings credited to them
    with where they were read, and spellings credited through one paper's position only (with
    the fuller spelling that decided it and the shared position)."""

    counts: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    seen_at: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    by_position: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    key_of: dict[tuple[str, str], str] = field(default_factory=dict)  # (person, spelling) -> name key

    def credit(self, person: str, spelling: str, source: Source, key: str) -> None:
        spelling = clean_spelling(spelling)
        self.key_of.setdefault((person, spelling), key)
        self.counts[person][spelling] += 1
        note(self.seen_at[(person, spelling)], source)


def _slot_people(
    index: _AuthorIndex, author_lists: dict[str, AuthorList], people: _People
) -> dict[str, list[str | None]]:
    """The person at each position of each paper: the one of the most complete spelling the
    sources give it (a position written "J Kim" in one source and "Jinuk Kim" in another is
    Jinuk Kim's, even where "J Kim" elsewhere cannot be told apart from other J Kims)."""
    out: dict[str, list[str | None]] = {}
    for pid, alist in author_lists.items():
        persons: list[str | None] = []
        for slot in alist.slots:
            named = [(s, src, key) for s, src in slot.spellings if (key := index.key(s, src))]
            if not named:
                persons.append(None)
                continue
            best, best_at, best_key = (
                named[0] if len(named) == 1 else max(named, key=lambda t: names.completeness(t[0]))
            )
            person = index.person(best_key)
            for spelling, source, key in named:
                people.credit(person, spelling, source, key)
                if key != best_key and index.person(key) != person:
                    people.by_position.setdefault(
                        (person, clean_spelling(spelling)),
                        (
                            clean_spelling(best),
                            _same_position(spelling, source, best, best_at, slot.position, pid),
                        ),
                    )
            persons.append(person)
        out[pid] = persons
    return out


def _choose_name(counts: Counter[str]) -> str:
    """The most complete spelling: full names over initials, a dblp homonym number, more letters,
    more sources, marked syllable breaks; ties by alphabet."""

    def rank(spelling: str) -> tuple[int, int, int, int, int, str]:
        full, numbered, letters, breaks = names.completeness(spelling)
        return (-full, -numbered, -letters, -counts[spelling], -breaks, spelling)

    return min(counts, key=rank)


def _build_authors(
    index: _AuthorIndex,
    people: _People,
    profiles: list[AuthorProfile],
) -> tuple[dict[str, str], list[ResolvedAuthor], list[Merge]]:
    """Author nodes for the people some paper or profile names: (person -> author id, authors,
    merges). The name shown is one of the person's own spellings, never one credited by position."""
    profile_of: dict[str, AuthorProfile] = {}
    for profile in profiles:
        key = index.key(profile.name, profile.source)
        if key:
            person = index.person(key)
            profile_of.setdefault(person, profile)
            people.credit(person, profile.name, profile.source, key)
    id_of: dict[str, str] = {}
    authors: list[ResolvedAuthor] = []
    merges: list[Merge] = []
    orcid_of = {index.person(k): o for k, o in sorted(index.orcids.items(), reverse=True)}
    ids_of = _person_ids(index)
    taken: set[str] = set()
    for person, counts in sorted(people.counts.items()):
        own = Counter({s: n for s, n in counts.items() if (person, s) not in people.by_position})
        name = _choose_name(own or counts)
        author_id = base_id = f"author:{names.display_key(name)}"
        n = 2
        while author_id in taken:  # two people a rule keeps apart, one name key
            author_id, n = f"{base_id}-{n}", n + 1
        taken.add(author_id)
        id_of[person] = author_id
        own_profile = profile_of.get(person)
        authors.append(
            ResolvedAuthor(
                author_id,
                name,
                tuple(sorted(counts)),
                orcid_of.get(person),
                own_profile.h_index if own_profile else None,
                own_profile.citations if own_profile else None,
                own_profile.paper_count if own_profile else None,
                ids_of.get(person, ()),
            )
        )
        merges.extend(_author_merges(index, people, person, author_id, name, counts))
    return id_of, authors, merges


def _author_merges(
    index: _AuthorIndex, people: _People, person: str, author_id: str, name: str, counts: Counter[str]
) -> list[Merge]:
    out = []
    name_key = people.key_of[(person, name)]
    for spelling in sorted(counts):
        if spelling == name:
            continue
        key = people.key_of[(person, spelling)]
        evidence = tuple(people.seen_at[(person, spelling)])
        if key == name_key:
            reason = f"same name up to case, accents, spacing and hyphens (name key {key!r})"
        elif (person, spelling) in people.by_position:
            best, shared = people.by_position[(person, spelling)]
            reason = (
                f"credited on one paper only: another source lists {best!r} at the same author "
                f"position; elsewhere {spelling!r} stays apart, {_why_apart(spelling, best)}"
            )
            evidence = (shared,) + evidence
        else:
            reason, more = index.why(key, name_key)
            evidence = more + evidence
        out.append(Merge("author", author_id, spelling, reason, evidence))
    return out


def _why_apart(spelling: str, fuller: str) -> str:
    if names.is_initials(spelling):
        return "since its initials match several full names on shared papers"
    if names.homonym(fuller) and not names.homonym(spelling):
        return "since dblp numbers several people of this name"
    return "since the two spellings have different name keys"


# --------------------------------------------------------------------------- near misses


def _several_full_names(index: _AuthorIndex, id_of: dict[str, str], apart: list[_Apart]) -> list[NearMiss]:
    """Initials that shared papers tie to several full names, kept apart from each of them."""
    out = []
    for a in apart:
        short, full = id_of.get(index.person(a.short)), id_of.get(index.person(a.full))
        if short and full and short != full:
            out.append(
                NearMiss(
                    "author",
                    short,
                    full,
                    (
                        f"initials match several full names on shared papers: {a.evidence}, but "
                        f"{index.spelling_of[a.short]!r} also stands where other sources give "
                        f"{', '.join(map(repr, a.others))}; each such paper is credited to its full name, "
                        "the initials elsewhere stay apart"
                    ),
                )
            )
    return out


def _uncorroborated_initials(index: _AuthorIndex, id_of: dict[str, str]) -> list[NearMiss]:
    """Initials that could abbreviate a full name of the same block (surname and first initial)
    that no shared paper ties them to."""
    full_by_block = group(
        (names.block_key(s), (k, s)) for k, s in sorted(index.spelling_of.items()) if not names.is_initials(s)
    )
    out = []
    for key, spelling in sorted(index.spelling_of.items()):
        me = id_of.get(index.person(key))
        if me is None or not names.is_initials(spelling):
            continue
        others: dict[str, str] = {}
        block = names.block_key(spelling)
        for full_key, full in full_by_block.get(block, []) if block else []:
            other = id_of.get(index.person(full_key))
            if other and other != me and names.compatible(spelling, full):
                others.setdefault(other, full_key)
        for other in sorted(others)[:MAX_NEAR_MISSES]:
            full_key = others[other]
            out.append(
                NearMiss(
                    "author",
                    me,
                    other,
                    (
                        f"{spelling!r} ({index.seen(key)}) could abbreviate {index.spelling_of[full_key]!r} "
                        f"({index.seen(full_key)}): same surname and initials, but no paper lists both "
                        "spellings at one author position; kept apart"
                    ),
                )
            )
    return out


def _homonyms(index: _AuthorIndex, id_of: dict[str, str]) -> list[NearMiss]:
    """Names that dblp numbers as several people (``Zoltán Fülöp 0001``, ``0002``), kept apart
    from each other and from the same name written without a number (one key per group)."""
    by_base = group(
        (names.base_key(s), k) for k, s in sorted(index.spelling_of.items()) if not names.is_initials(s)
    )
    out: list[NearMiss] = []
    for keys in by_base.values():
        if not any(names.homonym(index.spelling_of[k]) for k in keys):
            continue
        pairs = [
            (a, b)
            for a, b in combinations(keys, 2)
            if id_of.get(index.person(a)) not in (None, id_of.get(index.person(b)))
            and id_of.get(index.person(b))
        ]
        for a, b in pairs[:MAX_NEAR_MISSES]:
            ids = id_of[index.person(a)], id_of[index.person(b)]
            out.append(NearMiss("author", min(ids), max(ids), _homonym_reason(index, a, b)))
    return out


def _homonym_reason(index: _AuthorIndex, a: str, b: str) -> str:
    sa, sb = index.spelling_of[a], index.spelling_of[b]
    if names.homonym(sa) and names.homonym(sb):
        return (
            f"{sa!r} ({index.seen(a)}) and {sb!r} ({index.seen(b)}): one name with two dblp "
            "homonym numbers, two people"
        )
    bare, numbered = (a, b) if not names.homonym(sa) else (b, a)
    return (
        f"{index.spelling_of[bare]!r} ({index.seen(bare)}) has no dblp homonym number, and dblp "
        f"numbers several people of this name, among them {index.spelling_of[numbered]!r} "
        f"({index.seen(numbered)}): not merged on the name alone"
    )
