"""Presence across a clock change is real elapsed time; a local time that does not exist is quarantined (issue 11.9).

NS-01 Night shift briefing, Sunday 30 March 2025 00:00-03:00 local, Europe/London: the clocks go forward at
01:00 GMT, so the session lasts 2 real hours (7200 s; attended = at least 3600 s).
  Tom Baker 00:30-02:10 local: 00:30 GMT to 01:10 GMT = 40 minutes (2400 s), not 100: partial
  Raj Mehta 00:00-03:00 local: the whole session, 7200 s: attended
  Amy Lowe joined at 01:30, a time that does not exist that night: her row is quarantined, naming the column.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from pipelines.formats.dates import exists_locally
from tests.attendance.scenario import AS_OF, CATALOGUE_HEADER, ROSTER, attendees, build_tables, utf8_bom
from tests.conftest import query

CATALOGUE = CATALOGUE_HEADER + (
    "NS-01,Skills 2025,Night shift briefing,2025-03-30 00:00,2025-03-30 03:00,"
    "Depot,in person,All staff,20,0,,Skills\r\n"
)
ZOOM = utf8_bom(
    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\r\n"
    "Tom Baker,tom.baker@council.gov.uk,2025-03-30 00:30:00,2025-03-30 02:10:00,40\r\n"
    "Amy Lowe,amy.lowe@council.gov.uk,2025-03-30 01:30:00,2025-03-30 02:45:00,15\r\n"
    "Raj Mehta,raj.mehta@council.gov.uk,2025-03-30 00:00:00,2025-03-30 03:00:00,120\r\n"
)


@pytest.fixture(scope="module")
def night(tmp_path_factory):
    files = {
        "roster/roster_2025-06-01.csv": ROSTER,
        "sessions/catalogue.csv": CATALOGUE,
        "attendance/NS-01/zoom.csv": ZOOM,
    }
    return build_tables(tmp_path_factory.mktemp("night"), files, AS_OF)


def test_presence_is_real_elapsed_time_across_the_clock_change(night):
    assert attendees(night, "NS-01") == {"E002": ("partial", 2400.0), "E003": ("attended", 7200.0)}


def test_a_time_the_clocks_skip_is_quarantined(night):
    assert query(
        night, "select row_number, column_name, reason from quarantine.records where source = 'attendance'"
    ) == [
        (
            3,
            "Join Time",
            "Join Time '2025-03-30 01:30:00' does not exist in Europe/London: the clocks went forward that night, "
            "so the time cannot be placed; check the time zone the export was written in",
        ),
    ]
    assert query(
        night, "select rows_read, rows_kept, rows_quarantined from audit.files where file = 'attendance/NS-01/zoom.csv'"
    ) == [
        (3, 2, 1),
    ]


@pytest.mark.parametrize(
    ("stamp", "exists"),
    [
        (datetime(2025, 3, 30, 0, 59), True),
        (datetime(2025, 3, 30, 1, 0), False),
        (datetime(2025, 3, 30, 1, 59), False),
        (datetime(2025, 3, 30, 2, 0), True),
        (datetime(2025, 10, 26, 1, 30), True),  # the hour lived twice when the clocks go back exists
    ],
)
def test_exists_locally(stamp, exists):
    assert exists_locally(stamp, ZoneInfo("Europe/London")) is exists
