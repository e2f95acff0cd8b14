"""The vocabularies of the RDF exports (DESIGN.md contract 3): namespaces and their prefixes,
the XSD datatypes, and the ``kg:`` terms the numeric attributes of contract 2 become."""

from __future__ import annotations

from kg.defaults import BASE_IRI

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
SCHEMA = "https://schema.org/"
DCTERMS = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
CITO = "http://purl.org/spar/cito/"
KG = "https://w3id.org/kg/ns#"
DEFAULT_BASE = BASE_IRI  # kg.defaults: the one definition

#: The vocabularies every export declares (and ``kg query`` predeclares), by prefix.
PREFIXES: dict[str, str] = {
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "owl": OWL,
    "schema": SCHEMA,
    "dcterms": DCTERMS,
    "skos": SKOS,
    "prov": PROV,
    "cito": CITO,
    "kg": KG,
}

#: The path segment under the base IRI for each node type of contract 2.
#: Author attributes written as ``xsd:double``, and the ``kg:`` term each becomes.
CENTRALITIES = (
    ("degree", "kg:degreeCentrality"),
    ("weighted_degree", "kg:weightedDegree"),
    ("betweenness", "kg:betweennessCentrality"),
    ("closeness", "kg:closenessCentrality"),
    ("eigenvector", "kg:eigenvectorCentrality"),
    ("pagerank", "kg:pageRank"),
)

#: Author and Source attributes written as ``xsd:integer``, and their ``kg:`` terms.
AUTHOR_COUNTS = (
    ("paper_count", "kg:paperCount"),
    ("h_index", "kg:hIndex"),
    ("citations", "kg:citationCount"),
    ("profile_paper_count", "kg:profilePaperCount"),
    ("community", "kg:community"),
)
SOURCE_COUNTS = (("records", "kg:recordCount"), ("problems", "kg:problemCount"))
#: Citation counts (when the sources give references) written as ``xsd:integer``.
PAPER_CITATION_COUNTS = (
    ("local_citations", "kg:localCitationCount"),
    ("global_citations", "kg:globalCitationCount"),
)
AUTHOR_CITATION_COUNTS = (
    ("corpus_citations", "kg:corpusCitationCount"),
    ("corpus_h_index", "kg:corpusHIndex"),
    ("global_h_index", "kg:globalHIndex"),
)

#: Topic schemes: their IRI segment under ``scheme/`` and their English label.
SCHEMES = {
    "arxiv": "arXiv category taxonomy",
    "keyword": "Keywords",
    "cluster": "Topic clusters (kg analysis)",
}
ARXIV_TAXONOMY = "https://arxiv.org/category_taxonomy"

XSD_INTEGER, XSD_DOUBLE, XSD_BOOLEAN = XSD + "integer", XSD + "double", XSD + "boolean"
XSD_DATE, XSD_GYEARMONTH, XSD_GYEAR, XSD_GMONTHDAY = (
    XSD + "date",
    XSD + "gYearMonth",
    XSD + "gYear",
    XSD + "gMonthDay",
)


def expand(curie: str) -> str:
    """``schema:name`` -> ``https://schema.org/name`` (prefixes of :data:`PREFIXES`)."""
    prefix, _, local = curie.partition(":")
    return PREFIXES[prefix] + local
