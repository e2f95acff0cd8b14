"""kg.normalize.links: which links are code links."""

import pytest

from kg.normalize.links import code_links, on_code_host


@pytest.mark.parametrize(
    "url",
    [
        "https://github.com/tensorflow/tensor2tensor",
        "https://gitlab.com/a/b",
        "https://bitbucket.org/a/b",
        "https://codeberg.org/a/b",
        "https://sourceforge.net/projects/x/",
        "https://gitee.com/mindspore/models",
        "https://gist.github.com/a/0a1b",
        "https://huggingface.co/spaces/acme/demo",
        "https://huggingface.co/bert-base/uncased",
    ],
)
def test_code_hosts(url):
    assert on_code_host(url)
    assert code_links(f"See {url} for details.") == (url,)


@pytest.mark.parametrize(
    "url",
    [
        "https://huggingface.co/datasets/acme/corpus",
        "https://huggingface.co/papers/2401.00001",
        "https://huggingface.co/acme",
        "https://acme.github.io/project/",
        "https://notgithub.com/a/b",
        "http://[broken/x",
    ],
)
def test_not_code_hosts(url):
    assert not on_code_host(url)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a video, a conference page and a DOI are no code links, even where the sentence says code
        ("A talk is at https://www.youtube.com/watch?v=abc.", ()),
        ("Code and video: https://youtu.be/abc.", ()),
        ("See the conference page https://cvpr2023.thecvf.com/ for the program.", ()),
        ("Published as https://doi.org/10.1145/3534678.3539170.", ()),
        ("The code accompanies https://arxiv.org/abs/1706.03762.", ()),
        # off a code host, only where the text right before says code
        ("Code: https://www.uco.es/kdis/tool.zip", ("https://www.uco.es/kdis/tool.zip",)),
        ("代码：https://example.cn/repo.zip", ("https://example.cn/repo.zip",)),
        ("GitHub: https://git.example.org/a/b", ("https://git.example.org/a/b",)),
        ("Our implementation is at \\url{https://example.org/impl}.", ("https://example.org/impl",)),
        ("Project page: https://example.org/p", ()),
        # the cue belongs to the link right after it, not to every link of the sentence
        (
            "Data at https://example.org/data and code at https://example.org/code.zip",
            ("https://example.org/code.zip",),
        ),  # noqa: E501
        (
            "Code: https://example.org/code.zip, data at https://example.org/data",
            ("https://example.org/code.zip",),
        ),  # noqa: E501
        ("https://example.org/x holds our code.", ()),
        (None, ()),
    ],
)
def test_code_links_rule(text, expected):
    assert code_links(text) == expected


@pytest.mark.parametrize(
    "text",
    ["Source: https://www.nature.com/articles/x", "The data repository is https://zenodo.org/record/1"],
)
def test_words_that_do_not_say_code(text):
    assert code_links(text) == ()
