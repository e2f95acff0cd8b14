"""The keys of the facts the pages' nodes and edges carry for their script (kg/templates/graph.js).

Each node and edge of a page is a vis-network item (``id``, ``label``, ``x``, ``size`` ... are
vis-network's own options) with one more key, :data:`FACTS`: what the tooltips, the details
panel, the search and the filters show and test. graph.js strips it before vis-network sees the
items. The keys that repeat on every node are one or two letters, because a 10,000-author page
holds them hundreds of thousands of times.

They are declared here, once: the pages write them through these names, graph.js reads them by
the same strings, and tests/test_page_keys.py checks both ways that every key graph.js reads is
declared and every declared key is read. A new fact is one constant, one line in its mapping
below, and its use in graph.js.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

#: The key of each node's and edge's facts (``node.kg``, ``edge.kg`` in graph.js).
FACTS = "kg"

# Node facts (``node.kg``): every kind
KIND = "kind"
NAME = "name"
VARIANTS = "v"
PAPER_COUNT = "pc"
PAPERS = "p"
FACETS = "f"
# authors
GROUP = "g"
METRICS = "m"
ORGANISATIONS = "o"
CO_ORGANISATIONS = "ao"
TOPICS = "t"
KEYWORDS = "kw"
# papers (besides ORGANISATIONS, TOPICS and KEYWORDS)
DATE = "date"
CATEGORY = "category"
VENUE = "venue"
AUTHORS = "authors"
TRUNCATED = "truncated"
IDS = "ids"
CODE = "code"
SOURCES = "src"
# organisations and topics
AMBIGUOUS = "ambiguous"
SCHEME = "scheme"
TERMS = "terms"

#: Every node fact, and what it holds.
NODE_FACTS: Mapping[str, str] = MappingProxyType(
    {
        KIND: "Author, Paper, Organization, Topic or Keyword",
        NAME: "the name shown and searched",
        VARIANTS: "other spellings, aliases, the Chinese label: shown, and searched too",
        PAPER_COUNT: "how many papers the author wrote, or the organisation or topic has",
        PAPERS: "the node's papers: indices into the page's paper table",
        FACETS: "what the filters test (the facet keys below)",
        GROUP: "an author's group: an index into the page's groups (its legend on coauthors.html)",
        METRICS: "an author's centralities: [title, value] pairs",
        ORGANISATIONS: "organisation names: an author's own, or a paper's",
        CO_ORGANISATIONS: "an author's papers' other organisations",
        TOPICS: "[topic index, count] pairs: an author's topics, most used first, or a paper's",
        KEYWORDS: "keyword labels",
        DATE: "a paper's date as written",
        CATEGORY: "a paper's category as written",
        VENUE: "a paper's venue as written",
        AUTHORS: "a paper's author names, in order",
        TRUNCATED: "the paper's author list ended in 'et al.'",
        IDS: "a paper's ids (arXiv:…, doi:…)",
        CODE: "a paper's code links",
        SOURCES: "where the paper was read (file:line)",
        AMBIGUOUS: "the organisation's short name may stand for several",
        SCHEME: "a topic's scheme (arxiv, keyword, cluster)",
        TERMS: "a topic cluster's terms",
    }
)

# Facets (``node.kg.f``): what the filters test, each a list
FACET_GROUPS = "g"
FACET_TOPICS = "t"
FACET_YEARS = "y"

#: Every facet, and what it holds.
FACET_KEYS: Mapping[str, str] = MappingProxyType(
    {
        FACET_GROUPS: "the groups the node belongs to (indices into the page's groups)",
        FACET_TOPICS: "the topics the node has (indices into the page's topic table)",
        FACET_YEARS: "the years of the node's papers",
    }
)

# Edge facts (``edge.kg``)
WEIGHT = "w"
EDGE_PAPERS = "p"
EDGE_KIND = "k"

#: Every edge fact, and what it holds.
EDGE_FACTS: Mapping[str, str] = MappingProxyType(
    {
        WEIGHT: "co-authors: how many papers they share",
        EDGE_PAPERS: "co-authors: the papers they share (indices into the page's paper table)",
        EDGE_KIND: "the whole-graph page: the edge's key (AUTHORED, AFFILIATED, MEMBER_OF, HAS_TOPIC)",
    }
)
