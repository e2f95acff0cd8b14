"""Records -> entities: one paper, author, organisation and topic per real thing, with the reason
for every merge and every near miss that was kept apart.

Papers are the same when they share an arXiv id, a DOI or a normalised title; an untitled record
joins the one titled paper whose abstract it repeats. Authors are the same when their names agree
up to case, accents, spacing and hyphens (:mod:`kg.normalize.names`); an initials form joins a
full name only where one paper, read from two sources, lists the two spellings at the same
position (or where both carry one ORCID). Organisations go through the alias table
(:mod:`kg.normalize.orgs`); categories through the arXiv taxonomy (:mod:`kg.normalize.categories`).

Every step works on dictionaries keyed by a blocking key (identifier, title key, abstract
fingerprint, name key, surname and initial), never on all pairs, so time and memory grow
linearly with the input.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Iterable

from kg.extract import FileExtraction
from kg.model import AuthorProfile, PaperRecord, Problem, Source
from kg.normalize import names
from kg.normalize.categories import resolve_code, taxonomy
from kg.normalize.dates import year_of
from kg.normalize.ids import normalize_arxiv_id, normalize_doi, normalize_orcid
from kg.normalize.orgs import AliasTable, canonical_org, load_aliases

#: An untitled record joins a titled one when this share of its word 3-grams occur in the other.
ABSTRACT_CONTAINMENT = 0.9
#: Abstracts shorter than this (in words) are too generic to merge on.
MIN_ABSTRACT_WORDS = 20
#: Words of an abstract's start that form its blocking fingerprint.
FINGERPRINT_WORDS = 12
#: At most this many records of one block are compared (boilerplate must not go quadratic).
MAX_BLOCK = 50
#: At most this many near misses are recorded per name or block.
MAX_NEAR_MISSES = 5
#: Evidence lists keep at most this many sources.
MAX_EVIDENCE = 5


# --------------------------------------------------------------------------- the result


@dataclass(frozen=True)
class Merge:
    """Two descriptions became one entity: ``merged`` (a spelling or a ``file:line``) went
    ``into`` the node id, for ``reason``; ``evidence`` lists where it shows (``file:line``...)."""

    kind: str   # "paper", "author", "organization"
    into: str
    merged: str
    reason: str
    evidence: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        return {"kind": self.kind, "into": self.into, "merged": self.merged, "reason": self.reason,
                "evidence": list(self.evidence)}


@dataclass(frozen=True)
class NearMiss:
    """Two entities that look alike but were kept apart, and why."""

    kind: str
    a: str
    b: str
    reason: str

    def as_dict(self) -> dict:
        return {"kind": self.kind, "a": self.a, "b": self.b, "reason": self.reason}


@dataclass(frozen=True)
class Authorship:
    author: str           # author node id
    position: int         # 1-based
    name_as_written: str


@dataclass(frozen=True)
class Affiliation:
    org: str              # organisation node id
    as_written: str


@dataclass(frozen=True)
class ResolvedPaper:
    id: str
    title: str | None
    abstract: str | None
    date: str | None
    year: int | None
    category: str | None              # as written by the first source that gives one
    code_urls: tuple[str, ...]
    has_code: bool
    arxiv_id: str | None
    doi: str | None
    authors_truncated: bool
    listed_author_count: int
    title_zh: str | None
    summary_zh: str | None
    venue: str | None
    sources: tuple[Source, ...]
    authorships: tuple[Authorship, ...]
    affiliations: tuple[Affiliation, ...]
    topics: tuple[tuple[str, str, float], ...]   # (topic id, method, weight)

    @property
    def label(self) -> str:
        if self.title:
            return self.title
        words = (self.abstract or "").split()
        return "[untitled] " + " ".join(words[:8]) + ("…" if len(words) > 8 else "")


@dataclass(frozen=True)
class ResolvedAuthor:
    id: str
    name: str                       # the most complete spelling
    name_variants: tuple[str, ...]  # every spelling as written, sorted
    orcid: str | None = None
    h_index: int | None = None
    citations: int | None = None
    profile_paper_count: int | None = None


@dataclass(frozen=True)
class ResolvedOrg:
    id: str
    name: str
    aliases: tuple[str, ...]        # the canonical name and every spelling as written, sorted
    ror: str | None
    ambiguous: bool
    candidates: tuple[str, ...] = ()


@dataclass(frozen=True)
class ResolvedTopic:
    id: str
    label: str
    label_zh: str | None
    scheme: str                     # "arxiv" or "keyword"
    code: str | None


@dataclass(frozen=True)
class Membership:
    author: str
    org: str
    sources: tuple[str, ...]        # "file:line" of each record that ties them


@dataclass(frozen=True)
class Resolution:
    papers: tuple[ResolvedPaper, ...] = ()
    authors: tuple[ResolvedAuthor, ...] = ()
    orgs: tuple[ResolvedOrg, ...] = ()
    topics: tuple[ResolvedTopic, ...] = ()
    memberships: tuple[Membership, ...] = ()
    merges: tuple[Merge, ...] = ()
    near_misses: tuple[NearMiss, ...] = ()
    problems: tuple[Problem, ...] = field(default=())


# --------------------------------------------------------------------------- keys


def where(source: Source) -> str:
    return f"{source.file}:{source.line}"


_WORD = re.compile(r"\w+", re.UNICODE)


def text_words(text: str | None) -> list[str]:
    """Folded words: case, accents and punctuation do not matter."""
    return _WORD.findall(names.fold(text)) if text else []


def title_key(title: str | None) -> str | None:
    words = text_words(title)
    return " ".join(words) if words else None


def abstract_words(abstract: str | None) -> list[str]:
    words = text_words(abstract)
    if words[:1] == ["abstract"]:
        words = words[1:]
    return words


def digest(text: str) -> str:
    """A stable 16-hex key (hashlib: Python's hash() differs between runs)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def shingles(words: list[str], n: int = 3) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + n]) for i in range(max(len(words) - n + 1, 1))}


def containment(shorter: list[str], longer: list[str]) -> float:
    """Share of the shorter text's word 3-grams found in the longer one."""
    a, b = shingles(shorter), shingles(longer)
    return len(a & b) / len(a) if a else 0.0


_DATE_PRECISION = {10: 4, 7: 3, 4: 2}


def date_precision(date: str | None) -> int:
    if not date:
        return 0
    return 1 if date.startswith("--") else _DATE_PRECISION.get(len(date), 0)


# --------------------------------------------------------------------------- union-find


class DisjointSets:
    """Union-find over hashable items, with path halving; the smaller root wins, so the
    outcome does not depend on the order of unions."""

    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, item):
        parent = self.parent
        parent.setdefault(item, item)
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, a, b) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        return True


# --------------------------------------------------------------------------- papers


@dataclass(frozen=True)
class _Keys:
    """What paper matching compares, per record."""

    arxiv: str | None
    doi: str | None
    title: str | None
    abstract_digest: str | None
    fingerprint: str | None


def _record_keys(record: PaperRecord) -> _Keys:
    arxiv = normalize_arxiv_id(record.arxiv_id) or normalize_arxiv_id(record.doi)
    doi = None if normalize_arxiv_id(record.doi) else normalize_doi(record.doi)
    words = abstract_words(record.abstract)
    usable = len(words) >= MIN_ABSTRACT_WORDS
    return _Keys(arxiv, doi, title_key(record.title),
                 digest(" ".join(words)) if usable else None,
                 digest(" ".join(words[:FINGERPRINT_WORDS])) if usable else None)


class _PaperClusters:
    """Record indexes joined into papers; each cluster remembers its strong ids, so two papers
    with different arXiv ids (or only different DOIs) are never joined by a weaker key."""

    def __init__(self, records: list[PaperRecord], keys: list[_Keys]) -> None:
        self.records, self.keys = records, keys
        self.sets = DisjointSets()
        self.arxiv: dict[int, set[str]] = {}
        self.dois: dict[int, set[str]] = {}
        self.links: list[tuple[int, int, str]] = []   # (kept record, joined record, reason)
        self.near_misses: list[tuple[int, int, str]] = []
        for i, k in enumerate(keys):
            self.sets.find(i)
            self.arxiv[i] = {k.arxiv} if k.arxiv else set()
            self.dois[i] = {k.doi} if k.doi else set()

    def conflict(self, i: int, j: int) -> str | None:
        ri, rj = self.sets.find(i), self.sets.find(j)
        if self.arxiv[ri] and self.arxiv[rj] and self.arxiv[ri] != self.arxiv[rj]:
            return "different arXiv ids " + " / ".join(sorted(self.arxiv[ri] | self.arxiv[rj]))
        if self.dois[ri] and self.dois[rj] and not self.dois[ri] & self.dois[rj]:
            return "different DOIs " + " / ".join(sorted(self.dois[ri] | self.dois[rj]))
        return None

    def join(self, i: int, j: int, reason: str) -> bool:
        ri, rj = self.sets.find(i), self.sets.find(j)
        if ri == rj:
            return True
        clash = self.conflict(i, j)
        if clash:
            self.near_misses.append((i, j, f"{reason}, but {clash}"))
            return False
        self.sets.union(ri, rj)
        root = self.sets.find(ri)
        other = rj if root == ri else ri
        self.arxiv[root] |= self.arxiv.pop(other)
        self.dois[root] |= self.dois.pop(other)
        self.links.append((i, j, reason))
        return True

    def root(self, i: int) -> int:
        return self.sets.find(i)


def _group(items: Iterable[tuple[str | None, int]]) -> dict[str, list[int]]:
    groups: dict[str, list[int]] = defaultdict(list)
    for key, i in items:
        if key:
            groups[key].append(i)
    return groups


def _cluster_papers(records: list[PaperRecord]) -> _PaperClusters:
    keys = [_record_keys(r) for r in records]
    clusters = _PaperClusters(records, keys)
    for arxiv, members in sorted(_group((k.arxiv, i) for i, k in enumerate(keys)).items()):
        for j in members[1:]:
            clusters.join(members[0], j, f"same arXiv id {arxiv}")
    for doi, members in sorted(_group((k.doi, i) for i, k in enumerate(keys)).items()):
        for j in members[1:]:
            clusters.join(members[0], j, f"same DOI {doi}")
    for _, members in sorted(_group((k.title, i) for i, k in enumerate(keys)).items()):
        for j in members[1:]:
            clusters.join(members[0], j, "same title (case and punctuation aside)")
    _join_untitled_by_abstract(clusters)
    return clusters


def _join_untitled_by_abstract(clusters: _PaperClusters) -> None:
    """An untitled record joins the one titled paper whose abstract it repeats (whole, or cut
    short); untitled records with one abstract join each other. Two titled papers with one
    abstract stay apart (a near miss): a title is stronger evidence than an abstract."""
    records, keys = clusters.records, clusters.keys
    titled = [i for i, k in enumerate(keys) if k.title]
    by_digest = _group((keys[i].abstract_digest, i) for i in titled)
    by_fingerprint = _group((keys[i].fingerprint, i) for i in titled)
    for members in by_digest.values():
        roots = sorted({clusters.root(i): i for i in members}.values())
        for a, b in combinations(roots[:MAX_NEAR_MISSES], 2):
            clusters.near_misses.append((a, b, "same abstract, different titles"))
    untitled_by_digest: dict[str, int] = {}
    for i, k in enumerate(keys):
        if k.title or not k.fingerprint:
            continue
        words = abstract_words(records[i].abstract)
        candidates = set(by_digest.get(k.abstract_digest, []))
        for j in by_fingerprint.get(k.fingerprint, [])[:MAX_BLOCK]:
            if j not in candidates and _abstracts_match(words, abstract_words(records[j].abstract)):
                candidates.add(j)
        targets = sorted({clusters.root(j): j for j in candidates}.values())
        if len(targets) == 1:
            clusters.join(targets[0], i, "untitled record's abstract matches this paper's abstract")
        elif len(targets) > 1:
            for j in targets[:MAX_NEAR_MISSES]:
                clusters.near_misses.append((j, i, "untitled record's abstract matches several "
                                                   "titled papers; not merged"))
        elif k.abstract_digest in untitled_by_digest:
            clusters.join(untitled_by_digest[k.abstract_digest], i, "same abstract (both untitled)")
        else:
            untitled_by_digest[k.abstract_digest] = i


def _abstracts_match(a: list[str], b: list[str]) -> bool:
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return len(shorter) >= MIN_ABSTRACT_WORDS and containment(shorter, longer) >= ABSTRACT_CONTAINMENT


# --------------------------------------------------------------------------- author lists


def _same_person_possible(a: str, b: str) -> bool:
    if names.match_key(a) == names.match_key(b):
        return True
    return names.compatible(a, b) or names.compatible(b, a)


def _align(base: tuple[str, ...], other: tuple[str, ...]) -> list[tuple[int, int]] | None:
    """Positions (other, base) of the same person in two lists of one paper; None when ``other``
    does not fit ``base`` in order. A list that fits position by position (a cut-off prefix or
    the same list) also corroborates initials; otherwise only equal name keys are matched, in
    order (a subset)."""
    if len(other) <= len(base) and all(_same_person_possible(o, b) for o, b in zip(other, base)):
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


@dataclass(frozen=True)
class _Slot:
    """One position of a paper's merged author list, with every spelling sources gave it."""

    position: int                                # 1-based
    spellings: tuple[tuple[str, Source], ...]    # (name as written, where), base list first


@dataclass(frozen=True)
class _AuthorList:
    base: int                   # record index whose list is the merged list
    truncated: bool
    slots: tuple[_Slot, ...]
    #: record index -> the slot of each of its authors (None: not placed); records whose list
    #: disagrees with the merged one are absent
    placed: dict[int, tuple[int | None, ...]] = field(default_factory=dict)


def _merge_author_lists(members: list[int], records: list[PaperRecord],
                        problems: list[Problem]) -> _AuthorList:
    """The longest list the sources agree with; ``truncated`` unless a source gives it whole."""
    with_authors = [i for i in members if records[i].authors]
    if not with_authors:
        return _AuthorList(members[0], any(records[i].authors_truncated for i in members), (),
                           {i: () for i in members})
    base = min(with_authors, key=lambda i: (-len(records[i].authors), records[i].authors_truncated, i))
    base_names = records[base].author_names
    spellings: list[list[tuple[str, Source]]] = [[(n, records[base].source)] for n in base_names]
    complete = not records[base].authors_truncated
    placed: dict[int, tuple[int | None, ...]] = {i: () for i in members if not records[i].authors}
    placed[base] = tuple(range(len(base_names)))
    for i in with_authors:
        if i == base:
            continue
        pairs = _align(base_names, records[i].author_names)
        if pairs is None:
            problems.append(Problem(records[i].source.file, records[i].source.line, "warning",
                                    f"author list disagrees with {where(records[base].source)} for "
                                    "the same paper; the longer list is kept"))
            continue
        for k, j in pairs:
            spellings[j].append((records[i].author_names[k], records[i].source))
        slot_of = dict(pairs)
        placed[i] = tuple(slot_of.get(k) for k in range(len(records[i].authors)))
        if not records[i].authors_truncated and len(records[i].authors) == len(base_names):
            complete = True
    slots = tuple(_Slot(p + 1, tuple(s)) for p, s in enumerate(spellings))
    return _AuthorList(base, not complete, slots, placed)


# --------------------------------------------------------------------------- authors


def clean_spelling(name: str) -> str:
    return " ".join(name.split())


@dataclass
class _AuthorIndex:
    """Name keys joined into people (union-find over match keys), and why each join was made."""

    sets: DisjointSets = field(default_factory=DisjointSets)
    spelling_of: dict[str, str] = field(default_factory=dict)    # key -> one spelling (for blocks)
    join_reason: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    orcids: dict[str, str] = field(default_factory=dict)

    def add(self, name: str) -> str | None:
        key = names.match_key(name)
        if key is not None:
            self.sets.find(key)
            self.spelling_of.setdefault(key, clean_spelling(name))
        return key


def _corroborate_initials(index: _AuthorIndex, slots: list[_Slot]) -> list[tuple[str, str]]:
    """Join an initials key to the one full name that some paper lists at the same position.
    Returns the (initials key, full key) pairs left apart because the initials met several."""
    found: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for slot in slots:
        for (a, src_a), (b, src_b) in combinations(slot.spellings, 2):
            ka, kb = names.match_key(a), names.match_key(b)
            if ka == kb or ka is None or kb is None:
                continue
            (short, at_short), (full, at_full) = ((a, src_a), (b, src_b)) if names.is_initials(a) \
                else ((b, src_b), (a, src_a))
            if names.compatible(short, full):
                found[names.match_key(short)][names.match_key(full)].append(
                    f"{short!r} ({where(at_short)}) and {full!r} ({where(at_full)}) "
                    f"at author position {slot.position} of one paper")
    apart: list[tuple[str, str]] = []
    for short_key, fulls in sorted(found.items()):
        if len(fulls) == 1:
            full_key, evidence = next(iter(fulls.items()))
            index.sets.union(short_key, full_key)
            index.join_reason[short_key] = (
                "initials corroborated: one paper, read from two sources, lists both spellings "
                "at the same position", tuple(evidence[:MAX_EVIDENCE]))
        else:
            apart.extend((short_key, full_key) for full_key in sorted(fulls)[:MAX_NEAR_MISSES])
    return apart


def _join_by_orcid(index: _AuthorIndex) -> None:
    by_orcid: dict[str, list[str]] = defaultdict(list)
    for key, orcid in sorted(index.orcids.items()):
        by_orcid[orcid].append(key)
    for orcid, keys in sorted(by_orcid.items()):
        for key in keys[1:]:
            if index.sets.union(keys[0], key):
                index.join_reason.setdefault(key, (f"same ORCID {orcid}", ()))


def _choose_name(counts: Counter) -> str:
    """The most complete spelling: full names over initials, more letters, more sources, marked
    syllable breaks; ties by alphabet."""
    def rank(spelling: str):
        full, letters, breaks = names.completeness(spelling)
        return (-full, -letters, -counts[spelling], -breaks, spelling)
    return min(counts, key=rank)


@dataclass
class _People:
    """What the papers say about each person (a union-find root): the spellings credited to them
    with where they were read, and spellings credited through one paper's position only."""

    counts: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    seen_at: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    by_position: dict[tuple[str, str], str] = field(default_factory=dict)

    def credit(self, person: str, spelling: str, source: Source) -> None:
        spelling = clean_spelling(spelling)
        self.counts[person][spelling] += 1
        seen = self.seen_at[(person, spelling)]
        if len(seen) < MAX_EVIDENCE:
            seen.append(where(source))


def _slot_people(index: _AuthorIndex, author_lists: dict[int, _AuthorList],
                 people: _People) -> dict[int, list[str | None]]:
    """The person at each position of each paper: the one of the most complete spelling the
    sources give it (a position written "J Kim" in one source and "Jinuk Kim" in another is
    Jinuk Kim's, even where "J Kim" elsewhere cannot be told apart from other J Kims)."""
    out: dict[int, list[str | None]] = {}
    for root, alist in author_lists.items():
        persons: list[str | None] = []
        for slot in alist.slots:
            named = [(s, src) for s, src in slot.spellings if names.match_key(s)]
            if not named:
                persons.append(None)
                continue
            best, best_at = max(named, key=lambda t: names.completeness(t[0]))
            person = index.sets.find(names.match_key(best))
            for spelling, source in named:
                people.credit(person, spelling, source)
                if index.sets.find(names.match_key(spelling)) != person:
                    people.by_position.setdefault((person, clean_spelling(spelling)), (
                        f"{spelling!r} ({where(source)}) and {best!r} ({where(best_at)}) at author "
                        f"position {slot.position} of one paper"))
            persons.append(person)
        out[root] = persons
    return out


def _build_authors(index: _AuthorIndex, people: _People, profiles: list[AuthorProfile],
                   merges: list[Merge]) -> tuple[dict[str, str], list[ResolvedAuthor]]:
    """Author nodes for the people some paper or profile names: (person -> author id, authors)."""
    profile_of: dict[str, AuthorProfile] = {}
    for profile in profiles:
        key = names.match_key(profile.name)
        if key:
            person = index.sets.find(key)
            profile_of.setdefault(person, profile)
            people.credit(person, profile.name, profile.source)
    id_of: dict[str, str] = {}
    authors: list[ResolvedAuthor] = []
    orcid_of = {index.sets.find(k): o for k, o in sorted(index.orcids.items(), reverse=True)}
    for person, counts in sorted(people.counts.items()):
        name = _choose_name(counts)
        author_id = id_of[person] = f"author:{names.display_key(name)}"
        profile = profile_of.get(person)
        authors.append(ResolvedAuthor(
            author_id, name, tuple(sorted(counts)), orcid_of.get(person),
            profile.h_index if profile else None, profile.citations if profile else None,
            profile.paper_count if profile else None))
        merges.extend(_author_merges(index, people, person, author_id, name, counts))
    return id_of, authors


def _author_merges(index: _AuthorIndex, people: _People, person: str, author_id: str, name: str,
                   counts: Counter) -> list[Merge]:
    out = []
    name_key = names.match_key(name)
    for spelling in sorted(counts):
        if spelling == name:
            continue
        key = names.match_key(spelling)
        evidence = tuple(people.seen_at[(person, spelling)])
        if key == name_key:
            reason = "same name up to case, accents, spacing and hyphens"
        elif (person, spelling) in people.by_position:
            reason = ("credited on one paper only: a second source lists the full name at the "
                      "same position (the initials alone match several people)")
            evidence = (people.by_position[(person, spelling)],) + evidence
        else:
            reason, more = index.join_reason.get(key, ("same person as another spelling of this name", ()))
            evidence = more + evidence
        out.append(Merge("author", author_id, spelling, reason, evidence))
    return out


def _author_near_misses(index: _AuthorIndex, id_of: dict[str, str],
                        apart: list[tuple[str, str]]) -> list[NearMiss]:
    """Initials left apart from full names they could abbreviate (blocked by surname and first
    initial): those no shared paper corroborates, and those corroborated as several people."""
    def author(key: str) -> str | None:
        return id_of.get(index.sets.find(key))

    out = [NearMiss("author", author(short), author(full),
                    "initials match several full names on shared papers: each such paper is "
                    "credited to its full name, the initials elsewhere stay apart")
           for short, full in apart if author(short) and author(full) and author(short) != author(full)]
    full_by_block: dict[str, list[str]] = defaultdict(list)
    initials = []
    for key, spelling in sorted(index.spelling_of.items()):
        if names.is_initials(spelling):
            initials.append((key, spelling))
        else:
            full_by_block[names.block_key(spelling)].append(spelling)
    for key, spelling in initials:
        me = author(key)
        if me is None:
            continue
        candidates = sorted({author(names.match_key(full)) for full in full_by_block.get(names.block_key(spelling), [])
                             if names.compatible(spelling, full)} - {me, None})
        out.extend(NearMiss("author", me, other, "initials could abbreviate this full name, but no "
                                                 "shared paper lists both spellings at one position; "
                                                 "kept apart")
                   for other in candidates[:MAX_NEAR_MISSES])
    return out


# --------------------------------------------------------------------------- organisations


@dataclass
class _OrgIndex:
    table: AliasTable
    names: dict[str, str] = field(default_factory=dict)            # key -> canonical name
    spellings: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    seen_at: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    rules: dict[tuple[str, str], str] = field(default_factory=dict)
    rors: dict[str, str] = field(default_factory=dict)
    ambiguous: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def add(self, as_written: str, ror: str | None, source: Source) -> str | None:
        org = canonical_org(self.table, as_written, ror)
        if org is None:
            return None
        spelling = " ".join(as_written.split())
        self.names.setdefault(org.key, org.name)
        self.spellings[org.key][spelling] += 1
        seen = self.seen_at[(org.key, spelling)]
        if len(seen) < MAX_EVIDENCE:
            seen.append(where(source))
        self.rules.setdefault((org.key, spelling), org.rule)
        if org.ror:
            self.rors.setdefault(org.key, org.ror)
        if org.ambiguous:
            self.ambiguous[org.key] = org.candidates
        return org.key


def _build_orgs(index: _OrgIndex, merges: list[Merge],
                near: list[NearMiss]) -> tuple[dict[str, str], list[ResolvedOrg]]:
    """Organisation nodes; keys that share a ROR id become one. Returns (key -> org id, orgs)."""
    sets = DisjointSets()
    by_ror: dict[str, list[str]] = defaultdict(list)
    for key in sorted(index.spellings):
        sets.find(key)
        if key in index.rors:
            by_ror[index.rors[key]].append(key)
    for keys in by_ror.values():
        for key in keys[1:]:
            sets.union(keys[0], key)
    groups: dict[str, list[str]] = defaultdict(list)
    for key in sorted(index.spellings):
        groups[sets.find(key)].append(key)
    id_of: dict[str, str] = {}
    orgs = []
    for root, keys in sorted(groups.items()):
        org_id = f"org:{root}"
        name = index.names[root]
        spellings = sorted({s for k in keys for s in index.spellings[k]} | {name})
        ror = next((index.rors[k] for k in keys if k in index.rors), None)
        ambiguous = root in index.ambiguous
        orgs.append(ResolvedOrg(org_id, name, tuple(spellings), ror, ambiguous,
                                index.ambiguous.get(root, ())))
        for key in keys:
            id_of[key] = org_id
            for spelling in sorted(index.spellings[key]):
                if spelling == name:
                    continue
                rule = index.rules[(key, spelling)]
                if key != root:
                    reason = f"same ROR id {ror}"
                elif rule == "alias table":
                    reason = f"alias table: {spelling!r} is {name}"
                elif rule == "ROR id":
                    reason = f"ROR id {ror} is {name}"
                else:
                    reason = "same name up to case, accents and punctuation"
                merges.append(Merge("organization", org_id, spelling, reason,
                                    tuple(index.seen_at[(key, spelling)])))
        if ambiguous:
            near.append(NearMiss("organization", org_id, " | ".join(index.ambiguous[root]),
                                 f"{name!r} is a short name for several organisations; "
                                 "not resolved by guessing"))
    return id_of, orgs


# --------------------------------------------------------------------------- topics


def _category_labels(files: list[FileExtraction]) -> dict[str, str]:
    """Chinese labels a source gives its category codes (the digest legend), by arXiv code."""
    labels: dict[str, str] = {}
    for f in files:
        for code, language, label in f.extraction.category_labels:
            arxiv = resolve_code(code)
            if arxiv and language == "zh" and label:
                labels.setdefault(arxiv, label)
    return labels


def keyword_key(term: str) -> str:
    return " ".join(text_words(term))


# --------------------------------------------------------------------------- assembly


def _first(values: Iterable):
    return next((v for v in values if v not in (None, "")), None)


def _paper_id(records: list[PaperRecord], keys: list[_Keys], members: list[int]) -> str | None:
    arxiv = _first(keys[i].arxiv for i in members)
    if arxiv:
        return f"paper:arxiv-{arxiv}"
    doi = _first(keys[i].doi for i in members)
    if doi:
        return f"paper:doi-{doi}"
    title = _first(keys[i].title for i in members)
    if title:
        return f"paper:t-{digest(title)}"
    words = abstract_words(_first(records[i].abstract for i in members))
    return f"paper:a-{digest(' '.join(words))}" if words else None


def _assign_paper_ids(records: list[PaperRecord], clusters: _PaperClusters,
                      members_of: dict[int, list[int]], problems: list[Problem]) -> dict[int, str]:
    """Cluster root -> paper node id; clusters with nothing to key on are left out (a problem)."""
    paper_ids: dict[int, str] = {}
    used: set[str] = set()
    for root, members in members_of.items():
        pid = _paper_id(records, clusters.keys, members)
        if pid is None:
            for i in members:
                problems.append(Problem(records[i].source.file, records[i].source.line, "warning",
                                        "record has no title, abstract or identifier; left out"))
            continue
        base, n = pid, 2
        while pid in used:  # two papers kept apart that would share a key
            pid, n = f"{base}-{n}", n + 1
        used.add(pid)
        paper_ids[root] = pid
    return paper_ids


def _resolve_authors(records: list[PaperRecord], author_lists: dict[int, _AuthorList],
                     profiles: list[AuthorProfile], merges: list[Merge], near: list[NearMiss],
                     problems: list[Problem]) -> tuple[dict[int, list[str | None]], list[ResolvedAuthor]]:
    """Join name keys (initials corroborated by a shared paper, one ORCID), credit every
    position of every paper to a person, and build the authors. Returns, per paper, the author
    id at each position (None where no name could be read), and the authors."""
    index = _AuthorIndex()
    for alist in author_lists.values():
        for slot in alist.slots:
            for spelling, _ in slot.spellings:
                index.add(spelling)
    for profile in profiles:
        index.add(profile.name)
    for alist in author_lists.values():
        for i in alist.placed:
            for ref in records[i].authors:
                orcid, key = normalize_orcid(ref.orcid), names.match_key(ref.name)
                if orcid and key in index.spelling_of and index.orcids.setdefault(key, orcid) != orcid:
                    problems.append(Problem(records[i].source.file, records[i].source.line, "warning",
                                            f"{ref.name!r} carries ORCID {orcid}, another record of this "
                                            f"name {index.orcids[key]}: two people may share the name"))
    apart = _corroborate_initials(index, [s for alist in author_lists.values() for s in alist.slots])
    _join_by_orcid(index)
    people = _People()
    slot_people = _slot_people(index, author_lists, people)
    id_of, authors = _build_authors(index, people, profiles, merges)
    near.extend(_author_near_misses(index, id_of, apart))
    return ({root: [id_of[p] if p else None for p in persons] for root, persons in slot_people.items()},
            authors)


def _collect_orgs(records: list[PaperRecord], paper_ids: dict[int, str], members_of: dict[int, list[int]],
                  table: AliasTable) -> tuple[_OrgIndex, dict[int, list["_OrgRef"]]]:
    index = _OrgIndex(table)
    refs: dict[int, list[_OrgRef]] = defaultdict(list)
    for root in paper_ids:
        for i in members_of[root]:
            record = records[i]
            for org in record.affiliations:
                key = index.add(org.name, org.ror, record.source)
                if key:
                    refs[i].append(_OrgRef(key, org.name, None))
            for position, ref in enumerate(record.authors):
                for name in ref.affiliations:
                    key = index.add(name, None, record.source)
                    if key:
                        refs[i].append(_OrgRef(key, name, position))
    return index, refs


def resolve(files: list[FileExtraction], aliases: Path | None = None) -> Resolution:
    """Resolve the records of ``files`` into entities (see the module docstring)."""
    problems: list[Problem] = []
    table, alias_problems = load_aliases(aliases)
    problems.extend(alias_problems)
    records = [r for f in files for r in f.extraction.records]
    profiles = [p for f in files for p in f.extraction.profiles]
    clusters = _cluster_papers(records)
    members_of: dict[int, list[int]] = defaultdict(list)
    for i in range(len(records)):
        members_of[clusters.root(i)].append(i)
    paper_ids = _assign_paper_ids(records, clusters, members_of, problems)

    merges: list[Merge] = []
    near: list[NearMiss] = []
    author_lists = {root: _merge_author_lists(members_of[root], records, problems)
                    for root in paper_ids}
    slot_authors_of, authors = _resolve_authors(records, author_lists, profiles, merges, near, problems)
    org_index, org_refs = _collect_orgs(records, paper_ids, members_of, table)
    org_id_of, orgs = _build_orgs(org_index, merges, near)

    zh_labels = _category_labels(files)
    topics: dict[str, ResolvedTopic] = {}
    papers: list[ResolvedPaper] = []
    memberships: dict[tuple[str, str], list[str]] = defaultdict(list)
    for root, pid in paper_ids.items():
        members, alist = members_of[root], author_lists[root]
        slot_authors = slot_authors_of[root]
        authorships = tuple(Authorship(author, slot.position, clean_spelling(slot.spellings[0][0]))
                            for slot, author in zip(alist.slots, slot_authors) if author)
        affiliations: dict[str, Affiliation] = {}
        for i in members:
            for ref in org_refs.get(i, []):
                org = org_id_of[ref.key]
                affiliations.setdefault(org, Affiliation(org, ref.as_written))
            placed = [None if j is None else slot_authors[j] for j in alist.placed.get(i, ())]
            for author, org in _memberships(records[i], org_refs.get(i, []), placed, org_id_of):
                memberships[(author, org)].append(where(records[i].source))
        paper_topics = _paper_topics(records, members, zh_labels, topics, problems)
        papers.append(_paper(pid, records, clusters.keys, members, alist, authorships,
                             tuple(sorted(affiliations.values(), key=lambda a: a.org)), paper_topics))
    merges.extend(_paper_merges(records, clusters, paper_ids))
    near.extend(_paper_near_misses(records, clusters, paper_ids, papers))
    return Resolution(
        papers=tuple(sorted(papers, key=lambda p: p.id)),
        authors=tuple(sorted(authors, key=lambda a: a.id)),
        orgs=tuple(sorted(orgs, key=lambda o: o.id)),
        topics=tuple(sorted(topics.values(), key=lambda t: t.id)),
        memberships=tuple(Membership(a, o, tuple(dict.fromkeys(s))) for (a, o), s in sorted(memberships.items())),
        merges=tuple(sorted(merges, key=lambda m: (m.kind, m.into, m.merged))),
        near_misses=tuple(sorted(set(near), key=lambda n: (n.kind, n.a, n.b, n.reason))),
        problems=tuple(problems),
    )


@dataclass(frozen=True)
class _OrgRef:
    key: str                   # organisation key
    as_written: str
    author: int | None         # 0-based author position when the format ties it to one author


def _memberships(record: PaperRecord, refs: list[_OrgRef], placed: list[str | None],
                 org_id_of: dict[str, str]) -> list[tuple[str, str]]:
    """Author -> organisation only where the record ties them: per-author affiliations given by
    the format, a single author, or a single organisation for the whole record. ``placed`` is
    the author id of each of the record's authors (None when the record's list was set aside)."""
    if not refs:
        return []
    record_orgs = sorted({org_id_of[r.key] for r in refs if r.author is None})
    shared = record_orgs if len(record.authors) == 1 or len(record_orgs) == 1 else []
    out = []
    for position, author in enumerate(placed):
        if author is None:
            continue
        own = sorted({org_id_of[r.key] for r in refs if r.author == position})
        out.extend((author, org) for org in (own or shared))
    return out


def _paper_topics(records: list[PaperRecord], members: list[int], zh_labels: dict[str, str],
                  topics: dict[str, ResolvedTopic], problems: list[Problem]) -> tuple[tuple[str, str, float], ...]:
    found: dict[str, tuple[str, str, float]] = {}
    categories = taxonomy()
    for i in members:
        record = records[i]
        if record.category:
            code = resolve_code(record.category)
            if code is None:
                problems.append(Problem(record.source.file, record.source.line, "warning",
                                        f"unknown arXiv category {record.category!r}; no topic made"))
            else:
                tid = f"topic:arxiv:{code}"
                category = categories[code]
                topics.setdefault(tid, ResolvedTopic(tid, category.name, zh_labels.get(code, category.name_zh),
                                                     "arxiv", code))
                found.setdefault(tid, (tid, "category", 1.0))
        for term in record.keywords:
            key = keyword_key(term)
            if key:
                tid = f"topic:kw:{key}"
                topics.setdefault(tid, ResolvedTopic(tid, " ".join(term.split()), None, "keyword", None))
                found.setdefault(tid, (tid, "keyword", 1.0))
    return tuple(found[t] for t in sorted(found))


def _paper(pid: str, records: list[PaperRecord], keys: list[_Keys], members: list[int],
           alist: _AuthorList, authorships: tuple[Authorship, ...],
           affiliations: tuple[Affiliation, ...], topics) -> ResolvedPaper:
    group = [records[i] for i in members]
    date = max((r.date for r in group if r.date), key=date_precision, default=None)
    abstract = max((r.abstract for r in group if r.abstract), key=len, default=None)
    code_urls = tuple(dict.fromkeys(u for r in group for u in r.code_urls))
    category = _first(r.category for r in group)
    return ResolvedPaper(
        id=pid, title=_first(r.title for r in group), abstract=abstract, date=date,
        year=year_of(date), category=category, code_urls=code_urls,
        has_code=any(r.has_code for r in group) or bool(code_urls),
        arxiv_id=_first(keys[i].arxiv for i in members), doi=_first(keys[i].doi for i in members),
        authors_truncated=alist.truncated, listed_author_count=len(alist.slots),
        title_zh=_first(r.title_zh for r in group), summary_zh=_first(r.summary_zh for r in group),
        venue=_first(r.venue for r in group), sources=tuple(r.source for r in group),
        authorships=authorships, affiliations=affiliations, topics=topics)


def _paper_merges(records: list[PaperRecord], clusters: _PaperClusters,
                  paper_ids: dict[int, str]) -> list[Merge]:
    """One merge per join: the record that joined, the record it matched, and why."""
    return [Merge("paper", paper_ids[clusters.root(i)], where(records[j].source), reason,
                  (where(records[i].source), where(records[j].source)))
            for i, j, reason in clusters.links if clusters.root(i) in paper_ids]


def _paper_near_misses(records: list[PaperRecord], clusters: _PaperClusters,
                       paper_ids: dict[int, str], papers: list[ResolvedPaper]) -> list[NearMiss]:
    """Papers kept apart that look alike: conflicts met while joining, and different papers with
    the same date and the same first authors (blocked by that pair, never compared all-to-all)."""
    out = []
    for i, j, reason in clusters.near_misses:
        a, b = paper_ids.get(clusters.root(i)), paper_ids.get(clusters.root(j))
        if a and b and a != b:
            out.append(NearMiss("paper", *sorted((a, b)), reason))
    blocks: dict[tuple, list[str]] = defaultdict(list)
    for paper in papers:
        first_authors = tuple(a.author for a in paper.authorships[:3])
        if paper.date and len(first_authors) >= 2:
            blocks[(paper.date, first_authors)].append(paper.id)
    for (date, _), pids in sorted(blocks.items()):
        for a, b in list(combinations(sorted(pids), 2))[:MAX_NEAR_MISSES]:
            out.append(NearMiss("paper", a, b, f"same date ({date}) and same first authors, "
                                               "different titles: different papers"))
    return out
