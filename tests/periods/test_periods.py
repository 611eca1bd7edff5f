"""The year in learning (SPEC section 5) on a hand-counted council of eleven employees over two years.

Roster snapshots (year starts 1 April; as_of 30 June 2025 18:00, so 2025/26 runs "to date" 30 June):
- 2024-04-01: E01-E08 (E03 in Place).
- 2025-03-01: E01-E08 (E03 moved to Resources; E08 left 10 February 2025) and E09, who joined 6 January 2025.
- 2025-06-01: E01-E07, E09-E11. Around the to date: E06 leaves 29 June (out), E07 leaves 30 June (in, active
  on D), E10 starts 1 July (out), E11 starts 30 June (in).

Sessions (all staff; cost 100 each, I-01 250):
- Coaching circles: C-01 14 May 2024 and C-02 31 March 2025 (the last day of 2024/25) in 2024/25, C-03
  1 April 2025 in 2025/26: the programme straddles two periods. Sign-in sheets (2 hours each).
- Induction 2025: I-01 10 June 2025 09:00-11:00 on Zoom (measured presence), I-02 in July (not yet
  delivered), I-03 cancelled.
- Nothing in 2023/24: 2024/25 has no comparison.

Who came: C-01 E01, E02, E08 (E03 absent); C-02 E01, E04, E09; C-03 E01, E05, E06; I-01 E02 90 minutes,
E03 30 minutes (partial), E07 08:50-11:20 (2 hours once clipped), a guest. E04 answered C-03's form.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.attendance.scenario import materialise, utf8_bom
from tests.conftest import query

HEADER = (
    "Employee ID,First Name,Last Name,Email,Directorate,Service,Grade,Is Manager,Location,Start Date,Leave Date\r\n"
)


def roster(rows: list[str]) -> str:
    return HEADER + "".join(row + "\r\n" for row in rows)


def person(number: int, directorate: str, start: str = "2015-01-05", leave: str = "") -> str:
    return (
        f"E{number:02d},First{number},Last{number},e{number:02d}@council.gov.uk,{directorate},Service,SO1,N,"
        f"Civic Centre,{start},{leave}"
    )


APRIL_2024 = [
    person(1, "Adults"),
    person(2, "Adults"),
    person(3, "Place"),
    person(4, "Place"),
    person(5, "Place"),
    person(6, "Place"),
    person(7, "Resources"),
    person(8, "Resources"),
]
MARCH_2025 = [
    person(1, "Adults"),
    person(2, "Adults"),
    person(3, "Resources"),
    person(4, "Place"),
    person(5, "Place"),
    person(6, "Place"),
    person(7, "Resources"),
    person(8, "Resources", leave="2025-02-10"),
    person(9, "Resources", start="2025-01-06"),
]
JUNE_2025 = [
    person(1, "Adults"),
    person(2, "Adults"),
    person(3, "Resources"),
    person(4, "Place"),
    person(5, "Place"),
    person(6, "Place", leave="2025-06-29"),
    person(7, "Resources", leave="2025-06-30"),
    person(9, "Resources", start="2025-01-06"),
    person(10, "Place", start="2025-07-01"),
    person(11, "Adults", start="2025-06-30"),
]

CATALOGUE_ROWS = [  # Session ID, Programme, Title, Start, End, Location, Format, Cost, Status (all staff)
    (
        "C-01",
        "Coaching circles",
        "Coaching circle - May",
        "2024-05-14 10:00",
        "2024-05-14 12:00",
        "Civic Centre",
        "in person",
        100,
        "",
    ),
    (
        "C-02",
        "Coaching circles",
        "Coaching circle - March",
        "2025-03-31 14:00",
        "2025-03-31 16:00",
        "Civic Centre",
        "in person",
        100,
        "",
    ),
    (
        "C-03",
        "Coaching circles",
        "Coaching circle - April",
        "2025-04-01 10:00",
        "2025-04-01 12:00",
        "Civic Centre",
        "in person",
        100,
        "",
    ),
    (
        "I-01",
        "Induction 2025",
        "Welcome to the council",
        "2025-06-10 09:00",
        "2025-06-10 11:00",
        "Zoom",
        "online",
        250,
        "",
    ),
    (
        "I-02",
        "Induction 2025",
        "Welcome to the council (July)",
        "2025-07-15 09:00",
        "2025-07-15 11:00",
        "Zoom",
        "online",
        250,
        "",
    ),
    (
        "I-03",
        "Induction 2025",
        "Welcome to the council (cancelled)",
        "2025-06-20 09:00",
        "2025-06-20 11:00",
        "Zoom",
        "online",
        250,
        "cancelled",
    ),
]
CATALOGUE = (
    "Session ID,Programme,Title,Start,End,Location,Format,Audience,Capacity,Cost (GBP),Intranet Path,Topic,Status\r\n"
) + "".join(
    f"{sid},{programme},{title},{start},{end},{location},{kind},All staff,50,{cost},,Learning,{status}\r\n"
    for sid, programme, title, start, end, location, kind, cost, status in CATALOGUE_ROWS
)

ZOOM = utf8_bom(
    "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants,\r\n"
    "845 1111 2222,Welcome to the council,06/10/2025 08:50:00 AM,06/10/2025 11:20:00 AM,host@partner.org,150,4,\r\n"
    "\r\n"
    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent\r\n"
    "First2 Last2,e02@council.gov.uk,06/10/2025 09:00:00 AM,06/10/2025 10:30:00 AM,90,No,Y\r\n"
    "First3 Last3,e03@council.gov.uk,06/10/2025 09:00:00 AM,06/10/2025 09:30:00 AM,30,No,Y\r\n"
    "First7 Last7,e07@council.gov.uk,06/10/2025 08:50:00 AM,06/10/2025 11:20:00 AM,150,No,Y\r\n"
    "Visitor One,visitor@partner.org,06/10/2025 09:00:00 AM,06/10/2025 11:00:00 AM,120,Yes,Y\r\n"
)


def sign_in(session_id: str, present: list[int], absent: list[int] = ()) -> str:
    rows = [f"{session_id},E{n:02d},Present" for n in present] + [f"{session_id},E{n:02d},Absent" for n in absent]
    return "Session ID,Employee ID,Status\r\n" + "".join(row + "\r\n" for row in rows)


FEEDBACK = (
    '"Timestamp","Email address","Which session did you attend?","Overall, how would you rate the session?",'
    '"How likely are you to recommend this session to a colleague?"\r\n'
    '"2025/04/01 3:10:00 PM GMT+1","e04@council.gov.uk","Coaching circle - April","4","9"\r\n'
    '"2025/04/02 9:00:00 AM GMT+1","","Coaching circle - April","5","10"\r\n'
)

FILES = {
    "roster/roster_2024-04-01.csv": roster(APRIL_2024),
    "roster/roster_2025-03-01.csv": roster(MARCH_2025),
    "roster/roster_2025-06-01.csv": roster(JUNE_2025),
    "sessions/catalogue.csv": CATALOGUE,
    "attendance/C-01 sign in.csv": sign_in("C-01", [1, 2, 8], [3]),
    "attendance/C-02 sign in.csv": sign_in("C-02", [1, 4, 9]),
    "attendance/C-03 sign in.csv": sign_in("C-03", [1, 5, 6]),
    "attendance/induction zoom.csv": ZOOM,
    "feedback/Coaching circles (Responses) - Form responses 1.csv": FEEDBACK,
}
AS_OF = '[refresh]\nas_of = "2025-06-30T18:00:00"\n'


@pytest.fixture(scope="module")
def council(tmp_path_factory):
    return materialise(tmp_path_factory.mktemp("two-years"), FILES, AS_OF)


def reach(root, period: str, columns: str) -> tuple:
    return query(root, f"select {columns} from marts.period_reach where period = ?", [period])[0]


def test_periods_reported_are_the_current_one_and_earlier_ones_with_sessions(council):
    assert query(council, "select period, period_start, period_end, to_date, is_current from marts.period_reach") == [
        ("2024/25", date(2024, 4, 1), date(2025, 3, 31), date(2025, 3, 31), False),
        ("2025/26", date(2025, 4, 1), date(2026, 3, 31), date(2025, 6, 30), True),
    ]


def test_the_current_period_so_far(council):
    # Headcount on 30 June from the June snapshot: E01-E05, E07 (leaves on D), E09, E11 (starts on D).
    # C-03 and I-01 only (I-02 not yet, I-03 cancelled). E06 came to C-03 but left on 29 June: an
    # attendance, not a participant. Learning hours: 2 + 2 (sign-in, C-03) + 1.5 + 0.5 + 2 (Zoom, clipped).
    assert reach(
        council,
        "2025/26",
        "headcount, programmes, sessions_delivered, participants, participation_pct, "
        "attendances, learning_hours, learning_hours_per_employee, engaged_people, engaged_pct, "
        "feedback_responses, avg_rating, total_cost_gbp, cost_per_participant_gbp",
    ) == (8, 2, 2, 5, 62.5, 7, 8.0, 1.0, 6, 75.0, 2, 4.5, 350.0, 70.0)


def test_the_same_point_last_year(council):
    # 2024/25 cut at 30 June 2024 18:00: C-01 only; headcount on 30 June 2024 from the April 2024
    # snapshot (E01-E08, E08 still there): 3 participants of 8, 6 learning hours.
    assert reach(
        council,
        "2025/26",
        "prev_sessions_delivered, prev_participants, prev_participation_pct, "
        "prev_attendances, prev_learning_hours_per_employee, prev_engaged_pct",
    ) == (1, 3, 37.5, 3, 0.75, 37.5)
    assert reach(
        council,
        "2025/26",
        "change_sessions_delivered, change_participants, change_participation_pct, "
        "change_attendances, change_learning_hours_per_employee, change_engaged_pct",
    ) == (1, 2, 25.0, 4, 0.25, 37.5)


def test_a_complete_period_with_a_session_on_its_last_day_and_no_period_before_it(council):
    # C-02 on 31 March 2025 belongs to 2024/25. Headcount on 31 March from the March snapshot: E01-E07 and
    # E09 (E08 left in February): participants E01, E02, E04, E09; E08's C-01 attendance still counts.
    assert reach(
        council,
        "2024/25",
        "headcount, sessions_delivered, participants, participation_pct, attendances, learning_hours, total_cost_gbp",
    ) == (8, 2, 4, 50.0, 6, 10.0, 200.0)
    # 2023/24 had no delivered session: no comparison, and no change.
    assert reach(
        council,
        "2024/25",
        "prev_sessions_delivered, prev_participants, prev_participation_pct, "
        "change_participants, change_participation_pct",
    ) == (None, None, None, None, None)


def test_month_by_month_with_new_and_cumulative_participants(council):
    assert query(
        council,
        "select month, sessions_delivered, attendances, participants, new_participants, "
        "cumulative_participants, cumulative_participation_pct from marts.period_monthly "
        "where period = '2025/26'",
    ) == [
        (date(2025, 4, 1), 1, 3, 2, 2, 2, 25.0),
        (date(2025, 5, 1), 0, 0, 0, 0, 2, 25.0),
        (date(2025, 6, 1), 1, 4, 3, 3, 5, 62.5),
    ]
    previous = query(
        council,
        "select month, participants, new_participants, cumulative_participants "
        "from marts.period_monthly where period = '2024/25'",
    )
    assert len(previous) == 12
    assert previous[1] == (date(2024, 5, 1), 2, 2, 2)  # E08 left before 31 March: not in the 2024/25 headcount
    assert previous[-1] == (date(2025, 3, 1), 3, 2, 4)  # E01 came in May already


def test_programmes_side_by_side_count_only_their_sessions_in_the_period(council):
    assert query(
        council,
        "select period, programme, sessions_delivered, headcount, participants, participation_pct, "
        "avg_rating, nps, cost_per_participant_gbp from marts.period_programmes",
    ) == [
        ("2024/25", "Coaching circles", 2, 8, 4, 50.0, None, None, 50.0),
        ("2025/26", "Coaching circles", 1, 8, 2, 25.0, 4.5, 100.0, 50.0),
        ("2025/26", "Induction 2025", 1, 8, 3, 37.5, None, None, 250 / 3),
    ]


def test_a_directorate_move_between_snapshots(council):
    """E03 is in Place on the April 2024 snapshot and in Resources from March 2025."""
    directorate = query(
        council,
        """
        select headcount.period, headcount.basis, headcount.directorate
        from core.period_headcount as headcount
        join staging.person_identifiers as ids on ids.person_key = headcount.person_key
        where ids.kind = 'employee_id' and ids.value = 'E03'
        order by all""",
    )
    # 2024/25's previous cut (2023/24, to 31 March 2024) has no snapshot on or before it: the earliest counts.
    assert directorate == [
        ("2024/25", "previous", "Place"),
        ("2024/25", "this", "Resources"),
        ("2025/26", "previous", "Place"),
        ("2025/26", "this", "Resources"),
    ]
    assert query(
        council,
        "select group_name, headcount, participants from marts.equality_monitoring "
        "where period = '2025/26' and dimension = 'directorate'",
    ) == [("Adults", 3, 2), ("Place", 2, 1), ("Resources", 3, 2)]


def test_ten_things_leave_out_what_rests_on_two_sessions_or_two_answers(council):
    things = query(council, "select metric, text from marts.period_ten_things where period = '2025/26' order by rank")
    assert things == [
        ("participants", "5 employees took part in at least one session so far this year"),
        ("participation_pct", "63% of the workforce took part in a session so far this year"),
        ("change_participation_pct", "Participation was 25 points higher than at the same point last year (38%)"),
        ("engaged_pct", "An estimated 75% of the workforce got involved in some way so far this year"),
        ("learning_hours", "Staff spent 8 hours learning so far this year"),
        ("attendances", "There were 7 attendances so far this year"),
        ("cost_per_participant_gbp", "Learning cost £70 per participant"),
    ]


def page(root, relative: str) -> str:
    return (root / "reports" / relative).read_text(encoding="utf-8")


def test_the_year_pages_say_the_change_or_no_comparison(council):
    current = page(council, "2025-26/index.html")
    assert "<h1>The year in learning 2025/26</h1>" in current
    assert "Up 25 points on the same point last year" in current
    assert "Up 2 people on the same point last year" in current
    assert "No comparison" in page(council, "2024-25/index.html")
    assert "5 employees took part in at least one session so far this year." in page(council, "2025-26/ten-things.html")
    front = page(council, "index.html")
    assert "The year in learning 2025/26 so far" in front and 'href="2025-26/index.html"' in front


def test_small_groups_are_hidden_on_the_pages_and_in_the_csv(council):
    # Every directorate has fewer than five employees: headcount, shares and participant figures are [c].
    rows = (council / "reports" / "2025-26" / "equality.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rows[0].startswith("period,dimension,group,headcount,workforce_share_pct,participants")
    assert "2025/26,directorate,Adults,[c],[c],[c],[c],[c],[c],[c],[c],[c]" in rows
    resources = page(council, "directorates/resources.html")
    assert "Resources: [c] took part" in resources and "it has no rank" in resources


def test_the_year_pages_carry_no_personal_data(council):
    for relative in (
        "2025-26/index.html",
        "2025-26/ten-things.html",
        "2025-26/equality.csv",
        "2024-25/index.html",
        "index.html",
        "directorates/resources.html",
    ):
        text = page(council, relative).lower()
        assert "@council.gov.uk" not in text and "first2" not in text and "e02" not in text, relative


def test_directorates_this_year_and_month_by_month(council):
    # Every directorate has fewer than five employees: hidden, so none is ranked.
    assert query(
        council,
        "select directorate, headcount, participants, organisation_participation_pct, suppressed, "
        "rank, directorates_shown from marts.period_directorates where period = '2025/26'",
    ) == [
        ("Adults", 3, 2, 62.5, True, None, 0),
        ("Place", 2, 1, 62.5, True, None, 0),
        ("Resources", 3, 2, 62.5, True, None, 0),
    ]
    # Resources: E03 and E07 first came in June; E09 never did.
    assert query(
        council,
        "select month, cumulative_participants, organisation_cumulative_participation_pct, "
        "suppressed from marts.period_directorate_monthly "
        "where period = '2025/26' and directorate = 'Resources'",
    ) == [(date(2025, 4, 1), 0, 25.0, True), (date(2025, 5, 1), 0, 25.0, True), (date(2025, 6, 1), 2, 62.5, True)]
