"""``kg build --authors FILE``: the user's same-person and not-the-same-person rules, by name,
name + organisation and ORCID, applied before author resolution and cited as the reason."""

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.explain import explain_author
from kg.resolve import AuthorRulesError, load_author_rules

DATA = Path(__file__).parent / "data" / "authors"
PEOPLE = DATA / "people.bib"
WEI_WANG = DATA / "openalex_wei_wang.jsonl"


def graph(path, rules=None):
    return kg.build([str(path)], analyses=False, authors_file=rules).graph


def authors(G):
    return sorted(n for n, d in G.nodes(data=True) if d["type"] == "Author")


def papers_of(G, author):
    return sorted(G.nodes[v]["title"] for _, v, k in G.out_edges(author, keys=True) if k == "AUTHORED")


def wei_wangs(G):
    """The Wei Wangs: (ORCID, titles of their papers), sorted."""
    return sorted(
        (G.nodes[a].get("orcid") or "", papers_of(G, a))
        for a in authors(G)
        if a.startswith("author:wei wang")
    )


# --------------------------------------------------------------------------- same


def test_a_same_rule_merges_spellings_that_stay_apart_without_it():
    assert {"author:j leskovec", "author:jure leskovec"} <= set(authors(graph(PEOPLE)))
    G = graph(PEOPLE, DATA / "same_leskovec.csv")
    assert "author:j leskovec" not in authors(G)
    assert papers_of(G, "author:jure leskovec") == ["Graph Widgets", "Widget Graphs"]
    [merge] = [m for m in G.graph["merges"] if m["into"] == "author:jure leskovec"]
    assert merge["merged"] == "J. Leskovec"
    assert merge["reason"] == (
        f"rule {DATA / 'same_leskovec.csv'}:2: 'J. Leskovec' is 'Jure Leskovec' (his CV lists Widget Graphs)"
    )
    text = explain_author(G, "J. Leskovec")
    assert "same_leskovec.csv:2" in text and "his CV lists Widget Graphs" in text


# --------------------------------------------------------------------------- different


def test_a_different_rule_splits_one_name_key_and_the_split_holds():
    merged = graph(PEOPLE)
    assert papers_of(merged, "author:seung jae shin") == ["Names in Syllables", "Syllables in Names"]
    G = graph(PEOPLE, DATA / "different_shin.csv")
    assert papers_of(G, "author:seung jae shin") == ["Syllables in Names"]
    assert papers_of(G, "author:seungjae shin") == ["Names in Syllables"]
    assert not [m for m in G.graph["merges"] if "shin" in m["into"]]
    [near] = [n for n in G.graph["near_misses"] if "shin" in n["a"]]
    assert {near["a"], near["b"]} == {"author:seung jae shin", "author:seungjae shin"}
    assert "different_shin.csv:3" in near["reason"] and "two students of one lab" in near["reason"]
    assert "kept apart (1):" in explain_author(G, "Seungjae Shin")


def test_an_orcid_rule_splits_the_people_of_two_orcids():
    assert wei_wangs(graph(WEI_WANG)) == [
        ("0000-0002-1825-0097", ["Graph Sketches", "Protein Sketches", "Sketches of Graphs"])
    ]
    G = graph(WEI_WANG, DATA / "different_orcid.csv")
    assert wei_wangs(G) == [
        ("", ["Sketches of Graphs"]),  # no ORCID: neither of the two
        ("0000-0001-5109-3700", ["Protein Sketches"]),
        ("0000-0002-1825-0097", ["Graph Sketches"]),
    ]
    [near] = [n for n in G.graph["near_misses"] if n["kind"] == "author"]
    assert "with ORCID 0000-0002-1825-0097 is not the author with ORCID 0000-0001-5109-3700" in near["reason"]


def test_a_toml_rule_by_name_and_organisation_resolves_aliases():
    G = graph(WEI_WANG, DATA / "different_org.toml")  # "MIT" is Massachusetts Institute of Technology
    assert wei_wangs(G) == [
        ("0000-0001-5109-3700", ["Protein Sketches"]),
        ("0000-0002-1825-0097", ["Graph Sketches", "Sketches of Graphs"]),  # both at Tsinghua
    ]
    [near] = [n for n in G.graph["near_misses"] if n["kind"] == "author"]
    assert "'Wei Wang' at 'Tsinghua University' is not 'Wei Wang' at 'MIT' (two labs)" in near["reason"]


def test_rules_change_nothing_they_do_not_name():
    plain, ruled = graph(PEOPLE), graph(PEOPLE, DATA / "different_orcid.csv")
    assert authors(plain) == authors(ruled)


# --------------------------------------------------------------------------- bad files


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("bad_column.csv", "bad_column.csv:1: unknown column 'affiliation'"),
        ("bad_rule.csv", "bad_rule.csv:2: rule 'maybe' is neither 'same' nor 'different'"),
        ("bad_orcid.csv", "bad_orcid.csv:2: orcid '0000-0002-1825-0098' is not an ORCID"),
        ("bad_key.toml", "bad_key.toml [[same]] #1: unknown key 'other'"),
        ("missing.csv", "missing.csv: cannot read it"),
    ],
)
def test_a_bad_rules_file_is_one_line_and_exit_2_before_any_work(name, message, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(PEOPLE), "-o", str(out), "--authors", str(DATA / name)])
    assert result.exit_code == 2
    [line] = result.output.strip().splitlines()
    assert line.startswith("error: --authors: ") and message in line
    assert not out.exists()
    with pytest.raises(AuthorRulesError, match=re.escape(message)):
        kg.build([str(PEOPLE)], analyses=False, authors_file=DATA / name)


def test_a_folder_as_rules_file_is_one_line_and_exit_2(tmp_path):
    args = ["build", str(PEOPLE), "-o", str(tmp_path / "o"), "--authors", str(DATA)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert result.output.strip() == f"error: --authors: {DATA} is a folder, not a rules file"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("rule,name,other_name\ndifferent,Ann Lee,ann  lee\n", "both sides are 'Ann Lee'"),
        ("rule,name,other_name\nsame,,Ann Lee\n", "give name or orcid"),
        ("rule,org,other_name\nsame,MIT,Ann Lee\n", "org needs name"),
        ("rule,name\nsame,Ann Lee,x,y\n", "4 cells, the header names 2"),
        ("name,other_name\nAnn Lee,Bo Kim\n", "needs a 'rule' column"),
    ],
)
def test_unsound_rules_are_refused(text, message, tmp_path):
    path = tmp_path / "rules.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AuthorRulesError, match=message):
        load_author_rules(path)


def test_kg_explain_with_inputs_takes_the_rules_too():
    result = CliRunner().invoke(
        main,
        [
            "explain",
            "author",
            "J.",
            "Leskovec",
            "-i",
            str(PEOPLE),
            "--authors",
            str(DATA / "same_leskovec.csv"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Author: Jure Leskovec" in result.output and "same_leskovec.csv:2" in result.output


@pytest.mark.parametrize("fence", ["csv", "toml"])
def test_the_readme_examples_are_valid_rules(fence, tmp_path):
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("**Author rules.**") :]
    block = section[
        section.index(f"```{fence}\n") + len(fence) + 4 : section.index("```\n", section.index(f"```{fence}"))
    ]
    path = tmp_path / f"rules.{fence}"
    path.write_text(block, encoding="utf-8")
    rules = load_author_rules(path).rules
    assert [r.kind for r in rules] == (
        ["same", "different", "different", "different"] if fence == "csv" else ["same", "different"]
    )


def test_a_name_at_an_organisation_against_the_bare_name_takes_the_narrower_side(tmp_path):
    rules = tmp_path / "rules.csv"
    rules.write_text("rule,name,org,other_name\ndifferent,Wei Wang,Tsinghua University,Wei Wang\n", "utf-8")
    G = graph(WEI_WANG, rules)
    assert wei_wangs(G) == [
        ("0000-0001-5109-3700", ["Protein Sketches"]),  # not at Tsinghua
        ("0000-0002-1825-0097", ["Graph Sketches", "Sketches of Graphs"]),
    ]
    [near] = [n for n in G.graph["near_misses"] if n["kind"] == "author"]
    assert "'Wei Wang' at 'Tsinghua University' is not 'Wei Wang': kept apart" in near["reason"]
