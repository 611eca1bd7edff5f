"""Attendance exports (Teams, Zoom, Eventbrite, sign-in sheets) read into one record shape.

`parse_attendance` recognises the format from the file's content, never its name, and
hands it to the parser of that format. Every parser yields the same columns
(RECORD_COLUMNS) so that the pipeline links people and sessions one way.

Parsers keep timestamps as the file writes them: date order, time zone and session are
settled later against the catalogue (SPEC section 2). A timestamp that cannot be read
in either day/month order, a duration that is not one, or a status word we do not
know is rejected here, naming its column, so the user sees the row to fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from pipelines.formats.dates import DAY_FIRST, MONTH_FIRST, BadTimestamp, date_order, parse_timestamp
from pipelines.formats.tables import NotATable, Parsed, Reject, column_key, read_grid, text_of

RECORD_COLUMNS = [
    "row",  # 1-based file line; every record of a Teams participant carries its "2. Participants" line
    "session_id",  # only where the file has a Session ID column
    "meeting_title",  # Teams "Meeting title", Zoom "Topic", Eventbrite "Event Name"
    "name",  # as written; Zoom's "Shown (Original)" resolved to the original
    "email",
    "upn",  # Teams "Participant ID (UPN)"
    "employee_id",
    "join_text",  # raw timestamp text
    "leave_text",  # raw timestamp text; None = stayed to the scheduled end
    "duration_seconds",  # only for records that give a total instead of join/leave
    "status",  # present / registered / absent / cancelled, or None: "was in the meeting"
    "registered",  # the row is a booking (Eventbrite, or a sign-in sheet with a Status column)
    "role",
]
TEXT_COLUMNS = [name for name in RECORD_COLUMNS if name not in ("row", "duration_seconds", "registered")]

ACCEPTED = (
    "Uptake reads these attendance exports: a Microsoft Teams attendance report "
    "(the '1. Summary / 2. Participants / 3. In-Meeting Activities' report, or the older "
    "'Full Name / User Action / Timestamp' one), a Zoom participants report (one row per join, "
    "or unique users with Total Duration), an Eventbrite attendee export, or a sign-in sheet "
    "with Session ID and Employee ID or Email columns"
)


def parse_attendance(path: Path) -> Parsed:
    """Records, rejects and row counts of one attendance export, whichever tool wrote it.

    Raises NotATable (the file is skipped, with the reason) when the file is empty,
    not text, or not one of the accepted exports.
    """
    try:
        grid = read_grid(Path(path))
    except NotATable as error:
        raise NotATable(f"{error}. {ACCEPTED}") from error
    module = _format_module(grid)
    if module is None:
        raise NotATable(f"the columns are not those of an attendance export. {ACCEPTED}")
    return module.parse(grid)


def detect_format(grid: list[list[str]]) -> str | None:
    """The format name of a grid ('teams-3-section', 'zoom-participants', ...), or None."""
    module = _format_module(grid)
    return module.detect(grid) if module else None


def _format_module(grid: list[list[str]]):
    # The format modules build on the helpers below, so they are imported here, not at the top.
    from pipelines.formats import eventbrite, signin, teams, zoom

    # Teams first: its section 3 has Name/Join Time/Leave Time columns that look like Zoom's.
    for module in (teams, zoom, eventbrite, signin):
        if module.detect(grid):
            return module
    return None


# Helpers shared by the format modules.


def first_row_index(grid: list[list[str]], start: int = 0) -> int | None:
    """Index of the first line at or after `start` with any text in it."""
    for index in range(start, len(grid)):
        if any(cell.strip() for cell in grid[index]):
            return index
    return None


def header_keys(cells: list[str]) -> set[str]:
    return {column_key(cell) for cell in cells if cell.strip()}


def first_header_keys(grid: list[list[str]]) -> set[str]:
    """Column keys of the first non-blank line (the header of a plain table)."""
    index = first_row_index(grid)
    return header_keys(grid[index]) if index is not None else set()


def cell(values: dict, *names: str) -> str | None:
    """The first of several accepted columns present in a row, stripped; blank is None."""
    for name in names:
        key = column_key(name)
        if key in values:
            value = values[key]
            if value is None or (isinstance(value, float) and pd.isna(value)):
                return None
            return str(value).strip() or None
    return None


def status_key(text: str) -> str:
    """A status word compared loosely: 'No-Show', 'no show' and 'No show.' are the same."""
    return re.sub(r"[\s_\-]+", " ", text.casefold()).strip(" .")


def timestamp_problem(text: str | None, column: str) -> str | None:
    """Why a timestamp cannot be read in either day/month order; None when it can (or is blank)."""
    if text is None:
        return None
    problems = []
    for order in (DAY_FIRST, MONTH_FIRST):
        try:
            parse_timestamp(text, order)
            return None
        except BadTimestamp as error:
            problems.append(str(error))
    # Drop Python's own detail ("(day is out of range for month)"): users fix the date, not the code.
    return f"{column} {_PYTHON_DETAIL.sub('', problems[0])}"


_PYTHON_DETAIL = re.compile(r"\s*\([^()]*\)$")


def reject(grid: list[list[str]], row: int, column: str | None, reason: str, whole_row: bool = True) -> Reject:
    """A quarantined row, with the line as the file has it."""
    return Reject(row=row, column=column, reason=reason, raw=text_of(grid[row - 1]), whole_row=whole_row)


def new_record(row: int, **values) -> dict:
    """One record with every column: the given values, None elsewhere, not a booking unless said."""
    unknown = set(values) - set(RECORD_COLUMNS)
    if unknown:
        raise ValueError(f"not record columns: {sorted(unknown)}")
    return {**{name: None for name in RECORD_COLUMNS}, "registered": False, **values, "row": row}


def records_frame(records: list[dict]) -> pd.DataFrame:
    """Records as a frame of exactly RECORD_COLUMNS: text as str or None (not NaN), in file order."""
    frame = pd.DataFrame.from_records(records, columns=RECORD_COLUMNS)
    frame = frame.sort_values("row", kind="stable").reset_index(drop=True)
    for name in TEXT_COLUMNS:
        frame[name] = pd.Series([None if pd.isna(value) else str(value) for value in frame[name]], dtype=object)
    frame["row"] = frame["row"].astype("int64")
    frame["duration_seconds"] = frame["duration_seconds"].astype("float64")
    frame["registered"] = frame["registered"].astype(bool)
    return frame


def parsed(
    format_name: str,
    records: list[dict],
    rejects: list[Reject],
    rows_read: int,
    timestamp_texts: Iterable[str | None],
    meeting_title: str | None = None,
    meeting_start_text: str | None = None,
    meeting_end_text: str | None = None,
) -> Parsed:
    """The Parsed of an attendance file, with the file-level facts the pipeline matches on."""
    meta = {
        "meeting_title": meeting_title,
        "meeting_start_text": meeting_start_text,
        "meeting_end_text": meeting_end_text,
        "date_order": date_order([meeting_start_text, meeting_end_text, *timestamp_texts]),
    }
    return Parsed(
        format=format_name,
        records=records_frame(records),
        rejects=sorted(rejects, key=lambda item: item.row),
        rows_read=rows_read,
        meta=meta,
    )
