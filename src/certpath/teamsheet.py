"""Team spreadsheets (CSV, XLSX): rows of people or rows of holdings, read into draft members.

Two shapes are common in HR exports. One row per person, with a column of certifications, each
optionally with the date it was issued (``cka:2024-05-01; ckad``); and one row per holding
(person, certification, issued, expires). Columns are found by their headings through a small
mapping (the defaults match common headings; ``--columns`` or a team file's ``columns`` changes
it). Every problem is reported with its row and column, and a file with any problem gives no
members at all: nothing is planned from half a file. Reading the file itself (CSV, XLSX, their
limits) is sheetfile's job.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from certpath.dates import date_shaped, iso_date
from certpath.errors import Finding, InputError, TeamError
from certpath.names import normalize_name
from certpath.sheetfile import MAX_BYTES, Formula, read_tables

FIELDS = ("name", "role", "target", "hours_per_week", "certifications", "certification", "issued",
          "expires")
DEFAULT_HEADINGS: Mapping[str, tuple[str, ...]] = {
    "name": ("name", "person", "member", "employee", "full name", "employee name", "member name"),
    "role": ("role", "job", "job title", "position", "title"),
    "target": ("target", "target certification", "goal"),
    "hours_per_week": ("hours per week", "hours/week", "hours a week", "weekly hours",
                       "study hours per week", "hours"),
    "certifications": ("certifications", "certs", "certificates", "credentials", "held"),
    "certification": ("certification", "cert", "certificate", "credential",
                      "certification name"),
    "issued": ("issued", "issue date", "issued on", "date issued", "earned", "date earned",
               "obtained", "date obtained", "awarded"),
    "expires": ("expires", "expiry", "expiry date", "expiration", "expiration date", "expires on",
                "valid until", "valid to"),
}


@dataclass(frozen=True)
class Spot:
    """Where a value stands (file, line or row, column), to report a problem there."""

    file: str
    line: int
    column: int
    label: str = ""  # e.g. "row 3, column B (Certifications): "

    def error(self, message: str) -> Finding:
        """Return an error at this spot."""
        return Finding(self.file, self.line, self.column, "error", self.label + message)


@dataclass(frozen=True)
class DraftHolding:
    """A certification someone holds, as written, with its dates."""

    cert: str
    issued: dt.date | None
    expires: dt.date | None
    spot: Spot


@dataclass
class Draft:
    """A member as read from a file, before names are resolved against the catalog."""

    name: str
    spot: Spot
    role: str | None = None
    target: str | None = None
    hours_per_week: float | None = None
    held: list[DraftHolding] = field(default_factory=list)
    spots: dict[str, Spot] = field(default_factory=dict)  # field -> where it was written


def parse_columns(text: str) -> dict[str, str]:
    """Parse ``--columns field=Heading,...`` into a mapping of field to heading."""
    mapping: dict[str, str] = {}
    for part in (p for p in text.split(",") if p.strip()):
        key, sep, heading = part.partition("=")
        key = key.strip().replace("-", "_")
        if not sep or not heading.strip():
            raise InputError(f"--columns: {part.strip()!r} is not FIELD=Heading")
        if key not in FIELDS:
            raise InputError(f"--columns: unknown field {key!r}; fields: {', '.join(FIELDS)}")
        mapping[key] = heading.strip()
    return mapping


def parse_held(text: str, spot: Spot, *, today: dt.date, problems: list[Finding]) \
        -> list[DraftHolding]:
    """Split a cell like ``cka:2024-05-01; ckad`` into holdings (separated by ; , or new lines)."""
    held: list[DraftHolding] = []
    for part in (p.strip() for p in re.split(r"[;,\n]", text)):
        if not part:
            continue
        name, issued = part, None
        head, sep, tail = part.rpartition(":")
        if sep and tail.strip()[:1].isdigit():  # "name: Bar" keeps its colon; "x:2024-..." is a date
            name = head.strip()
            issued = _date(tail.strip(), spot, problems, what=f"the date {name!r} was issued",
                           today=today)
        held.append(DraftHolding(name, issued, None, spot))
    return held


def read_sheet(path: Path, *, columns: Mapping[str, str] | None = None, today: dt.date,
               problems: list[Finding]) -> list[Draft]:
    """Read a CSV or XLSX team spreadsheet into draft members, adding each problem to ``problems``.

    A file that cannot be read as a table at all raises TeamError.
    """
    source = str(path)
    sheets, epoch = read_tables(path)
    tables = [[(number, cells) for number, cells in rows if any(_text(c) for c in cells)]
              for rows in sheets]
    tables = [t for t in tables if t] or [[]]
    # A workbook may open on a sheet of notes: the team is on the first sheet with a name column.
    table = next((t for t in tables if t and _names_column(t[0][1], columns or {})), tables[0])
    if not table:
        raise TeamError([Finding(source, 0, 0, "error", "the spreadsheet is empty; expected a "
                                 "row of headings, then one row per person or per holding")])
    header_row, cells = table[0]
    header = [_text(c) for c in cells]
    heading_problems: list[Finding] = []
    where = _map_headings(source, header_row, header, columns or {}, heading_problems)
    if heading_problems:
        raise TeamError(heading_problems)
    reader = _Rows(source, header, where, today=today, epoch=epoch, problems=problems)
    drafts = reader.holdings(table[1:]) if "certification" in where else reader.people(table[1:])
    if not drafts:
        raise TeamError([*problems, Finding(source, header_row, 1, "error", "the spreadsheet "
                                            "has headings but no rows of people")])
    return drafts


def _names_column(header: Sequence[Any], given: Mapping[str, str]) -> bool:
    """Whether a heading row has a column of names (by the given heading, or a default one)."""
    folded = {normalize_name(_text(h)) for h in header}
    return (normalize_name(given["name"]) in folded if "name" in given
            else bool(folded & set(DEFAULT_HEADINGS["name"])))


def _some(headings: Iterable[str], shown: int = 12) -> str:
    """List a few headings (a sheet may have thousands of columns), saying how many are left."""
    every = [h[:40] for h in headings]
    rest = len(every) - shown
    return ", ".join(every[:shown]) + (f" and {rest} more" if rest > 0 else "")


def _map_headings(source: str, row: int, header: list[str], given: Mapping[str, str],
                  problems: list[Finding]) -> dict[str, int]:
    """Return the column index of each field, from the given headings or the defaults."""
    folded = [normalize_name(h) for h in header]
    where: dict[str, int] = {}
    for name in FIELDS:
        if name in given:
            wanted = normalize_name(given[name])
            if wanted not in folded:
                problems.append(Finding(source, row, 1, "error", f"no column is headed "
                                        f"{given[name]!r} (for {name}); the headings are: "
                                        f"{_some(h for h in header if h)}"))
                continue
            matches = [i for i, h in enumerate(folded) if h == wanted]
        else:
            matches = [i for i, h in enumerate(folded) if h in DEFAULT_HEADINGS[name]
                       and i not in where.values()]
        if matches:
            where[name] = matches[0]
        for other in matches[1:]:  # only one would be read: the rest of the file would be lost
            problems.append(Finding(source, row, other + 1, "error", f"column {_letter(other + 1)}"
                                    f" ({header[other]}) is a second column for {name}, after "
                                    f"column {_letter(matches[0] + 1)} ({header[matches[0]]}); "
                                    f"give one, or map one: --columns {name}=HEADING"))
    if "name" not in where and not problems:
        problems.append(Finding(source, row, 1, "error", "no column of names: head one 'Name' "
                                "(or map it: --columns name=HEADING)"))
    if "certification" in where and "certifications" in where:
        problems.append(Finding(source, row, where["certifications"] + 1, "error",
                                "both a 'certification' column (one row per holding) and a "
                                "'certifications' column (one row per person); map only one"))
    return where


class _Rows:
    """Turn data rows into drafts, recording every problem with its row and column."""

    def __init__(self, source: str, header: list[str], where: dict[str, int], *,
                 today: dt.date, epoch: dt.date, problems: list[Finding]) -> None:
        self.source, self.header, self.where = source, header, where
        self.today, self.problems = today, problems
        self.epoch = epoch  # day 0 of the workbook's date numbers

    def spot(self, row: int, name: str) -> Spot:
        column = self.where[name] + 1
        return Spot(self.source, row, column,
                    f"row {row}, column {_letter(column)} ({self.header[column - 1]}): ")

    def value(self, row: int, cells: Sequence[Any], name: str) -> Any:
        index = self.where.get(name)
        if index is None or index >= len(cells):
            return None
        value = cells[index]
        if isinstance(value, Formula):
            self.problems.append(self.spot(row, name).error(
                f"the formula {value.text!r} has no saved value; open the workbook in a "
                "spreadsheet application and save it, or type the value"))
            return None
        return None if _text(value) == "" else value

    def person(self, row: int, cells: Sequence[Any]) -> Draft | None:
        name = self.value(row, cells, "name")
        if name is None:
            self.problems.append(self.spot(row, "name").error("no name"))
            return None
        draft = Draft(_text(name), self.spot(row, "name"))
        for key in ("role", "target"):
            value = self.value(row, cells, key)
            if value is not None:
                setattr(draft, key, _text(value))
                draft.spots[key] = self.spot(row, key)
        hours = self.value(row, cells, "hours_per_week")
        if hours is not None:
            draft.spots["hours_per_week"] = spot = self.spot(row, "hours_per_week")
            draft.hours_per_week = _hours(hours, spot, self.problems)
        return draft

    def people(self, rows: Iterable[tuple[int, Sequence[Any]]]) -> list[Draft]:
        drafts: dict[str, Draft] = {}
        for row, cells in rows:
            draft = self.person(row, cells)
            if draft is None:
                continue
            if draft.name in drafts:
                first = drafts[draft.name].spot.line
                self.problems.append(draft.spot.error(f"{draft.name!r} is on row {first} too; "
                                                      "give each person one row"))
                continue
            held = self.value(row, cells, "certifications")
            if held is not None:
                draft.held = parse_held(_text(held), self.spot(row, "certifications"),
                                        today=self.today, problems=self.problems)
            drafts[draft.name] = draft
        return list(drafts.values())

    def holdings(self, rows: Iterable[tuple[int, Sequence[Any]]]) -> list[Draft]:
        drafts: dict[str, Draft] = {}
        for row, cells in rows:
            draft = self.person(row, cells)
            if draft is None:
                continue
            known = drafts.setdefault(draft.name, draft)
            if known is not draft:
                self._agree(known, draft)
            cert = self.value(row, cells, "certification")
            if cert is None:
                continue  # a person listed with nothing held
            spot = self.spot(row, "certification")
            issued = self._cell_date(row, cells, "issued")
            expires = self._cell_date(row, cells, "expires")
            if issued and expires and expires <= issued:
                self.problems.append(self.spot(row, "expires").error(
                    f"expires on {expires.isoformat()}, not after it was issued "
                    f"({issued.isoformat()})"))
            known.held.append(DraftHolding(_text(cert), issued, expires, spot))
        return list(drafts.values())

    def _agree(self, known: Draft, again: Draft) -> None:
        """A person on several rows: the role, target and hours must not contradict each other."""
        for key in ("role", "target", "hours_per_week"):
            before, now = getattr(known, key), getattr(again, key)
            if now is None:
                continue
            if before is None:
                setattr(known, key, now)
                known.spots[key] = again.spots[key]
            elif before != now:
                self.problems.append(again.spots[key].error(
                    f"{known.name!r} has {key.replace('_', ' ')} {before!r} on row "
                    f"{known.spots[key].line}; give one"))

    def _cell_date(self, row: int, cells: Sequence[Any], name: str) -> dt.date | None:
        value = self.value(row, cells, name)
        if value is None:
            return None
        spot = self.spot(row, name)
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, (int, float)) and not isinstance(value, bool) \
                and 0 < value < 2958466:  # a date cell without a date format: its day number
            value = self.epoch + dt.timedelta(days=int(value))
        if isinstance(value, dt.date):
            return _check_future(value, spot, self.problems, what=name, today=self.today)
        return _date(_text(value), spot, self.problems, what=name, today=self.today)


def _date(text: str, spot: Spot, problems: list[Finding], *, what: str,
          today: dt.date) -> dt.date | None:
    if not date_shaped(text):
        problems.append(spot.error(f"{what}: {text!r} is not a date; write it as YYYY-MM-DD"))
        return None
    try:
        day = iso_date(text)
    except ValueError:  # the shape of a date, but no such day (2024-02-30)
        problems.append(spot.error(f"{what}: {text} is not a real date"))
        return None
    return _check_future(day, spot, problems, what=what, today=today)


def _check_future(day: dt.date, spot: Spot, problems: list[Finding], *, what: str,
                  today: dt.date) -> dt.date | None:
    if what != "expires" and day > today:
        problems.append(spot.error(f"{what}: {day.isoformat()} is after today "
                                   f"({today.isoformat()}); a certification is held from the "
                                   "day it was issued"))
        return None
    return day


def _hours(value: Any, spot: Spot, problems: list[Finding]) -> float | None:
    from certpath.model import MAX_HOURS_PER_WEEK, MIN_HOURS_PER_WEEK
    try:
        hours = float(value) if not isinstance(value, bool) else float("nan")
    except (TypeError, ValueError):
        hours = float("nan")
    if not MIN_HOURS_PER_WEEK <= hours <= MAX_HOURS_PER_WEEK:  # also false for NaN
        problems.append(spot.error(f"{_text(value)!r} is not a number of hours from "
                                   f"{MIN_HOURS_PER_WEEK:g} to {MAX_HOURS_PER_WEEK}"))
        return None
    return hours


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _letter(column: int) -> str:
    """Return a spreadsheet column's letters: 1 -> A, 27 -> AA."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


__all__ = ["FIELDS", "MAX_BYTES", "Draft", "DraftHolding", "Spot", "parse_columns", "parse_held",
           "read_sheet"]
