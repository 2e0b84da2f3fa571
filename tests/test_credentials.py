"""Reading credential files written to their specifications, and refusing every kind of bad one."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from certpath.credentials import MAX_BYTES, Credential, read_credentials
from certpath.errors import CredentialError
from tests import credential_fixtures as fx


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    """Write a fixture file and return its path."""
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def one(path: Path) -> Credential:
    """Read a file that holds exactly one credential."""
    (found,) = read_credentials(path)
    return found


MAKER = ("3-D Printmaster", "Example Maker Society", dt.date(2016, 12, 31))
TEAMWORK = ("Teamwork", "Example University", dt.date(2010, 1, 1), dt.date(2030, 1, 1))


def summary(c: Credential) -> tuple[object, ...]:
    """The facts of a credential that the specifications fix."""
    return (c.name, c.issuer, c.earned, c.expires)


def test_ob2_assertion_json(tmp_path: Path) -> None:
    """An Open Badges 2.0 assertion: badge name and issuer from the BadgeClass, issuedOn's date."""
    found = one(write(tmp_path, "a.json", json.dumps(fx.OB2_ASSERTION)))
    assert summary(found) == (*MAKER, None)
    assert (found.format, found.signed) == ("Open Badges 2.0", False)


def test_ob2_expires_is_read(tmp_path: Path) -> None:
    """The assertion's expires date-time becomes the credential's expiry date."""
    doc = {**fx.OB2_ASSERTION, "expires": "2017-06-30T23:59:59Z"}
    assert one(write(tmp_path, "a.json", json.dumps(doc))).expires == dt.date(2017, 6, 30)


def test_format_comes_from_content_not_name(tmp_path: Path) -> None:
    """A PNG badge saved as .json and an assertion saved as .png are both read."""
    baked = fx.png(fx.itxt("openbadges", json.dumps(fx.OB2_ASSERTION)))
    assert summary(one(write(tmp_path, "badge.json", baked))) == (*MAKER, None)
    assert summary(one(write(tmp_path, "badge.png", json.dumps(fx.OB2_ASSERTION)))) == \
        (*MAKER, None)


def test_ob2_baked_png(tmp_path: Path) -> None:
    """A PNG with an iTXt chunk 'openbadges' holding the assertion JSON."""
    baked = fx.png(fx.chunk(b"tEXt", b"Comment\0made for a test"),
                   fx.itxt("openbadges", json.dumps(fx.OB2_ASSERTION)))
    assert summary(one(write(tmp_path, "b.png", baked))) == (*MAKER, None)


def test_ob2_baked_svg_with_body(tmp_path: Path) -> None:
    """An SVG whose openbadges:assertion holds the JSON in CDATA (verify holds the URL)."""
    image = fx.svg(fx.OB2_NS, "assertion", body=json.dumps(fx.OB2_ASSERTION, indent=2),
                   verify="https://example.org/assertions/123")
    assert summary(one(write(tmp_path, "b.svg", image))) == (*MAKER, None)


def test_ob2_baked_svg_signed(tmp_path: Path) -> None:
    """A self-closing openbadges:assertion whose verify is a signed assertion (JWS)."""
    image = fx.svg(fx.OB2_NS, "assertion", verify=fx.jws(fx.OB2_ASSERTION))
    found = one(write(tmp_path, "b.svg", image))
    assert summary(found) == (*MAKER, None)
    assert found.signed


@pytest.mark.parametrize("image", [
    fx.png(fx.itxt("openbadges", "https://example.org/assertions/123")),
    fx.png(fx.chunk(b"tEXt", b"openbadges\0https://example.org/assertions/123")),
    fx.svg(fx.OB2_NS, "assertion", verify="https://example.org/assertions/123"),
], ids=["png-itxt", "png-legacy-text", "svg"])
def test_badge_holding_only_a_url_is_reported_not_fetched(tmp_path: Path, image: bytes) -> None:
    """A hosted assertion baked only as its URL is an error that names the URL; nothing fetched."""
    path = write(tmp_path, "hosted", image)
    with pytest.raises(CredentialError, match=r"only the address of its assertion "
                       r"\(https://example\.org/assertions/123\).*does not fetch"):
        read_credentials(path)


def test_ob2_badge_given_by_url_is_reported(tmp_path: Path) -> None:
    """An assertion whose badge is only a BadgeClass URL cannot be named offline."""
    doc = {**fx.OB2_ASSERTION, "badge": "https://example.org/badges/5"}
    with pytest.raises(CredentialError, match=r"names its badge only by address "
                       r"\(https://example\.org/badges/5\)"):
        read_credentials(write(tmp_path, "a.json", json.dumps(doc)))


def test_ob3_json_vc2_dates(tmp_path: Path) -> None:
    """An OpenBadgeCredential with validFrom/validUntil: achievement name, issuer name, dates."""
    found = one(write(tmp_path, "c.json", json.dumps(fx.OB3_CREDENTIAL)))
    assert summary(found) == TEAMWORK
    assert found.format == "Open Badges 3.0"


def test_ob3_json_vc1_dates(tmp_path: Path) -> None:
    """The VC 1.1 spelling, issuanceDate/expirationDate, gives the same dates."""
    assert summary(one(write(tmp_path, "c.json", json.dumps(fx.ob3_v1())))) == TEAMWORK


def test_ob3_issuer_given_as_id(tmp_path: Path) -> None:
    """An issuer given only as its id (a URL or DID) is shown as that id."""
    doc = {**fx.OB3_CREDENTIAL, "issuer": "did:example:76e12ec712ebc6f1c221ebfeb1f"}
    assert one(write(tmp_path, "c.json", json.dumps(doc))).issuer == \
        "did:example:76e12ec712ebc6f1c221ebfeb1f"


def test_ob3_baked_png_jwt_with_vc_claim(tmp_path: Path) -> None:
    """iTXt 'openbadgecredential' with a VC-JWT: the vc claim, dates from nbf and exp."""
    token = fx.jws(fx.vc_jwt_payload(fx.ob3_v1()))
    found = one(write(tmp_path, "c.png", fx.png(fx.itxt("openbadgecredential", token))))
    assert summary(found) == TEAMWORK
    assert found.signed


def test_ob3_baked_png_json(tmp_path: Path) -> None:
    """iTXt 'openbadgecredential' holding the credential's JSON."""
    image = fx.png(fx.itxt("openbadgecredential", json.dumps(fx.OB3_CREDENTIAL)))
    assert summary(one(write(tmp_path, "c.png", image))) == TEAMWORK


def test_ob3_baked_svg_jwt_and_json(tmp_path: Path) -> None:
    """openbadges:credential with a JWS in verify, and with the JSON in CDATA."""
    signed = fx.svg(fx.OB3_NS, "credential", verify=fx.jws(fx.OB3_CREDENTIAL))
    embedded = fx.svg(fx.OB3_NS, "credential", body=json.dumps(fx.OB3_CREDENTIAL))
    assert summary(one(write(tmp_path, "s.svg", signed))) == TEAMWORK
    assert summary(one(write(tmp_path, "e.svg", embedded))) == TEAMWORK


def test_ob3_compact_jwt_file(tmp_path: Path) -> None:
    """A .jwt file (a compact JWS and a newline) is decoded and marked signed."""
    found = one(write(tmp_path, "c.jwt", fx.jws(fx.OB3_CREDENTIAL) + "\n"))
    assert summary(found) == TEAMWORK
    assert found.signed


def test_credly_badge_list(tmp_path: Path) -> None:
    """Credly's data[]: template names, issued and expiry dates, the issuer entity or summary."""
    found = read_credentials(write(tmp_path, "badges.json", json.dumps(fx.CREDLY)))
    assert [summary(c) for c in found] == [
        ("MLOps Foundation", "AIOps School", dt.date(2023, 5, 1), dt.date(2026, 5, 1)),
        ("Kubernetes Pioneer", "Example Foundation", dt.date(2024, 2, 29), None)]
    assert found[1].source.endswith("badges.json, data[1]")


def test_linkedin_certifications_csv(tmp_path: Path) -> None:
    """LinkedIn's Certifications.csv: months recorded as months, Finished On as the expiry."""
    found = read_credentials(write(tmp_path, "Certifications.csv", fx.LINKEDIN_CSV))
    assert [(summary(c), c.earned_month, c.expires_month) for c in found] == [
        (("MLOps Associate", "AIOps School", dt.date(2024, 3, 1), dt.date(2027, 3, 1)), True, True),
        (("Data Science, Applied", "Example Institute", dt.date(2021, 11, 1), None), True, False)]


BAD = {
    "not a credential": ("notes.txt", b"my certifications: lots\n", r"not a credential certpath"),
    "empty": ("e.json", b"", r"the file is empty"),
    "malformed JSON": ("m.json", b'{\n  "type": "Assertion",\n  "issuedOn" 2016}',
                       r"m\.json:3:14: malformed JSON: Expecting ':' delimiter"),
    "truncated JSON": ("t.json", json.dumps(fx.OB2_ASSERTION).encode()[:60],
                       r"t\.json:1:\d+: malformed JSON"),
    "other JSON": ("o.json", b'{"hello": "world"}', r"JSON, but not a credential"),
    "PNG without badge": ("p.png", fx.png(), r"a PNG image without badge data"),
    "truncated PNG": ("t.png", fx.png(fx.itxt("openbadges", json.dumps(fx.OB2_ASSERTION)))[:90],
                      r"a truncated PNG image"),
    "damaged PNG": ("d.png", fx.png()[:-1] + b"\x00", r"a damaged PNG image"),
    "SVG without badge": ("s.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>',
                          r"an SVG image without badge data"),
    "malformed SVG": ("s.svg", b"<svg><g></svg>", r"s\.svg:1:\d+: malformed XML"),
    "entity expansion": ("x.svg", b'<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "aaaa">'
                         b'<!ENTITY b "&a;&a;&a;&a;">]>\n<svg>&b;</svg>',
                         r"declares entities"),
    "badge without name": ("n.json", json.dumps({**fx.OB2_ASSERTION, "badge": {
        "type": "BadgeClass", "issuer": "https://example.org/issuer"}}).encode(),
                           r"the badge has no name"),
    "assertion without date": ("d.json", json.dumps(
        {k: v for k, v in fx.OB2_ASSERTION.items() if k != "issuedOn"} | {"type": "Assertion"}
    ).encode(), r"no issuedOn date"),
    "credential without date": ("c.json", json.dumps(
        {k: v for k, v in fx.OB3_CREDENTIAL.items() if k != "validFrom"}).encode(),
                                r"no date \(validFrom or issuanceDate\)"),
    "bad date": ("b.json", json.dumps({**fx.OB2_ASSERTION, "issuedOn": "31/12/2016"}).encode(),
                 r"issuedOn '31/12/2016' is not a date and time such as"),
    "LinkedIn row without date": ("l.csv", b"Name,Url,Authority,Started On,Finished On,"
                                  b"License Number\nMLOps Associate,,AIOps School,,,\n",
                                  r"l\.csv, row 2: 'MLOps Associate' has no Started On date"),
    "Credly badge without name": ("c.json", json.dumps({"data": [{"issued_at_date": "2023-05-01",
                                  "badge_template": {}}]}).encode(),
                                  r"data\[0\]: the badge has no badge_template\.name"),
    "binary": ("b.bin", b"\xff\xfe\x00garbage", r"not UTF-8 text"),
    "name nested 700 lists deep": ("deep.json", json.dumps({**fx.OB2_ASSERTION, "badge": {
        **fx.OB2_ASSERTION["badge"], "name": json.loads("[" * 700 + '"A"' + "]" * 700)}},
        ).encode(), r"deep\.json: JSON nested more than 64 levels deep"),
    "JWT payload nested 700 deep": ("deep.jwt", (fx.b64url(b"{}") + "." + fx.b64url(
        b'{"vc": ' + b"[" * 700 + b"]" * 700 + b"}") + ".").encode(),
        r"deep\.jwt: JSON nested more than 64 levels deep"),
    "number of 5,000 digits": ("big.json", json.dumps(fx.OB2_ASSERTION).encode()[:-1]
                               + b', "x": 1' + b"0" * 5000 + b"}",
                               r"big\.json: malformed JSON: a number too long to read"),
    "number of 5,000 digits in a JWT": (
        "big.jwt", (fx.b64url(b"{}") + "." + fx.b64url(b'{"nbf": 1' + b"0" * 5000 + b"}")
                    + ".").encode(), r"big\.jwt: a signed credential \(JWS\) whose payload"),
    "JWT with a bad payload": ("j.jwt", b"eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln",
                               r"payload is not base64url-encoded JSON"),
}


@pytest.mark.parametrize("case", list(BAD), ids=list(BAD))
def test_bad_input_is_one_line_naming_the_file(tmp_path: Path, case: str) -> None:
    """Every kind of bad file raises CredentialError: one line, naming the file and the problem."""
    name, data, pattern = BAD[case]
    path = write(tmp_path, name, data)
    with pytest.raises(CredentialError, match=pattern) as caught:
        read_credentials(path)
    message = str(caught.value)
    assert message.startswith(str(path))
    assert "\n" not in message
    assert caught.value.exit_code == 1


def test_huge_file_is_refused_unread(tmp_path: Path) -> None:
    """A file over the size limit is refused without reading it all."""
    path = tmp_path / "huge.png"
    with path.open("wb") as handle:
        handle.write(fx.PNG_SIGNATURE)
        handle.truncate(MAX_BYTES + 1)
    with pytest.raises(CredentialError, match=r"larger than 8 MiB"):
        read_credentials(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_is_refused_without_reading(tmp_path: Path) -> None:
    """A FIFO in place of a file is refused at once (reading it would wait for ever)."""
    fifo = tmp_path / "badge.png"
    os.mkfifo(fifo)
    with pytest.raises(CredentialError, match=r"not a regular file"):
        read_credentials(fifo)
