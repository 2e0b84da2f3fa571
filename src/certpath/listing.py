"""What the catalog's listing commands show: certifications by level and track, FAQ matches, and
which roles follow a learning path."""

from __future__ import annotations

import re
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
    """Return the FAQ entries that have every word of ``query``, best matches first.

    A word matches a word of the question or the answer with the same stem (``drifting`` finds
    drift, ``pipelines`` finds pipeline), or as part of one, case and hyphens folded. Entries are
    ranked by where their words are (the question counts for more than the answer, the word as
    typed for more than another form); sections come in the order of their best entry, ties in
    catalog order. No query lists every entry in catalog order.
    """
    words = _words(query or "")
    scored: list[tuple[int, int, FaqSection, list[tuple[int, int]]]] = []
    for place, section in enumerate(catalog.faq.values()):
        hits = []
        for i, entry in enumerate(section.entries):
            score = _score(words, _words(entry.question), _words(entry.answer))
            if score is not None:
                hits.append((score, i))
        if hits:
            hits.sort(key=lambda hit: -hit[0])  # stable: catalog order among equals
            scored.append((hits[0][0], place, section, hits))
    scored.sort(key=lambda found: (-found[0], found[1]))
    return [(section, [i for _, i in hits]) for _, _, section, hits in scored]


_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "edly", "ies", "ied", "ers", "ed",
             "er", "es", "ly", "s", "e")


def stem(word: str) -> str:
    """Return a word without its English ending: drifting, drifted, drifts -> drift.

    A light stemmer, enough to match forms of the same word: it strips one common ending, keeps
    at least three letters, and undoes a doubled consonant (running -> run).
    """
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[:-len(suffix)]
            if suffix in ("ies", "ied"):
                base += "y"
            elif suffix in ("ations", "ation"):  # automation -> automat, as automated
                base += "at"
            elif suffix == "s" and base.endswith(("s", "u", "i")):  # class, status, analysis
                continue
            if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "aeiouls":
                base = base[:-1]
            return base
    return word


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", normalize_name(text))


def _score(words: list[str], question: list[str], answer: list[str]) -> int | None:
    """Score an entry for the query's words, or None when a word is in neither part."""
    total = 0
    for word in words:
        best = max(_found(word, question) * 2, _found(word, answer))
        if not best:
            return None
        total += best
    return total


def _found(word: str, text: list[str]) -> int:
    """3 for the word as typed, 2 for another form of it, 1 for part of a word, 0 for absent."""
    if word in text:
        return 3
    if stem(word) in {stem(w) for w in text}:
        return 2
    return 1 if any(word in w for w in text) else 0
