"""Which files are attendance exports: detection from content, files that are not, and the shared samples."""

import codecs

import pytest

from pipelines.formats.attendance import parse_attendance
from pipelines.formats.tables import NotATable
from tests.conftest import SAMPLES

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def table(parsed, *columns):
    """Records as tuples of the given columns, missing values as None."""
    frame = parsed.records[list(columns)].astype(object)
    return list(frame.where(frame.notna(), None).itertuples(index=False, name=None))


def write(tmp_path, data, name):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "attendance.csv", "the file is empty"),
        (b"  \r\n\r\n", "attendance.csv", "the file is empty"),
        (PNG, "teams report.csv", "not text"),
        (PNG, "signin.xlsx", "cannot be opened"),
        (
            b"Employee ID,Name,Email,Directorate\r\nE01234,Zoe Adams,zoe.adams@example.gov.uk,Place\r\n",
            "roster.csv",
            "not those of an attendance export",
        ),
        (  # a catalogue has a Session ID but names nobody
            b"Session ID,Programme,Title,Start\nLAW-07,Learning at Work Week,Coaching,2025-06-03 14:00\n",
            "signin.csv",
            "not those of an attendance export",
        ),
        (b"just a note about the session\n", "zoom.csv", "not those of an attendance export"),
    ],
)
def test_files_that_are_not_attendance_exports_are_skipped_with_the_accepted_formats(tmp_path, data, name, message):
    with pytest.raises(NotATable) as raised:
        parse_attendance(write(tmp_path, data, name))

    assert message in str(raised.value)
    for accepted in ("Microsoft Teams", "Zoom participants report", "Eventbrite attendee export", "sign-in sheet"):
        assert accepted in str(raised.value)


def test_format_comes_from_content_not_file_name(tmp_path):
    text = "Full Name\tUser Action\tTimestamp\nTom Baker\tJoined\t6/1/2021, 2:59:38 PM\n"
    parsed = parse_attendance(write(tmp_path, codecs.BOM_UTF16_LE + text.encode("utf-16-le"), "zoom_export.csv"))

    assert parsed.format == "teams-legacy"
    assert table(parsed, "row", "name", "join_text", "leave_text") == [(2, "Tom Baker", "6/1/2021, 2:59:38 PM", None)]


def test_headers_only_means_no_rows(tmp_path):
    parsed = parse_attendance(write(tmp_path, b"Session ID,Employee ID,Email,Status\r\n", "signin.csv"))

    assert (parsed.format, parsed.rows_read, len(parsed.records), parsed.rejects) == ("signin-sheet", 0, 0, [])
    assert parsed.records.registered.dtype == bool


# The shared samples (tests/fixtures/formats, copied from ../shared/formats), counted by hand from the files.
SAMPLE_EXPECTATIONS = {
    "teams_3section_utf16le.csv": (
        "teams-3-section",
        4,
        [
            (11, "Okafor, Ngozi", "ngozi.okafor@example.gov.uk", None, None, 3814.0, None),  # 1h 3m 34s
            (12, "Tom Baker", "t.baker@example.gov.uk", "03/06/25, 14:00:05", "03/06/25, 14:30:00", None, None),
            (12, "Tom Baker", "t.baker@example.gov.uk", "03/06/25, 14:37:46", "03/06/25, 15:00:01", None, None),
            (13, "Lena Fischer", "lena@partner.example.org", None, None, 2280.0, None),  # 38m, "(External)" dropped
            (14, "Raj Mehta", "raj.mehta@example.gov.uk", None, None, 570.0, None),  # 9m 30s
        ],
        {"meeting_title": "Coaching conversations", "date_order": None},
    ),
    "teams_legacy_utf16le.csv": (
        "teams-legacy",
        7,
        [
            (2, "Ngozi Okafor", None, "6/3/2025, 1:58:10 PM", "6/3/2025, 3:01:44 PM", None, None),
            (3, "Tom Baker", None, "6/3/2025, 2:00:05 PM", "6/3/2025, 2:30:00 PM", None, None),
            (5, "Tom Baker", None, "6/3/2025, 2:37:46 PM", None, None, None),
            (6, "Raj Mehta", None, "6/3/2025, 2:10:00 PM", "6/3/2025, 2:19:30 PM", None, None),
        ],
        {"meeting_title": None, "date_order": "mdy"},
    ),
    "zoom_participants_meeting_block.csv": (
        "zoom-participants",
        4,
        [
            (
                5,
                "Ngozi Okafor",
                "ngozi.okafor@example.gov.uk",
                "06/03/2025 01:58:00 PM",
                "06/03/2025 03:02:00 PM",
                None,
                None,
            ),
            (
                6,
                "Tom Baker",
                "tom.baker@example.gov.uk",
                "06/03/2025 02:00:05 PM",
                "06/03/2025 02:30:00 PM",
                None,
                None,
            ),
            (
                7,
                "Tom Baker",
                "tom.baker@example.gov.uk",
                "06/03/2025 02:37:46 PM",
                "06/03/2025 03:00:01 PM",
                None,
                None,
            ),
            (8, "iPhone", None, "06/03/2025 02:05:00 PM", "06/03/2025 02:45:00 PM", None, None),
        ],
        {"meeting_title": "Coaching conversations", "date_order": "mdy"},
    ),
    "zoom_unique_users.csv": (
        "zoom-unique-users",
        3,
        [
            (2, "Ngozi Okafor", "ngozi.okafor@example.gov.uk", None, None, 3840.0, None),
            (3, "Tom Baker", "tom.baker@example.gov.uk", None, None, 3180.0, None),
            (4, "iPhone", None, None, None, 2400.0, None),
        ],
        {"meeting_title": None, "date_order": None},
    ),
    "teams_meeting_summary_2022_utf16le.csv": (
        "teams-meeting-summary",
        6,
        [
            (
                9,
                "Priya Sandhu",
                "priya.sandhu@northmoor.gov.uk",
                "6/4/2025, 10:00:04 AM",
                "6/4/2025, 11:31:40 AM",
                None,
                None,
            ),
            (
                10,
                "Tom Reeve",
                "tom.reeve@northmoor.gov.uk",
                "6/4/2025, 10:02:11 AM",
                "6/4/2025, 10:40:09 AM",
                None,
                None,
            ),
            (
                11,
                "Tom Reeve",
                "tom.reeve@northmoor.gov.uk",
                "6/4/2025, 10:44:30 AM",
                "6/4/2025, 11:30:02 AM",
                None,
                None,
            ),
            (12, "Ada Okafor", None, "6/4/2025, 10:05:57 AM", "6/4/2025, 11:29:13 AM", None, None),  # "(Guest)" dropped
            (13, "Sam Lee", "sam.lee@partner.org.uk", "6/4/2025, 10:06:20 AM", "6/4/2025, 10:21:48 AM", None, None),
            (14, "Ravi Patel", None, "6/4/2025, 10:10:01 AM", "6/4/2025, 11:31:40 AM", None, None),  # "(Unverified)"
        ],
        {"meeting_title": "Coaching conversations", "meeting_start_text": "6/4/2025, 10:00:04 AM", "date_order": "mdy"},
    ),
    "zoom_2025_id_block.csv": (
        "zoom-participants",
        4,  # the two waiting-room rows are not attendance rows
        [
            (
                5,
                "Priya Sandhu",
                "priya.sandhu@northmoor.gov.uk",
                "06/05/2025 01:58:40 PM",
                "06/05/2025 03:30:12 PM",
                None,
                None,
            ),
            (
                7,
                "Jo Baker",
                "jo.baker@northmoor.gov.uk",
                "06/05/2025 01:59:40 PM",
                "06/05/2025 03:29:55 PM",
                None,
                None,
            ),
            (
                9,
                "Lena Fischer",
                "lena.fischer@northmoor.gov.uk",
                "06/05/2025 02:03:50 PM",
                "06/05/2025 02:40:05 PM",
                None,
                None,
            ),
            (
                10,
                "Kwame Mensah",
                "kwame.mensah@northmoor.gov.uk",
                "06/05/2025 02:00:15 PM",
                "06/05/2025 03:30:12 PM",
                None,
                None,
            ),  # "(Host)" dropped
        ],
        {"meeting_title": "Data for decisions", "meeting_start_text": "06/05/2025 01:58:40 PM", "date_order": "mdy"},
    ),
    "zoom_several_meetings.csv": (
        "zoom-meetings",
        5,
        [  # the participant's own "User Email", not the host's before it
            (
                2,
                "Priya Sandhu",
                "priya.sandhu@northmoor.gov.uk",
                "06/10/2025 09:30:21",
                "06/10/2025 10:31:01",
                None,
                None,
            ),
            (3, "Jo Baker", "jo.baker@northmoor.gov.uk", "06/10/2025 09:31:05", "06/10/2025 10:30:40", None, None),
            (4, "Visitor Tablet", None, "06/10/2025 09:40:00", "06/10/2025 09:52:30", None, None),
            (
                6,
                "Priya Sandhu",
                "priya.sandhu@northmoor.gov.uk",
                "06/11/2025 14:00:10",
                "06/11/2025 15:02:43",
                None,
                None,
            ),
            (
                7,
                "Lena Fischer",
                "lena.fischer@northmoor.gov.uk",
                "06/11/2025 14:01:30",
                "06/11/2025 15:02:40",
                None,
                None,
            ),
        ],
        # month-first from the Creation Time 05/20/2025; each row carries its own meeting (see test_attendance_zoom)
        {"meeting_title": None, "date_order": "mdy"},
    ),
    "eventbrite_uk.csv": (
        "eventbrite",
        3,
        [
            (2, "Ngozi Okafor", "ngozi.okafor@example.gov.uk", None, None, None, "present"),
            (3, "Raj Mehta", "raj.mehta@example.gov.uk", None, None, None, "registered"),
            (4, "Amy Lowe", "amy.lowe@example.gov.uk", None, None, None, "cancelled"),
        ],
        {"meeting_title": "Working with volunteers", "date_order": None},
    ),
    "eventbrite_us.csv": (
        "eventbrite",
        1,
        [(2, "Tom Baker", "tom.baker@example.gov.uk", None, None, None, "present")],
        {"meeting_title": None, "date_order": "mdy"},
    ),
    "signin_sheet.csv": (
        "signin-sheet",
        2,
        [
            (2, None, None, None, None, None, "present"),
            (3, None, "amy.lowe@example.gov.uk", None, None, None, "absent"),
        ],
        {"meeting_title": None, "date_order": None},
    ),
}


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="the export samples (tests/fixtures/formats) are not here")
@pytest.mark.parametrize("name", sorted(SAMPLE_EXPECTATIONS))
def test_shared_samples(name):
    format_name, rows_read, records, meta = SAMPLE_EXPECTATIONS[name]
    parsed = parse_attendance(SAMPLES / name)

    assert parsed.format == format_name
    assert parsed.rows_read == rows_read
    assert parsed.rejects == []
    columns = ("row", "name", "email", "join_text", "leave_text", "duration_seconds", "status")
    assert table(parsed, *columns) == records
    assert {key: parsed.meta[key] for key in meta} == meta


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="the export samples (tests/fixtures/formats) are not here")
@pytest.mark.parametrize(
    "name",
    [
        "roster.csv",
        "sessions.csv",
        "corrections.csv",
        "google_forms.csv",
        "msforms.xlsx",
        "surveymonkey.csv",
        "apache_combined.log",
        "iis_w3c.log",
    ],
)
def test_other_shared_samples_are_not_attendance(name):
    with pytest.raises(NotATable):
        parse_attendance(SAMPLES / name)
