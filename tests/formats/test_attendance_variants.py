"""The exports real councils have (issue 13): each read from a fixture written byte for byte as the tool writes it."""

import pytest

from pipelines.formats.attendance import parse_attendance
from pipelines.formats.attendance_records import guest_email, without_labels
from tests.conftest import SAMPLES


def table(parsed, *columns):
    """Records as tuples of the given columns, missing values as None."""
    frame = parsed.records[list(columns)].astype(object)
    return list(frame.where(frame.notna(), None).itertuples(index=False, name=None))


def test_teams_meeting_summary_report_one_record_per_join():
    parsed = parse_attendance(SAMPLES / "teams_meeting_summary_guests_utf16le.csv")

    assert (parsed.format, parsed.rows_read, parsed.rejects) == ("teams-meeting-summary", 7, [])
    assert parsed.meta == {
        "meeting_title": "Coaching conversations",
        "meeting_start_text": "6/4/2025, 10:00:04 AM",
        "meeting_end_text": "6/4/2025, 11:31:40 AM",
        "date_order": "mdy",  # the AM/PM clock of a US export
    }
    assert table(parsed, "row", "name", "email", "upn", "role", "join_text", "leave_text") == [
        (
            9,
            "Priya Shah",
            "priya.shah@council.gov.uk",
            "priya.shah@council.gov.uk",
            "Organizer",
            "6/4/2025, 10:00:04 AM",
            "6/4/2025, 11:31:40 AM",
        ),
        (
            10,
            "Tom Baker",
            "tom.baker@council.gov.uk",
            "tom.baker@council.gov.uk",
            "Attendee",
            "6/4/2025, 10:02:11 AM",
            "6/4/2025, 10:40:09 AM",
        ),
        (
            11,
            "Tom Baker",
            "tom.baker@council.gov.uk",
            "tom.baker@council.gov.uk",
            "Attendee",
            "6/4/2025, 10:44:30 AM",
            "6/4/2025, 11:30:02 AM",
        ),
        (12, "Ngozi Okafor", None, None, "Attendee", "6/4/2025, 10:05:57 AM", "6/4/2025, 11:29:13 AM"),
        # the #EXT# UPN read as the guest's e-mail, with or without the Email cell beside it
        (13, "Sam Lee", None, "sam.lee@partner.org.uk", "Attendee", "6/4/2025, 10:06:20 AM", "6/4/2025, 10:21:48 AM"),
        (
            14,
            "Sam Lee",
            "Sam.Lee@partner.org.uk",
            "sam.lee@partner.org.uk",
            "Attendee",
            "6/4/2025, 10:30:00 AM",
            "6/4/2025, 10:40:00 AM",
        ),
        (15, "Raj Mehta", None, None, "Attendee", "6/4/2025, 10:10:01 AM", "6/4/2025, 11:31:40 AM"),
    ]
    assert set(parsed.records.meeting_title) == {"Coaching conversations"}


def test_teams_meeting_summary_row_with_an_unreadable_time_is_quarantined_alone(tmp_path):
    data = (SAMPLES / "teams_meeting_summary_guests_utf16le.csv").read_bytes().decode("utf-16")
    path = tmp_path / "report.csv"
    path.write_text(data.replace("6/4/2025, 10:02:11 AM", "soon"), encoding="utf-16")

    parsed = parse_attendance(path)

    assert parsed.rows_read == 7 and len(parsed.records) == 6
    assert [(reject.row, reject.column, reject.whole_row) for reject in parsed.rejects] == [(10, "Join Time", True)]
    assert "'soon' is not a date and time" in parsed.rejects[0].reason


def test_zoom_2025_id_block_waiting_room_rows_are_not_presence():
    parsed = parse_attendance(SAMPLES / "zoom_2025_waiting_room.csv")

    assert (parsed.format, parsed.rejects) == ("zoom-participants", [])
    assert parsed.rows_read == 4  # 7 rows, 3 of them in the waiting room: Kim Taylor was never let in
    assert parsed.meta == {
        "meeting_title": "Data for decisions",  # the block's ID column is "ID", not "Meeting ID"
        "meeting_start_text": "06/05/2025 01:58:40 PM",
        "meeting_end_text": "06/05/2025 03:30:12 PM",
        "date_order": "mdy",
    }
    assert table(parsed, "row", "meeting_title", "name", "email", "join_text", "leave_text") == [
        (
            5,
            "Data for decisions",
            "Priya Shah",
            "priya.shah@council.gov.uk",
            "06/05/2025 01:58:40 PM",
            "06/05/2025 03:30:12 PM",
        ),
        (
            7,
            "Data for decisions",
            "Amy Lowe",
            "amy.lowe@council.gov.uk",
            "06/05/2025 01:59:40 PM",
            "06/05/2025 03:29:55 PM",
        ),
        (
            9,
            "Data for decisions",
            "Chris Lee",
            "chris.lee@council.gov.uk",
            "06/05/2025 02:03:50 PM",
            "06/05/2025 02:40:05 PM",
        ),
        (
            11,
            "Data for decisions",
            "Dan Brown",
            "dan.brown@council.gov.uk",
            "06/05/2025 02:00:15 PM",
            "06/05/2025 03:30:12 PM",
        ),  # "(Host)" dropped
    ]


def test_zoom_flat_report_each_row_keeps_its_own_meeting():
    parsed = parse_attendance(SAMPLES / "zoom_several_meetings_flat.csv")

    assert (parsed.format, parsed.rows_read, parsed.rejects) == ("zoom-meetings", 7, [])
    assert parsed.meta["date_order"] == "mdy"  # Creation Time 05/20/2025 settles it
    assert table(parsed, "row", "meeting_title", "meeting_start_text", "name", "email") == [
        (2, "Plain English", "06/10/2025 09:30:21", "Priya Shah", "priya.shah@council.gov.uk"),
        (3, "Plain English", "06/10/2025 09:30:21", "Tom Baker", "tom.baker@council.gov.uk"),
        (4, "Plain English", "06/10/2025 09:30:21", "Visitor Tablet", None),  # not the host's User Email
        (6, "Resilience", "06/11/2025 14:00:10", "Priya Shah", "priya.shah@council.gov.uk"),
        (7, "Resilience", "06/11/2025 14:00:10", "Chris Lee", None),  # "(EXT)" dropped
        (9, "Plain English", "06/17/2025 09:30:05", "Priya Shah", "priya.shah@council.gov.uk"),
        (10, "Plain English", "06/17/2025 09:30:05", "Amy Lowe", "amy.lowe@council.gov.uk"),
    ]
    assert table(parsed, "join_text", "leave_text")[6] == ("06/17/2025 09:35:00", "06/17/2025 09:50:00")


def test_teams_log_left_line_travels_with_its_join():
    parsed = parse_attendance(SAMPLES / "teams_legacy_no_session_utf16le.csv")

    assert (parsed.format, parsed.rows_read, parsed.rejects) == ("teams-legacy", 5, [])
    assert table(parsed, "row", "leave_row", "name", "join_text", "leave_text") == [
        (2, 4, "Tom Baker", "6/18/2025, 9:58:02 AM", "6/18/2025, 10:45:10 AM"),
        (3, 6, "Amy Lowe", "6/18/2025, 10:00:00 AM", "6/18/2025, 10:59:30 AM"),
        (5, None, "Raj Mehta", "6/18/2025, 10:05:00 AM", None),
    ]


@pytest.mark.parametrize(
    ("written", "compared"),
    [
        ("Jo Bloggs (Guest)", "Jo Bloggs"),
        ("Jo Bloggs (External)", "Jo Bloggs"),
        ("Jo Bloggs (Host)", "Jo Bloggs"),
        ("Jo Bloggs (Unverified)", "Jo Bloggs"),
        ("Jo Bloggs (EXT)", "Jo Bloggs"),
        ("Jo Bloggs (ext) (guest) ", "Jo Bloggs"),
        ("Jo Bloggs (Finance)", "Jo Bloggs (Finance)"),  # not a label a tool adds
        ("(Guest)", None),
        (None, None),
    ],
)
def test_labels_are_dropped_from_names(written, compared):
    assert without_labels(written) == compared


@pytest.mark.parametrize(
    ("upn", "email"),
    [
        ("name_example.com#EXT#@tenant.onmicrosoft.com", "name@example.com"),
        ("Jo.Bloggs_Partner.Org.UK#EXT#@council.onmicrosoft.com", "jo.bloggs@partner.org.uk"),
        ("first_last_example.com#EXT#@council.onmicrosoft.com", "first_last@example.com"),
        ("jo.bloggs@council.gov.uk", "jo.bloggs@council.gov.uk"),
        (None, None),
    ],
)
def test_guest_upn_is_the_guests_email(upn, email):
    assert guest_email(upn) == email
