"""Attendance exports (Teams, Zoom, Eventbrite, sign-in sheets) read into one record shape.

`parse_attendance` recognises the format from the file's content, never its name, and
hands it to the parser of that format. Every parser yields the same columns
(`attendance_records.RECORD_COLUMNS`) so that the pipeline links people and sessions one way.

Parsers keep timestamps as the file writes them: date order, time zone and session are
settled later against the catalogue (SPEC section 2). A timestamp that cannot be read
in either day/month order, a duration that is not one, or a status word we do not
know is rejected here, naming its column, so the user sees the row to fix.
"""

from __future__ import annotations

from pathlib import Path

from pipelines.formats import eventbrite, languages, signin, teams, zoom
from pipelines.formats.tables import NotATable, Parsed, read_grid

ACCEPTED = (
    "Uptake reads these attendance exports, in English: a Microsoft Teams attendance report "
    "(the '1. Summary / 2. Participants / 3. In-Meeting Activities' report, the 2021-22 'Meeting Summary' "
    "report, or the older 'Full Name / User Action / Timestamp' one), a Zoom participants report (one row "
    "per join, unique users with Total Duration, or several meetings in one file), an Eventbrite attendee "
    "export, or a sign-in sheet with Session ID and Employee ID or Email columns"
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
    # Another language first: a French Teams report has the English one's "2. Participants".
    if foreign := languages.describe(grid):
        raise NotATable(foreign)
    module = _format_module(grid)
    if module is None:
        raise NotATable(f"the columns are not those of an attendance export. {ACCEPTED}")
    return module.parse(grid)


def _format_module(grid: list[list[str]]):
    # Teams first: its section 3 has Name/Join Time/Leave Time columns that look like Zoom's.
    for module in (teams, zoom, eventbrite, signin):
        if module.detect(grid):
            return module
    return None
