"""Eventbrite attendee exports with US and UK headers."""

import codecs

from pipelines.formats.attendance import parse_attendance
from pipelines.formats.attendance_records import RECORD_COLUMNS


def table(parsed, *columns):
    """Records as tuples of the given columns, missing values as None."""
    frame = parsed.records[list(columns)].astype(object)
    return list(frame.where(frame.notna(), None).itertuples(index=False, name=None))


def write(tmp_path, data, name="attendees.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


US = (
    "Order #,Order Date,First Name,Last Name,Email,Quantity,Price Tier,Ticket Type,Attendee #,Group,Order Type,"
    "Currency,Total Paid,Fees Paid,Eventbrite Fees,Eventbrite Payment Processing,Attendee Status,Job Title,Company\n"
    "11211912243,11/29/24 22:28,Tom,Baker,tom.baker@example.gov.uk,1,,General Admission,18441583423,,Free Order,"
    'USD,0,0,0,0,Checked In,Officer,"Example Council, Housing"\n'
    "11211912244,11/29/24 22:31,Raj,Mehta,raj.mehta@example.gov.uk,1,,General Admission,18441583424,,Free Order,"
    "USD,0,0,0,0,Attending,Officer,Example Council\n"
    "11211912245,11/30/24 08:02,Amy,Lowe,amy.lowe@example.gov.uk,1,,General Admission,18441583425,,Free Order,"
    "USD,0,0,0,0,Not Attending,Officer,Example Council\n"
    "11211912246,11/30/24 09:15,Jo,Smith,jo.smith@example.gov.uk,1,,General Admission,18441583426,,Free Order,"
    "USD,0,0,0,0,Deleted,Manager,Example Council\n"
    "11211912247,12/01/24 10:00,Chris,Lee,chris.lee@example.gov.uk,1,,General Admission,18441583427,,Free Order,"
    "USD,0,0,0,0,Refunded,Officer,Example Council\n"
    "11211912248,12/01/24 11:40,Priya,Shah,priya.shah@example.gov.uk,1,,General Admission,18441583428,,Free Order,"
    "USD,0,0,0,0,Transferred,Officer,Example Council\n"
    "11211912249,12/02/24 12:00,Sam,Green,sam.green@example.gov.uk,1,,General Admission,18441583429,,Free Order,"
    "USD,0,0,0,0,Waitlisted,Officer,Example Council\n"
    "11211912250,12/02/24 12:05,Lee,Chan,lee.chan@example.gov.uk,1,,General Admission,18441583430,,Free Order,"
    "USD,0,0,0,0,,Officer,Example Council\n"
)


def test_us_headers_every_attendee_status(tmp_path):
    parsed = parse_attendance(write(tmp_path, codecs.BOM_UTF8 + US.encode("utf-8")))

    assert parsed.format == "eventbrite"
    assert list(parsed.records.columns) == RECORD_COLUMNS
    assert parsed.rows_read == 8
    assert table(parsed, "row", "name", "email", "status", "registered") == [
        (2, "Tom Baker", "tom.baker@example.gov.uk", "present", True),
        (3, "Raj Mehta", "raj.mehta@example.gov.uk", "registered", True),
        (4, "Amy Lowe", "amy.lowe@example.gov.uk", "cancelled", True),
        (5, "Jo Smith", "jo.smith@example.gov.uk", "cancelled", True),
        (6, "Chris Lee", "chris.lee@example.gov.uk", "cancelled", True),
        (7, "Priya Shah", "priya.shah@example.gov.uk", "cancelled", True),
    ]
    assert [(item.row, item.column, item.reason) for item in parsed.rejects] == [
        (
            8,
            "Attendee Status",
            "Attendee Status 'Waitlisted' is not one of Checked In, Attending, Not Attending, Deleted, Refunded, "
            "Transferred",
        ),
        (9, "Attendee Status", "Attendee Status is blank"),
    ]
    assert parsed.records.meeting_title.isna().all() and parsed.records.join_text.isna().all()
    assert parsed.meta == {
        "meeting_title": None,
        "meeting_start_text": None,
        "meeting_end_text": None,
        "date_order": "mdy",  # 11/29/24
    }


UK = (
    "Order no.,Order Date,First Name,Surname,Email,Quantity,Price Tier,Ticket Type,Attendee no.,Group,Order Type,"
    "Currency,Total Paid,Fees Paid,Eventbrite Fees,Eventbrite Payment Processing,Attendee Status,Event Name,Event ID,"
    "Job Title\r\n"
    "6100000001,2025-05-20 10:02:11+01:00,Zoë,Adams,zoe.adams@example.gov.uk,1,,Free ticket,8100000001,,Free Order,"
    "GBP,0,0,0,0,checked in,Working with volunteers,700000000001,Team Manager\r\n"
    "6100000002,2025-05-21 16:40:00+01:00,Raj,Mehta,,1,,Free ticket,8100000002,,Free Order,"
    "GBP,0,0,0,0,Attending,Working with volunteers,700000000001,Officer\r\n"
    "6100000003,2025-05-22 09:15:32+01:00,,,,1,,Free ticket,8100000003,,Free Order,"
    "GBP,0,0,0,0,Attending,Working with volunteers,700000000001,Officer\r\n"
)


def test_uk_headers_with_event_name(tmp_path):
    parsed = parse_attendance(write(tmp_path, UK.encode("utf-8")))

    assert parsed.format == "eventbrite"
    assert parsed.rows_read == 3
    assert table(parsed, "row", "meeting_title", "name", "email", "status", "registered") == [
        (2, "Working with volunteers", "Zoë Adams", "zoe.adams@example.gov.uk", "present", True),
        (3, "Working with volunteers", "Raj Mehta", None, "registered", True),
    ]
    assert [(item.row, item.reason) for item in parsed.rejects] == [(4, "the attendee has no name and no e-mail")]
    assert parsed.meta["meeting_title"] == "Working with volunteers"
    assert parsed.meta["date_order"] is None  # ISO dates settle nothing


def test_several_events_leave_the_file_title_open(tmp_path):
    text = UK.replace("Attending,Working with volunteers", "Attending,Coaching conversations", 1)
    parsed = parse_attendance(write(tmp_path, text.encode("utf-8")))

    assert list(parsed.records.meeting_title) == ["Working with volunteers", "Coaching conversations"]
    assert parsed.meta["meeting_title"] is None
