"""Zoom participants reports, on fixtures written byte for byte as Zoom writes them (UTF-8 BOM, CRLF)."""

import codecs

import pytest

from pipelines.formats.attendance import parse_attendance
from pipelines.formats.attendance_records import RECORD_COLUMNS
from pipelines.formats.zoom import original_name


def table(parsed, *columns):
    """Records as tuples of the given columns, missing values as None."""
    frame = parsed.records[list(columns)].astype(object)
    return list(frame.where(frame.notna(), None).itertuples(index=False, name=None))


def write(tmp_path, text, name="participants.csv"):
    path = tmp_path / name
    path.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    return path


PARTICIPANTS_HEADER = (
    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent\r\n"
)
PARTICIPANTS = (
    "Jo Smith,jo.smith@example.gov.uk,06/13/2025 09:58:00 AM,06/13/2025 11:30:00 AM,92,No,Y\r\n"
    "Chris (Chris Lee),chris.lee@example.gov.uk,06/13/2025 10:01:00 AM,06/13/2025 10:40:00 AM,39,No,Y\r\n"
    "Chris (Chris Lee),chris.lee@example.gov.uk,06/13/2025 10:45:00 AM,06/13/2025 11:29:00 AM,44,No,Y\r\n"
    "Galaxy S21,,06/13/2025 10:03:00 AM,06/13/2025 10:50:00 AM,47,Yes,\r\n"
    "Priya Shah (she/her),,06/13/2025 10:05:00 AM,06/13/2025 10:10:00 AM,5,Yes,\r\n"
)
MEETING_BLOCK = (
    "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants,\r\n"
    "912 3456 7890,Leading through change,06/13/2025 09:58:00 AM,06/13/2025 11:30:00 AM,"
    "jo.smith@example.gov.uk,92,4,\r\n"
    "\r\n"
)
EXPECTED_JOINS = [
    (5, "Jo Smith", "jo.smith@example.gov.uk", "06/13/2025 09:58:00 AM", "06/13/2025 11:30:00 AM"),
    (6, "Chris Lee", "chris.lee@example.gov.uk", "06/13/2025 10:01:00 AM", "06/13/2025 10:40:00 AM"),
    (7, "Chris Lee", "chris.lee@example.gov.uk", "06/13/2025 10:45:00 AM", "06/13/2025 11:29:00 AM"),
    (8, "Galaxy S21", None, "06/13/2025 10:03:00 AM", "06/13/2025 10:50:00 AM"),
    (9, "Priya Shah (she/her)", None, "06/13/2025 10:05:00 AM", "06/13/2025 10:10:00 AM"),
]


def test_participants_with_meeting_block(tmp_path):
    parsed = parse_attendance(write(tmp_path, MEETING_BLOCK + PARTICIPANTS_HEADER + PARTICIPANTS))

    assert parsed.format == "zoom-participants"
    assert list(parsed.records.columns) == RECORD_COLUMNS
    assert parsed.rows_read == 5
    assert parsed.rejects == []
    assert table(parsed, "row", "name", "email", "join_text", "leave_text") == EXPECTED_JOINS
    assert set(parsed.records.meeting_title) == {"Leading through change"}
    assert parsed.records.duration_seconds.isna().all()
    assert set(parsed.records.status) == {None} and not parsed.records.registered.any()
    assert parsed.meta == {
        "meeting_title": "Leading through change",
        "meeting_start_text": "06/13/2025 09:58:00 AM",
        "meeting_end_text": "06/13/2025 11:30:00 AM",
        "date_order": "mdy",
    }


def test_participants_without_meeting_block(tmp_path):
    parsed = parse_attendance(write(tmp_path, PARTICIPANTS_HEADER + PARTICIPANTS))

    assert parsed.format == "zoom-participants"
    assert parsed.rows_read == 5
    assert table(parsed, "row", "name", "email", "join_text", "leave_text") == [
        (row - 3, *rest) for row, *rest in EXPECTED_JOINS
    ]
    assert parsed.records.meeting_title.isna().all()
    assert parsed.meta["meeting_title"] is None and parsed.meta["date_order"] == "mdy"


def test_participants_bad_times_are_rejected_naming_the_column(tmp_path):
    text = PARTICIPANTS_HEADER + (
        "Jo Smith,jo.smith@example.gov.uk,06/13/2025 09:58:00 AM,06/13/2025 11:30:00 AM,92,No,Y\r\n"
        "Chris Lee,chris.lee@example.gov.uk,06/13/2025 10:01:00 AM,06/13/2025 25:40:00 PM,39,No,Y\r\n"
        "Amy Lowe,amy.lowe@example.gov.uk,,06/13/2025 10:40:00 AM,39,No,Y\r\n"
        "Raj Mehta,raj.mehta@example.gov.uk,13/13/2025 10:01:00 AM,06/13/2025 10:40:00 AM,39,No,Y\r\n"
        ",,06/13/2025 10:01:00 AM,06/13/2025 10:40:00 AM,39,Yes,\r\n"
    )
    parsed = parse_attendance(write(tmp_path, text))

    assert parsed.rows_read == 5
    assert list(parsed.records.row) == [2]
    assert [(item.row, item.column, item.reason) for item in parsed.rejects] == [
        (3, "Leave Time", "Leave Time '06/13/2025 25:40:00 PM' has an hour over 12 with AM/PM"),
        (4, "Join Time", "Join Time is blank"),
        (5, "Join Time", "Join Time '13/13/2025 10:01:00 AM' is not a real date"),
        (6, "Name (Original Name)", "the row has no name and no e-mail"),
    ]
    assert parsed.rejects[0].raw == (
        "Chris Lee,chris.lee@example.gov.uk,06/13/2025 10:01:00 AM,06/13/2025 25:40:00 PM,39,No,Y"
    )


UNIQUE_USERS = (
    "Name (Original Name),User Email,Total Duration (Minutes),Guest\r\n"
    "Jo Smith,jo.smith@example.gov.uk,92,No\r\n"
    "Chris (Chris Lee),chris.lee@example.gov.uk,83,No\r\n"
    "Galaxy S21,,47,Yes\r\n"
    "Raj Mehta,raj.mehta@example.gov.uk,about an hour,No\r\n"
    "Amy Lowe,amy.lowe@example.gov.uk,,No\r\n"
)


def test_unique_users_give_totals(tmp_path):
    parsed = parse_attendance(write(tmp_path, UNIQUE_USERS))

    assert parsed.format == "zoom-unique-users"
    assert parsed.rows_read == 5
    assert table(parsed, "row", "name", "email", "duration_seconds", "join_text", "leave_text") == [
        (2, "Jo Smith", "jo.smith@example.gov.uk", 5520.0, None, None),
        (3, "Chris Lee", "chris.lee@example.gov.uk", 4980.0, None, None),
        (4, "Galaxy S21", None, 2820.0, None, None),
    ]
    assert [(item.row, item.column, item.reason) for item in parsed.rejects] == [
        (5, "Total Duration (Minutes)", "Total Duration (Minutes) 'about an hour' is not a number of minutes"),
        (6, "Total Duration (Minutes)", "Total Duration (Minutes) is blank"),
    ]
    assert parsed.meta["date_order"] is None


def test_unique_users_with_meeting_block(tmp_path):
    parsed = parse_attendance(write(tmp_path, MEETING_BLOCK + UNIQUE_USERS))

    assert parsed.format == "zoom-unique-users"
    assert parsed.meta["meeting_title"] == "Leading through change"
    assert list(parsed.records.row) == [5, 6, 7]


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Tommy (Tom Baker)", "Tom Baker"),
        ("Tom Baker", "Tom Baker"),
        ("iPhone", "iPhone"),
        ("Jo Smith (she/her)", "Jo Smith (she/her)"),
        ("Sam Green (Guest)", "Sam Green"),
        ("Kwame Mensah (Host)", "Kwame Mensah"),
        ("Tommy (Tom Baker) (Co-host)", "Tom Baker"),
        ("Chris Lee (EXT) (Unverified)", "Chris Lee"),
        ("(Tom Baker)", "Tom Baker"),
        ("Dr Who (Doctor) (Jo Who)", "Jo Who"),
    ],
)
def test_original_name_is_the_one_in_brackets(written, name):
    assert original_name(written) == name
