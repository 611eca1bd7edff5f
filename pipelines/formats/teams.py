"""Microsoft Teams attendance reports: the 3-section report, the 2021-22 "Meeting Summary" one, the Joined/Left log.

The 3-section report (UTF-16, tab-separated) has "1. Summary" (meeting title, start,
end), "2. Participants" (one row per person, with a total In-Meeting Duration) and
"3. In-Meeting Activities" (one row per join, not per person). Section 3's intervals
are used where a participant has them, because they let the pipeline clip presence
to the scheduled time; otherwise section 2's total. Either way the records carry the
participant's section-2 line: that is the data row (SPEC section 4).

The 2021-22 "Meeting Summary" report (UTF-16, tab-separated, every line padded with
tabs) has summary lines (Meeting Title, Meeting Start Time, ...), a blank line, then
one row per join: Full Name, Join Time, Leave Time, Duration, Email, Role,
Participant ID (UPN). Each join is a record of its own line.

The oldest report is a log of "Joined" / "Joined before" / "Left" lines with US
AM/PM timestamps and no meeting title (it is matched by its folder). A join is paired
with the next Left of the same name; a join never followed by one lasts to the
session's scheduled end (leave_text None), a Left with no join before it starts at
the scheduled start (join_text None).
"""

from __future__ import annotations

import re

from pipelines.formats.attendance_records import (
    cell,
    first_header_keys,
    first_row_index,
    header_keys,
    new_record,
    parsed,
    reject,
)
from pipelines.formats.dates import BadTimestamp, parse_duration, timestamp_problem
from pipelines.formats.tables import Parsed, column_key, table_from_grid

THREE_SECTION, MEETING_SUMMARY, LEGACY = "teams-3-section", "teams-meeting-summary", "teams-legacy"

_SECTION = re.compile(r"^\s*\d+\s*\.\s*(summary|participants|in-?\s*meeting\s+activities)\s*$", re.I)

# Accepted spellings of each column across report versions (matched case- and space-insensitively).
NAME = ("Name", "Full Name")
EMAIL = ("Email", "E-mail")
UPN = ("Participant ID (UPN)", "Participant ID", "UPN")
ROLE = ("Role",)
DURATION = ("In-Meeting Duration", "Duration", "Attendance Duration")
# Section 3 names a join's times; section 2 only the first and last (read for the date order).
JOIN = ("Join Time", "First Join")
LEAVE = ("Leave Time", "Last Leave")
LEGACY_COLUMNS = {"fullname", "useraction", "timestamp"}
JOIN_COLUMNS = {"fullname", "jointime", "leavetime"}  # the Meeting Summary report's table of joins
LEGACY_ACTIONS = {"joined": "join", "joined before": "join", "left": "leave"}


def detect(grid: list[list[str]]) -> str | None:
    if "participants" in _sections(grid):
        return THREE_SECTION
    if _joins_header(grid) is not None:
        return MEETING_SUMMARY
    if LEGACY_COLUMNS <= first_header_keys(grid):
        return LEGACY
    return None


def parse(grid: list[list[str]]) -> Parsed:
    parsers = {THREE_SECTION: _parse_three_section, MEETING_SUMMARY: _parse_meeting_summary, LEGACY: _parse_legacy}
    return parsers[detect(grid)](grid)


def _joins_header(grid: list[list[str]]) -> int | None:
    """The index of the Meeting Summary report's join table header, when the file opens with "Meeting Summary"."""
    top = first_row_index(grid)
    if top is None or column_key(grid[top][0]) != "meetingsummary":
        return None
    return next((index for index in range(top + 1, len(grid)) if JOIN_COLUMNS <= header_keys(grid[index])), None)


def _section_name(cells: list[str]) -> str | None:
    """'participants' for a "2. Participants" line; 'activities' for "3. In-Meeting Activities"."""
    text = " ".join(cell for cell in cells if cell.strip())
    match = _SECTION.match(text)
    if not match:
        return None
    word = match[1].lower()
    return word if word in ("summary", "participants") else "activities"


def _sections(grid: list[list[str]]) -> dict[str, tuple[int, int]]:
    """Each section's lines: (index after its title line, index of the next title or the end)."""
    starts = [(index, name) for index, cells in enumerate(grid) if (name := _section_name(cells))]
    ends = [index for index, _ in starts[1:]] + [len(grid)]
    return {name: (index + 1, end) for (index, name), end in zip(starts, ends)}


def _section_rows(grid: list[list[str]], span: tuple[int, int] | None) -> list[dict]:
    """The table of one section as dicts keyed by column_key, each with its file line as `row`."""
    if span is None:
        return []
    start, end = span
    header = first_row_index(grid[:end], start)
    if header is None:
        return []
    return table_from_grid(grid[:end], header).to_dict("records")


def _summary(grid: list[list[str]], span: tuple[int, int] | None) -> dict[str, str]:
    """Section 1's "key<TAB>value" lines, keys as column_key."""
    if span is None:
        return {}
    pairs = (grid[index] for index in range(*span) if len(grid[index]) >= 2)
    return {column_key(cells[0]): cells[1].strip() for cells in pairs if cells[0].strip()}


def _parse_three_section(grid: list[list[str]]) -> Parsed:
    spans = _sections(grid)
    summary = _summary(grid, spans.get("summary"))
    people = _section_rows(grid, spans["participants"])
    joins = _section_rows(grid, spans.get("activities"))
    title = cell(summary, "Meeting title")
    start, end = cell(summary, "Start time", "Meeting Start Time"), cell(summary, "End time", "Meeting End Time")

    rejects = []
    joins_of = _joins_by_participant(grid, people, joins, rejects)
    records = []
    for person in people:
        row = person["row"]
        who = {
            "meeting_title": title,
            "name": cell(person, *NAME),
            "email": cell(person, *EMAIL),
            "upn": cell(person, *UPN),
            "role": cell(person, *ROLE),
        }
        if not (who["name"] or who["email"] or who["upn"]):
            rejects.append(reject(grid, row, "Name", "the participant has no name, e-mail or UPN"))
            continue
        intervals = joins_of.get(row, [])
        problems = [problem for interval in intervals for problem in _interval_problems(interval)]
        if intervals and not problems:
            records += [
                new_record(row, **who, join_text=cell(interval, *JOIN), leave_text=cell(interval, *LEAVE))
                for interval in intervals
            ]
            continue
        # Section 3 unreadable for this person: say so, and fall back on section 2's total.
        rejects += [reject(grid, line, column, reason, whole_row=False) for line, column, reason in problems]
        seconds, duration_problem = _duration(cell(person, *DURATION))
        if duration_problem:
            rejects.append(reject(grid, row, "In-Meeting Duration", duration_problem))
        else:
            records.append(new_record(row, **who, duration_seconds=seconds))

    texts = [cell(values, *names) for values in people + joins for names in (JOIN, LEAVE)]
    return parsed(THREE_SECTION, records, rejects, len(people), texts, title, start, end)


def _parse_meeting_summary(grid: list[list[str]]) -> Parsed:
    header = _joins_header(grid)
    summary = _summary(grid, (first_row_index(grid) + 1, header))
    joins = table_from_grid(grid, header).to_dict("records")
    records, rejects = [], []
    for values in joins:
        row = values["row"]
        who = {
            "name": cell(values, *NAME),
            "email": cell(values, *EMAIL),
            "upn": cell(values, *UPN),
            "role": cell(values, *ROLE),
        }
        problems = _interval_problems(values)
        if not (who["name"] or who["email"] or who["upn"]):
            rejects.append(reject(grid, row, "Full Name", "the row has no name, e-mail or UPN"))
        elif problems:
            rejects.append(reject(grid, row, *problems[0][1:]))
        else:
            records.append(new_record(row, **who, join_text=cell(values, *JOIN), leave_text=cell(values, *LEAVE)))
    title = cell(summary, "Meeting Title")
    start, end = cell(summary, "Meeting Start Time"), cell(summary, "Meeting End Time")
    texts = [cell(values, *names) for values in joins for names in (JOIN, LEAVE)]
    records = [{**record, "meeting_title": title} for record in records]
    return parsed(MEETING_SUMMARY, records, rejects, len(joins), texts, title, start, end)


def _joins_by_participant(grid, people: list[dict], joins: list[dict], rejects: list) -> dict[int, list[dict]]:
    """Section 3's rows grouped by the section-2 line of their participant.

    A join is matched on name and e-mail, else on the name alone, else on the e-mail
    alone, whichever finds exactly one participant. A join that finds none is
    quarantined alone (its participant row is not in the file to keep or reject).
    """
    lookups: list[dict] = [{}, {}, {}]
    for person in people:
        for lookup, key in zip(lookups, _match_keys(person)):
            if key is not None:
                lookup.setdefault(key, []).append(person["row"])
    grouped: dict[int, list[dict]] = {}
    for values in joins:
        found = (lookup.get(key, []) for lookup, key in zip(lookups, _match_keys(values)))
        rows = next((rows for rows in found if len(rows) == 1), None)
        if rows is None:
            who = cell(values, *NAME) or cell(values, *EMAIL) or "this join"
            reason = (
                f"'{who}' in 3. In-Meeting Activities is not listed once in 2. Participants, so this join was not used"
            )
            rejects.append(reject(grid, values["row"], "Name", reason, whole_row=False))
            continue
        grouped.setdefault(rows[0], []).append(values)
    return grouped


def _match_keys(values: dict) -> tuple:
    """(name and e-mail, name, e-mail), case-folded; None where a part is blank."""
    name, email = cell(values, *NAME), cell(values, *EMAIL)
    name, email = name and name.casefold(), email and email.casefold()
    return ((name, email) if name and email else None), name, email


def _interval_problems(values: dict) -> list[tuple[int, str, str]]:
    """(line, column, reason) for each unreadable time of a section-3 join."""
    join, leave = cell(values, *JOIN), cell(values, *LEAVE)
    found = []
    if join is None:
        found.append((values["row"], "Join Time", "Join Time is blank"))
    for column, text in (("Join Time", join), ("Leave Time", leave)):
        if problem := timestamp_problem(text, column):
            found.append((values["row"], column, problem))
    return found


def _duration(text: str | None) -> tuple[float | None, str | None]:
    """(seconds, None), or (None, why the In-Meeting Duration cannot be used)."""
    try:
        seconds = parse_duration(text)
    except BadTimestamp:
        return None, f"In-Meeting Duration '{text}' is not a duration (like 1h 3m 34s)"
    if seconds is None:
        return None, "In-Meeting Duration is blank and 3. In-Meeting Activities has no usable joins for this person"
    return seconds, None


def _parse_legacy(grid: list[list[str]]) -> Parsed:
    lines = table_from_grid(grid, first_row_index(grid)).to_dict("records")
    records, rejects, open_joins = [], [], {}
    for values in lines:
        row, name, stamp = values["row"], cell(values, "Full Name"), cell(values, "Timestamp")
        action = LEGACY_ACTIONS.get((cell(values, "User Action") or "").casefold())
        problem = _legacy_problem(values, name, action, stamp)
        if problem:
            rejects.append(reject(grid, row, *problem))
            continue
        key = name.casefold()
        if action == "join":
            if key in open_joins:  # joined again with no Left logged in between: the first join stays open
                records.append(open_joins.pop(key))
            open_joins[key] = new_record(row, name=name, join_text=stamp)
        elif key in open_joins:
            records.append({**open_joins.pop(key), "leave_text": stamp, "leave_row": row})
        else:
            records.append(new_record(row, name=name, leave_text=stamp))
    records += open_joins.values()
    texts = [cell(values, "Timestamp") for values in lines]
    return parsed(LEGACY, records, rejects, len(lines), texts)


def _legacy_problem(values: dict, name, action, stamp) -> tuple[str, str] | None:
    """(column, reason) when a log line cannot be used."""
    if not name:
        return "Full Name", "Full Name is blank"
    if action is None:
        written = cell(values, "User Action") or ""
        return "User Action", f"User Action '{written}' is not Joined, Joined before or Left"
    if stamp is None:
        return "Timestamp", "Timestamp is blank"
    problem = timestamp_problem(stamp, "Timestamp")
    return ("Timestamp", problem) if problem else None
