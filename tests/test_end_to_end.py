"""One end-to-end refresh on the committed demo data, through the real CLI, asserting the story's figures.

The expected figures are those the demo generator computes from its own model, by the SPEC's
rules, without reading the files (scripts.demo.figures).
"""

import duckdb
import pytest
from typer.testing import CliRunner

from pipelines.cli import app

LAW, ALS, DC = "Learning at Work Week 2025", "Action Learning Sets 2025", "Disability Confident 2025"


@pytest.fixture(scope="module")
def connection(demo):
    """The session's demo warehouse (tests/conftest.py: refreshed once through `uptake refresh`)."""
    with duckdb.connect(str(demo.warehouse), read_only=True) as connection:
        yield connection


def reach(connection, programme: str, *columns: str) -> tuple:
    return connection.execute(
        f"select {', '.join(columns)} from marts.programme_reach where programme = ?", [programme]
    ).fetchone()


def test_the_refresh_says_where_the_reports_are(demo):
    assert "Reports published" in demo.output and (demo.reports / "index.html").exists()


def test_learning_at_work_week_reads_like_the_story(connection):
    assert reach(connection, LAW, "sessions_delivered", "headcount", "participants", "attendances", "guests") == (
        25,
        3004,
        567,
        731,
        24,
    )
    assert reach(connection, LAW, "registrations", "no_shows", "feedback_responses") == (184, 14, 209)
    assert reach(connection, LAW, "page_views", "programme_visits", "unique_visitors", "engaged_people") == (
        4935,
        2160,
        1638,
        1432,
    )
    participation, engaged, nps, rating = reach(
        connection, LAW, "participation_pct", "engaged_pct", "nps", "avg_rating"
    )
    assert participation == pytest.approx(100 * 567 / 3004)
    assert engaged == pytest.approx(100 * 1432 / 3004)  # 47.67%: "48% of the workforce got involved"
    assert nps == pytest.approx(33.49, abs=0.01) and rating == pytest.approx(4.144, abs=0.001)
    texts = [
        row[0]
        for row in connection.execute(
            "select text from marts.ten_things where programme = ? order by rank", [LAW]
        ).fetchall()
    ]
    assert "Over 500 people took part" in texts
    assert "An estimated 48% of the workforce got involved in some way" in texts
    assert "There were over 2,000 visits to the intranet pages" in texts


def test_the_other_programmes(connection):
    assert reach(
        connection, ALS, "sessions_delivered", "headcount", "participants", "attendances", "registrations", "no_shows"
    ) == (18, 363, 25, 138, 154, 16)
    assert reach(connection, DC, "sessions_delivered", "participants", "attendances", "guests", "programme_visits") == (
        3,
        89,
        93,
        3,
        60,
    )
    cohorts = connection.execute(
        "select cohort, members, meetings_held, completed_members from marts.cohort_summary where programme = ? order "
        "by cohort",
        [ALS],
    ).fetchall()
    assert cohorts == [("Set 1", 9, 7, 8), ("Set 2", 8, 6, 8), ("Set 3", 8, 5, 7)]


def test_every_file_is_accounted_for(connection):
    unbalanced = connection.execute(
        "select file from audit.files where rows_read <> rows_kept + rows_quarantined"
    ).fetchall()
    assert unbalanced == []
    skipped = dict(connection.execute("select file, reason from audit.files where status = 'skipped'").fetchall())
    assert skipped, "the demo has a junk file and a duplicate export that must be skipped"
    logs = dict(
        connection.execute(
            "select file, rows_read || '/' || rows_quarantined from audit.files where source = 'intranet'"
        ).fetchall()
    )
    assert logs == {
        "intranet/access.log": "2757/8",
        "intranet/access.log-20250616.gz": "9627/13",
        "intranet/u_ex250515.log": "5424/1",
    }


def test_a_session_without_attendance_is_flagged(connection):
    missing = connection.execute(
        "select session_id from marts.session_metrics where not has_attendance_data order by session_id"
    ).fetchall()
    assert missing == [("LAW-12",), ("LW24-08",)]  # this year's and last year's (the demo's two-year story)


@pytest.mark.parametrize(
    "arguments, status, message",
    [
        (["refresh", "--config", "missing.toml"], 2, "does not exist"),
        (["refresh", "--raw", "no/such/folder"], 2, "does not exist"),
        (["refresh", "--bogus"], 2, "No such option"),
    ],
)
def test_bad_usage_is_exit_status_2(workspace, monkeypatch, arguments, status, message):
    monkeypatch.chdir(workspace)
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == status
    assert message in result.output
