"""IRIs of the RDF exports: the node IRIs under the base (:func:`node_iri`), built from the node
keys (:func:`key_segment`), and any other link percent-encoded into an IRI every parser accepts
(:func:`encode_iri`).

A key that is plain ASCII (``arxiv-2205.11728``, ``cs.CV``, ``000_x.txt``) is used as it is; any
other key becomes an ASCII slug plus the first 8 hex digits of the SHA-1 of the key (``jung-woo ha``
-> ``jung-woo-ha-<8 hex>``), so IRIs are stable across runs and machines, never collide with a plain
key, and need no escaping. Sub-resources hang under their paper: ``<paper IRI>/authorship/1``,
``<paper IRI>/from/<source>/<line>``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import NamedTuple

from kg.export.rdf.vocabulary import PREFIXES


class IRI(NamedTuple):
    value: str


#: The path segment under the base IRI for each node type of contract 2.
TYPE_SEGMENTS = {
    "Paper": "paper",
    "Author": "author",
    "Organization": "org",
    "Topic": "topic",
    "Source": "source",
    "Work": "work",
}


_PLAIN_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")
_HASH_TAIL = re.compile(r"-[0-9a-f]{8}\Z")
_NOT_SLUG = re.compile(r"[^a-z0-9.]+")


def key_segment(key: str, slug_of: str | None = None) -> str:
    """An IRI path segment for a node key: the key when it is plain ASCII, else slug + SHA-1 tail.

    Plain keys never end in ``-<8 hex>`` once used as they are, and hashed ones always do, so two
    different keys never share a segment (short of a 32-bit hash clash between two slugs).
    ``slug_of`` gives the readable part when it is not the key itself (a URL without its scheme).
    """
    if _PLAIN_KEY.match(key) and not _HASH_TAIL.search(key):
        return key
    digest = hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    folded = slug_of or key
    if not folded.isascii():
        folded = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    folded = folded.lower()
    slug = _NOT_SLUG.sub("-", folded).strip("-.")[:48].rstrip("-.")
    return f"{slug or 'u'}-{digest}"


def topic_segment(key: str) -> str:
    """``arxiv:cs.CV`` -> ``arxiv-cs.CV``; ``kw:graph neural nets`` -> ``kw-graph-neural-nets-<hash>``."""
    scheme, sep, rest = key.partition(":")
    if sep and scheme.isalpha():
        return f"{scheme}-{key_segment(rest)}"
    return key_segment(key)


# RFC 3986 appendix B, with the scheme required: an IRI must be absolute.
_URI_PARTS = re.compile(
    r"^([A-Za-z][A-Za-z0-9+.-]*):(?://([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?\Z", re.DOTALL
)
_AUTHORITY = re.compile(r"^(?:([^@]*)@)?(\[[0-9A-Fa-f:.]+\]|[^:]*)(?::(\d*))?\Z")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_SUB_DELIMS = frozenset("!$&'()*+,;=")
_HOST_CHARS = _UNRESERVED | _SUB_DELIMS
_USER_CHARS = _HOST_CHARS | {":"}
_PATH_CHARS = _HOST_CHARS | {":", "@", "/"}
_QUERY_CHARS = _PATH_CHARS | {"?"}
_HEX = frozenset("0123456789abcdefABCDEF")
_PLAIN_URL = re.compile(r"https?://[A-Za-z0-9.-]+(?:/[A-Za-z0-9._~!$&'()*+,;=:@/-]*)?\Z")


def _percent_encode(text: str, allowed: frozenset[str]) -> str:
    out = []
    for i, ch in enumerate(text):
        if ch in allowed:
            out.append(ch)
        elif ch == "%" and len(text) > i + 2 and text[i + 1] in _HEX and text[i + 2] in _HEX:
            out.append(ch)  # already percent-encoded
        else:
            out.append("".join(f"%{b:02X}" for b in ch.encode("utf-8", "replace")))
    return "".join(out)


def encode_iri(url: str) -> str | None:
    """``url`` as an absolute IRI that every RDF parser accepts, percent-encoding what is not
    allowed where it stands; None when it has no scheme or an impossible authority (bad port)."""
    if _PLAIN_URL.match(url):
        return url  # nothing to encode (the usual link): the parse below would give it back
    match = _URI_PARTS.match(url.strip())
    if not match:
        return None
    scheme, authority, path, query, fragment = match.groups()
    out = scheme + ":"
    if authority is not None:
        parts = _AUTHORITY.match(authority)
        if not parts:
            return None
        user, host, port = parts.groups()
        out += "//"
        if user is not None:
            out += _percent_encode(user, _USER_CHARS) + "@"
        out += host.lower() if host.startswith("[") else _percent_encode(host, _HOST_CHARS)
        if port:
            out += ":" + port
    out += _percent_encode(path, _PATH_CHARS)
    if query is not None:
        out += "?" + _percent_encode(query, _QUERY_CHARS)
    if fragment is not None:
        out += "#" + _percent_encode(fragment, _QUERY_CHARS)
    return out


#: Schemes a code link may have to become an IRI; anything else stays a string (a link written
#: ``schema:x`` or ``javascript:…`` is data, not a resource, and would be misread in JSON-LD).
LINK_SCHEMES = frozenset({"http", "https", "ftp", "git", "ssh", "svn", "hg"})


def link_iri(url: str) -> str | None:
    """A web link as an IRI (see :func:`encode_iri`), or None when it is not a web link."""
    encoded = encode_iri(url)
    return encoded if encoded and encoded.split(":", 1)[0].lower() in LINK_SCHEMES else None


def normalize_base(base_iri: str) -> str:
    """The user's base IRI, encoded, ending in ``/`` or ``#``; ValueError when it is not absolute
    or its scheme is one of the export's prefixes (``kg:``, ``schema:`` …), which JSON-LD would expand."""
    encoded = encode_iri(base_iri)
    if encoded is None or encoded.split(":", 1)[0].lower() in PREFIXES:
        raise ValueError(f"base IRI {base_iri!r} is not an absolute IRI (e.g. https://example.org/kg/)")
    return encoded if encoded.endswith(("/", "#")) else encoded + "/"


def node_iri(base: str, node: str, node_type: str) -> str:
    """The IRI of a contract-2 node id (``author:jung-woo ha`` -> ``<base>author/jung-woo-ha-…``)."""
    key = node.split(":", 1)[1] if ":" in node else node
    segment = topic_segment(key) if node_type == "Topic" else key_segment(key)
    return f"{base}{TYPE_SEGMENTS.get(node_type, 'node')}/{segment}"


_HIERARCHICAL_BASE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*(?:/[^/?#]*)*/\Z")


def relative_base(base: str) -> bool:
    """True when IRIs under ``base`` may be written relative to it (``@base``): a hierarchical base
    ending in ``/`` without dot segments, so that resolving gives back exactly the same IRI."""
    return bool(_HIERARCHICAL_BASE.match(base)) and not re.search(r"/\.\.?(?=/)", base.split("//", 1)[1])
