"""Zoom meeting participants reports: one row per join, or one row per unique user.

Zoom writes UTF-8 with a BOM and CRLF. An optional meeting block comes first
("Meeting ID,Topic,Start Time,...," with a trailing comma, its values, a blank line);
then the participants table. Its "Name (Original Name)" column holds the shown name
followed by the person's own name in brackets when they renamed themselves
("Tommy (Tom Baker)"): the bracketed one is the name the roster knows. The unique-users
variant has "Total Duration (Minutes)" and no join or leave times. Zoom's Guest column
is not used: who is a guest is decided by linking to the roster.
"""

from __future__ import annotations

import math
import re

from pipelines.formats.attendance import cell, header_keys, first_row_index, new_record, parsed, reject, timestamp_problem
from pipelines.formats.tables import Parsed, column_key, table_from_grid

PARTICIPANTS, UNIQUE_USERS = "zoom-participants", "zoom-unique-users"

NAME = ("Name (Original Name)", "Name", "Participant")
EMAIL = ("User Email", "Email")
JOIN, LEAVE, TOTAL = "Join Time", "Leave Time", "Total Duration (Minutes)"
_NAME_KEYS = {column_key(name) for name in NAME}

_RENAMED = re.compile(r"^(?P<shown>.*?)\s*\((?P<original>[^()]+)\)\s*$")
# Brackets that are not an original name: pronouns ("she/her") and labels.
_NOT_A_NAME = {"guest", "external", "host", "co-host", "cohost"}


def detect(grid: list[list[str]]) -> str | None:
    index = _header_index(grid)
    if index is None:
        return None
    return PARTICIPANTS if column_key(JOIN) in header_keys(grid[index]) else UNIQUE_USERS


def _header_index(grid: list[list[str]]) -> int | None:
    """The participants header: within the first lines, after any meeting block."""
    for index, cells in enumerate(grid[:20]):
        keys = header_keys(cells)
        has_times = {column_key(JOIN), column_key(LEAVE)} <= keys
        if keys & _NAME_KEYS and (has_times or column_key(TOTAL) in keys):
            return index
    return None


def original_name(text: str | None) -> str | None:
    """'Tommy (Tom Baker)' -> 'Tom Baker'; a name without an original in brackets as written."""
    match = _RENAMED.match(text or "")
    if not match:
        return text
    original = match["original"].strip()
    if "/" in original or original.casefold() in _NOT_A_NAME:
        return text
    return original


def parse(grid: list[list[str]]) -> Parsed:
    header = _header_index(grid)
    meeting = _meeting_block(grid[:header])
    title = cell(meeting, "Topic")
    start, end = cell(meeting, "Start Time"), cell(meeting, "End Time")
    rows = table_from_grid(grid, header).to_dict("records")
    format_name = detect(grid)
    records, rejects = [], []
    for values in rows:
        row = values["row"]
        who = {"meeting_title": title, "name": original_name(cell(values, *NAME)), "email": cell(values, *EMAIL)}
        times = _times(values) if format_name == PARTICIPANTS else _total(values)
        if not (who["name"] or who["email"]):
            rejects.append(reject(grid, row, NAME[0], "the row has no name and no e-mail"))
        elif "problem" in times:
            rejects.append(reject(grid, row, *times["problem"]))
        else:
            records.append(new_record(row, **who, **times))
    texts = [cell(values, name) for values in rows for name in (JOIN, LEAVE)]
    return parsed(format_name, records, rejects, len(rows), texts, title, start, end)


def _meeting_block(lines: list[list[str]]) -> dict:
    """The "Meeting ID,Topic,Start Time,..." line and the values under it, or {}."""
    for index, cells in enumerate(lines):
        if {"meetingid", "topic"} <= header_keys(cells):
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
