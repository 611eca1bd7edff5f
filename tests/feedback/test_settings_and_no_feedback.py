"""The [feedback] question settings reach the parser; a refresh with no feedback at all still builds every mart."""

from __future__ import annotations

import shutil

from tests.marts.scenario import LAW, query, run, write_raw

OWN_WORDING = (
    '"Timestamp","Session attended","How useful was it (1-5)?","Would you tell a friend? (0-10)","Comments"\n'
    '"2025/06/04 3:30:00 PM GMT+1","LAW-03","Excellent","10","Brilliant, ring me on 01632 960001"\n'
)
SETTINGS = """
[refresh]
as_of = 2025-06-20T12:00:00

[feedback]
session = "Session attended"
rating = "How useful was it (1-5)?"
recommend = "Would you tell a friend? (0-10)"
"""


def test_question_wordings_from_the_settings(tmp_path):
    write_raw(tmp_path / "raw")
    shutil.rmtree(tmp_path / "raw" / "feedback")
    (tmp_path / "raw" / "feedback").mkdir()
    (tmp_path / "raw" / "feedback" / "own_form.csv").write_bytes(OWN_WORDING.encode("utf-8"))
    warehouse = run(tmp_path, SETTINGS)

    assert query(
        warehouse, "select session_id, rating, recommend, comment, submitted_at::varchar from core.responses"
    ) == [
        ("LAW-03", 5, 10, "Brilliant, ring me on [phone number removed]", "2025-06-04 15:30:00"),
    ]
    assert query(warehouse, "select count(*) from quarantine.records where source = 'feedback'") == [(0,)]


def test_no_feedback_files(tmp_path):
    write_raw(tmp_path / "raw")
    shutil.rmtree(tmp_path / "raw" / "feedback")
    warehouse = run(tmp_path)

    assert query(warehouse, "select count(*) from core.responses") == [(0,)]
    assert query(
        warehouse,
        "select feedback_responses, response_rate_pct, avg_rating, nps, engaged_people from marts.programme_reach "
        "where programme = ?",
        [LAW],
    ) == [(0, 0.0, None, None, 528)]
    metrics = [
        metric
        for (metric,) in query(
            warehouse, "select metric from marts.ten_things where programme = ? order by rank", [LAW]
        )
    ]
    # Without feedback the engaged people are the 528 participants: "48% got involved" would repeat "48% took part".
    assert metrics == [
        "participants",
        "participation_pct",
        "sessions_delivered",
        "busiest_session",
        "cost_per_participant_gbp",
        "repeat_attenders",
        "managers_participation_pct",
        "satellite_share_pct",
        "attendances",
        "fill_rate_pct",
    ]
    assert query(warehouse, "select text from marts.ten_things where metric = 'satellite_share_pct'") == [
        ("31% of in-person attendances were at satellite sites, away from Civic Centre",),  # Depot: 78 of 248
    ]
