"""Attack: the set-aside catalogue check (SPEC section 6) must still warn when another attendance file has a
row quarantined whole, whose record is kept as the raw line rather than JSON.

Same Skills 2025 scenario as test_catalogue_warnings, plus a Zoom report for CC-01 (4 June) whose second join has
the impossible date 06/31/2025: that row is quarantined with its raw CSV line as the record. The check read every
attendance record as JSON and failed ("Malformed JSON"), so the warning naming LAW-07 never appeared.
"""

from tests.attendance.scenario import AS_OF, ROSTER
from tests.attendance.test_catalogue_warnings import CATALOGUE, SIGN_IN
from tests.conftest import put, query, refresh

ZOOM = (
    "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants,\r\n"
    "841 2290 6613,Coaching conversations,06/04/2025 10:00:00 AM,06/04/2025 11:30:00 AM,host@example.gov.uk,90,2,\r\n"
    "\r\n"
    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent\r\n"
    "Guest One,guest.one@example.org,06/04/2025 10:00:00 AM,06/04/2025 11:30:00 AM,90,Yes,Y\r\n"
    "Guest Two,guest.two@example.org,06/31/2025 10:05:00 AM,06/04/2025 11:30:00 AM,85,Yes,Y\r\n"
)


def test_the_set_aside_warning_survives_a_raw_line_in_the_attendance_quarantine(tmp_path):
    (tmp_path / "raw").mkdir()
    (tmp_path / "uptake.toml").write_text(AS_OF, encoding="utf-8")
    put(tmp_path, "roster/roster_2025-06-01.csv", ROSTER)
    put(tmp_path, "sessions/catalogue.csv", CATALOGUE)
    put(tmp_path, "attendance/sign-in.csv", SIGN_IN)
    put(tmp_path, "attendance/participants_84122906613.csv", ZOOM)

    outcome = refresh(tmp_path)

    assert outcome.published, outcome.failures
    set_aside_rows = "select row_number, column_name from quarantine.records where file like '%84122906613%'"
    assert query(tmp_path, set_aside_rows) == [(6, "Join Time")]
    [warning] = [text for text in outcome.warnings if "no_attendance_for_a_set_aside_session" in text]
    assert "Malformed JSON" not in warning
    assert "attendance_files LAW-07 is named by attendance/sign-in.csv" in warning
