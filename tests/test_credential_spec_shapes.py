"""Credentials in the shapes the specifications' own examples use, and hostile variants of them.

Facts (field names and value shapes) come from the Open Badges 2.0 examples page (an assertion
whose ``badge`` is a URL, a BadgeClass whose ``issuer`` is a URL, ``expires`` as a date-time, a
null ``expires``), the Open Badges 3.0 "Sample OpenBadgeCredential" (``validFrom`` only, no
``validUntil``), the W3C VC data model 2.0 (``name`` as a language value object or a list of
them, ``issuer`` as a string), VC-JWT for VC 1.1 (the issuer carried by ``iss``), Credly's badge
list paging ``metadata`` and LinkedIn's Certifications.csv columns. Every file here is written by
hand for the test.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import zlib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from certpath.cli import app
from certpath.credentials import Credential, read_all, read_credentials
from certpath.errors import CredentialError
from tests import credential_fixtures as fx


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    """Write a fixture file and return its path."""
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def one(tmp_path: Path, name: str, data: bytes | str) -> Credential:
    """Read a file that holds exactly one credential."""
    (found,) = read_credentials(write(tmp_path, name, data))
    return found


def facts(c: Credential) -> tuple[object, ...]:
    """Name, issuer, earned and expiry date of a credential."""
    return (c.name, c.issuer, c.earned, c.expires)


SAMPLE_OB3: dict[str, Any] = {
    "@context": ["https://www.w3.org/ns/credentials/v2",
                 "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
    "id": "http://example.com/credentials/3527",
    "type": ["VerifiableCredential", "OpenBadgeCredential"],
    "issuer": {"id": "https://example.com/issuers/876543", "type": ["Profile"],
               "name": "Example Corp"},
    "validFrom": "2010-01-01T00:00:00Z",
    "name": "Teamwork Badge",
    "credentialSubject": {"id": "did:example:ebfeb1f712ebc6f1c276e12ec21",
                          "type": ["AchievementSubject"],
                          "achievement": {"id": "https://example.com/achievements/teamwork",
                                          "type": ["Achievement"],
                                          "criteria": {"narrative": "Nominated by peers."},
                                          "description": "Collaboration.", "name": "Teamwork"}},
}


def ob3(**changes: Any) -> str:
    """The sample OpenBadgeCredential with some properties replaced, as JSON text."""
    return json.dumps({**SAMPLE_OB3, **changes})


def achievement_named(name: Any) -> dict[str, Any]:
    """The sample's credentialSubject with the achievement's name replaced."""
    subject = dict(SAMPLE_OB3["credentialSubject"])
    subject["achievement"] = {**subject["achievement"], "name": name}
    return subject


def test_ob3_sample_without_valid_until_has_no_expiry(tmp_path: Path) -> None:
    """The spec's sample gives validFrom only: earned 2010-01-01, no expiry."""
    assert facts(one(tmp_path, "c.json", ob3())) == \
        ("Teamwork", "Example Corp", dt.date(2010, 1, 1), None)


@pytest.mark.parametrize("name", [
    {"@value": "Teamwork", "@language": "en"},
    {"@language": "en", "@value": "Teamwork"},
    [{"@language": "en", "@value": "Teamwork"}, {"@language": "fr", "@value": "Travail"}],
    {"en": "Teamwork", "fr": "Travail"},
    "Teamwork",
])
def test_achievement_name_in_every_language_shape(tmp_path: Path, name: Any) -> None:
    """A name as a string, a JSON-LD value object (keys in either order), a list of them or a
    language map gives the name text, never the language tag."""
    assert one(tmp_path, "c.json", ob3(credentialSubject=achievement_named(name))).name == \
        "Teamwork"


def test_issuer_name_as_value_objects_and_issuer_as_string(tmp_path: Path) -> None:
    """An issuer name given per language reads as its first text; an issuer given as a string
    (its id) is that string."""
    named = {"id": "https://example.com/issuers/876543",
             "name": [{"@value": "Example Corp", "@language": "en"},
                      {"@value": "Exemple SA", "@language": "fr"}]}
    assert one(tmp_path, "a.json", ob3(issuer=named)).issuer == "Example Corp"
    assert one(tmp_path, "b.json", ob3(issuer="https://example.com/issuers/876543")).issuer == \
        "https://example.com/issuers/876543"


def test_type_as_a_single_string(tmp_path: Path) -> None:
    """`type` may be one string instead of a list."""
    assert one(tmp_path, "c.json", ob3(type="OpenBadgeCredential")).name == "Teamwork"


@pytest.mark.parametrize("types", [[{"id": "OpenBadgeCredential"}], [["x"]], 7])
def test_type_of_the_wrong_shape_is_a_clear_error(tmp_path: Path, types: Any) -> None:
    """A `type` holding objects or lists (unhashable) or a number is refused, not a crash."""
    path = write(tmp_path, "t.json", json.dumps({"type": types, "credentialSubject": {}}))
    with pytest.raises(CredentialError, match=r"^.*t\.json: JSON, but not a credential"):
        read_credentials(path)


@pytest.mark.parametrize("kind", ["EndorsementCredential", "ClrCredential"])
def test_endorsements_and_learner_records_are_not_earned_credentials(tmp_path: Path,
                                                                     kind: str) -> None:
    """An EndorsementCredential (a third party vouching for a badge) or a CLR bundle is refused
    by name instead of being recorded as a certification someone holds."""
    doc = ob3(type=["VerifiableCredential", kind], name="Endorsement of Teamwork",
              credentialSubject={"id": "https://example.com/achievements/teamwork",
                                 "type": ["EndorsementSubject"], "endorsementComment": "Good."})
    path = write(tmp_path, "e.json", doc)
    with pytest.raises(CredentialError, match=kind):
        read_credentials(path)


def jwt(payload: dict[str, Any]) -> str:
    """A compact JWS of ``payload`` with a made-up signature."""
    return fx.jws(payload)


def test_vc_jwt_issuer_from_iss_claim(tmp_path: Path) -> None:
    """VC-JWT 1.1 may drop the issuer from `vc` and carry it as `iss`; it is the issuer then."""
    inner = {k: v for k, v in SAMPLE_OB3.items() if k not in ("issuer", "validFrom")}
    token = jwt({"iss": "https://example.com/issuers/876543", "nbf": 1262304000,
                 "exp": 1893456000, "jti": SAMPLE_OB3["id"], "vc": inner})
    found = one(tmp_path, "c.jwt", token)
    assert facts(found) == ("Teamwork", "https://example.com/issuers/876543",
                            dt.date(2010, 1, 1), dt.date(2030, 1, 1))
    assert found.signed


def test_vc_jwt_boolean_nbf_is_not_a_date(tmp_path: Path) -> None:
    """JSON true is not a NumericDate: it must not become 1970-01-01."""
    inner = {k: v for k, v in SAMPLE_OB3.items() if k != "validFrom"}
    path = write(tmp_path, "c.jwt", jwt({"nbf": True, "vc": inner}))
    with pytest.raises(CredentialError, match=r"has no date"):
        read_credentials(path)


def test_jwt_with_a_non_json_payload(tmp_path: Path) -> None:
    """A token whose payload decodes to text that is not JSON gets one line naming the file."""
    token = ".".join((fx.b64url(b'{"alg":"none"}'), fx.b64url(b"<credential/>"), ""))
    path = write(tmp_path, "c.jwt", token + "\n")
    with pytest.raises(CredentialError, match=r"c\.jwt: a signed credential \(JWS\) whose "
                                              r"payload is not base64url-encoded JSON"):
        read_credentials(path)


OB2_EMBEDDED = {**fx.OB2_ASSERTION,
                "badge": {**fx.OB2_ASSERTION["badge"], "issuer": "https://example.org/org.json"}}


@pytest.mark.parametrize(("stamp", "day"), [
    ("2016-12-31T23:59:59Z", dt.date(2016, 12, 31)),
    ("2016-12-31T23:59:59-08:00", dt.date(2016, 12, 31)),
    ("2016-12-31T23:59:59+0530", dt.date(2016, 12, 31)),
    ("2017-01-01T00:30:00+14:00", dt.date(2017, 1, 1)),
    ("2016-12-31", dt.date(2016, 12, 31)),
])
def test_dates_with_time_zones_read_as_written(tmp_path: Path, stamp: str, day: dt.date) -> None:
    """A date-time is the calendar date it was written in, whatever its offset; the BadgeClass
    issuer given as a URL is that URL."""
    found = one(tmp_path, "a.json", json.dumps({**OB2_EMBEDDED, "issuedOn": stamp}))
    assert (found.earned, found.issuer) == (day, "https://example.org/org.json")


@pytest.mark.parametrize("stamp", ["2016", "2016-12", "2016-12-31T25:00:00Z",
                                   "2016-12-31T23:61:00Z", "2016-12-31T23:59:59+24:00",
                                   "2016-02-30", "148322879", "14832287990", "1483228799000",
                                   "1483228799\n", "2016-12-31\n", "\u0661483228799",
                                   "\uff12016-12-31", "1483228799.5"])
def test_dates_that_are_not_full_dates_are_refused(tmp_path: Path, stamp: str) -> None:
    """Only a year, only a month, an impossible time or day, a number of other than ten digits
    (milliseconds), a trailing newline or non-ASCII digits: one clear line."""
    path = write(tmp_path, "a.json", json.dumps({**OB2_EMBEDDED, "issuedOn": stamp}))
    with pytest.raises(CredentialError, match=r"a\.json: issuedOn .* is not a date and time"):
        read_credentials(path)


@pytest.mark.parametrize(("stamp", "day"), [
    # Open Badges 2.0's DateTime is "either an ISO 8601 date or a standard 10-digit Unix
    # timestamp": 1483228800 is 2017-01-01T00:00:00Z, so one second before is 2016-12-31
    # 23:59:59 UTC; 1359217910 (the 1.0 assertion example's issuedOn) is 2013-01-26T16:31:50Z
    # (15,731 days after 1970-01-01, plus 59,510 s).
    (1483228799, dt.date(2016, 12, 31)), ("1483228799", dt.date(2016, 12, 31)),
    (1483228800, dt.date(2017, 1, 1)), (1359217910, dt.date(2013, 1, 26)),
])
def test_ob2_unix_timestamps_are_dates(tmp_path: Path, stamp: int | str, day: dt.date) -> None:
    """issuedOn and expires as a 10-digit Unix timestamp (a JSON number or a string), in UTC."""
    doc = {**OB2_EMBEDDED, "issuedOn": stamp, "expires": 1893456000}  # 2030-01-01T00:00:00Z
    found = one(tmp_path, "a.json", json.dumps(doc))
    assert (found.earned, found.expires) == (day, dt.date(2030, 1, 1))


@pytest.mark.parametrize("stamp", [1483228799, 1483228799.0, True])
def test_ob3_dates_are_never_unix_timestamps(tmp_path: Path, stamp: object) -> None:
    """Open Badges 3.0's validFrom is an ISO 8601 date-time only: a number is refused, as is a
    boolean or a float in Open Badges 2.0."""
    path = write(tmp_path, "c.json", ob3(validFrom=stamp))
    with pytest.raises(CredentialError, match=r"c\.json: validFrom .* is not a date and time"):
        read_credentials(path)
    if not isinstance(stamp, int) or isinstance(stamp, bool):
        path = write(tmp_path, "a.json", json.dumps({**OB2_EMBEDDED, "issuedOn": stamp}))
        with pytest.raises(CredentialError, match=r"a\.json: issuedOn .* Unix timestamp"):
            read_credentials(path)


def test_null_expires_is_no_expiry(tmp_path: Path) -> None:
    """An assertion with "expires": null has no expiry date."""
    assert one(tmp_path, "a.json", json.dumps({**OB2_EMBEDDED, "expires": None})).expires is None


LINKEDIN_HEAD = "Name,Url,Authority,Started On,Finished On,License Number\n"


@pytest.mark.parametrize("when", ["2024-W10", "20240304", "2024", "2024-13", "2024-00",
                                  "0000-03", "2024-3", "2024\u201303", "Mar 2024 x"])
def test_linkedin_dates_beyond_month_or_day_are_refused(tmp_path: Path, when: str) -> None:
    """LinkedIn writes `Mar 2024`, `2024-03` or a full date; week dates, compact dates, a bare
    year and a month that does not exist are refused rather than read as some other day."""
    path = write(tmp_path, "Certifications.csv", f"{LINKEDIN_HEAD}CKA,,CNCF,{when},,\n")
    with pytest.raises(CredentialError, match=r"row 2: Started On .* is not a date"):
        read_credentials(path)


@pytest.mark.parametrize(("when", "day", "month"), [
    ("2024-03", dt.date(2024, 3, 1), True), ("Mar 2024", dt.date(2024, 3, 1), True),
    ("March 2024", dt.date(2024, 3, 1), True), ("2024-12", dt.date(2024, 12, 1), True),
    ("2024-03-15", dt.date(2024, 3, 15), False),
])
def test_linkedin_year_month_is_a_month(tmp_path: Path, when: str, day: dt.date,
                                        month: bool) -> None:
    """A LinkedIn date written 2024-03 is recorded as that month, the same as `Mar 2024`, for
    both Started On and Finished On."""
    path = write(tmp_path, "Certifications.csv", f"{LINKEDIN_HEAD}CKA,,CNCF,{when},{when},\n")
    (found,) = read_credentials(path)
    assert (found.earned, found.earned_month, found.expires, found.expires_month) == \
        (day, month, day, month)


def test_credly_week_date_is_refused(tmp_path: Path) -> None:
    """Credly's issued_at_date is YYYY-MM-DD; an ISO week date is not taken as one."""
    doc = {"data": [{**fx.CREDLY["data"][0], "issued_at_date": "2023-W18-1"}]}
    with pytest.raises(CredentialError, match=r"data\[0\]: issued_at_date"):
        read_credentials(write(tmp_path, "b.json", json.dumps(doc)))


@pytest.mark.parametrize(("state", "withdrawn"), [
    # Credly's issued-badge states: pending (issued, not yet accepted by the earner),
    # accepted, rejected (declined by the earner), revoked (withdrawn by the issuer).
    ("accepted", None), ("Accepted", None), (None, None), ("pending", "pending"),
    ("rejected", "rejected"), ("revoked", "revoked"), ("REVOKED", "revoked"),
])
def test_credly_state_says_whether_the_badge_is_held(tmp_path: Path, state: str | None,
                                                     withdrawn: str | None) -> None:
    """Only an accepted badge (or one without a state) is held; any other state is kept on the
    credential, for the import to report and not record."""
    item = {**fx.CREDLY["data"][0], "state": state}
    if state is None:
        del item["state"]
    (found,) = read_credentials(write(tmp_path, "b.json", json.dumps({"data": [item]})))
    assert (found.name, found.withdrawn) == ("MLOps Foundation", withdrawn)


@pytest.mark.parametrize("state", [3, "", ["revoked"], True])
def test_credly_state_of_the_wrong_shape_is_an_error(tmp_path: Path, state: object) -> None:
    """A state that is not a word is one clear line naming the badge, not a guess."""
    doc = {"data": [{**fx.CREDLY["data"][0], "state": state}]}
    with pytest.raises(CredentialError, match=r"data\[0\]: the badge's state .* is not a word"):
        read_credentials(write(tmp_path, "b.json", json.dumps(doc)))


@pytest.mark.parametrize(("fields", "withdrawn"), [
    ({}, None), ({"revoked": False}, None), ({"revoked": True}, "revoked"),
    ({"revoked": True, "revocationReason": "Issued in error"}, "revoked (Issued in error)"),
])
def test_ob2_revoked_assertion_is_withdrawn(tmp_path: Path, fields: dict[str, Any],
                                            withdrawn: str | None) -> None:
    """Open Badges 2.0's revoked (default false) and revocationReason mark an assertion
    withdrawn."""
    found = one(tmp_path, "a.json", json.dumps({**OB2_EMBEDDED, **fields}))
    assert found.withdrawn == withdrawn


def test_ob2_revoked_that_is_not_a_boolean_is_an_error(tmp_path: Path) -> None:
    """"revoked": "no" is neither true nor false: refused rather than read either way."""
    path = write(tmp_path, "a.json", json.dumps({**OB2_EMBEDDED, "revoked": "no"}))
    with pytest.raises(CredentialError, match=r"a\.json: revoked 'no' is not true or false"):
        read_credentials(path)


TODAY = dt.date(2025, 1, 6)


@pytest.mark.parametrize(("name", "data", "pattern"), [
    ("a.json", json.dumps({**OB2_EMBEDDED, "issuedOn": "2025-01-07"}),
     r"a\.json: '3-D Printmaster' was issued on 2025-01-07, after today \(2025-01-06\)"),
    ("a.json", json.dumps({**OB2_EMBEDDED, "issuedOn": 1736208000}),  # 2025-01-07T00:00:00Z
     r"was issued on 2025-01-07, after today"),
    ("c.json", ob3(validFrom="2024-01-01T00:00:00Z", validUntil="2023-12-31T23:59:59Z"),
     r"c\.json: 'Teamwork' expires on 2023-12-31, not after it was issued on 2024-01-01"),
    ("c.json", ob3(validFrom="2024-01-01T00:00:00Z", validUntil="2024-01-01T23:59:59Z"),
     r"c\.json: 'Teamwork' expires on 2024-01-01, not after it was issued on 2024-01-01"),
    ("Certifications.csv", f"{LINKEDIN_HEAD}CKA,,CNCF,Feb 2025,,\n",
     r"row 2: 'CKA' was issued on 2025-02, after today"),
    ("Certifications.csv", f"{LINKEDIN_HEAD}CKA,,CNCF,Mar 2024,2024-02-29,\n",
     r"row 2: 'CKA' expires on 2024-02-29, not after it was issued on 2024-03"),
])
def test_impossible_dates_are_refused(tmp_path: Path, name: str, data: str,
                                      pattern: str) -> None:
    """A credential issued after today, or expiring on or before the day it was issued, is one
    clear line: recorded, it would make the profile wrong."""
    with pytest.raises(CredentialError, match=pattern):
        read_all([write(tmp_path, name, data)], today=TODAY)


@pytest.mark.parametrize("row", ["Jan 2025,,", "2025-01-06,2025-01-07,", "2024-03-15,Mar 2024,",
                                 "Mar 2024,2024-03-01,", "Mar 2024,Mar 2024,"])
def test_dates_of_today_and_of_one_month_are_possible(tmp_path: Path, row: str) -> None:
    """Issued today, or this month; expiring the day after it was issued; a month compared with
    a day of that month or with itself: all read."""
    path = write(tmp_path, "Certifications.csv", f"{LINKEDIN_HEAD}CKA,,CNCF,{row}\n")
    assert [c.name for c in read_all([path], today=TODAY)] == ["CKA"]


def test_empty_credly_list_says_so(tmp_path: Path) -> None:
    """A Credly badge list with no badges (its paging metadata says 0) is named as such."""
    doc = {"data": [], "metadata": {"count": 0, "current_page": 1, "total_count": 0,
                                    "total_pages": 1, "per": 48}}
    with pytest.raises(CredentialError, match=r"b\.json: Credly's badge list, but it lists no"):
        read_credentials(write(tmp_path, "b.json", json.dumps(doc)))


def itxt_raw(flag: int, method: int, text: bytes) -> bytes:
    """An iTXt chunk of keyword openbadges with the given compression flag and method."""
    return fx.chunk(b"iTXt", b"openbadges\0" + bytes((flag, method)) + b"\0\0" + text)


def test_compressed_itxt_is_read(tmp_path: Path) -> None:
    """A zlib-compressed iTXt (flag 1, method 0) holds the same assertion."""
    data = fx.png(itxt_raw(1, 0, zlib.compress(json.dumps(fx.OB2_ASSERTION).encode())))
    assert one(tmp_path, "b.png", data).name == "3-D Printmaster"


@pytest.mark.parametrize(("chunk", "pattern"), [
    (itxt_raw(1, 1, zlib.compress(b"{}")), r"compressed with unknown method 1"),
    (itxt_raw(1, 0, zlib.compress(b" " * (9 * 1024 * 1024), 9)), r"expands beyond 8 MiB"),
    (itxt_raw(1, 0, b"not zlib at all"), r"compressed text is damaged"),
], ids=["unknown method", "inflates too far", "damaged zlib"])
def test_hostile_compressed_itxt(tmp_path: Path, chunk: bytes, pattern: str) -> None:
    """An unknown compression method, a text that inflates past the size limit, or damaged
    zlib data is refused with one line naming the file."""
    with pytest.raises(CredentialError, match=r"b\.png.*" + pattern):
        read_credentials(write(tmp_path, "b.png", fx.png(chunk)))


def test_damaged_chunk_type_stays_on_one_line(tmp_path: Path) -> None:
    """A chunk whose type bytes are not letters (here newlines) is named without breaking the
    message over lines."""
    body = b"x"
    bad = len(body).to_bytes(4, "big") + b"\n\n\r\n" + body + b"\0\0\0\0"
    path = write(tmp_path, "b.png", fx.PNG_SIGNATURE + bad + fx.png()[8:])
    with pytest.raises(CredentialError, match=r"damaged PNG image") as caught:
        read_credentials(path)
    assert "\n" not in str(caught.value)
    assert "\r" not in str(caught.value)


SVG_DOCTYPE = (b'<?xml version="1.0" encoding="UTF-8"?>\n'
               b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
               b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n')


def test_svg_with_the_standard_doctype_is_read(tmp_path: Path) -> None:
    """SVG 1.1's public DOCTYPE (which declares no entity and is not loaded) does not stop the
    baked assertion from being read."""
    baked = fx.svg(fx.OB2_NS, "assertion", body=json.dumps(fx.OB2_ASSERTION))
    data = SVG_DOCTYPE + baked.split(b"\n", 1)[1]
    assert one(tmp_path, "b.svg", data).name == "3-D Printmaster"


@pytest.mark.parametrize("doctype", [
    b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/hostname">]>',
    b'<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    b'<!DOCTYPE svg [<!ENTITY % p SYSTEM "http://example.org/evil.dtd"> %p;]>',
])
def test_svg_entities_are_refused(tmp_path: Path, doctype: bytes) -> None:
    """External entities, entity expansion and external parameter entities: one clear line."""
    data = b'<?xml version="1.0"?>\n' + doctype + b'\n<svg xmlns="http://www.w3.org/2000/svg">' \
        b"<text>&x;</text></svg>"
    with pytest.raises(CredentialError, match=r"x\.svg") as caught:
        read_credentials(write(tmp_path, "x.svg", data))
    assert "\n" not in str(caught.value)


HOSTILE: dict[str, bytes] = {
    "deep.json": b"[" * 100_000 + b"]" * 100_000,
    "deepobj.json": b'{"a":' * 100_000 + b"1" + b"}" * 100_000,
    "types.json": json.dumps({"type": [{"a": 1}], "credentialSubject": {}}).encode(),
    "latin1.json": '{"type": "Assertion", "name": "Zertifikat für"}'.encode("latin-1"),
    "bomb.png": fx.png(itxt_raw(1, 0, zlib.compress(b"{" + b" " * (9 * 1024 * 1024), 9))),
    "crc.png": fx.png(fx.itxt("openbadges", "{}"))[:-5] + b"\x00" + fx.png()[-4:],
    "cut.png": fx.png(fx.itxt("openbadges", json.dumps(fx.OB2_ASSERTION)))[:70],
    "payload.jwt": b"eyJhbGciOiJub25lIn0." + base64.urlsafe_b64encode(b"\xff\xfe").rstrip(b"=")
                   + b".",
    "year.json": json.dumps({**SAMPLE_OB3, "validFrom": "2010"}).encode(),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_file_through_the_cli(small_dir: Path, tmp_path: Path, isolated_profile: Path,
                                      name: str) -> None:
    """Each hostile file, imported with a good one: exit 1, one stderr line naming it, no
    traceback, and nothing written (not even the good credential)."""
    good = write(tmp_path, "good.json", json.dumps(fx.OB2_ASSERTION))
    bad = write(tmp_path, name, HOSTILE[name])
    result = CliRunner().invoke(app, ["--no-builtin", "--catalog", str(small_dir), "profile",
                                      "import", str(good), str(bad)],
                                env={"NO_COLOR": "1", "CERTPATH_TODAY": "2025-01-06"})
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(bad) in lines[0]
    assert "Traceback" not in result.stderr
    assert not isolated_profile.exists()
