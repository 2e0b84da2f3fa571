"""Write a validation report in the format chosen, and the CI step summary beside it."""

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from certpath.errors import InputError

if TYPE_CHECKING:
    from certpath.catalog import Report
    from certpath.render.blocks import View


def choose_format(given: str | None, *, as_json: bool) -> str:
    """Return the report format: the one given, json for --json, else by the environment."""
    if as_json and given not in (None, "json"):
        raise InputError(f"--json and --format {given} ask for two formats; give one")
    if as_json:
        return "json"
    if given is not None:
        return given
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def write_report(report: "Report", chosen: str, *, strict: bool,
                 show: "Callable[[View], None]") -> None:
    """Print ``report`` as ``chosen`` on stdout; add a summary to $GITHUB_STEP_SUMMARY if set."""
    from certpath.render import ci, jsondoc, views
    from certpath.render.console import write_json
    base = os.getcwd()
    if chosen == "json":
        write_json(jsondoc.validation(report))
    elif chosen == "sarif":
        write_json(ci.sarif(report, base))
    elif chosen == "junit":
        from certpath.render.console import write_xml
        from certpath.render.sanitiser import inert
        write_xml(inert(ci.junit(report, base, strict=strict), colon="&#58;", bracket="&#91;"))
    else:
        if chosen == "github":  # annotations are capped by the CI: the whole text follows them
            sys.stdout.write(ci.workflow_commands(report, base))
        show(views.validation_view(report, strict=strict))
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        from certpath.files import append_text
        append_text(Path(summary), ci.step_summary(report, base, strict=strict))
