"""Shell completion of values from the catalog in effect: certifications, roles, tracks, levels.

These run on every Tab, in a fresh process: they load the catalog and nothing else (no networkx,
no Rich), and they never fail loudly; a catalog that cannot be loaded completes nothing.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
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


def _labels(entry_id: str, entry: Any) -> Iterable[str]:
    """Yield an entry's id, then its one-word aliases, exam codes and name.

    Shells split completions on spaces, so labels with spaces are left out; ids cover them.
    """
    for label in (entry_id, *getattr(entry, "aliases", ()), *getattr(entry, "exam_codes", ()),
                  entry.name):
        if label and not any(c.isspace() for c in label):
            yield label


def _matching(entries: Mapping[str, Any], incomplete: str, prefix: str = "",
              taken: Collection[str] = ()) -> Candidates:
    """Offer each entry once: its first label that starts with what is typed.

    Shells match case-sensitively, so do we; an entry in ``taken`` (already in the list being
    typed) is not offered again.
    """
    found: dict[str, str] = {}
    for entry_id, entry in entries.items():
        if entry_id in taken:
            continue
        label = next((x for x in _labels(entry_id, entry) if x.startswith(incomplete)), None)
        if label is not None and prefix + label not in found:
            found[prefix + label] = entry.name
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
    taken = set()
    for name in head.split(","):
        try:
            taken.add(catalog.resolve_cert(name).id)
        except CertpathError:  # a name still being fixed: it takes nothing
            continue
    return _matching(catalog.certifications, last, head + comma, taken)


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
