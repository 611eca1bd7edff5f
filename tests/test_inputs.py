"""The roster and the catalogue through the pipeline: repeats quarantined, the first row kept, nothing lost."""

from tests.conftest import materialize, put, query


def test_a_repeated_employee_or_session_is_quarantined_and_the_first_kept(workspace):
    put(
        workspace,
        "roster/roster_2025-06-01.csv",
        "Employee ID,Name,Email,Directorate,Grade,Is Manager,Start Date\n"
        "E1,Amy Lowe,amy@example.gov.uk,Place,SO1,N,2020-01-01\n"
        "e1,Amy Lowe again,amy2@example.gov.uk,Resources,SO2,N,2020-01-01\n"
        "E2,Raj Mehta,raj@example.gov.uk,Place,SO1,Y,2020-01-01\n",
    )
    put(
        workspace,
        "sessions/sessions.csv",
        "Session ID,Programme,Title,Start,End,Capacity\n"
        "S-1,P,Lab one,2025-06-02 10:00,2025-06-02 11:00,10\n"
        "s-1,P,Lab one (typo),2025-06-03 10:00,2025-06-03 11:00,10\n",
    )
    put(workspace, "attendance/S-1.csv", "Session ID,Employee ID\nS-1,E1\nS-1,E2\n")
    materialize(workspace, "audit.files", "marts.programme_reach", "marts.reach_by_group")
    assert query(workspace, "select file, row_number, column_name from quarantine.records order by file") == [
        ("roster/roster_2025-06-01.csv", 3, "Employee ID"),
        ("sessions/sessions.csv", 3, "Session ID"),
    ]
    assert query(workspace, "select file, rows_read, rows_kept, rows_quarantined from audit.files order by file") == [
        ("attendance/S-1.csv", 2, 2, 0),
        ("roster/roster_2025-06-01.csv", 3, 2, 1),
        ("sessions/sessions.csv", 2, 1, 1),
    ]
    assert query(workspace, "select title from core.sessions") == [("Lab one",)]
    assert query(workspace, "select headcount, participants, participation_pct from marts.programme_reach") == [
        (2, 2, 100.0)
    ]
    assert query(
        workspace, "select group_name, headcount from marts.reach_by_group where dimension = 'directorate'"
    ) == [("Place", 2)]
