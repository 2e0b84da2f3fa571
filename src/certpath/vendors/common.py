"""What the vendor readers share: reading a JSON file safely, ids, durations, writing a catalog."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from certpath.errors import CatalogError, CertpathError, Finding

_DURATION = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")
_HEADER = ("# Imported by 'certpath import {source}' from {file}.\n"
           "# Check it with 'certpath validate {directory}'; what could not be mapped was printed\n"
           "# by the import. Facts here are the source's; review them before you publish.\n")


@dataclass
class Draft:
    """A catalog being built from a vendor file: the three files' data, and what was left out."""

    levels: list[dict[str, Any]] = field(default_factory=list)
    tracks: list[dict[str, Any]] = field(default_factory=list)
    certifications: list[dict[str, Any]] = field(default_factory=list)
    roles: list[dict[str, Any]] = field(default_factory=list)
    institutions: list[dict[str, Any]] = field(default_factory=list)
    not_mapped: list[str] = field(default_factory=list)

    def files(self) -> dict[str, dict[str, Any]]:
        """Return each catalog file's data, by file kind (only the kinds that have entries)."""
        tracks: dict[str, Any] = {"schema_version": 1}
        for key in ("levels", "tracks", "certifications"):
            if getattr(self, key):
                tracks[key] = getattr(self, key)
        found = {"tracks": tracks}
        if self.roles:
            found["roles"] = {"schema_version": 1, "roles": self.roles}
        if self.institutions:
            found["institutions"] = {"schema_version": 1, "institutions": self.institutions}
        return found


def read_json(path: Path) -> Any:
    """Read a JSON file of at most the YAML size limit; a bad file is a CatalogError with a position."""
    import json

    from certpath.yamldoc import MAX_FILE_BYTES
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise CatalogError([Finding(str(path), 0, 0, "error", f"file is {size} bytes; the limit "
                                        f"is {MAX_FILE_BYTES} bytes (16 MiB)")])
        data = path.read_bytes()
    except FileNotFoundError:
        raise CatalogError([Finding(str(path), 0, 0, "error", "no such file")]) from None
    except IsADirectoryError:
        raise CatalogError([Finding(str(path), 0, 0, "error", "is a directory; expected a JSON file")]) \
            from None
    except OSError as exc:
        raise CatalogError([Finding(str(path), 0, 0, "error",
                                    f"cannot read the file: {exc.strerror or exc}")]) from None
    try:
        return json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise CatalogError([Finding(str(path), 0, 0, "error", "not valid UTF-8; save the file as "
                                    "UTF-8")]) from None
    except json.JSONDecodeError as exc:
        raise CatalogError([Finding(str(path), exc.lineno, exc.colno, "error",
                                    f"not valid JSON: {exc.msg}")]) from None
    except RecursionError:
        raise CatalogError([Finding(str(path), 0, 0, "error", "nested too deeply")]) from None


def slug(text: str, taken: set[str] | None = None) -> str:
    """Return a catalog id for ``text``: lower-case ASCII letters, digits and hyphens, unique in ``taken``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-") or "item"
    found, n = base, 2
    while taken is not None and found in taken:
        found, n = f"{base}-{n}", n + 1
    if taken is not None:
        taken.add(found)
    return found


def duration_months(text: str) -> int | None:
    """Return an ISO 8601 duration (``P3Y``, ``P18M``, ``P1Y6M``) in whole months, or None.

    Weeks and days are converted only when they make whole years of 365 days (``P365D``) or
    nothing else: a duration certpath cannot state in months is left to the caller to report.
    """
    match = _DURATION.match(text.strip()) if isinstance(text, str) else None
    if not match or not any(match.groups()):
        return None
    years, months, weeks, days = (int(g) if g else 0 for g in match.groups())
    days += 7 * weeks
    if days % 365:
        return None
    total = 12 * (years + days // 365) + months
    return total or None


def write_catalog(draft: Draft, directory: Path, *, source: str, origin: Path,
                  force: bool) -> list[Path]:
    """Write the draft's files into ``directory``; refuse an existing one unless ``force``."""
    import yaml

    from certpath.files import make_parent, write_outputs
    if directory.exists() and not force:
        raise CertpathError(f"{directory}: already exists; give a new directory, or --force to "
                            "write the catalog files into it")
    if directory.exists() and not directory.is_dir():
        raise CertpathError(f"{directory}: exists and is not a directory")
    outputs = []
    header = _HEADER.format(source=source, file=origin.name, directory=directory)
    for stem, data in draft.files().items():
        text = header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
        outputs.append((directory / f"{stem}.yaml", text.encode("utf-8")))
    make_parent(outputs[0][0])
    write_outputs(outputs)
    return [target for target, _ in outputs]
