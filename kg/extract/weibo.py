"""Weibo posts of the account behind the digest (``seeds/004_*``): a crawl of its timeline, as
text blocks or as the crawler's CSV twin.

Text: each post's lines are followed by the crawler's metadata lines (``发布时间：2020-06-30
22:00``, ``点赞数：``, ``转发数：``, ``评论数：``, ``发布工具：`` …), posts usually blank-line
separated and numbered ``1:``. CSV: one row per post, the text in ``微博正文`` (or ``正文``), the
time in ``发布时间`` (or ``日期``), quoted newlines allowed.

A *paper post* is one line::

    *《Title》A Author, B C. Author, ... [Org A & Org B] (2020) http://t.cn/x view:http://y GitHub: http://z

(the ``*`` is optional; so are the organisation bracket, whose organisations are split on ``&``
only as they may hold commas, and the links). Initials may carry dots and non-ASCII letters; a
list that ends with ``...`` is cut (``authors_truncated``). The post's date is the record's date;
a ``view:`` link to arxiv-vanity or arxiv.org gives the arXiv id; a ``GitHub:`` link (or any
link on a code host) is a code link. The short ``t.cn`` link to the paper cannot be resolved
offline and is not kept. A post is a paper post only when its 《Title》 line has the ``(year)``
or a ``view:`` link; digest headings (``《今日学术视野(2020.6.30)》``), lists of several 《…》
titles, and posts that are not papers (videos, art, jokes) are skipped, and counted in one
warning per file. A record's line is the line of its paper line (CSV: the row's first line).
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from kg.extract.lines import iter_lines, preview
from kg.model import AuthorRef, Extraction, ExtractOptions, OrgRef, PaperRecord, Problem, Source
from kg.normalize.dates import partial_date
from kg.normalize.ids import find_arxiv_id
from kg.normalize.links import on_code_host
from kg.normalize.names import is_placeholder_name

LAYOUT = "weibo"

#: Metadata lines the crawler writes after each post; ``发布时间`` carries its date.
_META_KEYS = (
    "发布时间",
    "点赞数",
    "转发数",
    "评论数",
    "发布工具",
    "微博位置",
    "原始图片url",
    "视频url",
    "微博id",
)
_META = re.compile(rf"^\s*({'|'.join(_META_KEYS)})\s*[:：]\s*(.*)$")
_TEXT_COLUMNS = ("微博正文", "正文", "内容", "text", "content")
_DATE_COLUMNS = ("发布时间", "日期", "时间", "created_at")
_COUNT_COLUMNS = ("点赞数", "转发数", "评论数")
_NUMBERING = re.compile(r"^\d+\s*[:：]\s*")
_HEAD = re.compile(r"^\*?\s*《")
_PAPER = re.compile(r"^\*?\s*《(?P<title>[^《》]+)》\s*(?P<rest>.*)$")
_LINK = re.compile(r"(?:(?P<label>[A-Za-z\u4e00-\u9fff]+)\s*[:：]\s*)?(?P<url>https?://[^\s<>\"'，。；]+)")
_TAIL = re.compile(
    r"^(?P<authors>.*?)\s*(?:\[(?P<orgs>[^\[\]]*)\])?\s*(?:[(（](?P<year>(?:1[89]|20)\d{2})[)）])?\s*$"
)
_DIGEST_HEADING = re.compile(r"[\u4e00-\u9fff].*[(（]\s*\d{1,4}[.\-/]\d{1,2}(?:[.\-/]\d{1,2})?")
_POST_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")
_AUTHOR_SEPARATORS = re.compile(r"\s*[,，、]\s*")
_VIEW_LABELS = {"view", "pdf", "paper", "arxiv"}
_CODE_LABELS = {"github", "code", "gitlab", "代码", "项目"}


def detect(text: str) -> float:
    """Sure for the text crawl (a 发布时间 line and a count line near each other) and for the CSV
    twin (a header with a text, a time and a count column)."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    if _csv_columns(first) is not None:
        return 0.95
    keys = set()
    for number, line in iter_lines(text):
        if number > 400:
            break
        meta = _META.match(line)
        if meta:
            keys.add(meta.group(1))
    return 0.95 if "发布时间" in keys and keys & set(_COUNT_COLUMNS) else 0.0


def extract(text: str, file: str, options: ExtractOptions) -> Extraction:
    found = _Found(file)
    first = text.split("\n", 1)[0]
    columns = _csv_columns(first)
    posts = _csv_posts(text, columns, found) if columns else _text_posts(text)
    for post in posts:
        found.read(post)
    return found.extraction()


# --- posts -----------------------------------------------------------------------------------


@dataclass
class _Post:
    lines: list[tuple[int, str]] = field(default_factory=list)  # (line, text) of the post's text
    time: str | None = None  # the 发布时间 value as written
    time_line: int | None = None
    has_meta: bool = False


def _text_posts(text: str) -> Iterator[_Post]:
    """Posts of the text crawl: text lines, closed by the metadata lines that follow them."""
    post = _Post()
    for number, line in iter_lines(text):
        meta = _META.match(line)
        if meta:
            post.has_meta = True
            if meta.group(1) == "发布时间":
                post.time, post.time_line = meta.group(2).strip(), number
        elif line.strip():
            if post.has_meta:
                yield post
                post = _Post()
            post.lines.append((number, line.strip()))
    if post.lines:
        yield post


def _csv_columns(header: str) -> tuple[int, int | None] | None:
    """(text column, time column) of a crawl CSV header line, else None."""
    try:
        names = [n.strip().lstrip("\ufeff") for n in next(csv.reader([header]))]
    except (csv.Error, StopIteration):
        return None
    text = next((names.index(c) for c in _TEXT_COLUMNS if c in names), None)
    time = next((names.index(c) for c in _DATE_COLUMNS if c in names), None)
    if text is None or time is None or not set(names) & set(_COUNT_COLUMNS):
        return None
    return text, time


def _csv_posts(text: str, columns: tuple[int, int | None], found: _Found) -> Iterator[_Post]:
    """Posts of the CSV twin, one per row, read as a stream; each row's text keeps its lines."""
    text_at, time_at = columns
    reader = csv.reader(io.StringIO(text))
    next(reader, None)
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            found.problem(start, "error", f"malformed CSV row ({exc}); the rest of the file is skipped")
            return
        if row and any(cell.strip() for cell in row):
            if len(row) <= text_at:
                found.problem(start, "error", f"row has {len(row)} cells, no text column; skipped")
            else:
                post = _Post(has_meta=True, time_line=start)
                post.lines = [
                    (start + i, line.strip())
                    for i, line in enumerate(row[text_at].split("\n"))
                    if line.strip()
                ]
                post.time = row[time_at].strip() if time_at is not None and len(row) > time_at else None
                yield post
        start = reader.line_num + 1


# --- a post -> a record, or a reason to skip it ----------------------------------------------


@dataclass
class _Found:
    file: str
    records: list[PaperRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)

    def problem(self, line: int, severity: str, message: str) -> None:
        self.problems.append(Problem(self.file, line, severity, message))

    def read(self, post: _Post) -> None:
        heads = [(n, _NUMBERING.sub("", t, count=1)) for n, t in post.lines]
        heads = [(n, t) for n, t in heads if _HEAD.match(t)]
        if not heads:
            self.skipped["other posts"] += 1
            return
        line, text = heads[0]
        paper = _PAPER.match(text)
        if len(heads) > 1 or text.count("《") > 1 or paper is None or _DIGEST_HEADING.search(paper["title"]):
            self.skipped["digest headings or lists"] += 1
            return
        record = self._record(line, paper["title"].strip(), paper["rest"], post)
        if record is None:
            self.skipped["other posts"] += 1
        else:
            self.records.append(record)

    def _record(self, line: int, title: str, rest: str, post: _Post) -> PaperRecord | None:
        links = list(_LINK.finditer(rest))
        tail = _TAIL.match(rest[: links[0].start()] if links else rest)
        labelled = {(m["label"] or "").lower() for m in links}
        if tail is None or not (tail["year"] or labelled & _VIEW_LABELS):
            return None  # a 《work》 named in a post that is not a paper post (a film, a book...)
        authors = _authors(tail["authors"])
        if not authors:
            self.problem(line, "warning", f"paper post without authors: {preview(title)!r}")
        if not post.has_meta:
            dated = f"the paper's year {tail['year']} is its date" if tail["year"] else "no date"
            self.problem(line, "warning", f"post without its 发布时间 line (the file may be cut): {dated}")
        date = _post_date(post.time)
        if post.time and date is None:
            self.problem(post.time_line or line, "warning", f"发布时间 {post.time!r} is not a date; no date")
        arxiv_id, code = _links(links)
        orgs = [o.strip() for o in re.split(r"\s+&\s+|\s*&\s*", tail["orgs"] or "") if o.strip()]
        return PaperRecord(
            source=Source(self.file, line, LAYOUT),
            title=title,
            authors=authors,
            affiliations=tuple(OrgRef(o) for o in dict.fromkeys(orgs)),
            date=date or (tail["year"] if not post.time else None),
            has_code=bool(code),
            code_urls=code,
            arxiv_id=arxiv_id,
        )

    def extraction(self) -> Extraction:
        if self.skipped:
            counts = ", ".join(f"{n} {what}" for what, n in sorted(self.skipped.items()))
            self.problems.append(
                Problem(
                    self.file,
                    None,
                    "warning",
                    f"{sum(self.skipped.values())} posts are not paper posts: {counts}; skipped",
                )
            )
        return Extraction(records=tuple(self.records), problems=tuple(self.problems))


def _authors(written: str) -> tuple[AuthorRef, ...]:
    """The names of ``A Author, B C. Author, ...`` in order; a closing ``...`` stays, for
    :mod:`kg.extract.checks` to take off and mark the list cut, as for every source."""
    names = [n for n in _AUTHOR_SEPARATORS.split(written.strip()) if n]
    return tuple(AuthorRef(n) for n in names if n.strip(" .") or is_placeholder_name(n))


def _post_date(written: str | None) -> str | None:
    match = _POST_DATE.search(written or "")
    if not match:
        return None
    year, month, day = (int(x) for x in match.groups())
    date = partial_date(year, month, day)
    return date if len(date) == 10 else None


def _links(links: list[re.Match[str]]) -> tuple[str | None, tuple[str, ...]]:
    """The arXiv id a link gives (``view:`` arxiv-vanity or arxiv.org), and the code links."""
    arxiv_id, code = None, []
    for link in links:
        label, url = (link["label"] or "").lower(), link["url"].rstrip(".,)")
        found = find_arxiv_id(url)
        if found and arxiv_id is None:
            arxiv_id = found
        elif label in _CODE_LABELS or on_code_host(url):
            code.append(url)
    return arxiv_id, tuple(dict.fromkeys(code))
