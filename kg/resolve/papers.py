"""Papers: which records describe one paper, its node id, and the paper built from them.

Records are the same paper when they share an arXiv id or a DOI; an untitled record joins the
one titled paper whose abstract it repeats. The same normalised title only makes a candidate
pair, which merges when the evidence agrees and stays apart (a near miss, with the reason) when it
contradicts (:func:`title_evidence`): different first authors (surname and first initial) where
both are known, two publications (neither a preprint) more than a year apart, two different DOIs
(neither a preprint's). A record joins a cluster only when it contradicts none of its members, so
no contradicting pair ends up in one paper. Two papers with different arXiv ids (or only
different DOIs) are never joined by a weaker key. Every step works on blocks (identifier, title
key, first author, abstract fingerprint), never on all pairs.

Records arrive sorted by where they were read (:func:`kg.resolve.stable_order`), so the
clusters, the paper ids and the facts chosen do not depend on the order of the inputs.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from kg.model import PaperRecord, Problem
from kg.normalize import names
from kg.normalize.dates import year_of
from kg.normalize.ids import normalize_arxiv_id, normalize_doi
from kg.normalize.text import abstract_words, digest, title_key
from kg.resolve.author_lists import AuthorList
from kg.resolve.disjoint_sets import DisjointSets, group
from kg.resolve.model import (
    MAX_NEAR_MISSES,
    Affiliation,
    Authorship,
    Merge,
    NearMiss,
    ResolvedPaper,
    where,
)

#: An untitled record joins a titled one when this share of its word 3-grams occur in the other.
ABSTRACT_CONTAINMENT = 0.9
#: Abstracts shorter than this (in words) are too generic to merge on.
MIN_ABSTRACT_WORDS = 20
#: Words of an abstract's start that form its blocking fingerprint.
FINGERPRINT_WORDS = 12
#: At most this many records of one block are compared (boilerplate must not go quadratic).
MAX_BLOCK = 50


#: Publications (neither a preprint) of one title more than this many years apart are two papers.
MAX_YEARS_APART = 1
#: ``doc_type`` values (folded) that make a record a preprint.
PREPRINT_TYPES = frozenset({"preprint", "posted-content", "posted content", "preprints"})
#: A venue that is a preprint server makes the record a preprint.
_PREPRINT_VENUE = re.compile(r"\b(arxiv|biorxiv|medrxiv|chemrxiv|ssrn|preprint)\b", re.IGNORECASE)


@dataclass(frozen=True)
class RecordKeys:
    """What paper matching compares, per record."""

    arxiv: str | None
    doi: str | None
    title: str | None
    abstract_digest: str | None
    fingerprint: str | None
    first_author: str | None = None  # surname and first initial (names.block_key)
    year: int | None = None
    preprint: bool = False  # an arXiv id (or arXiv DOI), doc_type preprint, a preprint server


def record_keys(record: PaperRecord, words: list[str]) -> RecordKeys:
    """The keys of ``record``, whose abstract's :func:`abstract_words` are ``words``."""
    doi_arxiv = normalize_arxiv_id(record.doi)  # an arXiv DOI is an arXiv id, not a DOI
    arxiv = normalize_arxiv_id(record.arxiv_id) or doi_arxiv
    doi = None if doi_arxiv else normalize_doi(record.doi)
    usable = len(words) >= MIN_ABSTRACT_WORDS
    return RecordKeys(
        arxiv,
        doi,
        title_key(record.title),
        digest(" ".join(words)) if usable else None,
        digest(" ".join(words[:FINGERPRINT_WORDS])) if usable else None,
        names.block_key(record.authors[0].name) if record.authors else None,
        year_of(record.date),
        bool(arxiv) or is_preprint(record),
    )


def is_preprint(record: PaperRecord) -> bool:
    """A record the source marks as a preprint (its type, or a preprint server as venue); a
    record with an arXiv id is one too (:func:`record_keys`)."""
    if record.doc_type and record.doc_type.strip().casefold() in PREPRINT_TYPES:
        return True
    return bool(record.venue and _PREPRINT_VENUE.search(record.venue))


# --------------------------------------------------------------------------- title evidence


def title_contradiction(a: PaperRecord, ka: RecordKeys, b: PaperRecord, kb: RecordKeys) -> str | None:
    """Why two records of one title are two papers, or None: different first authors (both
    known), two publications more than a year apart (neither a preprint), two different DOIs
    (neither a preprint's), different arXiv ids."""
    if ka.arxiv and kb.arxiv and ka.arxiv != kb.arxiv:
        return f"different arXiv ids {ka.arxiv} / {kb.arxiv}"
    if ka.doi and kb.doi and ka.doi != kb.doi and not (ka.preprint or kb.preprint):
        return f"different DOIs {' / '.join(sorted((ka.doi, kb.doi)))}, neither a preprint's"
    if ka.first_author and kb.first_author and ka.first_author != kb.first_author:
        return (
            f"different first authors {a.authors[0].name!r} ({where(a.source)}) / "
            f"{b.authors[0].name!r} ({where(b.source)})"
        )
    if ka.year and kb.year and abs(ka.year - kb.year) > MAX_YEARS_APART and not (ka.preprint or kb.preprint):
        return (
            f"two publications {abs(ka.year - kb.year)} years apart ({ka.year}, {where(a.source)} / "
            f"{kb.year}, {where(b.source)}), neither a preprint"
        )
    return None


def title_agreement(a: PaperRecord, ka: RecordKeys, b: PaperRecord, kb: RecordKeys) -> str:
    """What speaks for two records of one title (that :func:`title_contradiction` lets pass)
    being one paper."""
    if ka.doi and ka.doi == kb.doi:
        return f"same DOI {ka.doi}"
    if not (ka.first_author or kb.first_author):
        return "neither record names authors, and no DOI or year contradicts"
    if not (ka.first_author and kb.first_author):
        return "one record names no authors, and no DOI or year contradicts"
    first = f"same first author {a.authors[0].name!r} / {b.authors[0].name!r}"
    if ka.preprint != kb.preprint:
        return f"a preprint and its publication, {first}"
    if not (ka.year and kb.year):
        return f"{first}; one record gives no year"
    years = f"in {ka.year}" if ka.year == kb.year else f"{ka.year} and {kb.year}"
    return f"{first}, {years}"


# --------------------------------------------------------------------------- clustering


class _Clusters:
    """Record indexes joined into papers; each cluster remembers its strong ids, so two papers
    with different arXiv ids (or only different DOIs) are never joined by a weaker key."""

    def __init__(self, keys: list[RecordKeys]) -> None:
        self.sets: DisjointSets[int] = DisjointSets()
        self.arxiv: dict[int, set[str]] = {}
        self.dois: dict[int, set[str]] = {}
        self.links: list[tuple[int, int, str]] = []  # (kept record, joined record, reason)
        self.near_misses: list[tuple[int, int, str]] = []
        self.member_lists: dict[int, list[int]] = {}  # root -> records, for clusters of two or more
        for i, k in enumerate(keys):
            self.sets.find(i)
            self.arxiv[i] = {k.arxiv} if k.arxiv else set()
            self.dois[i] = {k.doi} if k.doi and not k.preprint else set()  # a preprint's DOI never clashes

    def root(self, i: int) -> int:
        return self.sets.find(i)

    def members(self, i: int) -> list[int]:
        """The records of ``i``'s cluster."""
        root = self.root(i)
        return self.member_lists.get(root) or [root]

    def roots(self, records: Iterable[int]) -> list[int]:
        """One record per cluster among ``records`` (the last seen of each), sorted."""
        return sorted({self.root(i): i for i in records}.values())

    def conflict(self, i: int, j: int) -> str | None:
        ri, rj = self.root(i), self.root(j)
        if self.arxiv[ri] and self.arxiv[rj] and self.arxiv[ri] != self.arxiv[rj]:
            return "different arXiv ids " + " / ".join(sorted(self.arxiv[ri] | self.arxiv[rj]))
        if self.dois[ri] and self.dois[rj] and not self.dois[ri] & self.dois[rj]:
            return (
                "different DOIs "
                + " / ".join(sorted(self.dois[ri] | self.dois[rj]))
                + ", neither a preprint's"
            )
        return None

    def join(self, i: int, j: int, reason: str, clash: str | None = None) -> bool:
        """Join the clusters of ``i`` and ``j`` for ``reason``, unless their ids conflict or
        ``clash`` (a contradiction found by the caller) says why not: then a near miss."""
        ri, rj = self.root(i), self.root(j)
        if ri == rj:
            return True
        clash = clash or self.conflict(i, j)
        if clash:
            self.near_misses.append((i, j, f"{reason}, but {clash}"))
            return False
        self.sets.union(ri, rj)
        root = self.root(ri)
        other = rj if root == ri else ri
        self.arxiv[root] |= self.arxiv.pop(other)
        self.dois[root] |= self.dois.pop(other)
        mine, theirs = self.member_lists.pop(root, [root]), self.member_lists.pop(other, [other])
        if len(mine) < len(theirs):
            mine, theirs = theirs, mine
        mine.extend(theirs)
        self.member_lists[root] = mine
        self.links.append((i, j, reason))
        return True


def _words_of(i: int, records: list[PaperRecord], cache: dict[int, list[str]]) -> list[str]:
    """Record ``i``'s abstract words, from ``cache`` or computed once and kept there (the word
    split is the costliest step of paper matching)."""
    found = cache.get(i)
    if found is None:
        found = cache[i] = abstract_words(records[i].abstract)
    return found


def _cluster(
    records: list[PaperRecord], keys: list[RecordKeys], words_cache: dict[int, list[str]]
) -> _Clusters:
    clusters = _Clusters(keys)
    for arxiv, members in sorted(group((k.arxiv, i) for i, k in enumerate(keys)).items()):
        for j in members[1:]:
            clusters.join(members[0], j, f"same arXiv id {arxiv}")
    for doi, members in sorted(group((k.doi, i) for i, k in enumerate(keys)).items()):
        for j in members[1:]:
            clusters.join(members[0], j, f"same DOI {doi}")
    by_title = group((k.title, i) for i, k in enumerate(keys))
    for title, members in sorted(by_title.items()):
        if len(members) > 1:
            _join_by_title(records, keys, clusters, title, members)
    _join_untitled_by_abstract(records, keys, clusters, words_cache)
    return clusters


def _join_by_title(
    records: list[PaperRecord], keys: list[RecordKeys], clusters: _Clusters, title: str, members: list[int]
) -> None:
    """The records of one title, joined on evidence: those naming a first author within each
    first author's block, each to the first paper of the block it contradicts in nothing; then
    each record without authors to the one paper of this title it contradicts in nothing (none:
    a paper of its own; several: not guessed, a near miss)."""
    same = f"same title, case, accents and punctuation aside ({title!r})"
    placed: list[int] = []  # one record per paper of this title, in stable order
    by_author = group((keys[i].first_author, i) for i in members)
    for block in by_author.values():  # in the order of their first records
        starts: list[int] = []
        for i in block:
            if _place(records, keys, clusters, same, starts[-MAX_BLOCK:], i):
                starts.append(i)
        placed.extend(starts)
    _near_misses_between_authors(records, keys, clusters, same, by_author)
    for i in (i for i in members if not keys[i].first_author):
        papers = _distinct(clusters, placed[:MAX_BLOCK])  # a boilerplate title must not go quadratic
        if any(clusters.root(p) == clusters.root(i) for p in papers):
            continue
        fits = [p for p in papers if not _cluster_contradiction(records, keys, clusters, p, i)]
        if len(fits) == 1:
            p = fits[0]
            clusters.join(p, i, f"{same}; {title_agreement(records[p], keys[p], records[i], keys[i])}")
            continue
        for p in fits[:MAX_NEAR_MISSES]:
            clusters.near_misses.append(
                (p, i, f"{same}, but {where(records[i].source)} names no authors and fits "
                 f"{len(fits)} papers of this title kept apart; not merged")
            )  # fmt: skip
        for p in [p for p in papers if p not in fits][:MAX_NEAR_MISSES]:
            clusters.join(p, i, same, _cluster_contradiction(records, keys, clusters, p, i))
        placed.append(i)


def _place(
    records: list[PaperRecord],
    keys: list[RecordKeys],
    clusters: _Clusters,
    same: str,
    papers: list[int],
    i: int,
) -> bool:
    """Join ``i`` to the first of ``papers`` (records of one title and first author) whose
    cluster it contradicts in nothing; True when it joined none (it starts a paper of its own).
    Each paper it contradicts is a near miss."""
    refused = 0
    for p in _distinct(clusters, papers):
        if clusters.root(p) == clusters.root(i):
            return False
        clash = _cluster_contradiction(records, keys, clusters, p, i)
        if clash is None:
            clusters.join(p, i, f"{same}; {title_agreement(records[p], keys[p], records[i], keys[i])}")
            return False
        if refused < MAX_NEAR_MISSES:
            clusters.join(p, i, same, clash)  # refused: recorded as a near miss
        refused += 1
    return True


def _distinct(clusters: _Clusters, papers: list[int]) -> list[int]:
    """``papers`` with one record per cluster (the first), in order."""
    seen: set[int] = set()
    out = []
    for p in papers:
        root = clusters.root(p)
        if root not in seen:
            seen.add(root)
            out.append(p)
    return out


def _cluster_contradiction(
    records: list[PaperRecord], keys: list[RecordKeys], clusters: _Clusters, p: int, i: int
) -> str | None:
    """The first contradiction between a member of ``p``'s cluster and one of ``i``'s, or the
    clusters' id conflict, or None."""
    conflict = clusters.conflict(p, i)
    if conflict:
        return conflict
    for a in clusters.members(p):
        for b in clusters.members(i):
            clash = title_contradiction(records[a], keys[a], records[b], keys[b])
            if clash:
                return clash
    return None


def _near_misses_between_authors(
    records: list[PaperRecord],
    keys: list[RecordKeys],
    clusters: _Clusters,
    same: str,
    by_author: dict[str, list[int]],
) -> None:
    """Papers of one title whose first authors differ: kept apart, one near miss per pair of
    first-author blocks (their first records), at most MAX_NEAR_MISSES per title."""
    firsts = [block[0] for block in by_author.values()]
    for a, b in list(combinations(firsts, 2))[:MAX_NEAR_MISSES]:
        clash = title_contradiction(records[a], keys[a], records[b], keys[b])
        if clash and clusters.root(a) != clusters.root(b):
            clusters.near_misses.append((a, b, f"{same}, but {clash}; kept apart"))


def _join_untitled_by_abstract(
    records: list[PaperRecord], keys: list[RecordKeys], clusters: _Clusters, words_cache: dict[int, list[str]]
) -> None:
    """An untitled record joins the one titled paper whose abstract it repeats (whole, or cut
    short); untitled records with one abstract join each other. Two titled papers with one
    abstract stay apart (a near miss): a title is stronger evidence than an abstract."""
    titled = [i for i, k in enumerate(keys) if k.title]
    by_digest = group((keys[i].abstract_digest, i) for i in titled)
    by_fingerprint = group((keys[i].fingerprint, i) for i in titled)
    for members in by_digest.values():
        for a, b in combinations(clusters.roots(members)[:MAX_NEAR_MISSES], 2):
            clusters.near_misses.append(
                (
                    a,
                    b,
                    (
                        f"same abstract, different titles ({where(records[a].source)}, "
                        f"{where(records[b].source)}): a title outweighs an abstract, kept apart"
                    ),
                )
            )
    untitled_by_digest: dict[str, int] = {}
    for i, k in enumerate(keys):
        if k.title or not k.fingerprint or not k.abstract_digest:  # both set, or neither (record_keys)
            continue
        words = _words_of(i, records, words_cache)
        candidates = set(by_digest.get(k.abstract_digest, []))
        for j in by_fingerprint.get(k.fingerprint, [])[:MAX_BLOCK]:
            if j not in candidates and _abstracts_match(words, _words_of(j, records, words_cache)):
                candidates.add(j)
        targets = clusters.roots(candidates)
        if len(targets) == 1:
            clusters.join(
                targets[0], i, _abstract_match_reason(words, _words_of(targets[0], records, words_cache))
            )
        elif len(targets) > 1:
            for j in targets[:MAX_NEAR_MISSES]:
                clusters.near_misses.append(
                    (
                        j,
                        i,
                        (
                            f"the untitled record {where(records[i].source)} repeats this abstract, but its "
                            f"abstract matches several titled papers ({len(targets)}); not merged"
                        ),
                    )
                )
        elif k.abstract_digest in untitled_by_digest:
            clusters.join(
                untitled_by_digest[k.abstract_digest],
                i,
                "same abstract word for word (case and punctuation aside); neither record has a title",
            )
        else:
            untitled_by_digest[k.abstract_digest] = i


def _abstract_match_reason(words: list[str], other: list[str]) -> str:
    """Why an untitled record's abstract ``words`` joined the titled paper whose are ``other``."""
    if words == other:
        return (
            "untitled record's abstract matches this paper's abstract word for word "
            "(case and punctuation aside)"
        )
    shorter, longer = (words, other) if len(words) <= len(other) else (other, words)
    return (
        f"untitled record's abstract matches this paper's abstract: {_containment(shorter, longer):.0%} "
        f"of the shorter one's word 3-grams occur in the other (at least {ABSTRACT_CONTAINMENT:.0%} needed)"
    )


def _shingles(words: list[str], n: int = 3) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(max(len(words) - n + 1, 1))}


def _containment(shorter: list[str], longer: list[str]) -> float:
    """Share of the shorter text's word 3-grams found in the longer one."""
    a, b = _shingles(shorter), _shingles(longer)
    return len(a & b) / len(a) if a else 0.0


def _abstracts_match(a: list[str], b: list[str]) -> bool:
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return len(shorter) >= MIN_ABSTRACT_WORDS and _containment(shorter, longer) >= ABSTRACT_CONTAINMENT


# --------------------------------------------------------------------------- paper ids


@dataclass(frozen=True)
class PaperGroups:
    """The records, grouped into papers: ``members`` maps each paper id to its record indexes
    (papers in the order of their first record); ``links`` and ``conflicts`` are the joins made
    and refused, as (record, record, reason)."""

    records: list[PaperRecord]
    keys: list[RecordKeys]
    members: dict[str, list[int]]
    paper_of: dict[int, str]  # record index -> paper id
    links: list[tuple[int, int, str]]
    conflicts: list[tuple[int, int, str]]


def group_papers(records: list[PaperRecord], problems: list[Problem]) -> PaperGroups:
    """Cluster the records into papers and give each paper its node id; a record with nothing
    to key on (no title, abstract or identifier) is left out as a problem."""
    keys: list[RecordKeys] = []
    untitled_words: dict[int, list[str]] = {}  # abstract matching and paper ids need them again
    for i, record in enumerate(records):
        words = abstract_words(record.abstract)
        keys.append(record_keys(record, words))
        if not keys[-1].title:
            untitled_words[i] = words
    clusters = _cluster(records, keys, untitled_words)
    by_root: dict[int, list[int]] = defaultdict(list)
    for i in range(len(records)):
        by_root[clusters.root(i)].append(i)
    members: dict[str, list[int]] = {}
    for cluster in by_root.values():
        pid = _paper_id(records, keys, cluster, untitled_words)
        if pid is None:
            for i in cluster:
                problems.append(
                    Problem(
                        records[i].source.file,
                        records[i].source.line,
                        "warning",
                        "record has no title, abstract or identifier; left out",
                    )
                )
            continue
        base, n = pid, 2
        while pid in members:  # two papers kept apart that would share a key
            pid, n = f"{base}-{n}", n + 1
        members[pid] = cluster
    paper_of = {i: pid for pid, cluster in members.items() for i in cluster}
    return PaperGroups(records, keys, members, paper_of, clusters.links, clusters.near_misses)


def _first(items: list[RecordKeys], attribute: str) -> Any:
    """The first value of ``attribute`` among ``items`` that is neither None nor empty (a plain
    loop: it runs seven times per paper)."""
    for item in items:
        value = getattr(item, attribute)
        if value not in (None, ""):
            return value
    return None


def _paper_id(
    records: list[PaperRecord], keys: list[RecordKeys], members: list[int], words_cache: dict[int, list[str]]
) -> str | None:
    member_keys = [keys[i] for i in members]
    arxiv = _first(member_keys, "arxiv")
    if arxiv:
        return f"paper:arxiv-{arxiv}"
    doi = _first(member_keys, "doi")
    if doi:
        return f"paper:doi-{doi}"
    title = _first(member_keys, "title")
    if title:
        return f"paper:t-{digest(title)}"
    first = next((i for i in members if records[i].abstract), None)
    words = _words_of(first, records, words_cache) if first is not None else []
    return f"paper:a-{digest(' '.join(words))}" if words else None


# --------------------------------------------------------------------------- the paper


_DATE_PRECISION = {10: 4, 7: 3, 4: 2}


def _date_precision(date: str | None) -> int:
    if not date:
        return 0
    return 1 if date.startswith("--") else _DATE_PRECISION.get(len(date), 0)


def build_paper(
    pid: str,
    groups: PaperGroups,
    alist: AuthorList,
    authorships: tuple[Authorship, ...],
    affiliations: tuple[Affiliation, ...],
    topics: tuple[tuple[str, str, float], ...],
) -> ResolvedPaper:
    """One paper from its records. Each fact is the most complete value a record gives (the
    most precise date, the longest abstract, category form and Chinese texts, the title spelling
    with lower case and accents, the venue of a publication over a preprint's), ties going to the
    record read first in stable order (file path as given, then line); every code link, in that
    order. Records are in stable order, so no fact depends on the order of the inputs."""
    members = groups.members[pid]
    records = [groups.records[i] for i in members]
    keys = [groups.keys[i] for i in members]
    date = _most_complete((r.date for r in records), _date_precision)
    code_urls = tuple(dict.fromkeys(u for r in records for u in r.code_urls))
    published = [r for r, k in zip(records, keys, strict=False) if not k.preprint]
    return ResolvedPaper(
        id=pid,
        title=_most_complete((r.title for r in records), _title_completeness),
        abstract=_most_complete((r.abstract for r in records), len),
        date=date,
        year=year_of(date),
        category=_most_complete((r.category for r in records), len),
        code_urls=code_urls,
        has_code=any(r.has_code for r in records) or bool(code_urls),
        arxiv_id=_first(keys, "arxiv"),
        doi=_first([k for k in keys if not k.preprint], "doi") or _first(keys, "doi"),
        authors_truncated=alist.truncated,
        listed_author_count=len(alist.slots),
        title_zh=_most_complete((r.title_zh for r in records), len),
        summary_zh=_most_complete((r.summary_zh for r in records), len),
        venue=_most_complete((r.venue for r in published), len)
        or _most_complete((r.venue for r in records), len),
        sources=tuple(r.source for r in records),
        authorships=authorships,
        affiliations=affiliations,
        topics=topics,
        ids=_ids(records, keys),
    )


def _most_complete(values: Iterable[str | None], measure: Callable[[str], Any]) -> str | None:
    """The value of highest ``measure`` among ``values`` (None and empty skipped), the first of
    equals: the facts' rule of :func:`build_paper`."""
    best, best_rank = None, None
    for value in values:
        if value is None or value == "":
            continue
        if best is None:  # the first value is measured only when a second one comes
            best = value
            continue
        if best_rank is None:
            best_rank = measure(best)
        rank = measure(value)
        if rank > best_rank:
            best, best_rank = value, rank
    return best


def _title_completeness(title: str) -> tuple[bool, int, int]:
    """A title spelling's completeness: not all capitals, then letters beyond ASCII (accents
    kept), then length (punctuation kept)."""
    return (title != title.upper(), sum(not c.isascii() for c in title), len(title))


def _ids(records: list[PaperRecord], keys: list[RecordKeys]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Every identifier the sources give the paper, by scheme: ``arxiv`` and ``doi`` (normalised)
    and the formats' own (``openalex``, ``dblp``, ``bibtex``, ...)."""
    found: dict[str, set[str]] = defaultdict(set)
    for record, k in zip(records, keys, strict=False):
        pairs = [("arxiv", k.arxiv), ("doi", k.doi), *record.extra_ids]
        for scheme, value in pairs:
            if scheme and value and value.strip():
                found[scheme.strip()].add(value.strip())
    return tuple((scheme, tuple(sorted(values))) for scheme, values in sorted(found.items()))


# --------------------------------------------------------------------------- merges, near misses


def paper_merges(groups: PaperGroups) -> list[Merge]:
    """One merge per join: the record that joined, the record it matched, and why."""
    records = groups.records
    return [
        Merge(
            "paper",
            groups.paper_of[i],
            where(records[j].source),
            reason,
            (where(records[i].source), where(records[j].source)),
        )
        for i, j, reason in groups.links
        if i in groups.paper_of
    ]


def paper_near_misses(groups: PaperGroups, papers: list[ResolvedPaper]) -> list[NearMiss]:
    """Papers kept apart that look alike: conflicts met while joining, and different papers with
    the same date and the same first authors (blocked by that pair, never compared all-to-all)."""
    out = []
    for i, j, reason in groups.conflicts:
        a, b = groups.paper_of.get(i), groups.paper_of.get(j)
        if a and b and a != b:
            out.append(NearMiss("paper", min(a, b), max(a, b), reason))
    blocks: dict[tuple[str, tuple[str, ...]], list[str]] = defaultdict(list)
    for paper in papers:
        first_authors = tuple(a.author for a in paper.authorships[:3])
        if paper.date and len(first_authors) >= 2:
            blocks[(paper.date, first_authors)].append(paper.id)
    for (date, first_authors), pids in sorted(blocks.items()):
        for a, b in list(combinations(sorted(pids), 2))[:MAX_NEAR_MISSES]:
            out.append(
                NearMiss(
                    "paper",
                    a,
                    b,
                    f"same date ({date}) and same first authors "
                    f"({', '.join(first_authors)}), different titles: "
                    "different papers",
                )
            )
    return out
