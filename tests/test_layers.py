"""Catalog directories split across files (tracks.d/, roles.d/, ...) and every problem in one run."""

from __future__ import annotations

import itertools
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from certpath import cache, yamldoc
from certpath.catalog import load_catalog, validate_catalog
from certpath.cli import app
from certpath.errors import CatalogError
from tests.conftest import LEVELS, WriteCatalog

_ALL_AT_ONCE = LEVELS + """\
certifications:
  - id: a
    name: A
    track: cloud
    colour: red
    level: NO
    requires: [b]
  - id: b
    name: B
    track: cloud
    requires: [a]
  - id: b
    name: B again
    track: cloud
  - id: c
    name: C
    track: cloud
    requires: [zzz]
"""


def _write(directory: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return directory


def test_every_problem_of_one_file_in_one_run(write_catalog: WriteCatalog) -> None:
    """Unknown key, YAML 1.1 trap, cycle, duplicate id and unknown reference all come out together."""
    report = validate_catalog([write_catalog(_ALL_AT_ONCE)], builtin=False)
    found = [(f.line, f.message.split(":")[0].split(" (")[0]) for f in report.findings]
    # LEVELS is 7 lines: 'certifications:' is line 8, entry a starts at 9, b at 15, b again at 19.
    assert found == [
        (12, "unknown key 'colour'; known keys"),
        (13, "ambiguous value NO"),
        (14, "prerequisite cycle"),
        (19, "duplicate certification id 'b'"),
        (25, "unknown certification 'zzz'"),
    ]
    assert "a -> b -> a" in report.findings[2].message
    assert "(first defined at line 15)" in report.findings[3].message


def test_an_unreadable_file_comes_first_and_its_echoes_are_summed(tmp_path: Path) -> None:
    """A file that cannot be parsed is reported first, and references into it become one line."""
    directory = _write(tmp_path / "cat", {
        "tracks.yaml": LEVELS + "certifications: [\n",
        "roles.yaml": """\
            roles:
              - {id: a, name: A, target: one}
              - {id: b, name: B, target: two}
            learning_paths: []
            """,
        "institutions.yaml": "institutions:\n  - {id: i, name: I, certifications: [three], colour: x}\n",
    })
    with pytest.raises(CatalogError) as info:
        load_catalog([directory], builtin=False)
    findings = info.value.findings
    assert findings[0].file.endswith("tracks.yaml")
    assert findings[0].message.startswith("YAML syntax")
    assert str(findings[0]) in str(info.value)  # the one-line message of every command
    summary = [f for f in findings if "could not be read" in f.message]
    assert len(summary) == 1
    assert summary[0].message.startswith("3 references to certifications")
    assert not [f for f in findings if f.message.startswith("unknown certification")]
    assert any(f.message.startswith("unknown key 'colour'") for f in findings)


def test_the_unreadable_file_is_the_first_line_of_any_command(tmp_path: Path) -> None:
    """Every command, not only validate, names the file that could not be read first."""
    directory = _write(tmp_path / "cat", {"tracks.yaml": LEVELS + "certifications: [\n",
                                          "roles.yaml": "roles:\n  - {id: a, name: A, target: x}\n"})
    result = CliRunner().invoke(app, ["--no-builtin", "-c", str(directory), "roles"])
    assert result.exit_code == 1
    first = result.stderr.splitlines()[0]
    assert "tracks.yaml:9:1: error: YAML syntax" in first  # line 9: the end of the file
    assert "1 reference to certifications" in result.stderr


def test_d_directories_are_read_in_name_order_after_the_single_file(tmp_path: Path) -> None:
    """tracks.yaml first, then tracks.d/*.yaml by name; roles.d and institutions.d alike."""
    directory = _write(tmp_path / "cat", {
        "tracks.yaml": LEVELS + "certifications:\n  - {id: base, name: Base, track: cloud}\n",
        "tracks.d/20-later.yaml": "certifications:\n  - {id: later, name: L, track: data}\n",
        "tracks.d/10-early.yaml": "certifications:\n  - {id: early, name: E, track: cloud, "
                                  "requires: [later]}\n",
        "tracks.d/.#10-early.yaml": "this is an editor's lock file: [",
        "roles.d/r.yaml": "roles:\n  - {id: sre, name: SRE, target: early}\n",
        "institutions.d/i.yaml": "institutions:\n  - {id: s, name: S, tracks: [cloud]}\n",
    })
    catalog = load_catalog([directory], builtin=False)
    assert list(catalog.certifications) == ["base", "early", "later"]
    assert [c.id for c in catalog.certifications.values() if c.requires] == ["early"]
    assert list(catalog.roles) == ["sre"]
    assert list(catalog.institutions) == ["s"]
    assert [p.relative_to(directory).as_posix() for p in catalog.files] == [
        "tracks.yaml", "tracks.d/10-early.yaml", "tracks.d/20-later.yaml", "roles.d/r.yaml",
        "institutions.d/i.yaml"]


def test_each_error_points_at_its_own_file(tmp_path: Path) -> None:
    """An error in a split file names that file; a duplicate names the file and line of the first."""
    directory = _write(tmp_path / "cat", {
        "tracks.yaml": LEVELS,
        "tracks.d/a.yaml": "certifications:\n  - {id: x, name: X, track: cloud}\n",
        "tracks.d/b.yaml": "certifications:\n  - {id: y, name: Y, track: moon}\n"
                           "  - {id: x, name: X2, track: cloud}\n",
        "tracks.d/notes.txt": "not a catalog file",
    })
    report = validate_catalog([directory], builtin=False)
    lines = [str(f).replace(str(directory), "DIR") for f in report.findings]
    assert lines == [
        "DIR/tracks.d/b.yaml:2:29: error: unknown track 'moon'",
        "DIR/tracks.d/b.yaml:3:10: error: duplicate certification id 'x' "
        "(first defined at DIR/tracks.d/a.yaml:2)",
        "DIR/tracks.d/notes.txt: warning: not read: only *.yaml files of tracks.d are read",
    ]


def test_a_d_path_that_is_a_file_is_an_error(tmp_path: Path) -> None:
    """roles.d must be a directory: a file of that name is reported, not silently ignored."""
    directory = _write(tmp_path / "cat", {"tracks.yaml": LEVELS, "roles.d": "roles: []\n"})
    report = validate_catalog([directory], builtin=False)
    assert [f.message for f in report.findings] == ["roles.d must be a directory of *.yaml files"]


def test_a_directory_holding_only_d_directories_is_a_catalog(tmp_path: Path) -> None:
    """A catalog may keep everything in .d directories, with no single file at all."""
    directory = _write(tmp_path / "cat", {"tracks.d/all.yaml": LEVELS})
    assert list(load_catalog([directory], builtin=False).tracks) == ["cloud", "data"]


def test_the_size_limit_is_per_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A catalog larger than the per-file limit loads when no one file passes it."""
    entries = [f"  - {{id: c{i}, name: C {i}, track: cloud}}\n" for i in range(40)]
    whole = LEVELS + "certifications:\n" + "".join(entries)
    monkeypatch.setattr(yamldoc, "MAX_FILE_BYTES", len(whole.encode()) - 1)
    one = _write(tmp_path / "one", {"tracks.yaml": whole})
    with pytest.raises(CatalogError, match="the limit is"):
        load_catalog([one], builtin=False)
    split = _write(tmp_path / "split", {
        "tracks.yaml": LEVELS,
        "tracks.d/1.yaml": "certifications:\n" + "".join(entries[:20]),
        "tracks.d/2.yaml": "certifications:\n" + "".join(entries[20:]),
    })
    assert len(load_catalog([split], builtin=False).certifications) == 40


def test_the_cache_key_sees_every_split_file(tmp_path: Path) -> None:
    """Adding, changing or renaming a file in a .d directory changes the cache key."""
    directory = _write(tmp_path / "cat", {"tracks.yaml": LEVELS,
                                          "tracks.d/a.yaml": "certifications: []\n"})
    keys = {cache.catalog_key([directory])}
    (directory / "tracks.d/a.yaml").write_text("certifications: [] \n", encoding="utf-8")
    keys.add(cache.catalog_key([directory]))
    (directory / "tracks.d/a.yaml").rename(directory / "tracks.d/b.yaml")
    keys.add(cache.catalog_key([directory]))
    (directory / "tracks.d/c.yaml").write_text("certifications: []\n", encoding="utf-8")
    keys.add(cache.catalog_key([directory]))
    assert len(keys) == 4
    assert None not in keys


@settings(max_examples=25, deadline=None)
@given(cuts=st.lists(st.integers(min_value=0, max_value=12), max_size=4))
def test_splitting_certifications_across_files_changes_nothing(tmp_path_factory: pytest.TempPathFactory,
                                                                cuts: list[int]) -> None:
    """However the certifications are cut into files, the catalog is the one of a single file."""
    entries = [f"  - {{id: c{i}, name: C {i}, track: cloud"
               + (f", requires: [c{i - 1}]" if i % 3 else "") + "}\n" for i in range(12)]
    single = _write(tmp_path_factory.mktemp("one"), {"tracks.yaml": LEVELS + "certifications:\n"
                                                     + "".join(entries)})
    bounds = [0, *sorted(set(cuts)), 12]
    parts = {f"tracks.d/part-{n:02d}.yaml": "certifications:\n" + "".join(entries[lo:hi])
             for n, (lo, hi) in enumerate(itertools.pairwise(bounds))}
    split = _write(tmp_path_factory.mktemp("split"), {"tracks.yaml": LEVELS, **parts})
    one, many = load_catalog([single], builtin=False), load_catalog([split], builtin=False)
    assert list(one.certifications.items()) == list(many.certifications.items())
