"""arXiv API Atom feeds: new and old namespace styles, ids, affiliations, DOIs, bad XML."""

import pytest
from conftest import DATA, extraction_of

from kg.extract import extract_file
from kg.extract.arxiv_atom import detect, extract
from kg.extract.reading import read_text
from kg.model import ExtractOptions

FORMATS = DATA / "formats"


def read(name):
    return extraction_of(FORMATS / name, "arxiv_atom")


@pytest.fixture(scope="module")
def query():
    return read("arxiv_query.atom")


def test_itemsage_entry(query):
    r = query.records[0]
    assert r.source.line == 10  # the <entry> line
    assert r.arxiv_id == "2205.11728"  # from http://arxiv.org/abs/2205.11728v2
    # the title is wrapped over two lines in the feed
    assert r.title == "ItemSage: Learning Product Embeddings for Shopping Recommendations at Pinterest"
    assert r.abstract.startswith(
        "Learned embeddings for products are an important building block for web-scale"
    )
    assert "\n" not in r.abstract and "  " not in r.abstract
    assert r.category == "cs.IR"
    assert r.date == "2022-05-24"  # <published>, the first version
    assert r.doi == "10.1145/3534678.3539170"
    assert r.venue == "KDD 2022: 2703-2711"
    assert r.author_names[0] == "Paul Baltescu" and len(r.authors) == 6


def test_affiliations_per_author_and_for_the_record(query):
    r = query.records[0]
    leskovec = r.authors[4]
    assert leskovec.name == "Jure Leskovec"
    assert leskovec.affiliations == ("Pinterest", "Stanford University")
    assert r.authors[0].affiliations == ("Pinterest",)
    assert [o.name for o in r.affiliations] == ["Pinterest", "Stanford University"]


def test_code_links_and_arxiv_doi(query):
    r = query.records[1]
    assert r.source.line == 57
    assert r.title == "Sparse Mixture Routing for Long-Context Retrieval"
    # the repository; the project page in the comment is no code link (it is no code host,
    # and 'Project page:' does not say code)
    assert r.code_urls == ("https://github.com/example-lab/sparse-routing",)
    assert r.has_code
    # the only DOI is arXiv's own (10.48550/arXiv.…): it names the preprint, not a DOI to keep
    assert r.doi is None and r.arxiv_id == "2301.04567"
    assert r.authors[0].affiliations == () and r.authors[1].name == "Tomás Álvarez-Ruiz"
    assert [o.name for o in r.affiliations] == ["Universidad de Chile"]


def test_missing_primary_category_and_published_date(query):
    r = query.records[2]
    assert r.category == "stat.ML"  # the first <category>
    assert r.date is None  # <updated> is not the publication date
    assert query.problems == ()


def test_old_feed_with_namespaces_declared_per_element():
    old = read("arxiv_old_feed.atom")
    first, second = old.records
    assert first.arxiv_id == "hep-th/9901001"
    assert first.title == "Boundary States and Brane Charges in a Toy Model"
    assert first.category == "hep-th" and first.date == "1999-01-04"
    assert first.doi == "10.1016/s0550-3213(99)00001-x"  # from <link title="doi">
    assert first.authors[0].affiliations == ("Institute for Advanced Examples",)
    assert first.venue == "Nucl.Phys. B550 (1999) 1-12"
    assert second.arxiv_id == "0704.0001" and second.date == "2007-04-02"
    assert second.doi == "10.1103/physrevd.76.013009"  # the first of two in arxiv:doi
    assert second.author_names == ("K. Ézsiás", "E. L. Example")


def test_truncated_feed_keeps_the_entries_before_the_break():
    cut = read("arxiv_truncated.atom")
    assert [r.arxiv_id for r in cut.records] == ["2205.11728"]
    (problem,) = cut.problems
    assert problem.severity == "error" and problem.line == 63
    assert "column 1" in problem.message and "1 record(s) before it were read" in problem.message


def test_entity_declarations_are_refused_without_expanding_them():
    result = extract_file(FORMATS / "arxiv_entity_attack.atom")
    assert result.extraction.records == ()
    first = result.extraction.problems[0]
    assert first.severity == "error" and first.line == 3 and "entity 'lol'" in first.message
    assert "passwd" not in " ".join(p.message for p in result.extraction.problems)


def test_api_error_entry_is_a_problem_not_a_paper():
    result = extract_file(FORMATS / "arxiv_api_error.atom")
    assert result.extraction.records == ()
    assert any(
        p.line == 7 and "incorrect id format for 2205.1172" in p.message for p in result.extraction.problems
    )


def test_detect_needs_arxiv_not_just_atom():
    blog = (
        '<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title>'
        "<entry><id>https://example.org/post/1</id></entry></feed>"
    )
    assert detect(blog) == 0.0
    text, _ = read_text(FORMATS / "arxiv_old_feed.atom")
    assert detect(text) > 0.5


def test_version_and_every_category_are_kept(query):
    itemsage, sparse, third = query.records
    assert (itemsage.arxiv_id, itemsage.arxiv_version) == ("2205.11728", 2)
    assert itemsage.categories == ("cs.IR", "cs.LG")  # the primary first, then the others
    assert (third.arxiv_version, third.category, third.categories) == (3, "stat.ML", ("stat.ML", "cs.LG"))
    assert itemsage.as_dict()["arxiv_version"] == 2
    assert itemsage.as_dict()["categories"] == ["cs.IR", "cs.LG"]


def test_primary_category_listed_late_still_comes_first():
    feed = (
        '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom"><entry>'
        "<id>http://arxiv.org/abs/2101.00001v4</id><title>T</title><author><name>A B</name></author>"
        '<category term="cs.AI"/><category term="cs.SE"/><arxiv:primary_category term="cs.SE"/>'
        "</entry></feed>"
    )
    [r] = extract(feed, "f.atom", ExtractOptions()).records
    assert (r.arxiv_version, r.categories) == (4, ("cs.SE", "cs.AI"))


def test_links_that_are_not_code():
    attention = extraction_of(DATA / "mixed_real" / "arxiv_query.atom", "arxiv_atom").records[0]
    # the YouTube talk and the proceedings page are no code links; the comment's Code: link is
    assert attention.code_urls == ("https://github.com/tensorflow/tensor2tensor",)
