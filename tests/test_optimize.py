"""--optimize hours|fees|count: how path, plan and recommend choose among alternatives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from certpath.cli import app
from tests.conftest import LEVELS, WriteCatalog

# short: 10 h, USD 300; cheap: 30 h, USD 100; pair (x + y): 2 certifications, 8 h, USD 500.
TRACKS = LEVELS + """\
certifications:
  - {id: short, name: Short, track: cloud, effort: {hours: 10}, fee: {amount: 300, currency: USD}}
  - {id: cheap, name: Cheap, track: cloud, effort: {hours: 30}, fee: {amount: 100, currency: USD}}
  - {id: x, name: X, track: cloud, effort: {hours: 4}, fee: {amount: 250, currency: USD}}
  - {id: y, name: Y, track: cloud, effort: {hours: 4}, fee: {amount: 250, currency: USD}}
  - id: goal
    name: Goal
    track: cloud
    effort: {hours: 1}
    requires:
      - any_of: [short, cheap, [x, y]]
"""


def chosen(directory: Path, *args: str) -> tuple[list[str], str]:
    """Run path --to goal --json and return the first choice's chosen ids and reason."""
    result = CliRunner().invoke(app, ["--no-builtin", "--catalog", str(directory), "path",
                                      "--to", "goal", "--have", "", *args, "--json"])
    assert result.exit_code == 0, result.stdout
    choice = json.loads(result.stdout)["choices"][0]
    return choice["chosen"], choice["reason"]


@pytest.mark.parametrize(("flag", "expected", "why"), [
    ((), ["x", "y"], "least remaining work"),               # 8 h beats 10 h and 30 h
    (("--optimize", "hours"), ["x", "y"], "least remaining work"),
    (("--optimize", "fees"), ["cheap"], "least fees"),      # USD 100 beats 300 and 500
    (("--optimize", "count"), ["short"], "fewest certifications"),  # 1 beats 2; short first
])
def test_optimize_chooses_by_its_measure(write_catalog: WriteCatalog, flag: tuple[str, ...],
                                         expected: list[str], why: str) -> None:
    """Each measure picks the alternative worked out by hand, and says so in the reason."""
    ids, reason = chosen(write_catalog(TRACKS), *flag)
    assert ids == expected
    assert reason.startswith(why)


def test_fees_in_other_currencies_fall_back_to_hours(write_catalog: WriteCatalog) -> None:
    """EUR 100 does not compare with USD (no conversion): Short (USD 300) beats the pair (USD 500)
    on fees, and Cheap on hours (10 h vs 30 h)."""
    tracks = TRACKS.replace("{amount: 100, currency: USD}", "{amount: 100, currency: EUR}")
    ids, _ = chosen(write_catalog(tracks), "--optimize", "fees")
    assert ids == ["short"]


def test_unknown_optimize_is_bad_usage(write_catalog: WriteCatalog) -> None:
    """--optimize speed is a usage error, exit 2."""
    result = CliRunner().invoke(app, ["--no-builtin", "--catalog", str(write_catalog(TRACKS)),
                                      "path", "--to", "goal", "--optimize", "speed"])
    assert result.exit_code == 2
