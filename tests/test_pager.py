"""Long output on a terminal goes through the pager; never when piped, short, or --no-pager.

These run certpath on a real pseudo-terminal, with a pager that records what it was given.
"""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")


def on_terminal(tmp_path: Path, *args: str, lines: int = 10, **env: str) -> str:
    """Run certpath with stdout on a pseudo-terminal; return what reached the terminal."""
    leader, follower = pty.openpty()
    base = {k: v for k, v in os.environ.items()
            if k not in ("PAGER", "CERTPATH_PAGER", "LESS", "NO_COLOR", "CERTPATH_CATALOG")}
    full = {**base, "LINES": str(lines), "COLUMNS": "100", "TERM": "xterm", **env}
    try:
        subprocess.run([sys.executable, "-m", "certpath", *args], stdout=follower,
                       stderr=follower, stdin=subprocess.DEVNULL, env=full, cwd=tmp_path,
                       check=True, timeout=60)
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal is closed and drained
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


RECORD = "sh -c 'printf %s \"$LESS\" > less.txt; cat > paged.txt'"


def test_long_output_is_paged(tmp_path: Path) -> None:
    """tracks on a 10-line terminal goes to PAGER, with LESS=FRX, and not to the terminal."""
    shown = on_terminal(tmp_path, "tracks", PAGER=RECORD)
    assert "MLOps Foundation" in (tmp_path / "paged.txt").read_text(encoding="utf-8")
    assert (tmp_path / "less.txt").read_text(encoding="utf-8") == "FRX"
    assert "MLOps Foundation" not in shown


def test_certpath_pager_wins_and_less_is_kept(tmp_path: Path) -> None:
    """CERTPATH_PAGER is used over PAGER, and a LESS the user set is left as it is."""
    on_terminal(tmp_path, "help", "json", PAGER="false", CERTPATH_PAGER=RECORD, LESS="-R")
    assert (tmp_path / "paged.txt").read_text(encoding="utf-8").startswith("# JSON documents")
    assert (tmp_path / "less.txt").read_text(encoding="utf-8") == "-R"


@pytest.mark.parametrize(("args", "env", "lines"), [
    (("--no-pager", "tracks"), {"PAGER": RECORD}, 10),
    (("tracks",), {"PAGER": "cat", "CERTPATH_PAGER": ""}, 10),
    (("roles",), {"PAGER": RECORD}, 200),
], ids=["--no-pager", "empty CERTPATH_PAGER", "fits on the screen"])
def test_not_paged(tmp_path: Path, args: tuple[str, ...], env: dict[str, str], lines: int) -> None:
    """--no-pager, an empty CERTPATH_PAGER, or output that fits: written to the terminal."""
    shown = on_terminal(tmp_path, *args, lines=lines, **env)
    assert not (tmp_path / "paged.txt").exists()
    assert "MLOps" in shown


def test_piped_output_is_never_paged(tmp_path: Path) -> None:
    """With stdout a pipe, the pager is not run even for long output."""
    result = subprocess.run([sys.executable, "-m", "certpath", "tracks"], capture_output=True,
                            text=True, cwd=tmp_path, check=True,
                            env={**os.environ, "PAGER": RECORD, "LINES": "5"})
    assert "MLOps Foundation" in result.stdout
    assert not (tmp_path / "paged.txt").exists()
