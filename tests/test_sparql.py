"""kg/sparql.py and ``kg query``: both engines give the same results, prefixes are predeclared,
syntax errors say where, the three output formats are right and escape what they show."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import make_tiny_graph, rdf_exports

from kg.cli import main
from kg.sparql import (
    ENGINES,
    QueryError,
    QuerySyntaxError,
    Value,
    execute,
    format_result,
    load_graph,
    read_query,
)

BASE = "https://w3id.org/kg/id/"


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> dict[str, Path]:
    G = make_tiny_graph()
    G.nodes["author:a"].update(pagerank=0.25, community=0)
    G.nodes["author:c"].update(pagerank=0.5, community=0)
    G.nodes["paper:t-2"]["title"] = 'Parsing "Sentences"\nQuickly\x1b[31m'
    return rdf_exports(G, tmp_path_factory.mktemp("exports"))


@pytest.fixture(scope="module")
def graphs(exports):
    return {engine: load_graph(exports["kg.ttl"], engine) for engine in ENGINES}


QUERIES = {
    "coauthors": """SELECT ?name (COUNT(DISTINCT ?p) AS ?shared) WHERE {
                      ?p schema:author <author/c>, ?o . ?o schema:name ?name FILTER (?o != <author/c>) }
                    GROUP BY ?name ORDER BY DESC(?shared) ?name""",
    "optional": """SELECT ?name ?pr WHERE { ?a a schema:Person ; schema:name ?name .
                     OPTIONAL { ?a kg:pageRank ?pr } } ORDER BY ?name""",
    "numbers": """SELECT ?avg ?total ?max WHERE {
                    { SELECT (AVG(?n) AS ?avg) (MAX(?n) AS ?max) WHERE { ?a kg:paperCount ?n } }
                    { SELECT (SUM(?pr) AS ?total) WHERE { ?b kg:pageRank ?pr } } }""",
    "languages": """SELECT ?label WHERE { <topic/arxiv-cs.CV> skos:prefLabel ?label } ORDER BY ?label""",
    "dates": """SELECT ?title ?date WHERE { ?p rdfs:label ?title ; schema:datePublished ?date
                  FILTER (STRSTARTS(STR(?date), "2022")) } ORDER BY ?title""",
    "unordered": "SELECT ?s ?o WHERE { ?s kg:position ?o }",
    "ask_yes": "ASK { <paper/t-1> kg:hasCode true }",
    "ask_no": "ASK { <paper/t-2> kg:hasCode true }",
    "construct": """CONSTRUCT { ?a schema:knows ?b } WHERE { ?p schema:author ?a, ?b FILTER (?a != ?b) }""",
    "describe": "DESCRIBE <author/a>",
    "describe_where": "DESCRIBE ?code WHERE { ?code a schema:SoftwareSourceCode }",
}


@pytest.mark.parametrize("name", list(QUERIES))
def test_both_engines_give_the_same_results(graphs, name):
    results = {engine: execute(loaded, QUERIES[name]) for engine, loaded in graphs.items()}
    ox, rl = results["oxigraph"], results["rdflib"]
    assert ox.form == rl.form and ox.variables == rl.variables and ox.boolean == rl.boolean
    if "ORDER BY" in QUERIES[name] or ox.form != "SELECT":
        assert ox.rows == rl.rows
    else:
        assert sorted(map(repr, ox.rows)) == sorted(map(repr, rl.rows))
    assert ox.form == "ASK" or ox.rows


def test_results_are_what_the_tiny_graph_holds(graphs):
    for loaded in graphs.values():
        coauthors = execute(loaded, QUERIES["coauthors"])
        assert [(r[0].value, r[1].value) for r in coauthors.rows] == [
            ("Ada Lovelace", "2"),
            ("Bo Chen", "1"),
            ("Di Park", "1"),
        ]
        numbers = execute(loaded, QUERIES["numbers"]).rows[0]
        assert [(v.value, v.datatype.rsplit("#")[1]) for v in numbers] == [
            ("1.8", "decimal"),
            ("0.75", "double"),
            ("3", "integer"),
        ]
        assert execute(loaded, QUERIES["ask_yes"]).boolean is True
        assert execute(loaded, QUERIES["ask_no"]).boolean is False
        labels = execute(loaded, QUERIES["languages"]).rows
        assert [(v.value, v.lang) for (v,) in labels] == [
            ("Computer Vision and Pattern Recognition", "en"),
            ("计算机视觉", "zh"),
        ]
        described = execute(loaded, QUERIES["describe"])
        assert described.form == "DESCRIBE"
        assert {r[0].value for r in described.rows} == {BASE + "author/a"}
        assert Value("literal", "Ada Lovelace") in {r[2] for r in described.rows}


def test_every_file_format_gives_the_same_answers(exports):
    answers = {
        (name, engine): execute(load_graph(path, engine), QUERIES["optional"]).rows
        for name, path in exports.items()
        for engine in ENGINES
    }
    assert len(set(answers.values())) == 1


def test_a_prefix_the_query_declares_wins_over_the_predeclared_one(graphs):
    for loaded in graphs.values():
        own = execute(loaded, "PREFIX schema: <http://example.org/> SELECT * WHERE { ?a a schema:Person }")
        assert own.rows == ()
        assert len(execute(loaded, "SELECT * WHERE { ?a a schema:Person }").rows) == 5


def test_res_and_relative_iris_follow_the_base_the_export_was_written_under(tmp_path):
    base = "http://example.org/my-kg/"
    path = rdf_exports(make_tiny_graph(), tmp_path, base)["kg.nt"]
    for engine in ENGINES:
        loaded = load_graph(path, engine)
        assert loaded.base == base and loaded.prefixes["res"] == base
        rows = execute(loaded, "SELECT ?n WHERE { <author/a> schema:name ?n }").rows
        assert rows == ((Value("literal", "Ada Lovelace"),),)
        assert execute(loaded, "ASK { ?p schema:author ?a FILTER (STRSTARTS(STR(?a), STR(res:))) }").boolean


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    "query, line, column, words",
    [
        ("SELECT ?x WHERE {\n  ?x schema:name ?n .\n  FILTER (?n = ) }", 3, None, ["unexpected"]),
        ("SELECT ?x WHERE { ?x a foo:Bar }", 1, 24, ["unknown prefix 'foo:'", "PREFIX foo:"]),
        ("\n\nSELEC ?x WHERE { ?x ?y ?z }", 3, None, []),
        ("ASK { ?x ?y ?z ", 1, None, []),
        ("SELECT * {\n ?a ?b ?c  ?d ?e ?f }", 2, 12, ["missing '.' before '?d'"]),
        ("SELECT * { ?a schema:name ?n ; schema:url ?u ?v }", 1, 46, ["missing '.' before '?v'"]),
    ],
)
def test_syntax_errors_say_line_and_column(graphs, engine, query, line, column, words):
    with pytest.raises(QuerySyntaxError) as caught:
        execute(graphs[engine], query)
    error = caught.value
    assert error.line == line
    if column is not None:
        assert error.column == column
    assert 1 <= error.column <= len(query.splitlines()[line - 1]) + 1
    text = str(error)
    assert text.startswith(f"syntax error at line {line}, column {error.column}:")
    assert "\n" not in text  # one line, the engine's message and where
    for word in words:
        assert word in text


def test_csv_follows_sparql_1_1_csv(graphs):
    result = execute(graphs["oxigraph"], QUERIES["optional"])
    text = format_result(result, "csv")
    assert text.startswith("name,pr\r\n")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1] == ["Ada Lovelace", "0.25"] and rows[2] == ["Bo Chen", ""]


def test_json_follows_sparql_1_1_json_results(graphs):
    data = json.loads(format_result(execute(graphs["rdflib"], QUERIES["optional"]), "json"))
    assert data["head"]["vars"] == ["name", "pr"]
    first, second = data["results"]["bindings"][:2]
    assert first == {
        "name": {"type": "literal", "value": "Ada Lovelace"},
        "pr": {"type": "literal", "value": "0.25", "datatype": "http://www.w3.org/2001/XMLSchema#double"},
    }
    assert "pr" not in second
    assert json.loads(format_result(execute(graphs["rdflib"], QUERIES["ask_no"]), "json")) == {
        "head": {},
        "boolean": False,
    }


def test_table_shows_control_characters_escaped_and_iris_short(graphs):
    result = execute(
        graphs["oxigraph"], "SELECT ?p ?t WHERE { ?p schema:name ?t FILTER (CONTAINS(?t, 'Parsing')) }"
    )
    table = format_result(result, "table", graphs["oxigraph"].base)
    assert "\x1b" not in table and 'Parsing "Sentences"\\nQuickly\\u001b[31m' in table
    assert "<paper/t-2>" in table and table.endswith("(1 row)")


def test_construct_prints_sorted_n_triples(graphs):
    out = format_result(execute(graphs["rdflib"], QUERIES["construct"]), "table")
    lines = out.splitlines()
    assert lines == sorted(lines) and len(lines) == 10
    assert f"<{BASE}author/a> <https://schema.org/knows> <{BASE}author/b> ." in lines


def test_unknown_extensions_and_missing_files_are_refused(tmp_path):
    with pytest.raises(QueryError, match="from its extension"):
        load_graph(tmp_path / "graph.xyz")
    with pytest.raises(QueryError, match="does not exist"):
        load_graph(tmp_path / "missing.ttl")
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .\n", encoding="utf-8")
    for engine in ENGINES:
        with pytest.raises(QueryError, match="cannot read"):
            load_graph(broken, engine)


def test_read_query_takes_text_or_a_file(tmp_path):
    (tmp_path / "q.rq").write_text("\ufeffASK {}", encoding="utf-8")
    assert read_query(f"@{tmp_path / 'q.rq'}") == "ASK {}"
    assert read_query("ASK {}") == "ASK {}"
    with pytest.raises(QueryError, match="cannot read query file"):
        read_query(f"@{tmp_path / 'none.rq'}")


# ----------------------------------------------------------------------------------------- CLI


def test_cli_query_prints_a_table(exports):
    result = CliRunner().invoke(main, ["query", str(exports["kg.ttl"]), QUERIES["coauthors"]])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[2].split() == ["Ada", "Lovelace", "2"]


def test_cli_query_reads_a_query_file_and_writes_json(exports, tmp_path):
    (tmp_path / "q.rq").write_text(QUERIES["ask_yes"], encoding="utf-8")
    for engine in ENGINES:
        result = CliRunner().invoke(
            main,
            [
                "query",
                str(exports["kg.jsonld"]),
                f"@{tmp_path / 'q.rq'}",
                "--format",
                "json",
                "--engine",
                engine,
            ],
        )
        assert result.exit_code == 0, result.output
        assert json.loads(result.output) == {"head": {}, "boolean": True}


def test_cli_syntax_error_exits_2_with_position_and_no_traceback(exports):
    result = CliRunner().invoke(main, ["query", str(exports["kg.nt"]), "SELECT ?x WHERE {\n ?x ?y }"])
    assert result.exit_code == 2
    assert "syntax error at line 2, column" in result.output
    assert "Traceback" not in result.output


def test_cli_missing_graph_or_query_file(exports, tmp_path):
    missing = CliRunner().invoke(main, ["query", str(tmp_path / "none.ttl"), "ASK {}"])
    assert missing.exit_code == 1 and "does not exist" in missing.output
    no_query = CliRunner().invoke(main, ["query", str(exports["kg.ttl"]), "@/nonexistent/q.rq"])
    assert no_query.exit_code == 2 and "cannot read query file" in no_query.output
