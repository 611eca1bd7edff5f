"""Corrections: a quarantined or unlinked record moves into the figures once the officer adds a line and the
tables are built again."""

import csv

from tests.conftest import SAMPLES, materialize, put, query, sample

ZOOM_RENAMED = (
    SAMPLES.joinpath("zoom_participants_meeting_block.csv")
    .read_bytes()
    .replace(b"Coaching conversations", b"Coaching convos (rescheduled)")
)
# What a correction moves: the audit of the file, the figures, and the suggestions (with corrections-to-review.csv).
TABLES = ("audit.files", "marts.session_metrics", "audit.correction_suggestions")


def test_a_correction_moves_records_from_the_quarantine_into_the_figures(workspace):
    sample(workspace, "roster.csv", "roster/roster_2025-04-01.csv")
    sample(workspace, "sessions.csv", "sessions/sessions.csv")
    put(workspace, "attendance/participants_84122906613.csv", ZOOM_RENAMED)
    materialize(workspace, *TABLES)

    # The renamed meeting matches no session: its 4 rows are quarantined, nothing is counted.
    assert query(
        workspace, "select rows_read, rows_kept, rows_quarantined from audit.files where file like '%participants%'"
    ) == [(4, 0, 4)]
    assert query(workspace, "select attendances from marts.session_metrics where session_id = 'LAW-07'") == [(0,)]
    suggestions = query(workspace, "select kind, value, records from audit.correction_suggestions")
    assert suggestions == [("session", "Coaching convos (rescheduled)", 4)]
    review = workspace / "warehouse" / "corrections-to-review.csv"
    assert list(csv.reader(review.open(encoding="utf-8-sig")))[1][:3] == [
        "session",
        "Coaching convos (rescheduled)",
        "",
    ]

    # The officer adds the line the data-quality page suggests: the rows move into the figures.
    put(workspace, "corrections/corrections.csv", "Kind,Value,Maps To\nsession,Coaching convos (rescheduled),LAW-07\n")
    materialize(workspace, *TABLES)
    assert query(workspace, "select rows_kept, rows_quarantined from audit.files where file like '%participants%'") == [
        (4, 0)
    ]
    # Ngozi and Tom (linked by e-mail) and the "iPhone" guest: three people present.
    assert query(workspace, "select attendances, guests from marts.session_metrics where session_id = 'LAW-07'") == [
        (3, 1)
    ]
    assert query(workspace, "select kind, value from audit.correction_suggestions") == [("person", "iPhone")]

    # The guest on an iPhone is Tom Baker (E01235): a person correction links it; Tom is counted once.
    put(
        workspace,
        "corrections/corrections.csv",
        "Kind,Value,Maps To\nsession,Coaching convos (rescheduled),LAW-07\nperson,iPhone,E01235\n",
    )
    materialize(workspace, *TABLES)
    assert query(workspace, "select attendances, guests from marts.session_metrics where session_id = 'LAW-07'") == [
        (2, 0)
    ]
    assert query(workspace, "select count(*) from audit.correction_suggestions") == [(0,)]
