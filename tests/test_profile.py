"""The profile file: round trips, errors with lines, untouched corrupt files, locking, precedence."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from certpath import profile as profiles
from certpath.errors import CertpathError, InputError, ProfileError
from certpath.profile import Profile, merge_settings, parse_earned
from tests.conftest import LEVELS, WriteCatalog, obeying_permissions

DAY = dt.date(2024, 5, 1)


def test_missing_profile_is_empty(tmp_path: Path) -> None:
    """A profile that does not exist yet reads as empty."""
    found = profiles.load_profile(tmp_path / "none.yaml")
    assert (found.role, found.hours_per_week, dict(found.earned)) == (None, None, {})


def test_round_trip(tmp_path: Path) -> None:
    """What update_profile writes, load_profile reads back, schema version first."""
    path = tmp_path / "deep" / "profile.yaml"
    profiles.update_profile(path, lambda p: Profile(role="sre", hours_per_week=6.5,
                                                    earned={"a": DAY, "b": None}))
    text = path.read_text(encoding="utf-8")
    assert "\nschema_version: 1\n" in text
    found = profiles.load_profile(path)
    assert (found.role, found.hours_per_week, dict(found.earned)) == ("sre", 6.5,
                                                                       {"a": DAY, "b": None})


def test_write_leaves_no_temporary_files(tmp_path: Path) -> None:
    """An atomic write renames its temporary file: only the profile and its lock remain."""
    path = tmp_path / "profile.yaml"
    profiles.update_profile(path, lambda p: profiles.earn(p, "a", DAY))
    profiles.update_profile(path, lambda p: profiles.earn(p, "b", DAY))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["profile.yaml", "profile.yaml.lock"]


@pytest.mark.parametrize(("text", "line", "message"), [
    ("schema_version: 1\nearned:\n  a: [1, 2\n", 4, "YAML syntax"),
    ("schema_version: 1\nrole: sre\nrole: dev\n", 3, "duplicate key 'role'"),
    ("schema_version: 1\nhours: 5\n", 2, "unknown key 'hours'"),
    ("schema_version: 2\n", 1, "schema_version 2 is not supported"),
    ("schema_version: 1\nhours_per_week: -3\n", 2, "hours_per_week must be"),
    ("schema_version: 1\nearned:\n  a: last spring\n", 3, "must be YYYY-MM-DD"),
    ("schema_version: 1\nearned: [a, b]\n", 2, "earned must be a mapping"),
    ("- just\n- a list\n", 1, "expected a mapping"),
])
def test_corrupt_profile_names_file_and_line(tmp_path: Path, text: str, line: int,
                                             message: str) -> None:
    """A broken profile is an error with the file and line of the problem."""
    path = tmp_path / "profile.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        profiles.load_profile(path)
    first = caught.value.findings[0]
    assert (first.file, first.line) == (str(path), line)
    assert message in first.message


def test_corrupt_profile_is_left_byte_for_byte(tmp_path: Path) -> None:
    """A change to a corrupt profile fails and leaves the file exactly as it was."""
    path = tmp_path / "profile.yaml"
    original = b"# mine\r\nschema_version: 1\nearned:\n  a: 2024-05-01\n  b: [oops\n\xff"
    path.write_bytes(original)
    with pytest.raises(ProfileError):
        profiles.update_profile(path, lambda p: profiles.earn(p, "c", DAY))
    assert path.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["profile.yaml", "profile.yaml.lock"]


def test_reset_keeps_a_backup(tmp_path: Path) -> None:
    """Reset moves the profile aside to .bak, even a corrupt one, so nothing is lost."""
    path = tmp_path / "profile.yaml"
    path.write_bytes(b"role: [broken\n")
    backup = profiles.reset_profile(path)
    assert backup == tmp_path / "profile.yaml.bak"
    assert backup.read_bytes() == b"role: [broken\n"
    assert not path.exists()
    assert profiles.reset_profile(path) is None


@pytest.mark.skipif(os.name != "posix", reason="closes a file descriptor before exec")
def test_reset_without_stdin_asks_for_yes(tmp_path: Path) -> None:
    """profile reset with standard input closed (``<&-``) says to give --yes, no traceback."""
    path = tmp_path / "profile.yaml"
    path.write_text("role: sre\n", encoding="utf-8")
    env = {**os.environ, "CERTPATH_PROFILE": str(path)}
    done = subprocess.run([sys.executable, "-m", "certpath", "profile", "reset"], env=env,
                          capture_output=True, preexec_fn=lambda: os.close(0),  # noqa: PLW1509 - only closes stdin
                          timeout=60, check=False)
    assert done.returncode == 2  # bad usage: the confirmation cannot be asked
    assert done.stderr == b"certpath: error: profile reset needs --yes when not run from a terminal\n"
    assert path.read_text(encoding="utf-8") == "role: sre\n"


def test_symlinked_profile_stays_a_symlink(tmp_path: Path) -> None:
    """Writing through a symlinked profile changes its target and keeps the link."""
    real = tmp_path / "dotfiles" / "profile.yaml"
    real.parent.mkdir()
    real.write_text("schema_version: 1\n", encoding="utf-8")
    link = tmp_path / "profile.yaml"
    link.symlink_to(real)
    profiles.update_profile(link, lambda p: profiles.earn(p, "a", DAY))
    assert link.is_symlink()
    assert "a: 2024-05-01" in real.read_text(encoding="utf-8")


def test_profile_path_override_and_default(tmp_path: Path) -> None:
    """CERTPATH_PROFILE chooses the file; otherwise it is profile.yaml in a certpath config dir."""
    assert profiles.profile_path({"CERTPATH_PROFILE": str(tmp_path / "p.yaml")}) == \
        tmp_path / "p.yaml"
    default = profiles.profile_path({})
    assert default.name == "profile.yaml"
    assert default.parent.name == "certpath"


def test_flags_beat_environment_beat_profile() -> None:
    """Each setting comes from the flag, else the environment, else the profile."""
    prof = Profile(role="sre", hours_per_week=4, earned={"a": DAY})
    env = {"CERTPATH_ROLE": "dev", "CERTPATH_HOURS_PER_WEEK": "7"}
    chosen = merge_settings(prof, have=None, role=None, hours_per_week=None, environ=env)
    assert (chosen.have, chosen.role, chosen.hours_per_week) == (("a",), "dev", 7.0)
    assert dict(chosen.sources) == {"have": "profile", "role": "environment",
                                    "hours_per_week": "environment"}
    chosen = merge_settings(prof, have=["b"], role="ops", hours_per_week=9,
                            environ={**env, "CERTPATH_HAVE": "c, d"})
    assert (chosen.have, chosen.role, chosen.hours_per_week) == (("b",), "ops", 9)
    chosen = merge_settings(prof, have=None, role=None, hours_per_week=None,
                            environ={"CERTPATH_HAVE": "c, d"})
    assert (chosen.have, chosen.role, chosen.hours_per_week) == (("c", "d"), "sre", 4)


def test_bad_hours_in_environment() -> None:
    """A CERTPATH_HOURS_PER_WEEK that is not a sensible number is an error naming it."""
    with pytest.raises(CertpathError, match="CERTPATH_HOURS_PER_WEEK"):
        merge_settings(Profile(), have=None, role=None, hours_per_week=None,
                       environ={"CERTPATH_HOURS_PER_WEEK": "lots"})


def test_twenty_parallel_earns_are_all_recorded(write_catalog: WriteCatalog, tmp_path: Path) -> None:
    """Twenty processes running 'profile earn' at once leave all twenty certifications recorded."""
    certs = "".join(f"  - {{id: c{i:02d}, name: Cert {i:02d}, track: cloud}}\n" for i in range(20))
    catalog = write_catalog(LEVELS + "certifications:\n" + certs)
    path = tmp_path / "shared" / "profile.yaml"
    env = {**os.environ, "CERTPATH_PROFILE": str(path)}
    procs = [subprocess.Popen([sys.executable, "-m", "certpath", "--no-builtin", "--catalog",
                               str(catalog), "profile", "earn", f"c{i:02d}", "--on", "2024-05-01"],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for i in range(20)]
    results = [(p.wait(timeout=120), p.stderr.read() if p.stderr else b"") for p in procs]
    for proc in procs:
        for stream in (proc.stdout, proc.stderr):
            if stream:
                stream.close()
    assert [code for code, _ in results] == [0] * 20, results
    found = profiles.load_profile(path)
    assert sorted(found.earned) == [f"c{i:02d}" for i in range(20)]
    assert set(found.earned.values()) == {DAY}


def test_parse_earned_takes_a_past_date_or_unknown() -> None:
    """A date up to today is kept; 'unknown' (any case) means no date."""
    today = dt.date(2025, 1, 6)
    assert parse_earned("2025-01-06", today=today) == today
    assert parse_earned("2024-05-01", today=today) == dt.date(2024, 5, 1)
    assert parse_earned("Unknown", today=today) is None


@pytest.mark.parametrize(("text", "message"), [
    ("2025-01-07", "--on 2025-01-07 is in the future (today is 2025-01-06)"),
    ("soon", "--on 'soon' is not a date; write it as YYYY-MM-DD, or 'unknown'"),
])
def test_parse_earned_rejects_future_and_bad_dates(text: str, message: str) -> None:
    """A future date or a non-date is bad usage (exit 2) that says what to give."""
    with pytest.raises(InputError, match=re.escape(message)) as caught:
        parse_earned(text, today=dt.date(2025, 1, 6))
    assert caught.value.exit_code == 2




def test_a_read_only_profile_is_refused_and_kept(tmp_path: Path) -> None:
    """A profile no one may write is not replaced: a clear error, and the same bytes and mode."""
    path = tmp_path / "profile.yaml"
    path.write_bytes(b"schema_version: 1\nrole: sre\n")
    path.chmod(0o444)
    with pytest.raises(CertpathError, match="the profile is read-only"):
        profiles.update_profile(path, lambda p: profiles.earn(p, "a", DAY))
    assert path.read_bytes() == b"schema_version: 1\nrole: sre\n"
    assert path.stat().st_mode & 0o777 == 0o444


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o600, 0o666])
def test_a_rewritten_profile_keeps_its_mode(tmp_path: Path, mode: int) -> None:
    """Changing a profile keeps the file's permission bits; a new profile is private (0600)."""
    path = tmp_path / "profile.yaml"
    path.write_bytes(b"schema_version: 1\n")
    path.chmod(mode)
    profiles.update_profile(path, lambda p: profiles.earn(p, "a", DAY))
    assert path.stat().st_mode & 0o777 == mode
    fresh = tmp_path / "new" / "profile.yaml"
    profiles.update_profile(fresh, lambda p: profiles.earn(p, "a", DAY))
    assert fresh.stat().st_mode & 0o777 == 0o600


def test_the_lock_lives_beside_the_profile_path_not_a_link_target(tmp_path: Path) -> None:
    """For a symlinked profile the lock is beside the link; the target's folder gains nothing."""
    real = tmp_path / "dotfiles" / "profile.yaml"
    real.parent.mkdir()
    real.write_text("schema_version: 1\n", encoding="utf-8")
    config = tmp_path / "config"
    config.mkdir()
    link = config / "profile.yaml"
    link.symlink_to(real)
    profiles.update_profile(link, lambda p: profiles.earn(p, "a", DAY))
    assert sorted(p.name for p in config.iterdir()) == ["profile.yaml", "profile.yaml.lock"]
    assert [p.name for p in real.parent.iterdir()] == ["profile.yaml"]
    assert profiles.lock_path(link) == config / "profile.yaml.lock"


def test_a_profile_linked_to_a_device_is_refused(tmp_path: Path) -> None:
    """A profile that is a link to /dev/zero is an error; nothing is created beside /dev/zero."""
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    link = tmp_path / "profile.yaml"
    link.symlink_to("/dev/zero")
    with pytest.raises(CertpathError, match="not a regular file"):
        profiles.update_profile(link, lambda p: profiles.earn(p, "a", DAY))
    assert not Path("/dev/zero.lock").exists()
    assert link.is_symlink()


def test_a_lock_that_cannot_be_created_is_a_clear_error(tmp_path: Path) -> None:
    """When the lock file cannot be made (a directory is in its place), the error says so."""
    path = tmp_path / "profile.yaml"
    path.write_text("schema_version: 1\n", encoding="utf-8")
    (tmp_path / "profile.yaml.lock").mkdir()
    with pytest.raises(CertpathError, match=r"profile\.yaml\.lock: cannot create the lock file"):
        profiles.update_profile(path, lambda p: profiles.earn(p, "a", DAY))
    assert path.read_text(encoding="utf-8") == "schema_version: 1\n"


def test_a_read_only_folder_is_a_clear_error(tmp_path: Path) -> None:
    """A profile in a folder certpath may not write to gives one clear error about the lock."""
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "profile.yaml").write_text("schema_version: 1\n", encoding="utf-8")
    folder.chmod(0o555)

    def check() -> None:
        with pytest.raises(CertpathError, match="cannot create the lock file"):
            profiles.update_profile(folder / "profile.yaml", lambda p: profiles.earn(p, "a", DAY))

    try:
        obeying_permissions(check)
    finally:
        folder.chmod(0o755)


def test_a_future_earned_date_is_reported_with_its_line(small_dir: Path, tmp_path: Path) -> None:
    """A hand-edited date after today is an error at its line; profile earn can then fix it."""
    from typer.testing import CliRunner

    from certpath.cli import app
    path = tmp_path / "p.yaml"
    path.write_text("schema_version: 1\nearned:\n  basics: 2027-01-01\n", encoding="utf-8")
    env = {"CERTPATH_PROFILE": str(path), "CERTPATH_TODAY": "2026-12-31", "NO_COLOR": "1"}
    for args in (["path", "--to", "expert"], ["profile", "show"], ["recommend", "--role", "sre"]):
        result = CliRunner().invoke(app, ["--no-builtin", "-c", str(small_dir), *args], env=env)
        assert result.exit_code == 1
        assert result.stderr == (f"certpath: {path}:3:11: error: 'basics' was earned on "
                                 "2027-01-01, which is in the future (today is 2026-12-31); give "
                                 "the day it was earned: certpath profile earn basics --on "
                                 "YYYY-MM-DD (or --on unknown)\n")
    fixed = CliRunner().invoke(app, ["--no-builtin", "-c", str(small_dir), "profile", "earn",
                                     "basics", "--on", "2026-12-31"], env=env)
    assert fixed.exit_code == 0, fixed.output
    assert profiles.load_profile(path, today=dt.date(2026, 12, 31)).earned == {
        "basics": dt.date(2026, 12, 31)}


@pytest.mark.parametrize("text", ["  a: 2024-02-30\n", '  a: "2024-02-30"\n', "  a: 2023-02-29\n"])
def test_an_impossible_date_is_not_a_real_date(tmp_path: Path, text: str) -> None:
    """February 30th (or the 29th of a common year) is "not a real date", quoted or not."""
    path = tmp_path / "p.yaml"
    path.write_text("earned:\n" + text, encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        profiles.load_profile(path)
    assert [f.line for f in caught.value.findings] == [2]
    assert "is not a real date" in caught.value.findings[0].message


AS_ROOT = pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0,
                             reason="only root may give a file to another user")
USER, GROUP = 4321, 4322  # an account that need not exist: files may belong to any number


def _owner(path: Path) -> tuple[int, int, int]:
    found = os.lstat(path)
    return found.st_uid, found.st_gid, found.st_mode & 0o777



def _users_folder(tmp_path: Path) -> Path:
    """A config folder that belongs to the (non-root) user, as ~/.config/certpath would."""
    folder = tmp_path / "config"
    folder.mkdir()
    os.chown(folder, USER, GROUP)
    return folder

@AS_ROOT
def test_root_rewriting_a_users_profile_keeps_owner_and_mode(tmp_path: Path) -> None:
    """Root (sudo) changing another user's profile leaves it theirs, with its mode, and leaves
    them a lock file they can open, not one only root may write."""
    path = _users_folder(tmp_path) / "profile.yaml"
    path.write_text("schema_version: 1\n", encoding="utf-8")
    os.chown(path, USER, GROUP)
    path.chmod(0o640)
    profiles.update_profile(path, lambda p: profiles.earn(p, "a", DAY))
    assert "a: 2024-05-01" in path.read_text(encoding="utf-8")
    assert _owner(path) == (USER, GROUP, 0o640)
    assert _owner(profiles.lock_path(path))[:2] == (USER, GROUP)


@AS_ROOT
def test_root_creating_a_profile_gives_it_to_the_folders_owner(tmp_path: Path) -> None:
    """A profile root creates in a user's config folder is the user's (private, 0600)."""
    path = _users_folder(tmp_path) / "profile.yaml"
    profiles.update_profile(path, lambda p: profiles.earn(p, "a", DAY))
    assert _owner(path) == (USER, GROUP, 0o600)


@AS_ROOT
@pytest.mark.parametrize("plant", ["symlink", "hardlink"])
def test_root_never_gives_away_a_file_planted_as_the_lock(tmp_path: Path, plant: str) -> None:
    """A user who puts a link to root's file where the lock goes cannot get that file: a
    symbolic link is not followed (a clear error) and a second hard link is not handed over."""
    victim = tmp_path / "root-only"
    victim.write_text("secret\n", encoding="utf-8")
    victim.chmod(0o600)
    path = _users_folder(tmp_path) / "profile.yaml"
    path.write_text("schema_version: 1\n", encoding="utf-8")
    os.chown(path, USER, GROUP)
    lock = profiles.lock_path(path)
    if plant == "symlink":
        lock.symlink_to(victim)
        with pytest.raises(CertpathError, match="cannot create the lock file"):
            profiles.update_profile(path, lambda p: profiles.earn(p, "a", DAY))
    else:
        os.link(victim, lock)
        profiles.update_profile(path, lambda p: profiles.earn(p, "a", DAY))
    assert _owner(victim) == (0, 0, 0o600)
    assert victim.read_text(encoding="utf-8") == "secret\n"


@AS_ROOT
def test_root_creating_a_users_folders_gives_them_to_the_user(tmp_path: Path) -> None:
    """The config folders root creates for a new profile (and the cache folder and files of a
    command it runs) belong to the owner of the folder they are made in, so the user can go on."""
    from typer.testing import CliRunner

    from certpath.cli import app
    home = tmp_path / "home"
    home.mkdir()
    os.chown(home, USER, GROUP)
    path = home / "config" / "certpath" / "profile.yaml"
    profiles.update_profile(path, lambda p: profiles.earn(p, "a", DAY))
    made = [home / "config", home / "config" / "certpath", path, profiles.lock_path(path)]
    assert [_owner(p)[:2] for p in made] == [(USER, GROUP)] * 4
    cache = home / "cache" / "certpath"
    result = CliRunner().invoke(app, ["tracks"], env={"CERTPATH_CACHE_DIR": str(cache),
                                                     "CERTPATH_PROFILE": str(path)})
    assert result.exit_code == 0, result.output
    written = [cache.parent, cache, *cache.iterdir()]
    assert len(written) > 2
    assert {_owner(p)[:2] for p in written} == {(USER, GROUP)}
