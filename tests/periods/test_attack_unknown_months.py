"""Attack: on the year page a month whose delivered sessions have no attendance data at all is not known, never 0
(SPEC sections 3 and 5: "Not known is never shown as 0").

Skills 2025 (AS_OF 30 June 2025, year from 1 April): CC-01 on 4 May has a sign-in sheet (E002, E003 present);
CC-02 on 4 June took place but no attendance file was found. June's attendances and participants are unknown.
"""

import re
from datetime import date

from tests.attendance.scenario import AS_OF, CATALOGUE_HEADER, ROSTER
from tests.conftest import put, query, refresh

CATALOGUE = CATALOGUE_HEADER + (
    "CC-01,Skills 2025,Coaching 1,2025-05-04 10:00,2025-05-04 11:30,Online,online,All staff,20,0,,Skills\r\n"
    "CC-02,Skills 2025,Coaching 2,2025-06-04 10:00,2025-06-04 11:30,Online,online,All staff,20,0,,Skills\r\n"
)


def test_a_month_without_attendance_data_is_not_known(tmp_path):
    (tmp_path / "raw").mkdir()
    (tmp_path / "uptake.toml").write_text(AS_OF, encoding="utf-8")
    put(tmp_path, "roster/roster_2025-04-01.csv", ROSTER)
    put(tmp_path, "sessions/catalogue.csv", CATALOGUE)
    sheet = "Session ID,Employee ID,Status\r\nCC-01,E002,Present\r\nCC-01,E003,Present\r\n"
    put(tmp_path, "attendance/sign-in.csv", sheet)

    outcome = refresh(tmp_path)

    assert outcome.published, outcome.failures
    months = "select month, sessions_delivered, attendances, participants, new_participants, cumulative_participants"
    assert query(tmp_path, months + " from marts.period_monthly where period = '2025/26' order by month") == [
        (date(2025, 4, 1), 0, 0, 0, 0, 0),  # no session: a true 0
        (date(2025, 5, 1), 1, 2, 2, 2, 2),
        (date(2025, 6, 1), 1, None, None, None, 2),  # not known; the participants so far carry forward
    ]
    html = (tmp_path / "reports" / "2025-26" / "index.html").read_text(encoding="utf-8")
    page = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "June 2025 1 not known not known not known 2" in page
