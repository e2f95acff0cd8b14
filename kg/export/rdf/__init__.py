"""RDF exports of the graph (DESIGN.md contract 3): Turtle, N-Triples and JSON-LD, one module each.

The graph is described once, by :func:`kg.export.rdf.describe.descriptions`: a stream of
``(subject, pairs)`` tuples (a subject and its predicate-object pairs, in a fixed order). The
description code builds every term through a *syntax*, which renders it straight away:
:class:`~kg.export.rdf.structured.Structured` gives :class:`~kg.export.rdf.iris.IRI` and
:class:`~kg.export.rdf.literals.Literal` tuples (for JSON-LD, tests and rdflib);
:class:`~kg.export.rdf.ntriples.NTriples` and :class:`~kg.export.rdf.turtle.Turtle` give the UTF-8
bytes those files hold. So the writers only join bytes: each node's IRI is rendered once, the
vocabulary once per export, each literal is escaped and encoded once, and no term object is built
per triple, which is what makes them fast on large graphs (``benchmarks/rdf_bench.py``). Nothing is
held in an rdflib Graph and nothing but the current subject is held in memory.

The modules, one job each:

- :mod:`~kg.export.rdf.vocabulary`: namespaces, prefixes, datatypes, the ``kg:`` terms of attributes
- :mod:`~kg.export.rdf.iris`: node IRIs from node keys, links encoded as IRIs, the base IRI
- :mod:`~kg.export.rdf.literals`: literals by kind of value, and their escaping
- :mod:`~kg.export.rdf.paper_ids`: the paper id schemes (``schema:identifier``, ``schema:sameAs``)
- :mod:`~kg.export.rdf.describe`: the graph as descriptions, through a syntax
- :mod:`~kg.export.rdf.structured`: the syntax of term tuples
- :mod:`~kg.export.rdf.streaming`: the byte writers' bounded writes
- :mod:`~kg.export.rdf.ntriples`, :mod:`~kg.export.rdf.turtle`, :mod:`~kg.export.rdf.jsonld`: a
  syntax and a writer per format (``write_*_to`` a handle, ``write_*`` the export of EXPORTERS)

The package itself holds nothing but this overview.
"""
