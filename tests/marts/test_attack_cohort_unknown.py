"""Attack: a cohort whose meetings partly have no attendance data has a completion that is not known; the
"10 things" page must not say "0% of cohort members came to at least 80% of their meetings" (SPEC section 3:
a thing that states an unknown as 0 is not worth saying).

Set 1 (AS_OF 30 June 2025) met five times in May; sign-in sheets exist for the first three meetings only, and
the same six employees (E001-E006) were present at each. Nobody can reach 4 of 5 on the data there is, yet all
six may well have come to every meeting: the completion is unknown, not 0%. In the demo, Action Learning Sets
2025 (12 of 30 meetings without a sign-in sheet) says exactly that "0%" on its ten-things page.
"""

from tests.attendance.scenario import AS_OF, CATALOGUE_HEADER, ROSTER
from tests.conftest import put, query, refresh

HEADER = CATALOGUE_HEADER.replace("Topic\r\n", "Topic,Cohort\r\n")
CATALOGUE = HEADER + "".join(
    f"ALS-0{n},Sets 2025,Set 1 meeting {n},2025-05-0{n} 10:00,2025-05-0{n} 12:00,Civic Centre,in person,"
    f"All staff,8,0,,Leadership,Set 1\r\n"
    for n in range(1, 6)
)


def test_completion_is_not_said_to_be_zero_when_meetings_have_no_data(tmp_path):
    (tmp_path / "raw").mkdir()
    (tmp_path / "uptake.toml").write_text(AS_OF, encoding="utf-8")
    put(tmp_path, "roster/roster_2025-04-01.csv", ROSTER)
    put(tmp_path, "sessions/catalogue.csv", CATALOGUE)
    for n in range(1, 4):
        rows = "".join(f"ALS-0{n},E00{person},Present\r\n" for person in range(1, 7))
        put(tmp_path, f"attendance/set 1 meeting {n}.csv", "Session ID,Employee ID,Status\r\n" + rows)

    outcome = refresh(tmp_path)

    assert outcome.published, outcome.failures
    # Three of five meetings with data: 3 attended, and 3 + 2 could reach 4 of 5, so nobody's completion is known.
    assert query(
        tmp_path,
        "select members, meetings_held, meetings_with_data, completed_members, completion_pct"
        " from marts.cohort_summary",
    ) == [(6, 5, 3, None, None)]
    assert query(tmp_path, "select distinct meetings_attended, completed from marts.cohort_members") == [(3, None)]
    said = query(tmp_path, "select text from marts.ten_things where metric = 'cohort_completion_pct'")
    assert not [text for (text,) in said if text.startswith("0%")]
