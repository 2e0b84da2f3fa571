"""What a path adds up to: certifications, hours (estimate or not) and exam fees per currency."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from certpath.catalog import load_catalog
from certpath.cli import app
from certpath.planning import path_totals, plan_path
from tests.conftest import LEVELS, WriteCatalog

TRACKS = LEVELS + """\
certifications:
  - id: one
    name: One
    track: cloud
    level: beginner
    effort: {hours: 10, estimate: false}
    fee: {amount: 150, currency: USD}
  - id: two
    name: Two
    track: cloud
    level: intermediate
    requires: [one]
    effort: {hours: 25.5}
    fee: {amount: 99.5, currency: EUR, estimate: true}
  - id: three
    name: Three
    track: cloud
    level: advanced
    requires: [two]
    fee: {amount: 200, currency: USD}
  - id: four
    name: Four
    track: cloud
    level: advanced
    requires: [three]
    effort: {hours: 4, estimate: false}
"""


def test_totals_add_known_figures_and_name_the_rest(write_catalog: WriteCatalog) -> None:
    """Hours add the stated efforts; fees add per currency; steps without a figure are listed."""
    catalog = load_catalog([write_catalog(TRACKS)], builtin=False)
    totals = path_totals(catalog, plan_path(catalog, "four"))
    assert totals.certifications == 4
    assert totals.hours == 10 + 25.5 + 4  # three states no effort
    assert totals.without_effort == ("three",)
    assert totals.hours_estimate  # two's hours are an estimate, three has none
    assert totals.fees.amounts == {"USD": 150 + 200, "EUR": 99.5}
    assert totals.fees.unknown == ("four",)
    assert totals.fees.estimate


def test_totals_of_stated_figures_are_not_estimates(write_catalog: WriteCatalog) -> None:
    """A path whose every step states its hours is not an estimate; one with nothing left is zero."""
    catalog = load_catalog([write_catalog(TRACKS)], builtin=False)
    assert not path_totals(catalog, plan_path(catalog, "one")).hours_estimate
    empty = path_totals(catalog, plan_path(catalog, "two", ["two"]))
    assert (empty.certifications, empty.hours, empty.hours_estimate) == (0, 0, False)


def test_path_shows_and_prints_the_totals(write_catalog: WriteCatalog) -> None:
    """path prints the totals line and --json carries them; recommend carries them too."""
    directory = write_catalog(TRACKS)
    args = ["--no-builtin", "--catalog", str(directory), "path", "--to", "four"]
    human = CliRunner().invoke(app, args, env={"COLUMNS": "200"})
    assert ("Total: 4 certifications, ~39.5 h (estimate), not counting 1 without a stated "
            "effort; fees USD 350 + EUR 99.50 (fee of 1 unknown) (estimate)") in human.stdout
    doc = json.loads(CliRunner().invoke(app, [*args, "--json"]).stdout)
    assert doc["totals"] == {"certifications": 4, "hours": 39.5, "hours_estimate": True,
                             "without_effort": ["three"],
                             "fees": {"amounts": {"USD": 350.0, "EUR": 99.5},
                                      "unknown": ["four"], "estimate": True}}
    assert [s["effort"] for s in doc["steps"]][2] is None
