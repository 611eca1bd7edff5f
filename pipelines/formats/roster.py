"""HR workforce extracts (SPEC section 2, `roster/`): one file per snapshot, the denominator."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from pathlib import Path

import pandas as pd

from pipelines.formats.dates import DAY_FIRST, BadTimestamp, date_order, parse_timestamp
from pipelines.formats.tables import NotATable, Parsed, Reject, has_column, pick, read_table, text_of

TEXT_COLUMNS = {
    "email": ("Email", "Email Address", "Work Email"),
    "username": ("Username", "User Name", "Network Login", "Login"),
    "directorate": ("Directorate",),
    "service": ("Service",),
    "grade": ("Grade",),
    "location": ("Location", "Work Location", "Site"),
    "sex": ("Sex", "Gender"),
    "age_band": ("Age Band", "Age Group"),
    "ethnicity": ("Ethnicity", "Ethnic Group"),
    "disability": ("Disability", "Disabled"),
    "sexual_orientation": ("Sexual Orientation",),
}
YES = {"y", "yes", "true", "1", "manager"}
NO = {"n", "no", "false", "0", ""}
FILE_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse_roster(path: Path) -> Parsed:
    """Employees of one snapshot; a row without an Employee ID or with unreadable dates is rejected."""
    table = read_table(path)
    if not has_column(table, "Employee ID"):
        raise NotATable("it has no Employee ID column, so it is not an HR roster")
    snapshot_column = pick(table, "Snapshot Date")
    file_date = date_in_name(Path(path).name)
    if snapshot_column.isna().all() and file_date is None:
        raise NotATable("its snapshot date is unknown: add a Snapshot Date column or put YYYY-MM-DD in the file name")
    name = pick(table, "Name", "Full Name")
    built = (
        pick(table, "First Name", "Forename").fillna("") + " " + pick(table, "Last Name", "Surname").fillna("")
    ).str.strip()
    frame = pd.DataFrame(
        {
            "row": table["row"],
            "employee_id": pick(table, "Employee ID").str.strip(),
            "name": name.fillna(built.replace("", None)),
            **{column: pick(table, *names) for column, names in TEXT_COLUMNS.items()},
            "fte": pick(table, "FTE"),
        }
    )
    order = (
        date_order(
            [*pick(table, "Start Date").dropna(), *pick(table, "Leave Date").dropna(), *snapshot_column.dropna()]
        )
        or DAY_FIRST
    )
    records, rejects = [], []
    for source, cells in zip(_rows(frame), _rows(table)):  # a row at a time: a roster may have 300,000
        try:
            records.append(_record(source, cells, order, file_date))
        except ValueError as problem:
            column, reason = problem.args
            rejects.append(
                Reject(
                    int(source["row"]),
                    column,
                    reason,
                    text_of([str(value) for key, value in cells.items() if key != "row"]),
                )
            )
    columns = [
        "row",
        "snapshot_date",
        "employee_id",
        "name",
        *TEXT_COLUMNS,
        "is_manager",
        "start_date",
        "leave_date",
        "fte",
    ]
    return Parsed("roster", pd.DataFrame.from_records(records, columns=columns), rejects, len(frame))


def _rows(frame: pd.DataFrame) -> Iterator[dict]:
    columns = list(frame.columns)
    return (dict(zip(columns, values)) for values in frame.itertuples(index=False, name=None))


def _record(source: dict, cells: dict, order: str, file_date: date | None) -> dict:
    if not source["employee_id"]:
        raise ValueError("Employee ID", "the Employee ID is blank")
    manager_text = (cells.get("ismanager") or "").strip().lower()
    if manager_text not in YES | NO:
        raise ValueError("Is Manager", f"Is Manager '{cells.get('ismanager')}' is not yes or no")
    fte = source["fte"]
    try:
        fte_value = float(fte) if fte else None
    except ValueError:
        raise ValueError("FTE", f"FTE '{fte}' is not a number") from None
    snapshot = _date(cells.get("snapshotdate"), "Snapshot Date", order) or file_date
    record = dict(source)
    record.update(
        snapshot_date=snapshot,
        is_manager=manager_text in YES,
        start_date=_date(cells.get("startdate"), "Start Date", order),
        leave_date=_date(cells.get("leavedate"), "Leave Date", order),
        fte=fte_value,
        email=(source["email"] or "").strip().lower() or None,
        username=(source["username"] or "").strip().lower() or None,
    )
    return record


@lru_cache(maxsize=65536)
def _date(text: str | None, column: str, order: str) -> date | None:
    try:
        stamp = parse_timestamp(text, order)
    except BadTimestamp:
        raise ValueError(column, f"{column} '{text}' is not a date") from None
    return stamp.date() if stamp else None


def date_in_name(name: str) -> date | None:
    match = FILE_DATE.search(name)
    if not match:
        return None
    try:
        return date(*map(int, match.groups()))
    except ValueError:
        return None
