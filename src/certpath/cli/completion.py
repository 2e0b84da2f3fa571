"""Shell completion of values from the catalog in effect: certifications, roles, tracks, levels.

These run on every Tab, in a fresh process: they load the catalog and nothing else (no networkx,
no Rich), and they never fail loudly; a catalog that cannot be loaded completes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import typer

from certpath.catalog import Catalog, environment_dirs
from certpath.errors import CertpathError

Candidates = list[tuple[str, str]]  # (value, help shown by zsh and fish)


def _catalog(ctx: typer.Context) -> Catalog | None:
    """Load the catalog the command line names (--catalog, --no-builtin, $CERTPATH_CATALOG)."""
    params = ctx.find_root().params
    dirs = [Path(d) for d in params.get("catalog") or ()] or environment_dirs()
    from certpath import cache

    try:
        return cache.load(dirs, builtin=not params.get("no_builtin"),
                          use_cache=not params.get("no_cache"))
    except CertpathError:
        return None


def _labels(entries: Mapping[str, Any]) -> Iterable[tuple[str, str]]:
    """Yield each entry's id and its one-word aliases and names, with the entry's name as help.

    Shells split completions on spaces, so labels with spaces are left out; ids cover them.
    """
    for entry_id, entry in entries.items():
        for label in (entry_id, *getattr(entry, "aliases", ()), entry.name):
            if label and not any(c.isspace() for c in label):
                yield label, entry.name


def _matching(entries: Mapping[str, Any], incomplete: str, prefix: str = "") -> Candidates:
    found: dict[str, str] = {}
    for label, help_text in _labels(entries):  # shells match case-sensitively, so do we
        if label.startswith(incomplete) and prefix + label not in found:
            found[prefix + label] = help_text
    return list(found.items())


def complete_cert(ctx: typer.Context, incomplete: str) -> Candidates:
    """Complete a certification id or alias."""
    catalog = _catalog(ctx)
    return _matching(catalog.certifications, incomplete) if catalog else []


def complete_certs(ctx: typer.Context, incomplete: str) -> Candidates:
    """Complete the last of a comma-separated list of certifications (--have a,b,...)."""
    catalog = _catalog(ctx)
    if catalog is None:
        return []
    head, comma, last = incomplete.rpartition(",")
    return _matching(catalog.certifications, last, head + comma)


def complete_role(ctx: typer.Context, incomplete: str) -> Candidates:
    """Complete a role id or alias."""
    catalog = _catalog(ctx)
    return _matching(catalog.roles, incomplete) if catalog else []


def complete_track(ctx: typer.Context, incomplete: str) -> Candidates:
    """Complete a track id or name."""
    catalog = _catalog(ctx)
    return _matching(catalog.tracks, incomplete) if catalog else []


def complete_level(ctx: typer.Context, incomplete: str) -> Candidates:
    """Complete a level id or name."""
    catalog = _catalog(ctx)
    return _matching(catalog.levels, incomplete) if catalog else []
