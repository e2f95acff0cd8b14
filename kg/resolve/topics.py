"""Topics the records name: arXiv categories (through the taxonomy, :mod:`kg.normalize.categories`,
with the Chinese labels a source's legend gives) and the keywords standard formats carry."""

from __future__ import annotations

from kg.model import FileExtraction, PaperRecord, Problem
from kg.normalize.categories import resolve_code, taxonomy
from kg.normalize.text import text_words
from kg.resolve.model import ResolvedTopic

#: (topic id, method, weight) of one paper's topic: what a HAS_TOPIC edge holds.
PaperTopic = tuple[str, str, float]


def resolve_topics(
    files: list[FileExtraction],
    records: list[PaperRecord],
    members: dict[str, list[int]],
    problems: list[Problem],
) -> tuple[list[ResolvedTopic], dict[str, tuple[PaperTopic, ...]]]:
    """The topics, and each paper's topics (sorted by id). An unknown category is a problem."""
    zh_labels = _category_labels(files)
    topics: dict[str, ResolvedTopic] = {}
    of_paper = {
        pid: _paper_topics([records[i] for i in cluster], zh_labels, topics, problems)
        for pid, cluster in members.items()
    }
    return sorted(topics.values(), key=lambda t: t.id), of_paper


def keyword_key(term: str) -> str:
    return " ".join(text_words(term))


def _category_labels(files: list[FileExtraction]) -> dict[str, str]:
    """Chinese labels a source gives its category codes (the digest legend), by arXiv code."""
    labels: dict[str, str] = {}
    for f in sorted(files, key=lambda f: f.file):  # the first file by path gives the label
        for code, language, label in f.extraction.category_labels:
            arxiv = resolve_code(code)
            if arxiv and language == "zh" and label:
                labels.setdefault(arxiv, label)
    return labels


def _paper_topics(
    records: list[PaperRecord],
    zh_labels: dict[str, str],
    topics: dict[str, ResolvedTopic],
    problems: list[Problem],
) -> tuple[PaperTopic, ...]:
    found: dict[str, PaperTopic] = {}

    def add(topic: ResolvedTopic, method: str, weight: float = 1.0) -> None:
        topics.setdefault(topic.id, topic)
        found.setdefault(topic.id, (topic.id, method, weight))

    categories = taxonomy()
    for record in records:
        if record.category:
            code = resolve_code(record.category)
            if code is None:
                problems.append(
                    Problem(
                        record.source.file,
                        record.source.line,
                        "warning",
                        f"unknown arXiv category {record.category!r}; no topic made",
                    )
                )
            else:
                category = categories[code]
                add(
                    ResolvedTopic(
                        f"topic:arxiv:{code}",
                        category.name,
                        zh_labels.get(code, category.name_zh),
                        "arxiv",
                        code,
                    ),
                    "category",
                )
        scores = dict(record.topic_scores)  # a source's score for a term is its edge weight
        for term in record.keywords:
            key = keyword_key(term)
            if key:
                add(
                    ResolvedTopic(f"topic:kw:{key}", " ".join(term.split()), None, "keyword", None),
                    "keyword",
                    scores.get(term, 1.0),
                )
    return tuple(found[t] for t in sorted(found))
