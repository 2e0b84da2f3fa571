"""Broken and full output streams: a closed pipe ends quietly, a full disk says so in one line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")


def certpath(*args: str, **options: object) -> subprocess.Popen[bytes]:
    """Start the certpath command line as a user's shell would."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CERTPATH_")}
    return subprocess.Popen([sys.executable, "-m", "certpath", *args], env=env,
                            stderr=subprocess.PIPE, **options)  # type: ignore[call-overload]


@pytest.mark.parametrize("args", [("tracks", "--json"), ("tracks",), ("help", "catalog"),
                                  ("show", "nosuch", "--json")])
def test_closed_pipe_ends_quietly(args: tuple[str, ...]) -> None:
    """Output into a pipe nobody reads any more: no message at all, and a SIGPIPE's status (141).

    The reading end is closed before certpath starts, as when ``| head -1`` has already exited,
    so every write fails, whatever the size of the output or of the pipe's buffer.
    """
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        process = certpath(*args, stdout=write_end)
    finally:
        os.close(write_end)
    _, err = process.communicate(timeout=60)
    assert err == (b"" if args[0] != "show" else
                   b"certpath: error: unknown certification 'nosuch'; 'certpath tracks' lists them\n")
    assert process.returncode == (141 if args[0] != "show" else 1)


@pytest.mark.parametrize("args", [("tracks",), ("tracks", "--json"), ("roles",),
                                  ("graph", "--format", "mermaid"), ("help", "json"),
                                  ("show", "nosuch", "--json")])
def test_full_disk_is_one_line_and_exit_1(args: tuple[str, ...]) -> None:
    """> /dev/full: one line on stderr (no traceback) and exit 1, small output or large."""
    with open("/dev/full", "w") as full:
        process = certpath(*args, stdout=full)
        _, err = process.communicate(timeout=60)
    lines = err.decode().splitlines()
    assert process.returncode == 1
    assert len(lines) == 1, lines
    assert lines[0].startswith("certpath: error: ")
    if args[0] != "show":
        assert lines[0] == "certpath: error: cannot write the output: No space left on device"
