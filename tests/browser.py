"""Open certpath's web pages in the system's headless Chromium, with every network request refused.

Playwright's Python package drives the Chromium that the system's packages installed
(/usr/bin/chromium on Debian; CI installs it); no browser is ever downloaded.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def find_chromium() -> str | None:
    """Return the system's Chromium ($CERTPATH_CHROMIUM, else chromium on PATH), or None."""
    given = os.environ.get("CERTPATH_CHROMIUM")
    if given:
        return given
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


@dataclass
class Loaded:
    """A page loaded in the browser, and what happened while it loaded."""

    page: Any
    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions
    requests: list[str] = field(default_factory=list)  # every request but the page's own file

    def count(self, selector: str) -> int:
        """Return how many elements match a CSS selector."""
        return int(self.page.locator(selector).count())


@contextmanager
def browser(executable: str, profile: Path) -> Iterator[Any]:
    """Start headless Chromium with a new, empty profile; yield a context with no network."""
    from playwright.sync_api import sync_playwright

    profile.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as driver:
        context = driver.chromium.launch_persistent_context(
            str(profile), executable_path=executable, headless=True, args=FLAGS, offline=True,
            viewport={"width": 1200, "height": 900}, color_scheme="light")
        try:
            yield context
        finally:
            context.close()


def load(context: Any, file: Path, *, width: int = 1200, dark: bool = False) -> Loaded:
    """Open a local file in a new page, recording console errors and every request it makes."""
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.emulate_media(color_scheme="dark" if dark else "light")
    url = file.resolve().as_uri()
    loaded = Loaded(page)
    page.on("console", lambda m: loaded.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: loaded.errors.append(str(e)))
    page.on("request", lambda r: loaded.requests.append(r.url) if r.url != url else None)
    page.route("**/*", lambda route: route.continue_() if route.request.url == url
               else route.abort())
    page.goto(url, wait_until="load")
    page.wait_for_timeout(100)  # let the page's script and any late request run
    return loaded
