"""Where the files shipped beside the code are: inside the package, or in the checkout."""

from __future__ import annotations

from pathlib import Path


def shipped_dir(name: str) -> Path:
    """Return the shipped directory ``name`` (``schema``, ``docs``): the wheel's or the checkout's."""
    here = Path(__file__).resolve().parent
    packaged = here / name
    return packaged if packaged.is_dir() else here.parent.parent / name
