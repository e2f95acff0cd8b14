"""The author centralities the co-author analysis writes on Author nodes (DESIGN.md, contract 2):
their attribute names and titles, for the analysis and every export that shows them.

A module of its own, importing nothing: the exporters name the measures without loading the
analyses (igraph, scipy), which ``kg.analyze`` imports as soon as any of its modules is imported.
"""

#: The attributes, in the order the CSV columns and the pages list them.
MEASURES = ("degree", "weighted_degree", "betweenness", "closeness", "eigenvector", "pagerank")

#: What can size the authors on a page: a centrality, or the number of papers.
SIZE_MEASURES = (*MEASURES, "paper_count")

#: Each measure's title, as the report heads its ranking.
MEASURE_TITLES = {
    "degree": "Degree",
    "weighted_degree": "Weighted degree",
    "betweenness": "Betweenness",
    "closeness": "Closeness",
    "eigenvector": "Eigenvector",
    "pagerank": "PageRank",
}
