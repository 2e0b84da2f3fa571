"""advise on a real terminal: answers are edited with arrow keys and recalled from history."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
UP, LEFT, BACKSPACE = "\x1b[A", "\x1b[D", "\x7f"


class Terminal:
    """certpath on a pseudo-terminal: read what it shows, type keys when it asks."""

    def __init__(self, tmp_path: Path, *args: str) -> None:
        self.leader, follower = pty.openpty()
        env = {k: v for k, v in os.environ.items() if not k.startswith("CERTPATH_")}
        env.update(TERM="xterm", CERTPATH_PROFILE=str(tmp_path / "profile.yaml"), NO_COLOR="1",
                   CERTPATH_TODAY="2026-12-01", INPUTRC="/dev/null", COLUMNS="100",
                   CERTPATH_PAGER="")
        self.process = subprocess.Popen([sys.executable, "-m", "certpath", *args], stdin=follower,
                                        stdout=follower, stderr=follower, env=env, cwd=tmp_path)
        os.close(follower)
        self.seen = ""
        self.cursor = 0  # where the next expect() starts looking: after the last text expected

    def expect(self, text: str, timeout: float = 60) -> None:
        """Read until ``text`` is shown after what was expected last (a test of what is shown)."""
        end = time.monotonic() + timeout
        while text not in self.seen[self.cursor:]:
            assert time.monotonic() < end, f"never showed {text!r}; showed {self.seen!r}"
            ready, _, _ = select.select([self.leader], [], [], 0.5)
            if ready:
                try:
                    self.seen += os.read(self.leader, 65536).decode("utf-8", "replace")
                except OSError:  # the program ended
                    break
        self.cursor = self.seen.index(text, self.cursor) + len(text)

    def type(self, keys: str, timeout: float = 60) -> None:
        """Type keys as a user would, once the line editor has the terminal.

        The prompt can be shown before readline switches the terminal out of canonical mode;
        keys typed in that moment would be edited by the terminal driver instead (a Backspace
        eats the arrow key's last byte), so wait until canonical mode is off.
        """
        end = time.monotonic() + timeout
        while termios.tcgetattr(self.leader)[3] & termios.ICANON:
            assert time.monotonic() < end, "the line editor never took the terminal"
            time.sleep(0.01)
        os.write(self.leader, keys.encode())

    def close(self) -> int:
        """Wait for the program to end, reading what it still shows, and return its exit code."""
        end = time.monotonic() + 60
        while self.process.poll() is None and time.monotonic() < end:
            ready, _, _ = select.select([self.leader], [], [], 0.5)  # a full terminal blocks it
            if ready:
                try:
                    self.seen += os.read(self.leader, 65536).decode("utf-8", "replace")
                except OSError:
                    break
        code = self.process.wait(timeout=60)
        os.close(self.leader)
        return code


def test_arrow_keys_and_history_edit_an_answer(tmp_path: Path) -> None:
    """A wrong role is recalled with Up, fixed with Left and Backspace, and accepted."""
    term = Terminal(tmp_path, "advise", "--pace", "focused")
    try:
        term.expect("Role (number, id or name): ")
        term.type("sxe\r")
        term.expect("try again")
        term.expect("Role (number, id or name): ")
        term.type(UP + LEFT + BACKSPACE + "r\r")  # 'sxe' -> 'se' -> 'sre'
        term.expect("Held (numbers")
        term.type("none\r")
        term.expect("Hours of study per week")
        term.type("\r")
        term.expect("Start date")
        term.type("2027-01-04\r")
        term.expect("Recommendation for Site Reliability Engineer (SRE)")
        term.expect("Save these answers")
        term.type("n\r")
    finally:
        code = term.close()
    assert code == 0
