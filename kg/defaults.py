"""The defaults that several stages share, each defined once: the options dataclasses
(:class:`kg.export.ExportOptions`, :mod:`kg.options`) and the stages' keyword defaults read them
from here, and the ``kg`` options read theirs from the dataclasses.

A module of its own, importing nothing, so that any stage can read it without loading another.
"""

#: The seed of every randomised algorithm (sampled betweenness, communities, topic clusters,
#: page layouts): the same inputs and seed give byte-identical outputs.
SEED = 42

#: The centrality that sizes the authors on the HTML pages (one of :data:`kg.measures.SIZE_MEASURES`).
SIZE_BY = "pagerank"

#: The base IRI every RDF resource lives under (``kg build --base-iri``).
BASE_IRI = "https://w3id.org/kg/id/"

#: Below this many papers the topic analysis runs in the building process, even with workers:
#: a fresh child costs about a second (an interpreter, kg's imports, the texts pickled across)
#: that it saves only once the topics take longer than that (benchmarks/child_bench.py measures
#: where; the figures are in benchmarks/README.md). Tests set it to 0 to force the child path.
TOPICS_CHILD_MIN_PAPERS = 20_000
