"""References -> citations: each reference of each record matched to a paper of the corpus, or to
one shared *cited work* outside it, with the rule that decided.

The rules, in order (DESIGN.md, "Citations"):

1. **Identifiers.** A DOI, arXiv id, PMID, OpenAlex or Semantic Scholar id that a corpus paper
   carries decides ("same DOI 10.1/x").
2. **Fields**, for references without a matching id (raw WoS ``CR`` lines, Scopus strings): the
   candidates are the corpus papers whose first author has the reference's surname and whose
   year is within one of its year. Where both give a title, a candidate agrees when the titles
   agree (the same title key, or one a prefix of the other of 25 characters or more); where one
   gives none (a WoS ``CR`` line), when the year is the same, the venues agree (an abbreviation
   such as ``ADV NEUR IN`` agrees with the full name) and no page contradicts. A candidate with
   an identifier of the same scheme that differs never agrees.
   Exactly one agreeing candidate is a match; two or more are *not guessed*: the reference
   becomes a cited work and a near miss names the candidates.
3. **Cited works.** References that match no paper are grouped into works by the same rules
   among themselves (a shared identifier, or the same surname and year with agreeing titles or
   venues, never two different DOIs), so the same external work cited from WoS and from Scopus is
   one ``Work`` node. Its id is ``work:`` + a digest of its best key: stable across builds.

Everything is blocked by identifier or by (surname, year): time grows with the references.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from kg.model import PaperRecord, Reference, Source
from kg.normalize.names import fold
from kg.normalize.text import title_key
from kg.resolve.disjoint_sets import DisjointSets
from kg.resolve.model import MAX_EVIDENCE, MAX_NEAR_MISSES, NearMiss, ResolvedPaper, where

#: the identifier schemes of references, in the order they decide; (Reference field, paper ids key)
ID_SCHEMES: tuple[tuple[str, str], ...] = (
    ("doi", "doi"),
    ("arxiv_id", "arxiv"),
    ("pmid", "pmid"),
    ("openalex", "openalex"),
    ("s2", "s2"),
)
#: a title that is a prefix of another agrees with it from this many characters of title key
TITLE_PREFIX = 25
_STOP_WORDS = frozenset({"in", "of", "the", "and", "on", "for", "a", "an", "to", "at", "de", "&"})
_INITIALS = re.compile(r"^-?(?:[A-Z]\.?-?){1,3}$")
_PAGE = re.compile(r"(?:,\s*P|\bpp?\.\s*)(\d+)", re.IGNORECASE)


@dataclass(frozen=True)
class Citation:
    citing: str  # paper id
    cited: str  # paper id or work id
    rule: str  # why this reference is that paper or work (the first record's)
    sources: tuple[Source, ...]  # the records whose reference lists say so (at most MAX_EVIDENCE)


@dataclass(frozen=True)
class CitedWork:
    """A work the corpus cites but does not hold (``in_corpus = false`` in the graph)."""

    id: str
    label: str
    title: str | None
    year: int | None
    first_author: str | None
    venue: str | None
    ids: tuple[tuple[str, str], ...]  # (scheme, value), as on papers
    raw: tuple[str, ...]  # up to three of the strings that cite it, as written


@dataclass(frozen=True)
class GlobalCount:
    count: int  # the largest count a source reports
    source: Source  # the record that reports it


@dataclass(frozen=True)
class CitationResolution:
    citations: tuple[Citation, ...] = ()
    works: tuple[CitedWork, ...] = ()
    global_counts: Mapping[str, GlobalCount] | None = None  # paper id -> count
    near_misses: tuple[NearMiss, ...] = ()
    references: int = 0  # read, over all records
    in_corpus: int = 0  # references matched to a paper of the corpus
    to_works: int = 0  # references matched to a cited work
    unusable: int = 0  # with nothing to match by (neither id nor author and year nor raw text)
    self_citations: int = 0  # a paper's reference to itself: dropped


# --------------------------------------------------------------------------- keys


def surname_key(name: str | None) -> str | None:
    """The folded surname of an author as references write them: ``Vaswani A``, ``Vaswani, A.``,
    ``LI J``, ``Ashish Vaswani``, ``van der Maaten L`` (-> ``maaten``). Initials at the end mean
    surname first (WoS, Scopus); otherwise the surname is the last word."""
    if not name:
        return None
    if "," in name:
        words = name.split(",")[0].split()
    else:
        words = name.split()
        end = len(words)
        while end > 1 and _INITIALS.match(words[end - 1]):
            end -= 1
        words = words[:end]
    if not words or (len(words) == 1 and "." in words[0] and _INITIALS.match(words[0])):
        return None
    key = re.sub(r"[^a-z\u4e00-\u9fff]", "", fold(words[-1]).lower())
    return key or None


def titles_agree(a: str | None, b: str | None) -> bool:
    ka, kb = title_key(a), title_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    short, long_ = sorted((ka, kb), key=len)
    return len(short) >= TITLE_PREFIX and long_.startswith(short)


def _venue_words(venue: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", fold(venue).lower()) if w not in _STOP_WORDS]


def venues_agree(a: str | None, b: str | None) -> bool:
    """The same venue, one side perhaps abbreviated as WoS and Scopus do (``ADV NEUR IN``,
    ``Adv. Neural Inf. Process. Syst.``): every word of the shorter is, in order, a prefix of a
    word of the longer, and both start alike."""
    if not a or not b:
        return False
    wa, wb = _venue_words(a), _venue_words(b)
    if not wa or not wb:
        return False
    if wa == wb:
        return True
    short, long_ = sorted((wa, wb), key=len)
    if not long_[0].startswith(short[0]):
        return False
    at = 0
    for word in short:
        while at < len(long_) and not long_[at].startswith(word):
            at += 1
        if at == len(long_):
            return False
        at += 1
    return True


def first_page(reference: Reference) -> str | None:
    found = _PAGE.search(reference.raw or "")
    return found.group(1) if found else None


def _reference_ids(reference: Reference) -> dict[str, str]:
    return {scheme: getattr(reference, field) for field, scheme in ID_SCHEMES if getattr(reference, field)}


# --------------------------------------------------------------------------- corpus papers


@dataclass(frozen=True)
class _Target:
    """What a reference is compared with: a corpus paper, or a group of references."""

    id: str
    ids: Mapping[str, frozenset[str]]
    title: str | None
    year: int | None
    venue: str | None
    page: str | None = None


def _paper_target(paper: ResolvedPaper) -> _Target:
    ids = {scheme: frozenset(values) for scheme, values in paper.ids}
    if paper.doi:
        ids["doi"] = ids.get("doi", frozenset()) | {paper.doi}
    if paper.arxiv_id:
        ids["arxiv"] = ids.get("arxiv", frozenset()) | {paper.arxiv_id}
    return _Target(paper.id, ids, paper.title, paper.year, paper.venue)


def _contradicts(ids: Mapping[str, str], target: _Target) -> bool:
    """Both sides carry an identifier of one scheme, and they differ."""
    return any(scheme in target.ids and value not in target.ids[scheme] for scheme, value in ids.items())


def _agreement(reference: Reference, page: str | None, target: _Target) -> str | None:
    """The field rule by which ``reference`` is ``target``, or None."""
    if reference.year is None or target.year is None:
        return None
    gap = abs(reference.year - target.year)
    if reference.title and target.title:  # both known: the titles decide
        return (
            "first author, year and title agree"
            if gap <= 1 and titles_agree(reference.title, target.title)
            else None
        )
    if gap == 0 and venues_agree(reference.venue, target.venue):
        if page and target.page and page != target.page:
            return None
        return "first author, year and venue agree"
    return None


class _Corpus:
    """The corpus papers by identifier and by (first-author surname, year)."""

    def __init__(self, papers: Sequence[ResolvedPaper]) -> None:
        self.by_id: dict[tuple[str, str], str] = {}
        self.by_block: dict[tuple[str, int], list[_Target]] = defaultdict(list)
        self.targets: dict[str, _Target] = {}
        for paper in papers:
            target = self.targets[paper.id] = _paper_target(paper)
            for scheme, values in target.ids.items():
                for value in values:
                    self.by_id.setdefault((scheme, value), paper.id)
            first = paper.authorships[0].name_as_written if paper.authorships else None
            key = surname_key(first)
            if key and paper.year is not None:
                self.by_block[(key, paper.year)].append(target)

    def by_identifier(self, reference: Reference) -> tuple[str, str] | None:
        """(paper id, rule) of the paper an identifier of ``reference`` names (rule 1)."""
        for scheme, value in _reference_ids(reference).items():
            found = self.by_id.get((scheme, value))
            if found:
                return found, f"same {_SCHEME_NAMES[scheme]} {value}"
        return None

    def agreeing(self, reference: Reference) -> dict[str, str]:
        """paper id -> rule of each paper whose fields agree with ``reference`` (rule 2)."""
        key = surname_key(reference.first_author)
        if not key or reference.year is None:
            return {}
        ids, page = _reference_ids(reference), first_page(reference)
        found: dict[str, str] = {}
        for year in (reference.year - 1, reference.year, reference.year + 1):
            for target in self.by_block.get((key, year), ()):
                rule = None if _contradicts(ids, target) else _agreement(reference, page, target)
                if rule:
                    found.setdefault(target.id, rule)
        return found

    def contradicted(self, reference: Reference, paper: str) -> bool:
        """``reference`` says something ``paper`` is not: another identifier of a scheme both
        have, or another title."""
        target = self.targets[paper]
        if _contradicts(_reference_ids(reference), target):
            return True
        return bool(reference.title and target.title and not titles_agree(reference.title, target.title))


_SCHEME_NAMES = {"doi": "DOI", "arxiv": "arXiv id", "pmid": "PMID", "openalex": "OpenAlex id", "s2": "S2 id"}


# --------------------------------------------------------------------------- cited works


@dataclass(frozen=True)
class _Pending:
    """A reference that matched no corpus paper, waiting to be grouped into a work."""

    citing: str
    reference: Reference
    source: Source


def _group_works(pending: list[_Pending]) -> list[list[int]]:
    """Indexes of ``pending`` grouped into works (see the module docstring, rule 3)."""
    sets: DisjointSets[int] = DisjointSets()
    ids_of: dict[int, dict[str, set[str]]] = {}
    by_id: dict[tuple[str, str], int] = {}
    by_block: dict[tuple[str, int], list[int]] = defaultdict(list)
    by_raw: dict[str, int] = {}
    for i, item in enumerate(pending):
        sets.find(i)
        ids_of[i] = {scheme: {value} for scheme, value in _reference_ids(item.reference).items()}

    def join(i: int, j: int) -> None:
        ri, rj = sets.find(i), sets.find(j)
        if ri == rj:
            return
        a, b = ids_of[ri], ids_of[rj]
        if any(scheme in b and not values & b[scheme] for scheme, values in a.items()):
            return  # two different identifiers of one scheme: two works
        sets.union(ri, rj)
        root = sets.find(ri)
        merged = {s: a.get(s, set()) | b.get(s, set()) for s in a.keys() | b.keys()}
        ids_of.pop(ri), ids_of.pop(rj)
        ids_of[root] = merged

    for i, item in enumerate(pending):
        reference = item.reference
        for scheme, value in _reference_ids(reference).items():
            if (scheme, value) in by_id:
                join(by_id[(scheme, value)], i)
            else:
                by_id[(scheme, value)] = i
        key = surname_key(reference.first_author)
        if key and reference.year is not None:
            by_block[(key, reference.year)].append(i)
        elif reference.raw and not _reference_ids(reference):
            raw = " ".join(fold(reference.raw).lower().split())
            if raw in by_raw:
                join(by_raw[raw], i)
            else:
                by_raw[raw] = i
    for members in by_block.values():
        targets = [(i, _pending_target(i, pending[i])) for i in members]
        for n, (i, target) in enumerate(targets):
            for j, _ in targets[:n]:
                other = pending[j].reference
                if _agreement(other, first_page(other), target) and not _contradicts(
                    _reference_ids(other), target
                ):
                    join(i, j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(pending)):
        groups[sets.find(i)].append(i)
    return sorted(groups.values())


def _pending_target(i: int, item: _Pending) -> _Target:
    reference = item.reference
    ids = {scheme: frozenset({value}) for scheme, value in _reference_ids(reference).items()}
    return _Target(str(i), ids, reference.title, reference.year, reference.venue, first_page(reference))


def _work(members: list[_Pending]) -> CitedWork:
    """One cited work from the references that name it: each field from the first reference
    (in source order) that gives it; the id from the best key."""
    refs = [m.reference for m in members]

    def first(field: str) -> str | None:
        return next((getattr(r, field) for r in refs if getattr(r, field)), None)

    ids = sorted({(scheme, value) for r in refs for scheme, value in _reference_ids(r).items()})
    title, author = first("title"), first("first_author")
    year = next((r.year for r in refs if r.year is not None), None)
    scheme_rank = [scheme for _, scheme in ID_SCHEMES]
    best = min(ids, key=lambda pair: (scheme_rank.index(pair[0]), pair[1])) if ids else None
    if best:
        key = f"{best[0]}:{best[1]}"
    elif author and year is not None:
        key = f"{surname_key(author)}|{year}|{title_key(title) or fold(first('venue') or '').lower()}"
    else:
        key = " ".join(fold(first("raw") or "").lower().split())
    raw = tuple(dict.fromkeys(r.raw for r in refs if r.raw))[:3]
    label = title or (raw[0] if raw else key)
    return CitedWork(
        id="work:" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16],
        label=label,
        title=title,
        year=year,
        first_author=author,
        venue=first("venue"),
        ids=tuple(ids),
        raw=raw,
    )


# --------------------------------------------------------------------------- all of it


def resolve_citations(
    papers: Sequence[ResolvedPaper], records_of: Mapping[str, Iterable[PaperRecord]]
) -> CitationResolution:
    """Match the references of each paper's records (``records_of``: paper id -> its records) to
    the ``papers`` of the corpus, or to cited works (the module docstring has the rules)."""
    corpus = _Corpus(papers)
    found: dict[tuple[str, str], Citation] = {}
    pending: list[_Pending] = []
    near: list[NearMiss] = []
    counts: dict[str, GlobalCount] = {}
    total = unusable = selfs = matched = 0
    for pid in sorted(records_of):
        for record in records_of[pid]:
            if record.cited_by_count is not None and (
                pid not in counts or record.cited_by_count > counts[pid].count
            ):
                counts[pid] = GlobalCount(record.cited_by_count, record.source)
            for reference in record.references:
                total += 1
                if not (_reference_ids(reference) or reference.raw or reference.first_author):
                    unusable += 1
                    continue
                named = corpus.by_identifier(reference)
                if named is None:
                    pending.append(_Pending(pid, reference, record.source))
                elif named[0] == pid:
                    selfs += 1
                else:
                    matched += 1
                    _cite(found, pid, named[0], named[1], record.source)
    works = []
    to_works = 0
    for group in _group_works(pending):
        members = [pending[i] for i in group]
        paper, rule, candidates = _paper_of(corpus, members)
        if paper is None:
            if len(candidates) > 1 and len(near) < MAX_NEAR_MISSES * 100:
                near.append(_ambiguous(members[0], candidates))
            work = _work(members)
            works.append(work)
            to_works += len(members)
            paper, rule = work.id, "cited work: " + _work_rule(work)
        for item in members:
            if item.citing == paper:
                selfs += 1
                continue
            matched += not paper.startswith("work:")
            _cite(found, item.citing, paper, rule, item.source)
    return CitationResolution(
        citations=tuple(sorted(found.values(), key=lambda c: (c.citing, c.cited))),
        works=tuple(sorted(works, key=lambda w: w.id)),
        global_counts=counts,
        near_misses=tuple(near),
        references=total,
        in_corpus=matched,
        to_works=to_works,
        unusable=unusable,
        self_citations=selfs,
    )


def _cite(found: dict[tuple[str, str], Citation], citing: str, cited: str, rule: str, source: Source) -> None:
    """One citation per citing paper and cited paper or work, with every record that says so."""
    known = found.get((citing, cited))
    if known is None:
        found[(citing, cited)] = Citation(citing, cited, rule, (source,))
    elif source not in known.sources and len(known.sources) < MAX_EVIDENCE:
        found[(citing, cited)] = Citation(citing, cited, known.rule, (*known.sources, source))


def _paper_of(corpus: _Corpus, members: list[_Pending]) -> tuple[str | None, str, list[str]]:
    """The one corpus paper the references of one work agree with (rule 2, over them all: a
    paper that one of them agrees with and none contradicts), its rule, and the candidates."""
    agreeing: dict[str, str] = {}
    for item in members:
        for paper, rule in corpus.agreeing(item.reference).items():
            agreeing.setdefault(paper, rule)
    kept = {
        paper: rule
        for paper, rule in agreeing.items()
        if not any(corpus.contradicted(item.reference, paper) for item in members)
    }
    if len(kept) == 1:
        ((paper, rule),) = kept.items()
        return paper, rule, []
    return None, "", sorted(kept)


def _work_rule(work: CitedWork) -> str:
    if work.ids:
        scheme, value = work.ids[0]
        return f"no paper of the corpus has {_SCHEME_NAMES[scheme]} {value}"
    return "no paper of the corpus agrees with its first author, year and title or venue"


def _ambiguous(item: _Pending, candidates: list[str]) -> NearMiss:
    reference, source = item.reference, item.source
    said = reference.raw or reference.title or ""
    return NearMiss(
        "citation",
        candidates[0],
        candidates[1],
        f"the reference {said[:120]!r} at {where(source)} agrees with {len(candidates)} papers; "
        "not guessed (kept as a cited work)",
    )
