"""Team spreadsheets: CSV and real XLSX files in both shapes, and every problem at its row and column."""

from __future__ import annotations

import datetime as dt
import os
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from certpath.catalog import Catalog
from certpath.errors import CertpathError, InputError, TeamError
from certpath.sheetfile import merged_ranges
from certpath.team import Holding, TeamMember, load_team
from certpath.teamsheet import parse_columns

TODAY = dt.date(2025, 1, 6)


def csv_file(tmp_path: Path, text: str, *, encoding: str = "utf-8", name: str = "team.csv") -> Path:
    """Write a CSV file as a spreadsheet application would."""
    path = tmp_path / name
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    return path


def test_people_rows_excel_style(small: Catalog, tmp_path: Path) -> None:
    """One row per person: a UTF-8 BOM, ';' between columns, headings matched loosely."""
    path = csv_file(tmp_path, "Employee Name;Job Title;Hours per week;Certs\n"
                              "Ana;SRE;10;Cloud Basics:2024-05-01, assoc-a\n"
                              "Bo;;;\n", encoding="utf-8-sig")
    team = load_team(path, small, today=TODAY, hours_per_week=4)
    assert team.members == (
        TeamMember("Ana", "sre", ("basics", "assoc-a"), 10.0, None,
                   (Holding("basics", dt.date(2024, 5, 1)), Holding("assoc-a", None))),
        TeamMember("Bo", None, (), 4.0, None, ()),
    )


def test_holding_rows(small: Catalog, tmp_path: Path) -> None:
    """One row per holding: a person's rows are merged, with their issue and expiry dates."""
    path = csv_file(tmp_path, "Person,Role,Certification,Issued,Expires\n"
                              "Ana,sre,basics,2024-05-01,\n"
                              "Bo,,assoc-b,2023-02-01,2026-02-01\n"
                              "Ana,,Associate A,,2025-12-31\n")
    team = load_team(path, small, today=TODAY, hours_per_week=5)
    assert [(m.name, m.role, m.held) for m in team.members] == [
        ("Ana", "sre", (Holding("basics", dt.date(2024, 5, 1)),
                        Holding("assoc-a", None, dt.date(2025, 12, 31)))),
        ("Bo", None, (Holding("assoc-b", dt.date(2023, 2, 1), dt.date(2026, 2, 1)),)),
    ]


def test_real_xlsx(small: Catalog, tmp_path: Path) -> None:
    """An XLSX workbook with date cells and number cells reads like the CSV."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Role", "Certification", "Issued", "Expires"])
    sheet.append(["Ana", "sre", "basics", dt.datetime(2024, 5, 1), None])
    sheet.append(["Ana", None, "assoc-b", "2024-06-01", dt.date(2026, 6, 1)])
    sheet.append([None, None, None, None, None])
    sheet.append(["Bo", "SRE", None, None, None])
    path = tmp_path / "team.xlsx"
    book.save(path)
    team = load_team(path, small, today=TODAY, hours_per_week=5)
    assert [(m.name, m.role, m.held) for m in team.members] == [
        ("Ana", "sre", (Holding("basics", dt.date(2024, 5, 1)),
                        Holding("assoc-b", dt.date(2024, 6, 1), dt.date(2026, 6, 1)))),
        ("Bo", "sre", ()),
    ]


def test_a_field_headed_twice_is_an_error(small: Catalog, tmp_path: Path) -> None:
    """Two columns for one field are an error at the second: only one would be read."""
    path = csv_file(tmp_path, "Name,Certification,Certification\nAna,basics,assoc-b\n")
    with pytest.raises(TeamError) as caught:
        load_team(path, small, today=TODAY, hours_per_week=5)
    assert [(f.line, f.column, f.message) for f in caught.value.findings] == [
        (1, 3, "column C (Certification) is a second column for certification, after column B "
               "(Certification); give one, or map one: --columns certification=HEADING")]


def test_two_default_headings_for_a_field_need_a_mapping(small: Catalog, tmp_path: Path) -> None:
    """'Name' and 'Employee name' both name people: an error, until --columns picks one."""
    path = csv_file(tmp_path, "Name,Employee name,Certification\nAna,Ana Silva,basics\n")
    with pytest.raises(TeamError) as caught:
        load_team(path, small, today=TODAY, hours_per_week=5)
    assert [(f.line, f.column) for f in caught.value.findings] == [(1, 2)]
    team = load_team(path, small, today=TODAY, hours_per_week=5,
                     columns={"name": "Employee name"})
    assert [(m.name, m.held) for m in team.members] == [
        ("Ana Silva", (Holding("basics", None),))]


def test_xlsx_merged_name_over_holding_rows(small: Catalog, tmp_path: Path) -> None:
    """A name merged over a person's holding rows names each row, as the spreadsheet shows it."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Role", "Certification", "Issued"])
    sheet.append(["Ana", "sre", "basics", "2024-05-01"])
    sheet.append([None, None, "assoc-b", "2024-06-01"])
    sheet.append([None, None, "assoc-a", None])
    sheet.append(["Bo", None, "basics", None])
    sheet.merge_cells("A2:A4")  # Ana over her three rows; openpyxl keeps "Ana" in A2 only
    sheet.merge_cells("B2:B4")
    path = tmp_path / "team.xlsx"
    book.save(path)
    team = load_team(path, small, today=TODAY, hours_per_week=5)
    assert [(m.name, m.role, m.held) for m in team.members] == [
        ("Ana", "sre", (Holding("basics", dt.date(2024, 5, 1)),
                        Holding("assoc-b", dt.date(2024, 6, 1)), Holding("assoc-a", None))),
        ("Bo", None, (Holding("basics", None),)),
    ]


def test_xlsx_merged_name_over_person_rows(small: Catalog, tmp_path: Path) -> None:
    """In a sheet of a row per person, a name merged over two rows is one person on two rows."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Certifications"])
    sheet.append(["Ana", "basics"])
    sheet.append([None, "assoc-b"])
    sheet.merge_cells("A2:A3")
    path = tmp_path / "team.xlsx"
    book.save(path)
    with pytest.raises(TeamError) as caught:
        load_team(path, small, today=TODAY, hours_per_week=5)
    assert [(f.line, f.column, f.message) for f in caught.value.findings] == [
        (3, 1, "row 3, column A (Name): 'Ana' is on row 2 too; give each person one row")]


def test_merged_ranges_per_worksheet(tmp_path: Path) -> None:
    """Merged ranges are read from each worksheet's part, in the workbook's order of sheets."""
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "Notes"
    notes.merge_cells("A1:C1")  # columns 1-3 of row 1
    team = book.create_sheet("Team")
    team.merge_cells("A2:A4")  # column 1, rows 2-4
    team.merge_cells("B10:D12")
    book.create_sheet("Empty")
    path = tmp_path / "team.xlsx"
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        assert merged_ranges(archive) == [[(1, 1, 3, 1)], [(1, 2, 1, 4), (2, 10, 4, 12)], []]


def test_every_problem_with_row_and_column(small: Catalog, tmp_path: Path) -> None:
    """Unknown certifications, duplicate people and bad dates: each at its row and column, none kept."""
    path = csv_file(tmp_path, "Name,Role,Certifications\n"
                              "Ana,sre,basics:2024-05-01\n"
                              "Bo,sre,nope\n"
                              "Ana,sre,\n"
                              "Cy,sre,basics:2024-02-30; assoc-a:01/02/2024\n"
                              "Di,sre,assoc-b:2025-06-01\n")
    with pytest.raises(TeamError) as caught:
        load_team(path, small, today=TODAY, hours_per_week=5)
    found = [(f.line, f.column, f.message) for f in caught.value.findings]
    assert found == [
        (3, 3, "row 3, column C (Certifications): unknown certification 'nope'; "
               "'certpath tracks' lists them"),
        (4, 1, "row 4, column A (Name): 'Ana' is on row 2 too; give each person one row"),
        (5, 3, "row 5, column C (Certifications): the date 'assoc-a' was issued: '01/02/2024' "
               "is not a date; write it as YYYY-MM-DD"),
        (5, 3, "row 5, column C (Certifications): the date 'basics' was issued: 2024-02-30 "
               "is not a real date"),
        (6, 3, "row 6, column C (Certifications): the date 'assoc-b' was issued: 2025-06-01 "
               "is after today (2025-01-06); a certification is held from the day it was issued"),
    ]


def test_holding_rows_disagreeing(small: Catalog, tmp_path: Path) -> None:
    """A person whose rows give two roles, or an expiry before the issue, is an error there."""
    path = csv_file(tmp_path, "Name,Role,Certification,Issued,Expires\n"
                              "Ana,sre,basics,2024-05-01,2024-04-01\n"
                              "Ana,intern,assoc-a,,\n")
    with pytest.raises(TeamError) as caught:
        load_team(path, small, today=TODAY, hours_per_week=5)
    assert [(f.line, f.column) for f in caught.value.findings] == [(2, 5), (3, 2)]
    assert "not after it was issued" in caught.value.findings[0].message
    assert "'Ana' has role 'sre' on row 2; give one" in caught.value.findings[1].message


def test_column_mapping(small: Catalog, tmp_path: Path) -> None:
    """--columns maps fields to headings; a heading that is not there is named with the real ones."""
    path = csv_file(tmp_path, "Who,Badges,Name\nAna,basics,ignored\n")
    team = load_team(path, small, today=TODAY,
                     columns=parse_columns("name=who, certifications=Badges"))
    assert [(m.name, m.have) for m in team.members] == [("Ana", ("basics",))]
    with pytest.raises(TeamError, match="no column is headed 'Staff' .for name.; the headings "
                                        "are: Who, Badges, Name"):
        load_team(path, small, today=TODAY, columns={"name": "Staff"})
    with pytest.raises(InputError, match="unknown field 'colour'"):
        parse_columns("colour=Red")


def test_team_file_names_a_sheet(small: Catalog, tmp_path: Path) -> None:
    """A team file points at a spreadsheet beside it, maps its columns and adds its own settings."""
    csv_file(tmp_path, "Staff,Job\nAna,sre\n", name="people.csv")
    (tmp_path / "team.yaml").write_text(
        "name: T\nhours_per_week: 3\nsheet: people.csv\ncolumns: {name: Staff, role: Job}\n"
        "goals:\n  - {at_least: 1, hold: expert, by: 2025-12-31}\n", encoding="utf-8")
    team = load_team(tmp_path / "team.yaml", small, today=TODAY)
    assert [(m.name, m.role, m.hours_per_week) for m in team.members] == [("Ana", "sre", 3.0)]
    assert [g.cert for g in team.goals] == ["expert"]


def test_xlsx_without_the_extra(small: Catalog, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Without openpyxl, an XLSX gets one line naming the extra to install."""
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl now raises ImportError
    path = tmp_path / "team.xlsx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(CertpathError, match=r"pip install 'certpath\[xlsx\]'"):
        load_team(path, small, today=TODAY)


@pytest.mark.parametrize("data", [b"", b"not a zip", b"PK\x03\x04" + b"\0" * 64])
def test_not_a_workbook(small: Catalog, tmp_path: Path, data: bytes) -> None:
    """A file named .xlsx that is not a workbook is one clear error, not a traceback."""
    path = tmp_path / "team.xlsx"
    path.write_bytes(data)
    with pytest.raises(TeamError, match="not a readable XLSX workbook"):
        load_team(path, small, today=TODAY)


@pytest.mark.parametrize(("data", "message"), [
    (b"", "the spreadsheet is empty"),
    (b"Name,Role\n", "headings but no rows"),
    (b"Role\nsre\n", "no column of names"),
    (b"Name,Certification,Certifications\nA,basics,\n", "map only one"),
    (b"Name\n\xff\xfe\n", "not UTF-8"),
    (b"Name,Hours\nA,lots\n", "'lots' is not a number of hours"),
])
def test_bad_csv(small: Catalog, tmp_path: Path, data: bytes, message: str) -> None:
    """A CSV that cannot be used says why in one line."""
    path = tmp_path / "team.csv"
    path.write_bytes(data)
    with pytest.raises(TeamError, match=message):
        load_team(path, small, today=TODAY, hours_per_week=5)


def test_rfc4180_quoting(small: Catalog, tmp_path: Path) -> None:
    """Quoted fields per RFC 4180: commas, doubled quotes and line breaks inside a field."""
    # RFC 4180 section 2: fields with commas, double quotes or line breaks are enclosed in
    # double quotes, a double quote inside is doubled, and lines end in CRLF.
    data = (b'Name,Certifications\r\n'
            b'"Lee, ""Sam""","basics:2024-05-01\r\nassoc-b"\r\n'
            b'Ana,"assoc-a, basics"\r\n')
    path = tmp_path / "team.csv"
    path.write_bytes(data)
    team = load_team(path, small, today=TODAY)
    assert [(m.name, m.have) for m in team.members] == [
        ('Lee, "Sam"', ("basics", "assoc-b")), ("Ana", ("assoc-a", "basics"))]


def test_not_a_regular_file(small: Catalog, tmp_path: Path) -> None:
    """A FIFO or a directory named as the team is refused at once (a FIFO would wait forever)."""
    fifo = tmp_path / "team.csv"
    os.mkfifo(fifo)
    folder = tmp_path / "team.xlsx"
    folder.mkdir()
    for path in (fifo, folder):
        with pytest.raises(TeamError, match="not a regular file"):
            load_team(path, small, today=TODAY, hours_per_week=5)


def test_zip_bomb_is_refused(small: Catalog, tmp_path: Path) -> None:
    """A workbook whose sheet unpacks to far more than any team is refused before it is read."""
    openpyxl.Workbook().save(tmp_path / "base.xlsx")
    path = tmp_path / "team.xlsx"
    with zipfile.ZipFile(tmp_path / "base.xlsx") as base, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for part in base.infolist():
            data = base.read(part.filename)
            if part.filename == "xl/worksheets/sheet1.xml":  # 120 MB of one row, padded
                data = data.replace(b"<sheetData></sheetData>", b"<sheetData>" + b" " * (120 << 20)
                                    + b'<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t>'
                                    b"</is></c></row></sheetData>")
            bomb.writestr(part.filename, data)
    assert path.stat().st_size < 1 << 20
    with pytest.raises(TeamError, match="unpacks to more than 100 MB"):
        load_team(path, small, today=TODAY, hours_per_week=5)


def test_workbook_as_people_save_it(small: Catalog, tmp_path: Path) -> None:
    """A sheet of notes first, day numbers in date columns, and a formula never computed."""
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["Team list, exported from HR"])
    sheet = book.create_sheet("Team")
    sheet.append(["Name", "Certification", "Issued", "Hours"])
    # Day numbers of the 1900 date system: 45292 is 2024-01-01 (1899-12-30 + 45292 days), so
    # 45413 is 121 days later (31 + 29 + 31 + 30): 2024-05-01.
    sheet.append(["Ana", "basics", 45413, 5])
    sheet.append(["Bo", "assoc-b", 45292, 5])
    path = tmp_path / "team.xlsx"
    book.save(path)
    team = load_team(path, small, today=TODAY)
    assert [(m.name, m.held) for m in team.members] == [
        ("Ana", (Holding("basics", dt.date(2024, 5, 1)),)),
        ("Bo", (Holding("assoc-b", dt.date(2024, 1, 1)),))]
    sheet["D3"] = "=2+3"  # openpyxl writes the formula but no value: none was ever computed
    book.save(path)
    with pytest.raises(TeamError, match=r"row 3, column D \(Hours\): the formula '=2\+3' has "
                                        "no saved value"):
        load_team(path, small, today=TODAY)


def test_a_missing_heading_among_thousands(small: Catalog, tmp_path: Path) -> None:
    """A mapped heading not found in a sheet of 5000 columns names a dozen, not all 5000."""
    headings = [f"h{i}" for i in range(5000)]
    path = csv_file(tmp_path, ",".join(headings) + "\n" + ",".join("x" * 5000) + "\n")
    with pytest.raises(TeamError) as caught:
        load_team(path, small, today=TODAY, columns={"name": "Staff"})
    message = str(caught.value)
    assert "the headings are: h0, h1, h2, h3, h4, h5, h6, h7, h8, h9, h10, h11 and 4988 more" \
        in message
    assert len(message) < 400
