"""Attack: a programme whose intranet window no log covers at all has intranet figures that are not known; the
pages must not read "at least 0.0 intranet visits per session" (SPEC section 3 "Log coverage"; not known is never 0).

Skills 2025 (AS_OF 30 June 2025): CC-01 on 4 May with Intranet Path /learning/skills, a sign-in sheet; the only
intranet log is the Apache sample, dated 3 June 2025, outside the window 20 April - 18 May. In the demo, setting
[programmes."Learning at Work Week 2024"] intranet_prefix gives "at least 0.0" on index.html and the dashboard.
"""

import re

from tests.attendance.scenario import AS_OF, CATALOGUE_HEADER, ROSTER
from tests.conftest import put, query, refresh, sample

CATALOGUE = CATALOGUE_HEADER + (
    "CC-01,Skills 2025,Coaching,2025-05-04 10:00,2025-05-04 11:30,Online,online,All staff,20,0,"
    "/learning/skills,Skills\r\n"
)


def test_a_window_no_log_covers_reads_not_known(tmp_path):
    (tmp_path / "raw").mkdir()
    (tmp_path / "uptake.toml").write_text(AS_OF, encoding="utf-8")
    put(tmp_path, "roster/roster_2025-04-01.csv", ROSTER)
    put(tmp_path, "sessions/catalogue.csv", CATALOGUE)
    put(tmp_path, "attendance/sign-in.csv", "Session ID,Employee ID,Status\r\nCC-01,E002,Present\r\n")
    sample(tmp_path, "apache_combined.log", "intranet/access.log")

    outcome = refresh(tmp_path)

    assert outcome.published, outcome.failures
    assert query(
        tmp_path,
        "select page_views, programme_visits, unique_visitors, visits_per_session, log_uncovered_days"
        " from marts.programme_reach",
    ) == [(None, None, None, None, 29)]
    pages = {}
    for page in ("index.html", "skills-2025/index.html"):
        pages[page] = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", (tmp_path / "reports" / page).read_text("utf-8")))
        assert not re.search(r"at least\s+0(\.0)?\s", pages[page]), page
    assert "intranet visits per session not known: no intranet log covers the window" in pages["index.html"]
    assert (
        "not known intranet visits per session Not known: no intranet log covers the window, so its visits cannot be "
        "counted. Data: intranet logs, 20 April 2025 to 18 May 2025"
    ) in pages["skills-2025/index.html"]
