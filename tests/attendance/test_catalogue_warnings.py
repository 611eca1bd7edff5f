"""A catalogue row set aside, or a cancelled session, that has attendance is a warning naming both (issue 11.7, 11.11).

Skills 2025 (AS_OF 30 June):
  CC-01 Coaching conversations, 4 June: a sign-in sheet row E002 - counted as usual.
  LAW-07 Plain English: its End (09:00) is before its Start (10:00), so its catalogue row is set aside.
    attendance/LAW-07/teams log.csv (folder-matched Teams log, 5 lines) and a sign-in sheet row naming LAW-07
    in its Session ID column are quarantined saying that the catalogue row was set aside, where and why -
    not "put the file in a folder named after the session" - and the refresh warns, naming the row and the files.
  LAW-12 Resilience, 11 June, Status cancelled: a sign-in row E003 for it is kept in staging, counts nowhere,
    and the refresh warns that a cancelled session has attendance.
"""

import pytest

from tests.attendance.scenario import AS_OF, CATALOGUE_HEADER, ROSTER
from tests.conftest import SAMPLES, put, query, refresh

CATALOGUE = CATALOGUE_HEADER.replace("Topic\r\n", "Topic,Status\r\n") + (
    "CC-01,Skills 2025,Coaching conversations,2025-06-04 10:00,2025-06-04 11:30,"
    "Online,online,All staff,20,0,,Skills,\r\n"
    "LAW-07,Skills 2025,Plain English,2025-06-18 10:00,2025-06-18 09:00,Online,online,All staff,20,0,,Skills,\r\n"
    "LAW-12,Skills 2025,Resilience,2025-06-11 14:00,2025-06-11 15:00,Online,online,All staff,20,0,,Skills,Cancelled\r\n"
)
SIGN_IN = "Session ID,Employee ID,Status\r\nCC-01,E002,Present\r\nLAW-07,E004,Present\r\nLAW-12,E003,Present\r\n"
SET_ASIDE = "sessions/catalogue.csv row 3: End '2025-06-18 09:00' is not after Start '2025-06-18 10:00'"


@pytest.fixture(scope="module")
def skills(tmp_path_factory):
    root = tmp_path_factory.mktemp("warnings")
    (root / "raw").mkdir()
    (root / "uptake.toml").write_text(AS_OF, encoding="utf-8")
    put(root, "roster/roster_2025-06-01.csv", ROSTER)
    put(root, "sessions/catalogue.csv", CATALOGUE)
    put(root, "attendance/sign-in.csv", SIGN_IN)
    put(root, "attendance/LAW-07/teams log.csv", (SAMPLES / "teams_legacy_no_session_utf16le.csv").read_bytes())
    outcome = refresh(root)
    assert outcome.published, outcome.failures
    return root, outcome


def test_a_file_in_the_folder_of_a_set_aside_session_says_why(skills):
    root, _ = skills
    reasons = query(root, "select distinct file, reason from quarantine.records where source = 'attendance' order by 1")
    said = (
        f"no session matched: session LAW-07's catalogue row was set aside ({SET_ASIDE}): correct that row and refresh"
    )
    assert reasons == [("attendance/LAW-07/teams log.csv", said), ("attendance/sign-in.csv", said)]
    assert query(
        root,
        "select rows_read, rows_kept, rows_quarantined from audit.files where file = 'attendance/LAW-07/teams log.csv'",
    ) == [
        (5, 0, 5),
    ]


def test_the_refresh_warns_naming_the_catalogue_row_and_the_attendance_files(skills):
    root, outcome = skills
    [warning] = [text for text in outcome.warnings if "no_attendance_for_a_set_aside_session" in text]
    assert warning.startswith("sessions_set_aside__no_attendance_for_a_set_aside_session on staging.attendance: ")
    assert (
        "sessions/catalogue.csv row 3: attendance_files LAW-07 is named by "
        "attendance/LAW-07/teams log.csv, attendance/sign-in.csv" in warning
    )
    listed = query(
        root, "select outcome, examples from audit.checks where check_name = 'no_attendance_for_a_set_aside_session'"
    )
    assert listed == [
        (
            "warned",
            [
                "sessions/catalogue.csv row 3: attendance_files LAW-07 is named by "
                "attendance/LAW-07/teams log.csv, attendance/sign-in.csv"
            ],
        )
    ]


def test_a_cancelled_session_with_attendance_is_a_warning_and_counts_nowhere(skills):
    root, outcome = skills
    [warning] = [text for text in outcome.warnings if "session_not_cancelled" in text]
    assert "attendance/sign-in.csv row 4: cancelled_session LAW-12 (cancelled)" in warning
    assert query(root, "select session_id, attendance_status from core.attendance order by 1") == [
        ("CC-01", "attended"),
        ("LAW-12", "attended"),
    ]
    assert query(root, "select session_id from marts.session_metrics order by 1") == [("CC-01",)]
