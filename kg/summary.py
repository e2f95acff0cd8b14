"""The closing summary of ``kg build`` and ``kg stats``: what was read, built, merged and skipped."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.analyze.sanity import Finding
    from kg.graph import KnowledgeGraph
    from kg.model import FileSummary


def build_summary(
    kg: KnowledgeGraph,
    written: list[Path],
    notes: Iterable[str] = (),
    times: list[tuple[str, float]] | None = None,
) -> list[str]:
    """The summary lines; ``written``: every file written (the count says how many);
    ``times``: (stage, seconds) as :class:`kg.progress.StageClock` took them; ``notes`` (e.g. a
    page that shows part of the graph) close it."""
    from kg.analyze.sanity import check_graph, flagged_authors
    from kg.progress import format_times

    merges = Counter(m.get("kind") for m in kg.merges)
    errors = sum(1 for p in kg.problems if p.severity == "error")
    lines = ["summary:"]
    lines.extend(_files_read(kg.files))
    lines.append(f"  {kg.counts().phrase()}")
    merge_text = ", ".join(f"{n} {kind}" for kind, n in sorted(merges.items())) or "none"
    lines.append(f"  merges: {sum(merges.values())} ({merge_text})")
    unread = sum(1 for f in kg.files if f.layout is None)
    lines.append(
        f"  problems: {len(kg.problems)} ({errors} records or files skipped; "
        f"{unread} of {len(kg.files)} files not read)"
    )
    findings = check_graph(kg.graph)
    lines.extend(_sanity(findings))
    lines.extend(_top_authors(kg, flagged_authors(findings)))
    lines.extend(_citations(kg))
    lines.extend(_cluster_labels(kg))
    if times:
        lines.append(f"  time: {format_times(times)}")
    if written:
        lines.append(
            f"  wrote {len(written)} files to {written[0].parent}/: " + ", ".join(p.name for p in written)
        )
    lines.extend(f"  note: {note}" for note in notes)
    return lines


def _files_read(files: Sequence[FileSummary], listed: int = 20) -> list[str]:
    """A line per input file; above ``listed`` files, or when the files have several layouts, a
    line per layout too (above ``listed`` only those, and each unread file: a folder of thousands
    of exports would otherwise bury the rest of the summary)."""
    by_layout: dict[str, list[FileSummary]] = defaultdict(list)
    for f in files:
        if f.layout:
            by_layout[f.layout].append(f)
    per_layout = [
        f"    {layout}: {len(group)} files, {sum(f.records for f in group)} records, "
        f"{sum(f.problems for f in group)} problems"
        for layout, group in sorted(by_layout.items())
    ]
    if len(files) <= listed:
        lines = [
            f"  read {f.file}: {f.layout or '(unread)'}, {f.records} records, {f.problems} problems"
            for f in files
        ]
        return lines + (["  by layout:", *per_layout] if len(by_layout) > 1 else [])
    lines = [f"  read {len(files)} files:", *per_layout]
    lines.extend(f"    unread: {f.file} ({f.problems} problems)" for f in files if not f.layout)
    return lines


def _citations(kg: KnowledgeGraph, n: int = 3) -> list[str]:
    """References read and where they went, and the most cited papers of the corpus; nothing
    when no source gave references."""
    counts = kg.graph.graph.get("citations")
    if not counts:
        return []
    lines = [
        f"  citations: {counts['references']:,} references read; {counts['in_corpus']:,} matched to "
        f"papers of the corpus, {counts['to_works']:,} to {counts['works']:,} cited works outside it, "
        f"{counts['unusable']:,} unusable (nothing to match by)"
    ]
    cited = sorted(
        ((d.get("local_citations", 0), n_id) for n_id, d in kg.papers().items() if d.get("local_citations")),
        key=lambda item: (-item[0], item[1]),
    )[:n]
    if cited:
        papers = kg.papers()
        lines.append(
            "  most cited papers (in the corpus): "
            + "; ".join(f"{papers[p]['label']} ({k})" for k, p in cited)
        )
    return lines


def _sanity(findings: list[Finding], listed: int = 5) -> list[str]:
    """The sanity pass (:mod:`kg.analyze.sanity`): how many suspects, the first few with file:line."""
    from kg.analyze.sanity import AUTHOR_NAME

    if not findings:
        return ["  sanity: every author name and author count looks plausible"]
    names = sum(1 for f in findings if f.kind == AUTHOR_NAME)
    lines = [
        f"  sanity: {names} suspect author names, {len(findings) - names} implausible author counts "
        "(kept, and flagged in the top lists; report.md lists them all):"
    ]
    lines.extend(f"    - {f}" for f in findings[:listed])
    if len(findings) > listed:
        lines.append(f"    - and {len(findings) - listed} more")
    return lines


def _top_authors(kg: KnowledgeGraph, flagged: dict[str, str], n: int = 3) -> list[str]:
    authors: list[tuple[float, str, str]] = [
        (d["pagerank"], d["name"], a) for a, d in kg.authors().items() if d.get("pagerank") is not None
    ]
    if not authors:
        return []
    top = sorted(authors, key=lambda t: (-t[0], t[1]))[:n]
    return [
        "  most central authors (PageRank): "
        + "; ".join(f"{name} ({score:.3f}){_flag(flagged, a)}" for score, name, a in top)
    ]


def _flag(flagged: dict[str, str], author: str) -> str:
    return f" [suspect: {flagged[author]}]" if author in flagged else ""


def _cluster_labels(kg: KnowledgeGraph) -> list[str]:
    clusters = sorted(
        (d for d in kg.topics().values() if d.get("scheme") == "cluster"), key=lambda d: d["label"]
    )
    if not clusters:
        return []
    return ["  topic clusters:"] + [f"    - {d['label']}" for d in clusters]
