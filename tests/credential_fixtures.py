"""Credential files written to the published specifications, made here byte by byte.

Open Badges 2.0 (1EdTech): the assertion of the baking specification's SVG example; baking in a PNG
``iTXt`` chunk of keyword ``openbadges`` and an SVG ``openbadges:assertion`` element (namespace
http://openbadges.org). Open Badges 3.0: the document-format example credential, in both date
spellings of the W3C VC data model (2.0 ``validFrom``/``validUntil``, 1.1 ``issuanceDate``/
``expirationDate``); baking in ``iTXt`` keyword ``openbadgecredential`` and SVG
``openbadges:credential`` (namespace https://purl.imsglobal.org/ob/v3p0); the compact JWS form
whose payload carries ``iss``, ``jti``, ``nbf``, ``sub`` and, for VC 1.1, the ``vc`` claim. Credly's
badge list (``data[]``) and LinkedIn's Certifications.csv columns as their exports write them.
"""

from __future__ import annotations

import base64
import json
import struct
import zlib
from typing import Any

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

OB2_ASSERTION: dict[str, Any] = {
    "@context": "https://w3id.org/openbadges/v2",
    "id": "https://example.org/assertions/123",
    "type": "Assertion",
    "recipient": {"type": "email", "identity": "alice@example.org"},
    "issuedOn": "2016-12-31T23:59:59+00:00",
    "verification": {"type": "hosted"},
    "badge": {
        "id": "https://example.org/badges/5",
        "type": "BadgeClass",
        "name": "3-D Printmaster",
        "description": "This badge is awarded for passing the 3-D printing course.",
        "image": "https://example.org/badges/5/image",
        "criteria": {"narrative": "Students are tested on their printing skills."},
        "issuer": {"id": "https://example.org/issuer", "type": "Profile",
                   "name": "Example Maker Society", "url": "https://example.org",
                   "email": "contact@example.org"},
    },
}

OB3_CREDENTIAL: dict[str, Any] = {
    "@context": ["https://www.w3.org/ns/credentials/v2",
                 "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
    "id": "http://example.edu/credentials/3732",
    "type": ["VerifiableCredential", "OpenBadgeCredential"],
    "issuer": {"id": "https://example.edu/issuers/565049", "type": ["Profile"],
               "name": "Example University"},
    "validFrom": "2010-01-01T00:00:00Z",
    "validUntil": "2030-01-01T00:00:00Z",
    "name": "Example University Degree",
    "credentialSubject": {
        "id": "did:example:ebfeb1f712ebc6f1c276e12ec21",
        "type": ["AchievementSubject"],
        "achievement": {
            "id": "https://example.com/achievements/21st-century-skills/teamwork",
            "type": ["Achievement"],
            "criteria": {"narrative": "Team members are nominated for this badge by their peers."},
            "description": "This badge recognizes the development of the capacity to collaborate.",
            "name": "Teamwork",
        },
    },
}


def ob3_v1(**changes: Any) -> dict[str, Any]:
    """The Open Badges 3.0 credential in the VC data model 1.1 spelling of its dates."""
    doc = {k: v for k, v in OB3_CREDENTIAL.items() if k not in ("validFrom", "validUntil")}
    doc["@context"] = ["https://www.w3.org/2018/credentials/v1",
                       "https://purl.imsglobal.org/spec/ob/v3p0/context.json"]
    doc.update(issuanceDate="2010-01-01T00:00:00Z", expirationDate="2030-01-01T00:00:00Z")
    doc.update(changes)
    return doc


def b64url(data: bytes) -> str:
    """Base64url without padding, as JWS segments are written (RFC 7515)."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def jws(payload: dict[str, Any]) -> str:
    """A compact JWS of ``payload``; the signature is made-up bytes (certpath does not verify)."""
    header = {"alg": "RS256", "typ": "JWT", "kid": "https://example.edu/issuers/565049#key-1"}
    return ".".join((b64url(json.dumps(header).encode()), b64url(json.dumps(payload).encode()),
                     b64url(b"\x01\x02\x03 not a real signature")))


def vc_jwt_payload(credential: dict[str, Any]) -> dict[str, Any]:
    """A VC-JWT payload for VC 1.1: the credential in ``vc``, its dates as NumericDates only."""
    inner = {k: v for k, v in credential.items() if k not in ("issuanceDate", "expirationDate")}
    return {"iss": "https://example.edu/issuers/565049", "jti": credential["id"],
            "sub": "did:example:ebfeb1f712ebc6f1c276e12ec21",
            "nbf": 1262304000,  # 2010-01-01T00:00:00Z
            "exp": 1893456000,  # 2030-01-01T00:00:00Z
            "vc": inner}


def chunk(kind: bytes, body: bytes) -> bytes:
    """One PNG chunk: length, type, data, and the CRC-32 of type and data (PNG spec, 5.3)."""
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def itxt(keyword: str, text: str) -> bytes:
    """An uncompressed iTXt chunk: keyword, NUL, flag 0, method 0, empty language and
    translated keyword (each NUL-terminated), then the UTF-8 text."""
    return chunk(b"iTXt", keyword.encode("latin-1") + b"\0" + b"\0\0" + b"\0" + b"\0"
                 + text.encode("utf-8"))


def png(*extra: bytes) -> bytes:
    """A valid 1x1 grey PNG with ``extra`` chunks after IHDR."""
    ihdr = chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
    idat = chunk(b"IDAT", zlib.compress(b"\x00\x80"))
    return PNG_SIGNATURE + ihdr + b"".join(extra) + idat + chunk(b"IEND", b"")


def svg(namespace: str, element: str, *, body: str = "", verify: str | None = None) -> bytes:
    """An SVG badge with the baked element right after the <svg> tag, as the rules say."""
    attribute = f' verify="{verify}"' if verify is not None else ""
    inner = f"<![CDATA[{body}]]>" if body else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="{namespace}" '
            f'viewBox="0 0 512 512">\n'
            f"  <openbadges:{element}{attribute}>{inner}</openbadges:{element}>\n"
            f'  <circle cx="256" cy="256" r="200" fill="#336699"/>\n'
            f"</svg>\n").encode()


OB2_NS, OB3_NS = "http://openbadges.org", "https://purl.imsglobal.org/ob/v3p0"

CREDLY = {
    "data": [
        {"id": "0b5c2e62-1111-4a4e-9a7e-3c1d2f0a0001", "issued_at_date": "2023-05-01",
         "expires_at_date": "2026-05-01", "state": "accepted",
         "badge_template": {"id": "t-1", "name": "MLOps Foundation",
                            "description": "Earners know the basics.",
                            "image_url": "https://images.credly.com/images/x/image.png"},
         "issuer": {"summary": "issued by AIOps School",
                    "entities": [{"label": "Issued by", "primary": True,
                                  "entity": {"type": "Organization", "id": "o-1",
                                             "name": "AIOps School"}}]}},
        {"id": "0b5c2e62-1111-4a4e-9a7e-3c1d2f0a0002", "issued_at_date": "2024-02-29",
         "expires_at_date": None, "state": "accepted",
         "badge_template": {"id": "t-2", "name": "Kubernetes Pioneer",
                            "issuer": {"summary": "issued by Example Foundation",
                                       "entities": []}}},
    ],
    "metadata": {"count": 2, "current_page": 1, "total_count": 2, "total_pages": 1, "per": 48},
}

LINKEDIN_CSV = (
    "Name,Url,Authority,Started On,Finished On,License Number\r\n"
    "MLOps Associate,https://www.credly.com/badges/abc,AIOps School,Mar 2024,Mar 2027,LN-77\r\n"
    '"Data Science, Applied",,Example Institute,Nov 2021,,\r\n'
)
