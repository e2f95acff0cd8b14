"""kg.sparql's sandbox and limits: SERVICE, LOAD and FROM are refused by both engines before
they reach out (rdflib's own guards too), rows stop at the limit with a notice, a query past its
time is stopped, and syntax errors are one line."""

from __future__ import annotations

import socket
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import make_tiny_graph, rdf_exports

from kg.cli import main
from kg.errors import KgError
from kg.sparql import (
    ENGINES,
    Limits,
    LoadedGraph,
    QueryTimeout,
    SandboxError,
    SparqlEngine,
    execute,
    load_graph,
)
from kg.sparql import rdflib_engine as rdflib_module
from kg.sparql.sandbox import check_sandbox

CROSS = "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> dict[str, Path]:
    return rdf_exports(make_tiny_graph(), tmp_path_factory.mktemp("exports"))


@pytest.fixture(scope="module")
def graphs(exports) -> dict[str, LoadedGraph]:
    return {engine: load_graph(exports["kg.ttl"], engine) for engine in ENGINES}


@pytest.fixture
def outside(tmp_path) -> Path:
    """A Turtle file outside the loaded graph, with a triple a leak would show."""
    path = tmp_path / "secret.ttl"
    path.write_text("<http://example.org/s> <http://example.org/p> 'secret' .\n", encoding="utf-8")
    return path


@pytest.fixture
def closed_port() -> int:
    """A local port nothing listens on: a connection to it is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_every_engine_in_the_table_is_a_sparql_engine():
    assert list(ENGINES) == ["oxigraph", "rdflib"]
    for name, engine in ENGINES.items():
        assert isinstance(engine, SparqlEngine) and engine.name == name


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    "query, clause",
    [
        ("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
        ("SELECT * { service silent <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
        ("SELECT * { ?x ?y ?z OPTIONAL { SERVICE ?endpoint { ?s ?p ?o } } }", "SERVICE"),
        ("SELECT * { \\u0053ERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
        ('SELECT * { ?s ?p "\\u0022" SERVICE <http://example.org/sparql> { ?s ?p ?o } }', "SERVICE"),
        ("LOAD <file:///etc/hostname>", "LOAD"),
        ("SELECT * FROM <{outside}> { ?s ?p ?o }", "FROM <"),
        ("SELECT * FROM NAMED <{outside}> { GRAPH ?g { ?s ?p ?o } }", "FROM NAMED <"),
        ("ASK FROM <https://w3id.org/kg/id/> { ?s ?p ?o }", "FROM <"),
    ],
)
def test_what_would_read_outside_the_graph_is_refused(graphs, outside, engine, query, clause):
    query = query.replace("{outside}", outside.as_uri())
    with pytest.raises(SandboxError) as caught:
        execute(graphs[engine], query)
    message = str(caught.value)
    assert isinstance(caught.value, KgError)
    assert message.startswith(clause) and "refused" in message and "\n" not in message


@pytest.mark.parametrize("engine", ENGINES)
def test_the_words_in_strings_comments_and_names_are_not_clauses(graphs, engine):
    query = """PREFIX ex: <http://example.org/>
        # SERVICE <http://example.org/sparql> and FROM <file:///etc/hostname>
        SELECT ?from WHERE { ?from a schema:Person ; schema:name ?n
          FILTER (?n != "SERVICE <x> LOAD <y>" && ?n != 'FROM')
          OPTIONAL { ?from ex:service ?load } }"""
    assert len(execute(graphs[engine], query).rows) == 5


def test_allowed_service_still_refuses_what_is_not_http():
    check_sandbox("SELECT * { SERVICE <https://example.org/sparql> { ?s ?p ?o } }", allow_service=True)
    with pytest.raises(SandboxError, match="only http"):
        check_sandbox("SELECT * { SERVICE <file:///etc/hostname> { ?s ?p ?o } }", allow_service=True)


def test_rdflib_refuses_from_its_algebra_when_the_scan_is_bypassed(graphs, outside, monkeypatch):
    monkeypatch.setattr(rdflib_module, "check_sandbox", lambda query, allow_service: None)
    for query in (
        f"SELECT * FROM <{outside.as_uri()}> {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <{outside.as_uri()}> {{ ?s ?p ?o }}",
        "SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    ):
        with pytest.raises(SandboxError):
            execute(graphs["rdflib"], query)


def test_rdflib_evaluation_opens_no_url_nor_file(outside):
    """The audit hook in force while rdflib evaluates: urllib, sockets and data files refused."""
    with pytest.raises(SandboxError):
        rdflib_module._sandboxed(lambda: urllib.request.urlopen(outside.as_uri()), "strict")
    with pytest.raises(SandboxError):
        rdflib_module._sandboxed(lambda: outside.read_text(encoding="utf-8"), "service")
    assert "secret" in outside.read_text(encoding="utf-8")  # outside evaluation, open works


@pytest.mark.parametrize("engine", ENGINES)
def test_rows_stop_at_the_limit_and_say_so(graphs, engine):
    result = execute(graphs[engine], CROSS, Limits(rows=7))
    assert len(result.rows) == 7 and result.truncated
    every = execute(graphs[engine], "SELECT * { ?p schema:author ?a }", Limits(rows=1000))
    assert 0 < len(every.rows) < 1000 and not every.truncated
    construct = execute(graphs[engine], "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", Limits(rows=3))
    assert len(construct.rows) == 3 and construct.truncated


def test_reading_rows_stops_at_the_deadline():
    from kg.sparql import _read_rows
    from kg.sparql.engine import Answer

    def endless():
        row = (None,)
        while True:
            yield row

    with pytest.raises(QueryTimeout, match="--timeout 0.2"):
        _read_rows(Answer("SELECT", ("x",), endless()), Limits(timeout=0.2, rows=None), deadline_in(0.2))


def deadline_in(seconds: float) -> float:
    import time

    return time.monotonic() + seconds


def test_cli_refuses_service_with_exit_2(exports):
    result = CliRunner().invoke(
        main, ["query", str(exports["kg.ttl"]), "SELECT * { SERVICE <http://example.org/s> { ?s ?p ?o } }"]
    )
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "error: SERVICE refused: kg query answers from the loaded graph alone;"
        " --allow-service lets it query remote endpoints"
    ]


def test_cli_rejects_a_bad_timeout_or_limit(exports):
    for option, value in (("--timeout", "0"), ("--limit", "0")):
        result = CliRunner().invoke(main, ["query", str(exports["kg.ttl"]), "ASK {}", option, value])
        assert result.exit_code == 2 and option in result.output


@pytest.mark.slow
@pytest.mark.parametrize("engine", ENGINES)
def test_cli_limit_prints_the_rows_so_far_and_a_notice(exports, engine):
    result = CliRunner().invoke(
        main, ["query", str(exports["kg.ttl"]), CROSS, "--limit", "4", "--timeout", "1", "--engine", engine]
    )
    assert result.exit_code == 0, result.output
    assert "(4 rows)" in result.stdout
    assert result.stderr.strip() == "note: stopped at 4 rows (--limit 4); the query has more"


@pytest.mark.slow
@pytest.mark.parametrize("engine", ENGINES)
def test_cli_timeout_stops_a_query_busy_before_its_first_row(exports, engine):
    busy = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    result = CliRunner().invoke(
        main, ["query", str(exports["kg.ttl"]), busy, "--timeout", "1", "--engine", engine]
    )
    assert result.exit_code == 1
    assert result.output.strip() == (
        "error: query stopped after 1 s (--timeout 1); narrow it down or give it more time with --timeout"
    )


@pytest.mark.slow
@pytest.mark.parametrize("engine", ENGINES)
def test_cli_allowed_service_that_fails_is_one_line(exports, engine, closed_port):
    query = f"SELECT * {{ SERVICE <http://127.0.0.1:{closed_port}/sparql> {{ ?s ?p ?o }} }}"
    result = CliRunner().invoke(
        main, ["query", str(exports["kg.ttl"]), query, "--allow-service", "--engine", engine]
    )
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: query failed:") and "refused" in lines[0].lower()


@pytest.mark.slow
def test_cli_syntax_error_is_one_line_naming_the_missing_dot(exports):
    result = CliRunner().invoke(main, ["query", str(exports["kg.ttl"]), "SELECT * {\n ?a ?b ?c  ?d ?e ?f }"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "error: syntax error at line 2, column 12: missing '.' before '?d', which starts a new triple"
        " pattern (oxigraph: unexpected '?f'; expected OPTIONAL)"
    ]
