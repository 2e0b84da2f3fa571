"""Names of catalog entries: folding a name for matching, and finding an entry by one.

Below both the loader (catalog.py) and the checks (checks.py), which both fold names the same way.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from certpath.errors import UnknownNameError


def normalize_name(text: str) -> str:
    """Fold a name for matching: case, and runs of spaces, hyphens and underscores."""
    # str.split() without an argument splits on runs of the whitespace that \s matches; this is
    # three times quicker than a regular expression, and every name of a catalog passes here.
    return " ".join(text.casefold().replace("_", " ").replace("-", " ").split())


def index_names(entries: Mapping[str, Any]) -> dict[str, list[str]]:
    """Map each folded id, name, alias and exam code of ``entries`` to the ids it names, in order."""
    index: dict[str, list[str]] = {}
    for entry_id, entry in entries.items():
        labels = (entry_id, entry.name, *getattr(entry, "aliases", ()),
                  *getattr(entry, "exam_codes", ()))
        for label in labels:
            ids = index.setdefault(normalize_name(label), [])
            if entry_id not in ids:
                ids.append(entry_id)
    return index


def resolve_name(kind: str, name: str, index: dict[str, list[str]]) -> str:
    """Return the one id that ``name`` names in ``index`` (from ``index_names``).

    Raise UnknownNameError, with the closest names as suggestions, when it names none or several.
    """
    key = normalize_name(name)
    ids = index.get(key, [])
    if len(ids) == 1:
        return ids[0]
    if len(ids) > 1:
        raise UnknownNameError(kind, name, ids, ambiguous=True)
    close = difflib.get_close_matches(key, list(index), n=8, cutoff=0.6)
    prefixed = [k for k in index if key and (k.startswith(key) or key in k.split())]
    suggestions: list[str] = []
    for label in [*close, *prefixed]:
        for entry_id in index[label]:
            if entry_id not in suggestions:
                suggestions.append(entry_id)
    raise UnknownNameError(kind, name, suggestions[:5])
