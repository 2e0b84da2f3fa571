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
        finally:
            values.close()
            formulas.close()
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError,
            IndexError, OSError, EOFError) as exc:  # what openpyxl raises for a non-workbook
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
