"""Render the README's terminal screenshots: certpath run on a 100-column terminal, as PNG.

Run from the repository: ``python media/render.py``. Each command runs as a user would run it on
a colour terminal 100 columns wide; Rich turns its output (escape codes and all) into an SVG of
that terminal, and rsvg-convert (Debian's librsvg2-bin) turns the SVG into a PNG.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

from rich.console import Console
from rich.text import Text

HERE = Path(__file__).resolve().parent
WIDTH = 100
SHOTS = {
    "tracks": ["tracks", "--track", "mlops"],
    "plan": ["plan", "--to", "architect", "--have", "foundation", "--hours-per-week", "6",
             "--start", "2027-01-04"],
}


def terminal_output(args: list[str]) -> str:
    """Run certpath as on a colour terminal WIDTH columns wide; return what it printed."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CERTPATH_", "NO_COLOR"))}
    env.update(CERTPATH_FORCE_TERMINAL="1", COLUMNS=str(WIDTH), TERM="xterm-256color",
               CERTPATH_PROFILE=str(HERE / "no-profile.yaml"))
    return subprocess.run([sys.executable, "-m", "certpath", *args], env=env, check=True,
                          capture_output=True, text=True).stdout


_RUN = re.compile(r'(<text [^>]*?x=")([0-9.]+)("[^>]*?textLength=")([0-9.]+)("[^>]*>)([^<]*)(</text>)')
_ENTITY = re.compile(r"&#?\w+;|.")


def _trim_runs(svg: str) -> str:
    """Split each run of text into one run per word, each placed on its own terminal column.

    rsvg-convert drops a run's leading and trailing spaces and stretches the rest over the run's
    length, which shifts text that starts with spaces (a wrapped cell's second line). A run per
    word puts every word exactly where the terminal showed it.
    """
    def split(match: re.Match[str]) -> str:
        head, x, middle, length, rest, text, tail = match.groups()
        chars = _ENTITY.findall(text)  # one terminal column each (the output is ASCII-wide)
        if not chars:
            return match.group(0)
        width = float(length) / len(chars)
        runs, start = [], None
        for i, char in enumerate([*chars, "&#160;"]):
            space = char in ("&#160;", " ")
            if not space and start is None:
                start = i
            elif space and start is not None:
                word = "".join(chars[start:i])
                runs.append(f"{head}{float(x) + start * width:g}{middle}"
                            f"{(i - start) * width:g}{rest}{word}{tail}")
                start = None
        return "".join(runs)

    return _RUN.sub(split, svg)


def main() -> None:
    for name, args in SHOTS.items():
        console = Console(record=True, width=WIDTH, file=io.StringIO(), force_terminal=True,
                          color_system="truecolor")
        # soft_wrap: the lines are drawn as certpath drew them, never wrapped again
        console.print(Text.from_ansi(terminal_output(args)), end="", soft_wrap=True)
        svg = HERE / f"{name}.svg"
        svg.write_text(_trim_runs(console.export_svg(title=f"certpath {' '.join(args)}")),
                       encoding="utf-8")
        subprocess.run(["rsvg-convert", "--zoom", "1.5", "-o", str(HERE / f"{name}.png"),
                        str(svg)], check=True)
        svg.unlink()
        print(f"wrote media/{name}.png")


if __name__ == "__main__":
    main()
