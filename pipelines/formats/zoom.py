"""Zoom meeting participants reports: one row per join, one row per unique user, or several meetings flat.

Zoom writes UTF-8 (with a BOM and CRLF, or neither). An optional meeting block comes first
("Meeting ID,Topic,Start Time,...," with a trailing comma, or "Topic,ID,Host,..." since 2025;
its values; a blank line); then the participants table. A row "In waiting room" = Yes is
someone waiting to be let in, not present: it is not an attendance row at all (not read,
not counted). Zoom's flat report of several meetings repeats each meeting's Topic,
Meeting ID and Start Time on every row, before the participant's own columns (a second
"User Email" among them): each row keeps its own meeting, so that each meeting is
matched to its own session. Its "Name (Original Name)" column holds the shown name
followed by the person's own name in brackets when they renamed themselves
("Tommy (Tom Baker)"): the bracketed one is the name the roster knows. The unique-users
variant has "Total Duration (Minutes)" and no join or leave times. Zoom's Guest column
is not used: who is a guest is decided by linking to the roster.
"""

from __future__ import annotations

import math
import re

from pipelines.formats.attendance_records import (
    cell,
    first_row_index,
    header_keys,
    new_record,
    parsed,
    reject,
    without_labels,
)
from pipelines.formats.dates import timestamp_problem
from pipelines.formats.tables import Parsed, column_key, table_from_grid

PARTICIPANTS, UNIQUE_USERS, MEETINGS = "zoom-participants", "zoom-unique-users", "zoom-meetings"

NAME = ("Name (Original Name)", "Name", "Participant")
EMAIL = ("User Email", "Email")
JOIN, LEAVE, TOTAL = "Join Time", "Leave Time", "Total Duration (Minutes)"
WAITING = "In waiting room"
MEETING_ID = ("Meeting ID", "ID")  # "ID" in the 2025 meeting block
MEETING_TIMES = ("Start Time", "End Time", "Creation Time")  # read for the file's date order
_NAME_KEYS = {column_key(name) for name in NAME}

_RENAMED = re.compile(r"^(?P<shown>.*?)\s*\((?P<original>[^()]+)\)\s*$")


def detect(grid: list[list[str]]) -> str | None:
    index = _header_index(grid)
    if index is None:
        return None
    if _meeting_columns(grid[index]):
        return MEETINGS
    return PARTICIPANTS if column_key(JOIN) in header_keys(grid[index]) else UNIQUE_USERS


def _meeting_columns(header: list[str]) -> int:
    """In the flat report, how many columns describe the meeting before the participant's own (else 0)."""
    start = next((index for index, name in enumerate(header) if column_key(name) in _NAME_KEYS), 0)
    return start if _is_meeting_block(header[:start]) else 0


def _is_meeting_block(cells: list[str]) -> bool:
    keys = header_keys(cells)
    return "topic" in keys and bool(keys & {column_key(name) for name in MEETING_ID})


def _header_index(grid: list[list[str]]) -> int | None:
    """The participants header: within the first lines, after any meeting block."""
    for index, cells in enumerate(grid[:20]):
        keys = header_keys(cells)
        has_times = {column_key(JOIN), column_key(LEAVE)} <= keys
        if keys & _NAME_KEYS and (has_times or column_key(TOTAL) in keys):
            return index
    return None


def original_name(text: str | None) -> str | None:
    """'Tommy (Tom Baker) (Host)' -> 'Tom Baker'; a name without an original in brackets as written, labels dropped."""
    text = without_labels(text)
    match = _RENAMED.match(text or "")
    if not match or "/" in match["original"]:  # pronouns ("she/her") are not a name
        return text
    return match["original"].strip()


def parse(grid: list[list[str]]) -> Parsed:
    header = _header_index(grid)
    format_name = detect(grid)
    split = _meeting_columns(grid[header])
    meeting_of = _row_meetings(grid, header, split) if split else {}
    block = {} if split else _meeting_block(grid[:header])
    rows = table_from_grid([cells[split:] for cells in grid], header).to_dict("records")
    rows = [values for values in rows if (cell(values, WAITING) or "").casefold() != "yes"]
    records, rejects = [], []
    for values in rows:
        row = values["row"]
        meeting = meeting_of.get(row, block)
        who = {
            "meeting_title": cell(meeting, "Topic"),
            "meeting_start_text": cell(meeting, "Start Time") if split else None,
        }
        who |= {"name": original_name(cell(values, *NAME)), "email": cell(values, *EMAIL)}
        times = _total(values) if format_name == UNIQUE_USERS else _times(values)
        if not (who["name"] or who["email"]):
            rejects.append(reject(grid, row, NAME[0], "the row has no name and no e-mail"))
        elif "problem" in times:
            rejects.append(reject(grid, row, *times["problem"]))
        else:
            records.append(new_record(row, **who, **times))
    texts = [cell(values, name) for values in [*rows, *meeting_of.values()] for name in (JOIN, LEAVE, *MEETING_TIMES)]
    title, start, end = cell(block, "Topic"), cell(block, "Start Time"), cell(block, "End Time")
    return parsed(format_name, records, rejects, len(rows), [*texts, cell(block, "Creation Time")], title, start, end)


def _row_meetings(grid: list[list[str]], header: int, split: int) -> dict[int, dict]:
    """The flat report's meeting columns of each row, keyed by its line."""
    meetings = table_from_grid([cells[:split] for cells in grid], header).to_dict("records")
    return {values["row"]: values for values in meetings}


def _meeting_block(lines: list[list[str]]) -> dict:
    """The "Meeting ID,Topic,Start Time,..." line and the values under it, or {}."""
    for index, cells in enumerate(lines):
        if _is_meeting_block(cells):
            values_index = first_row_index(lines, index + 1)
            values = lines[values_index] if values_index is not None else []
            return {column_key(name): value for name, value in zip(cells, values) if name.strip()}
    return {}


def _times(values: dict) -> dict:
    """join_text/leave_text of a per-join row, or {"problem": (column, reason)}."""
    join, leave = cell(values, JOIN), cell(values, LEAVE)
    if join is None:
        return {"problem": (JOIN, f"{JOIN} is blank")}
    for column, text in ((JOIN, join), (LEAVE, leave)):
        if problem := timestamp_problem(text, column):
            return {"problem": (column, problem)}
    return {"join_text": join, "leave_text": leave}


def _total(values: dict) -> dict:
    """duration_seconds of a unique-users row, or {"problem": (column, reason)}."""
    text = cell(values, TOTAL)
    if text is None:
        return {"problem": (TOTAL, f"{TOTAL} is blank")}
    try:
        minutes = float(text)
    except ValueError:
        minutes = math.nan
    if not (math.isfinite(minutes) and minutes >= 0):
        return {"problem": (TOTAL, f"{TOTAL} '{text}' is not a number of minutes")}
    return {"duration_seconds": minutes * 60}
