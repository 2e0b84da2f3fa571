"""The command-line interface: a thin layer that parses, calls the core, and renders."""

from __future__ import annotations

from certpath.cli import (  # noqa: F401 - importing a module registers its commands
    advice_cmds,
    catalog_cmds,
    plan_cmds,
    profile_cmds,
)
from certpath.cli.app import app


def main() -> None:
    """Run the certpath command line."""
    app(prog_name="certpath")


__all__ = ["app", "main"]
