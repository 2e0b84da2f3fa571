"""What ``certpath`` with no arguments says: a short welcome and where to start."""

from __future__ import annotations

from certpath.render.blocks import View

START_HERE = (
    ("certpath advise", "a few questions, then a recommendation and its path"),
    ("certpath recommend --role ROLE", "the certifications to take for a role"),
    ("certpath path --to CERT", "the ordered steps from what you hold to a target"),
)


def welcome_view(version: str) -> View:
    """Return the welcome: what certpath does and the three commands to start with."""
    view = View()
    view.heading(f"certpath {version}")
    view.para("Which certifications to take, in what order, and how long it takes.")
    view.table(("Start here", "What it does"), START_HERE, styles=("bold cyan", ""))
    view.para("'certpath roles' and 'certpath tracks' list the names to use; "
              "'certpath graph' draws the roadmap; 'certpath --help' lists every command.", "dim")
    return view
