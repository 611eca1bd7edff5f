"""A small council, counted by hand, run through the real assets with dagster.

1,100 employees (E0001-E1100), one roster snapshot. Three programmes:

Learning at Work Week 2025 (LAW): five delivered sessions and one cancelled.
  Participants P = E0001-E0528 (48% of 1,100); everyone else is N = E0529-E1100.
  LAW-01 Welcome, 2 June, Civic Centre: P[0:150]                      150
  LAW-02 Coaching conversations, 3 June, online: P[150:400] + 2 guests 252
  LAW-03 Budgeting basics, 4 June, Depot: P[400:478] present,
         N[0:22] absent (a sheet with Status: 100 registrations)       78
  LAW-04 Coaching conversations, 5 June, online: P[478:528] + P[0:80]  130
  LAW-05 Resilience, 6 June, Civic Centre: P[80:100]                    20
  = 630 attendances; P[0:100] came twice (repeat attenders = 100).
  Cost of delivered sessions 6,500 (the cancelled walk's 500 is not counted): £12.31 per participant.
  Feedback in four exports (see FEEDBACK below): 9 responses counted once.

Action Learning Sets 2025 (ALS): cohorts "Set 1" (5 meetings held) and "Set 2"
  (ALS-23 cancelled, ALS-25 after the refresh: 3 held), for managers only.

Managers Briefing 2025 (MB): two online sessions for managers and no Cohort
  value, so the whole programme is one cohort.

Every group of every breakdown is given below as (group, headcount, LAW participants):
the builder hands out participants P and the others N to the groups in order.
"""

from __future__ import annotations

import functools
from datetime import datetime
from pathlib import Path

import duckdb
import openpyxl

from tests.conftest import materialize

LAW, ALS, MB = "Learning at Work Week 2025", "Action Learning Sets 2025", "Managers Briefing 2025"
EMPLOYEES = 1100
PARTICIPANTS = 528

BREAKDOWNS = {
    "Directorate": [
        ("Adults", 400, 200),
        ("Children", 300, 150),
        ("Resources", 250, 120),
        ("Place", 146, 58),
        ("Chief Executive's", 4, 0),
    ],
    "Grade": [("SO1", 500, 240), ("SO2", 400, 200), ("PO1", 150, 44), ("PO2", 47, 44), ("CX", 3, 0)],
    "Is Manager": [("Y", 100, 60), ("N", 1000, 468)],
    "Location": [("Civic Centre", 690, 330), ("Depot", 300, 146), ("Library", 100, 50), ("Museum", 10, 2)],
    "Sex": [("Female", 600, 300), ("Male", 496, 226), ("Non-binary", 2, 1), ("Prefer not to say", 2, 1)],
}

SESSIONS = [
    # Session ID, Programme, Title, Start, End, Location, Format, Audience, Capacity, Cost, Cohort, Status
    (
        "LAW-01",
        LAW,
        "Welcome to Learning at Work Week",
        "2025-06-02 10:00",
        "2025-06-02 11:00",
        "Civic Centre",
        "in person",
        "All staff",
        200,
        1000,
        "",
        "",
    ),
    (
        "LAW-02",
        LAW,
        "Coaching conversations",
        "2025-06-03 10:00",
        "2025-06-03 11:00",
        "Online",
        "online",
        "All staff",
        300,
        1500,
        "",
        "",
    ),
    (
        "LAW-03",
        LAW,
        "Budgeting basics",
        "2025-06-04 14:00",
        "2025-06-04 15:00",
        "Depot",
        "in person",
        "All staff",
        100,
        1000,
        "",
        "",
    ),
    (
        "LAW-04",
        LAW,
        "Coaching conversations",
        "2025-06-05 10:00",
        "2025-06-05 11:00",
        "Online",
        "online",
        "All staff",
        300,
        1500,
        "",
        "",
    ),
    (
        "LAW-05",
        LAW,
        "Resilience",
        "2025-06-06 10:00",
        "2025-06-06 11:00",
        "Civic Centre",
        "in person",
        "All staff",
        150,
        1500,
        "",
        "",
    ),
    (
        "LAW-06",
        LAW,
        "Wellbeing walk",
        "2025-06-09 12:00",
        "2025-06-09 13:00",
        "Park",
        "in person",
        "All staff",
        30,
        500,
        "",
        "Cancelled",
    ),
    *[
        (
            f"ALS-1{k}",
            ALS,
            f"Set 1 meeting {k}",
            f"2025-{day} 09:30",
            f"2025-{day} 12:30",
            "Civic Centre",
            "in person",
            "Managers",
            9,
            300,
            "Set 1",
            "",
        )
        for k, day in enumerate(["05-12", "05-19", "05-26", "06-02", "06-09"], start=1)
    ],
    *[
        (
            f"ALS-2{k}",
            ALS,
            f"Set 2 meeting {k}",
            f"2025-{day} 09:30",
            f"2025-{day} 12:30",
            "Civic Centre",
            "in person",
            "Managers",
            9,
            300,
            "Set 2",
            status,
        )
        for k, (day, status) in enumerate(
            [("05-13", ""), ("05-20", ""), ("05-27", "Cancelled"), ("06-03", ""), ("07-08", "")], start=1
        )
    ],
    (
        "MB-1",
        MB,
        "Managers briefing: June",
        "2025-06-10 09:00",
        "2025-06-10 10:00",
        "Online",
        "online",
        "Managers",
        100,
        0,
        "",
        "",
    ),
    (
        "MB-2",
        MB,
        "Managers briefing: budgets",
        "2025-06-17 09:00",
        "2025-06-17 10:00",
        "Online",
        "online",
        "Managers",
        100,
        0,
        "",
        "",
    ),
]


def employee_id(index: int) -> str:
    return f"E{index + 1:04d}"


def email(index: int) -> str:
    return f"{employee_id(index).lower()}@example.gov.uk"


P = list(range(PARTICIPANTS))
N = list(range(PARTICIPANTS, EMPLOYEES))


def attributes() -> list[dict[str, str]]:
    """Each employee's group in every breakdown: participants and others dealt out group by group."""
    people = [dict() for _ in range(EMPLOYEES)]
    for column, groups in BREAKDOWNS.items():
        taken_p = taken_n = 0
        for name, headcount, participants in groups:
            for index in P[taken_p : taken_p + participants] + N[taken_n : taken_n + headcount - participants]:
                people[index][column] = name
            taken_p, taken_n = taken_p + participants, taken_n + headcount - participants
        assert taken_p == PARTICIPANTS and taken_p + taken_n == EMPLOYEES
    return people


PEOPLE = attributes()
MANAGERS = [index for index, person in enumerate(PEOPLE) if person["Is Manager"] == "Y"]
SET_1, SET_2, BRIEFED = MANAGERS[0:8], MANAGERS[8:12], MANAGERS[20:24]
NOT_A_MANAGER = N[100]


def roster_csv() -> bytes:
    header = (
        "Employee ID,First Name,Last Name,Email,Directorate,Service,Grade,Is Manager,Location,Start Date,Leave Date,"
        "Sex,Age Band"
    )
    lines = [header]
    for index, person in enumerate(PEOPLE):
        lines.append(
            f"{employee_id(index)},Ann,Person{index + 1:04d},{email(index)},{person['Directorate']},Service,"
            f"{person['Grade']},{person['Is Manager']},{person['Location']},01/09/2015,,{person['Sex']},"
        )
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def sessions_csv() -> bytes:
    header = (
        "Session ID,Programme,Title,Start,End,Location,Format,Audience,Capacity,Cost (GBP),Intranet Path,Topic,"
        "Cohort,Status"
    )
    lines = [header]
    for sid, programme, title, start, end, location, form, audience, capacity, cost, cohort, status in SESSIONS:
        lines.append(
            f"{sid},{programme},{title},{start},{end},{location},{form},{audience},{capacity},{cost},,,{cohort},{status}"
        )
    return ("\n".join(lines) + "\n").encode("utf-8")


def signin(rows: list[tuple], with_status: bool) -> bytes:
    header = "Session ID,Employee ID,Email,Status" if with_status else "Session ID,Employee ID,Email"
    return ("\r\n".join([header, *(",".join(row) for row in rows)]) + "\r\n").encode("cp1252")


def law_signin() -> bytes:
    present = [("LAW-01", P[0:150]), ("LAW-02", P[150:400]), ("LAW-04", P[478:528] + P[0:80]), ("LAW-05", P[80:100])]
    rows = [(session, employee_id(index), "") for session, people in present for index in people]
    rows += [("LAW-02", "", "jo.guest@partner.org.uk"), ("LAW-02", "", "sam.visitor@charity.org.uk")]
    return signin(rows, with_status=False)


def law_03_sheet() -> bytes:
    rows = [("LAW-03", employee_id(index), "", "Present") for index in P[400:478]]
    rows += [("LAW-03", employee_id(index), "", "Absent") for index in N[0:22]]
    return signin(rows, with_status=True)


def als_sheet() -> bytes:
    set_1 = [f"ALS-1{k}" for k in range(1, 6)]
    marks = {  # Set 1 member -> status at ALS-11..ALS-15
        SET_1[0]: "PPPPP",
        SET_1[1]: "PPPPP",
        SET_1[2]: "PPPPP",
        SET_1[3]: "PPPPP",
        SET_1[4]: "PPPPA",  # 4 of 5 = 80%: completes
        SET_1[5]: "PPPAA",  # 3 of 5: does not
        SET_1[6]: "AAAAA",  # booked, never came: a member who does not complete
        SET_1[7]: "CCCCC",  # cancelled every booking: not a member
    }
    words = {"P": "Present", "A": "Absent", "C": "Cancelled", "-": ""}
    rows = [
        (session, employee_id(person), "", words[mark])
        for person, line in marks.items()
        for session, mark in zip(set_1, line)
    ]
    set_2 = ["ALS-21", "ALS-22", "ALS-24"]
    marks_2 = {SET_2[0]: "PPP", SET_2[1]: "PPP", SET_2[2]: "PPA", SET_2[3]: "P--"}  # "-": booked, not marked
    rows += [
        (session, employee_id(person), "", words[mark])
        for person, line in marks_2.items()
        for session, mark in zip(set_2, line)
    ]
    rows.append(("ALS-21", employee_id(NOT_A_MANAGER), "", "Present"))  # not in a managers' programme's headcount
    return signin(rows, with_status=True)


def mb_sheet() -> bytes:
    rows = [("MB-1", employee_id(index), "") for index in BRIEFED] + [
        ("MB-2", employee_id(index), "") for index in BRIEFED[:3]
    ]
    return signin(rows, with_status=False)


# Feedback ------------------------------------------------------------------
# R1-R5 in a Microsoft Forms CSV (Windows-1252, CRLF, day/month not settled by the file);
# the XLSX re-export repeats R1 and R2 (same IDs and completion times, real date cells) and adds R8;
# G1-G3 in Google Forms; S1 in SurveyMonkey.
FORMS_HEADER = (
    "ID,Start time,Completion time,Email,Name,Which lab did you attend?,Overall rating,"
    "How likely are you to recommend this lab to a colleague?,Any other comments?"
)
R1_COMMENT = "Great – email me at jo.bloggs@example.gov.uk or call 07700 900123"


def forms_csv() -> bytes:
    lines = [
        FORMS_HEADER,
        f'1,3/6/25 10:50:00,3/6/25 10:55:00,anonymous,,Coaching conversations,Excellent,10,"{R1_COMMENT}"',
        f"2,4/6/25 15:00:10,4/6/25 15:02:00,{email(P[400]).upper()},Ann Person0401,Budgeting basics,4,9,",
        f"3,6/6/25 08:58:00,6/6/25 09:00:00,{email(N[50])},Ann Person0579,Coaching conversations,7,8,Très utile",
        "4,6/6/25 11:29:00,6/6/25 11:30:00,anonymous,,law-05,Good,6,",
        "5,6/6/25 11:40:00,6/6/25 11:41:00,anonymous,,Knitting for beginners,Good,9,",
    ]
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def forms_xlsx(path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    sheet.append(["Id", *FORMS_HEADER.split(",")[1:]])
    sheet.append(
        [
            1,
            datetime(2025, 6, 3, 10, 50),
            datetime(2025, 6, 3, 10, 55),
            "anonymous",
            None,
            "Coaching conversations",
            "Excellent",
            10,
            R1_COMMENT,
        ]
    )
    sheet.append(
        [
            2,
            datetime(2025, 6, 4, 15, 0, 10),
            datetime(2025, 6, 4, 15, 2),
            email(P[400]).upper(),
            "Ann Person0401",
            "Budgeting basics",
            4,
            9,
            None,
        ]
    )
    sheet.append(
        [
            8,
            datetime(2025, 6, 6, 11, 59),
            datetime(2025, 6, 6, 12, 0),
            email(P[80]),
            "Ann Person0081",
            "Resilience",
            "Average",
            9,
            "Good pace",
        ]
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)


def google_csv() -> bytes:
    lines = [
        '"Timestamp","Email address","Which session did you attend?","Overall, how would you rate the session?",'
        '"How likely are you to recommend this session to a colleague?","What will you do differently?"',
        f'"2025/06/05 11:05:00 AM GMT+1","{email(P[480])}","Coaching conversations","Strongly agree","10",'
        '"Ask more open questions"',
        '"2025/06/05 11:10:00 AM GMT+1","","Coaching conversations","Disagree","3","Too long. Call 020 7946 0018"',
        '"2025/06/05 11:15:00 AM GMT+1","visitor@partner.org.uk","Coaching conversations","Agree","9",""',
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def surveymonkey_csv() -> bytes:
    lines = [
        "Respondent ID,Collector ID,Start Date,End Date,IP Address,Email Address,First Name,Last Name,Custom Data 1,"
        "Which event did you attend?,How would you rate the event overall?,"
        "How likely is it that you would recommend this event to a friend or colleague?,Any other comments?",
        ",,,,,,,,,Response,Response,Response,Open-Ended Response",
        f"114270371901,431829562,06/02/2025 11:20:00 AM,06/02/2025 11:30:00 AM,10.20.30.40,{email(N[60])},Ann,"
        "Person0589,,"
        "Welcome to Learning at Work Week,4,7,Good start",
    ]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


# Building and running ------------------------------------------------------


def write_raw(raw: Path) -> None:
    files = {
        "roster/workforce_2025-06-01.csv": roster_csv(),
        "sessions/catalogue.csv": sessions_csv(),
        "attendance/law_signin.csv": law_signin(),
        "attendance/law_03_bookings.csv": law_03_sheet(),
        "attendance/als_register.csv": als_sheet(),
        "attendance/mb_signin.csv": mb_sheet(),
        "feedback/law_forms.csv": forms_csv(),
        "feedback/coaching_google.csv": google_csv(),
        "feedback/welcome_surveymonkey.csv": surveymonkey_csv(),
    }
    for name, data in files.items():
        path = raw / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    forms_xlsx(raw / "feedback" / "law_forms_reexport.xlsx")


# What the marts and feedback tests read, built with what they read (the intranet assets on no logs).
TABLES = (
    "staging.attendance_unlinked",
    "core.responses",
    "marts.programme_reach",
    "marts.reach_by_group",
    "marts.cohort_summary",
    "marts.ten_things",
    "marts.programme_sources",
)


def run(base: Path, config: str = "[refresh]\nas_of = 2025-06-20T12:00:00\n") -> Path:
    """Materialise the tables the tests read, and the assets upstream of them, on the raw folder under `base`.

    Returns the warehouse.
    """
    (base / "uptake.toml").write_text(config, encoding="utf-8")
    materialize(base, *TABLES)
    return base / "warehouse" / "uptake.duckdb"


@functools.cache
def council(base: Path) -> Path:
    """The scenario above, built and run once per test session (shared by tests/feedback and tests/marts)."""
    folder = base / "council"
    write_raw(folder / "raw")
    return run(folder)


def query(warehouse: Path, sql: str, parameters=None) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        return connection.execute(sql, parameters).fetchall()
