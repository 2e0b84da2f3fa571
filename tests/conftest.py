"""Shared fixtures and helpers: small catalogs written to a temporary directory, running certpath."""

from __future__ import annotations

import ctypes
import os
import sys
import textwrap
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from certpath.catalog import Catalog, load_catalog
from certpath.cli import app

# Everything Rich or certpath reads to choose an output mode, pinned; None removes the variable.
BASE_ENV: dict[str, str | None] = {
    "COLUMNS": "100", "LINES": "50", "TERM": "xterm-256color", "COLORTERM": None,
    "NO_COLOR": None, "FORCE_COLOR": None, "TTY_COMPATIBLE": None, "TTY_INTERACTIVE": None,
    "CERTPATH_FORCE_TERMINAL": None, "CERTPATH_CATALOG": None, "CERTPATH_TODAY": "2027-01-04",
}


def run(*args: str, catalog: Path | None = None) -> Any:
    """Invoke certpath, piped, without colour, 200 columns wide (on a fixture catalog when given)."""
    prefix = ["--no-builtin", "--catalog", str(catalog)] if catalog else []
    return CliRunner().invoke(app, [*prefix, *args], env={"NO_COLOR": "1", "COLUMNS": "200"})



def obeying_permissions(check: Callable[[], None]) -> None:
    """Run ``check`` where a file's mode binds, even for root: CI runs the suite as root.

    For root, ``check`` runs in a child process that first gives up the two capabilities that let
    root read and write past a file's mode (CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH, capabilities(7));
    a failure in the child fails the test, with the child's traceback on the captured stderr.
    """
    if os.geteuid() != 0:
        check()
        return
    if not sys.platform.startswith("linux"):
        pytest.skip("dropping root's file capabilities is written for Linux")
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        status = 1
        try:
            _drop_file_capabilities()
            check()
            status = 0
        except BaseException:  # noqa: BLE001 - reported to the parent as the exit status
            traceback.print_exc()
        finally:
            os._exit(status)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, "the check failed without root's capabilities"


def _drop_file_capabilities() -> None:
    """Remove CAP_DAC_OVERRIDE (1) and CAP_DAC_READ_SEARCH (2) from this process (capset(2))."""

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                    ("inheritable", ctypes.c_uint32)]

    libc = ctypes.CDLL(None, use_errno=True)
    header, data = Header(0x20080522, 0), (Data * 2)()  # _LINUX_CAPABILITY_VERSION_3
    if libc.capget(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capget")
    keep = ~((1 << 1) | (1 << 2)) & 0xFFFFFFFF
    for field in ("effective", "permitted", "inheritable"):
        setattr(data[0], field, getattr(data[0], field) & keep)
    if libc.capset(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capset")


LEVELS = """\
levels:
  - {id: beginner, name: Beginner, rank: 1}
  - {id: intermediate, name: Intermediate, rank: 2}
  - {id: advanced, name: Advanced, rank: 3}
tracks:
  - {id: cloud, name: Cloud}
  - {id: data, name: Data}
"""

SMALL_TRACKS = LEVELS + """\
certifications:
  - id: basics
    name: Cloud Basics
    aliases: [Certified Cloud Basics]
    track: cloud
    level: beginner
    prerequisites: [Linux]
    effort: {hours: 10}
  - id: assoc-a
    name: Associate A
    track: cloud
    level: intermediate
    requires: [basics]
    effort: {hours: 30}
  - id: assoc-b
    name: Associate B
    track: cloud
    level: intermediate
    effort: {hours: 20}
  - id: expert
    name: Cloud Expert
    aliases: [expert]
    track: cloud
    level: advanced
    prerequisites: [Kubernetes]
    requires:
      - any_of: [assoc-a, assoc-b]
      - cert: basics
        recommended: true
    effort: {hours: 50}
  - id: data-pro
    name: Data Pro
    track: data
    level: advanced
    requires: [{cert: expert, recommended: true}]
"""

PRICED_TRACKS = (SMALL_TRACKS
                 .replace("    effort: {hours: 10}\n",
                          "    effort: {hours: 10}\n    fee: {amount: 100, currency: USD}\n")
                 .replace("    name: Associate B\n",
                          "    name: Associate B\n    validity_months: 12\n"
                          "    fee: {amount: 150, currency: USD}\n"
                          "    renewal: [{kind: assessment, fee: {amount: 50, currency: EUR}}]\n"))
"""The small catalog with fees in two currencies, a renewal route, and one fee not given."""

SMALL_ROLES = """\
roles:
  - id: sre
    name: Site Reliability Engineer
    aliases: [SRE]
    focus_area: Cloud Expert
    strategic_value: Uptime is ensured.
    target: expert
    learning_paths: [reliability]
  - id: intern
    name: Intern
learning_paths:
  - id: reliability
    name: Reliability Path
    audience: SREs
    tracks: [cloud]
"""

SMALL_INSTITUTIONS = """\
institutions:
  - id: cloud-school
    name: Cloud School
    tracks: [cloud]
  - id: rel-school
    name: Reliability School
    learning_paths: [reliability]
"""

WriteCatalog = Callable[..., Path]


@pytest.fixture(autouse=True)
def isolated_profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the profile at a fresh temporary file and clear the settings' environment variables."""
    profile = tmp_path / "profile" / "profile.yaml"
    monkeypatch.setenv("CERTPATH_PROFILE", str(profile))
    for name in ("CERTPATH_HAVE", "CERTPATH_ROLE", "CERTPATH_HOURS_PER_WEEK", "CERTPATH_TODAY"):
        monkeypatch.delenv(name, raising=False)
    return profile


@pytest.fixture
def write_catalog(tmp_path: Path) -> WriteCatalog:
    """Return a function that writes catalog files (YAML text) into a fresh directory."""
    counter = iter(range(1000))

    def write(tracks: str | None = None, roles: str | None = None,
              institutions: str | None = None) -> Path:
        directory = tmp_path / f"catalog{next(counter)}"
        directory.mkdir()
        for stem, text in (("tracks", tracks), ("roles", roles), ("institutions", institutions)):
            if text is not None:
                (directory / f"{stem}.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
        return directory

    return write


@pytest.fixture
def small_dir(write_catalog: WriteCatalog) -> Path:
    """A small catalog with an any-of choice, a recommended edge and two tracks."""
    return write_catalog(SMALL_TRACKS, SMALL_ROLES, SMALL_INSTITUTIONS)


@pytest.fixture
def small(small_dir: Path) -> Catalog:
    """The small catalog, loaded on its own."""
    return load_catalog([small_dir], builtin=False)


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep each test's parsed-catalog cache in its own directory, never the user's."""
    monkeypatch.setenv("CERTPATH_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("CERTPATH_NO_CACHE", raising=False)
