"""A team spreadsheet's file, read into rows of cells: CSV, or every worksheet of an XLSX workbook.

What the rows mean (headings, people, holdings) is teamsheet's job; this module only reads the
file, within its limits, and reports a file that is not a table at all as a TeamError. CSV is read
with the standard library; XLSX with openpyxl, an optional extra imported only here.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from certpath.errors import CertpathError, Finding, TeamError

Rows = list[tuple[int, list[Any]]]
"""A table's rows, each with its number in the file (from 1) and its cells."""
EPOCH_1900 = dt.date(1899, 12, 30)
"""Day 0 of a workbook's date numbers in the 1900 date system (and what a CSV is read with)."""

MAX_BYTES = 20 * 1024 * 1024
"""A team spreadsheet larger than this is refused (an HR export of thousands of rows is far less)."""
MAX_UNZIPPED = 5 * MAX_BYTES
"""An XLSX workbook whose parts unpack to more than this is refused (a zip bomb, not a team)."""

XLSX_HINT = "reading XLSX needs the xlsx extra: pip install 'certpath[xlsx]'"

def read_tables(path: Path) -> tuple[list[Rows], dt.date]:
    """Return the tables of a spreadsheet (one per worksheet; a CSV file has one), and the day its
    date numbers count from."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _xlsx_sheets(path)
    return [_csv_rows(path)], EPOCH_1900


def _read(path: Path) -> bytes:
    try:
        if path.exists() and not path.is_file():  # a FIFO would wait forever, a directory fails
            raise TeamError([Finding(str(path), 0, 0, "error", "not a regular file")])
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise TeamError([Finding(str(path), 0, 0, "error", "no such file")]) from None
    except OSError as exc:
        raise TeamError([Finding(str(path), 0, 0, "error",
                                 f"cannot read: {exc.strerror or exc}")]) from None
    if len(data) > MAX_BYTES:
        raise TeamError([Finding(str(path), 0, 0, "error", f"larger than {MAX_BYTES >> 20} MB; "
                                 "is this a team spreadsheet?")])
    return data


def _csv_rows(path: Path) -> Rows:
    data = _read(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TeamError([Finding(str(path), 0, 0, "error", f"not UTF-8 text (byte {exc.start}); "
                                 "save the spreadsheet as 'CSV UTF-8'")]) from None
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)  # Excel writes ';' where ',' is the decimal mark
    try:
        return [(i, row) for i, row in enumerate(csv.reader(io.StringIO(text, newline=""),
                                                            delimiter=delimiter), start=1)]
    except csv.Error as exc:
        raise TeamError([Finding(str(path), 0, 0, "error", f"not a readable CSV file: {exc}")]) \
            from None


@dataclass(frozen=True)
class Formula:
    """An XLSX cell holding a formula whose value was never saved (written by a program)."""

    text: str

    def __str__(self) -> str:
        return self.text


def _xlsx_sheets(path: Path) -> tuple[list[Rows], dt.date]:
    """Return the rows of every worksheet, and the day the workbook's date numbers count from."""
    try:
        import openpyxl
    except ImportError:
        raise CertpathError(f"{path}: {XLSX_HINT}") from None
    import zipfile
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from openpyxl.utils.exceptions import InvalidFileException

    data = _read(path)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(part.file_size for part in archive.infolist())
        if unpacked > MAX_UNZIPPED:
            raise TeamError([Finding(str(path), 0, 0, "error", f"unpacks to more than "
                                     f"{MAX_UNZIPPED >> 20} MB; is this a team spreadsheet?")])
        values = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        try:
            epoch = values.epoch.date()
            sheets = [_merge_values(saved, written) for saved, written
                      in zip(values.worksheets, formulas.worksheets, strict=False)]
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for rows, merged in zip(sheets, merged_ranges(archive), strict=False):
                    _spread(rows, merged)
        finally:
            values.close()
            formulas.close()
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError,
            IndexError, OSError, EOFError, ParseError, DefusedXmlException) as exc:
        # what openpyxl (and the XML parser, for merged cells) raise for a non-workbook
        raise TeamError([Finding(str(path), 0, 0, "error",
                                 f"not a readable XLSX workbook ({type(exc).__name__})")]) from None
    return sheets, epoch


def _merge_values(values: Any, formulas: Any) -> Rows:
    """Rows of saved values; a formula with no saved value becomes a Formula, to be reported."""
    rows: Rows = []
    for number, (saved, written) in enumerate(zip(values.iter_rows(values_only=True),
                                                  formulas.iter_rows(values_only=True),
                                                  strict=False), start=1):
        rows.append((number, [Formula(w) if v is None and isinstance(w, str) and
                              w.startswith("=") else v
                              for v, w in zip(saved, written, strict=False)]))
    return rows


Box = tuple[int, int, int, int]
"""A merged range of cells: first column, first row, last column, last row (from 1)."""
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


def merged_ranges(archive: Any) -> list[list[Box]]:
    """Return the merged ranges of each worksheet of an XLSX archive, in the workbook's order.

    openpyxl's read-only worksheets do not keep them, so they are read from the parts as
    ECMA-376 lays them out: the package's relationships name the workbook, the workbook lists
    its sheets in order (each through a relationship to its part), and a worksheet ends with
    ``<mergeCells><mergeCell ref="A2:A4"/>...``. The XML is parsed with defusedxml (no entities).
    """
    from defusedxml.ElementTree import fromstring

    def targets(part: str) -> dict[str, tuple[str, str]]:
        folder, _, name = part.rpartition("/")
        rels = f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"
        found = {}
        for rel in fromstring(archive.read(rels)).iter(_RELS):
            target = rel.get("Target", "")
            target = target.lstrip("/") if target.startswith("/") else \
                "/".join(p for p in (folder, target) if p)
            found[rel.get("Id", "")] = (rel.get("Type", ""), target)
        return found

    book = next((t for kind, t in targets("").values() if kind.endswith("/officeDocument")), None)
    if book is None:
        return []
    parts = targets(book)
    sheets = [parts[_attr(sheet, "id")][1] for sheet in fromstring(archive.read(book)).iter()
              if _local(sheet.tag) == "sheet"
              and parts.get(_attr(sheet, "id"), ("", ""))[0].endswith("/worksheet")]
    return [_merged_in(archive, part) for part in sheets]


def _merged_in(archive: Any, part: str) -> list[Box]:
    """The merged ranges of one worksheet part, read as a stream (a sheet may be large)."""
    from defusedxml.ElementTree import iterparse
    from openpyxl.utils.cell import range_boundaries

    boxes: list[Box] = []
    with archive.open(part) as stream:
        for _, element in iterparse(stream):
            name = _local(element.tag)
            if name == "mergeCell":
                first_col, first_row, last_col, last_row = range_boundaries(element.get("ref", ""))
                if None not in (first_col, first_row, last_col, last_row):
                    boxes.append((first_col or 0, first_row or 0, last_col or 0, last_row or 0))
            if name in ("row", "mergeCell"):
                element.clear()  # keep memory flat over a long sheet
    return boxes


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _attr(element: Any, name: str) -> str:
    """An attribute by its local name (``r:id`` is namespaced)."""
    return next((v for k, v in element.attrib.items() if _local(k) == name), "")


def _spread(rows: Rows, merged: list[Box]) -> None:
    """Give a merged range's value to every cell it covers, as the spreadsheet shows it: a name
    merged over a person's several rows names each row (openpyxl gives it to the top-left only)."""
    for first_col, first_row, last_col, last_row in merged:
        if first_row > len(rows):
            continue
        top = rows[first_row - 1][1]
        value = top[first_col - 1] if first_col <= len(top) else None
        for number in range(first_row, min(last_row, len(rows)) + 1):
            cells = rows[number - 1][1]
            cells.extend([None] * (last_col - len(cells)))
            for col in range(first_col, last_col + 1):
                cells[col - 1] = value
