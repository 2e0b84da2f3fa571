"""The command-line interface: a thin layer that parses, calls the core, and renders."""

from __future__ import annotations

from certpath.cli import (  # noqa: F401 - registers the commands
    advice_cmds,
    advise_cmds,
    catalog_cmds,
    graph_cmds,
    validate_cmds,
)
from certpath.cli.app import app


def main() -> None:
    """Run the certpath command line."""
    app(prog_name="certpath")


__all__ = ["app", "main"]
