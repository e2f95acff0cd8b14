"""Keywords and topic clusters (kg.analyze.topics) on the seeds and on small files written for
the edge cases: clean terms, the number of clusters, agreement with arXiv categories."""

from __future__ import annotations

import copy
import re

import numpy as np
import pytest
from conftest import DATA
from sklearn.metrics import adjusted_mutual_info_score

import kg
import kg.analyze.topics
from kg.analyze import analyze
from kg.analyze.topics import (
    MIN_CLUSTER_SIZE,
    STOP_WORDS,
    choose_k,
    is_content_word,
    paper_text,
    singular_forms,
    term_counts,
    term_matrix,
    tokens,
)

THREE_TOPICS = DATA / "topics" / "three_topics.txt"
CLEAN_TERM = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*(?: [a-z0-9]+(?:-[a-z0-9]+)*)?")


@pytest.fixture(scope="module")
def three_kg():
    return kg.build([THREE_TOPICS])


def _cluster_of(graph) -> dict[str, str]:
    return {p: t for p, t, d in graph.edges(data=True) if d.get("method") == "cluster"}


def _topics(graph, scheme: str) -> dict[str, dict]:
    return {n: d for n, d in graph.nodes(data=True) if d.get("type") == "Topic" and d.get("scheme") == scheme}


def _assert_clean(term: str) -> None:
    assert CLEAN_TERM.fullmatch(term), term
    for word in term.split():
        assert word not in STOP_WORDS, term
        assert re.search(r"[a-z]", word), term  # no numbers-only token
    assert not {"url", "http", "https", "www", "textbf", "mathcal"} & set(term.split()), term


# ------------------------------------------------------------------ text to terms


def _terms_of(*texts: str) -> list[list[str]]:
    counts, terms = term_counts(list(texts))
    return [sorted(terms[j] for j in counts.getrow(i).indices) for i in range(len(texts))]


def test_latex_urls_numbers_and_chinese_never_become_terms():
    text = paper_text(
        r"Na\"ive $\mathcal{O}(n^2)$ Graphs 我们提出 Model's 3 layers",
        r"See \url{https://github.com/a/b} and https://x.org/y. Gains of 4.1% on 960 hours, "
        r"\textbf{ten} state-of-the-art models; ii) naïve baselines.",
    )
    assert text.isascii() and "http" not in text and "url" not in text and "mathcal" not in text
    words = [w for w in tokens(text) if is_content_word(w)]
    assert "naive" in words and "graphs" in words and "baselines" in words
    assert not any(w.isdigit() or w in STOP_WORDS for w in words)
    assert "ii" not in words and "state-of-the-art" not in words and "textbf" not in words


def test_counting_in_blocks_of_texts_changes_nothing(monkeypatch):
    """term_counts counts a block of texts at a time; blocks of 1 and 4 texts give the counts of
    one block, also where a phrase would join the end of one text to the next."""
    texts = [paper_text(title, abstract) for title, abstract in _three_topic_texts()]
    whole, terms = term_counts(texts)
    assert whole.shape[0] == len(texts) >= 15 and len(terms) > 100
    for size in (1, 4):
        monkeypatch.setattr(kg.analyze.topics, "TEXTS_PER_BLOCK", size)
        blocks, block_terms = term_counts(texts)
        assert block_terms == terms
        assert blocks.dtype == whole.dtype and blocks.shape == whole.shape
        for part in ("indptr", "indices", "data"):  # the same arrays, in the same order
            assert np.array_equal(getattr(blocks, part), getattr(whole, part)), part


def _three_topic_texts() -> list[tuple[str, str]]:
    built = kg.build([THREE_TOPICS], analyses=False)
    return [(d.get("title"), d.get("abstract")) for d in built.papers().values()]


def test_phrases_only_from_adjacent_words():
    # a comma, a semicolon or a stop word between two words: no phrase
    [terms] = _terms_of("Graph neural networks, for molecules; the message passing layer")
    assert terms == sorted(
        [
            "graph",
            "neural",
            "networks",
            "graph neural",
            "neural networks",
            "molecules",
            "message",
            "passing",
            "layer",
            "message passing",
            "passing layer",
        ]
    )
    # the end of one text does not join the first word of the next
    first, second = _terms_of("deep graph", "models work")
    assert first == ["deep", "deep graph", "graph"] and second == ["models"]


def test_plurals_fold_only_onto_singulars_the_corpus_uses():
    folded = singular_forms(
        {
            "models",
            "model",
            "strategies",
            "strategy",
            "classes",
            "class",
            "analysis",
            "bus",
            "graphs",
            "atoms",
        }
    )
    assert folded == {"models": "model", "strategies": "strategy", "classes": "class"}
    first, second = _terms_of("Graph models", "A graph model and atoms")
    assert first == ["graph", "graph model", "model"] and second == ["atoms", "graph", "graph model", "model"]


def test_terms_need_two_papers_and_at_most_half():
    matrix, terms = term_matrix(["cats and dogs", "cats and birds", "fish", "frogs"])
    assert terms.tolist() == ["cats"]  # in 2 of 4 papers; dogs, birds, fish, frogs in one each
    assert matrix.shape == (4, 1) and matrix[0, 0] == pytest.approx(1.0)
    matrix, terms = term_matrix(["same words", "same words"])  # in every paper: not distinctive
    assert matrix.shape == (2, 0) and len(terms) == 0


# ------------------------------------------------------------------ three clear topics


def test_three_topics_are_found_and_named(three_kg):
    G = three_kg.graph
    clusters = _topics(G, "cluster")
    assert sorted(clusters) == ["topic:cluster:0", "topic:cluster:1", "topic:cluster:2"]
    cluster_of = _cluster_of(G)
    # the file holds five abstracts per topic: lines 1-5 speech, 6-10 molecules, 11-15 robots
    truth, found = [], []
    for paper, data in three_kg.papers().items():
        line = int(data["sources"][0].rsplit(":", 1)[1])
        truth.append((line - 1) // 5)
        found.append(cluster_of[paper])
    assert adjusted_mutual_info_score(truth, found) == pytest.approx(1.0)
    labels = {found[truth.index(t)]: clusters[found[truth.index(t)]]["label"] for t in range(3)}
    by_topic = [labels[found[truth.index(t)]] for t in range(3)]
    assert "speech" in by_topic[0]
    assert any(w in by_topic[1] for w in ("molecul", "atom", "graph"))
    assert any(w in by_topic[2] for w in ("robot", "reinforcement", "reward"))
    for data in clusters.values():
        assert data["label"] == ", ".join(data["terms"][:3])
        for term in data["terms"]:
            _assert_clean(term)
    parameters = G.graph["analyses"]["topic_clusters"]
    assert parameters["k"] == 3 and parameters["seed"] == 42


def test_three_topics_keywords_are_clean_and_weighted(three_kg):
    G = three_kg.graph
    keywords = _topics(G, "keyword")
    assert keywords
    for topic, data in keywords.items():
        assert topic == f"topic:kw:{data['label']}"
        _assert_clean(data["label"])
        assert (data["label_zh"], data["code"], data["terms"]) == (None, None, [])
    for paper in three_kg.papers():
        edges = [d for _, t, d in G.out_edges(paper, data=True) if d.get("method") == "keyword"]
        assert 1 <= len(edges) <= 5
        assert all(0 < d["weight"] <= 1 and d["type"] == "HAS_TOPIC" for d in edges)


def test_stability_picks_the_true_grain(three_kg):
    papers = sorted(three_kg.papers())
    texts = [
        paper_text(three_kg.graph.nodes[p]["title"], three_kg.graph.nodes[p]["abstract"]) for p in papers
    ]
    matrix, _ = term_matrix(texts)
    k, scores = choose_k(matrix, seed=42)
    assert k == 3
    assert [s["k"] for s in scores] == [2, 3]  # 15 papers: at most 3 clusters of 5
    assert scores[1]["stability"] == pytest.approx(1.0)
    assert scores[0]["stability"] < 0.9


# ------------------------------------------------------------------ the seeds


def test_seeds_clusters_agree_with_arxiv_categories_far_above_chance(seeds_kg):
    """AMI of the clusters against the papers' arXiv categories, against the same clusters with
    the categories shuffled (20 shuffles). The seeds' categories are only weakly predictable from
    text (cs.LG covers vision, language and recommendation papers alike: a cross-validated
    logistic regression on the three main categories is right 63% of the time), so AMI ~0.2 is
    what the text supports; chance is 0 +- 0.02, hence the bar of 0.12 and 5x the chance level."""
    cluster_of = _cluster_of(seeds_kg.graph)
    pairs = [
        (d["category"], cluster_of[p])
        for p, d in sorted(seeds_kg.papers().items())
        if d.get("category") and p in cluster_of
    ]
    assert len(pairs) >= 100
    categories, clusters = zip(*pairs, strict=True)
    ami = adjusted_mutual_info_score(categories, clusters)
    rng = np.random.default_rng(0)
    shuffled = [adjusted_mutual_info_score(rng.permutation(categories), clusters) for _ in range(20)]
    assert ami >= 0.12
    assert ami >= np.mean(shuffled) + 5 * max(np.std(shuffled), 0.02)


def test_seeds_every_paper_is_in_one_cluster_and_ids_are_ordered(seeds_kg):
    G = seeds_kg.graph
    clusters = _topics(G, "cluster")
    assert len(clusters) >= 3
    assert sorted(clusters) == [f"topic:cluster:{n}" for n in range(len(clusters))]
    members = {t: [] for t in clusters}
    for paper in seeds_kg.papers():
        edges = [(t, d) for _, t, d in G.out_edges(paper, data=True) if d.get("method") == "cluster"]
        assert len(edges) == 1, paper  # every seed paper has English text
        topic, data = edges[0]
        assert 0 < data["weight"] <= 1 and data["type"] == "HAS_TOPIC"
        members[topic].append(paper)
    sizes = [len(members[f"topic:cluster:{n}"]) for n in range(len(clusters))]
    assert sizes == sorted(sizes, reverse=True) and min(sizes) >= MIN_CLUSTER_SIZE
    for data in clusters.values():
        assert (data["type"], data["label_zh"], data["code"]) == ("Topic", None, None)
        assert len(data["terms"]) == 10 and all(t.isascii() for t in data["terms"])
        for term in data["terms"]:
            _assert_clean(term)
    parameters = G.graph["analyses"]["topic_clusters"]
    assert parameters["k"] == len(clusters)
    tried = [s for s in parameters["stability_by_k"] if s["stability"] is not None]
    assert max(tried, key=lambda s: (s["stability"], -s["k"]))["k"] == parameters["k_chosen"]


def test_seeds_chinese_digest_papers_get_english_terms(seeds_kg):
    G = seeds_kg.graph
    digest = [p for p, d in seeds_kg.papers().items() if d.get("summary_zh") or d.get("title_zh")]
    assert digest
    for paper in digest:
        topics = [t for _, t, d in G.out_edges(paper, data=True) if d.get("method") in ("keyword", "cluster")]
        assert any(t.startswith("topic:cluster:") for t in topics)
        assert all(t.isascii() for t in topics)


def test_seeds_abstract_only_papers_are_clustered(seeds_kg):
    cluster_of = _cluster_of(seeds_kg.graph)
    untitled = [p for p, d in seeds_kg.papers().items() if not d.get("title") and d.get("abstract")]
    assert untitled and all(p in cluster_of for p in untitled)


def test_analysing_again_gives_the_same_topics(seeds_kg):
    G = copy.deepcopy(seeds_kg.graph)
    analyze(G)

    def topic_part(graph):
        nodes = sorted((n, sorted(d.items())) for n, d in graph.nodes(data=True) if d.get("type") == "Topic")
        edges = sorted(
            (u, v, sorted(d.items())) for u, v, d in graph.edges(data=True) if d.get("type") == "HAS_TOPIC"
        )
        return nodes, edges

    assert topic_part(G) == topic_part(seeds_kg.graph)


# ------------------------------------------------------------------ small graphs


def test_few_papers_get_keywords_but_no_clusters(tiny_graph):
    analyze(tiny_graph)
    assert not _topics(tiny_graph, "cluster")
    assert "skipped" in tiny_graph.graph["analyses"]["topic_clusters"]
    # "cats" is in t-1 and t-3 only: shared, and rare enough to name them
    assert tiny_graph.has_edge("paper:t-1", "topic:kw:cats", key="HAS_TOPIC")
    assert tiny_graph.has_edge("paper:t-3", "topic:kw:cats", key="HAS_TOPIC")


def test_a_keyword_the_source_gave_is_kept(tiny_graph):
    tiny_graph.add_node(
        "topic:kw:cats", type="Topic", label="cats", label_zh=None, scheme="keyword", code=None, terms=[]
    )
    tiny_graph.add_edge(
        "paper:t-1", "topic:kw:cats", key="HAS_TOPIC", type="HAS_TOPIC", weight=1.0, method="keyword"
    )
    analyze(tiny_graph)
    assert tiny_graph.edges["paper:t-1", "topic:kw:cats", "HAS_TOPIC"]["weight"] == 1.0
    assert tiny_graph.edges["paper:t-3", "topic:kw:cats", "HAS_TOPIC"]["weight"] < 1.0
