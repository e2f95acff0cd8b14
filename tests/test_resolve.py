"""Entity resolution: the merges that must happen, the ones that must not, and their reasons."""

import hashlib
from pathlib import Path

import pytest

from kg.extract import extract_paths
from kg.model import AuthorRef, Extraction, FileExtraction, OrgRef, PaperRecord, Source
from kg.resolve import resolve

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).parent / "data" / "resolve"
DIGEST = SEEDS / "004_19cb0c8271dea555.txt"


def resolved(*paths, aliases=None):
    return resolve(extract_paths([str(p) for p in paths]), aliases)


@pytest.fixture(scope="module")
def seeds():
    return resolved(SEEDS)


def by_title(resolution, title):
    [paper] = [p for p in resolution.papers if p.title == title]
    return paper


def author(resolution, author_id):
    [a] = [a for a in resolution.authors if a.id == author_id]
    return a


def ids(items):
    return {i.id for i in items}


def files_of(*groups):
    """FileExtractions made of records built in the test: groups of (file, [records])."""
    return [
        FileExtraction(file, "test", "utf-8", Extraction(records=tuple(records))) for file, records in groups
    ]


def record(file, line, title=None, authors=(), **fields):
    return PaperRecord(
        Source(file, line, "test"), title=title, authors=tuple(AuthorRef(a) for a in authors), **fields
    )


# --------------------------------------------------------------------------- papers, on the seeds


def test_untitled_abstract_joins_the_titled_paper(seeds):
    paper = by_title(seeds, "HyperCLOVA X Technical Report")
    files = sorted(Path(s.file).name for s in paper.sources)
    assert files == ["000_5a6d834f1bbc5bd4.txt", "002_1d9aa526be2d4ad4.txt"]
    [merge] = [m for m in seeds.merges if m.kind == "paper" and m.into == paper.id]
    assert "abstract" in merge.reason and merge.merged.endswith("002_1d9aa526be2d4ad4.txt:1")
    # 10 + 6 untitled abstracts in seeds/001 and 002; one of them is the HyperCLOVA X report
    assert sum(1 for p in seeds.papers if p.title is None) == 15


def test_same_date_same_authors_different_papers_stay_apart(seeds):
    kosbi = by_title(
        seeds,
        "KoSBi: A Dataset for Mitigating Social Bias Risks Towards Safer Large Language Model Application",
    )
    square = by_title(
        seeds,
        "SQuARe: A Large-Scale Dataset of Sensitive Questions and Acceptable "
        "Responses Created Through Human-Machine Collaboration",
    )
    assert kosbi.id != square.id and kosbi.date == square.date == "2023-05-28"
    assert [a.author for a in kosbi.authorships] == [a.author for a in square.authorships]
    [near] = [n for n in seeds.near_misses if {n.a, n.b} == {kosbi.id, square.id}]
    assert near.kind == "paper" and "different titles" in near.reason


def test_paper_ids_follow_the_design(seeds):
    itemsage = [p for p in seeds.papers if p.arxiv_id == "2205.11728"][0]
    assert itemsage.id == "paper:arxiv-2205.11728"
    report = by_title(seeds, "HyperCLOVA X Technical Report")
    assert report.id == "paper:t-" + hashlib.sha1(b"hyperclova x technical report").hexdigest()[:16]
    untitled = [p for p in seeds.papers if p.title is None]
    assert all(p.id.startswith("paper:a-") and len(p.id) == len("paper:a-") + 16 for p in untitled)
    assert untitled[0].label.startswith("[untitled] ")


def test_cut_lists_stay_cut_on_the_seeds(seeds):
    paper = by_title(seeds, "Generator Knows What Discriminator Should Learn in Unconditional GANs")
    assert paper.authors_truncated and paper.listed_author_count == 3
    whole = by_title(seeds, "Contrastive Fine-grained Class Clustering via Generative Adversarial Networks")
    assert not whole.authors_truncated and whole.listed_author_count == 2


# --------------------------------------------------------------------------- authors


def test_spellings_of_one_person_merge_with_reason(seeds):
    shin = author(seeds, "author:seungjae shin")
    assert shin.name == "Seungjae Shin" and shin.name_variants == ("Seung jae Shin", "Seungjae Shin")
    kim = author(seeds, "author:yoon-yeong kim")
    assert kim.name_variants == ("Yoon-Yeong Kim", "YoonYeong Kim")
    merge = [m for m in seeds.merges if m.merged == "Seung jae Shin"][0]
    assert merge.kind == "author" and merge.into == shin.id and "spacing" in merge.reason
    assert "name key 'seungjae shin'" in merge.reason
    assert [Path(e).name for e in merge.evidence] == ["003_87569abedee599f0.txt:299"]


def test_same_surname_and_initial_stay_two_people(seeds):
    assert {"author:seungjae shin", "author:su-jin shin"} <= ids(seeds.authors)
    assert {"author:jaehyung kim", "author:jinuk kim", "author:jang-hyun kim"} <= ids(seeds.authors)


def test_initials_join_a_full_name_only_with_corroboration():
    res = resolved(DIGEST, DATA / "itemsage_full_names.bib")
    assert "author:jure leskovec" in ids(res.authors) and "author:j leskovec" not in ids(res.authors)
    jure = author(res, "author:jure leskovec")
    assert jure.name_variants == ("J Leskovec", "Jure Leskovec")
    [merge] = [m for m in res.merges if m.merged == "J Leskovec"]
    assert "corroborated" in merge.reason and "'J Leskovec' and 'Jure Leskovec'" in merge.reason
    assert any(
        "position 5 of paper:arxiv-2205.11728" in e
        and "004_19cb0c8271dea555.txt:9" in e
        and "itemsage_full_names.bib" in e
        for e in merge.evidence
    )
    paper = [p for p in res.papers if p.id == "paper:arxiv-2205.11728"][0]
    assert paper.authorships[4].author == "author:jure leskovec"


def test_initials_without_corroboration_stay_apart_as_a_near_miss():
    res = resolved(DIGEST, DATA / "leskovec_other_paper.bib")
    assert {"author:j leskovec", "author:jure leskovec"} <= ids(res.authors)
    [near] = [n for n in res.near_misses if n.a == "author:j leskovec"]
    assert near.b == "author:jure leskovec" and "kept apart" in near.reason
    # where each spelling was read, so that `kg explain` shows it
    assert "004_19cb0c8271dea555.txt:9" in near.reason and "leskovec_other_paper.bib:2" in near.reason
    assert not [m for m in res.merges if m.kind == "author"]


def test_initials_corroborated_as_two_people_are_not_merged():
    files = files_of(
        (
            "a.txt",
            [
                record("a.txt", 1, "Paper One", ["S Shin", "Ada Lovelace"]),
                record("a.txt", 2, "Paper Two", ["S Shin", "Bo Chen"]),
                record("a.txt", 3, "Paper Three", ["S Shin", "Cy Young"]),
            ],
        ),
        (
            "b.bib",
            [
                record("b.bib", 1, "Paper One", ["Seungjae Shin", "Ada Lovelace"]),
                record("b.bib", 2, "Paper Two", ["Su-Jin Shin", "Bo Chen"]),
            ],
        ),
    )
    res = resolve(files)
    assert {"author:s shin", "author:seungjae shin", "author:su-jin shin"} <= ids(res.authors)
    reasons = {(n.a, n.b): n.reason for n in res.near_misses}
    assert "several full names" in reasons[("author:s shin", "author:seungjae shin")]
    assert "a.txt:1" in reasons[("author:s shin", "author:seungjae shin")]
    assert "'Su-Jin Shin'" in reasons[("author:s shin", "author:seungjae shin")]
    assert ("author:s shin", "author:su-jin shin") in reasons
    # each shared paper still credits the person its full list names
    first = {p.title: p.authorships[0].author for p in res.papers}
    assert first == {
        "Paper One": "author:seungjae shin",
        "Paper Two": "author:su-jin shin",
        "Paper Three": "author:s shin",
    }
    seungjae = author(res, "author:seungjae shin")
    assert seungjae.name_variants == ("S Shin", "Seungjae Shin")
    [merge] = [m for m in res.merges if m.into == seungjae.id]
    assert (
        "one paper only" in merge.reason and "a.txt:1" in merge.evidence[0] and "b.bib:1" in merge.evidence[0]
    )


# --------------------------------------------------------------------------- author lists


def test_cut_list_and_whole_list_merge_into_the_whole_list():
    res = resolved(DATA / "widgets_cut.bib", DATA / "widgets_full.bib")
    [paper] = res.papers
    assert paper.listed_author_count == 5 and not paper.authors_truncated
    assert [a.author for a in paper.authorships] == [
        "author:ada lovelace",
        "author:bo chen",
        "author:cy young",
        "author:di park",
        "author:ed kim",
    ]
    assert paper.date == "2021-03"  # the most precise date any source gives
    assert len(paper.sources) == 2
    [merge] = [m for m in res.merges if m.kind == "paper"]
    assert merge.reason.startswith("same title") and "'sorting widgets in linear time'" in merge.reason


def test_two_cut_lists_keep_the_longer_and_stay_cut():
    res = resolved(DATA / "widgets_cut.bib", DATA / "widgets_cut_longer.bib")
    [paper] = res.papers
    assert paper.listed_author_count == 4 and paper.authors_truncated


def test_disagreeing_author_lists_are_reported():
    files = files_of(
        ("a.txt", [record("a.txt", 3, "One Paper", ["Cy Young", "Bo Chen"])]),
        ("b.txt", [record("b.txt", 7, "One paper", ["Cy Young", "Di Park", "Ed Kim"])]),
    )  # one first author and one title: one paper, whose lists disagree after the first name
    res = resolve(files)
    [paper] = res.papers
    assert [a.author for a in paper.authorships] == ["author:cy young", "author:di park", "author:ed kim"]
    [problem] = res.problems
    assert (problem.file, problem.line, problem.severity) == ("a.txt", 3, "warning")
    assert "disagrees" in problem.message


# --------------------------------------------------------------------------- identifiers, abstracts


ABSTRACT = (
    "We sort widgets in linear time by bucketing them on their colour, then show that no "
    "comparison-free method can do better on adversarial widget streams, and we measure the "
    "speed of the method on three public widget collections of growing size and diversity."
)


def test_cut_off_untitled_abstract_joins_its_paper():
    half = " ".join(ABSTRACT.split()[:30])
    files = files_of(
        ("a.txt", [record("a.txt", 1, "Sorting Widgets", ["Ada Lovelace"], abstract=ABSTRACT)]),
        ("b.txt", [record("b.txt", 1, abstract="Abstract: " + half)]),
    )
    [paper] = resolve(files).papers
    assert paper.title == "Sorting Widgets" and paper.abstract == ABSTRACT


def test_untitled_abstract_matching_two_titled_papers_is_not_guessed():
    files = files_of(
        (
            "a.txt",
            [
                record("a.txt", 1, "Sorting Widgets", abstract=ABSTRACT),
                record("a.txt", 2, "Sorting Widgets, Extended", abstract=ABSTRACT),
            ],
        ),
        ("b.txt", [record("b.txt", 1, abstract=ABSTRACT)]),
    )
    res = resolve(files)
    assert len(res.papers) == 3
    reasons = [n.reason for n in res.near_misses]
    assert any("several titled papers" in r and "b.txt:1" in r for r in reasons)
    assert any("same abstract, different titles" in r and "a.txt:1" in r and "a.txt:2" in r for r in reasons)


def test_same_title_different_arxiv_ids_stay_apart():
    files = files_of(
        (
            "a.txt",
            [
                record("a.txt", 1, "Attention", arxiv_id="2101.00001"),
                record("a.txt", 2, "Attention", arxiv_id="arXiv:2101.00002v3"),
            ],
        )
    )
    res = resolve(files)
    assert ids(res.papers) == {"paper:arxiv-2101.00001", "paper:arxiv-2101.00002"}
    [near] = res.near_misses
    assert "different arXiv ids 2101.00001 / 2101.00002" in near.reason and "'attention'" in near.reason


def test_doi_and_arxiv_doi_merge():
    files = files_of(
        (
            "a.txt",
            [
                record("a.txt", 1, "Widgets I", doi="https://doi.org/10.1000/W1"),
                record("a.txt", 2, "Widgets II (preprint)", doi="10.48550/arXiv.2101.00003"),
            ],
        ),
        (
            "b.txt",
            [
                record("b.txt", 1, "Widgets One", doi="doi:10.1000/w1"),
                record("b.txt", 2, "Widgets II", arxiv_id="2101.00003v2"),
            ],
        ),
    )
    res = resolve(files)
    assert ids(res.papers) == {"paper:doi-10.1000/w1", "paper:arxiv-2101.00003"}
    assert sorted(m.reason for m in res.merges) == ["same DOI 10.1000/w1", "same arXiv id 2101.00003"]


def test_record_without_anything_to_key_on_is_a_problem():
    files = files_of(
        (
            "a.txt",
            [record("a.txt", 4, None, ["Ada Lovelace"]), record("a.txt", 5, "Real Paper", ["Ada Lovelace"])],
        )
    )
    res = resolve(files)
    assert [p.title for p in res.papers] == ["Real Paper"]
    assert [(p.line, p.severity) for p in res.problems] == [(4, "warning")]


# --------------------------------------------------------------------------- organisations


def test_org_aliases_and_ambiguous_uw_on_the_seeds(seeds):
    cmu = [o for o in seeds.orgs if o.id == "org:carnegie mellon university"][0]
    assert {"cmu", "CMU", "Carnegie Mellon University"} <= set(cmu.aliases)
    uw = [o for o in seeds.orgs if o.id == "org:uw"][0]
    assert uw.ambiguous and uw.name == "uw"
    assert any(n.kind == "organization" and n.a == "org:uw" for n in seeds.near_misses)
    org_merges = {m.merged: m.reason for m in seeds.merges if m.kind == "organization"}
    # the alias row that decided it
    assert org_merges["cmu"] == "alias table (kg/data/org_aliases.csv:7): 'cmu' is Carnegie Mellon University"
    [near] = [n for n in seeds.near_misses if n.a == "org:uw"]
    assert "003_87569abedee599f0.txt:19" in near.reason and "kg/data/org_aliases.csv:" in near.reason


def test_member_of_only_where_the_source_ties_author_and_org(seeds):
    members = {(m.author, m.org) for m in seeds.memberships}
    # seeds/004 line 9: six authors, one organisation -> all six are members of Pinterest
    assert ("author:j leskovec", "org:pinterest") in members
    assert sum(1 for _, o in members if o == "org:pinterest") == 6
    # line 37: three authors, "Microsoft Research & Aalto University" -> no tie
    assert not [m for m in members if m[0] == "author:a t kalai"]
    # seeds/003 "cmu, uw" with several authors -> no tie either
    assert not [
        m
        for m in members
        if m[1] in ("org:uw", "org:carnegie mellon university")
        and not m[0].startswith(("author:c na", "author:e strubell", "author:s v mehta"))
    ]


def test_per_author_affiliations_tie_each_author_to_their_own():
    files = files_of(
        (
            "a.xml",
            [
                PaperRecord(
                    Source("a.xml", 1, "test"),
                    title="Widgets",
                    authors=(
                        AuthorRef("Ada Lovelace", affiliations=("CMU",)),
                        AuthorRef("Bo Chen", affiliations=("Tsinghua",)),
                    ),
                    affiliations=(OrgRef("Pinterest"), OrgRef("Google Research")),
                )
            ],
        )
    )
    res = resolve(files)
    assert {(m.author, m.org) for m in res.memberships} == {
        ("author:ada lovelace", "org:carnegie mellon university"),
        ("author:bo chen", "org:tsinghua university"),
    }
    [paper] = res.papers
    assert {a.org for a in paper.affiliations} == {
        "org:carnegie mellon university",
        "org:tsinghua university",
        "org:pinterest",
        "org:google research",
    }


def test_same_ror_id_merges_organisations():
    files = files_of(
        (
            "a.txt",
            [
                PaperRecord(
                    Source("a.txt", 1, "test"),
                    title="W1",
                    affiliations=(OrgRef("Widget Lab", "https://ror.org/02mhbdp94"),),
                ),
                PaperRecord(
                    Source("a.txt", 2, "test"),
                    title="W2",
                    affiliations=(OrgRef("The Widget Laboratory", "02mhbdp94"),),
                ),
            ],
        )
    )
    res = resolve(files)
    [org] = res.orgs
    assert org.ror == "02mhbdp94" and set(org.aliases) >= {"Widget Lab", "The Widget Laboratory"}
    assert [m.reason for m in res.merges if m.kind == "organization"] == [
        "same ROR id 02mhbdp94 as Widget Lab"
    ]


def test_same_ror_id_merges_whatever_path_it_comes_by():
    """A ROR id given with the record's organisations, with an author's (the record names the
    organisation with its id), or with the same name in another record: one organisation."""
    stanford = OrgRef("Leland Stanford Junior University", "https://ror.org/00f54p054")
    files = files_of(
        (
            "a.json",
            [
                PaperRecord(
                    Source("a.json", 1, "test"), title="W1", affiliations=(OrgRef("Widget Lab", "02mhbdp94"),)
                ),
                PaperRecord(
                    Source("a.json", 2, "test"),
                    title="W2",
                    authors=(
                        AuthorRef("Ada Lovelace", affiliations=("The Widget Laboratory",)),
                        AuthorRef("Bo Chen", affiliations=(stanford.name,)),
                    ),
                    affiliations=(OrgRef("The Widget Laboratory", "02mhbdp94"), stanford),
                ),
            ],
        ),
        (
            "b.txt",
            [
                PaperRecord(
                    Source("b.txt", 4, "test"),
                    title="W3",
                    authors=(AuthorRef("Cy Young"),),
                    affiliations=(OrgRef("Leland Stanford Junior University"),),
                )
            ],
        ),
    )
    res = resolve(files)
    assert ids(res.orgs) == {"org:widget lab", "org:stanford university"}
    assert {(m.author, m.org) for m in res.memberships} == {
        ("author:ada lovelace", "org:widget lab"),
        ("author:bo chen", "org:stanford university"),
        ("author:cy young", "org:stanford university"),
    }
    reasons = {(m.into, m.merged): m.reason for m in res.merges}
    assert reasons[("org:widget lab", "The Widget Laboratory")] == "same ROR id 02mhbdp94 as Widget Lab"
    assert reasons[("org:stanford university", "Leland Stanford Junior University")].startswith(
        "ROR id 00f54p054 given with it is Stanford University in the alias table (kg/data/org_aliases.csv:"
    )
    assert res.problems == ()


def test_a_name_given_with_several_ror_ids_is_not_merged_by_either():
    files = files_of(
        (
            "a.txt",
            [
                PaperRecord(
                    Source("a.txt", 1, "test"),
                    title="W1",
                    affiliations=(OrgRef("Dept. of Widgets", "02mhbdp94"),),
                ),
                PaperRecord(
                    Source("a.txt", 2, "test"), title="W2", affiliations=(OrgRef("Widget Lab", "02mhbdp94"),)
                ),
                PaperRecord(
                    Source("a.txt", 3, "test"),
                    title="W3",
                    affiliations=(OrgRef("Dept. of Widgets", "05x2bcf33"),),
                ),
            ],
        )
    )
    res = resolve(files)
    # 05x2bcf33 is Carnegie Mellon's in the alias table; "Dept. of Widgets" keeps the first id it came with
    assert ids(res.orgs) == {"org:carnegie mellon university", "org:dept of widgets"}
    [widgets] = [o for o in res.orgs if o.id == "org:dept of widgets"]
    assert widgets.ror == "02mhbdp94" and "Widget Lab" in widgets.aliases
    assert res.problems == ()


def test_one_organisation_given_two_ror_ids_is_a_warning():
    files = files_of(
        (
            "a.txt",
            [
                PaperRecord(
                    Source("a.txt", 1, "test"), title="W1", affiliations=(OrgRef("Widget Lab", "02mhbdp94"),)
                ),
                PaperRecord(
                    Source("a.txt", 2, "test"),
                    title="W2",
                    affiliations=(OrgRef("widget lab", "https://ror.org/03yrm5c26"),),
                ),
            ],
        )
    )
    res = resolve(files)
    [org] = res.orgs
    assert org.ror == "02mhbdp94"
    [problem] = res.problems
    assert (problem.file, problem.line, problem.severity) == ("a.txt", 2, "warning")
    assert "03yrm5c26" in problem.message and "02mhbdp94 at a.txt:1" in problem.message


def test_user_aliases_resolve_uw():
    res = resolved(SEEDS / "003_87569abedee599f0.txt", aliases=DATA / "aliases_uw.csv")
    assert "org:university of washington" in ids(res.orgs) and "org:uw" not in ids(res.orgs)
    assert any(p.file.endswith("aliases_uw.csv") for p in res.problems)


# --------------------------------------------------------------------------- topics, profiles


def test_categories_become_arxiv_topics(seeds):
    topics = {t.id: t for t in seeds.topics}
    assert {"topic:arxiv:cs.CV", "topic:arxiv:stat.ML", "topic:arxiv:stat.ME", "topic:arxiv:eess.AS"} <= set(
        topics
    )
    assert "topic:arxiv:cs.ML" not in topics
    assert topics["topic:arxiv:eess.AS"].label_zh == "音频与语音"  # from the digest legend
    assert topics["topic:arxiv:cs.CV"].label == "Computer Vision and Pattern Recognition"
    paper = by_title(seeds, "Causally Disentangled Generative Variational AutoEncoder")  # "ML" in seeds/003
    assert paper.category == "ML" and paper.topics == (("topic:arxiv:stat.ML", "category", 1.0),)


def test_unknown_category_is_a_problem_not_a_topic():
    res = resolve(files_of(("a.txt", [record("a.txt", 2, "W", category="ZZ")])))
    assert res.topics == () and "unknown arXiv category" in res.problems[0].message


def test_profile_figures_attach_to_the_author(seeds):
    song = author(seeds, "author:kyungwoo song")
    assert (song.h_index, song.citations, song.profile_paper_count) == (13, 794, 46)


def test_resolution_is_deterministic_and_order_free():
    a = resolved(
        DIGEST, DATA / "itemsage_full_names.bib", DATA / "widgets_cut.bib", DATA / "widgets_full.bib"
    )
    b = resolved(
        DIGEST, DATA / "itemsage_full_names.bib", DATA / "widgets_cut.bib", DATA / "widgets_full.bib"
    )
    c = resolved(
        DATA / "widgets_full.bib", DATA / "widgets_cut.bib", DATA / "itemsage_full_names.bib", DIGEST
    )
    assert a == b
    assert a == c  # records are resolved in stable order (file, line): the input order changes nothing


# --------------------------------------------------------------------------- dblp homonyms

FORMATS = Path(__file__).parent / "data" / "formats"


@pytest.fixture(scope="module")
def fulops():
    """dblp's "Zoltán Fülöp 0001" (a person page) and "0002", and a BibTeX file that writes
    "Zoltán Fülöp" without a number: once on 0001's paper (same DOI), once on a paper of its own."""
    return resolved(FORMATS / "dblp_person.xml", DATA / "fulop_0002.xml", DATA / "fulop_bare.bib")


def test_dblp_homonym_numbers_are_two_people_and_keep_their_number(fulops):
    one, two = author(fulops, "author:zoltan fulop 0001"), author(fulops, "author:zoltan fulop 0002")
    assert (one.name, two.name) == ("Zoltán Fülöp 0001", "Zoltán Fülöp 0002")
    papers = {p.title: [a.author for a in p.authorships] for p in fulops.papers}
    assert papers["Ranking Widgets by Their Colour"][0] == two.id
    assert papers["Tree Automata and the Zoo of Weights"][0] == one.id
    near = {(n.a, n.b): n.reason for n in fulops.near_misses}
    assert "two dblp homonym numbers" in near[(one.id, two.id)]


def test_a_name_without_the_homonym_number_is_not_merged_on_the_string(fulops):
    bare = author(fulops, "author:zoltan fulop")
    assert bare.name == "Zoltán Fülöp" and bare.name_variants == ("Zoltán Fülöp",)
    [own] = [p for p in fulops.papers if bare.id in {a.author for a in p.authorships}]
    assert own.title == "Sorting Widgets Without Comparisons"
    near = {(n.a, n.b): n.reason for n in fulops.near_misses}
    for numbered in ("author:zoltan fulop 0001", "author:zoltan fulop 0002"):
        assert "no dblp homonym number" in near[(bare.id, numbered)]
        assert "fulop_bare.bib:11" in near[(bare.id, numbered)]


def test_the_bare_name_on_a_numbered_persons_paper_is_credited_there_only(fulops):
    """On 0001's paper (one DOI, read from dblp and BibTeX) the bare spelling stands at 0001's
    position: that paper is 0001's, with the reason; the lists agree (no problem)."""
    [paper] = [p for p in fulops.papers if p.doi == "10.1016/j.tcs.2003.10.001"]
    assert paper.authorships[0].author == "author:zoltan fulop 0001"
    assert {Path(s.file).name for s in paper.sources} == {"dblp_person.xml", "fulop_bare.bib"}
    [merge] = [m for m in fulops.merges if m.kind == "author"]
    assert (merge.into, merge.merged) == ("author:zoltan fulop 0001", "Zoltán Fülöp")
    assert "one paper only" in merge.reason and "dblp numbers several people" in merge.reason
    assert "position 1 of paper:doi-10.1016/j.tcs.2003.10.001" in merge.evidence[0]
    assert fulops.problems == ()


def test_orcid_merge_says_which_orcid_and_where():
    res = resolved(FORMATS / "openalex_work.json", FORMATS / "openalex_page.json")
    [merge] = [m for m in res.merges if m.merged == "J. Leskovec"]
    assert merge.into == "author:jure leskovec"
    assert merge.reason == "same ORCID 0000-0002-5411-923X"
    assert any(
        "'J. Leskovec' with ORCID 0000-0002-5411-923X" in e and "openalex_page.json:10" in e
        for e in merge.evidence
    )
    assert any("'Jure Leskovec' with ORCID" in e and "openalex_work.json:1" in e for e in merge.evidence)


def test_orcid_and_initials_together_give_both_reasons():
    res = resolved(
        DIGEST,
        DATA / "itemsage_full_names.bib",
        FORMATS / "openalex_work.json",
        FORMATS / "openalex_page.json",
    )
    [merge] = [m for m in res.merges if m.merged == "J. Leskovec"]
    assert "initials corroborated" in merge.reason and "same ORCID 0000-0002-5411-923X" in merge.reason


def test_paper_ids_gather_every_scheme_the_sources_give():
    res = resolved(FORMATS / "openalex_works.jsonl", FORMATS / "dblp_records.xml", FORMATS / "references.bib")
    [paper] = [p for p in res.papers if p.id == "paper:arxiv-2205.11728"]
    assert dict(paper.ids) == {
        "arxiv": ("2205.11728",),
        "doi": ("10.1145/3534678.3539170",),
        "openalex": ("W4283389112",),
        "mag": ("4283389112",),
        "dblp": ("conf/kdd/BaltescuCPZLR22",),
        "bibtex": ("baltescu2022itemsage",),
    }
    assert [scheme for scheme, _ in paper.ids] == sorted(scheme for scheme, _ in paper.ids)


def test_a_merge_through_two_joins_gives_each_step():
    """ "Jure Leskovec" is "J Leskovec" (one paper, two sources, one position), and "J Leskovec"
    carries the ORCID of "Jurij Leskovec", the fullest spelling: the merge names both steps."""
    orcid = "0000-0002-5411-923X"
    files = files_of(
        (
            "a.txt",
            [
                PaperRecord(
                    Source("a.txt", 1, "test"),
                    title="Graph Widgets",
                    authors=(AuthorRef("J Leskovec", orcid=orcid), AuthorRef("Ada Lovelace")),
                )
            ],
        ),
        ("b.bib", [record("b.bib", 1, "Graph Widgets", ["Jure Leskovec", "Ada Lovelace"])]),
        (
            "c.json",
            [
                PaperRecord(
                    Source("c.json", 1, "test"),
                    title="Other Widgets",
                    authors=(AuthorRef("Jurij Leskovec", orcid=f"https://orcid.org/{orcid}"),),
                )
            ],
        ),
    )
    res = resolve(files)
    jurij = author(res, "author:jurij leskovec")
    assert jurij.name_variants == ("J Leskovec", "Jure Leskovec", "Jurij Leskovec") and jurij.orcid == orcid
    reasons = {m.merged: m for m in res.merges if m.kind == "author"}
    assert reasons["J Leskovec"].reason == f"same ORCID {orcid}"
    two_steps = reasons["Jure Leskovec"]
    assert two_steps.reason.startswith("'Jure Leskovec' is 'J Leskovec': initials corroborated")
    assert f"; then 'J Leskovec' is 'Jurij Leskovec': same ORCID {orcid}" in two_steps.reason
    assert any("a.txt:1" in e and "b.bib:1" in e for e in two_steps.evidence)
    assert any("c.json:1" in e for e in two_steps.evidence)


def test_name_caches_are_emptied_after_resolution():
    from kg.normalize import names

    names.match_key("Jure Leskovec")
    assert names.match_key.cache_info().currsize > 0
    assert resolved(SEEDS).authors
    assert all(f.cache_info().currsize == 0 for f in (names.parse, names.match_key, names.compatible))
