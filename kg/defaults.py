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

# The limits every input is read within (``--limit NAME=VALUE``; :class:`kg.model.Limits`). An
# input beyond one is not read (or not that record), with a Problem that names the limit: a
# hostile or broken file costs a bounded time and memory, and never the rest of the build.

#: Largest input file read, in bytes.
MAX_FILE_BYTES = 2 * 1024**3
#: Longest line, in bytes (a minified JSON reply is one line: this is generous).
MAX_LINE_BYTES = 256 * 1024**2
#: Most digits in one integer (counts, years, ids given as numbers): Python's own limit, which
#: its JSON reader applies at no cost (a lower one costs JSON reading a quarter of its speed).
MAX_INT_DIGITS = 4300
#: Deepest nesting of JSON arrays and objects (scholarly APIs nest fewer than 10).
MAX_DEPTH = 200
#: Most XML elements in one file (a 2 GiB dblp extract holds about 40 million).
MAX_XML_ELEMENTS = 50_000_000

#: Below this many papers the topic analysis runs in the building process, even with workers:
#: a fresh child costs about a second (an interpreter, kg's imports, the texts pickled across)
#: that it saves only once the topics take longer than that (benchmarks/child_bench.py measures
#: where; the figures are in benchmarks/README.md). Tests set it to 0 to force the child path.
TOPICS_CHILD_MIN_PAPERS = 20_000
