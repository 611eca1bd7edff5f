"""Sign-in sheets kept by hand (CSV in UTF-8 or Windows-1252, or XLSX).

A Session ID column names the session; each row names a person by Employee ID or
Email (either may be blank), optionally with a Name. Without a Status column the
sheet lists who came: everyone is present. With one, the sheet is also the booking
list: every row is a registration, marked present, absent, cancelled, or left blank
(booked, not marked: a no-show unless another source saw them).
"""

from __future__ import annotations

from pipelines.formats.attendance_records import (
    cell,
    first_header_keys,
    first_row_index,
    new_record,
    parsed,
    reject,
    status_key,
)
from pipelines.formats.tables import Parsed, column_key, table_from_grid

SIGNIN = "signin-sheet"

SESSION_ID = "Session ID"
EMPLOYEE_ID = ("Employee ID", "Employee Number", "Employee No", "Staff ID")
EMAIL = ("Email", "Email Address", "E-mail")
STATUS = ("Status", "Attendance Status", "Attendance")
_PERSON_KEYS = {column_key(name) for name in EMPLOYEE_ID + EMAIL}

# Words people write in a Status column, compared with status_key.
STATUSES = {
    **dict.fromkeys(
        ["present", "attended", "yes", "y", "checked in", "signed in", "late", "p", "true", "1", "✓", "✔"],
        "present",
    ),
    **dict.fromkeys(
        [
            "absent",
            "did not attend",
            "didn't attend",
            "not attended",
            "no",
            "n",
            "no show",
            "noshow",
            "dna",
            "did not show",
            "a",
            "false",
            "0",
        ],
        "absent",
    ),
    # Told us in advance: a cancelled booking, not a no-show.
    **dict.fromkeys(["cancelled", "canceled", "withdrawn", "apologies", "apologies sent"], "cancelled"),
}


def detect(grid: list[list[str]]) -> str | None:
    keys = first_header_keys(grid)
    return SIGNIN if column_key(SESSION_ID) in keys and keys & _PERSON_KEYS else None


def parse(grid: list[list[str]]) -> Parsed:
    header = first_row_index(grid)
    table = table_from_grid(grid, header)
    has_status = any(column_key(name) in table.columns for name in STATUS)
    records, rejects = [], []
    for values in table.to_dict("records"):
        row = values["row"]
        person = {
            "session_id": cell(values, SESSION_ID),
            "employee_id": cell(values, *EMPLOYEE_ID),
            "email": cell(values, *EMAIL),
            "name": _name(values),
        }
        written = cell(values, *STATUS)
        status = STATUSES.get(status_key(written)) if written else ("registered" if has_status else "present")
        if status is None:
            reason = f"Status '{written}' is not a word we know: write Present or Absent (or Cancelled)"
            rejects.append(reject(grid, row, "Status", reason))
        elif not (person["employee_id"] or person["email"] or person["name"]):
            rejects.append(reject(grid, row, "Employee ID", "the row has neither an Employee ID nor an Email"))
        else:
            records.append(new_record(row, **person, status=status, registered=has_status))
    return parsed(SIGNIN, records, rejects, len(table), [])


def _name(values: dict) -> str | None:
    """A Name column, or First Name + Last Name, when the sheet has them."""
    whole = cell(values, "Name", "Full Name")
    parts = [part for part in (cell(values, "First Name"), cell(values, "Last Name", "Surname")) if part]
    return whole or " ".join(parts) or None
