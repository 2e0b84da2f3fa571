"""What the vendor readers share: reading a JSON file safely, ids, durations, writing a catalog."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from certpath.errors import CatalogError, CertpathError, Finding

MAX_DEPTH = 64
"""How deeply a vendor file may nest (CTDL and Learn files nest under 20 levels)."""
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
    """Read a JSON file of at most the YAML size limit; a bad file is a CatalogError with a position.

    A UTF-8 byte order mark is skipped (Windows tools write one); NaN and Infinity, which are not
    JSON, lone surrogate escapes, which are not text, and nesting deeper than ``MAX_DEPTH`` are
    refused, so nothing after this meets them.
    """
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
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _bad(path, "is UTF-16 text; save the file as UTF-8")
    try:
        found = json.loads(data.decode("utf-8-sig"), parse_constant=_no_constant)
    except UnicodeDecodeError:
        raise _bad(path, "not valid UTF-8; save the file as UTF-8") from None
    except json.JSONDecodeError as exc:
        raise CatalogError([Finding(str(path), exc.lineno, exc.colno, "error",
                                    f"not valid JSON: {exc.msg}")]) from None
    except _NotJson as exc:
        raise _bad(path, f"not valid JSON: {exc}") from None
    except ValueError:  # Python refuses integers of more than 4300 digits
        raise _bad(path, "not valid JSON: a number too long to read") from None
    except RecursionError:
        raise _bad(path, f"nested more than {MAX_DEPTH} levels deep") from None
    _check_tree(found, path)
    return found


class _NotJson(ValueError):
    """NaN or Infinity, which Python's reader takes but JSON does not have."""


def _no_constant(name: str) -> None:
    raise _NotJson(f"{name} is not a JSON number")


def _bad(path: Path, message: str) -> CatalogError:
    return CatalogError([Finding(str(path), 0, 0, "error", message)])


def _check_tree(data: Any, path: Path) -> None:
    """Refuse nesting deeper than MAX_DEPTH and strings that are not text (lone surrogates)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise _bad(path, f"holds a string that is not text (a lone surrogate escape) "
                                 f"near {value[:40]!r}") from None
        elif isinstance(value, (dict, list)):
            if depth > MAX_DEPTH:
                raise _bad(path, f"nested more than {MAX_DEPTH} levels deep")
            items = [*value.keys(), *value.values()] if isinstance(value, dict) else value
            stack.extend((item, depth + 1) for item in items)


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
    """Write the draft's files into ``directory``, once they make a valid catalog.

    An existing directory is refused unless ``force``. The files are first checked in a scratch
    directory, so a source that makes an invalid catalog (a prerequisite cycle, two names alike,
    a number out of range) is one error naming the source, and nothing is written.
    """
    if directory.exists() and not force:
        raise CertpathError(f"{directory}: already exists; give a new directory, or --force to "
                            "write the catalog files into it")
    if directory.exists() and not directory.is_dir():
        raise CertpathError(f"{directory}: exists and is not a directory")
    header = _HEADER.format(source=source, file=origin.name, directory=directory)
    texts = _render(draft, header)
    _check(texts, str(origin))
    return _write(directory, texts)


def _render(draft: Draft, header: str) -> dict[str, bytes]:
    import yaml
    return {f"{stem}.yaml": (header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True,
                                                     width=100)).encode("utf-8")
            for stem, data in draft.files().items()}


def _check(texts: dict[str, bytes], origin: str) -> None:
    """Validate the catalog files in a scratch directory; an error names the source file."""
    import tempfile

    from certpath.catalog import validate_catalog
    from certpath.files import write_atomic
    with tempfile.TemporaryDirectory(prefix="certpath-import-") as scratch:
        for name, data in texts.items():
            write_atomic(Path(scratch) / name, data, durable=False)
        errors = [f for f in validate_catalog([Path(scratch)], builtin=False).findings
                  if f.severity == "error"]
    if errors:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise CatalogError([Finding(origin, 0, 0, "error", "the catalog it makes would not be "
                                    f"valid, so nothing was written: {errors[0].message}{more}")])


def _write(directory: Path, texts: dict[str, bytes]) -> list[Path]:
    from certpath.files import make_parent, write_outputs
    outputs = [(directory / name, data) for name, data in texts.items()]
    make_parent(outputs[0][0])
    write_outputs(outputs)
    return [target for target, _ in outputs]
