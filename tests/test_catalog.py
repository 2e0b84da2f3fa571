"""Loading and validating catalogs, and finding entries by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from certpath.catalog import Catalog, load_catalog
from certpath.errors import CatalogError, UnknownNameError
from certpath.names import normalize_name
from tests.conftest import LEVELS, SMALL_ROLES, SMALL_TRACKS, WriteCatalog


def errors_of(directory: Path) -> list[str]:
    """Return the error lines of a catalog that must be rejected."""
    with pytest.raises(CatalogError) as info:
        load_catalog([directory], builtin=False)
    return [str(f) for f in info.value.findings if f.severity == "error"]


def test_loads_in_catalog_order(small: Catalog) -> None:
    """Entries keep the order of the files; requirements come back normalised."""
    assert list(small.certifications) == ["basics", "assoc-a", "assoc-b", "expert", "data-pro"]
    [any_of, recommended] = small.requirements("expert")
    assert any_of.options == ("assoc-a", "assoc-b")
    assert any_of.is_choice
    assert recommended.options == ("basics",)
    assert recommended.recommended


@pytest.mark.parametrize("name", ["expert", "EXPERT", "cloud expert", "Cloud-Expert", "cloud_expert"])
def test_resolve_by_id_alias_or_name(small: Catalog, name: str) -> None:
    """Names match case-insensitively, with spaces, hyphens and underscores alike."""
    assert small.resolve_cert(name).id == "expert"


def test_unknown_name_lists_nearest(small: Catalog) -> None:
    """An unknown name fails with the nearest matches."""
    with pytest.raises(UnknownNameError) as info:
        small.resolve_cert("asoc-a")
    assert info.value.suggestions[0] == "assoc-a"
    assert info.value.exit_code == 1


def test_ambiguous_name(write_catalog: WriteCatalog) -> None:
    """A name shared by two entries is ambiguous, and the error names both."""
    tracks = LEVELS + """\
certifications:
  - {id: one, name: Same Name, track: cloud}
  - {id: two, name: Same Name, track: cloud}
"""
    catalog = load_catalog([write_catalog(tracks)], builtin=False)
    with pytest.raises(UnknownNameError, match="ambiguous") as info:
        catalog.resolve_cert("same name")
    assert info.value.suggestions == ("one", "two")


def test_unknown_reference_points_at_line(write_catalog: WriteCatalog) -> None:
    """A prerequisite that names no certification is an error at its line, with a suggestion."""
    tracks = LEVELS + """\
certifications:
  - id: basics
    name: Basics
    track: cloud
  - id: pro
    name: Pro
    track: cloud
    requires: [basic]
"""
    [error] = errors_of(write_catalog(tracks))
    assert error.endswith("tracks.yaml:15:16: error: unknown certification 'basic'; "
                          "did you mean 'basics'?")


def test_cycle_is_named_in_order(write_catalog: WriteCatalog) -> None:
    """A prerequisite cycle is rejected and spelled out in order."""
    tracks = LEVELS + """\
certifications:
  - {id: a, name: A, track: cloud, requires: [b]}
  - {id: b, name: B, track: cloud, requires: [{any_of: [c, a]}]}
  - {id: c, name: C, track: cloud, requires: [{cert: a, recommended: true}]}
"""
    [error] = errors_of(write_catalog(tracks))
    assert "prerequisite cycle: a -> b -> c -> a" in error


@pytest.mark.parametrize(("entry", "expected"), [
    ("{id: x, name: X, track: cloud, level: 3}", "expected text, got a whole number (3)"),
    ("{id: x, name: X, track: cloud, nmae: y}", "unknown key 'nmae'; did you mean 'name'?"),
    ("{id: x, track: cloud}", "missing required field 'name'"),
    ("{id: x, name: X, track: cloud, requires: [{any_of: [y], choose: 2}]}", "can never be met"),
    ("{id: x, name: X, track: cloud, requires: [x]}", "cannot require itself"),
    ("{id: x, name: X, track: cloud, requires: [{cert: y, any_of: [y]}]}", "exactly one of"),
    ("{id: x, name: X, track: moon}", "unknown track 'moon'"),
    ("{id: X Y, name: X, track: cloud}", "an id must be lower-case letters"),
])
def test_bad_certification_entries(write_catalog: WriteCatalog, entry: str, expected: str) -> None:
    """Each kind of bad entry gives one clear error naming the file and line."""
    tracks = LEVELS + f"certifications:\n  - {{id: y, name: Y, track: cloud}}\n  - {entry}\n"
    errors = errors_of(write_catalog(tracks))
    assert any(expected in e and "tracks.yaml:10:" in e for e in errors), errors


def test_every_bad_entry_is_reported(write_catalog: WriteCatalog) -> None:
    """Problems in several entries and files are all reported at once, sorted by file and line."""
    tracks = LEVELS + "certifications:\n  - {id: a, track: cloud}\n  - {id: b, name: 5, track: cloud}\n"
    roles = "roles:\n  - {id: r, name: R, target: nowhere, colour: red}\n"
    with pytest.raises(CatalogError) as info:
        load_catalog([write_catalog(tracks, roles)], builtin=False)
    found = [(Path(f.file).name, f.line) for f in info.value.findings]
    # the role's unknown key is set aside, so its unknown target is reported too
    assert found == [("roles.yaml", 2), ("roles.yaml", 2), ("tracks.yaml", 9), ("tracks.yaml", 10)]


@pytest.mark.parametrize(("field", "expected"), [
    ("validity_months: 0", "expected a number at least 1"),
    ('preparation: [{id: focused, name: "", min_days: 1, max_days: 1}]',
     "expected a value that is not empty"),
    ("effort: {hours: -3}", "expected a number above 0"),
])
def test_constraint_errors_are_said_in_words(write_catalog: WriteCatalog, field: str,
                                             expected: str) -> None:
    """Bounds and lengths from the model are explained in words, not in a library's notation."""
    tracks = LEVELS + f"certifications:\n  - id: a\n    name: A\n    track: cloud\n    {field}\n"
    errors = errors_of(write_catalog(tracks))
    assert any(e.endswith(expected) for e in errors), errors


def test_every_bad_field_of_one_entry_is_reported(write_catalog: WriteCatalog) -> None:
    """One entry with several wrong optional fields gets one error per field, not only the first."""
    tracks = LEVELS + "certifications:\n  - {id: a, name: A, track: cloud, order: x, nmae: y, skills: 3}\n"
    errors = errors_of(write_catalog(tracks))
    assert len(errors) == 3
    assert any("unknown key 'nmae'" in e for e in errors)
    assert sum("expected" in e for e in errors) == 2


def test_duplicate_id_in_one_file(write_catalog: WriteCatalog) -> None:
    """An id defined twice in one file is an error at the second."""
    tracks = LEVELS + ("certifications:\n  - {id: a, name: A, track: cloud}\n"
                       "  - {id: a, name: B, track: cloud}\n")
    [error] = errors_of(write_catalog(tracks))
    assert "tracks.yaml:10:" in error
    assert "duplicate certification id 'a'" in error


def test_overlay_replaces_and_extends(write_catalog: WriteCatalog) -> None:
    """A later directory replaces entries with the same id and adds new ones that link back."""
    base = write_catalog(SMALL_TRACKS, SMALL_ROLES)
    overlay = write_catalog("""\
certifications:
  - {id: basics, name: Cloud Basics v2, track: cloud, level: beginner}
  - {id: internal, name: Internal Cert, track: cloud, requires: [expert]}
""")
    catalog = load_catalog([base, overlay], builtin=False)
    assert catalog.certifications["basics"].name == "Cloud Basics v2"
    assert list(catalog.certifications)[0] == "basics"
    assert catalog.requirements("internal")[0].options == ("expert",)


def test_shipped_catalog_loads_without_warnings() -> None:
    """The shipped catalog is valid on its own."""
    catalog = load_catalog()
    assert catalog.certifications
    assert catalog.warnings == []


@pytest.mark.parametrize(("text", "expected"), [
    ("MLOps  Architect", "mlops architect"), ("mlops_architect", "mlops architect"),
    (" -Site__Reliability-\tEngineer- ", "site reliability engineer"),
    ("ÉQUIPE\u00a0Données", "équipe données"),
    ("", ""), ("---", ""),
])
def test_normalize_name_folds_case_and_separators(text: str, expected: str) -> None:
    """Names match regardless of case and of runs of spaces, hyphens and underscores."""
    assert normalize_name(text) == expected


def test_a_directory_without_catalog_files_is_an_error(tmp_path: Path) -> None:
    """--catalog pointing at a folder with none of the three files is a mistake, not an empty layer."""
    (tmp_path / "notes.txt").write_text("not a catalog\n")
    with pytest.raises(CatalogError, match="not a catalog directory"):
        load_catalog([tmp_path])
