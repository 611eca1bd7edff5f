"""HR roster extracts: a Windows-1252 CSV and a workbook from the new HR system."""

from __future__ import annotations

from datetime import datetime

from scripts.demo.council import SNAPSHOTS
from scripts.demo.files import csv_bytes, xlsx_bytes
from scripts.demo.last_year import LAST_YEAR_SNAPSHOTS
from scripts.demo.model import Employee, Model

CSV_HEADER = [
    "Employee ID",
    "First Name",
    "Last Name",
    "Username",
    "Email",
    "Directorate",
    "Service",
    "Grade",
    "Is Manager",
    "Location",
    "Start Date",
    "Leave Date",
    "FTE",
    "Sex",
    "Age Band",
    "Ethnicity",
    "Disability",
    "Sexual Orientation",
]


def csv_roster(snapshot: list[Employee]) -> list[list]:
    """The old HR system's extract: First Name and Last Name, Y/N, ISO dates, by Employee ID."""
    return [CSV_HEADER] + [
        [
            e.employee_id,
            e.first_name,
            e.last_name,
            e.username,
            e.email,
            e.directorate,
            e.service,
            e.grade,
            "Y" if e.is_manager else "N",
            e.location,
            e.start_date.isoformat(),
            e.leave_date.isoformat() if e.leave_date else "",
            f"{e.fte:.1f}",
            e.sex,
            e.age_band,
            e.ethnicity,
            e.disability,
            e.sexual_orientation,
        ]
        for e in sorted(snapshot, key=lambda e: e.employee_id)
    ]


def roster_files(model: Model) -> dict[str, bytes]:
    april, june = (model.snapshots[day] for day in SNAPSHOTS)
    rows = csv_roster(april)
    # The June extract came from the new HR system: one Name column, Yes/No, real date cells.
    xlsx_header = [
        "Employee ID",
        "Name",
        "Email",
        "Username",
        "Directorate",
        "Service",
        "Grade",
        "Is Manager",
        "Location",
        "Start Date",
        "Leave Date",
        "FTE",
        "Sex",
        "Age Band",
        "Ethnicity",
        "Disability",
        "Sexual Orientation",
    ]
    xlsx_rows = [xlsx_header] + [
        [
            e.employee_id,
            e.full_name,
            e.email,
            e.username,
            e.directorate,
            e.service,
            e.grade,
            "Yes" if e.is_manager else "No",
            e.location,
            e.start_date,
            e.leave_date,
            e.fte,
            e.sex,
            e.age_band,
            e.ethnicity,
            e.disability,
            e.sexual_orientation,
        ]
        for e in sorted(june, key=lambda e: (e.last_name, e.first_name, e.employee_id))
    ]
    return {
        "roster/roster_2025-04-01.csv": csv_bytes(rows, encoding="cp1252", newline="\r\n"),
        "roster/roster_2025-06-01.xlsx": xlsx_bytes(xlsx_rows, datetime(2025, 6, 2, 8, 14, 2), "Establishment"),
        # Last year's extracts, from the old system: April as it exported, October saved as a workbook.
        "roster/roster_2024-04-01.csv": csv_bytes(
            csv_roster(model.snapshots[LAST_YEAR_SNAPSHOTS[0]]), encoding="cp1252", newline="\r\n"
        ),
        "roster/roster_2024-10-01.xlsx": xlsx_bytes(
            csv_roster(model.snapshots[LAST_YEAR_SNAPSHOTS[1]]), datetime(2024, 10, 2, 9, 5, 40), "Sheet1"
        ),
    }
