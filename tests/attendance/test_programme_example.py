"""One programme whose attendance comes in every export people really download, worked by hand.

Learning at Work Week 2025 has five sessions (catalogue below), each scheduled for
60 minutes except LAW-03 (180). attended = present >= 50% of the scheduled length
(30 min; 90 min for LAW-03) or checked in / marked present; partial = more than 0, less.

LAW-01 Coaching conversations, Tue 3 June 14:00-15:00, capacity 10
  Teams 3-section report (title + date: "Coaching conversations" is also LAW-02's title;
  its dates "03/06/25" are ambiguous and only day-first puts them on a session's date)
    Okafor, Ngozi  e-mail     total 1h 3m 34s, capped at 60 min          attended
    Tom Baker      UPN        joins 14:00:05-14:30:00 + 14:37:46-15:00:01,
                              clipped at 15:00 = 29m55s + 22m14s = 3129 s attended
    Lena Fischer (External)   external e-mail, 38 min                    attended, guest
    Raj Mehta      e-mail     9m 30s                                     partial
  Eventbrite UK in attendance/LAW-01/ (folder): Ngozi Checked In, Raj Attending,
    Amy Lowe Attending (never present: no-show), Chris Lee Not Attending (cancelled)
  => attended 3, partial 1, attendances 4, no-shows 1, registrations 3 (Ngozi, Raj, Amy),
     guests 1, fill 4/10 = 40%

LAW-02 Coaching conversations, Thu 5 June 10:00-11:00, capacity 10
  Zoom participants with its meeting block (title + date: AM/PM makes it month-first, 5 June)
    Zoe (Zoë Adams)  e-mail   10:00-11:00                                attended
    Tom Baker        e-mail   10:00-10:20 and 10:15-10:40 overlap: 40 min attended
    iPhone           no e-mail, person correction -> E007 Chris Lee, 20 min partial
    Guest Speaker    no e-mail, 09:50-10:50 clipped to 50 min            attended, guest
    Sam Green        e-mail   09:30-10:20 clipped to 20 min: partial, but ...
  sign-in XLSX with a Status column: Tom Present, Priya Shah Absent, Sam Present (strongest wins)
  => attended 4 (Zoë, Tom, Guest Speaker, Sam), partial 1 (Chris), attendances 5,
     no-shows 1 (Priya), registrations 3 (Tom, Priya, Sam), guests 1, fill 5/10 = 50%

LAW-03 Managing stress, Mon 9 June 09:30-12:30, capacity 30
  sign-in CSV in Windows-1252 without a Status column (everyone listed came, nobody booked)
    E001 (Employee ID); "Adams, Zoe" (name only: Last, First and no accent -> Zoë Adams);
    "MEHTA, Raj" (name only -> Raj Mehta); "Renée Dupont" (no such employee: guest);
    "John Smith" (two employees are called that: guest); E011 Leah Verne (left in May)
  => attended 6, attendances 6, guests 2, registrations 0

LAW-04 Working with volunteers, Wed 11 June 13:00-14:00, capacity 25
  Teams legacy report in attendance/LAW-04/ (names only, US AM/PM dates)
    Ngozi Okafor   Joined before 12:58, Left 14:05, clipped to 60 min     attended
    Tom Baker      13:00-13:20, then joined 13:30 and no Left: to 14:00 = 50 min attended
    Priya Shah     a Left at 13:10 with no Joined: from 13:00, 10 min      partial
    Amy Lowe       13:50-13:55                                            partial
  Eventbrite US in attendance/LAW-04/: Tom Checked In, Priya Attending (partial wins over
    no-show), Dan Brown Attending (no-show), Chris Lee Refunded (cancelled)
  => attended 2, partial 2, attendances 4, no-shows 1, registrations 3 (Tom, Priya, Dan), guests 0, fill 4/25 = 16%

LAW-05 Resilience, Fri 13 June 10:00-11:00, capacity 20
  Zoom unique users in attendance/LAW-05/ (totals only)
    Ngozi 64 min (capped at 60) attended; Tommy (Tom Baker) 25 min partial; iPhone -> Chris 40 min attended
  => attended 2, partial 1, attendances 3, fill 3/20 = 15%

Programme: attendances 4+5+6+4+3 = 22, guests 1+1+2+0+0 = 4, registrations 3+3+0+3+0 = 9,
no-shows 1+1+0+1+0 = 3 (33.33%), fill 22 attendances / 95 places.
Participants: headcount employees attended or partial anywhere: E001 Ngozi, E002 Tom, E003 Raj,
E004 Amy, E005 Zoë, E006 Priya, E007 Chris, E008 Sam = 8 (Dan only a no-show, the John Smiths
unlinked, Leah not in the headcount) of 11 = 72.73%. Cost 475+475+1100+0+300 = 2350 / 8 = 293.75.

Also in the raw folder: the Zoom report saved a second time under another name, a screenshot and
an empty file, which change nothing.
"""

import pytest

from pipelines.formats.attendance import ACCEPTED
from tests.attendance.scenario import (
    CATALOGUE_HEADER,
    HEADCOUNT,
    ROSTER,
    attendees,
    build_tables,
    by_session,
    status_of,
    utf8_bom,
    utf16le,
    xlsx,
)
from tests.conftest import query, refresh

PROGRAMME = "Learning at Work Week 2025"

CATALOGUE = CATALOGUE_HEADER + (
    f"LAW-01,{PROGRAMME},Coaching conversations,2025-06-03 14:00,2025-06-03 15:00,Online,online,All staff,10,475,,"
    "Coaching\r\n"
    f"LAW-02,{PROGRAMME},Coaching conversations,2025-06-05 10:00,2025-06-05 11:00,Online,online,All staff,10,475,,"
    "Coaching\r\n"
    f"LAW-03,{PROGRAMME},Managing stress,2025-06-09 09:30,2025-06-09 12:30,Civic Centre,in person,All staff,30,1100,,"
    "Wellbeing\r\n"
    f"LAW-04,{PROGRAMME},Working with volunteers,2025-06-11 13:00,2025-06-11 14:00,Online,online,All staff,25,0,,"
    "Community\r\n"
    f"LAW-05,{PROGRAMME},Resilience,2025-06-13 10:00,2025-06-13 11:00,Online,online,All staff,20,300,,Wellbeing\r\n"
)

TEAMS_3_SECTION = utf16le(
    "1. Summary\r\n"
    "Meeting title\tCoaching conversations\r\n"
    "Attended participants\t4\r\n"
    "Start time\t03/06/25, 13:58:10\r\n"
    "End time\t03/06/25, 15:01:44\r\n"
    "Meeting duration\t1h 3m 34s\r\n"
    "Average attendance time\t44m 12s\r\n"
    "\r\n"
    "2. Participants\r\n"
    "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole\r\n"
    "Okafor, Ngozi\t03/06/25, 13:58:10\t03/06/25, 15:01:44\t1h 3m 34s\tngozi.okafor@council.gov.uk\t"
    "ngozi.okafor@council.gov.uk\tOrganiser\r\n"
    "Tom Baker\t03/06/25, 14:00:05\t03/06/25, 15:00:01\t52m 10s\tt.baker@council.gov.uk\ttom.baker@council.gov.uk\t"
    "Attendee\r\n"
    "Lena Fischer (External)\t03/06/25, 14:02:00\t03/06/25, 14:40:00\t38m\tlena@partner.example.org\t"
    "lena@partner.example.org\tAttendee\r\n"
    "Raj Mehta\t03/06/25, 14:10:00\t03/06/25, 14:19:30\t9m 30s\traj.mehta@council.gov.uk\traj.mehta@council.gov.uk\t"
    "Attendee\r\n"
    "\r\n"
    "3. In-Meeting Activities\r\n"
    "Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole\r\n"
    "Tom Baker\t03/06/25, 14:00:05\t03/06/25, 14:30:00\t29m 55s\tt.baker@council.gov.uk\tAttendee\r\n"
    "Tom Baker\t03/06/25, 14:37:46\t03/06/25, 15:00:01\t22m 15s\tt.baker@council.gov.uk\tAttendee\r\n"
)

EVENTBRITE_UK_HEADER = (
    "Order no.,Order Date,First Name,Surname,Email,Quantity,Price Tier,Ticket Type,Attendee no.,Group,Order Type,"
    "Currency,Total Paid,Fees Paid,Eventbrite Fees,Eventbrite Payment Processing,Attendee Status,Event Name,Event ID,"
    "Job Title\n"
)
EVENTBRITE_UK = EVENTBRITE_UK_HEADER + (
    "6100000001,2025-05-20 10:02:11+01:00,Ngozi,Okafor,ngozi.okafor@council.gov.uk,1,,Free ticket,8100000001,,"
    "Free Order,GBP,0,0,0,0,Checked In,Coaching conversations,700000000001,Team Manager\n"
    "6100000002,2025-05-21 16:40:00+01:00,Raj,Mehta,raj.mehta@council.gov.uk,1,,Free ticket,8100000002,,Free Order,"
    "GBP,0,0,0,0,Attending,Coaching conversations,700000000001,Officer\n"
    "6100000003,2025-05-22 09:15:32+01:00,Amy,Lowe,amy.lowe@council.gov.uk,1,,Free ticket,8100000003,,Free Order,GBP,"
    "0,0,0,0,Attending,Coaching conversations,700000000001,Officer\n"
    "6100000004,2025-05-22 11:00:00+01:00,Chris,Lee,chris.lee@council.gov.uk,1,,Free ticket,8100000004,,Free Order,"
    "GBP,0,0,0,0,Not Attending,Coaching conversations,700000000001,Officer\n"
)

ZOOM_MEETING = utf8_bom(
    "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants,\r\n"
    "841 2290 6613,Coaching conversations,06/05/2025 09:58:00 AM,06/05/2025 11:02:00 AM,tom.baker@council.gov.uk,64,6,"
    "\r\n"
    "\r\n"
    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent\r\n"
    "Zoe (Zoë Adams),zoe.adams@council.gov.uk,06/05/2025 10:00:00 AM,06/05/2025 11:00:00 AM,60,No,Y\r\n"
    "Tom Baker,tom.baker@council.gov.uk,06/05/2025 10:00:00 AM,06/05/2025 10:20:00 AM,20,No,Y\r\n"
    "Tom Baker,tom.baker@council.gov.uk,06/05/2025 10:15:00 AM,06/05/2025 10:40:00 AM,25,No,Y\r\n"
    "iPhone,,06/05/2025 10:05:00 AM,06/05/2025 10:25:00 AM,20,Yes,\r\n"
    "Guest Speaker,,06/05/2025 09:50:00 AM,06/05/2025 10:50:00 AM,60,Yes,\r\n"
    "Sam Green,sam.green@council.gov.uk,06/05/2025 09:30:00 AM,06/05/2025 10:20:00 AM,50,No,Y\r\n"
)

SIGNIN_XLSX = xlsx(
    [
        ["Session ID", "Employee ID", "Name", "Status"],
        ["LAW-02", "E002", "Tom Baker", "Present"],
        ["LAW-02", "E006", "Priya Shah", "Absent"],
        ["LAW-02", "E008", "Sam Green", "Present"],
    ]
)

SIGNIN_CP1252 = (
    "Session ID,Employee ID,Email,Name\r\n"
    "LAW-03,E001,,Ngozi Okafor\r\n"
    'LAW-03,,,"Adams, Zoe"\r\n'
    'LAW-03,,,"MEHTA, Raj"\r\n'
    "LAW-03,,,Renée Dupont\r\n"
    "LAW-03,,,John Smith\r\n"
    "LAW-03,E011,,Leah Verne\r\n"
).encode("cp1252")

TEAMS_LEGACY = utf16le(
    "Full Name\tUser Action\tTimestamp\n"
    "Ngozi Okafor\tJoined before\t6/11/2025, 12:58:00 PM\n"
    "Tom Baker\tJoined\t6/11/2025, 1:00:00 PM\n"
    "Priya Shah\tLeft\t6/11/2025, 1:10:00 PM\n"
    "Tom Baker\tLeft\t6/11/2025, 1:20:00 PM\n"
    "Tom Baker\tJoined\t6/11/2025, 1:30:00 PM\n"
    "Amy Lowe\tJoined\t6/11/2025, 1:50:00 PM\n"
    "Amy Lowe\tLeft\t6/11/2025, 1:55:00 PM\n"
    "Ngozi Okafor\tLeft\t6/11/2025, 2:05:00 PM\n"
)

EVENTBRITE_US = (
    "Order #,Order Date,First Name,Last Name,Email,Quantity,Price Tier,Ticket Type,Attendee #,Group,Order Type,"
    "Currency,Total Paid,Fees Paid,Eventbrite Fees,Eventbrite Payment Processing,Attendee Status,Job Title,Company\n"
    "11211912243,06/01/25 22:28,Tom,Baker,tom.baker@council.gov.uk,1,,General Admission,18441583423,,Free Order,USD,0,"
    "0,0,0,Checked In,Officer,Example Council\n"
    "11211912244,06/02/25 09:10,Priya,Shah,priya.shah@council.gov.uk,1,,General Admission,18441583424,,Free Order,USD,"
    "0,0,0,0,Attending,Officer,Example Council\n"
    "11211912245,06/02/25 11:45,Dan,Brown,dan.brown@council.gov.uk,1,,General Admission,18441583425,,Free Order,USD,0,"
    "0,0,0,Attending,Officer,Example Council\n"
    "11211912246,06/03/25 08:00,Chris,Lee,chris.lee@council.gov.uk,1,,General Admission,18441583426,,Free Order,USD,0,"
    "0,0,0,Refunded,Officer,Example Council\n"
)

ZOOM_UNIQUE_USERS = utf8_bom(
    "Name (Original Name),User Email,Total Duration (Minutes),Guest\r\n"
    "Ngozi Okafor,ngozi.okafor@council.gov.uk,64,No\r\n"
    "Tommy (Tom Baker),tom.baker@council.gov.uk,25,No\r\n"
    "iPhone,,40,Yes\r\n"
)

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"

FILES = {
    "roster/roster-2025-05-01.csv": ROSTER,
    "sessions/catalogue.csv": CATALOGUE,
    "corrections/corrections.csv": "Kind,Value,Maps To\r\nperson,iPhone,E007\r\n",
    "attendance/Coaching conversations - Attendance report.csv": TEAMS_3_SECTION,
    "attendance/LAW-01/eventbrite_attendees.csv": EVENTBRITE_UK,
    "attendance/participants_84122906613.csv": ZOOM_MEETING,
    "attendance/zoom/Coaching 5 June (copy).csv": ZOOM_MEETING,  # the same download, saved again
    "attendance/signin LAW-02.xlsx": SIGNIN_XLSX,
    "attendance/signin LAW-03.csv": SIGNIN_CP1252,
    "attendance/LAW-04/meetingAttendanceList.csv": TEAMS_LEGACY,
    "attendance/LAW-04/eventbrite_report.csv": EVENTBRITE_US,
    "attendance/LAW-05/participants_unique.csv": ZOOM_UNIQUE_USERS,
    "attendance/screenshot.png": PNG,
    "attendance/notes.csv": b"",
}


@pytest.fixture(scope="module")
def week(tmp_path_factory):
    return build_tables(tmp_path_factory.mktemp("learning-at-work-week"), FILES)


def test_every_export_is_matched_to_its_session(week):
    matched = query(
        week, "select file, string_agg(distinct session_id, ' ') from staging.attendance group by file order by file"
    )

    assert matched == [
        ("attendance/Coaching conversations - Attendance report.csv", "LAW-01"),  # title + 3 June (day-first)
        ("attendance/LAW-01/eventbrite_attendees.csv", "LAW-01"),  # folder, though LAW-02 shares the Event Name
        ("attendance/LAW-04/eventbrite_report.csv", "LAW-04"),
        ("attendance/LAW-04/meetingAttendanceList.csv", "LAW-04"),
        ("attendance/LAW-05/participants_unique.csv", "LAW-05"),
        ("attendance/participants_84122906613.csv", "LAW-02"),  # title + 5 June (AM/PM: month-first)
        ("attendance/signin LAW-02.xlsx", "LAW-02"),  # Session ID column
        ("attendance/signin LAW-03.csv", "LAW-03"),
    ]


def test_each_person_gets_the_status_worked_out_by_hand(week):
    assert status_of(week, "LAW-01") == {
        "E001": "attended",
        "E002": "attended",
        "email:lena@partner.example.org": "attended",
        "E003": "partial",
        "E004": "no_show",
        "E007": "cancelled",
    }
    assert status_of(week, "LAW-02") == {
        "E005": "attended",
        "E002": "attended",
        "E007": "partial",  # the iPhone, by the person correction
        "name:guest speaker": "attended",
        "E008": "attended",  # partial in Zoom, present on the sign-in sheet: the strongest wins
        "E006": "no_show",
    }
    assert status_of(week, "LAW-03") == {
        "E001": "attended",
        "E005": "attended",
        "E003": "attended",
        "name:renée dupont": "attended",
        "name:john smith": "attended",
        "E011": "attended",
    }
    assert status_of(week, "LAW-04") == {
        "E001": "attended",
        "E002": "attended",
        "E006": "partial",  # booked and partly present: partial beats no-show
        "E004": "partial",
        "E012": "no_show",
        "E007": "cancelled",
    }
    assert status_of(week, "LAW-05") == {"E001": "attended", "E002": "partial", "E007": "attended"}


def test_presence_is_the_union_of_intervals_clipped_to_the_schedule(week):
    law01, law02, law04, law05 = (attendees(week, session) for session in ("LAW-01", "LAW-02", "LAW-04", "LAW-05"))

    assert law01["E001"][1] == 3600  # Teams total 1h 3m 34s, capped at the 60 scheduled minutes
    assert law01["E002"][1] == 1795 + 1334  # 14:00:05-14:30:00 and 14:37:46-15:00:00 (left 15:00:01)
    assert law01["E003"][1] == 570
    assert law02["E002"][1] == 40 * 60  # 10:00-10:20 and 10:15-10:40 overlap: counted once, not 45 min
    assert law02["E008"][1] == 20 * 60  # joined 09:30: only 10:00-10:20 counts
    assert law02["name:guest speaker"][1] == 50 * 60  # 09:50-10:50 clipped to 10:00-10:50
    assert law04["E001"][1] == 60 * 60  # joined before 13:00, left 14:05: the whole hour
    assert law04["E002"][1] == 50 * 60  # 13:00-13:20, then joined 13:30 and no Left: to the scheduled end
    assert law04["E006"][1] == 10 * 60  # a Left at 13:10 and no Joined: from the scheduled start
    assert law05["E001"][1] == 60 * 60  # Zoom total 64 min, capped


def test_session_metrics_are_the_hand_counted_figures(week):
    figures = by_session(
        week, "attendances, attended, partial, no_shows, registrations, guests, capacity, fill_rate_pct"
    )

    assert figures == {
        "LAW-01": (4, 3, 1, 1, 3, 1, 10, 40.0),
        "LAW-02": (5, 4, 1, 1, 3, 1, 10, 50.0),
        "LAW-03": (6, 6, 0, None, None, 2, 30, 20.0),  # no booking data: not known, never 0
        "LAW-04": (4, 2, 2, 1, 3, 0, 25, 16.0),
        "LAW-05": (3, 2, 1, None, None, 0, 20, 15.0),
    }


def test_programme_reach_is_the_hand_counted_figures(week):
    [reach] = query(
        week,
        """
        select sessions_delivered, headcount, participants, participation_pct, attendances, guests,
               registrations, no_shows, no_show_rate_pct, fill_rate_pct, total_cost_gbp, cost_per_participant_gbp
        from marts.programme_reach where programme = ?
        """,
        [PROGRAMME],
    )

    assert reach[:3] == (5, HEADCOUNT, 8)
    assert reach[3] == pytest.approx(8 / 11 * 100)
    assert reach[4:8] == (22, 4, 9, 3)
    assert reach[8] == pytest.approx(3 / 9 * 100)
    assert reach[9] == pytest.approx(22 / 95 * 100)
    assert reach[10:] == (2350, pytest.approx(2350 / 8))


def test_the_ambiguous_name_stays_a_guest_with_the_reason_and_a_correction_line(week):
    unlinked = query(
        week,
        "select value, value_kind, unlinked_reason, unlinked_detail, name_matches, sessions, records, correction_line "
        "from staging.attendance_unlinked",
    )

    assert sorted(unlinked) == [
        (
            "Guest Speaker",
            "name",
            "no match",
            "no employee is called 'Guest Speaker'",
            0,
            1,
            1,
            "person,Guest Speaker,",
        ),
        (
            "John Smith",
            "name",
            "ambiguous name",
            "2 employees are called 'John Smith': add a person correction saying which one it is",
            2,
            1,
            1,
            "person,John Smith,",
        ),
        ("Renée Dupont", "name", "no match", "no employee is called 'Renée Dupont'", 0, 1, 1, "person,Renée Dupont,"),
        (
            "lena@partner.example.org",
            "e-mail",
            "no match",
            "no employee has the e-mail lena@partner.example.org",
            0,
            1,
            1,
            "person,lena@partner.example.org,",
        ),
    ]


def test_records_are_linked_by_the_first_rule_that_applies(week):
    linked_by = query(
        week,
        """
        select linked_by, count(*) from staging.attendance_linked group by all order by linked_by nulls last
        """,
    )

    # Counted from the files. correction: the two iPhones. email: Teams Ngozi and Raj, Eventbrite UK 4,
    # Zoom Zoë, Tom twice and Sam, Eventbrite US 4, Zoom unique users Ngozi and Tom. employee_id: the
    # XLSX's 3 rows, E001 and E011 on the CSV sheet. name: "Adams, Zoe", "MEHTA, Raj" and the legacy
    # report's 5 records (Ngozi, Tom twice, Priya, Amy). upn: Tom's two Teams joins (his Teams e-mail
    # t.baker@ is not the roster's). None: Lena, Guest Speaker, Renée Dupont, John Smith.
    assert linked_by == [
        ("correction", 2),
        ("email", 2 + 4 + 4 + 4 + 2),
        ("employee_id", 3 + 2),
        ("name", 2 + 5),
        ("upn", 2),
        (None, 4),
    ]


def test_audit_skips_the_copy_the_image_and_the_empty_file_with_reasons(week):
    skipped = query(week, "select file, reason from audit.files where status = 'skipped' order by file")

    assert skipped == [
        ("attendance/notes.csv", "not read: the file is empty. " + ACCEPTED),
        (
            "attendance/screenshot.png",
            "not read: the file is not text: line 3 holds a NUL byte (a binary file or a damaged export). " + ACCEPTED,
        ),
        (
            "attendance/zoom/Coaching 5 June (copy).csv",
            "the same file as attendance/participants_84122906613.csv, which was read instead",
        ),
    ]


def test_every_row_read_is_kept_or_quarantined(week):
    files = query(
        week,
        "select file, rows_read, rows_kept, rows_quarantined from audit.files where status = 'ingested' order by file",
    )

    assert all(read == kept + quarantined for _, read, kept, quarantined in files)
    assert {file: read for file, read, _, _ in files} == {
        "attendance/Coaching conversations - Attendance report.csv": 4,
        "attendance/LAW-01/eventbrite_attendees.csv": 4,
        "attendance/LAW-04/eventbrite_report.csv": 4,
        "attendance/LAW-04/meetingAttendanceList.csv": 8,
        "attendance/LAW-05/participants_unique.csv": 3,
        "attendance/participants_84122906613.csv": 6,
        "attendance/signin LAW-02.xlsx": 3,
        "attendance/signin LAW-03.csv": 6,
        "corrections/corrections.csv": 1,
        "roster/roster-2025-05-01.csv": 12,
        "sessions/catalogue.csv": 5,
    }
    assert query(week, "select count(*) from quarantine.records") == [(0,)]


def test_a_whole_refresh_then_gives_the_same_figures(week):
    """The tables built alone (tests/conftest.materialize) are those of a refresh, run here over them."""

    def figures():
        return (
            query(week, "select * exclude (attendee_key) from core.attendance order by all"),
            query(week, "select * from marts.session_metrics order by session_id"),
            query(week, "select * from marts.programme_reach order by programme"),
            query(week, "select * from audit.files order by file"),
            query(week, "select * from staging.attendance_unlinked order by all"),
        )

    before = figures()
    assert refresh(week).published
    assert figures() == before
