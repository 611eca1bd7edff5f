"""Linking people, counting guests, and the status each (session, person) ends with (SPEC section 3).

Wellbeing Week 2025 runs with `attended_share = 0.75`: attended means 45 of the 60 scheduled minutes.

WW-01 Mindfulness, Mon 16 June 10:00-11:00
  Zoom (meeting block)
    Priya Shah (Guest)   no e-mail: "(Guest)" dropped, her name -> E006     10:00-10:50 50 min attended
    Sam Green            e-mail                                             10:00-10:40 40 min partial (attended at 0.5)
    Visitor One          visitor@partner.org                                10:00-10:20
    Visitor 1            VISITOR@partner.org: the same e-mail, one guest    10:30-10:50
    Kim Taylor           no e-mail, a guest by name                         10:00-10:15
    KIM  TAYLOR          the same name as written, whatever the case        10:40-10:55 -> 30 min partial
    Dan Brown            dan@home.example: an e-mail no employee has, so a guest, though one
                         employee is called Dan Brown (names link only name-only records)  attended
    Early Bird           no e-mail, 09:30-09:55: nothing inside the schedule and no booking: no status
    iPad                 ipad-user@ext.org; corrections for "iPad" (E002) and for the e-mail
                         (E003): the e-mail's wins -> Raj                  10:00-10:50 attended
    Old Phone            a correction to E999, which no roster has: a guest   10:00-10:10 partial
  Teams legacy in attendance/WW-01/ (names only)
    Visitor One          10:20-10:30: the name written on the visitor@ guest's records, so that
                         guest: 10:00-10:20 + 10:20-10:30 + 10:30-10:50 = 50 min attended
    ZOE ADAMS            joined 10:00, no Left: 60 min -> E005 (case- and accent-insensitive) attended
    Amy Lowe             10:00-10:50                                        attended
  Eventbrite UK in attendance/WW-01/
    Amy Lowe Not Attending: cancelled, yet she came: an attendance, not a registration
    Chris Lee Attending, never seen: no-show
    Tom Baker Deleted, then booked again and Checked In: attended, a registration
    Ngozi Okafor Refunded: cancelled, counts nowhere
  sign-in sheet with a Status column
    E008 Sam Absent (Zoom saw him: partial wins); E012 Dan Brown blank (booked, never seen: no-show);
    E009 John Smith Cancelled (counts nowhere)
  => attended 7 (Priya, visitor@, dan@ guest, Raj, Zoë, Amy, Tom), partial 3 (Sam, Kim Taylor, Old Phone),
     attendances 10, no-shows 2 (Chris, Dan), registrations 4 (Sam, Chris, Tom, Dan), guests 4

WW-02 Sleep well, Tue 17 June 10:00-11:00: a sign-in sheet without Status: Kim Taylor and Visitor One,
  names only. Guests are counted within a session, so both are new guests here.
  => attended 2, attendances 2, guests 2, no booking data (registrations and no-shows not known)

Programme: attendances 12, guests 6, registrations 4, no-shows 2; participants E002, E003, E004,
E005, E006, E008 = 6 of 11.
"""

import pytest

from tests.attendance.scenario import (
    AS_OF,
    CATALOGUE_HEADER,
    HEADCOUNT,
    ROSTER,
    attendees,
    build_tables,
    by_session,
    utf8_bom,
    utf16le,
)
from tests.conftest import query

PROGRAMME = "Wellbeing Week 2025"

CATALOGUE = CATALOGUE_HEADER + (
    f"WW-01,{PROGRAMME},Mindfulness,2025-06-16 10:00,2025-06-16 11:00,Online,online,All staff,20,0,,Wellbeing\r\n"
    f"WW-02,{PROGRAMME},Sleep well,2025-06-17 10:00,2025-06-17 11:00,Civic Centre,in person,All staff,20,0,,"
    "Wellbeing\r\n"
)

ZOOM = utf8_bom(
    "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants,\r\n"
    "845 1111 2222,Mindfulness,06/16/2025 09:30:00 AM,06/16/2025 11:00:00 AM,host@council.gov.uk,90,10,\r\n"
    "\r\n"
    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent\r\n"
    "Priya Shah (Guest),,06/16/2025 10:00:00 AM,06/16/2025 10:50:00 AM,50,Yes,Y\r\n"
    "Sam Green,sam.green@council.gov.uk,06/16/2025 10:00:00 AM,06/16/2025 10:40:00 AM,40,No,Y\r\n"
    "Visitor One,visitor@partner.org,06/16/2025 10:00:00 AM,06/16/2025 10:20:00 AM,20,Yes,Y\r\n"
    "Visitor 1,VISITOR@partner.org,06/16/2025 10:30:00 AM,06/16/2025 10:50:00 AM,20,Yes,Y\r\n"
    "Kim Taylor,,06/16/2025 10:00:00 AM,06/16/2025 10:15:00 AM,15,Yes,Y\r\n"
    "KIM  TAYLOR,,06/16/2025 10:40:00 AM,06/16/2025 10:55:00 AM,15,Yes,Y\r\n"
    "Dan Brown,dan@home.example,06/16/2025 10:00:00 AM,06/16/2025 11:00:00 AM,60,Yes,Y\r\n"
    "Early Bird,,06/16/2025 09:30:00 AM,06/16/2025 09:55:00 AM,25,Yes,Y\r\n"
    "iPad,ipad-user@ext.org,06/16/2025 10:00:00 AM,06/16/2025 10:50:00 AM,50,Yes,Y\r\n"
    "Old Phone,,06/16/2025 10:00:00 AM,06/16/2025 10:10:00 AM,10,Yes,Y\r\n"
)

TEAMS_LEGACY = utf16le(
    "Full Name\tUser Action\tTimestamp\n"
    "ZOE ADAMS\tJoined\t6/16/2025, 10:00:00 AM\n"
    "Amy Lowe\tJoined\t6/16/2025, 10:00:00 AM\n"
    "Visitor One\tJoined\t6/16/2025, 10:20:00 AM\n"
    "Visitor One\tLeft\t6/16/2025, 10:30:00 AM\n"
    "Amy Lowe\tLeft\t6/16/2025, 10:50:00 AM\n"
)

EVENTBRITE = (
    "Order no.,Order Date,First Name,Surname,Email,Quantity,Price Tier,Ticket Type,Attendee no.,Group,Order Type,"
    "Currency,Total Paid,Fees Paid,Eventbrite Fees,Eventbrite Payment Processing,Attendee Status,Event Name,Event ID,"
    "Job Title\n"
    "6200000001,2025-06-01 09:00:00+01:00,Amy,Lowe,amy.lowe@council.gov.uk,1,,Free ticket,8200000001,,Free Order,GBP,"
    "0,0,0,0,Not Attending,Mindfulness,700000000002,Officer\n"
    "6200000002,2025-06-01 09:05:00+01:00,Chris,Lee,chris.lee@council.gov.uk,1,,Free ticket,8200000002,,Free Order,"
    "GBP,0,0,0,0,Attending,Mindfulness,700000000002,Officer\n"
    "6200000003,2025-06-02 12:00:00+01:00,Tom,Baker,tom.baker@council.gov.uk,1,,Free ticket,8200000003,,Free Order,"
    "GBP,0,0,0,0,Deleted,Mindfulness,700000000002,Officer\n"
    "6200000004,2025-06-03 12:00:00+01:00,Tom,Baker,tom.baker@council.gov.uk,1,,Free ticket,8200000004,,Free Order,"
    "GBP,0,0,0,0,Checked In,Mindfulness,700000000002,Officer\n"
    "6200000005,2025-06-03 15:30:00+01:00,Ngozi,Okafor,ngozi.okafor@council.gov.uk,1,,Free ticket,8200000005,,"
    "Free Order,GBP,0,0,0,0,Refunded,Mindfulness,700000000002,Manager\n"
)

FILES = {
    "roster/roster-2025-05-01.csv": ROSTER,
    "sessions/catalogue.csv": CATALOGUE,
    "corrections/corrections.csv": (
        "Kind,Value,Maps To\r\nperson,iPad,E002\r\nperson,IPAD-USER@EXT.ORG,E003\r\nperson,Old Phone,E999\r\n"
    ),
    "attendance/zoom mindfulness.csv": ZOOM,
    "attendance/WW-01/meetingAttendanceList.csv": TEAMS_LEGACY,
    "attendance/WW-01/eventbrite.csv": EVENTBRITE,
    "attendance/bookings WW-01.csv": "Session ID,Employee ID,Status\r\nWW-01,E008,Absent\r\nWW-01,E012,\r\nWW-01,E009,"
    "Cancelled\r\n",
    "attendance/signin WW-02.csv": "Session ID,Email,Name\r\nWW-02,,Kim Taylor\r\nWW-02,,Visitor One\r\n",
}


@pytest.fixture(scope="module")
def wellbeing(tmp_path_factory):
    return build_tables(
        tmp_path_factory.mktemp("wellbeing-week"), FILES, AS_OF + "[attendance]\nattended_share = 0.75\n"
    )


def test_each_person_and_guest_ends_with_the_status_worked_out_by_hand(wellbeing):
    assert attendees(wellbeing, "WW-01") == {
        "E006": ("attended", 50 * 60),
        "E008": ("partial", 40 * 60),
        "email:visitor@partner.org": ("attended", 50 * 60),
        "name:kim taylor": ("partial", 30 * 60),
        "email:dan@home.example": ("attended", 60 * 60),
        "E003": ("attended", 50 * 60),
        "name:old phone": ("partial", 10 * 60),
        "E005": ("attended", 60 * 60),
        "E004": ("attended", 50 * 60),
        "E007": ("no_show", 0),
        "E002": ("attended", 0),  # checked in
        "E001": ("cancelled", 0),
        "E012": ("no_show", 0),
        "E009": ("cancelled", 0),
    }
    assert attendees(wellbeing, "WW-02") == {"name:kim taylor": ("attended", 0), "name:visitor one": ("attended", 0)}


def test_session_and_programme_figures(wellbeing):
    assert by_session(wellbeing, "attendances, attended, partial, no_shows, registrations, guests") == {
        "WW-01": (10, 7, 3, 2, 4, 4),
        "WW-02": (2, 2, 0, None, None, 2),  # a Teams report carries no bookings: not known, not 0
    }
    assert query(
        wellbeing,
        "select headcount, participants, attendances, guests, registrations, no_shows from marts.programme_reach",
    ) == [(HEADCOUNT, 6, 12, 6, 4, 2)]


def test_links_say_which_rule_made_them(wellbeing):
    def links(file_pattern):
        return sorted(
            query(
                wellbeing,
                "select distinct name, linked_employee_id, linked_by from staging.attendance_linked where file like ?",
                [file_pattern],
            )
        )

    assert links("%zoom%") == [
        ("Dan Brown", None, None),
        ("Early Bird", None, None),
        ("KIM  TAYLOR", None, None),
        ("Kim Taylor", None, None),
        ("Old Phone", None, None),
        ("Priya Shah", "E006", "name"),  # "(Guest)" dropped by the parser
        ("Sam Green", "E008", "email"),
        ("Visitor 1", None, None),
        ("Visitor One", None, None),
        ("iPad", "E003", "correction"),
    ]
    assert links("%WW-01/meeting%") == [
        ("Amy Lowe", "E004", "name"),
        ("Visitor One", None, None),
        ("ZOE ADAMS", "E005", "name"),
    ]


def test_unlinked_people_say_why_with_a_correction_line(wellbeing):
    unlinked = {
        row[0].lower(): row[1:]
        for row in query(
            wellbeing,
            "select value, unlinked_reason, unlinked_detail, sessions, records,"
            " correction_line from staging.attendance_unlinked",
        )
    }

    assert unlinked["dan@home.example"] == (
        "no match",
        "no employee has the e-mail dan@home.example (one employee is called 'Dan Brown', but a name links only "
        "a record that carries nothing else)",
        1,
        1,
        "person,dan@home.example,",
    )
    assert unlinked["old phone"] == (
        "unknown correction target",
        "a person correction maps it to Employee ID E999, which is in no roster snapshot",
        1,
        1,
        "person,Old Phone,",
    )
    # Two spellings in WW-01 and one in WW-02: one line to paste covers them all.
    assert unlinked["kim taylor"][0:1] + unlinked["kim taylor"][2:] == ("no match", 2, 3, "person,KIM TAYLOR,")
    assert set(unlinked) == {
        "dan@home.example",
        "early bird",
        "kim taylor",
        "old phone",
        "visitor one",
        "visitor@partner.org",
    }
