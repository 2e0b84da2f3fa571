"""The parsed-catalog cache: never stale, and a broken cache never changes an answer."""

from __future__ import annotations

import os
import time
from pathlib import Path

import msgspec
import pytest
from typer.testing import CliRunner

from certpath import cache, cachekey
from certpath.catalog import Catalog, load_catalog
from certpath.cli import app
from certpath.errors import CatalogError
from certpath.planning import plan_path
from tests.conftest import LEVELS, SMALL_ROLES, SMALL_TRACKS, WriteCatalog


def entries(catalog: Catalog) -> dict[str, object]:
    """Return everything a command can read from a catalog, as plain data."""
    sections = ("levels", "tracks", "certifications", "faq", "roles", "learning_paths",
                "institutions")
    data = {s: msgspec.to_builtins(list(getattr(catalog, s).values())) for s in sections}
    return {**data, "files": [str(f) for f in catalog.files], "warnings": catalog.warnings}


def stored(directory: Path) -> list[Path]:
    """Return the cache entries in a cache directory."""
    return sorted(directory.glob("catalog-*.msgpack"))


def no_reload(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make loading from the files fail, so that only a cache hit can succeed."""
    def refuse(*args: object, **kwargs: object) -> Catalog:
        raise AssertionError("the catalog was loaded from its files")
    monkeypatch.setattr(cache, "load_catalog", refuse)


def test_second_load_is_a_hit_with_the_same_catalog(small_dir: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The first load stores the catalog; the second is decoded from the cache, entry for entry."""
    first = cache.load_cached([small_dir], builtin=False, directory=tmp_path / "c")
    assert len(stored(tmp_path / "c")) == 1
    no_reload(monkeypatch)
    second = cache.load_cached([small_dir], builtin=False, directory=tmp_path / "c")
    fresh = load_catalog([small_dir], builtin=False)
    assert entries(second) == entries(first) == entries(fresh)
    assert second.resolve_cert("expert").id == "expert"
    assert {c: second.dependents(c) for c in fresh.certifications} == {
        c: fresh.dependents(c) for c in fresh.certifications}


def test_a_cached_catalog_decodes_only_what_is_asked_for(write_catalog: WriteCatalog,
                                                         tmp_path: Path) -> None:
    """A path through a large cached catalog decodes the certifications on it, not the rest."""
    chain = "".join(f"  - {{id: c{i}, name: C {i}, track: cloud, level: beginner"
                    + (f", requires: [c{i - 1}]" if i else "") + "}\n" for i in range(50))
    directory = write_catalog(LEVELS + "certifications:\n" + chain)
    cache.load_cached([directory], builtin=False, directory=tmp_path)
    catalog = cache.load_cached([directory], builtin=False, directory=tmp_path)
    stored_certs = catalog.certifications
    assert isinstance(stored_certs, cache.StoredCertifications)
    assert list(stored_certs) == [f"c{i}" for i in range(50)]
    path = plan_path(catalog, catalog.resolve_cert("c9").id)
    assert [s.id for s in path.steps] == [f"c{i}" for i in range(10)]
    assert len(stored_certs._decoded) == 10  # what was decoded is the point


def test_any_change_to_a_file_is_seen(small_dir: Path, tmp_path: Path) -> None:
    """Editing a catalog file gives a new key: the edit shows at once."""
    cache.load_cached([small_dir], builtin=False, directory=tmp_path)
    tracks = small_dir / "tracks.yaml"
    tracks.write_text(tracks.read_text().replace("name: Cloud Expert", "name: Cloud Master"))
    again = cache.load_cached([small_dir], builtin=False, directory=tmp_path)
    assert again.certifications["expert"].name == "Cloud Master"
    assert len(stored(tmp_path)) == 2


def test_key_covers_files_added_overlay_order_and_version(write_catalog: WriteCatalog,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A new file, another overlay order or another certpath version each give another key."""
    base = write_catalog(SMALL_TRACKS)
    overlay = write_catalog(LEVELS)
    keys = {cache.catalog_key([base, overlay]), cache.catalog_key([overlay, base])}
    (base / "roles.yaml").write_text(SMALL_ROLES)
    keys.add(cache.catalog_key([base, overlay]))
    monkeypatch.setattr(cachekey, "__version__", "99.0")
    keys.add(cache.catalog_key([base, overlay]))
    assert len(keys) == 4
    assert None not in keys


def test_an_unchanged_file_is_not_read_again_to_find_its_key(
        small_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The content hash of a file that has not changed since it was hashed is remembered."""
    monkeypatch.setattr(cache.FileDigests, "SETTLED_NS", 0)  # the files were just written
    first = cache.load_cached([small_dir], builtin=False, directory=tmp_path)
    assert (tmp_path / "digests.msgpack").is_file()

    def refuse(file: Path) -> tuple[int, bytes]:
        raise AssertionError(f"{file} was read again")
    monkeypatch.setattr(cachekey, "_file_digest", refuse)
    no_reload(monkeypatch)
    assert entries(cache.load_cached([small_dir], builtin=False, directory=tmp_path)) == \
        entries(first)


def test_a_change_is_seen_though_the_file_keeps_its_size_and_modification_time(
        small_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Writing a file sets its change time, which nothing sets back: the edit is seen."""
    monkeypatch.setattr(cache.FileDigests, "SETTLED_NS", 0)
    tracks = small_dir / "tracks.yaml"
    time.sleep(0.05)  # past the file system clock's tick of the files' own writing
    cache.load_cached([small_dir], builtin=False, directory=tmp_path)
    before = tracks.stat()
    time.sleep(0.05)
    tracks.write_text(tracks.read_text().replace("name: Cloud Expert", "name: Cloud Exprt!"))
    os.utime(tracks, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert tracks.stat().st_size == before.st_size
    assert tracks.stat().st_mtime_ns == before.st_mtime_ns
    again = cache.load_cached([small_dir], builtin=False, directory=tmp_path)
    assert again.certifications["expert"].name == "Cloud Exprt!"


def test_a_file_changed_moments_ago_is_not_remembered(small_dir: Path, tmp_path: Path) -> None:
    """Within the settling time a second change could keep the same times: hash every time."""
    cache.load_cached([small_dir], builtin=False, directory=tmp_path)
    assert not (tmp_path / "digests.msgpack").exists()


def test_damaged_digests_are_ignored(small_dir: Path, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A damaged digests file is ignored: the same catalog loads, and the file is rewritten."""
    monkeypatch.setattr(cache.FileDigests, "SETTLED_NS", 0)
    expected = entries(cache.load_cached([small_dir], builtin=False, directory=tmp_path))
    (tmp_path / "digests.msgpack").write_bytes(b"\x93 damaged")
    assert entries(cache.load_cached([small_dir], builtin=False, directory=tmp_path)) == expected
    assert cache.FileDigests(tmp_path)._known  # rewritten, whole


def refuse_recovery() -> dict[str, object]:
    raise AssertionError("the certifications were loaded again from the files")


def read_entry(entry: Path) -> Catalog | None:
    """Read a cache entry under the key its name gives."""
    return cache._read(entry, entry.name.removeprefix("catalog-").removesuffix(".msgpack"),
                       refuse_recovery)


@pytest.mark.parametrize("damage", ["garbage", "wrong shape", "truncated", "index byte changed",
                                    "directory"])
def test_a_broken_entry_is_ignored_and_rebuilt(small_dir: Path, tmp_path: Path, damage: str) -> None:
    """A corrupt, mis-shaped, truncated or unreadable entry is ignored: the answer is unchanged."""
    expected = entries(cache.load_cached([small_dir], builtin=False, directory=tmp_path))
    [entry] = stored(tmp_path)
    data = entry.read_bytes()
    if damage == "directory":
        entry.unlink()
        entry.mkdir()
    elif damage == "truncated":
        entry.write_bytes(data[:100])
    elif damage == "index byte changed":  # a role's name lives in the index
        at = data.index(b"Site Reliability")
        entry.write_bytes(data[:at] + b"X" + data[at + 1:])
    else:
        entry.write_bytes(b"\xff\x00 not msgpack" if damage == "garbage"
                          else msgspec.msgpack.encode({"levels": 3}))
    assert read_entry(entry) is None  # the damage is seen
    assert entries(cache.load_cached([small_dir], builtin=False, directory=tmp_path)) == expected
    if damage != "directory":  # and the entry was written again
        assert read_entry(entry) is not None


def test_a_damaged_certification_is_loaded_again_from_the_files(small_dir: Path,
                                                                tmp_path: Path) -> None:
    """A certification's bytes are checked when it is decoded: damage means a reload, same answer.

    The damaged entry is removed, so the next command writes a sound one.
    """
    expected = entries(cache.load_cached([small_dir], builtin=False, directory=tmp_path))
    [entry] = stored(tmp_path)
    data = entry.read_bytes()
    at = data.rindex(b"Cloud Expert")  # in the certification itself, after the index
    entry.write_bytes(data[:at] + b"X" + data[at + 1:])
    damaged = cache.load_cached([small_dir], builtin=False, directory=tmp_path)
    assert isinstance(damaged.certifications, cache.StoredCertifications)
    assert entries(damaged) == expected
    assert not entry.exists()
    cache.load_cached([small_dir], builtin=False, directory=tmp_path)
    assert read_entry(entry) is not None


def test_an_unwritable_cache_directory_is_ignored(small_dir: Path, tmp_path: Path) -> None:
    """When the cache directory cannot be created, the catalog still loads, from its files."""
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    catalog = cache.load_cached([small_dir], builtin=False, directory=blocker / "cache")
    assert entries(catalog) == entries(load_catalog([small_dir], builtin=False))
    assert blocker.read_text() == "not a directory"


def test_a_catalog_with_errors_is_not_stored(write_catalog: WriteCatalog, tmp_path: Path) -> None:
    """A catalog that does not load raises as without a cache, and leaves nothing behind."""
    broken = write_catalog(LEVELS + "certifications:\n  - {id: a, name: A, track: nowhere}\n")
    with pytest.raises(CatalogError, match="unknown track 'nowhere'"):
        cache.load_cached([broken], builtin=False, directory=tmp_path)
    assert stored(tmp_path) == []


def test_old_entries_are_pruned(write_catalog: WriteCatalog, tmp_path: Path) -> None:
    """The cache keeps only the most recently written entries."""
    for number in range(cache.KEEP + 3):
        directory = write_catalog(SMALL_TRACKS.replace("Cloud Basics", f"Cloud Basics {number}"))
        cache.load_cached([directory], builtin=False, directory=tmp_path)
        for entry in stored(tmp_path):  # older entries look older, whatever the clock's grain
            os.utime(entry, (entry.stat().st_mtime - 1, entry.stat().st_mtime - 1))
    assert len(stored(tmp_path)) == cache.KEEP


def test_environment_switches(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """CERTPATH_NO_CACHE turns the cache off unless empty or 0; CERTPATH_CACHE_DIR moves it."""
    for value, off in (("1", True), ("yes", True), ("0", False), ("", False)):
        monkeypatch.setenv(cache.ENV_DISABLE, value)
        assert cache.disabled_by_env() is off
    monkeypatch.setenv(cache.ENV_DIR, str(tmp_path))
    assert cache.default_dir() == tmp_path
    monkeypatch.delenv(cache.ENV_DIR)
    assert cache.default_dir().name == "certpath"


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Invoke certpath and return the exit code, stdout and stderr."""
    result = CliRunner().invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": "200", **(env or {})})
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("switch", ["--no-cache", "CERTPATH_NO_CACHE"])
def test_cli_can_turn_the_cache_off(small_dir: Path, tmp_path: Path, switch: str) -> None:
    """--no-cache and CERTPATH_NO_CACHE=1 give the same answer and write no cache."""
    env = {"CERTPATH_CACHE_DIR": str(tmp_path / "c")}
    common = ["--no-builtin", "--catalog", str(small_dir)]
    cached = run(*common, "path", "--to", "expert", env=env)
    assert len(stored(tmp_path / "c")) == 1
    env["CERTPATH_CACHE_DIR"] = str(tmp_path / "off")
    if switch == "--no-cache":
        uncached = run("--no-cache", *common, "path", "--to", "expert", env=env)
    else:
        uncached = run(*common, "path", "--to", "expert", env={**env, "CERTPATH_NO_CACHE": "1"})
    assert uncached == cached
    assert cached[0] == 0
    assert not (tmp_path / "off").exists()


def test_cli_output_is_unchanged_by_a_corrupt_cache(small_dir: Path, tmp_path: Path) -> None:
    """With every entry corrupted, each command prints exactly what it printed before."""
    env = {"CERTPATH_CACHE_DIR": str(tmp_path)}
    common = ["--no-builtin", "--catalog", str(small_dir)]
    commands = [["tracks"], ["show", "expert", "--json"], ["recommend", "--role", "sre"]]
    before = [run(*common, *c, env=env) for c in commands]
    for entry in stored(tmp_path):
        entry.write_bytes(b"corrupt")
    after = [run(*common, *c, env=env) for c in commands]
    assert after == before
    assert all(code == 0 and err == "" for code, _, err in before)


def test_a_file_that_is_not_regular_is_left_to_the_loader(small_dir: Path) -> None:
    """A FIFO in place of a catalog file gives no cache key: hashing it would block."""
    (small_dir / "roles.yaml").unlink()
    os.mkfifo(small_dir / "roles.yaml")
    assert cache.catalog_key([small_dir]) is None


def test_an_entry_under_another_key_is_not_believed(small_dir: Path, write_catalog: WriteCatalog,
                                                     tmp_path: Path) -> None:
    """Entries swapped between keys are ignored: each names the key it was written for."""
    other = write_catalog(SMALL_TRACKS.replace("Cloud Basics", "Cloud Fundamentals"))
    expected = entries(cache.load_cached([small_dir], builtin=False, directory=tmp_path))
    [mine] = stored(tmp_path)
    cache.load_cached([other], builtin=False, directory=tmp_path)
    [theirs] = [e for e in stored(tmp_path) if e != mine]
    data = mine.read_bytes()
    mine.write_bytes(theirs.read_bytes())
    theirs.write_bytes(data)
    assert read_entry(mine) is None
    assert entries(cache.load_cached([small_dir], builtin=False, directory=tmp_path)) == expected


@pytest.mark.parametrize("what", ["fifo", "endless"])
@pytest.mark.parametrize("where", ["entry", "digests"])
def test_a_cache_file_that_is_not_a_regular_file_is_ignored(
        small_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, what: str,
        where: str) -> None:
    """A FIFO or a link to an endless device in the cache neither hangs nor fills memory."""
    monkeypatch.setattr(cache.FileDigests, "SETTLED_NS", 0)
    expected = entries(cache.load_cached([small_dir], builtin=False, directory=tmp_path))
    [entry] = stored(tmp_path)
    target = entry if where == "entry" else tmp_path / "digests.msgpack"
    target.unlink()
    if what == "fifo":
        os.mkfifo(target)
    else:
        target.symlink_to("/dev/zero")
    assert entries(cache.load_cached([small_dir], builtin=False, directory=tmp_path)) == expected


def test_a_catalog_directory_whose_name_is_not_utf8(write_catalog: WriteCatalog, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Any name the system allows works with the cache as without it."""
    monkeypatch.setattr(cache.FileDigests, "SETTLED_NS", 0)
    source = write_catalog(SMALL_TRACKS)
    odd = Path(os.fsdecode(bytes(tmp_path) + b"/c\xff"))
    odd.mkdir()
    (odd / "tracks.yaml").write_bytes((source / "tracks.yaml").read_bytes())
    first = cache.load_cached([odd], builtin=False, directory=tmp_path / "cache")
    again = cache.load_cached([odd], builtin=False, directory=tmp_path / "cache")
    assert entries(again) == entries(first) == entries(load_catalog([odd], builtin=False))


def test_stale_temporary_files_are_removed(small_dir: Path, tmp_path: Path) -> None:
    """A certpath stopped while writing leaves a temporary file; an hour later it goes."""
    tmp_path.mkdir(exist_ok=True)
    old, new = tmp_path / "catalog-x.msgpack.99.tmp", tmp_path / "digests.msgpack.98.tmp"
    old.write_bytes(b"")
    new.write_bytes(b"")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    cache.load_cached([small_dir], builtin=False, directory=tmp_path)
    assert not old.exists()
    assert new.exists()
