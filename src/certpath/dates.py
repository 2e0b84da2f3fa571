"""Dates as certpath reads them from files and options: YYYY-MM-DD, the whole text, ASCII digits."""

from __future__ import annotations

import datetime as dt
import re

_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def iso_date(text: str) -> dt.date:
    """Return the date ``text`` writes as YYYY-MM-DD; raise ValueError for anything else.

    ``date.fromisoformat`` alone also takes ``20240304`` and ``2024-W10-1`` from Python 3.11 on,
    so the same file or option would be a date on one Python and an error on another.
    """
    found = _ISO_DATE.fullmatch(text)
    if found is None:
        raise ValueError(f"not YYYY-MM-DD: {text!r}")
    return dt.date(int(found[1]), int(found[2]), int(found[3]))


def date_shaped(text: str) -> bool:
    """Whether ``text`` has the shape YYYY-MM-DD, whether or not that day exists."""
    return _ISO_DATE.fullmatch(text) is not None
