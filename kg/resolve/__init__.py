"""Records -> entities: one paper, author, organisation and topic per real thing, with the reason
for every merge and every near miss that was kept apart.

The steps, each in its own module: :mod:`~kg.resolve.papers` groups records into papers;
:mod:`~kg.resolve.author_lists` merges each paper's author lists; :mod:`~kg.resolve.authors`
decides which spellings are one person; :mod:`~kg.resolve.orgs` resolves organisations and
memberships; :mod:`~kg.resolve.topics` turns categories and keywords into topics. Every step
works on dictionaries keyed by a blocking key (identifier, title key, abstract fingerprint, name
key, surname and initial), never on all pairs, so time and memory grow linearly with the input.
"""

from __future__ import annotations

from pathlib import Path

from kg.gc_pause import paused_gc
from kg.model import AuthorProfile, FileExtraction, PaperRecord, Problem
from kg.normalize import names
from kg.normalize.orgs import AliasTable, canonical_org, load_aliases, org_key
from kg.normalize.text import clean_spelling, text_words
from kg.resolve.author_lists import merge_author_lists
from kg.resolve.author_rules import AuthorRules, AuthorRulesError, load_author_rules
from kg.resolve.authors import resolve_authors
from kg.resolve.citations import resolve_citations
from kg.resolve.model import (
    Affiliation,
    Authorship,
    Membership,
    Merge,
    NearMiss,
    Resolution,
    ResolvedAuthor,
    ResolvedOrg,
    ResolvedPaper,
    ResolvedTopic,
)
from kg.resolve.orgs import memberships, resolve_orgs
from kg.resolve.papers import build_paper, group_papers, paper_merges, paper_near_misses
from kg.resolve.topics import resolve_topics

__all__ = [
    "Affiliation",
    "AuthorRules",
    "AuthorRulesError",
    "Authorship",
    "Membership",
    "Merge",
    "NearMiss",
    "Resolution",
    "ResolvedAuthor",
    "ResolvedOrg",
    "ResolvedPaper",
    "ResolvedTopic",
    "load_author_rules",
    "resolve",
    "text_words",
]


def resolve(
    files: list[FileExtraction], aliases: Path | None = None, authors: AuthorRules | Path | None = None
) -> Resolution:
    """Resolve the records of ``files`` into entities, with the organisation aliases of the
    shipped table plus ``aliases`` (CSV, see :mod:`kg.normalize.orgs`) and the user's author
    rules ``authors`` (a file, or rules already loaded: :mod:`kg.resolve.author_rules`). Runs
    with the cycle collector paused (:mod:`kg.gc_pause`)."""
    rules = authors if isinstance(authors, AuthorRules) else load_author_rules(authors)
    try:
        with paused_gc():
            return _resolve(files, aliases, rules)
    finally:
        names.clear_caches()


def org_keys(table: AliasTable, name: str) -> set[str]:
    """The keys an organisation as written goes by: its own and its canonical name's."""
    canonical = canonical_org(table, name)
    return {org_key(name)} | ({canonical.key} if canonical else set())


def stable_order(item: PaperRecord | AuthorProfile) -> tuple[str, int]:
    """Where a record or profile was read (file path as given, line): the order resolution
    works in, so that its outcome does not depend on the order of the inputs."""
    return (item.source.file, item.source.line)


def _resolve(files: list[FileExtraction], aliases: Path | None, rules: AuthorRules) -> Resolution:
    problems: list[Problem] = []
    table, alias_problems = load_aliases(aliases)
    problems.extend(alias_problems)
    records = sorted((r for f in files for r in f.extraction.records), key=stable_order)
    profiles = sorted((p for f in files for p in f.extraction.profiles), key=stable_order)

    groups = group_papers(records, problems)
    author_lists = {
        pid: merge_author_lists(cluster, records, problems) for pid, cluster in groups.members.items()
    }
    if rules:
        rules.prepare(records, lambda name: org_keys(table, name))
    people = resolve_authors(records, author_lists, profiles, problems, rules)
    orgs = resolve_orgs(records, groups.members, table, problems)
    topics, topics_of = resolve_topics(files, records, groups.members, problems)

    papers = []
    for pid, cluster in groups.members.items():
        alist = author_lists[pid]
        authorships = tuple(
            Authorship(author, slot.position, clean_spelling(slot.spellings[0][0]))
            for slot, author in zip(alist.slots, people.at_position[pid], strict=False)
            if author
        )
        papers.append(
            build_paper(pid, groups, alist, authorships, orgs.affiliations(cluster), topics_of[pid])
        )

    merges = people.merges + orgs.merges + paper_merges(groups)
    near = people.near_misses + orgs.near_misses + paper_near_misses(groups, papers)
    citations = None
    if any(r.references or r.cited_by_count is not None for r in records):
        records_of = {pid: [records[i] for i in cluster] for pid, cluster in groups.members.items()}
        citations = resolve_citations(papers, records_of)
        near += citations.near_misses
    return Resolution(
        papers=tuple(sorted(papers, key=lambda p: p.id)),
        authors=tuple(sorted(people.authors, key=lambda a: a.id)),
        orgs=tuple(sorted(orgs.orgs, key=lambda o: o.id)),
        topics=tuple(topics),
        memberships=memberships(records, groups.members, author_lists, people.at_position, orgs),
        merges=tuple(sorted(merges, key=lambda m: (m.kind, m.into, m.merged))),
        near_misses=tuple(sorted(set(near), key=lambda n: (n.kind, n.a, n.b, n.reason))),
        problems=tuple(problems),
        citations=citations,
    )
