"""Writing the files a user asks for: checked first, never through a non-file, usual mode."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from certpath.errors import CertpathError, InputError
from certpath.files import check_output, write_atomic, write_outputs
from tests.conftest import obeying_permissions


@pytest.fixture
def umask_022() -> Iterator[None]:
    """Run the test with umask 022, restoring the previous one after."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_missing_folder_is_an_error_and_is_not_created(tmp_path: Path) -> None:
    """A file in a folder that does not exist is refused, and the folder is not created."""
    with pytest.raises(CertpathError, match="does not exist"):
        write_outputs([(tmp_path / "nope" / "plan.md", b"x")])
    assert not (tmp_path / "nope").exists()


def test_symlink_is_written_through(tmp_path: Path) -> None:
    """Writing to a symlink replaces its target's content and keeps the link a link."""
    real = tmp_path / "real.md"
    real.write_bytes(b"old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    write_outputs([(link, b"new")])
    assert link.is_symlink()
    assert real.read_bytes() == b"new"


def test_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    """A symlink to a file not yet there gets that file, and stays a link."""
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "later.md")
    write_outputs([(link, b"new")])
    assert link.is_symlink()
    assert (tmp_path / "later.md").read_bytes() == b"new"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_refused_and_kept(tmp_path: Path) -> None:
    """A FIFO is not a regular file: refused, and left a FIFO."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(CertpathError, match="not a regular file"):
        write_outputs([(fifo, b"x")])
    assert fifo.is_fifo()


def test_symlink_to_fifo_is_refused(tmp_path: Path) -> None:
    """A symlink is judged by what it points at: a link to a FIFO is refused."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "link"
    link.symlink_to(fifo)
    with pytest.raises(CertpathError, match="not a regular file"):
        check_output(link)
    assert link.is_symlink()
    assert fifo.is_fifo()


def test_directory_is_refused(tmp_path: Path) -> None:
    """A directory is not a regular file."""
    with pytest.raises(CertpathError, match="not a regular file"):
        write_outputs([(tmp_path, b"x")])


@pytest.mark.usefixtures("umask_022")
def test_new_file_gets_the_usual_mode(tmp_path: Path) -> None:
    """A new file is 0666 less the umask (0644 with umask 022), not private."""
    target = tmp_path / "plan.md"
    write_outputs([(target, b"x")])
    assert target.stat().st_mode & 0o777 == 0o644


@pytest.mark.usefixtures("umask_022")
def test_existing_file_keeps_its_mode(tmp_path: Path) -> None:
    """Rewriting a file keeps the mode it had."""
    target = tmp_path / "plan.md"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_outputs([(target, b"new")])
    assert target.stat().st_mode & 0o777 == 0o640
    assert target.read_bytes() == b"new"


def test_second_bad_output_leaves_no_first_file(tmp_path: Path) -> None:
    """Every target is checked before any is written."""
    good = tmp_path / "plan.ics"
    with pytest.raises(CertpathError, match="does not exist"):
        write_outputs([(good, b"x"), (tmp_path / "nope" / "plan.md", b"y")])
    assert not good.exists()


@pytest.mark.skipif(os.name != "posix", reason="needs POSIX file modes")
def test_unwritable_folder_is_refused(tmp_path: Path) -> None:
    """A folder the user cannot write to is refused before anything is written."""
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)

    def check() -> None:
        with pytest.raises(CertpathError, match="not writable"):
            write_outputs([(tmp_path / "ok.md", b"x"), (locked / "plan.md", b"y")])

    try:
        obeying_permissions(check)
    finally:
        locked.chmod(0o700)
    assert not (tmp_path / "ok.md").exists()


def test_two_outputs_to_one_file_are_refused(tmp_path: Path) -> None:
    """Two outputs naming one file (here through a symlink) are bad usage; nothing is written."""
    target = tmp_path / "plan.md"
    link = tmp_path / "link.md"
    link.symlink_to(target)
    with pytest.raises(InputError, match="same file"):
        write_outputs([(target, b"x"), (link, b"y")])
    assert not target.exists()


def test_pieces_are_written_one_after_another(tmp_path: Path) -> None:
    """Given pieces (a generator, say), the file holds them in order, as if joined."""
    target = tmp_path / "out.bin"
    write_atomic(target, (bytes([i]) * i for i in range(1, 4)), durable=False)
    assert target.read_bytes() == b"\x01\x02\x02\x03\x03\x03"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0,
                    reason="only root may give a file to another user")
def test_root_rewriting_a_users_file_keeps_its_owner(tmp_path: Path) -> None:
    """A file root replaces (a report over a user's old one) stays the user's, mode and all."""
    target = tmp_path / "plan.md"
    target.write_bytes(b"old")
    os.chown(target, 4321, 4322)
    target.chmod(0o640)
    write_outputs([(target, b"new")])
    found = target.stat()
    assert (found.st_uid, found.st_gid, found.st_mode & 0o777) == (4321, 4322, 0o640)
    assert target.read_bytes() == b"new"
