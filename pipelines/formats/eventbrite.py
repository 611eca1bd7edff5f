"""Eventbrite attendee exports, with US headers ("Order #", "Last Name", "Attendee #") or UK ones
("Order no.", "Surname", "Attendee no.").

Every row is a booking. Its Attendee Status says what became of it: Checked In
(present), Attending (booked, not checked in: a no-show unless another source saw
them), or Not Attending / Deleted / Refunded / Transferred (cancelled, counted
nowhere). An "Event Name" column, when exported, names the session.
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

EVENTBRITE = "eventbrite"

_ORDER_KEYS = {column_key(name) for name in ("Order #", "Order no.", "Order No", "Attendee #", "Attendee no.")}
STATUS = "Attendee Status"
STATUSES = {
    "checked in": "present",
    "attending": "registered",
    "not attending": "cancelled",
    "deleted": "cancelled",
    "refunded": "cancelled",
    "transferred": "cancelled",
}


def detect(grid: list[list[str]]) -> str | None:
    keys = first_header_keys(grid)
    return EVENTBRITE if column_key(STATUS) in keys and keys & _ORDER_KEYS else None


def parse(grid: list[list[str]]) -> Parsed:
    rows = table_from_grid(grid, first_row_index(grid)).to_dict("records")
    records, rejects = [], []
    for values in rows:
        row, written = values["row"], cell(values, STATUS)
        status = STATUSES.get(status_key(written or ""))
        name = " ".join(part for part in (cell(values, "First Name"), cell(values, "Last Name", "Surname")) if part)
        email = cell(values, "Email", "Email Address")
        if status is None:
            known = "Checked In, Attending, Not Attending, Deleted, Refunded, Transferred"
            reason = f"{STATUS} '{written}' is not one of {known}"
            rejects.append(reject(grid, row, STATUS, reason if written else f"{STATUS} is blank"))
        elif not (name or email):
            rejects.append(reject(grid, row, "Email", "the attendee has no name and no e-mail"))
        else:
            title = cell(values, "Event Name")
            records.append(
                new_record(row, meeting_title=title, name=name or None, email=email, status=status, registered=True)
            )
    titles = {record["meeting_title"] for record in records} - {None}
    texts = [cell(values, "Order Date") for values in rows]
    return parsed(EVENTBRITE, records, rejects, len(rows), texts, titles.pop() if len(titles) == 1 else None)
