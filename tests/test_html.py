"""The web-page reports: self-contained, strict, escaped, and checked in a real headless Chromium."""

from __future__ import annotations

import base64
import hashlib
import re
import struct
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from certpath.cli import app
from tests.browser import browser, find_chromium, load
from tests.conftest import LEVELS, SMALL_INSTITUTIONS, SMALL_ROLES, SMALL_TRACKS, WriteCatalog
from tests.plan_fixtures import PLANNED_TRACKS
from tests.test_coverage import TEAM

CHROMIUM = find_chromium()
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium found (install Debian's chromium package, or set "
                             "CERTPATH_CHROMIUM); CI installs it")
HOSTILE = LEVELS + """\
certifications:
  - id: evil
    name: "<img src=x onerror=\\"fetch('http://example.com/x')\\">Evil"
    track: cloud
    description: "</script><script>fetch('http://example.com/y')</script> & more"
  - id: next
    name: Next & Last
    track: cloud
    requires: [evil]
"""


def run(*args: str, catalog: Path) -> Any:
    """Invoke certpath on a fixture catalog, with today fixed."""
    result = CliRunner().invoke(app, ["--no-builtin", "--catalog", str(catalog), *args],
                                env={"NO_COLOR": "1", "CERTPATH_TODAY": "2025-01-20"})
    assert result.exit_code == 0, result.stderr
    return result


@pytest.fixture
def plan_page(write_catalog: WriteCatalog, tmp_path: Path) -> Path:
    """The plan to arch from nothing, from 2025-01-06, as a page."""
    out = tmp_path / "plan.html"
    run("plan", "--to", "arch", "--have", "", "--start", "2025-01-06", "--html", str(out),
        catalog=write_catalog(PLANNED_TRACKS))
    return out


@pytest.fixture
def team_page(write_catalog: WriteCatalog, tmp_path: Path) -> Path:
    """The coverage tests' team (Associate B valid for 12 months), as a page."""
    tracks = SMALL_TRACKS.replace("    name: Associate B\n",
                                  "    name: Associate B\n    validity_months: 12\n")
    catalog = write_catalog(tracks, SMALL_ROLES, SMALL_INSTITUTIONS)
    team = tmp_path / "team.yaml"
    team.write_text("name: Cloud <team>\nstart: 2025-01-06\n" + textwrap.dedent(TEAM),
                    encoding="utf-8")
    out = tmp_path / "team.html"
    run("team", str(team), "--html", str(out), catalog=catalog)
    return out


@pytest.fixture
def graph_page(small_dir: Path, tmp_path: Path) -> Path:
    """The small catalog's whole graph, as a page."""
    out = tmp_path / "graph.html"
    run("graph", "--html", str(out), catalog=small_dir)
    return out


@pytest.fixture
def hostile_page(write_catalog: WriteCatalog, tmp_path: Path) -> Path:
    """A graph page of a catalog whose text tries to load things and run script."""
    out = tmp_path / "hostile.html"
    run("graph", "--html", str(out), catalog=write_catalog(HOSTILE))
    return out


def _hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"


def test_policy_allows_only_the_page_itself(plan_page: Path) -> None:
    """The CSP forbids every load and lets run exactly the page's own style and script."""
    page = plan_page.read_text(encoding="utf-8")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy is not None
    rules = dict(r.strip().split(" ", 1) for r in policy[1].split(";"))
    assert rules["default-src"] == "'none'"
    styles = re.findall(r"<style>(.*?)</style>", page, re.S)
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert rules["style-src"] == " ".join(_hash(s) for s in styles)
    assert rules["script-src"] == " ".join(_hash(s) for s in scripts)
    assert not re.search(r"\b(src|href)=", page)  # nothing to load, not even a link
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", page)


def test_catalog_text_is_escaped(hostile_page: Path) -> None:
    """Markup in catalog text stays text: no element, no script end, in the HTML or its data."""
    page = hostile_page.read_text(encoding="utf-8")
    assert "<img" not in page
    assert page.count("</script>") == 2  # the data block's and the page script's own
    assert "&lt;img src=x onerror=" in page
    assert "\\u003c/script\\u003e" in page


@pytest.fixture(scope="module")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A headless Chromium with a new, empty profile, shared by this module's tests."""
    assert CHROMIUM is not None
    with browser(CHROMIUM, tmp_path_factory.mktemp("chromium-profile")) as context:
        yield context


def png_size(path: Path) -> tuple[int, int]:
    """Return a PNG's width and height, read from its IHDR chunk (PNG specification, 11.2.2)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def shoot(loaded: Any, path: Path, width: int) -> None:
    """Save a full-page screenshot and check it is the page's width and not a sliver."""
    loaded.page.screenshot(path=str(path), full_page=True)
    got_width, got_height = png_size(path)
    assert got_width == width
    assert got_height >= 300
    assert path.stat().st_size > 10_000  # a blank page compresses to far less


@needs_chromium
def test_plan_in_browser(chromium: Any, plan_page: Path, tmp_path: Path) -> None:
    """The plan page: a bar per window and plan phase, an exam mark each, today's line; offline."""
    loaded = load(chromium, plan_page)
    assert loaded.errors == []
    assert loaded.requests == []
    # basics, assoc, arch; arch follows its 14-day focused plan: Labs and Mocks
    assert loaded.count("svg.gantt rect.bar.cert") == 3
    assert loaded.count("svg.gantt rect.bar.phase") == 2
    assert loaded.count("svg.gantt path.exam") == 3
    # basics 01-06..01-09, assoc 01-10..01-16, arch 01-17..01-30: today (01-20) is inside
    assert loaded.count("svg.gantt line.today") == 1
    assert loaded.count("table.phases tbody tr") == 2
    assert "Mock exams; review, repeat" in loaded.page.locator("table.phases").inner_text()
    shoot(loaded, tmp_path / "plan.png", 1200)


@needs_chromium
def test_team_in_browser(chromium: Any, team_page: Path, tmp_path: Path) -> None:
    """The team page: a heatmap cell per member and certification, goals, a bar per window."""
    loaded = load(chromium, team_page)
    assert loaded.errors == []
    assert loaded.requests == []
    assert loaded.count("table.heatmap td.cell") == 3 * 3
    assert loaded.count("table.heatmap td.cell.planned") == 2  # Ana's expert, Bo's assoc-b
    # Valid today (holdings alone) and at the ready date, 2025-02-09 (with the plan), per row:
    # basics 1 and 1 (Ana); assoc-b 1 (Ana) and 2 (+ Bo's exam 02-02); expert 0 and 1 (Ana)
    counts = loaded.page.locator("table.heatmap tbody td.num").all_inner_texts()
    assert counts == ["1", "1", "1", "2", "0", "1"]
    assert "on the team's ready date, 2025-02-09" in loaded.page.locator("body").inner_text()
    assert loaded.count("table.goals tbody tr") == 6
    assert loaded.count("table.goals .badge.not-met") == 3
    assert loaded.count("svg.gantt rect.bar") == 2
    # 2025-01-06 to 2026-01-05: five quarters and the total; no fee given, so the two exams
    # (Ana's expert, Bo's assoc-b) and Ana's assoc-b renewal (2025-03-01) are unknown
    assert loaded.count("table.budget tbody tr") == 6
    assert "Fees the catalog does not give (3" in loaded.page.locator(".unknown-fee").inner_text()
    assert loaded.page.title() == "certpath: Cloud <team>"
    shoot(loaded, tmp_path / "team.png", 1200)


@needs_chromium
def test_graph_in_browser(chromium: Any, graph_page: Path, tmp_path: Path) -> None:
    """The graph page: a node per certification; clicking one shows its details."""
    loaded = load(chromium, graph_page)
    assert loaded.errors == []
    assert loaded.count("g.cert") == 5
    assert loaded.page.locator("#details").is_hidden()
    loaded.page.locator('g.cert[data-id="expert"]').click()
    details = loaded.page.locator("#details")
    assert details.is_visible()
    assert details.locator("h2").inner_text() == "Cloud Expert"
    assert "Associate A, Associate B" in details.inner_text()
    assert loaded.requests == []
    shoot(loaded, tmp_path / "graph.png", 1200)


@needs_chromium
def test_hostile_catalog_in_browser(chromium: Any, hostile_page: Path) -> None:
    """Catalog text that tries to load or run something shows as text and does nothing."""
    loaded = load(chromium, hostile_page)
    loaded.page.locator('g.cert[data-id="evil"]').click()
    assert "</script><script>" in loaded.page.locator("#details").inner_text()
    assert loaded.count("img") == 0
    assert loaded.errors == []
    assert loaded.requests == []


@needs_chromium
def test_phone_dark_and_print(chromium: Any, team_page: Path) -> None:
    """On a phone the page does not overflow; dark mode darkens it; print hides the controls."""
    loaded = load(chromium, team_page, width=390, dark=True)
    page = loaded.page
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(18, 18, 18)"
    page.emulate_media(media="print", color_scheme="dark")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
    assert loaded.errors == []


def test_graph_html_beside_output(small_dir: Path, tmp_path: Path) -> None:
    """graph --output and --html are checked together: one file for both is refused, none written."""
    same = tmp_path / "both.html"
    result = CliRunner().invoke(app, ["--no-builtin", "--catalog", str(small_dir), "graph",
                                      "--format", "svg", "-o", str(same), "--html", str(same)])
    assert result.exit_code == 2
    assert "two outputs name the same file" in result.stderr
    assert not same.exists()


DATES_WHOLE = """() => {
  const dates = [...document.querySelectorAll('td, h2, .facts li')]
    .flatMap(e => e.textContent.match(/\\d{4}-\\d{2}-\\d{2}/g) || []).length;
  const spans = [...document.querySelectorAll('td .d, h2 .d, .facts .d')];
  return [dates, spans.length, spans.filter(s => s.getClientRects().length !== 1).length];
}"""


@needs_chromium
@pytest.mark.parametrize("report", ["plan_page", "team_page"])
def test_dates_stay_whole_on_a_phone(chromium: Any, report: str,
                                     request: pytest.FixtureRequest) -> None:
    """At 390 px every date in a table, heading or fact is on one line, never split at a hyphen."""
    loaded = load(chromium, request.getfixturevalue(report), width=390)
    dates, kept, broken = loaded.page.evaluate(DATES_WHOLE)
    assert dates > 0
    assert (kept, broken) == (dates, 0)


@needs_chromium
def test_tables_become_blocks_on_a_phone(chromium: Any, plan_page: Path) -> None:
    """At 390 px a table row is a block of labelled cells, its prose the width of the screen."""
    phone = load(chromium, plan_page, width=390).page
    cell = phone.locator("table.phases tbody tr").first.locator("td").last
    assert phone.locator("table.phases thead").is_hidden()
    # The page is 390 px, less 10 px of padding a side: a cell beside an 8.5em label (at 14 px,
    # 119 px) keeps more than 200 px for its words; as a fourth column it had under 100.
    assert cell.bounding_box()["width"] > 200
    assert cell.evaluate("e => getComputedStyle(e, '::before').content") == '"Activities"'
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    desktop = load(chromium, plan_page, width=1200).page
    assert desktop.locator("table.phases thead").is_visible()
