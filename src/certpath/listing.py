"""What the catalog's listing commands show: certifications by level and track, FAQ matches, and
which roles follow a learning path."""

from __future__ import annotations

from typing import TYPE_CHECKING

from certpath.names import normalize_name

if TYPE_CHECKING:
    from certpath.catalog import Catalog
    from certpath.model import Certification, FaqSection, Institution


def list_certifications(catalog: Catalog, *, level: str | None = None,
                        track: str | None = None) -> list[Certification]:
    """Return the certifications of a level and a track (ids or names; None: any).

    Lower level ranks come first across all tracks, then the suggested order within a level
    (``order``; those without one last), then catalog order.
    """
    level_id = catalog.resolve_level(level).id if level else None
    track_id = catalog.resolve_track(track).id if track else None
    found = [c for c in catalog.certifications.values()
             if (level_id is None or c.level == level_id)
             and (track_id is None or c.track == track_id)]
    found.sort(key=lambda c: (catalog.level_rank(c.id), c.order is None, c.order or 0,
                              catalog.order_key(c.id)))
    return found


def list_institutions(catalog: Catalog, *, track: str | None = None) -> list[Institution]:
    """Return the institutions that serve a track (an id or name; None: every institution)."""
    track_id = catalog.resolve_track(track).id if track else None
    return [i for i in catalog.institutions.values() if track_id is None or track_id in i.tracks]


def roles_following(catalog: Catalog, path_id: str) -> list[str]:
    """Return the ids of the roles that name a learning path, in catalog order."""
    return [r.id for r in catalog.roles.values() if path_id in r.learning_paths]


def search_faq(catalog: Catalog, query: str | None) -> list[tuple[FaqSection, list[int]]]:
    """Return each FAQ section with the indexes of its entries that contain every word of ``query``.

    Words are matched as names are (case, hyphens and underscores folded), anywhere in the question
    or the answer; sections without a match are left out. No query matches every entry.
    """
    words = normalize_name(query or "").split()
    matches = []
    for section in catalog.faq.values():
        hits = [i for i, e in enumerate(section.entries)
                if all(w in normalize_name(f"{e.question} {e.answer}") for w in words)]
        if hits:
            matches.append((section, hits))
    return matches
