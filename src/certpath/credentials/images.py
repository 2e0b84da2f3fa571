"""Baked badges: a credential embedded in a PNG or SVG image (the Open Badges baking rules).

PNG: an ``iTXt`` chunk of keyword ``openbadges`` (2.0) or ``openbadgecredential`` (3.0), whose
text is the JSON, a compact JWS or (2.0) the assertion's URL; older badges put the URL in a
``tEXt`` chunk. SVG: an ``openbadges:assertion`` (2.0, namespace http://openbadges.org) or
``openbadges:credential`` (3.0, https://purl.imsglobal.org/ob/v3p0) element whose body is the
JSON and whose ``verify`` attribute is a JWS or a URL. SVG is parsed with defusedxml: no entity
is expanded and nothing external is loaded.
"""

from __future__ import annotations

import struct
import zlib

from certpath.credentials import Credential, badges
from certpath.errors import CredentialError

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_KEYWORDS = (b"openbadges", b"openbadgecredential")
_SVG_NAMESPACES = ("http://openbadges.org", "https://purl.imsglobal.org/ob/v3p0")
_SVG_ELEMENTS = ("assertion", "credential")
_MAX_TEXT = 8 * 1024 * 1024  # a compressed iTXt text may expand to at most this


def read_png(data: bytes, name: str) -> Credential:
    """Read the credential baked into a PNG image."""
    for chunk_type, body in _chunks(data, name):
        if chunk_type == b"iTXt":
            keyword, _, rest = body.partition(b"\0")
            if keyword in _KEYWORDS:
                return badges.from_text(_itxt_text(rest, name), f"{name} (PNG iTXt "
                                        f"{keyword.decode()})")
        elif chunk_type == b"tEXt":
            keyword, _, rest = body.partition(b"\0")
            if keyword == b"openbadges":
                return badges.from_text(rest.decode("latin-1"), f"{name} (PNG tEXt openbadges)")
        elif chunk_type == b"IEND":
            break
    raise CredentialError(f"{name}: a PNG image without badge data (no iTXt chunk "
                          "'openbadges' or 'openbadgecredential')")


def _chunks(data: bytes, name: str) -> list[tuple[bytes, bytes]]:
    found: list[tuple[bytes, bytes]] = []
    at = len(PNG_SIGNATURE)
    while at < len(data):
        if at + 8 > len(data):
            raise CredentialError(f"{name}: a truncated PNG image (a chunk header is cut off)")
        length, chunk_type = struct.unpack(">I4s", data[at:at + 8])
        end = at + 8 + length + 4
        if end > len(data):
            raise CredentialError(f"{name}: a truncated PNG image (its {_kind(chunk_type)} "
                                  "chunk is cut off)")
        body = data[at + 8:at + 8 + length]
        (crc,) = struct.unpack(">I", data[end - 4:end])
        if zlib.crc32(chunk_type + body) != crc:
            raise CredentialError(f"{name}: a damaged PNG image (the checksum of its "
                                  f"{_kind(chunk_type)} chunk is wrong)")
        found.append((chunk_type, body))
        if chunk_type == b"IEND":
            return found
        at = end
    raise CredentialError(f"{name}: a truncated PNG image (it has no end chunk)")


def _kind(chunk_type: bytes) -> str:
    """A chunk type for a message: its four letters, or its bytes when it is not letters."""
    return chunk_type.decode("ascii") if chunk_type.isalpha() else repr(chunk_type)


def _itxt_text(rest: bytes, name: str) -> str:
    """The text of an iTXt chunk after its keyword: flags, language, translated keyword, text."""
    if len(rest) < 2:
        raise CredentialError(f"{name}: a badge iTXt chunk too short to hold any text")
    compressed, _method = rest[0], rest[1]
    _language, _, rest = rest[2:].partition(b"\0")
    _translated, _, text = rest.partition(b"\0")
    if compressed:  # the baking rules forbid it, but it is plain zlib: read it all the same
        if _method != 0:  # PNG defines only method 0 (zlib)
            raise CredentialError(f"{name}: a badge iTXt chunk compressed with unknown method "
                                  f"{_method}")
        inflate = zlib.decompressobj()
        try:
            text = inflate.decompress(text, _MAX_TEXT + 1)
        except zlib.error:
            raise CredentialError(f"{name}: a badge iTXt chunk whose compressed text is "
                                  "damaged") from None
        if len(text) > _MAX_TEXT:
            raise CredentialError(f"{name}: a badge iTXt chunk whose compressed text expands "
                                  f"beyond {_MAX_TEXT // (1024 * 1024)} MiB; not a credential")
    try:
        return text.decode("utf-8")
    except UnicodeDecodeError:
        raise CredentialError(f"{name}: a badge iTXt chunk whose text is not UTF-8") from None


def read_svg(data: bytes, name: str) -> Credential:
    """Read the credential baked into an SVG image."""
    import defusedxml.ElementTree as safe_tree  # only SVG badges need an XML parser
    from defusedxml import DefusedXmlException

    try:
        root = safe_tree.fromstring(data)
    except DefusedXmlException:
        raise CredentialError(f"{name}: XML that declares entities or loads external files; "
                              "certpath does not read such XML") from None
    except safe_tree.ParseError as exc:
        line, column = exc.position
        raise CredentialError(f"{name}:{line}:{column + 1}: malformed XML") from None
    if root.tag not in ("svg", "{http://www.w3.org/2000/svg}svg"):
        raise CredentialError(f"{name}: XML, but not an SVG image")
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        namespace, _, local = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
        if namespace in _SVG_NAMESPACES and local in _SVG_ELEMENTS:
            where = f"{name} (SVG openbadges:{local})"
            body = (element.text or "").strip()
            if body:
                return badges.from_text(body, where)
            verify = (element.get("verify") or "").strip()
            if verify:
                return badges.from_text(verify, where)
            raise CredentialError(f"{where}: the element is empty")
    raise CredentialError(f"{name}: an SVG image without badge data (no openbadges:assertion "
                          "or openbadges:credential element)")
