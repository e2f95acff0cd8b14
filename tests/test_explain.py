"""``kg explain``: sources, spellings, merge reasons and near misses; unknown names exit 1."""

from pathlib import Path

import pytest
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.explain import NotFound, explain_author, explain_paper

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DIGEST = SEEDS / "004_19cb0c8271dea555.txt"
BIB = Path(__file__).parent / "data" / "resolve" / "itemsage_full_names.bib"


@pytest.fixture(scope="module")
def seeds_graph():
    return kg.build([str(SEEDS)], analyses=False).graph


def test_author_shows_spellings_sources_and_merge_reason(seeds_graph):
    text = explain_author(seeds_graph, "Seung jae Shin")
    assert text.startswith("Author: Seungjae Shin  (author:seungjae shin)")
    assert "Seung jae Shin; Seungjae Shin" in text
    assert "003_87569abedee599f0.txt:299" in text  # where the other spelling is
    assert "same name up to case, accents, spacing and hyphens" in text
    assert "Bivariate Beta-LSTM" in text


def test_author_merged_from_initials_shows_the_evidence():
    G = kg.build([str(DIGEST), str(BIB)], analyses=False).graph
    text = explain_author(G, "J Leskovec")
    assert "author:jure leskovec" in text and "initials corroborated" in text
    assert "at author position 5" in text and "itemsage_full_names.bib" in text
    assert "member of:" in text and "Pinterest" in text


def test_paper_by_title_shows_sources_and_near_miss(seeds_graph):
    text = explain_paper(
        seeds_graph,
        "kosbi: a dataset for mitigating social bias risks towards safer large language model application",
    )
    assert "000_5a6d834f1bbc5bd4.txt:91" in text
    assert "list cut short" in text
    assert "kept apart (1)" in text and "SQuARe" in text and "different titles" in text


def test_paper_merged_from_an_untitled_abstract(seeds_graph):
    text = explain_paper(seeds_graph, "HyperCLOVA X Technical Report")
    assert "002_1d9aa526be2d4ad4.txt:1" in text and "abstract matches" in text


def test_paper_by_arxiv_id(seeds_graph):
    assert "ItemSage" in explain_paper(seeds_graph, "arXiv:2205.11728v1")


def test_unknown_author_gives_closest_matches(seeds_graph):
    with pytest.raises(NotFound) as caught:
        explain_author(seeds_graph, "Kyungwo Song")
    assert "Kyungwoo Song" in caught.value.suggestions and "Kyungwoo Song" in str(caught.value)


def test_cli_explain_from_inputs():
    result = CliRunner().invoke(main, ["explain", "author", "Jung-Woo", "Ha", "-i", str(SEEDS)])
    assert result.exit_code == 0, result.output
    assert "Author: Jung-Woo Ha  (author:jung-woo ha)" in result.output


def test_cli_explain_from_saved_graph(tmp_path):
    from kg.export import ExportOptions, export_all

    export_all(kg.build([str(SEEDS)], analyses=False), tmp_path, ExportOptions(), only=["graph-json"])
    result = CliRunner().invoke(
        main,
        [
            "explain",
            "paper",
            "KLUE: Korean Language Understanding Evaluation",
            "--graph",
            str(tmp_path / "graph.json"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Sungjoon Park" in result.output


def test_cli_unknown_name_exits_1_with_suggestions():
    result = CliRunner().invoke(main, ["explain", "author", "Jure", "Leskovek", "-i", str(DIGEST)])
    assert result.exit_code == 1
    assert "no author named 'Jure Leskovek'" in result.output and "J Leskovec" in result.output


def test_cli_missing_graph_file_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["explain", "author", "X", "--graph", str(tmp_path / "none.json")])
    assert result.exit_code == 1 and "kg build" in result.output


FORMATS = Path(__file__).parent / "data" / "formats"


def test_orcid_merge_and_paper_ids_are_explained():
    G = kg.build(
        [
            str(FORMATS / "openalex_work.json"),
            str(FORMATS / "openalex_page.json"),
            str(FORMATS / "dblp_records.xml"),
        ],
        analyses=False,
    ).graph
    text = explain_author(G, "J. Leskovec")
    assert "'J. Leskovec': same ORCID 0000-0002-5411-923X" in text
    assert "openalex_page.json:10" in text
    paper = explain_paper(G, "W4283389112")  # found by its OpenAlex id
    assert paper.startswith("Paper: ItemSage")
    assert "arXiv 2205.11728; DOI 10.1145/3534678.3539170" in paper
    assert "other ids: dblp conf/kdd/BaltescuCPZLR22; mag 4283389112; openalex W4283389112" in paper


def test_dblp_homonyms_are_explained():
    resolve_data = Path(__file__).parent / "data" / "resolve"
    G = kg.build(
        [
            str(FORMATS / "dblp_person.xml"),
            str(resolve_data / "fulop_0002.xml"),
            str(resolve_data / "fulop_bare.bib"),
        ],
        analyses=False,
    ).graph
    text = explain_author(G, "Zoltán Fülöp")
    assert text.startswith("Author: Zoltán Fülöp  (author:zoltan fulop)")
    assert "kept apart (2):" in text and "no dblp homonym number" in text
    assert "author:zoltan fulop 0002" in text
