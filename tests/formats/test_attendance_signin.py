"""Sign-in sheets: CSV in Windows-1252 or UTF-8, and XLSX."""

import codecs

import openpyxl
import pytest

from pipelines.formats.attendance import parse_attendance
from pipelines.formats.attendance_records import RECORD_COLUMNS


def table(parsed, *columns):
    """Records as tuples of the given columns, missing values as None."""
    frame = parsed.records[list(columns)].astype(object)
    return list(frame.where(frame.notna(), None).itertuples(index=False, name=None))


def write(tmp_path, data, name="signin.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


WITH_STATUS = (
    "Session ID,Employee ID,Email,Name,Status\r\n"
    "ALS-03,E01234,,Zoë Adams,Present\r\n"  # 2
    "ALS-03,,amy.lowe@example.gov.uk,Amy Lowe,Absent\r\n"  # 3
    "ALS-03,E01240,,,Attended\r\n"  # 4
    "ALS-03,E01241,,,yes\r\n"  # 5
    "ALS-03,E01242,,,Y\r\n"  # 6
    "ALS-03,E01243,,,Did not attend\r\n"  # 7
    "ALS-03,E01244,,,No\r\n"  # 8
    "ALS-03,E01245,,,No-show\r\n"  # 9
    "ALS-03,E01246,,,\r\n"  # 10: booked, not marked
    "ALS-03,E01247,,,Apologies\r\n"  # 11
    "ALS-03,E01248,,,Maybe\r\n"  # 12
    "ALS-03,,,,Present\r\n"  # 13
    ",,,,\r\n"  # 14: Excel's empty trailing row, not a data row
)


def test_cp1252_sheet_with_status_every_row_is_a_booking(tmp_path):
    parsed = parse_attendance(write(tmp_path, WITH_STATUS.encode("cp1252")))

    assert parsed.format == "signin-sheet"
    assert list(parsed.records.columns) == RECORD_COLUMNS
    assert parsed.rows_read == 12
    assert table(parsed, "row", "session_id", "employee_id", "email", "name", "status", "registered") == [
        (2, "ALS-03", "E01234", None, "Zoë Adams", "present", True),
        (3, "ALS-03", None, "amy.lowe@example.gov.uk", "Amy Lowe", "absent", True),
        (4, "ALS-03", "E01240", None, None, "present", True),
        (5, "ALS-03", "E01241", None, None, "present", True),
        (6, "ALS-03", "E01242", None, None, "present", True),
        (7, "ALS-03", "E01243", None, None, "absent", True),
        (8, "ALS-03", "E01244", None, None, "absent", True),
        (9, "ALS-03", "E01245", None, None, "absent", True),
        (10, "ALS-03", "E01246", None, None, "registered", True),
        (11, "ALS-03", "E01247", None, None, "cancelled", True),
    ]
    assert [(item.row, item.column, item.reason) for item in parsed.rejects] == [
        (12, "Status", "Status 'Maybe' is not a word we know: write Present or Absent (or Cancelled)"),
        (13, "Employee ID", "the row has neither an Employee ID nor an Email"),
    ]
    assert parsed.rejects[0].raw == "ALS-03,E01248,,,Maybe"
    assert parsed.rows_read == parsed.records.row.nunique() + len(parsed.rejects)
    assert parsed.meta == {
        "meeting_title": None,
        "meeting_start_text": None,
        "meeting_end_text": None,
        "date_order": None,
    }


def test_utf8_sheet_without_status_lists_who_came(tmp_path):
    text = "Session ID,Employee ID,Email\r\nLAW-07,E01234,\r\nLAW-07,,Amy.Lowe@example.gov.uk\r\nLAW-08,E01240,\r\n"
    parsed = parse_attendance(write(tmp_path, codecs.BOM_UTF8 + text.encode("utf-8")))

    assert parsed.format == "signin-sheet"
    assert parsed.rows_read == 3
    assert table(parsed, "row", "session_id", "employee_id", "email", "status", "registered") == [
        (2, "LAW-07", "E01234", None, "present", False),
        (3, "LAW-07", None, "Amy.Lowe@example.gov.uk", "present", False),
        (4, "LAW-08", "E01240", None, "present", False),
    ]


def test_xlsx_sheet_with_numeric_employee_ids(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for values in (
        ["Session ID", "Employee ID", "Email", "Status"],
        ["ALS-03", 1234, None, "Present"],
        ["ALS-03", None, "amy.lowe@example.gov.uk", "Absent"],
        [None, None, None, None],
        ["ALS-03", 1240, None, "Did not attend"],
    ):
        sheet.append(values)
    path = tmp_path / "signin.xlsx"
    workbook.save(path)

    parsed = parse_attendance(path)

    assert parsed.format == "signin-sheet"
    assert parsed.rows_read == 3
    assert table(parsed, "row", "employee_id", "email", "status", "registered") == [
        (2, "1234", None, "present", True),
        (3, None, "amy.lowe@example.gov.uk", "absent", True),
        (5, "1240", None, "absent", True),
    ]


@pytest.mark.parametrize(
    ("written", "status"),
    [
        ("PRESENT", "present"),
        ("Checked in", "present"),
        ("no show", "absent"),
        ("No-Show.", "absent"),
        ("DNA", "absent"),
        ("Didn't attend", "absent"),
        ("Cancelled", "cancelled"),
    ],
)
def test_status_words(tmp_path, written, status):
    text = f"Session ID,Employee ID,Status\nALS-03,E01234,{written}\n"
    parsed = parse_attendance(write(tmp_path, text.encode("utf-8")))

    assert list(parsed.records.status) == [status]
