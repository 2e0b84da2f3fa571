"""Matching credentials to catalog certifications, and what an import changes in the profile."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from certpath.catalog import Catalog, load_catalog
from certpath.credentials import Credential
from certpath.credentials.matching import Matcher, apply_import, fold, plan_import
from certpath.profile import Profile, dump_profile, load_profile
from certpath.validity import standing
from tests.conftest import SMALL_ROLES, SMALL_TRACKS, WriteCatalog

BADGED = SMALL_TRACKS.replace("""    requires: [basics]
    effort: {hours: 30}
""", """    requires: [basics]
    effort: {hours: 30}
    exam: [AA-101, AA-102]
""", 1).replace("""    effort: {hours: 20}
""", """    effort: {hours: 20}
    validity_months: 24
    badges:
      - {name: Certified Cloud Practitioner, issuer: Cloud Org}
      - {name: Shared Badge}
""", 1).replace("""    name: Cloud Expert
""", """    name: Cloud Expert
    badges: [{name: Shared Badge}]
""")


@pytest.fixture
def badged(write_catalog: WriteCatalog) -> Catalog:
    """The small catalog with badge names on Associate B and Cloud Expert."""
    return load_catalog([write_catalog(BADGED, SMALL_ROLES)], builtin=False)


def cred(name: str, issuer: str | None = None, earned: dt.date = dt.date(2024, 5, 1),
         expires: dt.date | None = None, withdrawn: str | None = None) -> Credential:
    """A credential as a reader returns it."""
    return Credential(name, issuer, earned, expires, "Open Badges 2.0", "test.json",
                      withdrawn=withdrawn)


@pytest.mark.parametrize("name", ["Cloud Basics", "CLOUD-BASICS!", "cloud_basics", "basics",
                                  "Certified: Cloud   Basics."])
def test_name_id_and_alias_match_ignoring_case_and_punctuation(badged: Catalog, name: str) -> None:
    """Id, name and alias match however the credential capitalises and punctuates them."""
    assert Matcher(badged).match(cred(name)).cert == "basics"


@pytest.mark.parametrize(("name", "cert"), [
    ("aa101", None),  # folding keeps letters and digits together: not a code
    ("AA 101", "assoc-a"), ("aa-102", "assoc-a"),
    ("Associate Alpha (AA-102)", "assoc-a"), ("Passed exam AA-101 in 2024", "assoc-a"),
    ("Course AA-1010", None)])
def test_exam_code_alone_or_as_whole_words(badged: Catalog, name: str, cert: str | None) -> None:
    """An exam code matches as the whole name or as whole words in it, never inside a word."""
    found = Matcher(badged).match(cred(name))
    assert found.cert == cert
    if cert:
        assert found.by == "exam"


def test_badge_name_with_issuer(badged: Catalog) -> None:
    """A catalog badge with an issuer matches only a credential from that issuer."""
    matcher = Matcher(badged)
    assert matcher.match(cred("certified cloud practitioner", "CLOUD ORG")).cert == "assoc-b"
    other = matcher.match(cred("Certified Cloud Practitioner", "Another Org"))
    assert (other.cert, other.ids) == (None, ())


def test_two_certifications_are_never_guessed(badged: Catalog) -> None:
    """A badge name two certifications list is ambiguous: both named, neither chosen."""
    found = Matcher(badged).match(cred("Shared Badge"))
    assert (found.cert, set(found.ids)) == (None, {"assoc-b", "expert"})


def test_unmatched_lists_nearest_names(badged: Catalog) -> None:
    """A name that matches nothing lists the closest catalog certifications."""
    found = Matcher(badged).match(cred("Cloud Basic Certificate"))
    assert found.cert is None
    assert "Cloud Basics" in found.nearest


@given(st.text(max_size=30))
def test_fold_is_idempotent_and_ignores_punctuation(text: str) -> None:
    """Folding twice changes nothing, and added punctuation never changes the fold."""
    assert fold(fold(text)) == fold(text)
    assert fold(f"--{text}!?") == fold(text)


def test_plan_actions(badged: Catalog) -> None:
    """add, update (a later date), recorded (same date), superseded (an older duplicate)."""
    held = Profile(earned={"basics": dt.date(2024, 5, 1), "assoc-a": dt.date(2023, 1, 1)})
    rows = plan_import(badged, held, [
        cred("Cloud Basics"),                                   # same date: recorded
        cred("Associate A", earned=dt.date(2024, 6, 1)),        # later: update
        cred("Cloud Expert", earned=dt.date(2022, 1, 1)),       # older duplicate: superseded
        cred("Cloud Expert", earned=dt.date(2024, 1, 1)),       # new: add
        cred("Nothing Like It"), cred("Shared Badge")])
    assert [r.action for r in rows] == ["recorded", "update", "superseded", "add", "unmatched",
                                        "ambiguous"]
    updated = apply_import(held, rows)
    assert updated.earned == {"basics": dt.date(2024, 5, 1), "assoc-a": dt.date(2024, 6, 1),
                              "expert": dt.date(2024, 1, 1)}


def test_withdrawn_credentials_are_never_recorded(badged: Catalog) -> None:
    """A revoked or pending credential is reported, records nothing, and does not supersede an
    older one in force for the same certification."""
    held = Profile(earned={"basics": dt.date(2020, 1, 1)})
    rows = plan_import(badged, held, [
        cred("Cloud Expert", earned=dt.date(2024, 1, 1), withdrawn="revoked"),
        cred("Cloud Expert", earned=dt.date(2022, 1, 1)),
        cred("Cloud Basics", earned=dt.date(2024, 1, 1), withdrawn="pending"),
        cred("Nothing Like It", withdrawn="rejected")])
    assert [r.action for r in rows] == ["withdrawn", "add", "withdrawn", "withdrawn"]
    assert rows[0].notes == ("its file marks it revoked, so it is not recorded",)
    assert apply_import(held, rows).earned == {"basics": dt.date(2020, 1, 1),
                                               "expert": dt.date(2022, 1, 1)}


def test_profile_later_date_is_kept(badged: Catalog) -> None:
    """A credential older than the profile's date does not move the date back."""
    held = Profile(earned={"basics": dt.date(2024, 5, 1)})
    (row,) = plan_import(badged, held, [cred("Cloud Basics", earned=dt.date(2020, 1, 1))])
    assert row.action == "recorded"
    assert apply_import(held, [row]) == held


def test_credential_expiry_wins_over_catalog_validity(badged: Catalog, tmp_path: Path) -> None:
    """A stated expiry is recorded, survives the file, and decides validity, not 24 months."""
    (row,) = plan_import(badged, Profile(), [cred("Associate B", "Cloud Org",
                                                  expires=dt.date(2025, 1, 1))])
    assert row.notes == ("its own expiry date wins over the catalog's 24 months",)
    path = tmp_path / "profile.yaml"
    path.write_bytes(dump_profile(apply_import(Profile(), [row])))
    reread = load_profile(path)
    assert reread.expires == {"assoc-b": dt.date(2025, 1, 1)}
    # 2024-05-01 + 24 months is 2026-05-01, but the credential says 2025-01-01.
    found = standing(badged, "assoc-b", reread.earned["assoc-b"], dt.date(2025, 6, 1),
                     stated=reread.expires)
    assert (found.expires, found.status) == (dt.date(2025, 1, 1), "expired")


def test_month_only_dates_survive_the_profile(badged: Catalog, tmp_path: Path) -> None:
    """A month without a day is written as YYYY-MM and read back as that month."""
    month = Credential("Cloud Basics", None, dt.date(2024, 3, 1), None, "LinkedIn", "c.csv",
                       earned_month=True)
    path = tmp_path / "profile.yaml"
    path.write_bytes(dump_profile(apply_import(Profile(), plan_import(badged, Profile(),
                                                                      [month]))))
    assert "basics: 2024-03\n" in path.read_text(encoding="utf-8")
    reread = load_profile(path)
    assert (reread.earned["basics"], reread.earned_months) == (dt.date(2024, 3, 1),
                                                               frozenset({"basics"}))
