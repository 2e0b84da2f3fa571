"""Draw the README's pictures: certpath's terminal output and its web reports, as PNG.

Run from the repository: ``python media/render.py`` (with the test extra installed: it needs
Playwright's Python package, and the system's Chromium, as the browser tests do). Every picture
the README shows is drawn here, into media/, and nowhere else:

- tracks.png, plan.png: certpath run as on a colour terminal 100 columns wide; Rich turns its
  output (escape codes and all) into an SVG of that terminal, which Chromium draws as PNG;
- report-plan.png, report-team.png, report-graph.png, report-team-phone-dark.png: the --html
  reports of plan, team and graph, opened in Chromium (no network) and photographed whole.

Dates are fixed (``CERTPATH_TODAY``, ``--start``) so the pictures change only when certpath does.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.text import Text

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WIDTH = 100
TODAY = "2025-02-10"
SHOTS = {
    "tracks": ["tracks", "--track", "mlops"],
    "plan": ["plan", "--to", "architect", "--have", "foundation", "--hours-per-week", "6",
             "--start", "2027-01-04"],
}
REPORTS = {  # picture: (command, window width, dark mode, the certification to click)
    "report-plan": (["plan", "--to", "architect", "--start", "2025-01-06"], 1000, False, None),
    "report-team": (["team", str(ROOT / "examples" / "team-goals.yaml")], 1000, False, None),
    "report-team-phone-dark": (["team", str(ROOT / "examples" / "team-goals.yaml")], 390, True,
                               None),
    "report-graph": (["graph", "--to", "architect"], 1000, False, "mlops-professional"),
}
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CERTPATH_", "NO_COLOR"))}
    env.update(CERTPATH_PROFILE=str(HERE / "no-profile.yaml"), CERTPATH_TODAY=TODAY, **extra)
    return env


def terminal_output(args: list[str]) -> str:
    """Run certpath as on a colour terminal WIDTH columns wide; return what it printed."""
    env = _environment(CERTPATH_FORCE_TERMINAL="1", COLUMNS=str(WIDTH), TERM="xterm-256color")
    return subprocess.run([sys.executable, "-m", "certpath", *args], env=env, check=True,
                          capture_output=True, text=True).stdout


_RUN = re.compile(r'(<text [^>]*?x=")([0-9.]+)("[^>]*?textLength=")([0-9.]+)("[^>]*>)([^<]*)(</text>)')
_ENTITY = re.compile(r"&#?\w+;|.")


def _trim_runs(svg: str) -> str:
    """Split each run of text into one run per word, each placed on its own terminal column.

    An SVG renderer may drop a run's leading and trailing spaces and stretch the rest over the
    run's length, which shifts text that starts with spaces (a wrapped cell's second line). A run
    per word puts every word exactly where the terminal showed it, in any renderer.
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


def terminal_svg(name: str, args: list[str]) -> str:
    """Return certpath's terminal output for ``args`` as Rich's SVG of the terminal."""
    console = Console(record=True, width=WIDTH, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor")
    # soft_wrap: the lines are drawn as certpath drew them, never wrapped again
    console.print(Text.from_ansi(terminal_output(args)), end="", soft_wrap=True)
    return _trim_runs(console.export_svg(title=f"certpath {' '.join(args)}"))


@contextmanager
def chromium() -> Iterator[Any]:
    """Start the system's headless Chromium (each page is offline)."""
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("CERTPATH_CHROMIUM") or shutil.which("chromium") \
        or shutil.which("chromium-browser")
    if executable is None:
        sys.exit("render.py: no Chromium found (apt-get install chromium, or set CERTPATH_CHROMIUM)")
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=executable, headless=True, args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def draw_terminal(browser: Any, name: str, args: list[str]) -> None:
    """Draw one terminal picture: the SVG at 1.5 times its size, as a PNG of just the terminal."""
    page = browser.new_page(device_scale_factor=1.5, offline=True)
    page.set_content(f"<body style='margin:0'>{terminal_svg(name, args)}</body>")
    page.locator("svg").first.screenshot(path=str(HERE / f"{name}.png"), omit_background=True)
    page.close()


def draw_report(browser: Any, name: str, args: list[str], width: int, dark: bool,
                click: str | None) -> None:
    """Write a command's --html report and photograph the whole page at ``width``."""
    with tempfile.TemporaryDirectory() as work:
        page_file = Path(work) / "report.html"
        done = subprocess.run([sys.executable, "-m", "certpath", *args, "--html", str(page_file)],
                              env=_environment(), check=False, capture_output=True, text=True)
        if done.returncode not in (0, 3):  # 3: a team's goals not met, the report still written
            sys.exit(f"render.py: certpath {' '.join(args)} failed: {done.stderr}")
        page = browser.new_page(viewport={"width": width, "height": 900}, offline=True,
                                color_scheme="dark" if dark else "light")
        page.goto(page_file.as_uri(), wait_until="load")
        if click:
            page.locator(f'g.cert[data-id="{click}"]').click()
        page.screenshot(path=str(HERE / f"{name}.png"), full_page=True)
        page.close()


def main() -> None:
    with chromium() as browser:
        for name, args in SHOTS.items():
            draw_terminal(browser, name, args)
            print(f"wrote media/{name}.png")
        for name, (args, width, dark, click) in REPORTS.items():
            draw_report(browser, name, args, width, dark, click)
            print(f"wrote media/{name}.png")


if __name__ == "__main__":
    main()
