"""The record shape every attendance parser yields, and the helpers the format modules build it with.

Each format module (teams, zoom, eventbrite, signin) imports these; the dispatcher in
`attendance.py` imports the format modules. Nothing here imports a format module, so
the modules form no circle.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from pipelines.formats.dates import date_order
from pipelines.formats.tables import Parsed, Reject, column_key, text_of

RECORD_COLUMNS = [
    "row",  # 1-based file line; every record of a Teams participant carries its "2. Participants" line
    "session_id",  # only where the file has a Session ID column
    "meeting_title",  # Teams "Meeting title", Zoom "Topic", Eventbrite "Event Name"
    "meeting_start_text",  # only where one file holds several meetings (Zoom's flat report); else in `meta`
    "name",  # as written, without the labels tools add ("(Guest)"); Zoom's "Shown (Original)" resolved to the original
    "email",
    "upn",  # Teams "Participant ID (UPN)"; a guest's "#EXT#" form read as the guest's e-mail
    "employee_id",
    "join_text",  # raw timestamp text
    "leave_text",  # raw timestamp text; None = stayed to the scheduled end
    "duration_seconds",  # only for records that give a total instead of join/leave
    "status",  # present / registered / absent / cancelled, or None: "was in the meeting"
    "registered",  # the row is a booking (Eventbrite, or a sign-in sheet with a Status column)
    "role",
    "leave_row",  # a Teams log's "Left" line paired into this record: kept or quarantined with it
]
TEXT_COLUMNS = [name for name in RECORD_COLUMNS if name not in ("row", "duration_seconds", "registered", "leave_row")]

# Labels meeting tools add to a name: the name is compared without them (SPEC section 2).
_LABEL = re.compile(r"\s*\((?:external|guest|host|co-?host|unverified|ext)\)\s*$", re.I)
# A guest's UPN in the host's tenant: "jo.bloggs_example.com#EXT#@council.onmicrosoft.com".
_GUEST_UPN = re.compile(r"^(?P<local>.+)_(?P<domain>[^_@]+)#EXT#@", re.I)


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


def reject(grid: list[list[str]], row: int, column: str | None, reason: str, whole_row: bool = True) -> Reject:
    """A quarantined row, with the line as the file has it."""
    return Reject(row=row, column=column, reason=reason, raw=text_of(grid[row - 1]), whole_row=whole_row)


def without_labels(name: str | None) -> str | None:
    """'Jo Bloggs (Guest)' -> 'Jo Bloggs': every trailing label a meeting tool adds, however many."""
    while name and (plain := _LABEL.sub("", name)) != name:
        name = plain
    return (name or "").strip() or None


def guest_email(upn: str | None) -> str | None:
    """'jo.bloggs_example.com#EXT#@council.onmicrosoft.com' -> 'jo.bloggs@example.com'; any other UPN as written."""
    match = _GUEST_UPN.match(upn or "")
    return f"{match['local']}@{match['domain']}".lower() if match else upn


def new_record(row: int, **values) -> dict:
    """One record with every column: the given values, None elsewhere, not a booking unless said.

    The name loses its labels and a guest's UPN becomes the guest's e-mail here, once for every format.
    """
    unknown = set(values) - set(RECORD_COLUMNS)
    if unknown:
        raise ValueError(f"not record columns: {sorted(unknown)}")
    record = {**{name: None for name in RECORD_COLUMNS}, "registered": False, **values, "row": row}
    return {**record, "name": without_labels(record["name"]), "upn": guest_email(record["upn"])}


def records_frame(records: list[dict]) -> pd.DataFrame:
    """Records as a frame of exactly RECORD_COLUMNS: text as str or None (not NaN), in file order."""
    frame = pd.DataFrame.from_records(records, columns=RECORD_COLUMNS)
    frame = frame.sort_values("row", kind="stable").reset_index(drop=True)
    for name in TEXT_COLUMNS:
        frame[name] = pd.Series([None if pd.isna(value) else str(value) for value in frame[name]], dtype=object)
    frame["row"] = frame["row"].astype("int64")
    frame["duration_seconds"] = frame["duration_seconds"].astype("float64")
    frame["leave_row"] = frame["leave_row"].astype("Int64")
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
