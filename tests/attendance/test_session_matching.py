"""Which session an export is about, and in which order its dates are written (SPEC section 2).

Money Matters 2025, every session 60 minutes:
  MM-01 Budgeting basics    Tue 6 May 10:00     MM-04 Spending wisely   Tue 27 May 10:00
  MM-02 Budgeting basics    Tue 20 May 10:00    MM-05 Saving            Tue 3 June 10:00
  MM-03 Pensions explained  Tue 13 May 14:00    MM-06 Debt advice       Wed 4 June 10:00

Every export below either lands on the session worked out in its comment, or is quarantined
with the reason a user can act on; nothing is dropped silently.
"""

import pytest

from tests.attendance.scenario import CATALOGUE_HEADER, ROSTER, attendees, build_tables, utf8_bom, utf16le
from tests.conftest import query

PROGRAMME = "Money Matters 2025"

CATALOGUE = CATALOGUE_HEADER + "".join(
    f"{session},{PROGRAMME},{title},{start},{end},Online,online,All staff,20,100,,Money\r\n"
    for session, title, start, end in [
        ("MM-01", "Budgeting basics", "2025-05-06 10:00", "2025-05-06 11:00"),
        ("MM-02", "Budgeting basics", "2025-05-20 10:00", "2025-05-20 11:00"),
        ("MM-03", "Pensions explained", "2025-05-13 14:00", "2025-05-13 15:00"),
        ("MM-04", "Spending wisely", "2025-05-27 10:00", "2025-05-27 11:00"),
        ("MM-05", "Saving", "2025-06-03 10:00", "2025-06-03 11:00"),
        ("MM-06", "Debt advice", "2025-06-04 10:00", "2025-06-04 11:00"),
    ]
)


def teams(title: str, start: str, end: str, people: list[tuple[str, str, str, str]]) -> bytes:
    """A Teams 3-section report; each person (name, e-mail, join, leave) has one join in section 3."""
    return utf16le(
        "1. Summary\r\n"
        f"Meeting title\t{title}\r\n"
        f"Attended participants\t{len(people)}\r\n"
        f"Start time\t{start}\r\n"
        f"End time\t{end}\r\n"
        "\r\n"
        "2. Participants\r\n"
        "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole\r\n"
        + "".join(f"{name}\t{join}\t{leave}\t1m\t{email}\t{email}\tAttendee\r\n" for name, email, join, leave in people)
        + "\r\n3. In-Meeting Activities\r\n"
        "Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole\r\n"
        + "".join(f"{name}\t{join}\t{leave}\t1m\t{email}\tAttendee\r\n" for name, email, join, leave in people)
    )


def zoom(topic: str, day: str, people: list[tuple[str, str, str, str]]) -> bytes:
    """A Zoom participants report with its meeting block; times are AM/PM, so month-first."""
    return utf8_bom(
        "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants,\r\n"
        f"812 3456 7890,{topic},{day} 09:59:00 AM,{day} 11:01:00 AM,host@council.gov.uk,62,{len(people)},\r\n"
        "\r\n"
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent\r\n"
        + "".join(f"{name},{email},{day} {join},{day} {leave},1,No,Y\r\n" for name, email, join, leave in people)
    )


def unique_users(*people: tuple[str, str, int]) -> bytes:
    return utf8_bom(
        "Name (Original Name),User Email,Total Duration (Minutes),Guest\r\n"
        + "".join(f"{name},{email},{minutes},No\r\n" for name, email, minutes in people)
    )


EVENTBRITE_HEADER = (
    "Order no.,Order Date,First Name,Surname,Email,Quantity,Price Tier,Ticket Type,Attendee no.,Group,Order Type,"
    "Currency,Total Paid,Fees Paid,Eventbrite Fees,Eventbrite Payment Processing,Attendee Status,Event Name,Event ID,"
    "Job Title\n"
)


def eventbrite(event: str, *people: tuple[str, str, str, str]) -> str:
    return EVENTBRITE_HEADER + "".join(
        f"61000000{index:02},2025-04-20 10:02:11+01:00,{first},{last},{email},1,,Free ticket,81000000{index:02},,"
        f"Free Order,GBP,0,0,0,0,{status},{event},700000000009,Officer\n"
        for index, (first, last, email, status) in enumerate(people, start=1)
    )


NGOZI, TOM, RAJ, AMY = (
    ("Ngozi Okafor", "ngozi.okafor@council.gov.uk"),
    ("Tom Baker", "tom.baker@council.gov.uk"),
    ("Raj Mehta", "raj.mehta@council.gov.uk"),
    ("Amy Lowe", "amy.lowe@council.gov.uk"),
)

FILES = {
    "roster/roster-2025-05-01.csv": ROSTER,
    "sessions/catalogue.csv": CATALOGUE,
    "corrections/corrections.csv": "Kind,Value,Maps To\r\nsession,Spending wisely (moved),MM-04\r\n",
    # "05/06/25" is 5 June day-first (no Budgeting basics then) or 6 May month-first (MM-01):
    # the session's date settles the order, and Ngozi's 10:00-10:45 is read in it.
    "attendance/teams budgeting.csv": teams(
        "Budgeting basics",
        "05/06/25, 09:58:00",
        "05/06/25, 10:50:00",
        [(*NGOZI, "05/06/25, 10:00:00", "05/06/25, 10:45:00")],
    ),
    # Same title; AM/PM makes it month-first, 20 May: MM-02. Tom stays exactly half the hour.
    "attendance/zoom budgeting.csv": zoom("Budgeting basics", "05/20/2025", [(*TOM, "10:00:00 AM", "10:30:00 AM")]),
    # The same title, but an Eventbrite export has no session date: it cannot be told apart.
    "attendance/eventbrite budgeting.csv": eventbrite("Budgeting basics", ("Amy", "Lowe", AMY[1], "Attending")),
    # A title no other session has: matched on the title alone.
    "attendance/eventbrite pensions.csv": eventbrite("Pensions explained", ("Raj", "Mehta", RAJ[1], "Checked In")),
    # The meeting was renamed; a session correction maps its title to MM-04.
    "attendance/zoom spending.csv": zoom(
        "Spending wisely (moved)", "05/27/2025", [(*AMY, "10:00:00 AM", "11:00:00 AM")]
    ),
    # No session has this title.
    "attendance/zoom briefing.csv": zoom(
        "Budget briefing", "05/21/2025", [(*NGOZI, "10:00:00 AM", "11:00:00 AM"), (*TOM, "10:00:00 AM", "10:10:00 AM")]
    ),
    # In MM-02's folder, but "03/04/25" is 3 April or 4 March, never 20 May.
    "attendance/MM-02/teams.csv": teams(
        "Budgeting basics",
        "03/04/25, 09:58:00",
        "03/04/25, 10:50:00",
        [(*RAJ, "03/04/25, 10:00:00", "03/04/25, 10:40:00"), (*AMY, "03/04/25, 10:05:00", "03/04/25, 10:40:00")],
    ),
    # Folders: the innermost names the session; a folder may also carry a title only one session has.
    "attendance/June/MM-05/participants.csv": unique_users((*TOM, 45)),
    "attendance/Debt advice/participants.csv": unique_users((*RAJ, 20)),
    # Nothing names a session: no Session ID, no session folder, no title.
    "attendance/participants.csv": unique_users((*AMY, 60)),
    # A Session ID column wins over everything; an unknown ID is quarantined row by row.
    "attendance/signin.csv": "Session ID,Employee ID,Email\r\nMM-03,E002,\r\nMM-99,E004,\r\nmm-03,,"
    "ngozi.okafor@council.gov.uk\r\n",
}


@pytest.fixture(scope="module")
def money(tmp_path_factory):
    return build_tables(tmp_path_factory.mktemp("money-matters"), FILES)


def test_files_land_on_the_sessions_worked_out_by_hand(money):
    matched = query(
        money,
        "select file, string_agg(distinct session_id, ' ' order by session_id) from staging.attendance group by file",
    )

    assert dict(matched) == {
        "attendance/teams budgeting.csv": "MM-01",  # title + date, month-first
        "attendance/zoom budgeting.csv": "MM-02",  # title + date
        "attendance/eventbrite pensions.csv": "MM-03",  # title alone, unique
        "attendance/zoom spending.csv": "MM-04",  # session correction
        "attendance/June/MM-05/participants.csv": "MM-05",  # innermost folder
        "attendance/Debt advice/participants.csv": "MM-06",  # folder named after a unique title
        "attendance/signin.csv": "MM-03",  # Session ID column, any case
    }


def test_the_session_date_settles_an_ambiguous_date_order(money):
    # Read month-first, 10:00-10:45 on 6 May: 45 of 60 minutes. Day-first it would be 5 June, outside MM-01.
    assert attendees(money, "MM-01") == {"E001": ("attended", 45 * 60)}
    # Exactly half the scheduled length is attended.
    assert attendees(money, "MM-02") == {"E002": ("attended", 30 * 60)}


def test_what_matches_no_session_is_quarantined_with_the_reason(money):
    quarantined = query(
        money,
        "select file, row_number, column_name, reason from quarantine.records where source = 'attendance' order by "
        "file, row_number",
    )

    assert quarantined == [
        ("attendance/MM-02/teams.csv", 9, "Session", NEITHER_ORDER),
        ("attendance/MM-02/teams.csv", 10, "Session", NEITHER_ORDER),
        (
            "attendance/eventbrite budgeting.csv",
            2,
            "Session",
            "no session matched: 2 sessions are called 'Budgeting basics' (MM-01, MM-02) and the file has no date "
            "to tell them apart: put the file in a folder named after its session",
        ),
        (
            "attendance/participants.csv",
            2,
            "Session",
            "no session matched: the file names no session: add a Session ID column, put the file in a folder named "
            "after the session (attendance/LAW-07/...), or add a session correction",
        ),
        (
            "attendance/signin.csv",
            3,
            "Session",
            "no session matched: Session ID 'MM-99' is not in the session catalogue",
        ),
        ("attendance/zoom briefing.csv", 5, "Session", UNKNOWN_TITLE),
        ("attendance/zoom briefing.csv", 6, "Session", UNKNOWN_TITLE),
    ]


NEITHER_ORDER = (
    "no session matched: neither day-first nor month-first puts its dates on 20 May 2025, the date of session MM-02: "
    "check that the file belongs to that session"
)
UNKNOWN_TITLE = (
    "no session matched: no session in the catalogue is called 'Budget briefing': add a session correction for it"
)


def test_every_attendance_row_is_kept_or_quarantined(money):
    files = query(
        money, "select file, rows_read, rows_kept, rows_quarantined from audit.files where file like 'attendance/%'"
    )

    assert all(read == kept + quarantined for _, read, kept, quarantined in files)
    assert {file: (read, kept, quarantined) for file, read, kept, quarantined in files} == {
        "attendance/teams budgeting.csv": (1, 1, 0),
        "attendance/zoom budgeting.csv": (1, 1, 0),
        "attendance/eventbrite budgeting.csv": (1, 0, 1),
        "attendance/eventbrite pensions.csv": (1, 1, 0),
        "attendance/zoom spending.csv": (1, 1, 0),
        "attendance/zoom briefing.csv": (2, 0, 2),
        "attendance/MM-02/teams.csv": (2, 0, 2),
        "attendance/June/MM-05/participants.csv": (1, 1, 0),
        "attendance/Debt advice/participants.csv": (1, 1, 0),
        "attendance/participants.csv": (1, 0, 1),
        "attendance/signin.csv": (3, 2, 1),
    }


def test_quarantined_records_count_nowhere(money):
    figures = query(
        money, "select session_id, attendances, registrations from marts.session_metrics order by session_id"
    )

    # MM-02: only Tom's Zoom record; the Teams file in its folder was quarantined, the ambiguous
    # Eventbrite booking too. MM-03: Raj checked in (a registration), Tom and Ngozi signed in.
    # Sessions without booking data have no registrations (NULL, not 0).
    assert figures == [
        ("MM-01", 1, None),
        ("MM-02", 1, None),
        ("MM-03", 3, 1),
        ("MM-04", 1, None),
        ("MM-05", 1, None),
        ("MM-06", 1, None),
    ]
