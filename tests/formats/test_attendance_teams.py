"""Microsoft Teams attendance reports, on fixtures written byte for byte as Teams writes them."""

import codecs

from pipelines.formats.attendance import parse_attendance
from pipelines.formats.attendance_records import RECORD_COLUMNS
from pipelines.formats.tables import Reject


def table(parsed, *columns):
    """Records as tuples of the given columns, missing values as None."""
    frame = parsed.records[list(columns)].astype(object)
    return list(frame.where(frame.notna(), None).itertuples(index=False, name=None))


def utf16le(text):
    return codecs.BOM_UTF16_LE + text.encode("utf-16-le")


def utf16be(text):
    return codecs.BOM_UTF16_BE + text.encode("utf-16-be")


def write(tmp_path, data, name="report.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


# The 3-section report: tab-separated, CRLF, a name with an unquoted comma, Email != UPN,
# a guest with no e-mail, section 3 with one row per join (Priya joined twice).
THREE_SECTION = (
    "1. Summary\r\n"
    "Meeting title\tLeading through change\r\n"
    "Attended participants\t4\r\n"
    "Start time\t13/03/25, 09:58:02\r\n"
    "End time\t13/03/25, 11:27:53\r\n"
    "Meeting duration\t1h 29m 51s\r\n"
    "Average attendance time\t49m 12s\r\n"
    "\r\n"
    "2. Participants\r\n"
    "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole\r\n"
    "Smith, Jo\t13/03/25, 09:58:02\t13/03/25, 11:25:53\t1h 27m 51s\tjo.smith@example.gov.uk\tjsmith@example.gov.uk\t"
    "Organizer\r\n"
    "Priya Shah\t13/03/25, 10:00:00\t13/03/25, 11:27:53\t1h 2m\tpriya.shah@example.gov.uk\tpriya.shah@example.gov.uk\t"
    "Presenter\r\n"
    "Sam Green (Guest)\t13/03/25, 10:05:00\t13/03/25, 10:05:05\t5s\t\t\tAttendee\r\n"
    "Lee, Chris\t13/03/25, 10:01:00\t13/03/25, 10:56:00\t55m\tc.lee@example.gov.uk\tchris.lee@example.gov.uk\t"
    "Attendee\r\n"
    "\r\n"
    "3. In-Meeting Activities\r\n"
    "Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole\r\n"
    "Priya Shah\t13/03/25, 10:00:00\t13/03/25, 10:30:00\t30m\tpriya.shah@example.gov.uk\tPresenter\r\n"
    "Priya Shah\t13/03/25, 10:55:53\t13/03/25, 11:27:53\t32m\tpriya.shah@example.gov.uk\tPresenter\r\n"
    "Lee, Chris\t13/03/25, 10:01:00\t13/03/25, 10:56:00\t55m\tc.lee@example.gov.uk\tAttendee\r\n"
)


def test_three_section_utf16le_uses_section_3_joins_and_section_2_totals(tmp_path):
    parsed = parse_attendance(write(tmp_path, utf16le(THREE_SECTION)))

    assert parsed.format == "teams-3-section"
    assert list(parsed.records.columns) == RECORD_COLUMNS
    assert parsed.rows_read == 4
    assert parsed.rejects == []
    assert table(parsed, "row", "name", "email", "upn", "role") == [
        (11, "Smith, Jo", "jo.smith@example.gov.uk", "jsmith@example.gov.uk", "Organizer"),
        (12, "Priya Shah", "priya.shah@example.gov.uk", "priya.shah@example.gov.uk", "Presenter"),
        (12, "Priya Shah", "priya.shah@example.gov.uk", "priya.shah@example.gov.uk", "Presenter"),
        (13, "Sam Green", None, None, "Attendee"),  # "(Guest)" dropped
        (14, "Lee, Chris", "c.lee@example.gov.uk", "chris.lee@example.gov.uk", "Attendee"),
    ]
    assert table(parsed, "join_text", "leave_text", "duration_seconds") == [
        (None, None, 5271.0),  # 1h 27m 51s, no joins in section 3
        ("13/03/25, 10:00:00", "13/03/25, 10:30:00", None),
        ("13/03/25, 10:55:53", "13/03/25, 11:27:53", None),
        (None, None, 5.0),
        ("13/03/25, 10:01:00", "13/03/25, 10:56:00", None),
    ]
    assert set(parsed.records.meeting_title) == {"Leading through change"}
    assert set(parsed.records.status) == {None}
    assert not parsed.records.registered.any()
    assert parsed.records.session_id.isna().all() and parsed.records.employee_id.isna().all()
    assert parsed.meta == {
        "meeting_title": "Leading through change",
        "meeting_start_text": "13/03/25, 09:58:02",
        "meeting_end_text": "13/03/25, 11:27:53",
        "date_order": "dmy",  # 13/03 can only be day-first
    }


def test_three_section_utf16be_lower_case_headers_and_no_section_3(tmp_path):
    text = THREE_SECTION.split("3. In-Meeting Activities")[0]
    text = text.replace("First Join\tLast Leave\tIn-Meeting Duration", "First join\tLast leave\tIn-meeting duration")
    text = text.replace("Meeting title", "Meeting Title").replace("Organizer", "Organiser")
    parsed = parse_attendance(write(tmp_path, utf16be(text)))

    assert parsed.format == "teams-3-section"
    assert parsed.rows_read == 4
    assert table(parsed, "row", "name", "duration_seconds", "join_text", "role") == [
        (11, "Smith, Jo", 5271.0, None, "Organiser"),
        (12, "Priya Shah", 3720.0, None, "Presenter"),
        (13, "Sam Green", 5.0, None, "Attendee"),
        (14, "Lee, Chris", 3300.0, None, "Attendee"),
    ]
    assert parsed.meta["meeting_title"] == "Leading through change"


def test_three_section_header_case_of_section_3_and_section_titles(tmp_path):
    text = THREE_SECTION.replace("3. In-Meeting Activities", "3. In-meeting activities")
    text = text.replace("Name\tJoin Time\tLeave Time", "Name\tJoin time\tLeave time")
    parsed = parse_attendance(write(tmp_path, utf16le(text)))

    assert table(parsed, "row", "join_text") == [
        (11, None),
        (12, "13/03/25, 10:00:00"),
        (12, "13/03/25, 10:55:53"),
        (13, None),
        (14, "13/03/25, 10:01:00"),
    ]


def test_unreadable_join_falls_back_on_the_participant_total(tmp_path):
    text = THREE_SECTION.replace("13/03/25, 10:30:00\t30m", "31/02/25, 10:30:00\t30m")
    parsed = parse_attendance(write(tmp_path, utf16le(text)))

    # Priya (line 12) is kept on her In-Meeting Duration; line 18 of section 3 is quarantined alone.
    assert parsed.rows_read == 4
    assert table(parsed, "row", "join_text", "duration_seconds") == [
        (11, None, 5271.0),
        (12, None, 3720.0),
        (13, None, 5.0),
        (14, "13/03/25, 10:01:00", None),
    ]
    assert parsed.rejects == [
        Reject(
            row=18,
            column="Leave Time",
            reason="Leave Time '31/02/25, 10:30:00' is not a real date",
            raw='Priya Shah,"13/03/25, 10:00:00","31/02/25, 10:30:00",30m,priya.shah@example.gov.uk,Presenter',
            whole_row=False,
        )
    ]


def test_unreadable_duration_rejects_the_participant_row(tmp_path):
    text = THREE_SECTION.replace("\t5s\t", "\t5 parsecs\t")
    parsed = parse_attendance(write(tmp_path, utf16le(text)))

    assert [(item.row, item.column, item.reason, item.whole_row) for item in parsed.rejects] == [
        (13, "In-Meeting Duration", "In-Meeting Duration '5 parsecs' is not a duration (like 1h 3m 34s)", True)
    ]
    kept = parsed.records.row.nunique()
    assert (parsed.rows_read, kept) == (4, 3)
    assert parsed.rows_read == kept + len({item.row for item in parsed.rejects if item.whole_row})


def test_join_of_someone_not_in_participants_is_quarantined_alone(tmp_path):
    text = (
        THREE_SECTION + "Alex Kim\t13/03/25, 10:10:00\t13/03/25, 10:20:00\t10m\talex.kim@example.gov.uk\tAttendee\r\n"
    )
    parsed = parse_attendance(write(tmp_path, utf16le(text)))

    assert len(parsed.records) == 5
    assert [(item.row, item.column, item.whole_row) for item in parsed.rejects] == [(21, "Name", False)]
    assert "'Alex Kim' in 3. In-Meeting Activities is not listed" in parsed.rejects[0].reason


def test_join_matches_on_name_when_its_email_is_blank(tmp_path):
    text = THREE_SECTION.replace("55m\tc.lee@example.gov.uk\tAttendee", "55m\t\tAttendee")
    parsed = parse_attendance(write(tmp_path, utf16le(text)))

    assert table(parsed, "row", "email", "join_text")[-1] == (14, "c.lee@example.gov.uk", "13/03/25, 10:01:00")


# The older report: UTF-16 LE, tab, US dates with AM/PM, no meeting title.
LEGACY = (
    "Full Name\tUser Action\tTimestamp\n"
    "Baker, Tom\tJoined\t6/1/2021, 2:59:38 PM\n"
    "Ngozi Okafor\tJoined before\t6/1/2021, 2:58:00 PM\n"
    "Baker, Tom\tLeft\t6/1/2021, 3:20:00 PM\n"
    "Baker, Tom\tJoined\t6/1/2021, 3:25:10 PM\n"
    "Baker, Tom\tLeft\t6/1/2021, 4:01:00 PM\n"
    "Raj Mehta\tJoined\t6/1/2021, 3:00:00 PM\n"
)


def test_legacy_pairs_joins_with_the_next_left_and_open_joins_last_to_the_end(tmp_path):
    parsed = parse_attendance(write(tmp_path, utf16le(LEGACY)))

    assert parsed.format == "teams-legacy"
    assert parsed.rows_read == 6
    assert parsed.rejects == []
    assert table(parsed, "row", "name", "join_text", "leave_text") == [
        (2, "Baker, Tom", "6/1/2021, 2:59:38 PM", "6/1/2021, 3:20:00 PM"),
        (3, "Ngozi Okafor", "6/1/2021, 2:58:00 PM", None),  # no Left: stays to the scheduled end
        (5, "Baker, Tom", "6/1/2021, 3:25:10 PM", "6/1/2021, 4:01:00 PM"),
        (7, "Raj Mehta", "6/1/2021, 3:00:00 PM", None),
    ]
    assert parsed.records.meeting_title.isna().all() and parsed.records.duration_seconds.isna().all()
    assert parsed.meta == {
        "meeting_title": None,
        "meeting_start_text": None,
        "meeting_end_text": None,
        "date_order": "mdy",
    }


def test_legacy_rejects_unknown_actions_and_bad_timestamps(tmp_path):
    text = LEGACY + (
        "Amy Lowe\tWaved\t6/1/2021, 3:05:00 PM\n"  # 8
        "Amy Lowe\tJoined\t6/31/2021, 3:06:00 PM\n"  # 9: June has 30 days, and there is no month 31
        "Amy Lowe\tLeft\t6/1/2021, 3:40:00 PM\n"  # 10: a Left with no join kept: from the start
        "\tJoined\t6/1/2021, 3:07:00 PM\n"  # 11
        "Lee Chan\tJoined\t6/1/2021, 13:05:00 PM\n"  # 12
        "Lee Chan\tLeft\t\n"  # 13
    )
    parsed = parse_attendance(write(tmp_path, utf16le(text)))

    assert parsed.rows_read == 12
    assert [(item.row, item.column, item.reason) for item in parsed.rejects] == [
        (8, "User Action", "User Action 'Waved' is not Joined, Joined before or Left"),
        (9, "Timestamp", "Timestamp '6/31/2021, 3:06:00 PM' is not a real date"),
        (11, "Full Name", "Full Name is blank"),
        (12, "Timestamp", "Timestamp '6/1/2021, 13:05:00 PM' has an hour over 12 with AM/PM"),
        (13, "Timestamp", "Timestamp is blank"),
    ]
    assert parsed.rejects[0].raw == 'Amy Lowe,Waved,"6/1/2021, 3:05:00 PM"'
    assert table(parsed, "row", "name", "join_text", "leave_text")[-1] == (10, "Amy Lowe", None, "6/1/2021, 3:40:00 PM")
    # Every line is kept (as a record's Joined line or the Left that closed it) or rejected.
    closing_lefts = {4, 6}
    kept = set(parsed.records.row) | closing_lefts
    assert parsed.rows_read == len(kept) + len({item.row for item in parsed.rejects})


def test_legacy_second_join_without_left_keeps_the_first_open(tmp_path):
    text = (
        "Full Name\tUser Action\tTimestamp\n"
        "Tom Baker\tJoined\t6/1/2021, 2:59:38 PM\n"
        "tom baker\tJoined\t6/1/2021, 3:10:00 PM\n"
        "Tom Baker\tLeft\t6/1/2021, 3:30:00 PM\n"
    )
    parsed = parse_attendance(write(tmp_path, utf16le(text)))

    assert table(parsed, "row", "name", "join_text", "leave_text") == [
        (2, "Tom Baker", "6/1/2021, 2:59:38 PM", None),
        (3, "tom baker", "6/1/2021, 3:10:00 PM", "6/1/2021, 3:30:00 PM"),
    ]
